"""Builtins give what Emacs 28.2 gives: every expression evaluated in one Emacs
batch process and in our interpreter, values compared with ``equal``."""

from __future__ import annotations

from pathlib import Path

import pytest

from elconf.equality import lisp_equal
from elconf.errors import LispSignal
from elconf.interpreter import Interpreter
from elconf.reader import read_from_string
from elconf.types import Cons, intern, lisp_list
from tests.evaluator.emacs_oracle import emacs_values

EXPRESSIONS = [
    # format
    '(format "%s|%S|%d|%5d|%-5d|%05d" "a" "a" 42 42 42 42)',
    '(format "%x %X %o %c %%" 255 255 8 ?A)',
    '(format "%.2f %e %g %g %g" 3.14159 12345.678 0.0001 100000.0 1e10)',
    '(format "%5.1f|%-8.3s|%8s" 2.25 "abcdef" "xy")',
    '(format "%s %s %s" nil t \'sym)',
    '(format "%S" \'("a" b 1.5 (c . d)))',
    '(format "%2$s %1$s" "world" "hello")',
    '(format "%d" 3.9)',
    '(format "%s" 1.0)',
    '(format "%+d % d" 5 5)',
    '(format-message "`%s\'" "x")',
    # strings
    '(concat "a" nil \'(98 99) [100])',
    '(list (string= "a" "a") (string-equal \'abc "abc") (string< "a" "b"))',
    '(list (string-prefix-p "ab" "abc") (string-suffix-p "bc" "abc") (string-prefix-p "AB" "abc" t))',
    '(list (substring "hello" 1 3) (substring "hello" -3) (substring "hello" 2))',
    '(list (upcase "abc") (downcase "ABC") (capitalize "hello wORLD") (upcase ?a))',
    '(list (number-to-string 42) (number-to-string 1.5) (number-to-string 1e21) (number-to-string 0.1))',
    '(list (string-to-number "42") (string-to-number " 1.5e2x") (string-to-number "abc") (string-to-number "ff" 16) (string-to-number "1.") (string-to-number "-7"))',
    '(split-string "  two words  here ")',
    '(split-string "a,b,,c" ",")',
    '(list (split-string "abc" "") (split-string "a  b" " ") (split-string "" ",") (split-string ",a," ",") (split-string "  a  ") (split-string "a b" "x*"))',
    '(list (require \'subr-x) (string-trim "\n x \t") (string-trim-left "  ") (string-remove-prefix "ab" "abc") (string-remove-suffix "bc" "abc"))',
    '(split-string "a,b,,c" "," t)',
    '(split-string " a , b " "," t "[ ]+")',
    '(list (string-trim "  x y  ") (string-trim-left "xxy" "x+") (string-trim-right "abc  "))',
    '(progn (require \'subr-x) (string-join \'("a" "b" "c") ", "))',
    '(mapconcat #\'identity \'("a" "b") "-")',
    '(mapconcat (lambda (x) (format "%d" x)) \'(1 2 3) "")',
    '(replace-regexp-in-string "o" "0" "foo boo")',
    '(replace-regexp-in-string "\\\\([a-z]+\\\\)@" "<\\\\1>@" "alice@example.org")',
    '(replace-regexp-in-string "^" "> " "a\\nb")',
    '(replace-regexp-in-string "x" "y" "XxX")',
    '(replace-regexp-in-string "hello" "bye" "Hello HELLO hello")',
    '(replace-regexp-in-string "a" "\\\\&\\\\&" "banana")',
    '(replace-regexp-in-string "[aeiou]" #\'upcase "banana")',
    '(list (replace-regexp-in-string "a" "x" "aaa" nil nil nil 1) (replace-regexp-in-string "" "-" "abc") (replace-regexp-in-string "b*" "-" "abc") (replace-regexp-in-string "c$" "X" "abc") (replace-regexp-in-string "x" "y" ""))',
    '(list (string-match "b+" "abbbc") (match-beginning 0) (match-end 0))',
    '(progn (string-match "\\\\([a-z]+\\\\)@\\\\([a-z.]+\\\\)" "mail alice@example.org") (list (match-string 1 "mail alice@example.org") (match-string 2 "mail alice@example.org") (match-data)))',
    '(list (string-match-p "^[0-9]+$" "123") (string-match-p "X" "abc"))',
    '(let ((case-fold-search nil)) (string-match "A" "xa"))',
    '(list (require \'subr-x) (string-empty-p "") (string-blank-p " \\t") (string-to-list "ab") (string-to-char "A"))',
    '(regexp-quote "a.b*c")',
    '(list (string-search "b" "abc") (string-replace "a" "x" "banana"))',
    '(list (char-to-string 65) (make-string 3 ?x) (string ?a ?b))',
    # lists
    '(list (car \'(1 2)) (cdr \'(1 2)) (car nil) (cadr \'(1 2 3)) (cddr \'(1 2 3)) (caar \'((1) 2)))',
    '(list (nth 1 \'(a b c)) (nth 5 \'(a b)) (nthcdr 2 \'(a b c)) (last \'(1 2 3)) (butlast \'(1 2 3)))',
    '(list (length \'(1 2 3)) (length "abc") (length [1 2]) (reverse \'(1 2 3)) (append \'(1) \'(2) \'(3 . 4)))',
    '(list (memq \'b \'(a b c)) (member "b" \'("a" "b")) (assq \'b \'((a . 1) (b . 2))) (assoc "b" \'(("a" . 1) ("b" . 2))))',
    '(list (plist-get \'(:a 1 :b 2) :b) (plist-put (list :a 1) :b 2) (plist-put (list :a 1) :a 3))',
    '(list (alist-get \'b \'((a . 1) (b . 2))) (alist-get "b" \'(("b" . 2)) nil nil #\'equal) (alist-get \'z \'((a . 1)) 9))',
    '(list (delete 2 (list 1 2 3 2)) (remove "a" \'("a" "b")) (delq nil (list 1 nil 2)) (delete-dups (list 1 2 1 3 2)))',
    '(list (number-sequence 1 5) (number-sequence 0 10 3) (number-sequence 5 1 -2))',
    '(list (require \'cl-lib) (mapcar #\'1+ \'(1 2 3)) (mapcar #\'car \'((a) (b))) (seq-filter #\'cl-evenp \'(1 2 3 4)))',
    '(list (car-safe 1) (cdr-safe \'(1 . 2)) (nconc (list 1 2) (list 3)) (copy-sequence \'(1 2)))',
    '(sort (list 3 1 2) #\'<)',
    '(list (flatten-tree \'(1 (2 (3 nil 4)) 5)) (rassq 2 \'((a . 1) (b . 2))))',
    # numbers
    '(list (+ 1 2 3) (- 10 1 2) (- 5) (* 2 3.0) (/ 7 2) (/ -7 2) (/ 7 2.0) (% 7 3) (% -7 3) (mod -7 3) (mod 7.5 2))',
    '(list (1+ 1) (1- 1.5) (max 1 2.0 3) (min 3 1 2) (abs -4) (float 3) (truncate 2.7) (floor -2.5) (ceiling 2.1) (round 2.5) (round 3.5))',
    '(list (= 1 1.0) (< 1 2 3) (<= 1 1 2) (> 3 2 2) (>= 3 3 1) (/= 1 2) (zerop 0) (natnump -1))',
    '(list (eq 1 1) (eql 1.0 1.0) (equal "a" "a") (equal \'(1 (2)) \'(1 (2))))',
    '(list (expt 2 10) (expt 2.0 3) (logand 12 10) (logior 12 10) (ash 1 4) (ash 16 -2))',
    '(/ 1 0)',
    '(car 1)',
    '(substring "abc" 2 1)',
    '(nth -1 \'(1 2))',
    # symbols, types, versions
    '(list (symbolp \'a) (symbolp nil) (keywordp :k) (stringp "s") (consp nil) (listp nil) (atom 1) (null nil) (numberp 1.5) (integerp 1) (floatp 1))',
    '(list (symbol-name \'foo) (intern "bar") (boundp \'emacs-version) (fboundp \'car) (functionp \'car) (functionp (lambda (x) x)))',
    '(list (version< "27.1" "28.2") (version<= "28.2" "28.2") (version< "28.2" "28.10") (version< "1.0pre1" "1.0") (version= "1.0" "1.0.0"))',
    '(list emacs-major-version (>= emacs-major-version 28) system-type (featurep \'emacs))',
    '(let ((x 1)) (list (boundp \'x) (symbol-value \'x)))',
    '(condition-case e (signal \'wrong-type-argument \'(stringp 1)) (error e))',
    '(condition-case e (error "Bad %s: %d" "thing" 3) (error (error-message-string e)))',
    '(condition-case e (car \'a) (error (error-message-string e)))',
    '(prin1-to-string \'(1 "two" three))',
    '(prin1-to-string "a\\"b" t)',
    '(read "(a . b)")',
    '(read-from-string "foo bar" 3)',
    # hooks: add-hook knows what a hook holds without walking it (HookIndex), and a list
    # changed in place since (setcar, setcdr, nconc, setf) is looked at afresh
    "(progn (defvar elc-h1 nil) (add-hook 'elc-h1 'a) (add-hook 'elc-h1 'b) (add-hook 'elc-h1 'a) elc-h1)",
    "(progn (defvar elc-h2 nil) (add-hook 'elc-h2 'a) (add-hook 'elc-h2 'b) (setcar elc-h2 'c) (add-hook 'elc-h2 'b) elc-h2)",
    "(progn (defvar elc-h3 nil) (add-hook 'elc-h3 'a) (add-hook 'elc-h3 'b) (setcdr elc-h3 nil) (add-hook 'elc-h3 'a) elc-h3)",
    "(progn (defvar elc-h4 nil) (add-hook 'elc-h4 'a) (nconc elc-h4 (list 'b)) (add-hook 'elc-h4 'b) elc-h4)",
    "(progn (defvar elc-h5 nil) (add-hook 'elc-h5 'a) (add-hook 'elc-h5 'b) (setf (car elc-h5) 'z) (add-hook 'elc-h5 'b) elc-h5)",
    "(progn (defvar elc-h6 nil) (add-hook 'elc-h6 'a t) (add-hook 'elc-h6 'b t) (add-hook 'elc-h6 'a t) elc-h6)",
    "(progn (defvar elc-h7 nil) (let ((f (lambda () 1))) (add-hook 'elc-h7 f) (add-hook 'elc-h7 f) (length elc-h7)))",
    # files (same HOME on both sides)
    '(list (expand-file-name "~/x") (expand-file-name "a/../b" "/tmp/") (expand-file-name "/a/./b//c/") (expand-file-name "foo" "~/dir"))',
    '(list (file-name-as-directory "/a/b") (directory-file-name "/a/b/") (file-name-directory "/a/b/c.el") (file-name-nondirectory "/a/b/c.el"))',
    '(list (file-name-extension "x.tar.gz") (file-name-sans-extension "/a/b.c.el") (file-name-base "/a/b.el") (file-name-extension ".emacs") (file-name-extension "foo" t))',
    '(list (file-exists-p "/") (file-directory-p "/") (file-exists-p "/no/such/file") (file-name-absolute-p "~/x") (file-name-absolute-p "x"))',
    '(abbreviate-file-name (expand-file-name "~/mail"))',
    '(locate-user-emacs-file "elpa")',
    '(list (getenv "HOME") (getenv "NO_SUCH_VARIABLE_XYZ"))',
]


def _ours(ip: Interpreter, text: str) -> object:
    try:
        return ip.eval(read_from_string(text, 0)[0])
    except LispSignal as exc:
        return lisp_list([intern("ERROR"), exc.symbol])


@pytest.mark.emacs
def test_builtins_match_emacs(home: Path) -> None:
    expected = emacs_values(EXPRESSIONS, home)
    ip = Interpreter(home=home, env={"HOME": str(home)})
    ip.startup()
    mismatches = []
    for text, want in zip(EXPRESSIONS, expected):
        got = _ours(ip, text)
        if not lisp_equal(got, want):
            from elconf.printer import prin1_to_string

            mismatches.append(f"{text}\n   emacs: {prin1_to_string(want)}\n   ours:  {prin1_to_string(got)}")
    assert not mismatches, "\n".join(mismatches)
    assert isinstance(expected[0], str) and isinstance(expected[20], Cons)
