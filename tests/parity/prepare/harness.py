"""Run preparation cases through Emacs 28.2 (queue mode) and through elsend; compare.

Both sides produce the same record per case: the queued message bytes, the
queued recipient list (the ``.el`` file), the envelope sender, the Fcc files
and the error text.  Generated values (Date, Message-Id, the time in Fcc
``From `` lines and queue file names) are masked, keeping their shape.
"""

from __future__ import annotations

import getpass
import json
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from elconf.types import NIL, T, Cons, intern, lisp_list
from smtp.config import SendConfig
from tests.parity.prepare.corpus import BASE_SETTINGS, Alist, Case, Sym
from tests.support.emacs import run_emacs

HERE = Path(__file__).resolve().parent
GOLDENS = HERE / "goldens"
DRIVER = HERE / "driver.el"
TZ = "Asia/Kolkata"  # a zone with minutes, so the %z formatting is exercised


def settings_for(case: Case, case_dir: Path) -> dict[str, Any]:
    """The complete variable bindings of a case (corpus values over the base)."""
    values: dict[str, Any] = {
        "smtpmail-queue-mail": True,
        "smtpmail-queue-dir": str(case_dir / "queue") + "/",
        "mail-personal-alias-file": str(case_dir / "mailrc"),
        "mail-alias-modtime": None,
        "mail-aliases": True,
        "system-name": "vm",
    }
    values.update(BASE_SETTINGS)
    values.update(case.settings)
    return values


def _lisp(value: Any) -> str:
    if value is None:
        return "nil"
    if value is True:
        return "t"
    if isinstance(value, Sym):
        return value.name
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Alist):
        return "(" + " ".join(f"({_lisp(k)} . {_lisp(v)})" for k, v in value.pairs) + ")"
    raise TypeError(value)


def _to_lisp_value(value: Any) -> Any:
    if value is None:
        return NIL
    if value is True:
        return T
    if isinstance(value, Sym):
        return intern(value.name)
    if isinstance(value, Alist):
        return lisp_list([Cons(k, v) for k, v in value.pairs])
    return value


def materialize(case: Case, root: Path, home: Path) -> Path:
    """Write the case's files under ``root/ID``; return that directory."""
    case_dir = root / case.id
    if case_dir.exists():
        shutil.rmtree(case_dir)
    case_dir.mkdir(parents=True)
    (case_dir / "message.eml").write_bytes(case.message)
    if case.mailrc is not None:
        (case_dir / "mailrc").write_text(case.mailrc)
    for name, text in case.extra_files.items():
        target = home / name.removeprefix("home/") if name.startswith("home/") else case_dir / name
        target.write_text(text)
    return case_dir


def run_emacs_on(cases: list[Case], root: Path, home: Path) -> dict[str, dict[str, Any]]:
    """Run every case in one Emacs process; return the masked records by id."""
    entries = []
    for case in cases:
        case_dir = materialize(case, root, home)
        bindings = " ".join(f"({name} . {_lisp(value)})"
                            for name, value in settings_for(case, case_dir).items())
        entries.append(f'("{case.id}" "{case_dir}/" ({bindings}))')
    cases_file = root / "cases.eld"
    cases_file.write_text("(" + "\n".join(entries) + ")\n")
    proc = run_emacs(["-Q", "-l", str(DRIVER), str(cases_file)], home=home, env={"TZ": TZ})
    if proc.returncode != 0:
        raise RuntimeError(f"Emacs failed: {proc.stderr.decode(errors='replace')}")
    records = {}
    for case in cases:
        case_dir = root / case.id
        result = (case_dir / "result.eld").read_text()
        records[case.id] = collect(case, case_dir, _parse_result(result))
    return records


def _parse_result(text: str) -> tuple[str | None, str | None]:
    """(ENVELOPE ERROR) as printed by the driver: strings, nil or the symbol unset."""
    items = re.findall(r'"((?:[^"\\]|\\.)*)"|\b(nil|unset)\b', text.strip()[1:-1])
    out: list[str | None] = []
    for string, symbol in items:
        if symbol:
            out.append(None if symbol == "nil" else "<unset>")
        else:
            out.append(re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)),
                              string))
    return out[0], out[1]


def collect(case: Case, case_dir: Path, result: tuple[str | None, str | None]) -> dict[str, Any]:
    """The comparable record of one case from the files left in ``case_dir``."""
    envelope, error = result
    queue = case_dir / "queue"
    record: dict[str, Any] = {"envelope": envelope, "error": error, "queued": None,
                              "recipients_el": None, "index": None, "fcc": {}}
    if queue.is_dir():
        data = sorted(p for p in queue.iterdir() if re.fullmatch(r'\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d_\d+', p.name))
        if data:
            record["queued"] = mask(data[0].read_bytes().decode("utf-8", "surrogateescape"), case)
            record["recipients_el"] = (data[0].parent / (data[0].name + ".el")).read_text()
        index = queue / "index"
        if index.exists():
            record["index"] = re.sub(r'\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d_\d+', "<NAME>",
                                     index.read_text().replace(str(case_dir), "<DIR>"))
    for name in sorted(case_dir.glob("*.mbox")):
        record["fcc"][name.name] = mask(name.read_bytes().decode("utf-8", "surrogateescape"), case)
    return record


_DATE = re.compile(r'^Date: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d ', re.MULTILINE)
_MSGID = re.compile(r'^Message-Id: <[0-9a-z]{8,}\.fsf(_-_)?@', re.MULTILINE)
_FROM_LINE = re.compile(r'^From (\S+) [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d ', re.MULTILINE)


def mask(text: str, case: Case) -> str:
    """Mask the generated times and ids, keeping zone and shape visible."""
    has_date = re.search(rb'^Date:', case.message, re.MULTILINE | re.IGNORECASE) is not None
    if not has_date:
        text = _DATE.sub("Date: <DAY, DD MON YYYY HH:MM:SS> ", text)
    text = _MSGID.sub(lambda m: f"Message-Id: <ID.fsf{m.group(1) or ''}@", text)
    text = _FROM_LINE.sub(lambda m: f"From {'<LOGIN>' if m.group(1) == getpass.getuser() else m.group(1)} <TIME> ", text)
    return text


def run_elsend_on(case: Case, root: Path, home: Path) -> dict[str, Any]:
    """The same record made by elsend's preparation and queue writer."""
    from smtp.message import MessageError, prepare_for_smtpmail, read_message
    from smtp.queue import queue_message

    case_dir = materialize(case, root, home)
    values = {name: _to_lisp_value(v) for name, v in settings_for(case, case_dir).items()}
    values["user-login-name"] = getpass.getuser()
    cfg = SendConfig.from_mapping(values)
    envelope: str | None = "<unset>"
    error = None
    raw = read_message(case_dir / "message.eml", cfg)
    now = datetime.now(ZoneInfo(TZ))
    try:
        prepared = prepare_for_smtpmail(raw, cfg, home=home, cwd=case_dir, now=now)
        envelope = prepared.envelope_from
        queue_message(prepared, cfg, home=home, now=now)
    except MessageError as err:
        error = str(err)
    return collect(case, case_dir, (envelope, error))


def load_goldens() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(GOLDENS.glob("*.json"))}


def write_goldens(records: dict[str, dict[str, Any]]) -> None:
    GOLDENS.mkdir(exist_ok=True)
    for old in GOLDENS.glob("*.json"):
        old.unlink()
    for case_id, record in records.items():
        text = json.dumps(record, indent=1, ensure_ascii=False)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # raw bytes (lone surrogates): escape everything
            text = json.dumps(record, indent=1)
        (GOLDENS / f"{case_id}.json").write_text(text + "\n")


