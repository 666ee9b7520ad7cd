"""Stage 3 (render): where the built-in templates are (a module of its own: the manifest's fast path reads it
without loading Jinja or black)."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
# Installed from a wheel the templates ship inside the package; in a checkout they sit beside it.
TEMPLATES = _PACKAGE / "templates" if (_PACKAGE / "templates").is_dir() else _PACKAGE.parent / "templates"
