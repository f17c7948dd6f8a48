;;; lists.el --- lists, dotted pairs, vectors and quotes
()
(a)
(a b c)
(a . b)
(a b . c)
(a . (b c))
(a . (b . (c . nil)))
( . x)
(. y)
(a .b)
(a .)
(.)
(a .;comment
 b)
(a .'b)
(a .?b)
(a .,b)
(a .`b)
(a .#'b)
(a ."s")
(a .[v])
(a .(b))
(a
 b

 c)
((a b) (c (d (e))))
[]
[a b c]
[a [b [c]] (d)]
[(a . b) "s" ?c 1.5]
'x
'(a b)
''x
'(quote x)
'(quote x y)
'(quote)
'(quote . x)
#'car
#'(lambda (x) x)
(function f)
(function f g)
`(a ,b ,@c)
`(a (b ,(c ,d)))
`,x
`,@x
,x
,@x
'(\, x)
(\, x)
`(\, x)
(\` x)
(\` x . y)
(\` x y)
`(a . ,b)
`[a ,b]
,.x
(a'b)
(a`b)
(a,b)
(a"s"b)
(a;c
b)
(a#'b)
