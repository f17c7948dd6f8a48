"""The real-configs corpus: one home directory per case under ``configs/``.

Each case is named after its directory.  How Emacs and elconf load it follows
from its layout, as Emacs (or the framework) finds the files:

- ``.doom.d/`` or ``.config/doom/``: Doom — ``init.el`` then ``config.el``;
- ``.spacemacs``: Spacemacs — the file, then its ``dotspacemacs/*`` functions;
- ``.emacs``, ``.emacs.d/init.el`` (after ``early-init.el``) or
  ``.config/emacs/init.el``: plain Emacs start-up.

``stops`` names the forms where Emacs itself raises an error whatever is
installed (an explicit ``error``, wrong arguments on values known completely):
there the file stops, in Emacs and in elconf, and ``elconf check`` must say
"Emacs stops loading here".  Every other error of the form-by-form run
(a package or file missing here) is harmless in the owner's Emacs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

CONFIGS = Path(__file__).resolve().parent / "configs"

#: Every run gets these, so user-login-name and user-full-name do not depend on the machine.
BASE_ENV = {"LOGNAME": "elconf", "USER": "elconf", "NAME": "Elconf Tester"}


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    shape: str
    #: (HOME-relative file, text that starts the stopping form) for each error of the third kind.
    stop_at: tuple[tuple[str, str], ...] = ()

    @property
    def root(self) -> Path:
        return CONFIGS / self.name

    @property
    def mode(self) -> str:
        if (self.root / ".doom.d").is_dir() or (self.root / ".config/doom").is_dir():
            return "doom"
        if (self.root / ".spacemacs").is_file():
            return "spacemacs"
        return "plain"

    @property
    def oracle_files(self) -> list[str]:
        """The files start-up (or the framework) loads itself, in order."""
        for doom in (".doom.d", ".config/doom"):
            if (self.root / doom).is_dir():
                return [f"{doom}/init.el", f"{doom}/config.el"]
        if self.mode == "spacemacs":
            return [".spacemacs"]
        if (self.root / ".emacs").is_file():
            return [".emacs"]
        for directory in (".emacs.d", ".config/emacs"):
            if (self.root / directory / "init.el").is_file():
                early = self.root / directory / "early-init.el"
                return ([f"{directory}/early-init.el"] if early.is_file() else []) + \
                    [f"{directory}/init.el"]
        raise ValueError(f"{self.name}: no init file")

    @property
    def elconf_init(self) -> str | None:
        """None: elconf finds the init files itself, as it does for a user."""
        return None

    @property
    def stops(self) -> list[tuple[str, int]]:
        """(file, line) of each form that stops its file."""
        places = []
        for rel, text in self.stop_at:
            lines = (self.root / rel).read_text(encoding="utf-8").splitlines()
            places.append((rel, next(i for i, line in enumerate(lines, 1) if text in line)))
        return places


CASES: tuple[Case, ...] = (
    Case("vanilla-kitchen-sink", "package.el, 25 packages installed in a loop, requires, "
         "global-set-key, modes, load-theme, a long custom-set-variables with the mail"),
    Case("use-package-heavy", "use-package :ensure t everywhere, :custom/:hook/:bind/:init/:config, "
         "smtpmail and message through use-package"),
    Case("straight-bootstrap", "straight.el bootstrap snippet, straight-use-package, "
         "use-package :straight, msmtp through sendmail"),
    Case("elpaca-bootstrap", "elpaca installer in ~/.config/emacs, elpaca-use-package, "
         "use-package mu4e :load-path :defer, with-eval-after-load smtpmail"),
    Case("doom-mu4e", "Doom: doom! with :email mu4e, config.el with after!, set-email-account!, "
         "setq!, use-package!, map!, add-hook!; packages.el"),
    Case("doom-notmuch", "Doom in ~/.config/doom, load! of +mail.el and a missing +private.el"),
    Case("doom-multi-account", "Doom: two set-email-account! (one default), setq! of auth-sources"),
    Case("spacemacs-mu4e", "Spacemacs: mu4e layer :variables, user-init/user-config, "
         "emacs-custom-settings"),
    Case("spacemacs-gnus", "Spacemacs: gnus layer, gnus-select-method and posting styles "
         "in user-config"),
    Case("gnus-imap", "old ~/.emacs: (require 'cl), Gnus nnimap, removed smtpmail "
         "credential variables"),
    Case("gnus-posting-styles", "Gnus with nnnil primary, three secondary methods, "
         "posting styles with X-Message-SMTP-Method, gnus-parameters"),
    Case("gnus-nnml-local", "Gnus with nnml and mail-sources, sendmail"),
    Case("mu4e-contexts", "use-package mu4e :load-path ... :config with make-mu4e-context"),
    Case("mu4e-require-loadpath", "add-to-list load-path + require mu4e, org-mu4e (gone in "
         "mu4e 1.8), add-to-list mu4e-view-actions/mu4e-bookmarks"),
    Case("mu4e-eval-after-load", "autoload mu4e, with-eval-after-load 'mu4e, eval-after-load "
         "\"message\" with a quoted progn"),
    Case("use-package-deferred-mail", "use-package mu4e :defer :commands :custom, smtpmail "
         ":after message, auth-source-pass"),
    Case("straight-mu4e", "straight bootstrap (v5), use-package mu4e :straight :local-repo, "
         "smtpmail :config"),
    Case("notmuch-msmtp", "require notmuch, notmuch-fcc-dirs alist, msmtp with "
         "--read-envelope-from, define-key with a lambda"),
    Case("notmuch-use-package", "use-package notmuch :bind with :map, :hook, :custom; "
         "sendmail and message through use-package"),
    Case("smtpmail-authsource", "require auth-source and smtpmail, auth-sources list, "
         "smtpmail-auth-supported"),
    Case("msmtp-sendmail", "sendmail-program from executable-find, a condition on a file, "
         "use-package :ensure, require with noerror"),
    Case("message-sendmail-heavy", "require message, many message-* settings, add-to-list "
         "message-syntax-checks, a send hook defun"),
    Case("smtpmail-multi", "smtpmail-multi (not installed): accounts and associations"),
    Case("loads-siblings", "custom-file loaded with noerror, require of lisp/ files (one "
         "missing), load of a missing file without noerror"),
    Case("own-require-missing", "Purcell-style lisp/init-*.el, require-package defun, "
         "missing init-benchmarking and init-secrets"),
    Case("directory-files-loader", "loads every init.d/NN-*.el with directory-files"),
    Case("xdg-config", "~/.config/emacs, locate-user-emacs-file, custom file, modules "
         "loaded in a dolist"),
    Case("early-init-split", "early-init.el and init.el, after-init-hook lambda setting a "
         "mail variable"),
    Case("dotemacs-classic", "2003-style ~/.emacs: load-path cons, bbdb, load-library "
         "smtpmail, mail-* settings"),
    Case("literate-tangled", "tangled output of a literate README.org (with its link "
         "comments)"),
    Case("literate-org-babel", "org-babel-load-file of config.org (Emacs tangles it at "
         "start-up)"),
    Case("cask-quelpa-elget", "cask, pallet, el-get bootstrap, quelpa"),
    Case("explicit-error", "an explicit (error ...) when a per-machine file is missing",
         stop_at=((".emacs.d/init.el", "(unless (file-exists-p my/machine-file)"),)),
    Case("typo-setq", "a setq with an odd number of arguments",
         stop_at=((".emacs.d/init.el", "(setq user-full-name \"Anna"),)),
    Case("version-check-error", "(error ...) when Emacs is older than 29.1",
         stop_at=((".emacs.d/init.el", "(when (version< emacs-version"),)),
    Case("sibling-type-error", "a loaded sibling adds a string to a number",
         stop_at=((".emacs.d/init.el", "(load (expand-file-name \"config/mail\""),)),
    Case("stray-paren", "a defun with one closing paren too many: Emacs's reader stops the file",
         stop_at=((".emacs.d/init.el", "(load-file user-init-file)))"),)),
    Case("unclosed-paren", "the last use-package form is never closed: end of file inside it",
         stop_at=((".emacs.d/init.el", "(use-package smtpmail"),)),
    Case("kill-emacs-batch", "kill-emacs when a bootstrap marker file is missing"),
    Case("custom-set-typo", "custom-set-variables with a misspelled smtpmail variable"),
    Case("auto-mode-alist", "the issue's three-line shape: setq auto-mode-alist with append, "
         "then add-to-list"),
    Case("system-conditions", "cond on system-type, system-name, display-graphic-p, "
         "executable-find, getenv, version<"),
    Case("pcase-hostname", "pcase on system-name, per-host file loaded when readable"),
    Case("private-present", "(when (file-exists-p \"~/.private.el\") (load ...)) with the "
         "file present"),
    Case("private-missing", "the same with the file absent, plus a load of a missing file "
         "without noerror, bound-and-true-p"),
    Case("defuns-lambdas", "accounts in a plist, defuns that setq, lambdas in hooks, and "
         "add-to-list on auth-sources before anything loaded auth-source (void-variable in "
         "Emacs 28.2: nothing in the file loads a package that could have loaded it)",
         stop_at=((".emacs.d/init.el", "(mapc (lambda (m) (add-to-list 'auth-sources"),)),
    Case("evil-general-keys", "evil, general.el, defhydra, add-to-list on unbound package "
         "variables (flycheck, mm-attachment-override-types)"),
    Case("server-desktop", "server-start guarded by server-running-p, desktop-save-mode"),
    Case("setopt-modern", "Emacs 29's setopt and keymap-global-set in an Emacs 28 config"),
    Case("mu4e-backquote-contexts", "mu4e contexts built with backquote and commas, "
         "addresses in defvars, mu4e-user-mail-address-list (removed in mu4e 1.8)"),
    Case("obfuscated-address", "addresses built with concat/format/string-join, "
         "customize-set-variable, a let that builds auth-sources"),
    Case("env-email", "identity and server from getenv with fallbacks, setenv"),
    Case("async-smtpmail", "smtpmail-async (not installed) and async-smtpmail-send-it"),
    Case("starttls-legacy", "2010-style Gmail: require starttls (obsolete), "
         "smtpmail-auth-credentials/starttls-credentials (removed)"),
    Case("wanderlust", "Wanderlust autoloads, wl-/elmo- settings, define-mail-user-agent"),
    Case("authsource-at-init", "auth-source-search at init time to pick the login, "
         "epa-file-enable"),
    Case("gnus-eval-after-load", "~/.emacs: eval-after-load 'gnus with a quoted progn, "
         "with-eval-after-load \"smtpmail\", (when (require 'smtpmail nil t) ...)"),
    Case("cl-case-platform", "cl-case on system-type, cl-loop with set, pcase on getenv, "
         "cl-pushnew onto message-sendmail-extra-arguments before anything loads message "
         "(void-variable in Emacs 28.2)",
         stop_at=((".emacs.d/init.el", "(cl-pushnew \"--read-envelope-from\""),)),
    Case("setq-default-defvar", "defvar/defconst/defcustom of the user's own, setq-default "
         "and set/set-default of mail variables, a defvar that does not override"),
    Case("use-package-defer-1", "use-package-always-defer, smtpmail/sendmail/notmuch with "
         ":defer 1 :config (a timer Emacs runs only when idle), message-smtpmail-send-it"),
    Case("setup-el", "setup.el (not installed) instead of use-package: (setup mu4e "
         "(:load-path ...) (:option ...))"),
    Case("mu4e-commands-config", "use-package mu4e :commands with :config, a second "
         "use-package mu4e :defer 20, settings then (require 'smtpmail)"),
    Case("doom-after-require", "Doom config.el requiring a missing personal library, "
         "after! with (:and mu4e org)"),
    Case("eval-after-then-require", "with-eval-after-load 'mu4e and 'message, "
         "custom-set-variables, then (require 'mu4e) at the end runs them"),
    Case("startup-hooks-and-env", "emacs-startup-hook lambdas (one timing start-up, one "
         "setting the server), setenv/exec-path, normal-top-level-add-subdirs-to-load-path, "
         "defalias, advice-add, an idle timer setting a mail variable"),
    Case("very-long", "1,200 lines: 70 use-package blocks, 120 keys, 120 defuns, mail in "
         "three places"),
    Case("try-require-system-name", "a try-require defun (condition-case on file-error) "
         "defined when not fboundp, a with-library macro around settings, requires of "
         "missing libraries, if on (member (downcase (system-name)) ...)"),
    Case("mu4e-account-alist", "lisp/setup-mail.el: an account alist in a defvar, a "
         "mu4e-compose-pre-hook defun that sets them, quoted lambdas in hooks, "
         "sendmail-program from locate-file, mu4e-user-mail-address-list from mapcar"),
    Case("switch-defun-at-init", "applications/*/init.el loaded with mapc, a defun called "
         "at top level that setq's the sender with backquoted credentials, eval-after-load "
         "\"gnus\" with a quoted progn, a require of a missing package"),
    Case("nixos-ignore-errors", "~/.config/emacs on NixOS: ignore-errors around the "
         "load-path and (require 'mu4e), plain setq of mu4e settings, use-package emacs, "
         "a missing nix-paths.el loaded with noerror"),
    Case("req-package-loader", "req-package (not installed) with :init setq's and :loader, "
         "package-install at start-up, settings outside req-package"),
    Case("init-loader-dir", "init-loader (not installed) loading inits/NN-*.el, "
         "setq-default user-emacs-directory from load-file-name, custom-set-variables first"),
    Case("load-directory-helper", "a (load custom-file) of a present custom.el with the "
         "server, then a sibling's load-directory defun loading config/*.el recursively"),
    Case("lib-requires-local", "(require 'lib/path) style features from user-emacs-directory, "
         "defconsts built by the user's helpers, use-package :defer with validate-setq, "
         "~/.emacs.local calling a defun that sets the gmail server"),
    Case("own-package-macros", "the user's own package macros (require + body, an idle "
         "timer for (:delay N)), modules loaded in a dolist, when-let* auth-source helper"),
    Case("xemacs-era-dotemacs", "~/.emacs from 2006: running-xemacs defvar, server-start, "
         "set-default-font (gone in Emacs 28), missing mailcrypt, load-library smtpmail, "
         "cond on system-name, mail-* settings"),
    Case("message-after-load-identities", "init.d/NN*.el in a dolist: eval-after-load "
         "'message with a quoted progn holding a defun and define-key, gnus-alias autoloads "
         "and with-eval-after-load, then (require 'message)"),
    Case("mac-homebrew-mu4e", "defconst *is-a-mac*, exec-path-from-shell :if window-system, "
         "use-package-always-ensure, cond on the platform for load-path and sendmail-program, "
         "use-package mu4e :commands"),
    Case("use-package-unknown-keywords", "use-package with :ensure-system-package, :general "
         "and :delight (keywords use-package 2.4.4 does not know here), :custom with #'"),
    Case("custom-file-last", "setq of the mail settings first, custom.el (present) loaded "
         "last with a different server, setq-local in a message-mode-hook, desktop-save-mode"),
    Case("auth-source-pass-store", "early-init.el, epa-file through use-package, "
         "auth-source-pass-enable, with-eval-after-load 'smtpmail, defhydra, server-start"),
    Case("doom-email-split", "Doom in ~/.config/doom: config.el load!s email.el with "
         "after! mu4e holding setq and two set-email-account!, use-package! org-msg :after"),
    Case("gnus-init-file-split", "a Gnus user whose gnus.el is read only by Gnus; posting "
         "styles built with backquote, regexp-opt, message-use-send-mail-function"),
    Case("mu4e-contexts-mapcar", "accounts as plists, a cl-defun making each mu4e context, "
         "contexts built with mapcar/cl-remove-if and add-to-list in with-eval-after-load, "
         "cl-loop shortcuts, (when (require 'mu4e nil t) ...)"),
    Case("customize-classic-quote", "Red Hat's default ~/.emacs with Custom's old output: "
         "(quote ...), the NOW flag, a REQUEST list and comments in custom-set-variables"),
    Case("gpg-secrets-file", "epa-file-enable, then load (noerror) and load-file of an "
         "encrypted secrets.el.gpg that is present: binary, never Lisp to read"),
    Case("auth-plist-after-init", "auth-sources with a (:source ...) plist, a named defun "
         "on after-init-hook setting smtpmail, with-eval-after-load 'message, "
         "user-mail-address from user-login-name"),
    Case("own-defgroup-local-vars", "a byte-compiled init file: defgroup/defcustom of the "
         "user's own, define-minor-mode, declare-function, with-no-warnings, setq-default, "
         "provide and a Local Variables footer"),
    Case("dolist-set-pairs", "mail settings applied from data: dolist with set, cl-loop "
         "destructuring with set-default, mapc customize-set-variable, pcase-dolist"),
    Case("emacs-version-branches", "version< and emacs-major-version branches, fboundp "
         "setopt versus customize-set-variable, boundp before a library loads, "
         "eval-and-compile defvar on system-name"),
    Case("leaf-mail", "leaf.el (not installed) bootstrapped inside eval-and-compile, leaf "
         "forms with :custom dotted pairs, :config and :init, settings outside leaf"),
    Case("use-package-startup-custom", "lisp/gs-chat.el: use-package message :custom holding "
         "smtpmail variables, use-package startup (no such feature) :custom :defer t, "
         "use-package sendmail/auth-source :ensure nil :custom"),
    Case("gnus-connect-defun", "~/.emacs with (require 'cl): first/rest/second/loop, an "
         "interactive defun holding the smtp settings never called at start-up, smtp-accounts "
         "for an X-Message-SMTP-Method send command, local-set-key in a hook lambda"),
    Case("notmuch-commands-custom", "use-package notmuch :commands :custom (sendmail-program "
         "among notmuch's) :config :bind, send-mail-function mailclient-send-it"),
    Case("gnus-parameters-eval", "gnus-parameters with posting-style and (eval (setq ...)), "
         "posting styles with eval, eval-after-load \"message\" with a quoted setq, "
         "send-mail-function message-send-mail-with-sendmail"),
    Case("host-shell-command", "a defvar from (shell-command-to-string \"hostname\") and an if "
         "on it, a hosts/HOST/init.el loaded when present, progn sections, "
         "string-prefix-p on \"hostname -d\""),
    Case("message-server-alist-fn", "message-server-alist (Emacs 29) holding a function that "
         "calls auth-source-search, backquoted gnus-posting-styles with format/concat, "
         "with-eval-after-load 'smtpmail then require"),
    Case("use-feature-macro", "straight bootstrap (not installed) and the user's use-feature "
         "macro expanding to use-package :straight (:type built-in) for epa-file, "
         "auth-source, sendmail, message"),
    Case("smtpmail-multi-use-package", "use-package smtpmail-multi (not installed) :config "
         "holding the accounts and message-send-mail-function"),
    Case("mu4e-helper-contexts", "lisp/scs-mail-lab.el: helper defuns called at top level "
         "that put mu4e on load-path, require mu4e-context and build contexts with "
         "backquoted :vars, #'(lambda) in a hook, then (require 'org-mu4e) (gone in 1.8)"),
    Case("chemacs-profiles", "a chemacs-style ~/.emacs.d/init.el reading ~/.emacs-profiles.el "
         "with read, setting user-emacs-directory and loading the profile's init.el, "
         "lisp/ feature and custom.el"),
    Case("doom-after-mu4e-msmtp", "Doom in ~/.config/doom: auth-source-pass-enable and "
         "password-store at top level, add-hook! :append, after! mu4e setting msmtp through "
         "sendmail, load! on a system-name test"),
    Case("org-msg-after-smtpmail", "use-package smtpmail :init/:config (not deferred), mu4e "
         ":after smtpmail :commands :load-path (absent), org-msg :ensure :after (org mu4e) "
         ":hook"),
    Case("use-package-init-deferred", "use-package :defer t with :init setting smtpmail, nsm "
         "and auth-source, a send-mail-function defun of the user's that let-binds "
         "smtpmail-smtp-user, legacy starttls variables"),
    Case("spacemacs-private-load", "Spacemacs user-config load-file of a present "
         "private/local/tokens.el whose defvars give the address, mu4e layer :variables, "
         "contexts in with-eval-after-load"),
    Case("message-send-hook-from", "a message-send-hook defun picking the msmtp account "
         "from the From header (never run at start-up), send-mail-function misspelt "
         "(message-sent-mail-with-sendmail), mail-envelope-from 'header"),
    Case("private-load-file-defvar", "(when (file-exists-p ...) (progn (load-file ...) (setq "
         "... var-from-private))), a second unconditional load-file, settings from its "
         "defvars, a missing work.el in a when"),
)

BY_NAME = {case.name: case for case in CASES}
