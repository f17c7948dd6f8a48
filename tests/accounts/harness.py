"""Run a mu4e configuration through real Emacs + mu4e 1.8.14 and through elconf, context by context.

Each context is judged from the state right after init, in a fresh Emacs:
``emacs --batch -Q`` with Debian's elpa packages on ``load-path`` (as
package activation puts them), the config loaded as the init file,
``after-init-hook`` run, ``(require 'mu4e)`` (as composing does), then
``(mu4e-context-switch t NAME)``.  elconf does the same with ``--require
mu4e`` and ``--account NAME``.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.emacs import emacs_env, run_emacs

HERE = Path(__file__).resolve().parent
CONFIGS = sorted((HERE / "configs").glob("*.el"))
DRIVER = HERE / "emacs_switch.el"

#: Compared for every context, beside the variables its :vars name.
MAIL_VARIABLES = (
    "user-mail-address", "user-full-name", "mail-host-address", "send-mail-function",
    "message-send-mail-function", "smtpmail-smtp-server", "smtpmail-default-smtp-server",
    "smtpmail-smtp-service", "smtpmail-stream-type", "smtpmail-smtp-user", "smtpmail-local-domain",
    "smtpmail-queue-mail", "smtpmail-queue-dir", "smtpmail-store-queue-variables",
    "sendmail-program", "message-sendmail-extra-arguments", "message-sendmail-f-is-evil",
    "message-sendmail-envelope-from", "mail-envelope-from", "mail-specify-envelope-from",
    "message-signature", "mu4e-compose-signature", "mu4e-sent-folder", "mu4e-drafts-folder",
    "mu4e-trash-folder", "mu4e-refile-folder", "mu4e-sent-messages-behavior",
    "mu4e-context-policy", "mu4e-compose-context-policy", "auth-sources",
)


def placed(config: Path, home: Path) -> Path:
    """Where the config is loaded from: a Doom config as ``~/.doom.d/config.el`` (elconf
    recognises Doom's macros there, as Doom's own files are found)."""
    if "doom" not in config.name:
        return config
    target = home / ".doom.d" / "config.el"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(config.read_text())
    return target


def emacs_state(config: Path, context: str, variables: list[str], home: Path) -> dict[str, str]:
    """``@@NAMES``, ``@@CURRENT`` and each variable's prin1 text, from real Emacs."""
    config = placed(config, home)
    proc = run_emacs(["-Q", "-l", str(DRIVER)], home=home, timeout=120,
                     env={"ELSEND_CONFIG": str(config), "ELSEND_CONTEXT": context,
                          "ELSEND_VARIABLES": " ".join(variables)})
    out = proc.stdout.decode("utf-8", "replace")
    assert proc.returncode == 0, f"Emacs failed on {config.name} {context}:\n{out}\n{proc.stderr.decode()}"
    state: dict[str, str] = {}
    for line in out.splitlines():
        if "\t" in line:
            name, _tab, value = line.partition("\t")
            state[name] = value
    return state


def elconf_state(config: Path, context: str, variables: list[str], home: Path) -> dict[str, str]:
    """The same, from elconf: load with ``--require mu4e``, switch with ``--account``."""
    config = placed(config, home)
    from elconf.accounts.discovery import find_accounts, switch
    from elconf.builtins.mu4e_context import context_name, names
    from elconf.commands.get import prin1
    from elconf.config import LoadOptions, load_config
    from elconf.types import NIL, UNBOUND

    env = emacs_env(home)
    env.pop("MY_SMTP_SERVER", None)
    loaded = load_config(LoadOptions(init=config, require=("mu4e",), home=home, env=env))
    state = {"@@NAMES": "\t".join(names(loaded.interpreter))}
    if context:
        account = next(a for a in find_accounts(loaded) if a.name == context)
        switch(loaded, account)
    current = loaded.get("mu4e--context-current")
    state["@@CURRENT"] = "" if current in (NIL, UNBOUND) else str(context_name(current))
    for name in variables:
        value = loaded.get(name)
        state[name] = "void" if value is UNBOUND else prin1(value)
    return state


def context_variables(config: Path) -> list[str]:
    """MAIL_VARIABLES and every variable a context's :vars names (as elconf reads them)."""
    from elconf.builtins.mu4e_context import contexts
    from elconf.config import LoadOptions, load_config
    from elconf.types import Cons

    import tempfile

    home = Path(tempfile.mkdtemp())
    config = placed(config, home)
    loaded = load_config(LoadOptions(init=config, require=("mu4e",), home=home, env=emacs_env(home)))
    extra: list[str] = []
    for context in contexts(loaded.interpreter):
        cells = context[5]
        while isinstance(cells, Cons):
            name = getattr(cells.car.car, "name", None) if isinstance(cells.car, Cons) else None
            if name and name not in MAIL_VARIABLES and name not in extra:
                extra.append(name)
            cells = cells.cdr
    return [*MAIL_VARIABLES, *extra]
