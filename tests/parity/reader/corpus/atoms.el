;;; atoms.el --- integers, floats and symbols that look almost like numbers
0 1 -1 +1 -0 +0 1. -1. +1. 007 08
123456789012345678901234567890 -98765432109876543210
1.5 .5 -.5 +.5 5. 1e5 1E5 1.e5 1e+5 1e-6 1.5e-10 -1e-0 2.5e3 1e20 1e15 1e16 100000.0 123456.0
1.0e+INF -1.0e+INF 1.5e+INF 0.0e+INF 0.0e+NaN -0.0e+NaN +1.5e+NaN 1e+INF 1.0E+INF
-0.0 0.0 0.1 0.3333333333333333 1.7976931348623157e308 5e-324 2.2250738585072014e-308
123456789012345678.0 1e100 1e-5 0.0001 3.14159
1+ 1- -1+ +. -. . 1e 1e+ .5e 1.5. 1.5.5 1..5 -- ++ +- .e1 1.e 0x10 1_0 1/2 1,
- + * / % < > = <= >= /= 1+1 ..
foo foo-bar foo/bar foo:bar :keyword :1 nil t \nil
a\ b \,foo \1 \-1 \.5 \+1 \n a\(b\) \"q\" \; \# \' \` \[x\] a\\b
a?b a.b a? a. ?a\ b
été λ 日本語 emoji😀 a b
foo\
bar
1+1e5 1e5x 1.5e+INFx x1.5
