"""Properties of the rules over every combination users write.

No false alarms: any consistent configuration, in any mix of the styles
users write (setq, custom-set-variables, setopt, with-eval-after-load,
use-package :custom) and in any order, gives no warning and no error.

And the port/TLS rules: for a server, a port (number, digit string or
service name) and a stream type (nil, each symbol, a string, an unknown
symbol), exactly one of the
connection rules fires, or none, as the truth table of what Emacs does says:
implicit TLS needs port 465, STARTTLS and clear text need 25 or 587, and a
stream type open-network-stream rejects fails whatever the port.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elconf.check import run_checks
from elconf.config import LoadOptions, load_config

# The evaluator raises Python's recursion limit once (a documented sandbox choice).
pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")

PORTS = {"465": 465, "587": 587, "25": 25, '"587"': 587, '"submission"': 587, '"smtps"': 465,
         "2525": 2525}
STREAMS = ["nil", "'starttls", "'plain", "'ssl", "'tls", '"ssl"', "'tls-please"]
CONNECTION_RULES = {"port-465-without-tls", "tls-on-starttls-port", "stream-type-invalid"}


def expected_rule(port: int, stream: str) -> str | None:
    if stream in ('"ssl"', "'tls-please"):
        return "stream-type-invalid"
    implicit = stream in ("'ssl", "'tls")
    if port == 465 and not implicit:
        return "port-465-without-tls"
    if port in (25, 587) and implicit:
        return "tls-on-starttls-port"
    return None


@settings(max_examples=40, deadline=None, derandomize=True)
@given(port=st.sampled_from(sorted(PORTS)), stream=st.sampled_from(STREAMS),
       order=st.booleans())
def test_connection_rules_follow_the_truth_table(tmp_path_factory, port: str, stream: str,
                                                  order: bool) -> None:
    home = Path(tmp_path_factory.mktemp("home"))
    settings_text = [f"(setq smtpmail-smtp-service {port})", f"(setq smtpmail-stream-type {stream})"]
    if order:
        settings_text.reverse()
    init = home / "init.el"
    init.write_text("(setq send-mail-function 'smtpmail-send-it user-mail-address "
                    '"alice@example.org" smtpmail-smtp-server "smtp.example.org")\n'
                    + "\n".join(settings_text) + "\n")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    findings = run_checks(load_config(LoadOptions(init=init, home=home, env=env)), home=home, env=env)
    fired = [d.rule for d in findings if d.rule in CONNECTION_RULES]
    want = expected_rule(PORTS[port], stream)
    assert fired == ([want] if want else []), [d.format() for d in findings]
    assert [d.rule for d in findings if d.rule not in CONNECTION_RULES] == []


# ---------------------------------------------------------------------------
# No false alarms: any consistent configuration, written in any mix of styles.

GOOD_CONNECTIONS = [("587", "'starttls"), ("587", "nil"), ("465", "'ssl"), ("465", "'tls"),
                    ("25", "'starttls"), ('"submission"', "'starttls"), ('"465"', "'ssl")]


def _assign(style: str, pairs: list[tuple[str, str]], feature: str = "smtpmail") -> str:
    """The settings ``pairs`` (variable, Lisp value) written in one of the styles users use."""
    if style == "setq":
        return "(setq " + "\n      ".join(f"{v} {x}" for v, x in pairs) + ")"
    if style == "setq-each":
        return "\n".join(f"(setq {v} {x})" for v, x in pairs)
    if style == "custom-set-variables":
        return "(custom-set-variables\n" + "\n".join(f" '({v} {x})" for v, x in pairs) + ")"
    if style == "setopt":
        return "(setopt " + " ".join(f"{v} {x}" for v, x in pairs) + ")"
    if style == "after-load":
        return (f"(with-eval-after-load '{feature}\n  (setq "
                + " ".join(f"{v} {x}" for v, x in pairs) + "))")
    if style == "use-package":
        return (f"(use-package {feature}\n  :ensure nil\n  :custom\n"
                + "\n".join(f"  ({v} {x})" for v, x in pairs) + ")")
    raise ValueError(style)


STYLES = ["setq", "setq-each", "custom-set-variables", "setopt", "after-load", "use-package"]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(connection=st.sampled_from(GOOD_CONNECTIONS),
       server_style=st.sampled_from(STYLES), identity_style=st.sampled_from(STYLES[:4]),
       send_style=st.sampled_from(STYLES[:4]), user=st.booleans(), xoauth2_plugin=st.booleans(),
       order=st.permutations([0, 1, 2]))
def test_consistent_configs_in_any_style_give_no_warning(
        tmp_path_factory, connection: tuple[str, str], server_style: str, identity_style: str,
        send_style: str, user: bool, xoauth2_plugin: bool, order: list[int]) -> None:
    port, stream = connection
    server = [("smtpmail-smtp-server", '"smtp.example.org"'), ("smtpmail-smtp-service", port),
              ("smtpmail-stream-type", stream)]
    if user:
        server.append(("smtpmail-smtp-user", '"alice"'))
    blocks = [_assign(server_style, server),
              _assign(identity_style, [("user-mail-address", '"alice@example.org"'),
                                       ("user-full-name", '"Alice Example"')], "emacs"),
              _assign(send_style, [("send-mail-function", "'smtpmail-send-it")], "emacs")]
    text = "(require 'use-package)\n" + "\n".join(blocks[i] for i in order) + "\n"
    if xoauth2_plugin:
        text += ("(use-package auth-source-xoauth2 :config (auth-source-xoauth2-enable))\n"
                 "(with-eval-after-load 'smtpmail\n"
                 "  (add-to-list 'smtpmail-auth-supported 'xoauth2))\n")
    home = Path(tmp_path_factory.mktemp("home"))
    init = home / "init.el"
    init.write_text(text)
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    findings = run_checks(load_config(LoadOptions(init=init, home=home, env=env)), home=home, env=env)
    alarms = [d.format() for d in findings if d.severity != "info"]
    assert alarms == [], text
