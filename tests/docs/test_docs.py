"""The reference documentation stays true to the commands it describes.

The man pages in docs/ are written by hand, so they drift when an option is
added or an exit code changes.  These tests read what the programs say about
themselves (``--help``, run as a user would run it) and fail when a long
option, a sendmail flag or an exit code is missing from the page that
documents it, or when docs/README.md does not link a document.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ELCONF_COMMANDS = ("read", "get", "show", "eval", "creds", "check")


# --- helpers -----------------------------------------------------------------------

def help_text(module: str, *args: str) -> str:
    """``python -m MODULE ARGS... --help``, from a neutral directory and HOME."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-m", module, *args, "--help"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def long_options(help_output: str) -> set[str]:
    """The long options argparse lists: the invocation part of each option line.

    An option line starts with two or more spaces and a dash; its invocation
    (``-q, --no-init`` or ``--init FILE``) ends at a run of two spaces or at
    the end of the line.  Examples and epilogs are not option lines.
    """
    found: set[str] = set()
    for line in help_output.splitlines():
        match = re.match(r"^ {2,}(-.*?)(?: {2,}|$)", line)
        if match:
            found.update(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", match.group(1)))
    return found


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or a higher level."""
    match = re.search(rf"^(#+) {re.escape(heading)}\s*$", text, re.M)
    assert match, f"no heading {heading!r}"
    level = len(match.group(1))
    rest = text[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def documents(text: str, option: str) -> bool:
    """True when ``option`` is named in code markup (`--init FILE`, `-q`/`--no-init`...)."""
    return re.search(rf"`(?:[^`\n]*[\s/|\[])?{re.escape(option)}(?![\w-])[^`\n]*`", text) is not None


def table_codes(text: str) -> dict[int, str]:
    """``| CODE | ...`` rows of a Markdown table: code -> the rest of the row."""
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d+) \|(.*)$", text, re.M)}


def help_codes(block: str) -> dict[int, str]:
    """``  CODE  meaning`` lines of an exit-status block in a --help text."""
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^ {2}(\d+) {2,}(.*)$", block, re.M)}


# --- helpers' own checks: a parser that found nothing would pass every test -----------

def test_long_options_parser_reads_argparse_lines() -> None:
    sample = ("options:\n  -h, --help            show this help\n  --init FILE           load FILE\n"
              "  --format {text,json}  output\n  --stdin-filename NAME\n                        the name\n"
              "examples:\n  elsend --not-an-option x     an example line\n")
    assert long_options(sample) == {"--help", "--init", "--format", "--stdin-filename"}


def test_documents_needs_code_markup() -> None:
    assert documents("`--init FILE`\n: load it", "--init")
    assert documents("`-q`, `--no-init`", "--no-init")
    assert not documents("`--init-file`", "--init")
    assert not documents("the --init option", "--init")


# --- elsend ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def elsend_help() -> str:
    return help_text("smtp.cli")


@pytest.fixture(scope="module")
def elsend_doc() -> str:
    return (DOCS / "elsend.md").read_text(encoding="utf-8")


def test_every_elsend_long_option_is_documented(elsend_help: str, elsend_doc: str) -> None:
    options = long_options(elsend_help)
    assert {"--init", "--dry-run", "--flush-queue", "--timeout"} <= options  # the parser works
    options_section = section(elsend_doc, "OPTIONS")
    missing = sorted(o for o in options if not documents(options_section, o))
    assert not missing, f"docs/elsend.md OPTIONS does not document {missing}"


def test_every_sendmail_flag_is_documented(elsend_doc: str) -> None:
    from smtp import cli

    flags = (set(cli._VALUE_FLAGS) | set(cli._IGNORED_FLAGS)
             | {"-t", "--read-envelope-from", "--"}
             | set(cli._ELSEND_VALUE_OPTIONS) | set(cli._ELSEND_FLAG_OPTIONS))
    mode = section(elsend_doc, "SENDMAIL-COMPATIBLE MODE")
    missing = sorted(f for f in flags if not documents(mode, f))
    assert not missing, f"SENDMAIL-COMPATIBLE MODE in docs/elsend.md does not mention {missing}"


def test_elsend_exit_table_agrees_with_cli(elsend_doc: str) -> None:
    from elconf import sysexits
    from smtp.cli import EXIT_STATUS

    in_cli = help_codes(EXIT_STATUS)
    in_doc = table_codes(section(elsend_doc, "EXIT STATUS"))
    assert len(in_cli) >= 10, "EXIT_STATUS could not be parsed"
    assert sorted(in_doc) == sorted(in_cli)
    for code, text in in_cli.items():
        name = re.search(r"\((EX_[A-Z]+)\)", text)
        if name:  # the sysexits name: the same in the help, the docs and elconf.sysexits
            assert name.group(1) in in_doc[code], f"exit {code}: docs lack {name.group(1)}"
            assert getattr(sysexits, name.group(1)[3:]) == code


def test_elsend_help_prints_the_exit_table(elsend_help: str) -> None:
    from smtp.cli import EXIT_STATUS

    assert help_codes(EXIT_STATUS) == help_codes(elsend_help.split("exit status", 1)[1])


# --- elconf ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def elconf_doc() -> str:
    return (DOCS / "elconf.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ELCONF_COMMANDS)
def test_every_elconf_long_option_is_documented(command: str, elconf_doc: str) -> None:
    options = long_options(help_text("elconf.cli", command))
    assert "--help" in options
    own = section(elconf_doc, f"elconf {command}")
    shared = section(elconf_doc, "LOADING OPTIONS") if "[loading options]" in own else ""
    missing = sorted(o for o in options - {"--help"}
                     if not documents(own, o) and not documents(shared, o))
    assert not missing, f"`elconf {command}` in docs/elconf.md does not document {missing}"
    assert documents(elconf_doc, "--help")


def test_elconf_commands_and_top_level_options_are_documented(elconf_doc: str) -> None:
    top = help_text("elconf.cli")
    for command in ELCONF_COMMANDS:
        assert f"elconf {command}" in section(elconf_doc, "SYNOPSIS")
        assert re.search(rf"^\s+{command}\s", top, re.M), f"{command} missing from elconf --help"
    for option in long_options(top):
        assert documents(elconf_doc, option), option


def test_elconf_exit_table_covers_the_top_level_help(elconf_doc: str) -> None:
    from elconf.cli import EPILOG

    in_help = help_codes(EPILOG)
    in_doc = table_codes(section(elconf_doc, "EXIT STATUS"))
    assert len(in_help) >= 5
    assert set(in_help) <= set(in_doc)


# --- the index -------------------------------------------------------------------------

def test_readme_links_every_document() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", index))
    files = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*")
             if p.is_file() and p.name != "README.md" and not p.name.startswith(".")}
    assert files, "docs/ is empty"
    assert not sorted(files - linked), f"docs/README.md does not link {sorted(files - linked)}"
    local = {link for link in linked if "://" not in link}
    assert not sorted(link for link in local if not (DOCS / link).exists()), "dangling links"
