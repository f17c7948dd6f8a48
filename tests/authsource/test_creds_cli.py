"""``elconf creds`` end to end, as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.authsource.conftest import GpgHome, make_store

AUTHINFO = ("machine smtp.example.org login alice port smtp password byname\n"
            "machine smtp.example.org login alice password hunter2 smtp-auth login\n"
            "default login anyone password fallback\n")


def creds(home: Path, *args: str, extra_env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PASSWORD_STORE_DIR", "GNUPGHOME")}
    env["HOME"] = str(home)
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "elconf.cli", "creds", *args], cwd=home, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_human_output_explains_and_masks(tmp_path: Path) -> None:
    (tmp_path / ".authinfo").write_text(AUTHINFO)
    proc = creds(tmp_path, "-q", "smtp.example.org", "587")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert f"found: {tmp_path}/.authinfo:2" in out
    assert "hunter2" not in out and "********" in out
    assert "smtp is not 587" in out and "compares ports as strings" in out
    assert "smtp-auth  login" in out


def test_json_output(tmp_path: Path) -> None:
    (tmp_path / ".authinfo").write_text(AUTHINFO)
    data = json.loads(creds(tmp_path, "-q", "other.example", "25", "--json").stdout)
    assert data["user"] == "anyone" and data["secret"] == "********" and data["host"] is True
    assert data["port"] is None and data["smtp-auth"] is None and data["error"] is None
    assert data["source"] == {"file": str(tmp_path / ".authinfo"), "line": 3}
    assert [c["verdict"].split(" ")[0] for c in data["considered"]] == ["host", "host", "match"]
    shown = json.loads(creds(tmp_path, "-q", "smtp.example.org", "587", "--json",
                             "--show-secret").stdout)
    assert shown["secret"] == "hunter2" and shown["host"] == "smtp.example.org"


def test_nothing_found_exits_1_with_nulls(tmp_path: Path) -> None:
    (tmp_path / ".netrc").write_text("machine a login u password p\n")
    proc = creds(tmp_path, "-q", "b", "25", "alice", "--json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["user"] is None and data["secret"] is None and data["source"] is None
    assert data["query"]["user"] == "alice"


def test_broken_file_exits_65_and_says_where(tmp_path: Path) -> None:
    (tmp_path / ".authinfo").write_text("machine a login alice password #secret\nmachine b\n")
    proc = creds(tmp_path, "-q", "a", "25")
    assert proc.returncode == 65
    assert f"{tmp_path}/.authinfo:2" in proc.stdout and "machine" in proc.stdout
    data = json.loads(creds(tmp_path, "-q", "a", "25", "--json").stdout)
    assert "Unexpected" in data["error"] and data["error_location"]["line"] == 2


def test_auth_sources_option(tmp_path: Path) -> None:
    (tmp_path / "mine").write_text("machine h login me password mine\n")
    data = json.loads(creds(tmp_path, "-q", "--auth-sources", '("~/none" (:source "~/mine"))',
                            "h", "25", "--json").stdout)
    assert data["user"] == "me"
    assert any("none: no such file" in n for n in data["notes"])


def test_init_file_sets_auth_sources_and_server(tmp_path: Path) -> None:
    (tmp_path / "work-authinfo").write_text("machine smtp.work.test login w port 465 password wp\n")
    init = tmp_path / "init.el"
    init.write_text('(setq auth-sources \'("~/work-authinfo"))\n'
                    '(setq smtpmail-smtp-server "smtp.work.test" smtpmail-smtp-service 465)\n'
                    '(setq smtpmail-smtp-user "w")\n')
    proc = creds(tmp_path, "--init", str(init), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    origins = data["query"].pop("origins")
    assert data["query"] == {"host": "smtp.work.test", "port": "465", "user": "w",
                             "auth-sources": '("~/work-authinfo")'}
    assert "init.el:1" in origins["auth-sources"] and "init.el:3" in origins["smtpmail-smtp-user"]
    assert data["user"] == "w"


def test_help_documents_exit_codes() -> None:
    proc = subprocess.run([sys.executable, "-m", "elconf.cli", "creds", "--help"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0
    assert "65" in proc.stdout and "--show-secret" in proc.stdout


def test_password_store_from_the_init_file(tmp_path: Path, gpg_home: GpgHome) -> None:
    make_store(gpg_home, tmp_path / "store", {"mail/smtp.example.org:587": "storesecret\nuser: sam\n"})
    init = tmp_path / "init.el"
    init.write_text('(auth-source-pass-enable)\n(setq auth-source-pass-filename "~/store")\n')
    env_extra = {"GNUPGHOME": str(gpg_home.directory)}
    proc = creds(tmp_path, "--init", str(init), "smtp.example.org", "587", "--json",
                 "--show-secret", extra_env=env_extra)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["query"]["auth-sources"].startswith("(password-store")
    assert (data["user"], data["secret"]) == ("sam", "storesecret")
    assert data["source"] == {"file": "password-store:mail/smtp.example.org:587", "line": None}


def test_login_without_password_searches_again_as_smtpmail(tmp_path: Path) -> None:
    (tmp_path / ".authinfo").write_text("machine h login alice\n")
    (tmp_path / ".netrc").write_text("machine h login alice password later\n")
    data = json.loads(creds(tmp_path, "-q", "h", "25", "--json", "--show-secret").stdout)
    assert data["secret"] == "later" and data["source"]["file"].endswith(".netrc")
    assert "searches again" in data["notes"][0]
    (tmp_path / ".netrc").write_text("machine h login bob password bobs smtp-auth plain\n")
    data = json.loads(creds(tmp_path, "-q", "h", "25", "--json", "--show-secret").stdout)
    assert (data["user"], data["secret"], data["smtp-auth"]) == ("alice", "bobs", None)
    assert "still logs in as alice" in data["notes"][0]
    (tmp_path / ".netrc").unlink()
    proc = creds(tmp_path, "-q", "h", "25", "--json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["user"] == "alice" and data["secret"] is None
    assert "SMTP password for alice@h: " in data["notes"][0]


def test_long_files_list_only_the_entries_for_the_host(tmp_path: Path) -> None:
    (tmp_path / ".authinfo").write_text(
        "".join(f"machine host{i}.example login u{i} password p{i}\n" for i in range(40))
        + "machine host7.example login z port smtp password q\n")
    proc = creds(tmp_path, "-q", "host7.example", "587", "u8")
    assert proc.returncode == 1
    assert ".authinfo:8  host host7.example user u7: user differs" in proc.stdout
    assert ".authinfo:41  host host7.example port smtp user z: user differs" in proc.stdout
    assert "... and 39 entries for other hosts" in proc.stdout
    data = json.loads(creds(tmp_path, "-q", "host7.example", "587", "u8", "--json").stdout)
    assert len(data["considered"]) == 41


def test_unreadable_init_file_still_shows_the_lookup_and_exits_65(tmp_path: Path) -> None:
    (tmp_path / ".authinfo").write_text("machine h login a password p\n")
    init = tmp_path / "init.el"
    init.write_text('(setq smtpmail-smtp-user "a")\n(setq broken "unterminated\n')
    proc = creds(tmp_path, "--init", str(init), "h", "25")
    assert proc.returncode == 65
    assert "init.el:3" in proc.stderr and "End of file during parsing" in proc.stderr
    assert "found:" in proc.stdout
