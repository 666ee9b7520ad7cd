"""Settings: `[tool.oagen]` in pyproject.toml, overridden by command-line flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Target:
    spec: Path
    output: Path
    package: str
    templates: Path | None = None


def load_targets(pyproject: Path) -> list[Target]:
    """The targets in `[tool.oagen]` (one table, or a `targets` array of tables)."""
    if not pyproject.is_file():
        return []
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: {exc}") from None
    section = data.get("tool", {}).get("oagen")
    if not isinstance(section, dict):
        return []
    base = pyproject.parent
    tables = section.get("targets") or [section]
    return [_target(table, base, pyproject) for table in tables]


def _target(table: dict[str, Any], base: Path, pyproject: Path) -> Target:
    missing = [k for k in ("spec", "output", "package") if not isinstance(table.get(k), str)]
    if missing:
        raise ConfigError(f"{pyproject}: [tool.oagen] needs {', '.join(missing)}")
    templates = table.get("templates")
    return Target(
        spec=base / table["spec"],
        output=base / table["output"],
        package=table["package"],
        templates=base / templates if isinstance(templates, str) else None,
    )


def override(target: Target, **flags: Any) -> Target:
    """Apply command-line flags that were given (not None)."""
    return replace(target, **{k: v for k, v in flags.items() if v is not None})
