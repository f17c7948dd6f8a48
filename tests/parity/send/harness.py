"""Run one send-parity case through real Emacs or through elsend, against the same server.

A case is an init-file snippet, a message, an authinfo file and a server
script (:mod:`tests.parity.send.cases`).  :func:`run_case` writes a private
HOME (with ``~/.emacs.d``, which Emacs's NSM needs for STARTTLS in batch),
starts :class:`tests.support.smtpserver.RecordingServer` on an ephemeral
port, writes ``init.el`` (the prelude below + the case's snippet), runs the
client and returns the client's bytes, masked where they legitimately
differ between machines: the system name in EHLO/HELO.  The port appears
only in the init file, never on the wire.

Emacs runs as ``emacs --batch -Q -l init.el -l send.el``; send.el inserts
the message into a buffer and calls ``send-mail-function``, as C-c C-c in
mail-mode does, with ``smtpmail-debug-info`` on so that its trace buffer
can be saved (``trace.out``, masked by :func:`mask_trace`); a case's
``stdin`` answers Emacs's prompts.  elsend runs as ``elsend --init init.el
MESSAGE``.  Goldens: ``goldens/NAME.wire`` (client bytes), ``NAME.trace``
(Emacs's trace buffer), ``NAME.json`` (Emacs's exit status and error).
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.parity.send.cases import SendCase
from tests.support.emacs import emacs_env, run_emacs
from tests.support.smtpserver import RecordingServer, TestPKI, make_pki

GOLDEN_DIR = Path(__file__).parent / "goldens"

PRELUDE = """\
;; written by tests/parity/send/harness.py
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "127.0.0.1"
      smtpmail-smtp-service {port}
      gnutls-trustfiles '("{ca_file}"))
"""

SEND_EL = """\
(setq smtpmail-debug-info t)  ; keeps the trace buffer; changes nothing on the wire
(defun parity-dump-trace ()
  (let ((trace (get-buffer "*trace of SMTP session to 127.0.0.1*")))
    (when trace
      (with-current-buffer trace
        (let ((coding-system-for-write 'binary))
          (write-region nil nil "trace.out" nil 'silent))))))
(condition-case err
    (with-temp-buffer
      (let ((coding-system-for-read 'utf-8-unix))
        (insert-file-contents "{message}"))
      (funcall send-mail-function)
      (parity-dump-trace))
  (error (parity-dump-trace)
         (message "ERROR: %s" (error-message-string err))
         (kill-emacs 255)))
"""


@dataclasses.dataclass
class Outcome:
    wire: bytes          # masked transcript of every connection
    exit_code: int
    stderr: str
    trace: bytes | None = None   # the client's trace (trace.out in the working directory)


def mask(wire: bytes, system_name: str | None = None) -> bytes:
    """Replace the system name in EHLO/HELO lines by ``<SYSTEM-NAME>``."""
    name = re.escape((system_name or socket.gethostname()).encode())
    return re.sub(rb"(?m)^(EHLO|HELO) " + name + rb"(?=[.\r])", rb"\1 <SYSTEM-NAME>", wire)


def _pki(workdir: Path, case: SendCase) -> tuple[TestPKI, TestPKI]:
    """(the CA the client trusts, the PKI whose certificate the server shows)."""
    trusted_dir = workdir / "trusted"
    trusted_dir.mkdir()
    if case.server_cert == "rogue":
        trusted = make_pki(trusted_dir)
        rogue_dir = workdir / "rogue"
        rogue_dir.mkdir()
        return trusted, make_pki(rogue_dir)
    names = ("mx.test",) if case.server_cert == "wrong-name" else ("127.0.0.1", "localhost")
    trusted = make_pki(trusted_dir, names)
    return trusted, trusted


#: A client: (init.el, message file, HOME, working directory) -> (exit status, stderr).
Client = Callable[[Path, Path, Path, Path], "tuple[int, str]"]


def emacs_client(init: Path, message: Path, home: Path, workdir: Path) -> tuple[int, str]:
    send_el = workdir / "send.el"
    send_el.write_text(SEND_EL.format(message=message), encoding="utf-8")
    answers = workdir / "stdin.txt"
    stdin = answers.read_bytes() if answers.exists() else None
    done = run_emacs(["-Q", "-l", str(init), "-l", str(send_el)], home=home, timeout=60,
                     cwd=workdir, stdin=stdin)
    return done.returncode, done.stderr.decode("utf-8", "replace")


def elsend_client(init: Path, message: Path, home: Path, workdir: Path) -> tuple[int, str]:
    done = subprocess.run(
        [*elsend_command(), "--init", str(init), str(message)],
        env=emacs_env(home, {"PYTHONPATH": str(Path(__file__).parents[3])}),
        input=b"", capture_output=True, timeout=60, cwd=workdir, check=False)
    return done.returncode, done.stderr.decode("utf-8", "replace")


def run_case(case: SendCase, client: Client, workdir: Path) -> Outcome:
    """Run ``case`` with ``client`` in the empty directory ``workdir``."""
    home = workdir / "home"
    (home / ".emacs.d").mkdir(parents=True)
    trusted, shown = _pki(workdir, case)
    message = workdir / "message.eml"
    message.write_bytes(case.message.encode("utf-8"))
    if case.stdin is not None:
        (workdir / "stdin.txt").write_text(case.stdin, encoding="utf-8")
    tls_args: dict[str, object] = {}
    if case.tls == "starttls":
        tls_args["starttls_context"] = shown.server_context
    elif case.tls == "implicit":
        tls_args["implicit_tls_context"] = shown.server_context
    with RecordingServer(case.make_script(), **tls_args) as server:  # type: ignore[arg-type]
        init = workdir / "init.el"
        init.write_text(PRELUDE.format(port=server.port, ca_file=trusted.ca_file)
                        + case.init.replace("{port}", str(server.port)), encoding="utf-8")
        if case.authinfo is not None:
            (home / ".authinfo").write_text(case.authinfo.replace("{port}", str(server.port)),
                                            encoding="utf-8")
        exit_code, stderr = client(init, message, home, workdir)
    trace_file = workdir / "trace.out"
    trace = mask_trace(trace_file.read_bytes()) if trace_file.exists() else None
    return Outcome(mask(server.transcript()), exit_code,
                   stderr.replace(str(server.port), "<PORT>"), trace)


def mask_trace(trace: bytes) -> bytes:
    """Emacs's trace with its secrets omitted as ours are, and a timing-free last line.

    Emacs shows AUTH LOGIN's base64 lines and the CRAM-MD5 response in
    clear; we never do.  Whether Emacs ends with "deleted" or "connection
    broken by remote peer" depends on who closed first.
    """
    lines, out, in_auth = trace.split(b"\r\n"), [], False
    for line in lines:
        if line in (b"AUTH LOGIN", b"AUTH CRAM-MD5"):
            in_auth = True
        elif line.startswith(b"AUTH XOAUTH2 "):  # Emacs's [A-Z]+ misses the 2: token in clear
            line = b"AUTH XOAUTH2 <omitted>"
        elif in_auth and re.match(rb"[0-9]{3}[ -]", line):
            in_auth = line.startswith(b"334")
        elif in_auth:
            line = b"<omitted>"
        out.append(line)
    masked = b"\r\n".join(out)
    masked = masked.replace(b"Process smtpmail connection broken by remote peer",
                            b"Process smtpmail deleted")
    name = re.escape(socket.gethostname().encode())
    return re.sub(rb"(?m)^HELO " + name + rb"(?=[.\r])", rb"HELO <SYSTEM-NAME>", masked)


def elsend_command() -> list[str]:
    """The installed ``elsend`` script, else the module (same code, editable install)."""
    found = shutil.which("elsend")
    return [found] if found else [sys.executable, "-m", "smtp.cli"]


def golden_paths(case: SendCase) -> tuple[Path, Path]:
    return GOLDEN_DIR / f"{case.name}.wire", GOLDEN_DIR / f"{case.name}.json"


def write_golden(case: SendCase, outcome: Outcome) -> None:
    wire_path, meta_path = golden_paths(case)
    GOLDEN_DIR.mkdir(exist_ok=True)
    wire_path.write_bytes(outcome.wire)
    trace_path = GOLDEN_DIR / f"{case.name}.trace"
    if outcome.trace is not None:
        trace_path.write_bytes(outcome.trace)
    elif trace_path.exists():
        trace_path.unlink()
    errors = [line for line in outcome.stderr.splitlines() if line.startswith("ERROR: ")]
    meta = {"emacs_exit": outcome.exit_code, "emacs_error": errors[0][7:] if errors else None,
            "elsend_exit": case.exit_code, "compare": case.compare_until or "all",
            "why": case.why}
    meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_golden(case: SendCase) -> bytes:
    return golden_paths(case)[0].read_bytes()


def read_golden_trace(case: SendCase) -> bytes | None:
    path = GOLDEN_DIR / f"{case.name}.trace"
    return path.read_bytes() if path.exists() else None


def comparable(wire: bytes, case: SendCase) -> bytes:
    """The part of a transcript elsend must reproduce (all of it unless the case says where we part)."""
    if case.compare_until is None:
        return wire
    cut = wire.find(case.compare_until.encode())
    return wire if cut < 0 else wire[:cut]
