"""The generated package's version: PEP 440 from any `info.version`, and a configured scheme."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from generator import version
from generator.cli import main
from generator.config import ConfigError, load_targets

CASES = [
    ("1.0.0", "1.0.0"),
    ("2022-11-28", "2022.11.28"),  # GitHub's
    ("2026-01-28.clover", "2026.1.28"),  # Stripe's
    ("2022-11", "2022.11"),  # a date, not PEP 440's `2022.post11`
    ("v1", "1"),
    ("v1.0-beta", "1.0b0"),
    ("1.0.0-rc1", "1.0.0rc1"),
    ("2.0-rc.1", "2.0rc1"),
    ("3.1.0-alpha", "3.1.0a0"),
    ("1.2.3-beta.4+build.5", "1.2.3b4"),  # no local part: indexes refuse it
    ("1!2.0", "1!2.0"),
    ("0001.02", "1.2"),
    ("1.0.0-SNAPSHOT", "1.0.0"),
    ("v1 (beta)", "1"),
    ("beta", "0.0.0"),
    ("", "0.0.0"),
    ("9" * 5000, "9" * 5000),  # no int(): Python refuses over 4,300 digits
]


@pytest.mark.parametrize(("api", "expected"), CASES)
def test_api_version_becomes_pep_440(api: str, expected: str) -> None:
    assert version.from_api(api) == expected
    assert version.normalise(expected) == expected


@pytest.mark.parametrize(("api", "expected"), CASES[:-1])
def test_derived_versions_are_canonical_for_packaging(api: str, expected: str) -> None:
    packaging_version = pytest.importorskip("packaging.version")
    assert str(packaging_version.Version(version.from_api(api))) == expected


def test_scheme_bumps_or_fixes_the_version() -> None:
    assert version.package_version("1.0.0", "{api}.post1") == "1.0.0.post1"
    assert version.package_version("2022-11-28", "{api}+gen2") == "2022.11.28+gen2"
    assert version.package_version("2022-11-28", "{api}-post3") == "2022.11.28.post3"
    assert version.package_version("anything", "5.0") == "5.0"
    with pytest.raises(version.VersionError, match="not a PEP 440 version"):
        version.package_version("1.0", "{api}-clover")


def test_config_checks_the_scheme(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    base = '[tool.oagen]\nspec = "a.yaml"\noutput = "out"\npackage = "a_client"\n'
    pyproject.write_text(base + 'package_version = "{api}.post2"\n')
    [target] = load_targets(pyproject)
    assert target.package_version == "{api}.post2"
    assert target.settings()["package_version"] == "{api}.post2"
    pyproject.write_text(base)
    assert "package_version" not in load_targets(pyproject)[0].settings()  # old manifests stay current
    pyproject.write_text(base + 'package_version = "{api}.clover"\n')
    with pytest.raises(ConfigError, match="package_version"):
        load_targets(pyproject)


SPEC = """\
openapi: 3.0.3
info: {title: Dated, version: "2026-01-28.clover"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
"""


def test_generated_project_has_valid_version_and_keeps_the_original(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    args = ["generate", "--spec", str(spec), "--output", str(out), "--package", "dated_client", "-q"]
    assert main(args) == 0
    project = tomllib.loads((out / "pyproject.toml").read_text())["project"]
    assert project["version"] == "2026.1.28"
    assert "2026-01-28.clover" in project["description"]
    assert "`2026.1.28`" in (out / "README.md").read_text()
    packaging_version = pytest.importorskip("packaging.version")
    packaging_version.Version(project["version"])  # what pip checks


def test_configured_scheme_reaches_the_project(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(SPEC)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "api.yaml"\noutput = "out"\npackage = "dated_client"\n'
        'package_version = "{api}.post1"\n'
    )
    assert main(["generate", "--config", str(tmp_path / "pyproject.toml"), "-q"]) == 0
    project = tomllib.loads((tmp_path / "out" / "pyproject.toml").read_text())["project"]
    assert project["version"] == "2026.1.28.post1"
    assert main(["check", "--config", str(tmp_path / "pyproject.toml"), "-q"]) == 0
