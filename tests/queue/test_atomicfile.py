"""smtp.atomicfile: the index is replaced by a rename, never written in place."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from smtp.atomicfile import SPARE_NAMES, SwapRewriter, atomic_write, read_file, read_small


def test_rewrites_replace_the_content_and_reuse_two_inodes(tmp_path: Path) -> None:
    target = tmp_path / "index"
    target.write_bytes(b"first\n")
    rewriter = SwapRewriter(target)
    inodes = set()
    for n in range(6):
        content = b"".join(b"line %d\n" % i for i in range(n, 6))
        rewriter.replace(content)
        assert target.read_bytes() == content
        inodes.add(target.stat().st_ino)
    assert len(inodes) == 2     # no inode created and freed per rewrite
    names = {p.name for p in tmp_path.iterdir()}
    assert names in ({"index", SPARE_NAMES[0]}, {"index", SPARE_NAMES[1]})  # one spare kept


def test_the_live_file_is_never_written_in_place(tmp_path: Path) -> None:
    """A rewriter killed between link and rename leaves a spare linked to the live index;
    the next rewriter must not write through it."""
    target = tmp_path / "index"
    target.write_bytes(b"a\nb\n")
    os.link(target, tmp_path / SPARE_NAMES[0])
    os.link(target, tmp_path / SPARE_NAMES[1])
    witness = tmp_path / "witness"          # another name for the live inode
    os.link(target, witness)
    SwapRewriter(target).replace(b"b\n")
    assert target.read_bytes() == b"b\n"
    assert witness.read_bytes() == b"a\nb\n"   # the old file was replaced, not changed


def test_a_missing_target_is_created(tmp_path: Path) -> None:
    target = tmp_path / "index"
    rewriter = SwapRewriter(target)
    rewriter.replace(b"x\n")
    rewriter.replace(b"")
    assert target.read_bytes() == b""


def test_without_hard_links_it_falls_back_to_a_new_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*_args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "index"
    target.write_bytes(b"old\n")
    rewriter = SwapRewriter(target)
    rewriter.replace(b"new\n")
    rewriter.replace(b"newer\n")
    assert target.read_bytes() == b"newer\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_atomic_write_and_read_file(tmp_path: Path) -> None:
    target = tmp_path / "f"
    atomic_write(target, [b"a", b"b" * 100_000])
    assert read_file(target) == b"a" + b"b" * 100_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_read_gives_what_was_put_in_place_and_sees_every_other_change(tmp_path: Path) -> None:
    """read() skips reading the file it last put in place while the inode, size and
    modification time are unchanged; an append (a queuer), an in-place rewrite or a
    new file by rename (another writer) is read from disk."""
    target = tmp_path / "index"
    target.write_bytes(b"a\nb\nc\n")
    rewriter = SwapRewriter(target)
    assert rewriter.read() == b"a\nb\nc\n"
    rewriter.replace(b"b\nc\n")
    assert rewriter.read() == b"b\nc\n"
    with target.open("ab") as queuer:
        queuer.write(b"d\n")
    assert rewriter.read() == b"b\nc\nd\n"
    rewriter.replace(b"c\nd\n")
    target.write_bytes(b"other\n")               # rewritten in place, another size
    assert rewriter.read() == b"other\n"
    rewriter.replace(b"x\n")
    atomic_write(target, [b"y\n"], durable=False)   # same size, another inode
    assert rewriter.read() == b"y\n"
    target.unlink()
    with pytest.raises(FileNotFoundError):
        rewriter.read()


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 200_000, 200_001])
def test_read_small_reads_up_to_its_limit(tmp_path: Path, size: int) -> None:
    target = tmp_path / "f"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    target.write_bytes(data)
    assert read_small(target, 200_000) == (data if size <= 200_000 else None)
    assert read_file(target) == data


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def _append_as_a_queuer(target: Path, line: bytes) -> None:
    """What smtp.queue.queue_message does to the index (under the index lock)."""
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_kept_descriptors_carry_a_queuers_appends_and_close(tmp_path: Path) -> None:
    """The files written are kept open for their next turn as the spare: with a queuer
    appending between rewrites (to the live file, which the rewriter holds open), every
    rewrite still puts exactly the expected lines in place, the spare is reused through
    its descriptor (two inodes in all, no descriptor opened per rewrite), and close()
    leaves no descriptor behind."""
    target = tmp_path / "index"
    lines = [b"entry %d\n" % n for n in range(5)]
    target.write_bytes(b"".join(lines))
    before = _open_descriptors()
    rewriter = SwapRewriter(target)
    inodes = set()
    for n in range(5, 40):
        content = rewriter.read()
        assert content == b"".join(lines)
        if lines:
            lines.pop(0)
        rewriter.replace(b"".join(lines))
        assert target.read_bytes() == b"".join(lines)
        inodes.add(target.stat().st_ino)
        if n % 3 or not lines:   # a queuer appends now and then: same inode, new size
            lines.append(b"entry %d\n" % n)
            _append_as_a_queuer(target, lines[-1])
        assert _open_descriptors() <= before + 2
    assert len(inodes) == 2
    rewriter.close()
    assert _open_descriptors() == before
    assert target.read_bytes() == b"".join(lines)


def test_a_replaced_target_is_never_written_through_an_old_descriptor(tmp_path: Path) -> None:
    """Another writer renames a new file over the target: the file the rewriter holds
    open is no longer the one the spare name will give, so it is not reused; the
    rewrites after it are right, and the file the other writer put in place is
    replaced, not changed, while it is live."""
    target = tmp_path / "index"
    target.write_bytes(b"a\nb\nc\n")
    rewriter = SwapRewriter(target)
    for expected, new in ((b"a\nb\nc\n", b"b\nc\n"), (b"b\nc\n", b"c\n")):
        assert rewriter.read() == expected
        rewriter.replace(new)
    atomic_write(target, [b"x\ny\nz\n"], durable=False)   # not through the rewriter
    witness = tmp_path / "witness"
    os.link(target, witness)
    assert rewriter.read() == b"x\ny\nz\n"
    rewriter.replace(b"y\nz\n")
    assert witness.read_bytes() == b"x\ny\nz\n"
    for expected, new in ((b"y\nz\n", b"z\n"), (b"z\n", b""), (b"", b"w\n")):
        assert rewriter.read() == expected
        rewriter.replace(new)
        assert target.read_bytes() == new
    rewriter.close()


def test_short_files_are_read_whole(tmp_path: Path) -> None:
    """A file shorter than one read is taken from that read (POSIX: a short read of a
    regular file is its end); longer ones are read to the end."""
    for size in (0, 1, 934, 65535, 65536, 65537, 300_000):
        target = tmp_path / f"f{size}"
        data = b"x" * size
        target.write_bytes(data)
        assert read_file(target) == data
        assert read_small(target, 1 << 20) == data
