"""What start-up does around the init files for package managers and frameworks.

:mod:`elconf.config` calls one :class:`Startup` at four points: before the
first file, before and after each file, after the last.  It does:

* package.el's activation before ``init.el`` (startup.el, 28.2): when
  ``package-enable-at-startup`` is still non-nil after ``early-init.el`` and
  ``package-user-dir`` holds an installed package, every installed package
  is activated (:func:`elconf.frameworks.package.activate_all`);
* Doom: its core variables before the first file, the models of the
  enabled modules between ``init.el`` and ``config.el``, ``custom-file``
  after ``config.el`` (:mod:`elconf.frameworks.doom`);
* Spacemacs: the dotfile functions after the dotfile, in Spacemacs's order
  (:mod:`elconf.frameworks.spacemacs`), also for a dotfile given with ``--init``;
* a file of a Doom user directory given with ``--init``: Doom's core variables first.
"""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Startup:
    """The framework steps of one start-up."""

    def __init__(self, ip: Any, framework: str | None = None, core: Path | None = None,
                 init_directory: Path | None = None) -> None:
        self.ip = ip
        self.framework = framework
        self.core = core
        self.init_directory = init_directory
        self.activated = False

    def before_files(self) -> None:
        if self.framework == "doom" and self.init_directory is not None:
            from elconf.discovery import doom_user_directory
            from elconf.frameworks import doom

            user_dir = doom_user_directory(self.ip.home, self.ip.env)
            doom.prepare(self.ip, self.init_directory, user_dir, self.core)

    def before_file(self, role: str, path: Path) -> None:
        if role == "init" and self.framework is None and not self.activated:
            from elconf.frameworks import doom

            if doom.user_directory_of(str(path)):       # --init ~/.doom.d/config.el
                from elconf.discovery import init_directory

                self.framework = "doom"
                emacs_dir, _xdg = init_directory(self.ip.home, self.ip.env)
                doom.prepare(self.ip, emacs_dir, path.parent, None)
        if role != "early-init" and not self.activated:
            self.activated = True
            self._activate_packages()

    def after_file(self, role: str, path: Path) -> None:
        if role == "doom-init":
            from elconf.frameworks import doom

            doom.load_modules(self.ip)
        elif role == "init" and self.framework in (None, "spacemacs"):
            from elconf.frameworks import spacemacs

            if spacemacs.is_dotfile(self.ip):
                spacemacs.start(self.ip, str(path))

    def after_files(self) -> None:
        if self.framework == "doom":
            custom = self.ip.store.value("custom-file")
            if isinstance(custom, str) and Path(custom).is_file():
                self.ip.load_file(Path(custom))

    def _activate_packages(self) -> None:
        import os

        from elconf.library_files import expand_user
        from elconf.loading import variable_true

        user_dir = self.ip.store.value("package-user-dir")
        if not (isinstance(user_dir, str) and os.path.isdir(expand_user(self.ip, user_dir))
                and variable_true(self.ip, "package-enable-at-startup")):
            return                    # the common case: nothing to import
        from elconf.frameworks.package import activate_all, package_directories

        if package_directories(self.ip):
            activate_all(self.ip)
