"""Deletes the files named on standard input: the queue flush's helper process.

Run as ``python -I -S smtp/unlinker.py`` by :class:`smtp.queue_flush._Deleter`,
which writes one line per sent queue entry: the entry's file names separated
by NUL, deleted in that order (its data file, then its ``.el`` file).  The
process ends once standard input ends and every file is deleted; a file that
cannot be deleted is skipped (it is out of the queue index already).

Why a process: an ``unlink`` of a file whose blocks reached the disk waits
for the disk (0.1-3 ms each here, on a disk that discards freed blocks), and
many run well side by side.  Threads in the flush itself would contend with
it for the interpreter lock at every file, and on a busy machine a thread
holding the lock but waiting for a CPU stalls the flush; here they contend
only with each other.  Nothing but the standard library is imported.
"""

from __future__ import annotations

import os
import queue
import threading

WORKERS = 16


def main() -> None:
    records: "queue.SimpleQueue[bytes | None]" = queue.SimpleQueue()

    def worker() -> None:
        while (record := records.get()) is not None:
            for path in record.split(b"\0"):
                try:
                    os.unlink(path)
                except OSError:
                    pass

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    pending = b""
    while chunk := os.read(0, 1 << 16):
        *complete, pending = (pending + chunk).split(b"\n")
        for record in complete:
            if record:
                records.put(record)
    for _ in threads:
        records.put(None)
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
