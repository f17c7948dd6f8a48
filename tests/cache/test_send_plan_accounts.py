"""Send plans for client accounts chosen by the From address (mu4e contexts and the like).

With client accounts the settings depend on the message, but only through
its From address: the account is the one whose address it is (or the
client's rule for a new message), and everything after the switch is as
static as a configuration without accounts.  So the plan is kept per From
address, keyed on the state's questions plus everything the choice, the
switch and the send-time loads consulted.  Each test sends through a fresh
evaluation, a kept plan and ``--no-cache`` and compares what the servers
received, or changes one input between two sends.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smtp import fastpath
from smtp.sink import running_sink
from tests.cache.test_send_plan import MESSAGE, Sender, rewrite_keeping_stat, settings


def mu4e_contexts(personal: int | str, work: int | str, extra: str = "") -> str:
    """Two contexts as the realconfigs corpus writes them, each with its own server port."""
    return settings(25) + """
(require 'mu4e)
(setq mu4e-context-policy 'pick-first
      mu4e-compose-context-policy 'ask-if-none)
(setq mu4e-contexts
      (list (make-mu4e-context
             :name "Personal"
             :match-func (lambda (msg) (when msg (string-prefix-p "/Personal" (mu4e-message-field msg :maildir))))
             :vars '((user-mail-address . "alice@example.org")
                     (smtpmail-smtp-service . %s)))
            (make-mu4e-context
             :name "Work"
             :match-func (lambda (msg) (when msg (string-prefix-p "/Work" (mu4e-message-field msg :maildir))))
             %s
             :vars '((user-mail-address . "alice@work.example")
                     (smtpmail-smtp-service . %s)))))
""" % (personal, extra, work)


WORK_MESSAGE = MESSAGE.replace("alice@example.org>", "alice@work.example>")


@pytest.fixture
def send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sender:
    sender = Sender(tmp_path, monkeypatch)
    (tmp_path / "work.eml").write_text(WORK_MESSAGE)
    return sender


def strip_made(data: bytes) -> bytes:
    return b"\n".join(line for line in data.split(b"\n")
                      if not line.startswith((b"Date:", b"Message-ID:", b"Message-Id:")))


def test_each_from_address_keeps_the_plan_of_its_account(send: Sender) -> None:
    work = str(send.tmp / "work.eml")
    with running_sink() as personal, running_sink() as office:
        send.init.write_text(mu4e_contexts(personal.port, office.port))
        lookups = [send()[1], send(work)[1], send()[1], send(work)[1]]
        assert send("--no-cache", str(send.message)) == (0, "not looked up")
        assert send("--no-cache", work) == (0, "not looked up")
    assert lookups == ["no cached state", "no cached state", "hit", "hit"]
    assert len(personal.messages) == len(office.messages) == 3
    for sink in (personal, office):
        fresh, kept, uncached = (strip_made(m.data) for m in sink.messages)
        assert fresh == kept == uncached
    assert [m.envelope_from for m in office.messages] == ["alice@work.example"] * 3
    assert len(send.plans()) == 2 and all(p.startswith("via-default-from-") for p in send.plans())


def test_a_context_edited_in_place(send: Sender) -> None:
    with running_sink() as first, running_sink() as second:
        assert len(str(first.port)) == len(str(second.port))
        send.init.write_text(mu4e_contexts(first.port, 2525))
        assert send()[0] == 0 and send() == (0, "hit")
        rewrite_keeping_stat(send.init, mu4e_contexts(second.port, 2525))
        code, why = send()
        assert (code, why.split()[0]) == (0, "content")
        assert send() == (0, "hit")
    assert (len(first.messages), len(second.messages)) == (2, 2)


def test_what_only_the_switch_consults(send: Sender) -> None:
    """An enter-func runs only when its context is switched to, at send time: its reads are the key."""
    enter = ':enter-func (lambda () (setq smtpmail-smtp-service (string-to-number (getenv "WORK_PORT"))))'
    work = str(send.tmp / "work.eml")
    with running_sink() as first, running_sink() as second:
        send.init.write_text(mu4e_contexts(25, 25, enter).replace(
            "(smtpmail-smtp-service . 25)))))", "))))"))
        for sink, expected in ((first, "no cached state"), (first, "hit"), (second, "env 'WORK_PORT'"),
                               (second, "hit")):
            send.monkeypatch.setenv("WORK_PORT", str(sink.port))
            code, why = send(work)
            assert code == 0 and why.startswith(expected), why
    assert (len(first.messages), len(second.messages)) == (2, 2)


def test_a_configuration_that_gains_accounts_drops_its_plain_plan(send: Sender) -> None:
    with running_sink() as plain, running_sink() as personal:
        send.init.write_text(settings(plain.port))
        assert send()[0] == 0 and send() == (0, "hit")
        assert send.plans() == ["via-default"]
        send.init.write_text(mu4e_contexts(personal.port, 2525))
        assert send()[1].split()[0] == "stat"
        assert send() == (0, "hit")
        assert len(send.plans()) == 1 and send.plans()[0].startswith("via-default-from-")
    assert (len(plain.messages), len(personal.messages)) == (2, 2)


def test_standard_input_and_the_choosing_options_take_the_evaluated_path(send: Sender) -> None:
    with running_sink() as personal, running_sink() as office:
        send.init.write_text(mu4e_contexts(personal.port, office.port))
        assert send()[0] == 0
        assert send("-", stdin=WORK_MESSAGE.encode()) == (0, "no cached state")
        assert send("--account", "Work", str(send.message)) == (0, "not looked up")
        assert send("--from", "alice@work.example", str(send.message)) == (0, "not looked up")
        assert send() == (0, "hit")
    assert len(personal.messages) == 2 and len(office.messages) == 3
