"""The auth-source settings of an evaluated init file, in one place.

Besides ``auth-sources`` (which :class:`~smtp.config.SendConfig` carries),
a lookup depends on whether auth-source-pass is loaded (otherwise
``password-store`` is an invalid source) and on its two options.  Both
``elconf creds`` and the sender take them from here, so they always agree.
"""

from __future__ import annotations

from elconf.records import record

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from typing import Any

    from elconf.config import LoadedConfig
    from smtp.authsource import CredentialSource


@record(frozen=True)
class AuthSettings:
    auth_sources: Any = None          # Lisp value; None = Emacs's default
    pass_enabled: bool = False        # auth-source-pass loaded
    pass_store: str | None = None     # auth-source-pass-filename
    pass_separator: str = ":"         # auth-source-pass-port-separator

    @classmethod
    def from_config(cls, config: "LoadedConfig") -> "AuthSettings":
        """Read them from a configuration loaded as at send time (smtpmail loaded)."""
        from elconf.types import UNBOUND

        features = getattr(config.interpreter, "features", ())
        sources = _with_pass_enabled(config, config.get("auth-sources"))
        store = config.get("auth-source-pass-filename")
        separator = config.get("auth-source-pass-port-separator")
        return cls(auth_sources=None if sources is UNBOUND else sources,
                   pass_enabled="auth-source-pass" in features,
                   pass_store=str(store) if isinstance(store, str) else None,
                   pass_separator=str(separator) if isinstance(separator, str) else ":")

    def source(self, home: str | Path, env: Mapping[str, str]) -> "CredentialSource":
        """The credential source the SMTP session calls."""
        from smtp.authsource import CredentialSource

        return CredentialSource(self.auth_sources, home, env, pass_enabled=self.pass_enabled,
                                pass_store=self.pass_store, pass_separator=self.pass_separator)


def _with_pass_enabled(config: "LoadedConfig", sources: Any) -> Any:
    """``(auth-source-pass-enable)`` puts ``password-store`` first in auth-sources.

    While the evaluator skips that call as opaque (it says so in a
    diagnostic), do its effect here; once the library model does it, the
    symbol is already there and nothing changes.
    """
    from elconf.types import NIL, Cons, intern

    called = any("auth-source-pass-enable" in d.message for d in config.diagnostics
                 if d.rule == "opaque-call")
    if not called or not (sources is NIL or isinstance(sources, Cons)):
        return sources
    store = intern("password-store")
    if isinstance(sources, Cons) and any(item is store for item in sources):
        return sources
    return Cons(store, sources)
