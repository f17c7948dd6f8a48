;; positions: form feeds, NBSP, CR and odd whitespace
(a)
 (b)
		(c) (d)
   ;; comment
  e
f
g
;;;
  [vec
   tor]
  "multi
line"  '
  quoted
#!skip this line
(after-bang)
  ?a  ?b
