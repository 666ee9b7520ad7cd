"""Template overlays: the example overlay, added-template rules, stamps of overridden built-ins, docs."""

from __future__ import annotations

import dataclasses
import inspect
import json
import runpy
from pathlib import Path

import jinja2
import pytest

from generator import cli
from generator.model import ir
from generator.render import overlay
from generator.render import package as render
from tests.conftest import ROOT
from tests.test_workflow import oagen, snapshot, spec

EXAMPLE = ROOT / "examples" / "overlay"
TARGET = ["--spec", "api.json", "--output", "out", "--package", "pets_client"]
Capture = pytest.CaptureFixture[str]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(spec()))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def generate(capsys: Capture, templates: Path, *extra: str) -> tuple[int, str, str]:
    flags = [
        "--spec",
        "api.json",
        "--output",
        "out",
        "--package",
        "pets_client",
        "--templates",
        str(templates),
    ]
    return oagen(capsys, "generate", *flags, *extra)


def test_example_overlay(project: Path, capsys: Capture) -> None:
    status, _, err = generate(capsys, EXAMPLE)
    assert status == 0, err
    out = project / "out"
    readme = (out / "README.md").read_text()
    assert "## Install" in readme  # the built-in README, included by the override
    assert "| `client.pets.list_pets()` | `GET /pets` |\n" in readme
    assert readme.endswith("| `client.owners.list_owners()` | `GET /owners` |\n")
    routes = runpy.run_path(str(out / "pets_client" / "routes" / "pets.py"))["ROUTES"]
    assert routes == {"list_pets": ("GET", "/pets")}
    assert (out / "pets_client" / "routes" / "__init__.py").is_file()
    page = (out / "docs" / "owners" / "list_owners.md").read_text()
    assert page.startswith("# `client.owners.list_owners()`\n") and "List owners." in page
    assert not (out / "partials").exists()
    assert "route_row.md" not in {p.name for p in out.rglob("*")}
    used = json.loads((out / ".oagen-manifest.json").read_text())["templates"]["used"]
    assert used["builtin/README.md.j2"]["source"] == "built-in"
    assert used["partials/route_row.md.j2"]["source"] == "overlay"
    assert oagen(capsys, "check", *TARGET, "--templates", str(EXAMPLE))[0] == 0


def test_added_template_may_not_replace_a_built_in_output(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project / "overlay" / "package" / "resources"
    folder.mkdir(parents=True)
    (folder / "{resource}.py.j2").write_text('"""Mine."""\n')
    status, _, err = generate(capsys, project / "overlay")
    assert status == 2
    assert "would write pets_client/resources/pets.py, which another template writes" in err
    assert not (project / "out").exists()


def test_overlay_template_error_names_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "overlay").mkdir()
    (project / "overlay" / "extra.txt.j2").write_text("ok\n{% for x in %}\n")
    status, _, err = generate(capsys, project / "overlay")
    assert status == 2 and "template error:" in err and "extra.txt.j2:2" in err and "Traceback" not in err
    (project / "overlay" / "extra.txt.j2").write_text("{{ api.no_such_field }}\n")
    status, _, err = generate(capsys, project / "overlay")
    assert status == 2 and "no_such_field" in err


def test_override_of_a_changed_built_in_warns_until_restamped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = project / "overlay"
    assert oagen(capsys, "overlay", "--templates", str(folder), "--copy", "package/py.typed.j2")[0] == 0
    copied = folder / "package" / "py.typed.j2"
    assert overlay.stamp_of(copied) == overlay._sha(overlay.BUILTIN / "package" / "py.typed.j2")
    status, _, err = generate(capsys, folder)
    assert status == 0 and "warning" not in err
    assert (project / "out" / "pets_client" / "py.typed").read_text() == ""  # the stamp line renders nothing

    # As if the override had been written against an older built-in:
    copied.write_text("{# oagen-base: " + "0" * 64 + " -#}\n")
    status, _, err = generate(capsys, folder)
    assert status == 0
    assert f"warning: {copied}: the built-in template package/py.typed.j2 changed" in err
    status, _, err = oagen(capsys, "check", *TARGET, "--templates", str(folder))
    assert status == 0 and "the built-in template package/py.typed.j2 changed" in err
    status, listing, err = oagen(capsys, "overlay", "--templates", str(folder))
    assert status == 1 and "overrides package/py.typed.j2" in listing

    status, _, err = oagen(capsys, "overlay", "--templates", str(folder), "--stamp")
    assert status == 0 and "stamped" in err
    assert generate(capsys, folder)[2].count("warning") == 0


def test_unstamped_override_gets_a_note_under_verbose(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "overlay").mkdir()
    (project / "overlay" / "README.md.j2").write_text("# {{ api.title }}\n")
    assert "oagen-base" not in generate(capsys, project / "overlay")[2]
    status, _, err = generate(capsys, project / "overlay", "--verbose")
    assert status == 0 and "records no `oagen-base` stamp" in err


def test_copy_refuses_unknown_templates(project: Path, capsys: Capture) -> None:
    status, _, err = oagen(capsys, "overlay", "--templates", "o", "--copy", "nope.j2")
    assert status == 2 and "no built-in template 'nope.j2'" in err


def test_builtin_folder_is_the_one_render_uses() -> None:
    assert overlay.BUILTIN == render.BUILTIN_TEMPLATES


def test_output_paths() -> None:
    assert overlay.output_path("package/extra/x.py.j2", "acme") == "acme/extra/x.py"
    assert overlay.output_path("docs/{resource}.md.j2", "acme") == "docs/{resource}.md"
    assert overlay.output_path("packages.txt.j2", "acme") == "packages.txt"


def test_docs_describe_every_ir_field_and_filter() -> None:
    """docs/templates.md is the template contract: it must name every field and filter."""
    text = (ROOT / "docs" / "templates.md").read_text()
    missing = []
    for name, cls in vars(ir).items():
        if inspect.isclass(cls) and dataclasses.is_dataclass(cls) and cls.__module__ == ir.__name__:
            members = [f.name for f in dataclasses.fields(cls)]
            members += [n for n, v in vars(cls).items() if isinstance(v, property) or inspect.isfunction(v)]
            missing += [f"{name}.{m}" for m in members if not m.startswith("_") and f"`{m}`" not in text]
            missing += [name] if f"{name.rstrip('_')}" not in text else []
    builtin_filters = set(jinja2.Environment().filters)
    env = render.environment(None)
    missing += [f"filter {f}" for f in sorted(set(env.filters) - builtin_filters) if f"`{f}`" not in text]
    assert missing == [], "document these in docs/templates.md"


def test_cli_main_help_mentions_overlay() -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["overlay", "--help"])
    assert exc.value.code == 0


def test_failed_overlay_run_leaves_previous_output(project: Path, capsys: Capture) -> None:
    assert generate(capsys, EXAMPLE)[0] == 0
    before = snapshot(project / "out")
    broken = project / "broken"
    broken.mkdir()
    (broken / "x.md.j2").write_text("{% if %}")
    assert generate(capsys, broken)[0] == 2
    assert snapshot(project / "out") == before


def test_an_overlay_warning_is_printed_once_for_several_targets(project: Path, capsys: Capture) -> None:
    templates = project / "tpl"
    templates.mkdir()
    (templates / "README.md.j2").write_text("{# oagen-base: " + "a" * 64 + " -#}\n# {{ api.title }}\n")
    (project / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "api.json"\ntemplates = "tpl"\n'
        '[[tool.oagen.targets]]\nname = "a"\noutput = "outa"\npackage = "a_client"\n'
        '[[tool.oagen.targets]]\nname = "b"\noutput = "outb"\npackage = "b_client"\n'
    )
    for command in ("generate", "check"):
        status, _, err = oagen(capsys, command, "--full" if command == "check" else "-v")
        assert status == 0, err
        assert err.count("the built-in template README.md.j2 changed") == 1, err
