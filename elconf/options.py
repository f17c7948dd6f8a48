"""The options of one evaluation of the init files (:class:`LoadOptions`).

A module of its own, below :mod:`elconf.config` (which re-exports it): a send
through a kept plan names its state by these options (``elconf.cache._identity``)
without importing the configuration's API and its diagnostics.
"""

from __future__ import annotations

from elconf.records import record

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path


@record
class LoadOptions:
    init: Path | None = None                 # None: discover as Emacs does
    no_init: bool = False                    # -q: load no init file
    home: Path | None = None                 # default: $HOME of env, else Path.home()
    env: Mapping[str, str] | None = None     # default: os.environ
    require: Sequence[str] = ()              # features loaded after the init file, in order
    stop_at_any_error: bool = False          # what is not evaluable here stops the file too
    # What Emacs runs once it first waits for input after start-up (use-package
    # :defer N idle timers): yes at send time (elsend, show, check); no for the
    # state at the end of start-up (elconf get/eval without --after-idle).
    idle_timers: bool = True
