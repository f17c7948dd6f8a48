"""The search over auth-sources: backends, order, masking, what the sender calls."""

from __future__ import annotations

from pathlib import Path

from elconf.types import NIL, T, intern, lisp_list
from smtp.authsource import Credential, credential_source, search
from smtp.authsource.backends import parse_auth_sources, slot_accepts
from smtp.authsource.passstore import _url_parts, entry_suffixes, list_entries, parse_contents
from smtp.config import SendConfig


def kw(name: str):  # noqa: ANN201 - a Lisp keyword symbol
    return intern(name)


def write(home: Path, name: str, text: str) -> Path:
    path = home / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_repr_and_str_never_show_the_secret() -> None:
    cred = Credential(user="alice", secret="hunter2", host="h", port=None, smtp_auth=None,
                      extra={"key": "/k"}, source="/x", line=1)
    assert "hunter2" not in repr(cred) and "hunter2" not in str(cred)
    assert "********" in repr(cred)
    assert "hunter2" not in repr([cred])


def test_first_source_wins_and_later_ones_are_not_read(tmp_path: Path) -> None:
    write(tmp_path, ".authinfo", "machine h login a password first\n")
    write(tmp_path, ".netrc", "machine h login machine\n")  # broken, but never reached
    lookup = search(None, "h", "25", None, home=tmp_path, env={}, cwd=tmp_path)
    assert lookup.error is None
    assert lookup.credential is not None and lookup.credential.secret == "first"
    assert lookup.credential.source == str(tmp_path / ".authinfo") and lookup.credential.line == 1
    assert any("not searched" in n for n in lookup.notes)


def test_default_entry_is_reported_as_default(tmp_path: Path) -> None:
    write(tmp_path, ".authinfo", "machine other login o password p\n\ndefault login d password dp\n")
    lookup = search(None, "h", "25", None, home=tmp_path, env={}, cwd=tmp_path)
    cred = lookup.credential
    assert cred is not None and cred.is_default and cred.host is None and cred.line == 3
    assert [c.verdict.split(" ")[0] for c in lookup.considered] == ["host", "match"]


def test_parse_errors_name_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, ".authinfo", "machine a login alice password #oops\nmachine b password x\n")
    lookup = search(None, "a", "25", None, home=tmp_path, env={}, cwd=tmp_path)
    assert lookup.credential is None
    assert lookup.error_source == str(tmp_path / ".authinfo") and lookup.error_line == 2


def test_credential_source_uses_the_send_config(tmp_path: Path) -> None:
    write(tmp_path, "creds", "machine smtp.test login alice port 587 password pw smtp-auth plain\n")
    cfg = SendConfig(auth_sources=lisp_list(["~/creds"]))
    source = credential_source(cfg, tmp_path, {})
    cred = source("smtp.test", "587", None)
    assert cred is not None and (cred.user, cred.secret, cred.smtp_auth) == ("alice", "pw", "plain")
    assert source("smtp.test", "25", None) is None
    assert source("smtp.test", "587", "bob") is None
    assert source("smtp.test", "587", None, ("user", "secret")) is not None


def test_extra_keys_for_client_certificates(tmp_path: Path) -> None:
    write(tmp_path, ".authinfo", "machine h port 465 key /k.pem cert /c.pem\n")
    cred = search(None, "h", "465", None, home=tmp_path, env={}, cwd=tmp_path).credential
    assert cred is not None and dict(cred.extra) == {"key": "/k.pem", "cert": "/c.pem"}
    assert cred.user is None and cred.secret is None


def test_backend_parsing_follows_auth_source_backend_parse() -> None:
    sources = lisp_list([
        "~/.authinfo", "x.json.gpg", "y.plist", "secrets:Login", intern("default"),
        intern("macos-keychain-generic"), "macos-keychain-internet:/k", intern("password-store"),
        lisp_list([kw(":source"), "~/f", kw(":port"), 587]), 42])
    backends, warnings = parse_auth_sources(sources, pass_enabled=False, secrets_enabled=False)
    kinds = [(b.kind, b.source) for b in backends]
    assert kinds == [("netrc", "~/.authinfo"), ("json", "x.json.gpg"), ("plstore", "y.plist"),
                     ("netrc", "secrets:Login"), ("ignore", ""),
                     ("macos-keychain-generic", "default"), ("macos-keychain-internet", "/k"),
                     ("ignore", ""), ("netrc", "~/f"), ("ignore", "")]
    assert backends[8].port == 587
    assert len(warnings) == 3 and "password-store" in warnings[1]
    backends, _ = parse_auth_sources(sources, pass_enabled=True, secrets_enabled=True)
    assert backends[3].kind == "secrets" and backends[4].kind == "secrets"
    assert backends[7].kind == "password-store"


def test_plist_slots_compare_like_auth_source_search_collection() -> None:
    assert slot_accepts(T, "x") and slot_accepts("x", "x") and slot_accepts(lisp_list(["x"]), "x")
    assert not slot_accepts(587, "587") and not slot_accepts(lisp_list(["y", "x"]), "x")
    assert not slot_accepts("alice", None)
    assert slot_accepts(lisp_list([NIL]), None)


def test_keychain_without_security_is_skipped_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, ".authinfo", "machine h login a password p\n")
    lookup = search(lisp_list([intern("macos-keychain-internet"), "~/.authinfo"]), "h", "25", None,
                    home=tmp_path, env={}, cwd=tmp_path)
    assert lookup.credential is not None and lookup.credential.secret == "p"
    assert any("Emacs 28.2 would stop" in n for n in lookup.notes)


def test_json_source(tmp_path: Path) -> None:
    write(tmp_path, "c.json", '[{"machine": "h", "port": 587, "password": "num"},'
                              ' {"host": "h", "login": "u", "password": "ok", "port": "587"}]')
    lookup = search(lisp_list(["~/c.json"]), "h", "587", None, home=tmp_path, env={}, cwd=tmp_path)
    assert lookup.credential is not None and lookup.credential.secret == "ok"
    assert "JSON number" in lookup.considered[0].verdict


def test_pass_entry_names_in_emacs_order() -> None:
    assert entry_suffixes("smtp.example.com", "bob", "587") == [
        "bob@smtp.example.com:587", "smtp.example.com:587/bob", "bob@smtp.example.com",
        "smtp.example.com/bob", "smtp.example.com:587", "smtp.example.com",
        "bob@example.com:587", "example.com:587/bob", "bob@example.com", "example.com/bob",
        "example.com:587", "example.com", "bob@com:587", "com:587/bob", "bob@com", "com/bob",
        "com:587", "com"]
    assert entry_suffixes("h", None, "25") == ["h:25", "h"]
    assert _url_parts("bob@h.example:465") == ("h.example", "bob", "465")
    assert _url_parts("smtps://h.example/path") == ("h.example", None, None)


def test_pass_store_order_and_entry_format(tmp_path: Path) -> None:
    for name in ("b.gpg", "a/z.gpg", "a/b/c.gpg", "c.gpg", ".gpg-id", "notes.txt", "Z/y.gpg"):
        write(tmp_path, name, "")
    assert list_entries(tmp_path) == ["Z/y", "a/b/c", "a/z", "b", "c"]
    entry = parse_contents("e", "\n\n  pw  \nuser: alice\n username :bob\nnot a field\nport:  25 \n")
    assert entry.secret == "  pw  " and entry.get("user") == "alice" and entry.get("port") == "25"
    assert parse_contents("e", "pw\nusername: bob\n").get("user") == "bob"


def test_smtpmail_lookup_second_search_keeps_first_login(tmp_path: Path) -> None:
    write(tmp_path, ".authinfo", "machine h login alice smtp-auth login\nmachine h login bob password b\n")
    source = credential_source(SendConfig(auth_sources=lisp_list(["~/.authinfo"])), tmp_path, {})
    first = source.lookup("h", "25", None)
    assert first.credential is not None and first.credential.secret is None
    final = source.smtpmail_lookup("h", "25", None)
    assert final.credential is not None
    assert (final.credential.user, final.credential.secret, final.credential.smtp_auth) == \
        ("alice", "b", "login")
    assert final.credential.line == 2
    write(tmp_path, ".authinfo", "machine h login alice\n")
    alone = source.smtpmail_lookup("h", "25", None)
    assert alone.credential is not None and alone.credential.secret is None
    assert "SMTP password for alice@h: " in alone.notes[0]
