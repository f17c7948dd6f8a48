"""The init files of the evaluator parity suite: each is run through real
Emacs 28.2 (make_goldens.py) and through elconf (test_eval_parity.py), and the
variables below are compared after ``--require`` of the listed features.

Each case is a tiny HOME: ``files`` maps a path under HOME to its text.
``env`` is added to :data:`BASE_ENV`.  Machine-specific values (the host
name, the passwd name) are replaced by placeholders in the goldens.
"""

from __future__ import annotations

import dataclasses

#: Every run gets these, so user-login-name and user-full-name do not depend on the machine.
BASE_ENV = {"LOGNAME": "elconf", "USER": "elconf", "NAME": "Elconf Tester"}

#: Compared in every case.
VARIABLES = (
    "smtpmail-smtp-server", "smtpmail-default-smtp-server", "smtpmail-smtp-service",
    "smtpmail-smtp-user", "smtpmail-stream-type", "smtpmail-auth-supported",
    "smtpmail-queue-mail", "smtpmail-local-domain", "smtpmail-queue-dir",
    "send-mail-function", "message-send-mail-function", "user-mail-address", "user-full-name",
    "mail-host-address", "mail-specify-envelope-from", "mail-envelope-from", "auth-sources",
)

INIT = ".emacs.d/init.el"


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str]
    env: dict[str, str] = dataclasses.field(default_factory=dict)
    require: tuple[str, ...] = ("smtpmail",)
    extra: tuple[str, ...] = ()          # variables compared besides VARIABLES
    about: str = ""
    # A deliberate difference from Emacs 28.2: variable -> the sexp elconf holds
    # instead, with the reason in `about'.  The test checks the difference is exactly this.
    divergence: dict[str, str] = dataclasses.field(default_factory=dict)
    # Evaluated with --stop-at-any-error: the case is about Emacs's literal rule for an error
    # that, by default, elconf counts as "not evaluable here" (docs/unknowns.md).
    literal: bool = False

    @property
    def variables(self) -> tuple[str, ...]:
        return VARIABLES + tuple(v for v in self.extra if v not in VARIABLES)


def init(name: str, text: str, **kw: object) -> Case:
    """A case whose only file is ~/.emacs.d/init.el."""
    return Case(name, {INIT: text}, **kw)  # type: ignore[arg-type]


CASES: tuple[Case, ...] = (
    init("plain-setq", """\
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
""", about="the common case: setq before anything loads smtpmail"),
    init("default-server-before-require", """\
(setq smtpmail-default-smtp-server "smtp.example.org")
(require 'smtpmail)
"""),
    init("default-server-after-require", """\
(require 'smtpmail)
(setq smtpmail-default-smtp-server "smtp.example.org")
""", about="too late: the server's default was computed at load"),
    init("default-server-never-loaded", """\
(setq smtpmail-default-smtp-server "smtp.example.org")
""", about="smtpmail loads only via --require, after the init file"),
    init("smtpserver-env", "(setq send-mail-function 'smtpmail-send-it)\n",
         env={"SMTPSERVER": "mx.example.net"}),
    init("smtpserver-env-and-setq", '(setq smtpmail-smtp-server "smtp.example.org")\n',
         env={"SMTPSERVER": "mx.example.net"}),
    init("smtpserver-env-beats-default-server",
         '(setq smtpmail-default-smtp-server "smtp.example.org")\n',
         env={"SMTPSERVER": "mx.example.net"}),
    init("custom-set-variables-before-load", """\
(custom-set-variables
 '(smtpmail-default-smtp-server "smtp.example.org")
 '(smtpmail-smtp-service 465)
 '(smtpmail-stream-type 'ssl)
 '(send-mail-function 'smtpmail-send-it))
"""),
    init("custom-set-variables-after-load", """\
(require 'smtpmail)
(custom-set-variables
 '(smtpmail-default-smtp-server "smtp.example.org")
 '(smtpmail-smtp-service 587))
"""),
    init("custom-set-variables-server-after-load", """\
(require 'smtpmail)
(custom-set-variables '(smtpmail-smtp-server "smtp.example.org" nil (smtpmail)))
"""),
    init("with-eval-after-load-setq", """\
(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service 587))
(setq smtpmail-smtp-server "ignored.example.org")
""", about="the after-load body runs at --require time and wins"),
    init("with-eval-after-load-add-to-list", """\
(with-eval-after-load 'smtpmail
  (add-to-list 'smtpmail-auth-supported 'xoauth2))
"""),
    init("add-to-list-before-load-stops-file", """\
(setq smtpmail-smtp-server "smtp.example.org")
(add-to-list 'smtpmail-auth-supported 'xoauth2)
(setq smtpmail-smtp-service 587)
""", about="void-variable: the rest of the file is skipped"),
    init("setq-auth-supported-before-load", "(setq smtpmail-auth-supported '(xoauth2))\n"),
    init("eval-after-load-quoted-form", """\
(eval-after-load "smtpmail" '(setq smtpmail-smtp-user "alice"))
"""),
    init("error-stops-init-file", """\
(setq smtpmail-smtp-server "smtp.example.org")
(car 1)
(setq smtpmail-smtp-service 2525)
"""),
    init("let-around-require", """\
(let ((smtpmail-smtp-server "let.example.org"))
  (require 'smtpmail))
"""),
    init("let-bound-setq-is-undone", """\
(setq smtpmail-smtp-server "outer.example.org")
(let ((smtpmail-smtp-server nil))
  (setq smtpmail-smtp-server "inner.example.org"))
"""),
    init("defvar-over-setq", """\
(setq smtpmail-smtp-server "setq.example.org")
(defvar smtpmail-smtp-server "defvar.example.org")
"""),
    init("defvar-before-setq", """\
(defvar smtpmail-smtp-user "first")
(setq smtpmail-smtp-user "second")
"""),
    init("setopt-is-not-in-28", """\
(setq smtpmail-smtp-server "smtp.example.org")
(setopt smtpmail-smtp-service 587)
(setq smtpmail-smtp-user "after")
""", about="setopt is Emacs 29: 28.2 signals void-function and skips the rest of the file; "
         "elconf accepts setopt (DEVELOPERS.md lists it) so configs written for 29 still evaluate",
         divergence={"smtpmail-smtp-service": "587", "smtpmail-smtp-user": '"after"'}),
    Case("load-via-load-path", {
        INIT: """\
(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))
(load "mail-settings")
(setq smtpmail-smtp-service 587)
""",
        ".emacs.d/lisp/mail-settings.el": """\
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-user "alice")
""",
    }),
    Case("require-own-feature", {
        INIT: """\
(push "~/.emacs.d/lisp" load-path)
(require 'my-mail)
""",
        ".emacs.d/lisp/my-mail.el": """\
(require 'smtpmail)
(setq smtpmail-default-smtp-server "late.example.org")
(setq smtpmail-smtp-user "bob")
(provide 'my-mail)
""",
    }),
    Case("custom-file-loaded", {
        INIT: """\
(setq custom-file (expand-file-name "custom.el" user-emacs-directory))
(load custom-file)
""",
        ".emacs.d/custom.el": """\
(custom-set-variables
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-smtp-server "smtp.example.org")
 '(smtpmail-smtp-service 587))
(custom-set-faces)
""",
    }, extra=("custom-file",)),
    Case("custom-file-not-loaded", {
        INIT: '(setq custom-file "~/.emacs.d/custom.el")\n',
        ".emacs.d/custom.el": "(custom-set-variables '(smtpmail-smtp-server \"smtp.example.org\"))\n",
    }, extra=("custom-file",)),
    init("lexical-closure", """\
;;; init.el -*- lexical-binding: t -*-
(let ((host "closure.example.org"))
  (defun my-smtp-host () host))
(setq smtpmail-smtp-server (my-smtp-host))
"""),
    init("dynamic-closure-void", """\
(let ((host "dynamic.example.org"))
  (defun my-smtp-host () host))
(setq smtpmail-smtp-user "before")
(setq smtpmail-smtp-server (my-smtp-host))
(setq smtpmail-smtp-user "after")
""", about="without lexical-binding `host' is void when the function runs", literal=True),
    init("getenv-concat", """\
(setq smtpmail-smtp-server (concat "smtp." (or (getenv "MAILDOMAIN") "example.org")))
(setq user-mail-address (format "%s@%s" (user-login-name) (getenv "MAILDOMAIN")))
""", env={"MAILDOMAIN": "example.net"}),
    init("string-builtins", """\
(setq smtpmail-smtp-server (downcase (string-trim "  SMTP.Example.ORG  ")))
(setq smtpmail-smtp-user (replace-regexp-in-string "@.*" "" "alice@example.org"))
(setq smtpmail-local-domain (substring "xx.example.org" 3))
(setq mail-host-address (car (split-string "example.net,example.com" ",")))
"""),
    init("system-name-condition", """\
(if (string= (system-name) "no-such-host.invalid")
    (setq smtpmail-smtp-server "wrong.example.org")
  (setq smtpmail-smtp-server "right.example.org"))
(cond ((string-match-p "\\\\`no-such" (system-name)) (setq smtpmail-smtp-user "wrong"))
      (t (setq smtpmail-smtp-user "right")))
"""),
    init("use-package-custom", """\
(require 'use-package)
(use-package smtpmail
  :custom
  (smtpmail-default-smtp-server "smtp.example.org")
  (smtpmail-smtp-service 587)
  (send-mail-function 'smtpmail-send-it))
""", about="not deferred: use-package requires smtpmail at once, after :custom"),
    init("use-package-defer-custom", """\
(require 'use-package)
(use-package smtpmail
  :defer t
  :custom
  (smtpmail-default-smtp-server "smtp.example.org")
  (smtpmail-stream-type 'ssl))
"""),
    init("use-package-init-config", """\
(require 'use-package)
(use-package smtpmail
  :init
  (setq smtpmail-default-smtp-server "init.example.org")
  :config
  (setq smtpmail-smtp-user "config-user")
  (add-to-list 'smtpmail-auth-supported 'xoauth2))
"""),
    init("use-package-defer-config", """\
(require 'use-package)
(use-package smtpmail
  :defer t
  :config
  (setq smtpmail-smtp-server "deferred.example.org"))
(setq smtpmail-smtp-server "early.example.org")
"""),
    init("use-package-message-custom", """\
(require 'use-package)
(use-package message
  :custom
  (message-send-mail-function 'smtpmail-send-it)
  (message-sendmail-f-is-evil t))
""", require=("smtpmail", "message"),
         extra=("message-sendmail-f-is-evil", "message-sendmail-extra-arguments")),
    init("use-package-commands", """\
(require 'use-package)
(use-package smtpmail
  :ensure nil
  :commands (smtpmail-send-it)
  :config (setq smtpmail-smtp-service 2525))
"""),
    Case("early-init-and-init", {
        ".emacs.d/early-init.el": '(setq user-mail-address "early@example.org")\n',
        INIT: '(setq smtpmail-smtp-server "smtp.example.org")\n',
    }, extra=("early-init-file", "user-init-file")),
    Case("dot-emacs", {
        ".emacs": '(setq smtpmail-smtp-server "dot-emacs.example.org")\n',
    }, extra=("user-init-file", "user-emacs-directory")),
    Case("dot-emacs-el-beats-init-el", {
        ".emacs.el": '(setq smtpmail-smtp-server "dot-emacs-el.example.org")\n',
        INIT: '(setq smtpmail-smtp-server "init-el.example.org")\n',
    }, extra=("user-init-file",)),
    Case("xdg-config", {
        ".config/emacs/init.el": '(setq smtpmail-smtp-server "xdg.example.org")\n',
    }, extra=("user-init-file", "user-emacs-directory")),
    Case("dot-emacs-error-skips-init-el", {
        ".emacs": '(setq smtpmail-smtp-user "from-dot-emacs")\n(error "boom")\n',
        INIT: '(setq smtpmail-smtp-server "never.example.org")\n',
    }),
    init("mail-host-address-recomputes-address", '(setq mail-host-address "example.net")\n'),
    init("mail-host-address-with-email", '(setq mail-host-address "example.net")\n',
         env={"EMAIL": "env@example.org"}),
    init("name-and-email-env", "(setq send-mail-function 'sendmail-send-it)\n",
         env={"EMAIL": "alice@example.org", "NAME": "Alice Example"}),
    init("customize-set-variable-before-load", """\
(customize-set-variable 'smtpmail-default-smtp-server "custom.example.org")
(customize-set-variable 'smtpmail-smtp-service 587)
"""),
    init("setq-default-and-set", """\
(setq-default smtpmail-smtp-server "default.example.org")
(set 'smtpmail-smtp-user "alice")
(set (intern "smtpmail-smtp-service") 465)
"""),
    init("message-interactive-copies-at-load", """\
(setq mail-interactive nil)
(require 'message)
(setq mail-interactive t)
""", require=("smtpmail", "message"), extra=("message-interactive", "mail-interactive")),
    init("send-mail-function-survives-sendmail-load", """\
(setq send-mail-function 'smtpmail-send-it)
(require 'sendmail)
""", extra=("sendmail-program", "mail-interactive")),
    init("reader-error-stops-file", """\
(setq smtpmail-smtp-server "before.example.org")
(setq smtpmail-smtp-user "unfinished"
"""),
    init("control-flow", """\
(when t (setq smtpmail-smtp-user "when"))
(unless nil (setq smtpmail-smtp-service 2525))
(dolist (pair '((smtpmail-smtp-server . "dolist.example.org")
                (smtpmail-local-domain . "example.org")))
  (set (car pair) (cdr pair)))
(progn (setq mail-host-address "progn.example.org"))
"""),
    init("condition-case-continues", """\
(condition-case nil
    (add-to-list 'smtpmail-auth-supported 'xoauth2)
  (void-variable (setq smtpmail-smtp-user "handled")))
(ignore-errors (car 1))
(setq smtpmail-smtp-server "after.example.org")
"""),
    init("after-init-hook", """\
(add-hook 'after-init-hook
          (lambda () (setq smtpmail-smtp-server "hook.example.org")))
(setq smtpmail-smtp-server "init.example.org")
"""),
    init("auth-source-pass", """\
(require 'auth-source-pass)
(auth-source-pass-enable)
""", env={"PASSWORD_STORE_DIR": "/srv/pass"}, extra=("auth-source-pass-filename",
                                                    "auth-source-pass-port-separator")),
    init("auth-sources-setq", """\
(setq auth-sources '("~/.authinfo.gpg" password-store))
(setq smtpmail-servers-requiring-authorization "example\\\\.org")
""", extra=("smtpmail-servers-requiring-authorization",)),
    init("tls-settings", """\
(setq network-security-level 'high)
(with-eval-after-load 'gnutls (setq gnutls-verify-error t))
""", require=("smtpmail", "gnutls", "nsm"),
         extra=("network-security-level", "gnutls-verify-error", "gnutls-trustfiles",
                "gnutls-min-prime-bits", "gnutls-algorithm-priority")),
    init("queue-settings", """\
(setq smtpmail-queue-mail t
      smtpmail-queue-dir "~/Mail/outbox/")
(setq smtpmail-store-queue-variables t)
""", extra=("smtpmail-store-queue-variables", "smtpmail-queue-index-file")),
    init("user-defcustom-and-defun", """\
(defgroup my-mail nil "My mail." :group 'mail)
(defcustom my-mail-host "custom.example.org" "Host." :type 'string)
(defun my-mail-setup (host)
  (setq smtpmail-smtp-server host
        smtpmail-smtp-service (if (string-suffix-p ".org" host) 587 25)))
(my-mail-setup my-mail-host)
""", extra=("my-mail-host",)),
    init("no-require", "(setq smtpmail-smtp-user \"alice\")\n", require=(),
         about="without --require smtpmail its defaults stay void"),
    # ---- more forms and builtins ------------------------------------------------
    init("let-star-and-format", """\
(let* ((user "alice") (domain "example.org") (host (format "smtp.%s" domain)))
  (setq smtpmail-smtp-server host
        smtpmail-smtp-user (format "%s@%s" user domain)
        smtpmail-smtp-service (string-to-number "587")))
"""),
    init("setq-local-does-not-set-default", """\
(setq smtpmail-smtp-server "global.example.org")
(setq-local smtpmail-smtp-server "local.example.org")
(setq-local smtpmail-smtp-user "local-only")
""", about="buffer-local to the buffer the init file runs in: a mail buffer sees the default"),
    init("catch-throw-unwind-protect", """\
(setq smtpmail-smtp-server
      (catch 'found
        (dolist (h '("a.invalid" "smtp.example.org" "b.invalid"))
          (when (string-suffix-p ".org" h) (throw 'found h)))))
(unwind-protect
    (setq smtpmail-smtp-user "body")
  (setq smtpmail-smtp-service 2525))
"""),
    init("defmacro-backquote", """\
(defmacro my-set-mail (var value)
  `(setq ,(intern (concat "smtpmail-" (symbol-name var))) ,value))
(my-set-mail smtp-server "macro.example.org")
(my-set-mail smtp-service (+ 500 87))
(setq smtpmail-auth-supported `(xoauth2 ,@(list 'plain 'login)))
"""),
    init("defalias-send-function", """\
(defalias 'my-send-it #'smtpmail-send-it)
(setq send-mail-function 'my-send-it)
"""),
    init("push-pop-append-nconc", """\
(defvar my-servers nil)
(push "second.example.org" my-servers)
(push "first.example.org" my-servers)
(setq smtpmail-smtp-server (pop my-servers))
(setq auth-sources (append '("~/.authinfo.gpg") (list "~/.netrc")))
(setq my-list (nconc (list 'a) (list 'b)))
""", extra=("my-servers", "my-list")),
    init("alist-and-plist-lookups", """\
(defvar my-accounts '(("work" . "smtp.work.example.org") ("home" . "smtp.home.example.org")))
(setq smtpmail-smtp-server (cdr (assoc "work" my-accounts)))
(setq smtpmail-smtp-user (alist-get 'user '((host . "h") (user . "alist-user"))))
(setq smtpmail-smtp-service (plist-get '(:port 465 :tls t) :port))
"""),
    init("when-let-and-if-let", """\
(when-let ((domain (getenv "MAILDOMAIN")))
  (setq smtpmail-smtp-server (concat "smtp." domain)))
(if-let ((user (getenv "NO_SUCH_VARIABLE")))
    (setq smtpmail-smtp-user user)
  (setq smtpmail-smtp-user "fallback"))
""", env={"MAILDOMAIN": "example.net"}),
    init("while-and-dotimes", """\
(defvar my-count 0)
(while (< my-count 3) (setq my-count (1+ my-count)))
(dotimes (i 4) (setq smtpmail-smtp-service (+ 2522 i)))
""", extra=("my-count",)),
    init("boundp-featurep-fboundp-before-load", """\
(unless (featurep 'smtpmail) (setq smtpmail-default-smtp-server "not-yet.example.org"))
(when (boundp 'smtpmail-smtp-user) (setq smtpmail-smtp-user "bound"))
(when (fboundp 'smtpmail-send-it) (setq send-mail-function 'smtpmail-send-it))
"""),
    init("require-missing-noerror", """\
(if (require 'elconf-no-such-package nil t)
    (setq smtpmail-smtp-server "package.example.org")
  (setq smtpmail-smtp-server "fallback.example.org"))
"""),
    init("load-missing-noerror-and-error", """\
(load "~/.emacs.d/no-such-file" t)
(setq smtpmail-smtp-user "after-noerror")
(load "~/.emacs.d/no-such-file")
(setq smtpmail-smtp-server "never.example.org")
""", literal=True),
    init("custom-set-variables-now-flag", """\
(custom-set-variables '(smtpmail-smtp-service 2525 t))
(custom-set-variables '(smtpmail-default-smtp-server "now.example.org" t))
"""),
    init("custom-set-variables-request-list", """\
(custom-set-variables
 '(smtpmail-default-smtp-server "request.example.org" nil (smtpmail))
 '(smtpmail-smtp-user "requested"))
"""),
    init("customize-set-variable-after-load", """\
(require 'smtpmail)
(customize-set-variable 'smtpmail-smtp-server "custom.example.org")
(customize-set-variable 'smtpmail-queue-mail t)
"""),
    init("string-service-and-stream-type", """\
(setq smtpmail-smtp-service "587"
      smtpmail-stream-type "ssl")
""", about="values of the wrong type are kept as written (elconf check reports them)"),
    init("with-eval-after-load-string-and-nested", """\
(with-eval-after-load "smtpmail"
  (setq smtpmail-smtp-user "string-feature"))
(with-eval-after-load 'message
  (with-eval-after-load 'smtpmail
    (setq smtpmail-local-domain "nested.example.org")))
""", require=("smtpmail", "message")),
    init("eval-after-load-function", """\
(eval-after-load 'smtpmail (lambda () (setq smtpmail-smtp-service 1587)))
"""),
    init("message-mode-hook-does-not-run", """\
(add-hook 'message-mode-hook (lambda () (setq smtpmail-smtp-server "hook.example.org")))
(add-hook 'message-setup-hook (lambda () (setq smtpmail-smtp-user "setup")))
""", require=("smtpmail", "message")),
    init("message-send-mail-function-before-load", """\
(setq message-send-mail-function 'message-send-mail-with-sendmail
      message-sendmail-extra-arguments '("--read-envelope-from")
      message-sendmail-f-is-evil t)
(require 'message)
""", require=("smtpmail", "message"),
         extra=("message-sendmail-extra-arguments", "message-sendmail-f-is-evil",
                "message-sendmail-envelope-from", "message-interactive")),
    init("expand-file-name-and-locate", """\
(setq smtpmail-queue-dir (expand-file-name "queue/" "~/Mail"))
(setq custom-file (locate-user-emacs-file "custom.el"))
(setq auth-sources (list (expand-file-name "~/.authinfo.gpg")))
""", extra=("custom-file",)),
    Case("file-exists-condition", {
        INIT: """\
(if (file-exists-p "~/.authinfo.gpg")
    (setq auth-sources '("~/.authinfo.gpg"))
  (setq auth-sources '("~/.authinfo")))
(when (file-directory-p "~/Mail")
  (setq smtpmail-queue-dir "~/Mail/queue/"))
""",
        ".authinfo.gpg": "not really encrypted\n",
    }),
    init("after-init-hook-lexical-closure", """\
;;; -*- lexical-binding: t -*-
(let ((server "closure-hook.example.org"))
  (add-hook 'after-init-hook (lambda () (setq smtpmail-smtp-server server))))
"""),
    init("setf-and-setcar", """\
(setq my-settings (list "placeholder" 25))
(setf (car my-settings) "setf.example.org")
(setcar (cdr my-settings) 465)
(setq smtpmail-smtp-server (car my-settings) smtpmail-smtp-service (cadr my-settings))
""", extra=("my-settings",)),
    init("user-mail-address-from-login", """\
(setq mail-host-address "example.org")
(setq user-mail-address (concat (user-login-name) "@" mail-host-address))
""", about="set by hand to what start-up would compute: start-up's fix-up leaves it"),
    init("strings-with-control-characters", """\
(setq my-text "tab\\there\\nnew line\\e[0m" my-symbol (make-symbol "uninterned"))
(setq smtpmail-smtp-user (concat "al" (string 105) "ce"))
""", extra=("my-text", "my-symbol")),
    init("message-default-follows-send-mail-function", """\
(setq send-mail-function 'smtpmail-send-it)
(require 'message)
""", require=("smtpmail", "message"), extra=("message-interactive",),
         about="message-send-mail-function stays message--default-send-mail-function"),
    init("mapc-and-funcall", """\
(mapc (lambda (v) (set (car v) (cadr v)))
      '((smtpmail-smtp-server "mapc.example.org") (smtpmail-smtp-service 465)))
(funcall (lambda (x) (setq smtpmail-stream-type x)) 'ssl)
(apply #'set '(smtpmail-smtp-user "apply"))
"""),
)
