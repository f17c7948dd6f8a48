"""Encrypted credentials with the real gpg and pass, checked against real Emacs.

One scenario of ``.authinfo.gpg`` files, ``gpg:`` tokens, decryption
failures and a password-store is answered by our code and by Emacs 28.2
(one batch process, same GNUPGHOME), and the answers must agree.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

from elconf.types import intern, lisp_list
from smtp.authsource import CredentialError, CredentialSource, search
from smtp.authsource.gpg import GpgError, decrypt
from tests.authsource.conftest import GpgHome, make_store
from tests.support.emacs import run_emacs

PASS_ENTRIES = {
    "smtp.example.com": "hostsecret\nuser: alice\n",
    "mail/alice@smtp.example.com:587": "full\n",
    "example.com": "domainsecret\nusername: dom\nport: 2525\n",
    "other.net/bob": "bobsecret\n",
    "other.net/carol": "carolsecret\nuser: carol\n",
    "broken.org": "goodone\n",
    "many.test": "\n\n  first line  \n  user :  spaced  \nnot a field\n",
    "work/bob@mail.corp.test": "bobwork\n",
    "mail.corp.test:465/carol": "carol465\n",
    "corp.test": "corpwide\nhost: relay.corp.test\n",
}

PASS_QUERIES = [("smtp.example.com", "587", None), ("smtp.example.com", "587", "alice"),
                ("smtp.example.com", "25", "zed"), ("foo.example.com", "25", None),
                ("other.net", "25", "bob"), ("other.net", "25", None), ("other.net", "25", "carol"),
                ("broken.org", "25", None), ("many.test", "25", None), ("nothing.invalid", "25", None),
                ("alice@smtp.example.com", "587", None), ("mail.corp.test", "465", "bob"),
                ("mail.corp.test", "465", "carol"), ("mail.corp.test", "25", "carol"),
                ("x.mail.corp.test", "465", None), ("bob@mail.corp.test", "25", None)]


def build_scenario(base: Path, gpg: GpgHome, other: GpgHome) -> dict[str, Any]:
    """Homes and stores on disk; returns {home name: (home path, auth-sources as Lisp text, queries)}."""
    homes: dict[str, Any] = {}

    def home(name: str) -> Path:
        path = base / name
        path.mkdir()
        return path

    h = home("gpgfile")
    (h / ".authinfo.gpg").write_bytes(gpg.encrypt(
        b"machine a.example login alice password fromgpg smtp-auth plain\n"
        b"machine b.example login bob port 587 password 'with space'\n"))
    homes["gpgfile"] = (h, None, [("a.example", "25", None), ("b.example", "587", None),
                                  ("b.example", "25", None)])

    h = home("token")
    token = base64.b64encode(gpg.encrypt("t\u00f6ken secret".encode(), armor=True)).decode()
    (h / ".authinfo").write_text(f"machine a.example login alice password gpg:{token}\n"
                                 "machine b.example login bob password gpg:***\n")
    homes["token"] = (h, None, [("a.example", "25", None), ("b.example", "25", None)])

    h = home("plaingpg")
    (h / ".authinfo.gpg").write_text("machine a.example login alice password clear\n")
    homes["plaingpg"] = (h, None, [("a.example", "25", None)])

    h = home("wrongkey")
    (h / ".authinfo.gpg").write_bytes(other.encrypt(b"machine a.example password x\n"))
    (h / ".netrc").write_text("machine a.example login alice password netrc\n")
    homes["wrongkey"] = (h, None, [("a.example", "25", None)])

    h = home("pass")
    store = make_store(gpg, h / "store", PASS_ENTRIES)
    (store / "a").mkdir()
    (store / "a" / "broken.org.gpg").write_bytes(other.encrypt(b"unreadable\n"))
    homes["pass"] = (h, "(password-store)", PASS_QUERIES)
    return homes


EMACS_DRIVER = r"""
(require 'auth-source)
(require 'auth-source-pass)
(require 'json)
(defvar elsend-results nil)
(defun elsend-query (name home sources store host port user)
  (setenv "HOME" home)
  (setq default-directory (file-name-as-directory home))
  (setq auth-source-pass-filename store)
  (auth-source-forget-all-cached)
  (let ((auth-sources (or sources '("~/.authinfo" "~/.authinfo.gpg" "~/.netrc"))))
    (push (json-encode
           (condition-case err
               (let* ((found (car (auth-source-search :host host :port port :user user :max 1)))
                      (secret (plist-get found :secret)))
                 (when (functionp secret) (setq secret (funcall secret)))
                 (list :name name :found (if found t :json-false) :user (plist-get found :user)
                       :secret secret :host (plist-get found :host) :port (plist-get found :port)
                       :smtp-auth (plist-get found :smtp-auth) :error nil))
             (error (list :name name :found :json-false :error (error-message-string err)))))
          elsend-results)))
"""


def _q(text: str | None) -> str:
    if text is None:
        return "nil"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emacs_answers(base: Path, homes: dict[str, Any], gpg: GpgHome) -> list[dict[str, Any]]:
    forms = [EMACS_DRIVER]
    for name, (home, sources, queries) in homes.items():
        for host, port, user in queries:
            forms.append(f"(elsend-query {_q(name)} {_q(str(home))} {'nil' if sources is None else chr(39) + sources} "
                         f"{_q(str(home / 'store'))} {_q(host)} {_q(port)} {_q(user)})")
    out = base / "answers.json"
    forms.append(f"(let ((coding-system-for-write 'utf-8-unix)) (with-temp-file {_q(str(out))} "
                 "(insert \"[\" (mapconcat #'identity (reverse elsend-results) \",\") \"]\")))")
    driver = base / "driver.el"
    driver.write_text("\n".join(forms), encoding="utf-8")
    proc = run_emacs(["-Q", "-l", str(driver)], home=base, env={"GNUPGHOME": str(gpg.directory)})
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return json.loads(out.read_text(encoding="utf-8"))


def unibyte_to_text(secret: str | None) -> str | None:
    """A gpg token decrypts to a unibyte (raw bytes) string in Emacs, which json-encode
    writes as octal escapes; smtpmail sends those bytes, we send our text as UTF-8."""
    if secret is None or "\\" not in secret:
        return secret
    raw = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), secret)
    return raw.encode("latin-1").decode("utf-8")


def our_answers(homes: dict[str, Any], gpg: GpgHome) -> list[dict[str, Any]]:
    answers = []
    for name, (home, sources, queries) in homes.items():
        lisp_sources = None if sources is None else lisp_list([intern("password-store")])
        for host, port, user in queries:
            lookup = search(lisp_sources, host, port, user, home=home, env=gpg.env, cwd=home,
                            pass_store=str(home / "store"))
            cred = lookup.credential
            answers.append({"name": name, "found": cred is not None,
                            "user": cred and cred.user, "secret": cred and cred.secret,
                            "host": cred and cred.host, "port": cred and cred.port,
                            "smtp-auth": cred and cred.smtp_auth, "error": lookup.error})
    return answers


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory, gpg_home: GpgHome,
             other_gpg_home: GpgHome) -> tuple[Path, dict[str, Any]]:
    base = tmp_path_factory.mktemp("scenario")
    return base, build_scenario(base, gpg_home, other_gpg_home)


@pytest.mark.emacs
def test_gpg_and_pass_agree_with_emacs(scenario: tuple[Path, dict[str, Any]], gpg_home: GpgHome) -> None:
    base, homes = scenario
    theirs = emacs_answers(base, homes, gpg_home)
    ours = our_answers(homes, gpg_home)
    assert len(theirs) == len(ours) == sum(len(q) for _, _, q in homes.values())
    for emacs, mine in zip(theirs, ours):
        assert emacs["name"] == mine["name"]
        if emacs["error"]:
            assert mine["error"], (emacs, mine)
            continue
        assert mine["error"] is None, (emacs, mine)
        emacs["secret"] = unibyte_to_text(emacs.get("secret"))
        for key in ("found", "user", "secret", "host", "port", "smtp-auth"):
            assert emacs.get(key) == mine[key], (key, emacs, mine)
    # The scenario exercises what it claims to.
    secrets = {a["secret"] for a in ours}
    assert {"fromgpg", "with space", "t\u00f6ken secret", "full", "domainsecret", "goodone"} <= secrets
    assert sum(bool(a["error"]) for a in theirs) == 3


def test_decryption_failure_names_file_and_reason(scenario: tuple[Path, dict[str, Any]],
                                                  gpg_home: GpgHome) -> None:
    homes = scenario[1]
    home = homes["wrongkey"][0]
    lookup = search(None, "a.example", "25", None, home=home, env=gpg_home.env, cwd=home)
    assert lookup.credential is None
    assert lookup.error_source == str(home / ".authinfo.gpg")
    assert "No secret key" in (lookup.error or "")
    assert other_key_id_hint(lookup.error or "")
    source = CredentialSource(None, home, gpg_home.env)
    with pytest.raises(CredentialError) as info:
        source("a.example", "25", None)
    assert info.value.source.endswith(".authinfo.gpg") and "No secret key" in info.value.reason
    # The .netrc after it is never reached, as in Emacs.
    assert not any(c.source.endswith(".netrc") for c in lookup.considered)

    plain = homes["plaingpg"][0]
    lookup = search(None, "a.example", "25", None, home=plain, env=gpg_home.env, cwd=plain)
    assert "not an encrypted file" in (lookup.error or "")


def other_key_id_hint(error: str) -> bool:
    return re.search(r"encrypted to key [0-9A-F]{16}", error) is not None


def test_gpg_token_failure_is_an_error(scenario: tuple[Path, dict[str, Any]], gpg_home: GpgHome) -> None:
    homes = scenario[1]
    home = homes["token"][0]
    lookup = search(None, "b.example", "25", None, home=home, env=gpg_home.env, cwd=home)
    assert lookup.error and "gpg token" in lookup.error


def test_decrypt_pipes_plaintext_only_to_memory(tmp_path: Path, gpg_home: GpgHome) -> None:
    cipher = tmp_path / "secret.gpg"
    cipher.write_bytes(gpg_home.encrypt(b"top secret\n"))
    before = {p.name for p in tmp_path.iterdir()}
    assert decrypt(path=cipher, env=gpg_home.env) == b"top secret\n"
    assert {p.name for p in tmp_path.iterdir()} == before
    with pytest.raises(GpgError):
        decrypt(data=b"garbage", env=gpg_home.env)


def test_missing_store_is_an_error_as_in_emacs(tmp_path: Path) -> None:
    lookup = search(lisp_list([intern("password-store")]), "a.example", "25", None,
                    home=tmp_path, env={}, cwd=tmp_path)
    assert lookup.error and "Opening directory" in lookup.error


def test_pass_not_loaded_makes_password_store_invalid(tmp_path: Path) -> None:
    lookup = search(lisp_list([intern("password-store")]), "a.example", "25", None,
                    home=tmp_path, env={}, cwd=tmp_path, pass_enabled=False)
    assert lookup.error is None and lookup.credential is None
    assert any("invalid backend spec: password-store" in n for n in lookup.notes)


def test_passphrase_needed_without_a_terminal_fails_clearly(tmp_path: Path,
                                                            protected_gpg_home: GpgHome) -> None:
    """No terminal to ask on: gpg must fail at once (never hang) and say why."""
    (tmp_path / ".authinfo.gpg").write_bytes(protected_gpg_home.encrypt(b"machine h password p\n"))
    lookup = search(None, "h", "25", None, home=tmp_path, env=protected_gpg_home.env, cwd=tmp_path)
    assert lookup.credential is None
    assert lookup.error is not None and "passphrase" in lookup.error


def test_passphrase_is_asked_by_pinentry_on_the_terminal(tmp_path: Path,
                                                         protected_gpg_home: GpgHome) -> None:
    """On a terminal, gpg-agent's pinentry asks for the passphrase there (a real pty)."""
    import os
    import pty
    import select
    import shutil
    import sys

    pinentry = shutil.which("pinentry-curses")
    if pinentry is None:
        pytest.fail("pinentry-curses is missing (Debian package pinentry-curses, installed with gnupg)")
    home = protected_gpg_home
    with (home.directory / "gpg-agent.conf").open("a") as conf:
        conf.write(f"pinentry-program {pinentry}\n")
    home.stop_agent()
    cipher = tmp_path / "creds.gpg"
    cipher.write_bytes(home.encrypt(b"machine h password unlocked\n"))
    env = dict(home.env, TERM="vt100")
    child = ("import sys; from pathlib import Path; from smtp.authsource.gpg import decrypt; "
             f"print('RESULT', decrypt(path=Path(sys.argv[1]), env={env!r}))")
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, [sys.executable, "-c", child, str(cipher)],
                   dict(env, PYTHONPATH=str(Path(__file__).resolve().parents[2])))
    seen = bytearray()
    typed = False
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 60)
            assert ready, f"no answer on the terminal: {bytes(seen)[-300:]!r}"
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child exited
                break
            if not chunk:
                break
            seen += chunk
            if not typed and b"assphrase" in seen and b"<OK>" in seen:
                os.write(fd, b"correct horse\r")
                typed = True
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
    assert typed, "pinentry never asked"
    assert b"RESULT b'machine h password unlocked\\n'" in seen
    assert b"correct horse" not in seen  # the passphrase is not echoed


def test_empty_gpg_file_is_an_error_as_in_emacs(tmp_path: Path, gpg_home: GpgHome) -> None:
    (tmp_path / ".authinfo.gpg").write_bytes(b"")
    (tmp_path / ".netrc").write_text("machine h login n password never-reached\n")
    lookup = search(None, "h", "25", None, home=tmp_path, env=gpg_home.env, cwd=tmp_path)
    assert lookup.credential is None and "empty" in (lookup.error or "")
