"""Small evaluator gaps the real-configs corpus (tests/realconfigs) found, each checked here
against what Emacs 28.2 does."""

from __future__ import annotations

from elconf.types import NIL


def test_load_library_loads_a_modelled_library_like_load(run):
    # An old ~/.emacs loads smtpmail with load-library; in Emacs 28.2 its defaults are
    # bound after it (smtpmail-stream-type is nil, not void).
    ip = run('(load-library "smtpmail")\n(setq smtpmail-smtp-service 25)\n')
    assert ip.store.get("smtpmail-stream-type") is NIL
    assert ip.store.get("smtpmail-smtp-service") == 25
