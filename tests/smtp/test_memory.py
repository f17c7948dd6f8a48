"""A 20 MB message goes out with flat memory: lines are streamed, never gathered."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.smtpserver import RecordingServer, Script

CLIENT = textwrap.dedent("""
    import resource, sys
    from smtp.config import SendConfig
    from smtp.esmtp import send_via_smtp

    class Big:
        envelope_from = "alice@example.org"
        recipients = ["bob@example.net"]
        def __init__(self, lines):
            self.lines = lines
            self.size_chars = lines * 1000
        def iter_lines(self):
            yield b"Subject: big"
            yield b""
            line = b"x" * 998
            for _ in range(self.lines):
                yield line

    port, lines = int(sys.argv[1]), int(sys.argv[2])
    cfg = SendConfig(smtp_server="127.0.0.1", smtp_service=port, system_name="vm")
    send_via_smtp(cfg, Big(lines), credentials=lambda *a: None, progress=lambda t: None)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""")


def peak_kib(port: int, lines: int) -> int:
    done = subprocess.run([sys.executable, "-c", CLIENT, str(port), str(lines)],
                          capture_output=True, text=True, check=True,
                          cwd=Path(__file__).parents[2])
    return int(done.stdout.strip())


def test_twenty_megabytes_with_flat_memory() -> None:
    with RecordingServer(Script(extensions=("SIZE",))) as server:
        small = peak_kib(server.port, 10)
        big = peak_kib(server.port, 20_000)       # 20 MB of body
    sizes = [len(m[2]) for m in server.messages]
    assert sizes[1] > 20_000_000
    # The whole message would add 20 MB (more as a list of lines); allow a few chunks.
    assert big - small < 8 * 1024, (small, big)
