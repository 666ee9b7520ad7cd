"""What a spec may make oagen read: files in its own folder (or allowed ones), regular and
bounded; hostile external files (alias loops and bombs, self-inlining) and hostile values
(huge integers, lone surrogates) end in one clean error or a working client."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

BASE = """\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'REF'}
"""
POINTER = "#/paths/~1a/get/responses/200/content/application~1json/schema"
SECRET = "TOP-SECRET-CONTENT"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/spec/ holds the spec; tmp/out/ holds one file of the user's; tmp/other/ is outside."""
    (tmp_path / "spec" / "sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.yaml").write_text(f"A: {{type: object, description: {SECRET}}}\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep me")
    (tmp_path / "empty.toml").write_text("")
    return tmp_path


def spec_with(project: Path, ref: str) -> Path:
    spec = project / "spec" / "api.yaml"
    spec.write_text(BASE.replace("REF", ref))
    return spec


def generate(project: Path, spec: Path, *extra: str) -> int:
    argv = ["generate", "--spec", str(spec), "--output", str(project / "out"), "--package", "t_client"]
    return main([*argv, "--config", str(project / "empty.toml"), *extra])


def assert_one_error(project: Path, code: int, err: str, *expected: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and SECRET not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for text in expected:
        assert text in err, err
    assert sorted(p.name for p in (project / "out").iterdir()) == ["mine.txt"]


@pytest.mark.parametrize(
    "ref",
    ["../other/x.yaml#/A", "../../other/x.yaml#/A", "ABSOLUTE", "link/x.yaml#/A"],
    ids=["parent", "far-parent", "absolute", "symlink-out"],
)
def test_a_ref_outside_the_spec_folder_is_refused_unread(
    project: Path, capsys: pytest.CaptureFixture[str], ref: str
) -> None:
    (project / "spec" / "link").symlink_to(project / "other", target_is_directory=True)
    ref = ref.replace("ABSOLUTE", str(project / "other" / "x.yaml") + "#/A")
    spec = spec_with(project, ref)
    code = generate(project, spec)
    assert_one_error(
        project, code, capsys.readouterr().err, POINTER, "leaves the spec's folder", "--allow-ref-dir"
    )


def test_etc_passwd_is_refused_without_echoing_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = spec_with(project, "../../../../../../../../../etc/passwd")
    code = generate(project, spec)
    err = capsys.readouterr().err
    assert_one_error(project, code, err, "leaves the spec's folder")
    assert "root:" not in err


def test_allow_ref_dir_lets_a_folder_in(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = spec_with(project, "../other/x.yaml#/A")
    assert generate(project, spec, "--allow-ref-dir", str(project / "other"), "-q") == 0
    assert (project / "out" / "t_client" / "models.py").is_file()


def test_allow_ref_dirs_from_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec_with(project, "../other/x.yaml#/A")
    config = project / "pyproject.toml"
    config.write_text(
        '[tool.oagen]\nspec = "spec/api.yaml"\noutput = "out"\npackage = "t_client"\n'
        'allow_ref_dirs = ["other"]\n'
    )
    assert main(["generate", "--config", str(config), "-q"]) == 0, capsys.readouterr().err
    config.write_text(config.read_text().replace('["other"]', '"other"'))
    assert main(["generate", "--config", str(config)]) == 2
    assert "allow_ref_dirs must be an array" in capsys.readouterr().err


def test_a_device_is_refused_even_in_an_allowed_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = spec_with(project, "/dev/zero")
    started = time.monotonic()
    code = generate(project, spec, "--allow-ref-dir", "/dev")
    assert_one_error(project, code, capsys.readouterr().err, "not a regular file")
    assert time.monotonic() - started < 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_hanging(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(project / "spec" / "pipe.yaml")
    spec = spec_with(project, "pipe.yaml#/A")
    code = generate(project, spec)  # would block forever in open() or read()
    assert_one_error(project, code, capsys.readouterr().err, "not a regular file")


def test_the_spec_itself_must_be_a_regular_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = generate(project, Path("/dev/zero"))
    assert_one_error(project, code, capsys.readouterr().err, "/dev/zero#", "not a regular file")


def test_an_oversized_file_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import safeio

    monkeypatch.setattr(safeio, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(safeio.read_bytes, "__defaults__", (1000,))
    (project / "spec" / "sub" / "big.yaml").write_text("A: {type: string}\n" + "# pad\n" * 500)
    code = generate(project, spec_with(project, "sub/big.yaml#/A"))
    assert_one_error(project, code, capsys.readouterr().err, "larger than")


def test_an_alias_loop_in_an_external_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "spec" / "sub" / "loop.yaml").write_text("A: &a\n  type: object\n  properties:\n    x: *a\n")
    code = generate(project, spec_with(project, "sub/loop.yaml#/A"))
    assert_one_error(project, code, capsys.readouterr().err, "loop.yaml", "YAML alias loop")


def test_an_alias_bomb_in_an_external_file_is_refused_fast(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["A: {type: string}", "x0: &x0 [a, a, a, a, a, a, a, a, a, a]"]
    lines += [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 10)}]" for i in range(1, 9)]
    (project / "spec" / "sub" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    code = generate(project, spec_with(project, "sub/bomb.yaml#/A"))
    assert_one_error(project, code, capsys.readouterr().err, "expands to over")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("kind", ["response", "parameter"])
def test_an_external_object_whose_examples_point_back_at_it(
    project: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    example = "      examples:\n        a: {$ref: '#/X'}\n"
    if kind == "response":
        body = "X:\n  description: d\n  content:\n    application/json:\n      schema: {type: string}\n"
        (project / "spec" / "sub" / "x.yaml").write_text(body + example)
        site = "'200': {$ref: 'sub/x.yaml#/X'}"
    else:
        body = "X:\n  name: q\n  in: query\n  schema: {type: string}\n"
        (project / "spec" / "sub" / "x.yaml").write_text(body + example.replace("      ", "  ", 1))
        site = "'200': {description: ok}\n      parameters: [{$ref: 'sub/x.yaml#/X'}]"
    spec = project / "spec" / "api.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n"
        f"      operationId: getA\n      responses:\n        {site}\n"
    )
    code = generate(project, spec)
    assert_one_error(project, code, capsys.readouterr().err, "leads back to itself")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_an_integer_of_5000_digits(project: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    spec = project / "spec" / f"big{suffix}"
    number = "7" * 5000
    if suffix == ".json":
        spec.write_text(
            '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},\n"paths": {}, "x": ' + number + "}"
        )
    else:
        spec.write_text(f"openapi: 3.0.3\nx: {number}\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n")
    code = generate(project, spec)
    assert_one_error(project, code, capsys.readouterr().err, "line 2", "more than 4,300 digits")


def test_an_integer_of_5000_digits_in_diff(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / "spec" / "big.json"
    spec.write_text('{"openapi": "3.0.3", "paths": {}, "x": ' + "1" * 5000 + "}")
    code = main(["diff", str(spec), str(spec)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines() == [
        f"error: {spec}#: the number at line 1 has more than 4,300 digits "
        "(Python's limit for integers); refused"
    ]


def test_a_lone_surrogate_is_replaced_with_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "T\ud800", "version": "1", "description": "bad \udfff text"},
        "paths": {
            "/a": {
                "get": {
                    "operationId": "getA",
                    "description": "x\ud800",
                    "responses": {"200": {"description": "ok\ud800"}},
                }
            }
        },
    }
    spec = project / "spec" / "s.json"
    spec.write_text(json.dumps(doc))  # ensure_ascii: the surrogates are \ud800 escapes
    assert generate(project, spec) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"warning: {spec}#/info/title: text holds a lone UTF-16 surrogate" in err
    assert "#/paths/~1a/get/description" in err
    readme = (project / "out" / "README.md").read_text(encoding="utf-8")
    assert "T\ufffd" in readme
    sys.path.insert(0, str(project / "out"))
    try:
        for path in (project / "out" / "t_client").rglob("*.py"):
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
    finally:
        sys.path.remove(str(project / "out"))
