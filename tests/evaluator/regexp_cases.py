"""(regexp, string, case-fold-search) cases for the regexp translation, as Emacs sees them.

The expected match data come from real Emacs 28.2: ``make_regexp_golden.py``
writes ``regexp_golden.json``; ``test_regexp.py`` compares and re-checks live.
"""

CASES: list[tuple[str, str, bool]] = [
    # literal specials: ( ) | { } mean themselves
    ("(a|b)", "x(a|b)y", False),
    ("a{2}", "aa a{2}", False),
    ("\\(a\\|b\\)+", "xxabba", False),
    ("\\(?:ab\\)\\{2\\}", "abababab", False),
    ("a\\{2,3\\}", "aaaa", False),
    ("a\\{,2\\}b", "aaab", False),
    ("a\\{2,\\}", "a aaaaa", False),
    # groups, explicit numbers, backreferences
    ("\\(a\\)\\(b\\)?c", "ac", False),
    ("\\(a\\)\\(x\\)?\\(c\\)", "ac", False),
    ("\\(?2:x\\)\\(y\\)", "xy", False),
    ("\\(?3:a\\)\\(b\\)", "ab", False),
    ("\\(\\w+\\) \\1", "hello hello world", False),
    ("\\([a-z]\\)\\1", "abccd", False),
    # anchors in and out of context
    ("^abc", "abc", False),
    ("^b", "a\nb", False),
    ("a^b", "a^b", False),
    ("a$", "a\nb", False),
    ("a$b", "a$b", False),
    ("\\(^a\\|b$\\)", "cb", False),
    ("\\`a", "ba", False),
    ("b\\'", "b\n", False),
    ("b\\'", "ab", False),
    ("x*", "", False),
    # repetition at the start is literal
    ("*a", "x*a", False),
    ("+a", "+a", False),
    ("\\(*b\\)", "a*b", False),
    ("a**", "aaa", False),
    ("a+?", "aaa", False),
    ("a*?b", "aaab", False),
    # character classes and brackets
    ("[[:alpha:]]+", "123abcé4", False),
    ("[[:digit:]]+", "ab123", False),
    ("[[:space:]]+", "a \t\nb", False),
    ("[[:upper:]]+", "abCDe", False),
    ("[[:upper:]]+", "abCDe", True),
    ("[[:alnum:]_-]+", "--foo_bar-9!", False),
    ("[^[:space:]]+", "  word  ", False),
    ("[]a]+", "x]a]b", False),
    ("[^]a]+", "]]bcd", False),
    ("[a-]+", "x-a-b", False),
    ("[\\]+", "a\\\\b", False),
    ("[.*+?]+", "a.*+?b", False),
    ("[[:punct:]]+", "ab!?,c", False),
    ("[[:xdigit:]]+", "xyz0fA9g", False),
    # syntax classes, words, symbols
    ("\\w+", "foo_bar", False),
    ("\\W+", "foo  bar", False),
    ("\\s-+", "a \t b", False),
    ("\\S-+", "  ab c", False),
    ("\\sw+", "héllo wörld", False),
    ("\\s_+", "a+-*b", False),
    ("\\bfoo\\b", "a foo_bar foo", False),
    ("\\<bar", "foobar bar", False),
    ("oo\\>", "foox foo", False),
    ("\\_<foo-bar\\_>", "xfoo-bar foo-bar", False),
    ("\\Bo\\B", "foo", False),
    ("\\w+", "a$%b", False),
    # case folding
    ("smtp", "SMTP.example.com", True),
    ("smtp", "SMTP.example.com", False),
    ("[a-z]+", "ABC", True),
    ("\\(gmail\\|outlook\\)\\.com$", "user@Gmail.com", True),
    # dot, newline, escapes
    ("a.c", "a\nc abc", False),
    ("\\.el\\'", "init.el", False),
    ("\\.el\\(\\.gz\\)?\\'", "foo.el.gz", False),
    ("^\\([^@]+\\)@\\(.*\\)$", "alice@example.org", False),
    ("\\$HOME", "x$HOME", False),
    ("a\\|b\\|", "c", False),
    ("\\(?:\\)", "x", False),
    ("[[:ascii:]]+", "abcé", False),
    ("[[:nonascii:]]+", "abcéü", False),
]
