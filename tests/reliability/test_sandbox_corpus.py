"""A corpus of hostile init files: none of them gets to run, write, connect or hog.

Each case is a real init file loaded the way ``elsend`` loads it
(:func:`elconf.config.load_config`, then what the first send loads, so hooks
and ``with-eval-after-load`` bodies run too).  For every case the test checks
that the side effect really did not happen (marker files absent, the
listening socket never accepted, the environment unchanged, no secret in any
value) and that the attempt is reported: a diagnostic naming the init file
and the offending line (:data:`HOSTILE_LINE`).

Decision on reading: ``load`` and ``require`` may read other Lisp files
(Emacs configs are split across files, and what those files do is sandboxed
in turn); reading file *contents* into a value (``insert-file-contents``,
``find-file-noselect``) is refused, so an init file cannot copy
``/etc/passwd`` or ``~/.authinfo`` into a setting that later reaches a
server.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from elconf.config import LoadOptions, load_config

HOSTILE_LINE = 3
MARK = "@MARK@"     # replaced by an absolute path under HOME that must never appear
PORT = "@PORT@"     # replaced by a listening port that must never be connected to

RUN_PROGRAMS = {
    "shell-command": f'(shell-command "touch {MARK}")',
    "shell-command-to-string": f'(setq smtpmail-smtp-server (shell-command-to-string "touch {MARK}"))',
    "async-shell-command": f'(async-shell-command "touch {MARK}")',
    "call-process": f'(call-process "touch" nil nil nil "{MARK}")',
    "call-process-shell-command": f'(call-process-shell-command "touch {MARK}")',
    "process-file": f'(process-file "touch" nil nil nil "{MARK}")',
    "start-process": f'(start-process "p" nil "touch" "{MARK}")',
    "start-process-shell-command": f'(start-process-shell-command "p" nil "touch {MARK}")',
    "make-process": f'(make-process :name "p" :command (list "touch" "{MARK}"))',
    "process-lines": f'(process-lines "touch" "{MARK}")',
    "eval-read": f'(eval (read "(shell-command \\"touch {MARK}\\")"))',
    "eval-car-read-from-string": f'(eval (car (read-from-string "(call-process \\"touch\\" nil nil nil \\"{MARK}\\")")))',
    "funcall-intern": f'(funcall (intern (concat "shell-" "command")) "touch {MARK}")',
    "apply-quoted": f'(apply #\'call-process (list "touch" nil nil nil "{MARK}"))',
    "defalias-innocent": f'(progn (defalias \'innocent #\'shell-command) (innocent "touch {MARK}"))',
    "fset-symbol-function": f'(progn (fset \'harmless (symbol-function \'call-process)) (harmless "touch" nil nil nil "{MARK}"))',
    "lambda-variable": f'(let ((f \'start-process)) (funcall f "p" nil "touch" "{MARK}"))',
    "after-init-hook": f'(add-hook \'after-init-hook (lambda () (shell-command "touch {MARK}")))',
    "eval-after-load-smtpmail": f'(with-eval-after-load \'smtpmail (call-process "touch" nil nil nil "{MARK}"))',
    "run-at-time": f'(run-at-time 0 nil #\'shell-command "touch {MARK}")',
    "eval-when-compile": f'(eval-when-compile (shell-command "touch {MARK}"))',
}

WRITE_FILES = {
    "write-region": f'(write-region "x" nil "{MARK}")',
    "append-to-file": f'(append-to-file "x" nil "{MARK}")',
    "with-temp-file": f'(with-temp-file "{MARK}" (insert "x"))',
    "write-file": f'(with-temp-buffer (insert "x") (write-file "{MARK}"))',
    "make-directory": f'(make-directory "{MARK}" t)',
    "copy-file": f'(copy-file "~/keep" "{MARK}")',
    "rename-file": f'(rename-file "~/keep" "{MARK}")',
    "make-symbolic-link": f'(make-symbolic-link "~/keep" "{MARK}")',
    "delete-file": '(delete-file "~/keep")',
    "delete-directory": '(delete-directory "~/keepdir" t)',
    "set-file-modes": '(set-file-modes "~/keep" 0)',
    "customize-save-variable": f'(progn (setq custom-file "{MARK}") (customize-save-variable \'user-full-name "x"))',
}

SOCKETS = {
    "open-network-stream": f'(open-network-stream "x" nil "127.0.0.1" {PORT})',
    "make-network-process": f'(make-network-process :name "x" :host "127.0.0.1" :service {PORT})',
    "url-retrieve": f'(url-retrieve "http://127.0.0.1:{PORT}/" #\'ignore)',
    "url-retrieve-synchronously": f'(url-retrieve-synchronously "http://127.0.0.1:{PORT}/")',
    "smtpmail-via-smtp": '(progn (require \'smtpmail) (smtpmail-via-smtp (list "a@b.c") (current-buffer)))',
}

READ_FILES = {
    "insert-file-contents-passwd": '(setq smtpmail-smtp-server (with-temp-buffer (insert-file-contents "/etc/passwd") (buffer-string)))',
    "insert-file-contents-authinfo": '(setq user-full-name (with-temp-buffer (insert-file-contents "~/.authinfo") (buffer-string)))',
    "find-file-noselect": '(setq user-full-name (with-current-buffer (find-file-noselect "~/.authinfo") (buffer-string)))',
}

RUNAWAYS = {
    "while-t": "(while t)",
    "recursive-defun": "(progn (defun down (n) (down (1+ n))) (down 0))",
    "mutual-recursion": "(progn (defun ping (n) (pong n)) (defun pong (n) (ping n)) (ping 0))",
    "make-string-huge": "(setq user-full-name (make-string 1000000000 ?x))",
    "make-list-huge": "(setq smtpmail-recipient-address-list (make-list 1000000000 \"x\"))",
    "dotimes-billion": "(dotimes (i 1000000000) (setq user-full-name \"x\"))",
    "concat-doubling": '(let ((s "xx")) (while t (setq s (concat s s))))',
    "exponential-macro": "(progn (defmacro boom (n) (if (> n 0) (list 'progn (list 'boom (1- n)) (list 'boom (1- n))) nil)) (boom 64))",
    "self-expanding-macro": "(progn (defmacro forever () '(forever)) (forever))",
    "expt-huge": "(setq smtpmail-smtp-service (expt 2 100000000))",
    "number-sequence-huge": "(setq l (number-sequence 1 1000000000))",
    "format-width-huge": '(setq user-full-name (format "%1000000000d" 1))',
    "regexp-backtracking": '(string-match "\\\\(a*\\\\)*b" (make-string 40 ?a))',
    "load-itself": '(load (expand-file-name "init.el" "~"))',
}

CASES = {**{f"run/{k}": v for k, v in RUN_PROGRAMS.items()},
         **{f"write/{k}": v for k, v in WRITE_FILES.items()},
         **{f"socket/{k}": v for k, v in SOCKETS.items()},
         **{f"read/{k}": v for k, v in READ_FILES.items()},
         **{f"runaway/{k}": v for k, v in RUNAWAYS.items()}}

#: Wall-clock bound for one runaway: generous, so a loaded CI machine never flakes;
#: the real figures are printed (pytest -s) and quoted in docs/reliability.md.
MAX_SECONDS = 5.0


@pytest.fixture
def listener() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.setblocking(False)
    yield sock
    sock.close()


def _write_init(home: Path, code: str, mark: Path, port: int) -> Path:
    init = home / "init.el"
    init.write_text(
        ';; -*- lexical-binding: t -*-\n(setq user-mail-address "alice@example.org")\n'
        + code.replace(MARK, str(mark)).replace(PORT, str(port))
        + '\n(setq smtpmail-smtp-server "127.0.0.1")\n', encoding="utf-8")
    return init


#: Cases whose refusal is right but whose report is wrong, as strict xfails naming the bug.
#: Found by this corpus and fixed in the evaluator (69f36fd): eval of a form made by `read`
#: reported at the string's 1:1; exponential regexp backtracking never ended; a huge
#: `format` width built a 1 GB string before the limit check.
KNOWN_BUGS: dict[str, str] = {}


def _case(name: str) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name])] if name in KNOWN_BUGS else []
    return pytest.param(name, marks=marks, id=name)


def _prepare(home: Path) -> None:
    (home / "keep").write_text("precious")
    (home / "keepdir").mkdir()
    (home / "keepdir" / "inside").write_text("precious")
    (home / ".authinfo").write_text("machine mx login alice password hunter2-secret\n")


def _check_nothing_happened(home: Path, mark: Path, listener: socket.socket) -> None:
    assert not mark.exists() and not mark.is_symlink()
    assert (home / "keep").read_text() == "precious"
    assert (home / "keep").stat().st_mode & 0o777 != 0
    assert (home / "keepdir" / "inside").read_text() == "precious"
    with pytest.raises(BlockingIOError):
        listener.accept()


@pytest.mark.parametrize("name", [_case(n) for n in CASES if not n.startswith("runaway/")])
def test_hostile_init_file_is_refused_and_reported(name: str, home: Path, listener: socket.socket
                                                  ) -> None:
    mark = home / "pwned"
    _prepare(home)
    environ_before = dict(os.environ)
    init = _write_init(home, CASES[name], mark, listener.getsockname()[1])
    loaded = load_config(LoadOptions(init=init, home=home,
                                     env={"HOME": str(home), "USER": "alice", "PATH": "/usr/bin:/bin"}))
    loaded.load_for_sending("smtpmail-send-it")   # hooks and after-load bodies run now
    cfg_error = None
    try:
        loaded.send_config()
    except Exception as error:  # noqa: BLE001 - a refused value may make the settings invalid
        cfg_error = error

    # Nothing happened ...
    _check_nothing_happened(home, mark, listener)
    assert dict(os.environ) == environ_before
    everything = repr([loaded.get(n) for n in ("smtpmail-smtp-server", "user-full-name")])
    assert "root:" not in everything and "hunter2-secret" not in everything
    assert cfg_error is None or "hunter2" not in str(cfg_error)
    # ... it was said, with the place ...
    places = {(d.file, d.line) for d in loaded.diagnostics}
    assert (str(init), HOSTILE_LINE) in places, [d.format() for d in loaded.diagnostics]
    # ... and the file went on (a refused call is not an error in the file).
    assert loaded.get("smtpmail-smtp-server") == "127.0.0.1"


RUNAWAY_CHILD = """
import json, resource, sys, time
from pathlib import Path
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))   # a runaway must not take the machine
from elconf.config import LoadOptions, load_config
home, init = Path(sys.argv[1]), Path(sys.argv[2])
started = time.monotonic()
loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
loaded.load_for_sending("smtpmail-send-it")
loaded.send_config()
print(json.dumps({"seconds": time.monotonic() - started,
                  # VmHWM: ru_maxrss would include the forking parent's peak
                  "maxrss_mb": int(next(l for l in open("/proc/self/status")
                                        if l.startswith("VmHWM:")).split()[1]) / 1024,
                  "places": [[d.file, d.line, d.rule] for d in loaded.diagnostics]}))
"""
#: Address space for the child: Python, elconf and 200 MB of headroom.
CHILD_ADDRESS_SPACE = 1 << 30


@pytest.mark.parametrize("name", [_case(n) for n in CASES if n.startswith("runaway/")])
def test_runaway_init_file_stops_with_a_limit_error(name: str, home: Path,
                                                    listener: socket.socket) -> None:
    """In a child process (a runaway that escaped the limits must not take the test run
    with it): done within 5 s of CPU, under 200 MB, and reported at the place."""
    import json
    import subprocess
    import sys

    mark = home / "pwned"
    _prepare(home)
    init = _write_init(home, CASES[name], mark, listener.getsockname()[1])
    root = Path(__file__).resolve().parents[2]
    try:
        done = subprocess.run([sys.executable, "-c", RUNAWAY_CHILD, str(home), str(init),
                               str(CHILD_ADDRESS_SPACE)],
                              capture_output=True, text=True, timeout=15, cwd=root,
                              env={**os.environ, "HOME": str(home), "PYTHONPATH": str(root)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: still running after 15 s")
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    print(f"\n{name}: {report['seconds']:.2f} s, max RSS {report['maxrss_mb']:.0f} MB")
    assert report["seconds"] < MAX_SECONDS
    assert report["maxrss_mb"] < 200
    _check_nothing_happened(home, mark, listener)
    # A sandbox limit, or the error Emacs itself signals (overflow-error for a huge expt).
    assert any(place[:2] == [str(init), HOSTILE_LINE] and place[2] in ("limit-exceeded", "lisp-error")
               for place in report["places"]), report["places"]


def test_setenv_changes_only_the_evaluated_environment(home: Path) -> None:
    """``setenv`` is legitimate in init files; it must not leak into elsend's own process."""
    init = home / "init.el"
    init.write_text('(setenv "PATH" "/tmp/evil-bin")\n(setq x (getenv "PATH"))\n')
    before = dict(os.environ)
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home), "PATH": "/bin"}))
    assert loaded.get("x") == "/tmp/evil-bin"
    assert dict(os.environ) == before


def test_load_of_another_file_is_allowed_and_its_content_sandboxed(home: Path) -> None:
    """Reading is allowed for load/require only; what the loaded file does is sandboxed too."""
    mark = home / "pwned"
    extra = home / "mail-settings.el"
    extra.write_text(f'(setq smtpmail-smtp-server "smtp.example.org")\n'
                     f'(shell-command "touch {mark}")\n', encoding="utf-8")
    init = home / "init.el"
    init.write_text(f'(load "{extra}")\n', encoding="utf-8")
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    assert loaded.get("smtpmail-smtp-server") == "smtp.example.org"
    assert not mark.exists()
    assert (str(extra), 2) in {(d.file, d.line) for d in loaded.diagnostics}


def test_corpus_size() -> None:
    assert len(CASES) >= 50
