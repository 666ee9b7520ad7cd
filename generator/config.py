"""Settings (one Target value for every stage): `[tool.oagen]` in pyproject.toml, overridden by command-line
flags.

One target:

    [tool.oagen]
    spec = "specs/openapi.json"
    output = "generated"
    package = "migma_client"
    templates = "templates-overlay"   # optional
    allow_ref_dirs = ["../shared"]    # optional: folders `$ref`s may reach besides the spec's own
    line_length = 100                 # optional
    formatter = "black"               # optional; "ruff" for very large specs (pip install 'oagen[ruff]')
    source = "https://example.com/openapi.json"  # optional: where `oagen update` reads the new spec
    package_version = "{api}.post1"   # optional: the generated package's version (see generator.version)

Several targets: keys in `[tool.oagen]` itself are defaults for every
`[[tool.oagen.targets]]` table. `[tool.oagen.pagination]`, `[tool.oagen.jobs]` and
`[tool.oagen.envelope]` are option tables carried on the Target for the model
stage (keys are operationIds in the first two; `envelope` takes `unwrap = false`);
they are checked here: tables of strings, numbers, booleans, arrays of those, and
nested tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import version

DEFAULT_LINE_LENGTH = 100
_SETTINGS = {
    "spec",
    "output",
    "package",
    "templates",
    "line_length",
    "formatter",
    "pagination",
    "envelope",
    "jobs",
    "name",
    "source",
    "package_version",
    "allow_ref_dirs",
}
FORMATTERS = ("black", "ruff")


class ConfigError(Exception):
    pass


class UsageError(Exception):
    """Flags or settings that make the run impossible (exit status 2)."""


@dataclass(frozen=True)
class Target:
    spec: Path
    output: Path
    package: str
    templates: Path | None = None
    line_length: int = DEFAULT_LINE_LENGTH
    formatter: str = "black"
    pagination: dict[str, Any] = field(default_factory=dict, hash=False)
    envelope: dict[str, Any] = field(default_factory=dict, hash=False)
    jobs: dict[str, Any] = field(default_factory=dict, hash=False)
    name: str = ""  # how messages and `--target` refer to it; the package name if not set
    source: str = ""  # `oagen update`'s default document: an http(s) URL, or a path
    package_version: str = ""  # scheme for the package version; "" derives it from the API's
    # Folders besides the spec's own (and its subfolders) that `$ref`s may read files from.
    allow_ref_dirs: tuple[Path, ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.package

    def settings(self) -> dict[str, Any]:
        """The settings that shape the output (not where files are): recorded in the manifest."""
        return {
            "package": self.package,
            "line_length": self.line_length,
            "formatter": self.formatter,
            "pagination": self.pagination,
            "envelope": self.envelope,
            "jobs": self.jobs,
            # Only when set, so manifests written before the setting existed stay current.
            **({"package_version": self.package_version} if self.package_version else {}),
        }


def load_targets(pyproject: Path) -> list[Target]:
    """The targets in `[tool.oagen]` (one table, or a `targets` array of tables)."""
    if not pyproject.is_file():
        return []
    import tomllib  # here: without a config file it is not needed (~8 ms)

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: {exc}") from None
    tool = data.get("tool", {})
    section = tool.get("oagen") if isinstance(tool, dict) else None
    if section is None:
        return []
    if not isinstance(section, dict):
        raise ConfigError(f"{pyproject}: [tool.oagen] must be a table")
    base = pyproject.parent
    defaults = {k: v for k, v in section.items() if k != "targets"}
    _check_keys(defaults, pyproject, "[tool.oagen]")
    tables = section.get("targets")
    if tables is None:
        return [_target(defaults, base, pyproject, "[tool.oagen]")]
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{pyproject}: [[tool.oagen.targets]] must be one or more tables")
    targets = []
    for index, table in enumerate(tables):
        where = f"[[tool.oagen.targets]] #{index + 1}"
        _check_keys(table, pyproject, where)
        targets.append(_target({**defaults, **table}, base, pyproject, where))
    labels = [t.label for t in targets]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise ConfigError(f"{pyproject}: several targets named {', '.join(duplicates)}; give each a `name`")
    return targets


def _check_keys(table: dict[str, Any], pyproject: Path, where: str) -> None:
    unknown = sorted(set(table) - _SETTINGS)
    if unknown:
        raise ConfigError(
            f"{pyproject}: {where}: unknown key {', '.join(unknown)} (known: {', '.join(sorted(_SETTINGS))})"
        )


def _target(table: dict[str, Any], base: Path, pyproject: Path, where: str) -> Target:
    missing = [k for k in ("spec", "output", "package") if not isinstance(table.get(k), str)]
    if missing:
        raise ConfigError(f"{pyproject}: {where} needs {', '.join(missing)} (strings)")
    templates = table.get("templates")
    if templates is not None and not isinstance(templates, str):
        raise ConfigError(f"{pyproject}: {where}: templates must be a path (string)")
    name = table.get("name", "")
    if not isinstance(name, str):
        raise ConfigError(f"{pyproject}: {where}: name must be a string")
    source = table.get("source", "")
    if not isinstance(source, str):
        raise ConfigError(f"{pyproject}: {where}: source must be a URL or a path (string)")
    if source and "://" not in source:
        source = str(base / source)
    allowed = table.get("allow_ref_dirs", [])
    if not isinstance(allowed, list) or not all(isinstance(d, str) for d in allowed):
        raise ConfigError(f"{pyproject}: {where}: allow_ref_dirs must be an array of paths (strings)")
    return Target(
        spec=base / table["spec"],
        output=base / table["output"],
        package=table["package"],
        templates=base / templates if templates is not None else None,
        line_length=check_line_length(table.get("line_length", DEFAULT_LINE_LENGTH), f"{pyproject}: {where}"),
        formatter=check_formatter(table.get("formatter", "black"), f"{pyproject}: {where}"),
        pagination=check_options(table.get("pagination", {}), f"{pyproject}: {where}: pagination"),
        envelope=_check_envelope(table.get("envelope", {}), f"{pyproject}: {where}: envelope"),
        jobs=check_options(table.get("jobs", {}), f"{pyproject}: {where}: jobs"),
        name=name,
        source=source,
        package_version=check_package_version(table.get("package_version", ""), f"{pyproject}: {where}"),
        allow_ref_dirs=tuple(base / d for d in allowed),
    )


def _check_envelope(value: Any, where: str) -> dict[str, Any]:
    """`[tool.oagen.envelope]`: `unwrap = false` returns `{success, data, error}` envelopes whole."""
    options = check_options(value, where)
    unknown = sorted(set(options) - {"unwrap"})
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: unwrap)")
    if not isinstance(options.get("unwrap", True), bool):
        raise ConfigError(f"{where}: unwrap must be true or false")
    return options


def check_line_length(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 40 <= value <= 400:
        raise ConfigError(f"{where}: line_length must be an integer from 40 to 400, not {value!r}")
    return value


def check_formatter(value: Any, where: str) -> str:
    if value not in FORMATTERS:
        raise ConfigError(f"{where}: formatter must be one of {', '.join(FORMATTERS)}, not {value!r}")
    return str(value)


def check_package_version(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: package_version must be a string, not {value!r}")
    try:
        return version.check_scheme(value)
    except version.VersionError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def check_options(value: Any, where: str) -> dict[str, Any]:
    """An option table: values are strings, numbers, booleans, arrays of those, or
    nested option tables (per-operation settings, for example)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table, not {type(value).__name__}")
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not key.strip():
            raise ConfigError(f"{where}: empty key")
        if isinstance(item, dict):
            out[key] = check_options(item, f"{where}.{key}")
        elif isinstance(item, list):
            if not all(isinstance(v, str | int | float | bool) for v in item):
                raise ConfigError(f"{where}.{key}: arrays may hold strings, numbers and booleans only")
            out[key] = list(item)
        elif isinstance(item, str | int | float | bool):
            out[key] = item
        else:  # TOML dates and times
            raise ConfigError(f"{where}.{key}: {type(item).__name__} values are not supported")
    return out


def override(target: Target, **flags: Any) -> Target:
    """Apply command-line flags that were given (not None)."""
    return replace(target, **{k: v for k, v in flags.items() if v is not None})
