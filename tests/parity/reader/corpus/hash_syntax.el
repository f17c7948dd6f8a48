;;; hash_syntax.el --- the # syntaxes
#x1F #X1f #x-1f #x+f #xFFFFFFFFFFFFFFFFFFFF #o17 #O17 #b101 #B101 #b-101
#24r1k #2r101 #36rZZ #16rFF #10r99 #x0 #x00ff
##
#:foo #:1 #:a\ b #:
#_foo #_1
#$
#s(foo 1 2)
#s(nil)
#s(point 1 2 (3 4))
#s(hash-table test equal data (a 1 b 2))
#s(hash-table data (a 1 a 2))
#s(hash-table size 2 data (a 1 b 2 c 3))
#s(hash-table size 0 data ())
#s(hash-table test eq size 3 data (x y))
#s(hash-table weakness key data (k v))
#s(hash-table rehash-size 2.0 rehash-threshold 0.5 data (1 2))
#s(hash-table purecopy t)
#s(hash-table size 10 data (0 0 1 1 2 2 3 3 4 4 5 5 6 6 7 7 8 8 9 9 10 10 11 11 12 12 13 13 14 14 15 15 16 16 17 17 18 18 19 19))
#s(hash-table test equal data ("k" (1 2) [v] #s(r 1)))
#("abc" 0 1 (face bold))
#("abc" 0 1 (face bold) 1 3 (face italic))
#("abcd" 0 4 (a 1) 1 2 (b 2))
#("abc" 0 1 (a 1) 0 1 nil)
#("abc" 0 1 (a 1) 1 2 (a 1))
#("abc" 2 1 (x y))
#("" )
#("plain")
#&5"\37"
#&8"a"
#&9"a\0"
#&16"ab\0"
#&0""
#&10"\377\3"
#&3"\377"
#[(x) "\300\207" [x] 1]
#[257 "\300\207" [] 2 "doc"]
#[(a b) "\10\211\\\207" [a b] 2 "Add.\n\n(fn A B)"]
#@00 everything after this is skipped (unreadable ) ] "
