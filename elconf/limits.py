"""Sandbox limits for evaluating configuration code.

Init files are untrusted input for us: a loop that never ends, a form nested a
million deep or a macro that expands exponentially must stop quickly with an
error naming the place, never hang the tool or exhaust Python's stack.  The
defaults fit every realistic init file with a wide margin (a generated
5,000-line init file takes about 7,000 steps and 50 ms).  The environment
variable ``ELCONF_LIMITS`` (``"max_seconds=5,max_steps=1000000"``) changes
them for both commands; :func:`parse_limits` reads it.
"""

from __future__ import annotations

from elconf.records import fields, record


@record(frozen=True)
class Limits:
    max_depth: int = 1600           # nested evaluations (Emacs's max-lisp-eval-depth is 1600)
    max_steps: int = 200_000        # list forms evaluated, plus loop iterations
    max_string_length: int = 10_000_000   # characters in one string built at run time
    max_list_length: int = 1_000_000      # elements in one list built at run time
    max_load_depth: int = 50        # files loading files
    # CPU seconds for one init file and all it loads: steps alone do not bound a
    # loop whose every step builds a million-element list.
    max_seconds: float = 1.0

    def python_recursion_limit(self) -> int:
        """A Python recursion limit that lets ``max_depth`` be reached first.

        Each Lisp evaluation level costs at most a handful of Python frames.
        """
        return self.max_depth * 8 + 2000


#: The smallest values ``ELCONF_LIMITS`` may set: below them Emacs's own library
#: defaults (evaluated under the same limits when a library loads) could not finish.
MINIMUMS: dict[str, int | float] = {"max_depth": 100, "max_steps": 10_000, "max_string_length": 10_000,
                                    "max_list_length": 10_000, "max_load_depth": 5, "max_seconds": 0.1}


def parse_limits(text: str) -> Limits:
    """``"max_steps=1000000,max_depth=800"`` -> Limits (unknown names, values that
    are not numbers or are below :data:`MINIMUMS` raise ValueError)."""
    names = set(fields(Limits))
    values: dict[str, int | float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, raw = part.partition("=")
        name = name.strip().replace("-", "_")
        if name not in names:
            raise ValueError(f"unknown limit {name!r}; known: {', '.join(sorted(names))}")
        try:
            values[name] = float(raw) if name == "max_seconds" else int(raw)
        except ValueError:
            raise ValueError(f"{name}: {raw.strip()!r} is not a number") from None
        if values[name] < MINIMUMS[name]:
            raise ValueError(f"{name} must be at least {MINIMUMS[name]}")
    return Limits(**values)  # type: ignore[arg-type]
