"""load, require, load-path, eval-after-load, library models and use-package."""

from __future__ import annotations

import gzip

from elconf.types import NIL, T, UNBOUND, intern

from tests.evaluator.conftest import rules


def test_model_default_is_computed_at_load_time(run):
    ip = run("""(require 'smtpmail)
(setq smtpmail-default-smtp-server "late.example")
""")
    # the default server was set after the library computed smtpmail-smtp-server
    assert ip.store.get("smtpmail-smtp-server") is NIL
    assert ip.store.origin("smtpmail-smtp-server").kind == "library default"
    assert ip.store.origin("smtpmail-smtp-server").library == "smtpmail"
    assert ip.store.default_expression("smtpmail-smtp-server")[1] == "smtpmail"
    feature, origin = [e for e in ip.load_events if e[0] == "smtpmail"][0]
    assert (origin.kind, origin.line) == ("require", 1)


def test_setq_before_load_survives_and_default_reads_it(run):
    ip = run("""(setq smtpmail-default-smtp-server "early.example")
(setq smtpmail-smtp-service 587)
(require 'smtpmail)
""")
    assert ip.store.get("smtpmail-smtp-server") == "early.example"
    assert ip.store.get("smtpmail-smtp-service") == 587
    assert ip.store.origin("smtpmail-smtp-service").kind == "setq"


def test_environment_feeds_model_defaults(run):
    ip = run("(require 'smtpmail)\n", env={"SMTPSERVER": "env.example"})
    assert ip.store.get("smtpmail-smtp-server") == "env.example"


def test_custom_set_variables_saved_value_is_taken_by_the_model(run):
    ip = run("(custom-set-variables '(smtpmail-smtp-service 465))\n"
             "(setq bound-early (boundp 'smtpmail-smtp-service))\n(require 'smtpmail)\n")
    assert ip.store.get("bound-early") is NIL
    assert ip.store.get("smtpmail-smtp-service") == 465
    assert ip.store.origin("smtpmail-smtp-service").kind == "custom-set-variables"


def test_with_eval_after_load_runs_when_the_feature_loads(run):
    ip = run("""(with-eval-after-load 'smtpmail (setq ran-after smtpmail-smtp-service))
(setq ran-before (boundp 'ran-after))
(eval-after-load "smtpmail" '(setq string-key t))
(require 'smtpmail)
(with-eval-after-load 'smtpmail (setq immediate t))
""")
    assert ip.store.get("ran-before") is NIL
    assert ip.store.get("ran-after") == 25
    assert ip.store.get("string-key") is T and ip.store.get("immediate") is T
    assert ip.store.origin("ran-after").line == 1


def test_send_time_require_runs_pending_after_load(run):
    from elconf.store import Origin

    ip = run("(with-eval-after-load 'smtpmail (setq smtpmail-smtp-server \"hooked\"))\n")
    assert "smtpmail" not in ip.features
    ip.require("smtpmail", Origin("send time", None, None, None))
    assert ip.store.get("smtpmail-smtp-server") == "hooked"
    assert ip.load_events[-1][1].kind == "send time"


def test_user_library_on_load_path(run, home):
    lisp_dir = home / "lisp"
    lisp_dir.mkdir()
    (lisp_dir / "my-mail.el").write_text("(setq from-library 1)\n(provide 'my-mail)\n")
    (lisp_dir / "my-mail").write_text("(setq wrong-file 1)\n")
    (lisp_dir / "zipped.el.gz").write_bytes(gzip.compress(b"(setq from-gz 2)\n(provide 'zipped)\n"))
    (lisp_dir / "compiled.elc").write_bytes(b";ELC\x1c\x00\x00\x00\n")
    ip = run("""(add-to-list 'load-path "~/lisp")
(require 'my-mail)
(require 'zipped)
(require 'compiled)
(load "my-mail")
(setq reached t)
""")
    assert ip.store.get("from-library") == 1 and ip.store.get("wrong-file") is UNBOUND
    assert ip.store.get("from-gz") == 2
    assert ip.store.origin("from-library").file == str(lisp_dir / "my-mail.el")
    assert "elc-opaque" in rules(ip) and "compiled" in ip.features
    assert ip.store.get("reached") is T


def test_load_of_a_missing_file_is_not_evaluable_here(run):
    # The file is on the user's machine, not here: skipped with a note, the rest goes on
    # (issue 12); --stop-at-any-error restores Emacs's file-missing (test_unknowns.py).
    ip = run("(setq r (load \"no-such-file\" t))\n(load \"~/no-such-file\")\n(setq after t)\n")
    assert ip.store.get("r") is NIL
    assert ip.store.get("after") is T
    assert ip.diagnostics[-1].rule == "not-evaluable" and ip.diagnostics[-1].line == 2


def test_require_of_an_unmodelled_package_is_assumed_installed(run):
    ip = run("(require 'elfeed)\n(setq loaded (featurep 'elfeed))\n")
    assert ip.store.get("loaded") is T
    assert "opaque-library" in rules(ip)


def test_library_file_that_does_not_provide_is_an_error(run, home):
    (home / "lisp").mkdir()
    (home / "lisp" / "noprov.el").write_text("(setq x 1)\n")
    ip = run("(add-to-list 'load-path \"~/lisp\")\n(require 'noprov)\n(setq after t)\n")
    assert ip.store.get("x") == 1 and ip.store.get("after") is UNBOUND
    assert "failed to provide" in ip.diagnostics[-1].message


def test_autoloaded_function_loads_its_library(run):
    ip = run("(setq send-mail-function 'smtpmail-send-it)\n(smtpmail-send-queued-mail)\n")
    assert "smtpmail" in ip.features
    assert any(o.kind.startswith("autoload of") for f, o in ip.load_events if f == "smtpmail")


# -- use-package ---------------------------------------------------------------------

def test_use_package_custom_init_config_order(run):
    ip = run("""(use-package smtpmail
  :ensure nil
  :custom (smtpmail-smtp-service 587 "submission")
  :init (setq init-saw-feature (featurep 'smtpmail))
  :config (setq config-saw-feature (featurep 'smtpmail)))
""")
    assert ip.store.get("smtpmail-smtp-service") == 587
    assert ip.store.origin("smtpmail-smtp-service").kind == "use-package :custom"
    assert ip.store.get("init-saw-feature") is NIL
    assert ip.store.get("config-saw-feature") is T


def test_use_package_deferred_config_waits_for_the_load(run):
    ip = run("""(use-package smtpmail
  :defer t
  :config (setq configured t))
(use-package message :commands (message-mail) :config (setq message-configured t))
""")
    assert "smtpmail" not in ip.features and ip.store.get("configured") is UNBOUND
    ip.require("smtpmail")
    assert ip.store.get("configured") is T


def test_use_package_conditions_disabled_and_after(run):
    ip = run("""(use-package smtpmail :if nil :config (setq a t))
(use-package sendmail :disabled :config (setq b t))
(use-package smtpmail :after (foo) :config (setq c t))
(setq mid (featurep 'smtpmail))
(provide 'foo)
""")
    assert ip.store.get("a") is UNBOUND and ip.store.get("b") is UNBOUND
    assert ip.store.get("mid") is NIL
    assert ip.store.get("c") is T


def test_use_package_error_in_config_is_a_warning_and_init_goes_on(run):
    ip = run("(use-package smtpmail :config (car 1) (setq not-reached t))\n(setq after t)\n")
    assert ip.store.get("after") is T and ip.store.get("not-reached") is UNBOUND
    [warning] = [d for d in ip.diagnostics if d.rule == "use-package-error"]
    assert warning.severity == "warning" and "smtpmail/:config" in warning.message


def test_use_package_load_path_and_always_defer(run, home):
    (home / ".emacs.d" / "site").mkdir(parents=True)
    (home / ".emacs.d" / "site" / "mine.el").write_text("(setq mine-loaded t)\n(provide 'mine)\n")
    ip = run("""(setq use-package-always-defer t)
(use-package mine :load-path "site" :demand t)
(use-package smtpmail :config (setq smtp-config t))
""")
    assert ip.store.get("mine-loaded") is T
    assert ip.store.get("smtp-config") is UNBOUND
    assert intern("smtpmail") not in [intern(f) for f in ip.features]


def test_error_in_after_load_body_fails_the_require(run):
    """Emacs: the require signals and the feature is taken back."""
    ip = run("(with-eval-after-load 'smtpmail (car 1))\n"
             "(setq r (condition-case e (require 'smtpmail) (error (car e))))\n"
             "(setq f (featurep 'smtpmail))\n")
    assert ip.store.get("r") is intern("wrong-type-argument")
    assert ip.store.get("f") is NIL


def test_eval_after_load_with_a_function(run):
    ip = run("(defun my-setup () (setq set-up t))\n(eval-after-load 'smtpmail #'my-setup)\n"
             "(eval-after-load 'smtpmail (lambda () (setq lambda-ran t)))\n(require 'smtpmail)\n")
    assert ip.store.get("set-up") is T and ip.store.get("lambda-ran") is T


def test_el_is_preferred_and_nosuffix_loads_the_exact_name(run, home):
    d = home / "lisp"
    d.mkdir()
    (d / "both.el").write_text("(setq which 'el)\n")
    (d / "both.elc").write_bytes(b";ELC\n")
    (d / "plain").write_text("(setq plain t)\n")
    ip = run('(add-to-list \'load-path "~/lisp")\n(load "both")\n(load "plain" nil nil t)\n')
    assert ip.store.get("which") is intern("el")
    assert ip.store.get("plain") is T


def test_custom_set_variables_requests_load_libraries(run):
    ip = run("(custom-set-variables '(smtpmail-smtp-service 2525 nil (smtpmail)))\n")
    assert "smtpmail" in ip.features
    assert ip.store.get("smtpmail-smtp-service") == 2525


def test_locate_library(run, home):
    """On load-path or in a package directory: its file; found nowhere: nil, as in
    Emacs (the way a config asks whether a package is installed)."""
    (home / "lisp").mkdir()
    (home / "lisp" / "mine.el").write_text("(provide 'mine)\n")
    elpa = home / ".emacs.d" / "elpa" / "installed-pkg-1.0"
    elpa.mkdir(parents=True)
    (elpa / "installed-pkg.el").write_text("(provide 'installed-pkg)\n")
    ip = run("(add-to-list 'load-path \"~/lisp\")\n(setq found (locate-library \"mine\"))\n"
             "(setq installed (locate-library \"installed-pkg\"))\n"
             "(setq missing (locate-library \"some-elpa-package\"))\n")
    assert ip.store.get("found") == str(home / "lisp" / "mine.el")
    assert ip.store.get("installed") == str(elpa / "installed-pkg.el")
    assert ip.store.get("missing") is NIL


def test_add_subdirs_to_load_path(run, home):
    for sub in ("site/a", "site/a/deep", "site/.hidden", "site/skip"):
        (home / sub).mkdir(parents=True)
    (home / "site" / "skip" / ".nosearch").write_text("")
    (home / "site" / "a" / "deep" / "deeplib.el").write_text("(setq deep t)\n(provide 'deeplib)\n")
    ip = run("(let ((default-directory \"~/site/\")) (normal-top-level-add-subdirs-to-load-path))\n"
             "(require 'deeplib)\n")
    assert ip.store.get("deep") is T
    paths = [p for p in ip.store.get("load-path") if "site" in p]
    assert paths == [str(home / "site" / "a"), str(home / "site" / "a" / "deep")]


def test_installed_packages_are_found_but_not_evaluated(run, home):
    pkg = home / ".emacs.d" / "elpa" / "elfeed-3.4.1"
    pkg.mkdir(parents=True)
    (pkg / "elfeed.el").write_text("(setq evaluated-package-code t)\n(provide 'elfeed)\n")
    ip = run("(require 'elfeed)\n(use-package not-installed-anywhere :config (setq configured t))\n")
    assert ip.store.get("evaluated-package-code") is UNBOUND
    found, missing = [d for d in ip.diagnostics if d.rule == "opaque-library"]
    assert found.severity == "info" and str(pkg / "elfeed.el") in found.message
    assert missing.severity == "warning" and "Cannot open load file" in missing.message
    assert ip.store.get("configured") is T       # assumed installed: its :config still runs


def test_user_site_lisp_is_evaluated(run, home):
    (home / ".emacs.d" / "site-lisp").mkdir(parents=True)
    (home / ".emacs.d" / "site-lisp" / "my-smtp.el").write_text("(setq mine t)\n(provide 'my-smtp)\n")
    ip = run("(add-to-list 'load-path \"~/.emacs.d/site-lisp\")\n(require 'my-smtp)\n")
    assert ip.store.get("mine") is T


def test_use_package_ensure_counts_as_installed(run):
    ip = run("(use-package some-theme :ensure t)\n(use-package other-pkg :ensure nil)\n")
    first, second = [d for d in ip.diagnostics if d.rule == "opaque-library"]
    assert first.severity == "info" and ":ensure" in first.message
    assert second.severity == "warning"


def test_doom_macros_outside_doom_are_unknown_calls(run):
    ip = run("(after! smtpmail (setq smtpmail-smtp-server \"x\"))\n(setq after t)\n")
    assert ip.store.get("after") is T
    assert "opaque-call" in [d.rule for d in ip.diagnostics]


def test_doom_configuration_macros(run):
    ip = run("""(provide 'doom)
(after! smtpmail (setq smtpmail-smtp-server "doom.example.org"))
(setq! smtpmail-smtp-service 587)
(use-package! message :config (setq message-configured t))
""")
    assert "smtpmail" not in ip.features
    ip.require("smtpmail")
    assert ip.store.get("smtpmail-smtp-server") == "doom.example.org"
    assert ip.store.get("smtpmail-smtp-service") == 587
    assert ip.store.origin("smtpmail-smtp-service").kind == "setq!"
    assert ip.store.get("message-configured") is T
