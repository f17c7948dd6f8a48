;;; strings.el --- string syntax and escapes
"plain" "" "with \"quotes\" and \\backslash"
"newline
inside" "tab	inside" "form feedinside" "cr
"
"\n\t\r\f\v\a\b\e\d\s \\"
"a\
b" "a\ b" "\
"
"\x41\x42" "\x0041" "\x" "\xg" "\xe9" "\x0e9" "\x3fffff" "\xff" "\x80"
"\101\102" "\0" "\7" "\10" "\177" "\200" "\377" "\1010"
"\u00e9" "\u20AC" "\U0001F600" "\U00000041" "\u0041x"
"\N{LATIN SMALL LETTER E WITH ACUTE}" "\N{U+E9}" "\N{U+1F600}" "\N{latin small letter a}"
"\N{LATIN  SMALL LETTER
  A}" "\N{HANGUL SYLLABLE GA}" "\N{KISS}" "\N{GREEK SMALL LETTER LAMDA}"
"\C-a" "\^b" "\C-?" "\^?" "\C- " "\M-a" "\M-\C-a" "\C-\M-b" "\S-a" "\S-A" "\s-a"
"café" "λx" "日本" "😀" "mixed é\xe9" "ascii\xe9only"
"\q\w\z\!\%\(\)" "ends with backslash-newline\
"
"\e[1m bold \e[0m"
"	"
