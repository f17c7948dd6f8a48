"""Generate ``docs/rules.md`` from the rule table: ``python3 -m elconf.check.docs > docs/rules.md``.

The committed file is compared with this output by a test, so a rule cannot
be added, renamed or reworded without its documentation following.
"""

from __future__ import annotations

import sys

from elconf.check.rules import GROUPS, Rule, all_rules

_HEADER = """\
# `elconf check` rules

`elconf check` reads and evaluates an Emacs init file the way Emacs 28.2 does
and reports what would go wrong when mail is sent with it. Each finding is
printed as

    FILE:LINE:COL: SEVERITY: MESSAGE [RULE-ID]
        fix: ONE LINE SAYING WHAT TO DO

at the place where the fix goes: a finding about a variable is at the
variable's symbol inside the form that set it (the fourth pair of a `setq`,
a `custom-set-variables` entry, a `use-package` `:custom` entry); an unclosed
list is at its opening parenthesis, with the end of the file, where Emacs
stops reading, as a related place (`note:`).

Severities: **error** — mail cannot go out as configured (or Emacs stops
reading the file); **warning** — a setting has no effect or does something
other than intended; **info** — something we could not evaluate and that may
matter. Exit status: 0 when there is no error (with `--strict`: no error and
no warning), 1 when there are findings, 65 when a file cannot be read as
Lisp, 66 when a file is missing, 78 when a rule marked *breaks sending* fires.

Run one rule with `elconf check --rule ID`; list them with
`elconf check --list-rules`.

Where to run it:

- in a terminal: `elconf check` checks the init file Emacs would load
  (`~/.emacs`, `~/.emacs.d/init.el`, ...); `elconf check FILE...` checks
  each file as an init file;
- in Emacs: the Flymake backend `editors/flymake-elconf.el` marks each
  finding as you edit; `M-x compile RET elconf check ~/.emacs.d/init.el`
  gives lines in the GNU `FILE:LINE:COL:` form `compilation-mode` jumps to
  ([editors.md](editors.md) has both, a flycheck checker and the JSON
  schema);
- in CI for your dotfiles: `elconf check --strict --format json init.el`
  fails the job on any warning and leaves a machine-readable report.

This file is generated from the rule table (`python3 -m elconf.check.docs >
docs/rules.md`); do not edit it by hand.
"""


def render_rule(found: Rule) -> str:
    lines = [f'<a id="{found.id}"></a>', f"### `{found.id}` — {found.title}", ""]
    facts = f"Severity: **{found.severity}**"
    if found.breaks_sending:
        facts += " · breaks sending (exit 78)"
    lines += [facts, "", f"What Emacs does: {found.emacs}", "", "Example:", "", "```elisp"]
    lines += found.example.splitlines()
    lines += ["```", "", f"Fix: {found.fix}.", ""]
    return "\n".join(lines)


def render() -> str:
    rules = all_rules()
    parts = [_HEADER, "## Rules at a glance", "", "| Rule | Severity | What |", "|---|---|---|"]
    for found in rules:
        parts.append(f"| [`{found.id}`](#{found.id}) | {found.severity} | {found.title} |")
    parts.append("")
    for module, title in GROUPS:
        group = [r for r in rules if r.group == module]
        if not group:
            continue
        parts += [f"## {title}", ""]
        parts += [render_rule(r) for r in group]
    return "\n".join(parts).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
