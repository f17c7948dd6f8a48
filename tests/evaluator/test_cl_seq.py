"""cl-lib's and seq.el's sequence functions, apply-partially and format-spec give Emacs
28.2's values (elconf/builtins/sequences.py, elconf/builtins/seq_functions.py).

The keywords of cl-seq (``:test``, ``:test-not``, ``:key``, ``:start``/``:end``,
``:from-end``, ``:count``, a bad one), the kind of the result (a vector stays one),
cl-seq's orders (``cl-remove-duplicates`` keeps the last, ``cl-union``,
``cl-intersection``), seq's ``equal`` comparisons, format-spec's flags and
missing specs: each compared with real Emacs (after requiring cl-lib, seq and
subr-x) in both binding modes.  Strings compared with the default ``eql`` are left
out: our strings have no dependable identity (elconf/equality.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluator.emacs_oracle import elconf_printed, emacs_outputs

EXPRESSIONS = [
    "(cl-reduce #'+ '(1 2 3))",
    "(cl-reduce #'+ '(1 2 3) :initial-value 10)",
    "(cl-reduce #'list '(1 2 3) :from-end t)",
    "(cl-reduce #'+ '())",
    "(cl-reduce #'max [3 9 2])",
    "(cl-remove-duplicates '(1 2 1 3))",
    '(cl-remove-duplicates \'("a" "b" "a") :test #\'equal)',
    '(cl-remove-duplicates \'("a" "b" "a") :test #\'string=)',
    "(cl-remove-duplicates '(1 2 1 3) :from-end t)",
    "(cl-member 2 '(1 2 3))",
    '(cl-member "b" \'("a" "b") :test #\'equal)',
    "(cl-position 2 '(1 2 3))",
    '(cl-position "b" \'("a" "b") :test #\'string=)',
    '(cl-position ?b "abc")',
    "(cl-find 2 '(1 2 3))",
    '(cl-find "b" \'("a" "b") :test #\'equal)',
    "(cl-find 'x '((a . 1) (x . 2)) :key #'car)",
    "(cl-remove 2 '(1 2 3 2))",
    '(cl-remove "b" \'("a" "b") :test #\'equal)',
    "(cl-count 2 '(1 2 2))",
    "(cl-count-if #'cl-evenp '(1 2 4))",
    "(cl-subseq '(1 2 3 4) 1 3)",
    "(cl-subseq [1 2 3] 1)",
    "(cl-remove-if-not #'cl-evenp '(1 2 3 4))",
    "(cl-remove-if #'cl-evenp [1 2 3 4])",
    "(cl-find-if #'cl-evenp '(1 3 4 5))",
    "(cl-position-if #'cl-evenp '(1 3 4 5))",
    "(cl-some #'cl-evenp '(1 3))",
    "(cl-every #'cl-evenp '(2 4))",
    "(cl-notany #'cl-evenp '(1 3))",
    "(cl-mapcar #'+ '(1 2) '(10 20))",
    "(cl-mapcan (lambda (x) (list x x)) '(1 2))",
    "(cl-first '(1 2))",
    "(cl-second '(1 2))",
    "(cl-third '(1 2 3))",
    "(cl-rest '(1 2))",
    "(cl-adjoin 1 '(2 3))",
    "(cl-union '(1 2) '(2 3))",
    "(cl-intersection '(1 2) '(2 3))",
    "(cl-set-difference '(1 2 3) '(2))",
    "(cl-subsetp '(1) '(1 2))",
    "(cl-sort (list 3 1 2) #'<)",
    "(cl-sort (list '(b . 2) '(a . 1)) #'< :key #'cdr)",
    "(cl-getf '(:a 1 :b 2) :b)",
    "(cl-list* 1 2 '(3))",
    "(cl-copy-list '(1 2))",
    "(cl-evenp 2)",
    "(cl-plusp 1)",
    '(cl-assoc "b" \'(("a" . 1) ("b" . 2)) :test #\'string=)',
    "(cl-rassoc 2 '((a . 1) (b . 2)))",
    "(seq-difference '(1 2 3) '(2))",
    "(seq-intersection '(1 2 3) '(2 3 4))",
    "(seq-union '(1 2) '(2 3))",
    "(seq-contains-p '(1 2) 2)",
    "(seq-position '(a b) 'b)",
    "(seq-take '(1 2 3) 2)",
    "(seq-drop '(1 2 3) 2)",
    "(seq-elt '(1 2 3) 1)",
    "(seq-empty-p nil)",
    "(seq-count #'cl-evenp '(1 2 4))",
    "(seq-mapn #'+ '(1 2) '(3 4))",
    "(seq-into '(1 2) 'vector)",
    "(seq-concatenate 'list '(1) '(2))",
    "(seq-max '(1 3 2))",
    "(seq-sort #'< '(3 1 2))",
    "(seq-group-by #'cl-evenp '(1 2 3 4))",
    "(seq-partition '(1 2 3 4 5) 2)",
    "(seq-map-indexed (lambda (x i) (cons i x)) '(a b))",
    "(seq-every-p #'cl-evenp '(2 4))",
    "(seq-subseq '(1 2 3) 1)",
    "(seq-length '(1 2))",
    "(funcall (apply-partially #'+ 1 2) 3)",
    "(funcall (apply-partially #'list 'a) 'b 'c)",
    '(format-spec "%a-%b" \'((?a . "x") (?b . "y")))',
    '(format-spec "%-5a|%5b|%%" \'((?a . "x") (?b . "y")))',
    '(format-spec "%a %z" \'((?a . 1)) t)',
    '(format-spec "%>3a|%<2b|%^a|%_c" \'((?a . "hello") (?b . "world") (?c . "LOW")))',
    '(format-spec "%05a" \'((?a . 42)))',
    '(string-join \'("a" "b") ", ")',
    '(string-remove-prefix "a" "abc")',
    '(string-pad "a" 3)',
    '(mapconcat #\'identity \'("a" "b") ",")',
    "(mapcan #'list '(1 2))",
    "(flatten-tree '(1 (2 (3))))",
    "(number-sequence 1 5 2)",
    '(string-to-list "ab")',
    "(cl-incf (car (list 1)))",
    '(alist-get "b" \'(("a" . 1) ("b" . 2)) nil nil #\'equal)',
    '(assoc-default "b" \'(("a" . 1) ("b" . 2)))',
    '(assoc-delete-all "a" (list (cons "a" 1) (cons "b" 2)))',
    "(rassq 2 '((a . 1) (b . 2)))",
    "(delete-consecutive-dups (list 1 1 2))",
    "(seq-filter #'cl-evenp [1 2 3 4])",
    "(seq-map #'1+ [1 2])",
    '(seq-remove #\'cl-evenp "abcd")',
    "(cl-remove-duplicates '(a b a c) :from-end t)",
    "(cl-remove-duplicates [1 2 1])",
    "(cl-remove-duplicates '((a . 1) (b . 2) (a . 3)) :key #'car)",
    "(cl-member 'b '(a b c) :test-not #'eq)",
    "(cl-position 2 '(1 2 3 2) :from-end t)",
    "(cl-position 2 '(1 2 3 2) :start 2)",
    "(cl-remove 2 '(1 2 3 2) :count 1)",
    "(cl-remove 2 '(1 2 3 2) :count 1 :from-end t)",
    "(cl-remove 'a '(a b) :bogus 1)",
    "(cl-reduce #'+ '(1 2 3) :key #'1+)",
    "(cl-reduce #'list '(1 2 3) :initial-value 0 :from-end t)",
    "(cl-union '((a . 1)) '((a . 2) (b . 3)) :key #'car)",
    "(cl-intersection '(1 2 3) '(3 2 4))",
    '(cl-set-difference \'("a" "b") \'("b") :test #\'equal)',
    "(cl-subsetp '(1 5) '(1 2))",
    "(cl-find-if (lambda (x) (> x 1)) '(1 2 3) :from-end t)",
    "(cl-count-if #'cl-evenp [1 2 4] :start 2)",
    '(seq-difference \'("a" "b") \'("b"))',
    '(seq-position \'("a" "b") "b")',
    "(cl-subseq '(1 2 3) -2)",
    "(cl-subseq '(1 2 3) 1 5)",
    '(format-spec "%a" \'((?b . 1)))',
    '(format-spec "%a %%" \'((?a . 1)) \'ignore)',
    '(format-spec "%x %a" \'((?a . sym)) \'delete)',
    '(let ((f (apply-partially #\'concat "a"))) (mapcar f \'("b" "c")))',
    "(cl-sort (vector 3 1 2) #'>)",
    '(cl-sort (list "b" "a" "c") #\'string<)',
    '(seq-sort #\'string< ["b" "a"])',
    "(cl-subseq [1 2 3] 1 5)",
    "(seq-subseq [1 2] 3)",
]
_REQUIRES = "(require 'cl-lib) (require 'seq) (require 'subr-x)"


@pytest.fixture(scope="module", params=[True, False], ids=["lexical", "dynamic"])
def emacs_printed(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> tuple[bool, list[str]]:
    return request.param, emacs_outputs([f"(progn {_REQUIRES} {e})" for e in EXPRESSIONS],
                                        tmp_path_factory.mktemp("home"), lexical=request.param)


@pytest.mark.emacs
@pytest.mark.parametrize("index", range(len(EXPRESSIONS)))
def test_sequence_functions_as_emacs(index: int, emacs_printed: tuple[bool, list[str]],
                                     tmp_path: Path) -> None:
    lexical, printed = emacs_printed
    assert elconf_printed(EXPRESSIONS[index], tmp_path, lexical=lexical) == printed[index]
