"""``elconf get``, ``show`` and ``eval`` as a user runs them: output, JSON shape, exit codes."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def elconf(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "LANG")}
    full = {**base, "HOME": str(home), "LOGNAME": "alice", "USER": "alice", "NAME": "Alice",
            **(env or {})}
    return subprocess.run([sys.executable, "-m", "elconf.cli", *args], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120, check=False)


def write_init(home: Path, text: str) -> Path:
    path = home / ".emacs.d" / "init.el"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_get_plain_prints_prin1_and_void(home: Path) -> None:
    write_init(home, '(setq smtpmail-smtp-server "smtp.example.org" my-text "a\\nb")\n')
    proc = elconf(home, "get", "smtpmail-smtp-server", "my-text", "smtpmail-smtp-user")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ('smtpmail-smtp-server\t"smtp.example.org"\n'
                           'my-text\t"a\\nb"\n'
                           "smtpmail-smtp-user\tvoid\n")


def test_get_require_loads_after_init(home: Path) -> None:
    write_init(home, '(setq smtpmail-default-smtp-server "smtp.example.org")\n')
    proc = elconf(home, "get", "--require", "smtpmail", "smtpmail-smtp-server",
                  "smtpmail-auth-supported")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ('smtpmail-smtp-server\t"smtp.example.org"\n'
                           "smtpmail-auth-supported\t(cram-md5 plain login)\n")


def test_get_json_views(home: Path) -> None:
    write_init(home, """\
(setq my-alist '((a . 1) (b "x" nil t)) my-vec [1 "two" three] my-float 1.5
      my-nil nil my-t t)
""")
    proc = elconf(home, "get", "--json", "my-alist", "my-vec", "my-float", "my-nil", "my-t", "nope")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["my-alist"] == {"bound": True, "sexp": '((a . 1) (b "x" nil t))',
                                "value": [{"cons": [{"symbol": "a"}, 1]},
                                          [{"symbol": "b"}, "x", None, True]]}
    assert data["my-vec"]["value"] == {"vector": [1, "two", {"symbol": "three"}]}
    assert data["my-float"]["value"] == 1.5
    assert data["my-nil"] == {"bound": True, "sexp": "nil", "value": None}
    assert data["my-t"]["value"] is True
    assert data["nope"] == {"bound": False}


def test_json_view_of_special_floats() -> None:
    from elconf.commands.get import json_view

    assert json_view(math.inf) == {"float": "1.0e+INF"}
    assert json_view(-math.inf) == {"float": "-1.0e+INF"}
    assert json_view(3) == 3


def test_missing_init_file_exits_66(home: Path) -> None:
    proc = elconf(home, "get", "--init", str(home / "nope.el"), "user-mail-address")
    assert proc.returncode == 66
    assert "nope.el" in proc.stderr and proc.stdout == ""


def test_reader_error_exits_65_with_the_place(home: Path) -> None:
    init = write_init(home, '(setq smtpmail-smtp-server "a.example.org")\n(setq x "unfinished"\n')
    proc = elconf(home, "get", "smtpmail-smtp-server")
    assert proc.returncode == 65
    assert f"{init}:" in proc.stderr and "end of file during parsing" in proc.stderr.lower()
    # Like Emacs, what came before the bad form still took effect.
    assert proc.stdout == 'smtpmail-smtp-server\t"a.example.org"\n'


def test_lisp_error_warns_but_exits_0(home: Path) -> None:
    write_init(home, '(setq smtpmail-smtp-user "alice")\n(car 1)\n(setq smtpmail-smtp-user "bob")\n')
    proc = elconf(home, "get", "smtpmail-smtp-user")
    assert proc.returncode == 0
    assert proc.stdout == 'smtpmail-smtp-user\t"alice"\n'
    assert "wrong-type-argument" in proc.stderr.lower() or "wrong type argument" in proc.stderr.lower()


def test_no_init_flag_ignores_init_file(home: Path) -> None:
    write_init(home, '(setq user-mail-address "init@example.org")\n')
    proc = elconf(home, "get", "-q", "user-mail-address", env={"EMAIL": "env@example.org"})
    assert proc.stdout == 'user-mail-address\t"env@example.org"\n'


def test_eval_prints_prin1(home: Path) -> None:
    write_init(home, "(setq smtpmail-smtp-service 587)\n")
    proc = elconf(home, "eval", '(list smtpmail-smtp-service (concat "a" "b") (quote sym))')
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == '(587 "ab" sym)\n'


def test_eval_error_exits_1(home: Path) -> None:
    proc = elconf(home, "eval", "(car 1)")
    assert proc.returncode == 1
    assert "wrong type argument" in proc.stderr.lower()


def test_show_explains_send_path_and_origins(home: Path) -> None:
    init = write_init(home, """\
(setq send-mail-function 'smtpmail-send-it)
(setq smtpmail-smtp-server "smtp.example.org" smtpmail-smtp-service 587)
(require 'smtpmail)
(setq smtpmail-default-smtp-server "late.example.org")
""")
    proc = elconf(home, "show", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["init_files"] == [str(init)]
    assert report["send_path"]["function"] == "smtpmail-send-it"
    assert "smtp.example.org port 587" in report["send_path"]["headline"]
    rows = {row["name"]: row for group in report["groups"] for row in group["variables"]}
    assert rows["smtpmail-smtp-server"]["origin"] == "~/.emacs.d/init.el:2:1 (setq)"
    assert rows["smtpmail-smtp-service"]["sexp"] == "587"
    assert rows["smtpmail-stream-type"]["origin"].startswith("default of smtpmail.el, computed when "
                                                              "smtpmail loaded at ~/.emacs.d/init.el:3:")
    assert rows["smtpmail-stream-type"]["from"] == "default of smtpmail.el"
    assert report["libraries"]["nsm"] == "at send time (first call of open-network-stream)"
    text = elconf(home, "show").stdout
    assert "Send path:  SMTP to smtp.example.org port 587" in text
    assert "sendmail, smtpmail, auth-source  loaded at ~/.emacs.d/init.el:3:" in text


def test_show_says_unknown_route_values_are_unknown(home: Path) -> None:
    """A value elconf cannot compute is never shown as nil or as its default."""
    write_init(home, """\
(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function (intern (shell-command-to-string "cat ~/.mailfn")))
(setq smtpmail-smtp-server (string-trim (shell-command-to-string "cat /etc/mailhost"))
      smtpmail-smtp-user (shell-command-to-string "whoami"))
""")
    text = elconf(home, "show").stdout
    assert "to a server elconf cannot know: smtpmail-smtp-server is <unknown:" in text
    assert "no server" not in text
    assert "with a login elconf cannot know" in text
    assert "sends with a function elconf cannot know" in text
    write_init(home, """\
(setq send-mail-function 'smtpmail-send-it smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service (string-to-number (shell-command-to-string "cat ~/.port"))
      smtpmail-stream-type (intern (shell-command-to-string "cat ~/.tls")))
""")
    text = elconf(home, "show").stdout
    assert "SMTP to smtp.example.org port unknown (TLS unknown: smtpmail-stream-type is unknown)" in text


def test_show_names_a_server_that_is_not_a_string(home: Path) -> None:
    write_init(home, "(setq send-mail-function 'smtpmail-send-it smtpmail-smtp-server 'mail.example.org)\n")
    text = elconf(home, "show").stdout
    assert "smtpmail-smtp-server is mail\\.example\\.org, not a string: the send fails in Emacs" in text


def test_show_unconfigured_says_emacs_would_ask(home: Path) -> None:
    proc = elconf(home, "show")
    assert proc.returncode == 0, proc.stderr
    assert "sendmail-query-once" in proc.stdout
    assert "Init files: none" in proc.stdout


@pytest.mark.parametrize("command", ["get", "show", "eval"])
def test_help_teaches(command: str, tmp_path: Path) -> None:
    proc = elconf(tmp_path, command, "--help")
    assert proc.returncode == 0
    assert "--init" in proc.stdout and "examples:" in proc.stdout


# -- the elconf.config API the sender and elconf check use --------------------------

def _load(home: Path, text: str | None = None, **options: object):  # type: ignore[no-untyped-def]
    from elconf.config import LoadOptions, load_config

    if text is not None:
        write_init(home, text)
    env = {"HOME": str(home), "LOGNAME": "alice", "USER": "alice", "NAME": "Alice",
           "PATH": "/usr/bin:/bin"}
    return load_config(LoadOptions(home=home, env=env, **options))  # type: ignore[arg-type]


def test_send_config_after_load_for_sending(home: Path) -> None:
    config = _load(home, """\
(setq send-mail-function 'smtpmail-send-it smtpmail-default-smtp-server "smtp.example.org")
""")
    assert config.init_files == [home / ".emacs.d" / "init.el"]
    from elconf.types import UNBOUND

    assert config.get("smtpmail-smtp-server") is UNBOUND      # smtpmail not loaded yet
    loaded = config.load_for_sending()
    assert loaded.index("sendmail") < loaded.index("smtpmail") < loaded.index("nsm")
    send = config.send_config()
    assert (send.smtp_server, send.smtp_service, send.send_mail_function) == \
        ("smtp.example.org", 25, "smtpmail-send-it")
    assert config.load_for_sending() == []                     # idempotent


def test_message_default_follows_send_mail_function(home: Path) -> None:
    config = _load(home, "(setq send-mail-function 'smtpmail-send-it)\n(require 'message)\n")
    config.load_for_sending("message--default-send-mail-function")
    assert "smtpmail" in config.interpreter.features


def test_plain_stream_type_does_not_load_gnutls(home: Path) -> None:
    config = _load(home, "(setq send-mail-function 'smtpmail-send-it smtpmail-stream-type 'plain)\n")
    loaded = config.load_for_sending()
    assert "nsm" in loaded and "gnutls" not in loaded


def test_after_load_error_at_send_time_is_reported(home: Path) -> None:
    config = _load(home, "(setq send-mail-function 'smtpmail-send-it)\n"
                         "(with-eval-after-load 'smtpmail (car 1))\n")
    config.load_for_sending()
    assert [d.rule for d in config.send_time_errors] == ["send-time-load-error"]
    assert config.send_time_errors[0].line == 2


def test_missing_init_raises(home: Path) -> None:
    from elconf.config import InitFileNotFound

    with pytest.raises(InitFileNotFound):
        _load(home, init=home / "absent.el")


def test_no_init_option_skips_discovery(home: Path) -> None:
    config = _load(home, '(setq smtpmail-smtp-user "x")\n', no_init=True)
    assert config.init_files == []
    from elconf.types import UNBOUND

    assert config.get("smtpmail-smtp-user") is UNBOUND


def test_require_option_loads_in_order(home: Path) -> None:
    config = _load(home, "", require=("message", "smtpmail"))
    features = config.interpreter.features
    assert features.index("message") < features.index("smtpmail")


@pytest.mark.parametrize("expr,message", [("(car", "cannot read EXPR"),
                                          ("(list 1 2) extra", "trailing garbage")])
def test_eval_unreadable_expression_exits_65(home: Path, expr: str, message: str) -> None:
    proc = elconf(home, "eval", expr)
    assert proc.returncode == 65
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_load_for_sending_follows_defalias(home: Path) -> None:
    config = _load(home, "(defalias 'my-send-it #'smtpmail-send-it)\n"
                         "(setq send-mail-function 'my-send-it)\n")
    assert "smtpmail" in config.load_for_sending()
