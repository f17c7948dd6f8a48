"""Which init files Emacs 28.2 loads at start-up, in order (startup.el's rules).

1. The *init directory* is ``~/.emacs.d/`` when that directory or ``~/.emacs``
   exists; otherwise ``$XDG_CONFIG_HOME/emacs/`` (default ``~/.config/emacs/``)
   when that exists; otherwise ``~/.emacs.d/``.
2. ``early-init`` in the init directory.
3. ``~/.emacs`` — unless the init directory is the XDG one, in which case
   Emacs does not look at ``~/.emacs`` at all; if that loads nothing,
   ``init`` in the init directory.

Each name is looked up as ``load`` does with Emacs's suffixes, first match
wins: ``NAME.elc``, ``NAME.elc.gz``, ``NAME.el``, ``NAME.el.gz``, ``NAME``,
``NAME.gz`` (so ``~/.emacs.el`` beats ``~/.emacs``).  A compiled ``.elc``
is what Emacs would run; we cannot run byte code, so we read the source next
to it (``.el`` or the bare name) and say so with a warning, as Emacs itself
warns when that source is newer.

Frameworks (Doom Emacs, Spacemacs) replace step 3 with their own start-up,
which loads the user's files from elsewhere; :func:`discover` finds them as
the framework does (:func:`framework_files`), never Doom's or Spacemacs's own
core:

* **Doom**: the init directory holds ``early-init.el`` or ``init.el`` and
  Doom's core (``lisp/doom.el``, or ``core/core.el`` before Doom 3).  The
  user's files are in ``$DOOMDIR``, else ``$XDG_CONFIG_HOME/doom/``
  (``~/.config/doom/``) if it is a directory, else ``~/.doom.d/``: its
  ``init.el`` (the ``doom!`` block) then ``config.el``.
* **Spacemacs**: the init directory holds ``core/core-spacemacs.el``.  The
  dotfile is ``$SPACEMACSDIR/init.el`` (with ``SPACEMACSDIR`` set) or
  ``~/.spacemacs``, whichever applies, if it is a file; else
  ``~/.spacemacs.d/init.el``.

``-q`` loads none of them; ``--init FILE`` (our option, not Emacs's) replaces
discovery with one file.  ``site-start.el`` and ``default.el`` are site-wide
files (none on a stock Debian Emacs; Debian's own ``debian-startup`` only
sets up installed packages) and are not loaded.  ``custom-file`` is loaded
only if the init file loads it, which the evaluator's ``load`` handles.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from elconf.diagnostics import Diagnostic
from elconf.records import record

#: `load`'s suffixes in Emacs 28.2 without native modules, in the order tried.
LOAD_SUFFIXES: tuple[str, ...] = (".elc", ".elc.gz", ".el", ".el.gz", "", ".gz")


@record(frozen=True)
class InitFile:
    """One init file start-up would load."""

    role: str                 # "early-init" or "init"
    path: Path                # the file we read (source, never .elc)
    emacs_path: Path          # the file Emacs itself would load (may be .elc)

    @property
    def compressed(self) -> bool:
        return self.path.name.endswith(".gz")


@record(frozen=True)
class Discovery:
    init_directory: Path
    files: tuple[InitFile, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    framework: str | None = None          # "doom" or "spacemacs" when one was found
    framework_core: Path | None = None    # the framework's core file that identified it


def init_directory(home: Path, env: Mapping[str, str]) -> tuple[Path, bool]:
    """The directory start-up uses for init.el, and whether it is the XDG one."""
    emacs_d = home / ".emacs.d"
    xdg_home = env.get("XDG_CONFIG_HOME")
    xdg = Path(xdg_home) / "emacs" if xdg_home else home / ".config" / "emacs"
    if emacs_d.exists() or (home / ".emacs").exists():
        return emacs_d, False
    if xdg.exists():
        return xdg, True
    return emacs_d, False


def locate_load_file(base: Path) -> Path | None:
    """The file ``(load BASE)`` would find, trying Emacs's suffixes in order."""
    for suffix in LOAD_SUFFIXES:
        candidate = base.with_name(base.name + suffix) if suffix else base
        if candidate.is_file():
            return candidate
    return None


def _source_for(found: Path, role: str) -> tuple[Path | None, list[Diagnostic]]:
    """The readable source for ``found`` (which may be byte-compiled)."""
    name = found.name
    if not (name.endswith(".elc") or name.endswith(".elc.gz")):
        return found, []
    stem = found.with_name(name[: -len(".elc.gz")] if name.endswith(".gz") else name[: -len(".elc")])
    for candidate in (stem.with_name(stem.name + ".el"), stem):
        if candidate.is_file():
            return candidate, [Diagnostic(
                str(found), None, None, "warning",
                f"Emacs would load the compiled {found.name}; reading its source "
                f"{candidate.name} instead (recompile if they differ)",
                rule="compiled-init-file")]
    return None, [Diagnostic(
        str(found), None, None, "error",
        f"Emacs would load the compiled {found.name}, which has no source next to it: "
        "elconf cannot read byte code", rule="compiled-init-file")]


def discover(home: Path, env: Mapping[str, str] | None = None) -> Discovery:
    """The init files Emacs 28.2 would load for a user whose HOME is ``home``."""
    env = os.environ if env is None else env
    directory, is_xdg = init_directory(home, env)
    files: list[InitFile] = []
    diagnostics: list[Diagnostic] = []

    def add(role: str, found: Path | None) -> bool:
        if found is None:
            return False
        source, notes = _source_for(found, role)
        diagnostics.extend(notes)
        if source is not None:
            files.append(InitFile(role, source, found))
        return True

    add("early-init", locate_load_file(directory / "early-init"))
    loaded = False
    if not is_xdg:
        loaded = add("init", locate_load_file(home / ".emacs"))
    if not loaded:
        add("init", locate_load_file(directory / "init"))
    framework = framework_files(home, env, directory, files)
    if framework is not None:
        name, core, user_files, notes = framework
        return Discovery(directory, tuple(user_files), tuple(diagnostics) + tuple(notes), name, core)
    return Discovery(directory, tuple(files), tuple(diagnostics))


def _doom_core(directory: Path) -> Path | None:
    for core in (directory / "lisp" / "doom.el", directory / "core" / "core.el"):
        if core.is_file():
            return core
    return None


def doom_user_directory(home: Path, env: Mapping[str, str]) -> Path:
    """``doom-user-dir`` as Doom computes it: $DOOMDIR, ~/.config/doom/ if a directory, ~/.doom.d/."""
    if env.get("DOOMDIR"):
        return Path(env["DOOMDIR"]).expanduser()
    xdg = Path(env["XDG_CONFIG_HOME"]) / "doom" if env.get("XDG_CONFIG_HOME") else home / ".config" / "doom"
    return xdg if xdg.is_dir() else home / ".doom.d"


def spacemacs_dotfile(home: Path, env: Mapping[str, str]) -> Path:
    """``dotspacemacs-filepath`` as Spacemacs computes it (core-dotspacemacs.el)."""
    first = Path(env["SPACEMACSDIR"]) / "init.el" if env.get("SPACEMACSDIR") else home / ".spacemacs"
    if first.is_file():
        return first
    fallback = home / ".spacemacs.d" / "init.el"
    return fallback if fallback.is_file() else first


def framework_files(home: Path, env: Mapping[str, str], directory: Path,
                    files: list[InitFile]) -> tuple[str, Path, list[InitFile], list[Diagnostic]] | None:
    """The files a framework installed in the init directory loads instead of its own
    init files, when the file Emacs would load is that framework's; else None."""
    ours = {f.emacs_path.parent for f in files}
    if not any(f.role == "init" for f in files):
        return _framework_without_core(home, env, directory)
    if directory not in ours:
        return None                  # ~/.emacs wins over the framework's init.el
    doom = _doom_core(directory)
    if doom is not None:
        user_dir = doom_user_directory(home, env)
        found = [InitFile(role, path, path) for role, path in
                 (("doom-init", user_dir / "init.el"), ("doom-config", user_dir / "config.el"))
                 if path.is_file()]
        notes = [] if found else [Diagnostic(
            str(user_dir), None, None, "warning",
            f"Doom Emacs is installed in {directory} but {user_dir} has no init.el or config.el",
            rule="framework-files")]
        return "doom", doom, found, notes
    spacemacs = directory / "core" / "core-spacemacs.el"
    if spacemacs.is_file():
        dotfile = spacemacs_dotfile(home, env)
        if dotfile.is_file():
            return "spacemacs", spacemacs, [InitFile("init", dotfile, dotfile)], []
        return "spacemacs", spacemacs, [], [Diagnostic(
            str(dotfile), None, None, "warning",
            f"Spacemacs is installed in {directory} but there is no dotfile ({dotfile})",
            rule="framework-files")]
    return None


def _framework_without_core(home: Path, env: Mapping[str, str], directory: Path,
                            ) -> tuple[str, Path | None, list[InitFile], list[Diagnostic]] | None:
    """No init file at all, but a Doom user directory or a Spacemacs dotfile: the user's
    dotfiles are here and the framework is not (a server, a fresh clone of the dotfiles).
    Their files are evaluated as the framework would load them, with a note saying so."""
    user_dir = doom_user_directory(home, env)
    found = [InitFile(role, path, path) for role, path in
             (("doom-init", user_dir / "init.el"), ("doom-config", user_dir / "config.el"))
             if path.is_file()]
    if found:
        return "doom", None, found, [Diagnostic(
            str(user_dir), None, None, "info",
            f"Doom's core is not installed in {directory}; {user_dir} is evaluated as Doom "
            "would load it", rule="framework-files")]
    dotfile = spacemacs_dotfile(home, env)
    if dotfile.is_file():
        return "spacemacs", None, [InitFile("init", dotfile, dotfile)], [Diagnostic(
            str(dotfile), None, None, "info",
            f"Spacemacs is not installed in {directory}; {dotfile} is evaluated as Spacemacs "
            "would load it", rule="framework-files")]
    return None
