"""Send-parity cases for hostile messages and hostile servers (the hostile-input sweep).

Each was run through Emacs 28.2 and elsend against the same scripted server; these are
the ones where Emacs has an answer (it sends something, or fails with a reply), so the
bytes on the wire must be Emacs's.  Where Emacs wedges (a reply line that never ends
with CRLF) there is no golden to compare with: tests/reliability/test_hostile_servers.py
covers those, and a message that fails before any connection (no sender, no
recipient) has no wire to compare.  (250 in place of 354 to DATA is not here: Emacs then sends the message
lines as commands, and whether it sees the server's 500s or the server's close first
varies from run to run.)  ``exit_code`` is elsend's sysexits code; Emacs exits 255 on every failure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.support.smtpserver import Action, reply

if TYPE_CHECKING:
    from tests.parity.send.cases import SendCase

_NO_AUTH = ("SIZE 10240000", "8BITMIME", "HELP")


def _raw(data: bytes) -> Action:
    return Action(data)


def hostile_cases(SendCase: Any, MESSAGE: str) -> "list[SendCase]":  # noqa: N803
    """The cases, built with cases.py's class and message (cases.py appends them to CASES;
    taking them as arguments keeps this module free of an import cycle)."""
    _HEAD = MESSAGE.split("\n\n", 1)[0] + "\n"
    _TWO = MESSAGE.replace("To: bob@example.net", "To: bob@example.net, carol@example.net")
    return [
        # --- messages ------------------------------------------------------------------
        SendCase("msg-no-separator", message=_HEAD + "Hello body\nNote: looks like a header\n",
                 why="no empty line: Emacs sends the lines as they are (no separator added)"),
        SendCase("msg-header-only-no-newline", message=_HEAD.rstrip("\n"),
                 why="headers only, no final newline"),
        SendCase("msg-header-line-10k", message=_HEAD.replace("Subject: parity", "Subject: " + "x" * 10_000)
                 + "\nhi\n", exit_code=69,
                 why="a 10,000-character header line goes out unfolded, as Emacs sends it; "
                     "the server's 500 after the dot is a permanent failure"),
        SendCase("msg-bare-cr-nul-body", message=_HEAD + "\nline1\rstill1\na\x00b\n.\r\nend\n",
                 why="a bare CR and a NUL in the body reach the wire as Emacs sends them; "
                     "'.' followed by CR is dot-stuffed"),
        SendCase("msg-8bit-headers", message=_HEAD.replace("Alice Example", "Alïce Exämple")
                 .replace("Subject: parity", "Subject: Grüße aus Köln") + "\nhi\n",
                 why="8-bit headers without MIME: sent as UTF-8, not encoded, as Emacs does"),
        SendCase("msg-from-unparseable", message=_HEAD.replace("Alice Example <alice@example.org>",
                                                               "<<<@@>") + "\nhi\n", exit_code=69,
                 why="an unparseable From: becomes the envelope sender as Emacs extracts it"),
        SendCase("msg-duplicate-to-cc", message=_HEAD + "Cc: bob@example.net, carol@example.net\n"
                 "To: carol@example.net\n\nhi\n", why="duplicate recipients: RCPT for each, as Emacs"),
        SendCase("msg-bcc-only", message=_HEAD.replace("To: bob@example.net\n", "")
                 + "Bcc: eve@example.net\n\nhi\n"),
        # --- servers --------------------------------------------------------------------
        SendCase("srv-mail-354", server={"replies": {("MAIL", 1): reply("354 go ahead")}},
                 exit_code=67, why="354 to MAIL counts as accepted (Emacs checks < 400)"),
        SendCase("srv-code-without-text", server={"replies": {("MAIL", 1): _raw(b"250\r\n")}},
                 exit_code=76, why="'250' with no text is not a final line for Emacs's parser"),
        SendCase("srv-rcpt-452-second", message=_TWO, server={
            "extensions": _NO_AUTH, "replies": {("RCPT", 2): reply("452 4.5.3 too many recipients")}},
                 exit_code=75, why="452 to a later RCPT: the whole message is refused, nothing sent"),
        SendCase("srv-rcpt-552-second", message=_TWO, server={
            "extensions": _NO_AUTH, "replies": {("RCPT", 2): reply("552 5.2.2 mailbox full")}},
                 exit_code=67, why="552 to RCPT without AUTH offered: a refused recipient"),
        SendCase("srv-multiline-codes-differ", server={"replies": {("MAIL", 1): _raw(b"250-ok\r\n550 no\r\n")}},
                 exit_code=69, why="a multi-line reply whose codes differ: the last line's code counts"),
        SendCase("srv-code-999", server={"replies": {("MAIL", 1): _raw(b"999 what\r\n")}}, exit_code=69),
        SendCase("srv-code-four-digits", server={"replies": {("MAIL", 1): _raw(b"2500 ok\r\n")}},
                 exit_code=69),
        SendCase("srv-code-1xx", server={"replies": {("MAIL", 1): _raw(b"150 hmm\r\n")}}, exit_code=67,
                 why="a 1xx reply counts as accepted, as in Emacs"),
        SendCase("srv-garbage-after-dot-reply", server={"replies": {("DOT", 1): _raw(b"250 ok\r\nxx junk\r\n")}},
                 why="junk after the 250 to the dot does not unsend the message"),
        SendCase("srv-dot-552", server={"replies": {("DOT", 1): reply("552 5.3.4 message too big")}},
                 exit_code=69),
    ]
