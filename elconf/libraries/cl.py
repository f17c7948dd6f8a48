"""cl.el (obsolete since Emacs 24.3, still shipped in 28.2): the old names of cl-lib.

Old init files start with ``(require 'cl)`` and then write ``first``, ``rest``,
``second``, ``loop``, ``case``, ``incf`` ...  cl.el defines each of those as an
obsolete alias of its ``cl-`` name (``(define-obsolete-function-alias 'first
#'cl-first "27.1")``); without ``(require 'cl)`` they are void in Emacs 28.2.
The table below is cl.el's own list; loading the model makes each name an
alias of the cl-lib function or macro elconf has (the others stay calls elconf
does not model).
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register

#: cl.el's aliases whose new name is not ``cl-`` + the old one.
_RENAMED = (("get*", "cl-get"), ("random*", "cl-random"), ("rem*", "cl-rem"),
            ("mod*", "cl-mod"), ("round*", "cl-round"), ("truncate*", "cl-truncate"),
            ("ceiling*", "cl-ceiling"), ("floor*", "cl-floor"), ("rassoc*", "cl-rassoc"),
            ("assoc*", "cl-assoc"), ("member*", "cl-member"), ("delete*", "cl-delete"),
            ("remove*", "cl-remove"), ("defsubst*", "cl-defsubst"), ("sort*", "cl-sort"),
            ("function*", "cl-function"), ("defmacro*", "cl-defmacro"),
            ("defun*", "cl-defun"), ("mapcar*", "cl-mapcar"),
            ("define-setf-method", "define-setf-expander"))

#: The others: NAME is an alias of cl-NAME.
_PREFIXED = """
remprop getf tailp list-length nreconc revappend concatenate subseq random-state-p
make-random-state signum isqrt lcm gcd notevery notany every some mapcon mapl maplist map
equalp coerce tree-equal nsublis sublis nsubst-if-not nsubst-if nsubst subst-if-not subst-if
subsetp nset-exclusive-or set-exclusive-or nset-difference set-difference nintersection
intersection nunion union rassoc-if-not rassoc-if assoc-if-not assoc-if member-if-not
member-if merge stable-sort search mismatch count-if-not count-if count position-if-not
position-if position find-if-not find-if find nsubstitute-if-not nsubstitute-if nsubstitute
substitute-if-not substitute-if substitute delete-duplicates remove-duplicates delete-if-not
delete-if remove-if-not remove-if replace fill reduce compiler-macroexpand
define-compiler-macro assert check-type typep deftype defstruct callf2 callf letf* letf
rotatef shiftf remf psetf the locally multiple-value-setq multiple-value-bind
symbol-macrolet macrolet progv psetq do-all-symbols do-symbols do* do loop return-from
return block etypecase typecase ecase case load-time-value eval-when destructuring-bind
gentemp pairlis acons subst adjoin copy-list ldiff list* tenth ninth eighth seventh sixth
fifth fourth third endp rest second first svref copy-seq evenp oddp minusp plusp
floatp-safe declaim proclaim nth-value multiple-value-call multiple-value-apply
multiple-value-list values-list values pushnew decf incf
""".split()

MODEL = register(LibraryModel(
    feature="cl",
    requires=("cl-lib",),
    aliases=_RENAMED + tuple((name, "cl-" + name) for name in _PREFIXED),
))
