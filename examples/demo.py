#!/usr/bin/env python3
"""The README's first command: send examples/demo/hello.eml through a local SMTP
server that this script starts and stops, then print what the server received.

It runs the installed `elsend` exactly as a user would, with the demo's init
file (examples/demo/init.el) and a throw-away HOME, so nothing of yours is read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from smtp.sink import running_sink

HERE = Path(__file__).resolve().parent / "demo"


def find_elsend() -> str | None:
    """The ``elsend`` pip installed for this Python (in its scripts directory), else the
    one on PATH: another Python's ``elsend`` first on PATH is not the one just installed."""
    beside = Path(sysconfig.get_path("scripts")) / "elsend"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("elsend")


def main() -> int:
    elsend = find_elsend()
    if elsend is None:
        print("demo: the 'elsend' command is not on PATH; install with: python3 -m pip install .",
              file=sys.stderr)
        return 69
    with tempfile.TemporaryDirectory(prefix="elsend-demo-") as home, running_sink() as sink:
        env = {**os.environ, "HOME": home, "ELSEND_DEMO_PORT": str(sink.port)}
        command = [elsend, "--init", str(HERE / "init.el"), str(HERE / "hello.eml")]
        print(f"$ elsend --init examples/demo/init.el examples/demo/hello.eml   "
              f"(server: 127.0.0.1:{sink.port})")
        result = subprocess.run(command, env=env)
        if result.returncode != 0:
            print(f"demo: elsend failed with exit status {result.returncode}", file=sys.stderr)
            return result.returncode
    for message in sink.messages:
        print(f"\nThe server received a message from <{message.envelope_from}> "
              f"for {', '.join('<' + r + '>' for r in message.recipients)}:\n")
        print(message.data.decode("utf-8", "replace").replace("\r\n", "\n"), end="")
    return 0 if sink.messages else 1


if __name__ == "__main__":
    sys.exit(main())
