"""The regeneration workflow: config, `oagen check` and its reasons, safe writes, output levels."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import cli, fingerprint, pipeline
from generator.config import ConfigError, Target, load_targets
from generator.render import overlay
from generator.write import manifest
from tests.conftest import ROOT


def spec(tags: tuple[str, ...] = ("pets", "owners"), title: str = "Pets") -> dict[str, Any]:
    paths = {}
    for tag in tags:
        paths[f"/{tag}"] = {
            "get": {
                "operationId": f"list_{tag}",
                "tags": [tag],
                "summary": f"List {tag}.",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    }
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "paths": paths,
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}, "label": {"type": "string"}},
                }
            }
        },
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a spec and a pyproject.toml naming it; the working directory."""
    (tmp_path / "api.json").write_text(json.dumps(spec()))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "api.json"\noutput = "out"\npackage = "pets_client"\n'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def oagen(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- config ---------------------------------------------------------------------------


def test_this_repo_config_targets_generated() -> None:
    [target] = load_targets(ROOT / "pyproject.toml")
    assert (target.spec, target.output, target.package) == (
        ROOT / "specs" / "openapi.json",
        ROOT / "generated",
        "migma_client",
    )


def test_several_targets_share_defaults_and_carry_option_tables(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        """
[tool.oagen]
line_length = 88
templates = "overlay"

[tool.oagen.pagination]
ListThings = { style = "page", param = "page" }
ListOther = false

[[tool.oagen.targets]]
spec = "a.json"
output = "out-a"
package = "a_client"

[[tool.oagen.targets]]
name = "b"
spec = "b.yaml"
output = "out-b"
package = "b_client"
line_length = 120
envelope = { unwrap = false }
"""
    )
    a, b = load_targets(tmp_path / "pyproject.toml")
    assert (a.package, a.line_length, a.templates) == ("a_client", 88, tmp_path / "overlay")
    assert a.pagination == {"ListThings": {"style": "page", "param": "page"}, "ListOther": False}
    assert (b.label, b.line_length, b.envelope) == ("b", 120, {"unwrap": False})
    assert b.spec == tmp_path / "b.yaml"


@pytest.mark.parametrize(
    "body, message",
    [
        ('spec = "a"\noutput = "o"\npackage = "p"\nspecs = "x"', "unknown key specs"),
        ('spec = "a"\noutput = "o"', "needs package"),
        ('spec = "a"\noutput = "o"\npackage = "p"\nline_length = 5', "line_length"),
        ('spec = "a"\noutput = "o"\npackage = "p"\npagination = "x"', "pagination must be a table"),
        ('spec = "a"\noutput = "o"\npackage = "p"\nenvelope = { when = 1979-05-27 }', "not supported"),
    ],
)
def test_bad_config_is_an_error(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.oagen]\n" + body + "\n")
    with pytest.raises(ConfigError, match=message):
        load_targets(tmp_path / "pyproject.toml")


def test_bad_config_exits_2_without_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.oagen]\nspec = "api.json"\n')
    status, _, err = oagen(capsys, "generate")
    assert status == 2 and "needs output, package" in err


def test_flags_override_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oagen(capsys, "generate", "--package", "other_client", "--line-length", "88")[0] == 0
    assert (project / "out" / "other_client" / "_client.py").is_file()
    recorded = manifest.read(project / "out")["settings"]
    assert (recorded["package"], recorded["line_length"]) == ("other_client", 88)


def test_target_flag_picks_one_of_several(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "api.json"\n'
        '[[tool.oagen.targets]]\noutput = "a"\npackage = "a_client"\n'
        '[[tool.oagen.targets]]\nname = "bee"\noutput = "b"\npackage = "b_client"\n'
    )
    assert oagen(capsys, "generate", "--target", "bee")[0] == 0
    assert (project / "b" / "b_client").is_dir() and not (project / "a").exists()
    status, _, err = oagen(capsys, "generate", "--package", "c_client")
    assert status == 2 and "choose one with --target" in err
    status, _, err = oagen(capsys, "check", "--target", "nope")
    assert status == 2 and "no target 'nope'" in err and "a_client, bee" in err
    status, _, err = oagen(capsys, "check")
    assert status == 1 and "a: stale" in err and "b: up to date" in err


def test_a_failing_target_does_not_stop_the_others(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[[tool.oagen.targets]]\nspec = "missing.json"\noutput = "a"\npackage = "a_client"\n'
        '[[tool.oagen.targets]]\nspec = "api.json"\noutput = "b"\npackage = "b_client"\n'
    )
    status, _, err = oagen(capsys, "generate")
    assert status == 2 and "missing.json" in err and "Traceback" not in err
    assert (project / "b" / "b_client" / "_client.py").is_file() and not (project / "a").exists()
    status, _, err = oagen(capsys, "check")
    assert status == 2 and "missing.json" in err and "b: up to date" in err


# -- check ------------------------------------------------------------------------------


def test_check_is_current_after_generate_and_answers_from_the_manifest(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert oagen(capsys, "generate")[0] == 0

    def no_pipeline(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fast path must not load or render")

    monkeypatch.setattr(pipeline, "generate", no_pipeline)
    status, _, err = oagen(capsys, "check")
    assert status == 0 and "up to date" in err


def test_fast_check_loads_neither_jinja_nor_black(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oagen(capsys, "generate")[0] == 0
    probe = (
        "import sys\nfrom generator import cli\nstatus = cli.main(['check'])\n"
        "print(status, sorted(m for m in ('black', 'jinja2', 'yaml') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "0 []", done.stderr


def test_check_names_a_changed_spec_and_shows_a_diff(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert oagen(capsys, "generate")[0] == 0
    (project / "api.json").write_text(json.dumps(spec(title="Animals")))
    status, out, err = oagen(capsys, "check", "--diff")
    assert status == 1
    assert "spec changed: spec api.json" in err
    assert "stale: out/pets_client/_client.py (out of date)" in err
    assert "+++ b/pets_client/__init__.py" in out and '+"""Python client for the Animals API.' in out


def test_check_names_a_changed_referenced_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = spec()
    doc["components"]["schemas"]["Thing"] = {"$ref": "thing.json"}
    thing = {"type": "object", "properties": {"id": {"type": "string"}}}
    (project / "api.json").write_text(json.dumps(doc))
    (project / "thing.json").write_text(json.dumps(thing))
    assert oagen(capsys, "generate")[0] == 0
    assert "../thing.json" in manifest.read(project / "out")["spec"]["files"]
    thing["properties"]["size"] = {"type": "integer"}
    (project / "thing.json").write_text(json.dumps(thing))
    status, _, err = oagen(capsys, "check")
    assert status == 1 and "spec changed: file referenced by the spec thing.json" in err


def test_check_names_a_file_edited_by_hand(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oagen(capsys, "generate")[0] == 0
    edited = project / "out" / "pets_client" / "models.py"
    edited.write_text(edited.read_text() + "# local fix\n")
    status, _, err = oagen(capsys, "check")
    assert status == 1 and "file out/pets_client/models.py was edited by hand" in err
    (project / "out" / "README.md").unlink()
    assert "stale: out/README.md (missing)" in oagen(capsys, "check")[2]


def test_the_command_skips_teardown_but_keeps_its_exit_status_and_output(project: Path) -> None:
    """`python -m generator` runs entry.run, which leaves by os._exit: what it wrote into a pipe
    must still arrive (stdout there is block-buffered), with the exit status."""
    command = [sys.executable, "-m", "generator"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(ROOT)
    (project / "new.json").write_text(json.dumps(spec(tags=("pets",))))  # the owners resource goes
    done = subprocess.run(
        [*command, "diff", "--format", "json", "api.json", "new.json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # a breaking change
    assert json.loads(done.stdout)["breaking"]


def test_check_names_config_and_generator_changes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = load_targets(project / "pyproject.toml")[0]
    assert cli.main(["generate", "-q"]) == 0
    assert verdict(target).current
    wider = Target(target.spec, target.output, target.package, line_length=120)
    assert verdict(wider).reasons == ["config changed: line_length was 100, now 120"]
    monkeypatch.setattr(fingerprint, "__version__", "9.0.0")
    assert verdict(target).reasons == ["generator upgraded (0.1.0 -> 9.0.0)"]
    monkeypatch.undo()
    monkeypatch.chdir(project)
    real = manifest.tool_version
    monkeypatch.setattr(manifest, "tool_version", lambda name: "99.0" if name == "black" else real(name))
    assert verdict(target).reasons == [f"black upgraded ({real('black')} -> 99.0)"]


def test_check_names_a_changed_template(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay = project / "overlay"
    overlay.mkdir()
    (overlay / "README.md.j2").write_text("# {{ api.title }}\n")
    assert oagen(capsys, "generate", "--templates", "overlay")[0] == 0
    assert (project / "out" / "README.md").read_text() == "# Pets\n"
    used = manifest.read(project / "out")["templates"]["used"]
    assert used["README.md.j2"]["source"] == "overlay"
    assert used["package/models.py.j2"]["source"] == "built-in"
    (overlay / "README.md.j2").write_text("# The {{ api.title }} client\n")
    status, _, err = oagen(capsys, "check", "--templates", "overlay")
    assert status == 1 and "template README.md.j2 changed (overlay)" in err
    status, _, err = oagen(capsys, "check")  # without the overlay: the built-in is back
    assert status == 1 and "template README.md.j2 removed from the overlay" in err


def test_check_without_manifest_regenerates_and_compares(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert oagen(capsys, "generate")[0] == 0
    (project / "out" / manifest.MANIFEST).unlink()
    status, _, err = oagen(capsys, "check", "--verbose")
    assert status == 0 and "no manifest" in err


# -- writing ----------------------------------------------------------------------------


def test_generate_removes_what_it_no_longer_makes_and_keeps_other_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert oagen(capsys, "generate")[0] == 0
    out = project / "out"
    mine = out / "pets_client" / "resources" / "notes.txt"
    mine.write_text("kept")
    (project / "api.json").write_text(json.dumps(spec(tags=("pets",))))
    status, _, err = oagen(capsys, "generate")
    assert status == 0 and "1 removed" in err
    assert not (out / "pets_client" / "resources" / "owners.py").exists()
    assert (out / "pets_client" / "resources" / "pets.py").is_file()
    assert mine.read_text() == "kept"
    assert not list(out.glob(".oagen-staging-*"))
    assert oagen(capsys, "check")[0] == 0


def test_failed_run_leaves_the_output_untouched(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oagen(capsys, "generate")[0] == 0
    before = snapshot(project / "out")
    (project / "api.json").write_text('{"openapi": "3.0.3", "paths": {"/x": {"get": {"responses": ')
    status, _, err = oagen(capsys, "generate")
    assert status == 2 and "invalid JSON" in err and "Traceback" not in err
    doc = spec()
    doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Missing"
    }
    (project / "api.json").write_text(json.dumps(doc))
    status, _, err = oagen(capsys, "generate")
    assert status == 2 and "points at nothing" in err
    assert snapshot(project / "out") == before


def test_generate_never_overwrites_a_file_it_did_not_make(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "out"
    out.mkdir()
    (out / "README.md").write_text("my own readme\n")
    status, _, err = oagen(capsys, "generate")
    assert status == 2 and "would overwrite README.md, which oagen did not write" in err
    assert snapshot(out) == {"README.md": b"my own readme\n"}
    assert oagen(capsys, "generate", "--force")[0] == 0
    assert (out / "README.md").read_text() != "my own readme\n"


def test_unchanged_files_are_not_rewritten(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oagen(capsys, "generate")[0] == 0
    status, _, err = oagen(capsys, "generate")
    assert status == 0 and ", 0 changed" in err


def test_manifest_ignores_paths_outside_the_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert oagen(capsys, "generate")[0] == 0
    path = project / "out" / manifest.MANIFEST
    data = json.loads(path.read_text())
    data["files"]["../api.json"] = "0" * 64
    path.write_text(json.dumps(data))
    assert oagen(capsys, "generate")[0] == 0
    assert (project / "api.json").is_file()


# -- output for people --------------------------------------------------------------------


def test_quiet_and_verbose(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = oagen(capsys, "generate", "--quiet")
    assert status == 0 and out == "" and err == ""
    status, _, err = oagen(capsys, "generate", "--verbose", "--force")
    assert status == 0 and "up to date" not in err
    assert oagen(capsys, "check", "-q")[2] == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _output(monkeypatch: pytest.MonkeyPatch, *, quiet: bool = False, ci: bool = False) -> cli.Output:
    if ci:
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    args = cli._parser().parse_args(["generate", *(["-q"] if quiet else [])])
    return cli.Output(args, _Terminal())


def test_progress_line_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _output(monkeypatch)
    out._started -= 5  # as if the run had started five seconds ago
    out.progress("rendering templates")
    assert "oagen: rendering templates (5s)" in out.stream.getvalue()  # type: ignore[attr-defined]
    out.info("done")
    assert out.stream.getvalue().endswith("\r\033[Kdone\n")  # type: ignore[attr-defined]
    for quiet, ci in ((True, False), (False, True)):
        silent = _output(monkeypatch, quiet=quiet, ci=ci)
        silent._started -= 5
        silent.progress("rendering templates")
        assert silent.stream.getvalue() == ""  # type: ignore[attr-defined]


def verdict(target: Target) -> manifest.Verdict:
    """What `check` says of target's output, with its templates as they are now."""
    return manifest.verdict(target, overlay.Templates(target.templates))
