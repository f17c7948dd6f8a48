"""Run the sendmail-program parity cases through real Emacs 28.2 and through elsend.

Both sides run the same recording program (``record-sendmail``, like git's
t9001 ``fake.sendmail``) as ``sendmail-program``: it writes its argument
list (one per line) and its standard input to ``$RECORD_DIR``.  Emacs runs
every case in **one** batch process (``sendmail-send-it`` on a plain
buffer, or ``message-send`` in a ``message-mode`` buffer); elsend runs
:func:`smtp.paths.plan_message` + :func:`smtp.paths.run_plan`.  Date and
Message-ID values are masked before comparing.

Cases live in ``cases.json``: settings are JSON values turned into Lisp
(string → string, ``{"sym": NAME}`` → symbol, list → list, true → t,
null → nil), so neither side needs the other's reader.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
MAILRC = "alias team bob@example.net carol@example.net\nalias boss \"Big Boss <boss@example.com>\"\n"
PROGRAM = HERE / "record-sendmail"
GOLDENS = HERE / "goldens"


def load_cases() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))
    return data["base"], data["cases"]


def settings_of(base: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    values = dict(base)
    if case["path"] == "sendmail-send-it":   # the mail-mode door: funcall send-mail-function
        values["send-mail-function"] = {"sym": "sendmail-send-it"}
    values.update(case["settings"])
    values["sendmail-program"] = str(PROGRAM)
    return values


# -- JSON → Lisp ---------------------------------------------------------------

def lisp_source(value: Any) -> str:
    if value is None:
        return "nil"
    if value is True:
        return "t"
    if isinstance(value, dict):
        return value["sym"]
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "(" + " ".join(lisp_source(v) for v in value) + ")"
    if isinstance(value, int):
        return str(value)
    raise TypeError(value)


def lisp_value(value: Any) -> Any:
    from elconf.types import NIL, T, intern, lisp_list

    if value is None:
        return NIL
    if value is True:
        return T
    if isinstance(value, dict):
        return intern(value["sym"])
    if isinstance(value, list):
        return lisp_list([lisp_value(v) for v in value])
    return value


# -- masking -------------------------------------------------------------------

_MASKS = [
    (re.compile(rb"^(Date: ).*$", re.MULTILINE), rb"\1<DATE>"),
    (re.compile(rb"^(Message-I[dD]: ).*$", re.MULTILINE), rb"\1<MESSAGE-ID>"),
]


def mask(data: bytes) -> bytes:
    """Hide the values that change on every run (only in the header)."""
    head, sep, body = data.partition(b"\n\n")
    for pattern, replacement in _MASKS:
        head = pattern.sub(replacement, head)
    return head + sep + body


# -- Emacs -----------------------------------------------------------------------

DRIVER = r""";; -*- coding: utf-8; lexical-binding: t -*-
(require 'cl-lib)
(require 'message)
(require 'sendmail)
;; Bound around every case, so that a case's hook cannot leak into the next.
(defvar elsend-parity-isolated nil)
(defun elsend-parity-case (dir kind vars vals text &optional init)
  (setenv "RECORD_DIR" dir)
  (cl-progv (append '(message-send-hook) vars elsend-parity-isolated)
            (append '(nil) vals (mapcar #'symbol-value elsend-parity-isolated))
    (condition-case err
        (progn
         (when init
           (eval (car (read-from-string (concat "(progn " init ")"))) t))
        (if (eq kind 'sendmail)
            (with-temp-buffer
              (insert text)
              (funcall send-mail-function))
          (with-current-buffer (get-buffer-create "*elsend-parity*")
            (erase-buffer)
            (message-mode)
            (insert text)
            (goto-char (point-min))
            (when (re-search-forward "^\n" nil t)
              (replace-match (concat mail-header-separator "\n")))
            (message-send))))
      (error
       (make-directory dir t)
       (with-temp-file (expand-file-name "error" dir)
         (insert (error-message-string err)))))))
"""


# Variables a case's init code may set; each case runs with its own binding.
ISOLATED = ("message-sendmail-extra-arguments", "user-mail-address", "user-full-name",
            "message-sendmail-f-is-evil", "message-sendmail-envelope-from", "mail-envelope-from",
            "sendmail-program", "message-send-mail-function", "send-mail-function")


def driver_text(cases: list[dict[str, Any]], base: dict[str, Any], out: Path) -> str:
    forms = [DRIVER]
    for case in cases:
        values = settings_of(base, case)
        names = " ".join(values)
        vals = " ".join(lisp_source(v) for v in values.values())
        kind = "sendmail" if case["path"] == "sendmail-send-it" else "message"
        init = lisp_source(case["init"]) if "init" in case else "nil"
        isolated = " ".join(v for v in ISOLATED if v not in values)
        forms.append(f"(setq elsend-parity-isolated '({isolated}))\n")
        forms.append(f"(elsend-parity-case {lisp_source(str(out / case['name']))} '{kind} "
                     f"'({names}) '({vals}) {lisp_source(case['message'])} {init})\n")
    return "".join(forms)


def run_emacs_cases(cases: list[dict[str, Any]], base: dict[str, Any], work: Path) -> dict[str, dict[str, Any]]:
    """Run every case in one Emacs; return name → {"argv", "stdin"} or {"error"}."""
    from tests.support.emacs import run_emacs

    out = work / "emacs"
    out.mkdir(parents=True)
    driver = work / "driver.el"
    driver.write_text(driver_text(cases, base, out), encoding="utf-8")
    home = make_home(work)
    for case in cases:
        precreate_fcc(case, home)
    proc = run_emacs(["-Q", "-l", str(driver)], home=home, env={"TZ": "UTC", "LANG": "C.UTF-8"})
    if proc.returncode != 0:
        raise RuntimeError(f"emacs failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return {case["name"]: collect(out / case["name"], wait=0 if case.get("no_program") else 10,
                                  fcc=home / case["fcc"] if "fcc" in case else None)
            for case in cases}


def make_home(work: Path) -> Path:
    """The HOME both sides run in: a ~/.mailrc with two aliases."""
    home = work / "home"
    home.mkdir(exist_ok=True)
    (home / ".mailrc").write_text(MAILRC)
    return home


def precreate_fcc(case: dict[str, Any], home: Path) -> None:
    """An empty Fcc file for cases that want one (message.el asks before creating it)."""
    if case.get("fcc_exists"):
        (home / case["fcc"]).write_bytes(b"")


_FROM_LINE = re.compile(rb"\AFrom \S+ .*$", re.MULTILINE)


def mask_fcc(data: bytes) -> bytes:
    """An Fcc mbox copy with its From_ line (login, time) and Date masked."""
    return mask(_FROM_LINE.sub(b"From <LOGIN> <TIME>", data, count=1))


def collect(directory: Path, wait: float = 10.0, fcc: Path | None = None) -> dict[str, Any]:
    """What the recording program left, and the Fcc copy when the case has one.

    The program may still be running: Emacs does not wait for it when
    ``mail-interactive`` is nil, so we poll for up to ``wait`` seconds.
    """
    deadline = time.monotonic() + wait
    result: dict[str, Any] = {}
    while True:
        if (directory / "error").exists():
            result["error"] = (directory / "error").read_text(encoding="utf-8")
            break
        if (directory / "argv").exists():
            result["argv"] = (directory / "argv").read_text(encoding="utf-8").splitlines()
            result["stdin"] = mask((directory / "stdin").read_bytes())
            break
        if time.monotonic() >= deadline:
            result["not_run"] = True
            break
        time.sleep(0.05)
    if fcc is not None:
        result["fcc"] = mask_fcc(fcc.read_bytes()) if fcc.exists() else b"(no Fcc file)"
    return result


# -- elsend ----------------------------------------------------------------------

class _Settings:
    """The case's settings where a LoadedConfig is expected (no init file to evaluate)."""

    interpreter = None

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def send_config(self) -> Any:
        from smtp.config import SendConfig

        return SendConfig.from_mapping(self.values)

    def get(self, name: str) -> Any:
        from elconf.types import UNBOUND

        return self.values.get(name, UNBOUND)


def run_elsend_case(case: dict[str, Any], base: dict[str, Any], work: Path) -> dict[str, Any]:
    from smtp import paths
    from smtp.config import SendConfig
    from smtp.errors import SendError

    values = {name: lisp_value(v) for name, v in settings_of(base, case).items()}
    via = "send-mail" if case["path"] == "sendmail-send-it" else "message"
    directory = work / "elsend" / case["name"]
    home = make_home(work)
    precreate_fcc(case, home)
    if "init" in case:
        loaded: Any = load_init(case, base, home)
        cfg = loaded.send_config()
    else:
        loaded = _Settings(values)
        cfg = SendConfig.from_mapping(values)
    saved = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        plan = paths.plan_message(case["message"].encode("utf-8"), cfg, loaded, via=via)
        paths.run_plan(plan, env={"RECORD_DIR": str(directory), "PATH": "/usr/bin:/bin"})
    except SendError as exc:
        return {"error": str(exc)}
    finally:
        if saved is None:
            del os.environ["HOME"]
        else:
            os.environ["HOME"] = saved
    return collect(directory, wait=0, fcc=home / case["fcc"] if "fcc" in case else None)


def load_init(case: dict[str, Any], base: dict[str, Any], home: Path) -> Any:
    """Evaluate the case's settings and init code with elconf, as Emacs's init file would be."""
    from elconf.config import LoadOptions, load_config

    def quoted(value: Any) -> str:
        return ("'" if isinstance(value, (dict, list)) else "") + lisp_source(value)

    setqs = "".join(f"(setq {name} {quoted(value)})\n" for name, value in settings_of(base, case).items())
    init = home / "init.el"
    init.write_text(";; -*- lexical-binding: t -*-\n(require 'message)\n" + setqs + case["init"] + "\n",
                    encoding="utf-8")
    loaded = load_config(LoadOptions(init=init, home=home, env={"HOME": str(home)}))
    errors = [d.format() for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        raise RuntimeError("elconf could not evaluate the case's init code: " + "; ".join(errors))
    loaded.load_for_sending(loaded.get("message-send-mail-function").name
                            if hasattr(loaded.get("message-send-mail-function"), "name") else None)
    return loaded


def golden(name: str) -> dict[str, Any]:
    path = GOLDENS / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("stdin", "fcc"):
        if key in data:
            data[key] = data[key].encode("utf-8", "surrogateescape")
    return data


def write_golden(name: str, result: dict[str, Any]) -> None:
    data = dict(result)
    for key in ("stdin", "fcc"):
        if key in data:
            data[key] = data[key].decode("utf-8", "surrogateescape")
    GOLDENS.mkdir(exist_ok=True)
    (GOLDENS / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
