"""Small constructors that keep the model modules readable as tables."""

from __future__ import annotations

from elconf.libraries import VariableModel


def custom(name: str, default: str, type: str | None = None, doc: str = "",
           obsolete: str | None = None) -> VariableModel:
    """A ``defcustom``: its default is computed when the library loads, unless already bound."""
    return VariableModel(name=name, default=default, kind="defcustom", type=type, doc=doc,
                         obsolete=obsolete)


def var(name: str, default: str, doc: str = "") -> VariableModel:
    """A ``defvar``: same load-time rule as a defcustom, but no :type to check against."""
    return VariableModel(name=name, default=default, kind="defvar", doc=doc)
