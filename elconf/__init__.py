"""elconf: read and evaluate Emacs init files the way Emacs 28.2 does, for mail settings."""

__version__ = "0.1.0"
