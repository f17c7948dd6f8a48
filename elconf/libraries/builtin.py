"""The libraries of Emacs 28.2 that hold no mail settings, as empty models.

Two lists, both taken from Emacs 28.2 itself:

* :data:`PRELOADED_FEATURES`: what ``features`` holds in ``emacs -Q`` (the
  dumped libraries), so ``(featurep 'cl-generic)`` answers as Emacs does;
* :mod:`elconf.libraries.shipped_names`: the name of every library shipped under
  ``lisp/``, so that ``(require 'cl-lib)`` or ``(require 'org)`` in an init
  file succeeds (provides the feature, binds nothing) instead of failing as
  a missing library would.  Read only when such a name is first asked for.

A library modelled in its own module always wins over these.
"""

from __future__ import annotations

import functools
from elconf.libraries import LibraryModel, register

PRELOADED_FEATURES: tuple[str, ...] = tuple("""
native-compile make-network-process multi-tty lcms2 inotify dbusbind threads backquote
hashtable-print-readable widget custom mule code-pages env format base64 md5 sha1 overlay
text-properties window files macroexp cus-face faces loaddefs button nadvice cl-preloaded
obarray abbrev simple help jka-cmpr-hook epa-hook case-table charprop charscript emoji-zwj
composite chinese cyrillic indian ethiopic european czech slovak romanian greek hebrew cp51932
eucjp-ms japanese korean lao tai-viet thai tibetan vietnamese misc-lang utf-8-lang georgian cham
cl-generic minibuffer frame term/tty-colors font-core syntax font-lock jit-lock mouse select
timer easymenu isearch rfn-eshadow menu-bar tab-bar page register prog-mode lisp-mode text-mode
newcomment replace tabulated-list elisp-mode lisp-float-type vc-hooks ediff-hook uniquify
electric paren eldoc tooltip iso-transl regexp-opt
""".split())

for _feature in PRELOADED_FEATURES:
    register(LibraryModel(feature=_feature, preloaded=True))


@functools.lru_cache(maxsize=1)
def shipped_library_names() -> frozenset[str]:
    """Names of the libraries shipped with Emacs 28.2 (without .el)."""
    from elconf.libraries.shipped_names import NAMES

    return frozenset(NAMES.split())


#: Shipped libraries that load modelled ones (their own ``require``s, each checked with
#: ``emacs -Q --batch``: after ``(require 'gnus)`` auth-source and mail-utils are
#: features, after ``(require 'gnus-sum)`` message too), so that their defaults
#: (``auth-sources``, ``message-send-mail-function`` ...) are bound as in Emacs 28.2.
SHIPPED_REQUIRES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("tramp", "erc", "url", "browse-url", "shr", "rcirc", "newsticker",
                     "auth-source-pass"), ("auth-source",)),
    **dict.fromkeys(("gnus", "gnus-util", "nnir", "eww", "mml", "rmail"),
                    ("auth-source", "mail-utils")),
    **dict.fromkeys(("gnus-msg", "gnus-art", "gnus-sum", "gnus-group", "gnus-topic",
                     "gnus-start", "gnus-demon", "gnus-notifications", "nnimap", "nnmail",
                     "nnml", "nnmaildir", "nnfolder", "mail-source", "ol-gnus"), ("message",)),
    "mailalias": ("sendmail",),
}


@functools.lru_cache(maxsize=None)
def empty_library(feature: str) -> LibraryModel | None:
    """An empty model for a library Emacs ships but we do not model (loading the
    modelled libraries it requires), else None."""
    if feature in shipped_library_names():
        return LibraryModel(feature=feature, requires=SHIPPED_REQUIRES.get(feature, ()))
    return None
