"""What a dumped Emacs 28.2 has bound before it reads the init file.

These come from the C core (``user-login-name``, ``system-name``, the user's
full name) and from ``startup.el``/``simple.el``, which are preloaded.  The
model is registered under the feature ``emacs``: that is the one feature of
the core that ``(featurep 'emacs)`` reports, and the evaluator loads the
models marked preloaded first, in :data:`MODEL_MODULES` order.

Values that depend on the machine are computed by their default expression
at start-up, from the environment and the passwd entry the interpreter was
given, exactly as Emacs does in ``command-line``:

* ``user-login-name``: ``$LOGNAME``, else ``$USER``, else the passwd name;
* ``user-full-name``: ``$NAME``, else the passwd GECOS field;
* ``user-mail-address``: ``$EMAIL``, else ``LOGIN@`` followed by
  ``mail-host-address`` or ``(system-name)`` (e.g. ``root@vm``);
* ``user-emacs-directory``: ``~/.emacs.d/`` if it (or ``~/.emacs``) exists,
  else ``$XDG_CONFIG_HOME/emacs/`` (``~/.config/emacs/``) if that exists, else
  ``~/.emacs.d/``.

After the init file Emacs recomputes ``user-mail-address`` when the init
file set ``mail-host-address`` and left the address alone; that step belongs
to start-up, not to a library, and :mod:`elconf.config` performs it.
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

#: The directories of a 28.2 ``emacs -Q`` on Debian (subdirectories of lisp/).
_LISP_SUBDIRS = ("vc", "url", "textmodes", "progmodes", "play", "org", "nxml", "net", "mh-e",
                 "mail", "leim", "language", "international", "image", "gnus", "eshell", "erc",
                 "emulation", "emacs-lisp", "cedet", "calendar", "calc", "obsolete")
_LOAD_PATH = "'(" + " ".join(
    ['"/usr/share/emacs/28.2/lisp"'] + [f'"/usr/share/emacs/28.2/lisp/{d}"' for d in _LISP_SUBDIRS]
) + ")"

_USER_EMACS_DIRECTORY = """\
(let ((xdg (let ((home (getenv "XDG_CONFIG_HOME")))
             (if home (concat home "/emacs/") "~/.config/emacs/"))))
  (cond ((or (file-exists-p "~/.emacs.d/") (file-exists-p "~/.emacs")) "~/.emacs.d/")
        ((file-exists-p xdg) xdg)
        (t "~/.emacs.d/")))"""

VARIABLES = (
    var("emacs-version", '"28.2"', "The version we model."),
    var("emacs-major-version", "28", "Major version number."),
    var("emacs-minor-version", "2", "Minor version number."),
    var("system-type", "'gnu/linux", "The operating system kind."),
    var("system-configuration", '"x86_64-pc-linux-gnu"', "The build's target triplet."),
    var("noninteractive", "nil",
        "nil: we model the user's interactive Emacs, where init files normally run."),
    var("load-path", _LOAD_PATH, "Directories searched by load and require."),
    var("system-name", "(system-name)", "The host name (obsolete as a variable since 25.1)."),
    var("user-login-name", "(user-login-name)", "$LOGNAME, else $USER, else the passwd name."),
    var("user-full-name", '(or (getenv "NAME") (user-full-name))',
        "$NAME, else the passwd GECOS name; goes into generated From: headers."),
    custom("mail-host-address", "nil", "(choice (const nil) string)",
           "Host part for the default user-mail-address; nil means system-name."),
    custom("user-mail-address",
           '(or (getenv "EMAIL") (concat (user-login-name) "@" (or mail-host-address (system-name))))',
           "string", "The user's address: $EMAIL, else LOGIN@HOST; smtpmail's last-resort envelope sender."),
    var("user-emacs-directory", _USER_EMACS_DIRECTORY, "Where Emacs keeps the user's files."),
    var("user-init-file", "nil", "The init file being or last loaded (set by start-up)."),
    var("early-init-file", "nil", "The early init file loaded, if any."),
    custom("custom-file", "nil", "(choice (const :tag \"Your Emacs init file\" nil) file)",
           "Where Customize saves; loaded only if the init file loads it."),
    custom("inhibit-default-init", "nil", "boolean", "Non-nil: do not load default.el after init."),
    var("package-enable-at-startup", "t", "Whether start-up activates installed packages."),
    custom("package-user-dir", '"~/.emacs.d/elpa"', "directory", "Where package.el installs packages."),
    custom("mail-user-agent", "'message-user-agent", "(radio (function-item message-user-agent) "
           "(function-item sendmail-user-agent) (function-item gnus-user-agent) "
           "(function-item mh-e-user-agent) (function :tag \"Other\"))",
           "Which mail composition package compose-mail uses."),
    custom("read-mail-command", "'rmail", "function", "Which command reads mail."),
    var("temporary-file-directory", '"/tmp/"', "Directory for temporary files."),
    var("debug-on-error", "nil", "Enter the debugger on error."),
)

MODEL = register(LibraryModel(
    feature="emacs",
    variables=VARIABLES,
    preloaded=True,
))
