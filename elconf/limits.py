"""Sandbox limits for evaluating configuration code.

Init files are untrusted input for us: a loop that never ends, a form nested a
million deep or a macro that expands exponentially must stop quickly with an
error naming the place, never hang the tool or exhaust Python's stack.  The
defaults fit every realistic init file with a wide margin (a generated
5,000-line init file takes about 7,000 steps).  A future ``--limits`` option can build a
:class:`Limits` with :func:`parse_limits`.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Limits:
    max_depth: int = 1600           # nested evaluations (Emacs's max-lisp-eval-depth is 1600)
    max_steps: int = 200_000        # list forms evaluated, plus loop iterations
    max_string_length: int = 10_000_000   # characters in one string built at run time
    max_list_length: int = 1_000_000      # elements in one list built at run time
    max_load_depth: int = 50        # files loading files

    def python_recursion_limit(self) -> int:
        """A Python recursion limit that lets ``max_depth`` be reached first.

        Each Lisp evaluation level costs at most a handful of Python frames.
        """
        return self.max_depth * 8 + 2000


def parse_limits(text: str) -> Limits:
    """``"max_steps=1000000,max_depth=800"`` -> Limits (unknown names raise ValueError)."""
    fields = {f.name for f in dataclasses.fields(Limits)}
    values: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, raw = part.partition("=")
        name = name.strip().replace("-", "_")
        if name not in fields:
            raise ValueError(f"unknown limit {name!r}; known: {', '.join(sorted(fields))}")
        values[name] = int(raw)
    return Limits(**values)
