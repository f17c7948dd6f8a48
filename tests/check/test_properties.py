"""Properties of the port/TLS rules over every combination users write.

For a server, a port (number, digit string or service name) and a stream
type (nil, each symbol, a string, an unknown symbol), exactly one of the
connection rules fires, or none, as the truth table of what Emacs does says:
implicit TLS needs port 465, STARTTLS and clear text need 25 or 587, and a
stream type open-network-stream rejects fails whatever the port.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from elconf.check import run_checks
from elconf.config import LoadOptions, load_config

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
