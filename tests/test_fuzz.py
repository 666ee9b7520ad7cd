"""Fuzz tier: random type mutations of a small valid spec (tests/mutation.py) and random hostile
names for every kind of name (a sample type-checked with mypy --strict), through the
real CLI in-process. Each run ends in exit 0 with a client that compiles and imports, or
exit 2 with only `error:` lines; never a traceback, and nothing outside the output changes.

Seeded and bounded (OAGEN_FUZZ_SEED / OAGEN_FUZZ_COUNT override), so a failure reproduces.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests import mutation
from tests.conftest import mypy_strict
from tests.specbuilder import importable

SEED = int(os.environ.get("OAGEN_FUZZ_SEED", "12"))
COUNT = int(os.environ.get("OAGEN_FUZZ_COUNT", "150"))
CASES = mutation.sample(COUNT, SEED)

pytestmark = pytest.mark.slow


def snapshot(folder: Path, skip: Path) -> dict[str, bytes | str]:
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        rel = path.relative_to(folder).as_posix()
        found[rel] = path.read_bytes() if path.is_file() and not path.is_symlink() else "other"
    return found


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder around every run: a bystander file, a config, and specs written per case."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "bystander.txt").write_text("untouched")
    (root / "empty.toml").write_text("")
    return root


@pytest.mark.parametrize(("where", "value"), CASES, ids=[mutation.label(w, v)[:80] for w, v in CASES])
def test_a_random_type_mutation(
    sandbox: Path, capsys: pytest.CaptureFixture[str], where: tuple[str | int, ...], value: Any
) -> None:
    index = CASES.index((where, value))
    spec = sandbox / f"spec{index}.json"
    spec.write_text(json.dumps(mutation.mutate(mutation.SEED, where, value)))
    out = sandbox / f"out{index}"
    package = f"fuzz{index}_client"
    before = snapshot(sandbox, out)
    argv = ["generate", "--spec", str(spec), "--output", str(out), "--package", package, "-q"]
    code = main([*argv, "--config", str(sandbox / "empty.toml")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code in (0, 2), err
    if code == 0:
        modules = sorted((out / package).rglob("*.py"))
        assert modules, "exit 0 without a package"
        for path in modules:
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
        with importable(out, package) as client:
            assert hasattr(client, "__version__") or client.__name__ == package
        if index % 30 == 0:  # a sample: mypy takes seconds per client
            mypy_strict(out, package)
    else:
        lines = err.strip().splitlines()
        assert lines and all(line.startswith(f"error: {spec}#") for line in lines), err
        assert not out.exists()
    assert snapshot(sandbox, out) == before


# -- random hostile names for every kind of name ------------------------------------------------

# Pieces real specs and attackers use: keywords, builtins, runtime and module names, dunders,
# separators, digits first, non-ASCII, empty, and long.
_PIECES = [
    "class", "def", "None", "True", "self", "cls", "float", "str", "list", "type", "id", "json", "os",
    "typing",
    "httpx", "enum", "field", "datetime", "uuid", "body", "query", "request", "request_options", "Model",
    "ApiModel", "Wire", "UNSET", "Decode", "from_dict", "to_dict", "to_json", "additional_properties",
    "cached_property", "client", "_client", "Client", "close", "stream", "download", "__init__", "1st", "a-b",
    "x.y", "a b", "données", "Ω", "宠物", "", "-", "_", "inf", "nan", "classmethod", "parse_datetime",
]  # fmt: skip
NAME_CASES = 12


def hostile_spec(rng: Any) -> dict[str, Any]:
    def name() -> str:
        return "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 2)))

    props = {name() or "p": {"type": rng.choice(["string", "integer", "boolean"])} for _ in range(4)}
    enum = list(dict.fromkeys(name() or "v" for _ in range(3)))
    props[name() or "e"] = {"type": "string", "enum": enum}
    paths: dict[str, Any] = {}
    for index in range(4):
        params = [
            {
                "name": name() or "q",
                "in": rng.choice(["query", "header", "path"]),
                "schema": {"type": "string"},
            }
            for _ in range(2)
        ]
        for p in params:
            if p["in"] == "path":
                p["required"] = True
        route = f"/r{index}" + "".join(f"/{{{p['name']}}}" for p in params if p["in"] == "path")
        paths[route] = {
            "post": {
                "operationId": name() or f"op{index}",
                "tags": [name() or "t"],
                "parameters": params,
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}
                },
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
        "info": {"title": name() or "T", "version": "1"},
        "servers": [{"url": "https://h.test"}],
        "paths": paths,
        "components": {"schemas": {"Thing": {"type": "object", "properties": props}}},
    }


@pytest.mark.parametrize("case", range(NAME_CASES))
def test_random_hostile_names(sandbox: Path, capsys: pytest.CaptureFixture[str], case: int) -> None:
    rng = random.Random(SEED * 1000 + case)
    spec = sandbox / f"names{case}.json"
    spec.write_text(json.dumps(hostile_spec(rng)))
    out = sandbox / f"names_out{case}"
    package = rng.choice(["names_client", "x", "client_2", "données_client"])
    before = snapshot(sandbox, out)
    argv = ["generate", "--spec", str(spec), "--output", str(out), "--package", package, "-q"]
    code = main([*argv, "--config", str(sandbox / "empty.toml")])
    err = capsys.readouterr().err
    assert "Traceback" not in err and code in (0, 2), err
    if code == 2:
        assert all(line.startswith("error: ") for line in err.strip().splitlines()), err
        assert not out.exists()
    else:
        with importable(out, package):
            pass
        if case % 4 == 0:  # a sample: mypy takes seconds per client
            mypy_strict(out, package)
    assert snapshot(sandbox, out) == before
