"""Very large specs: cold generation time and peak memory at 1k, 5k and 20k operations.

    python bench/large.py                    # 1000 5000 20000 operations
    python bench/large.py --ops 1000 --ops 5000 --formatter ruff

Each spec is synthetic and made here: resources of 20 operations (list, get, create, update,
delete of four collections) with their own models (an object of 8 fields, an enum, a nested
object and a page wrapper per collection), so models grow with operations as in real APIs.
Each run is a fresh process with an empty cache, oagen installed as bench/run.py installs it (a
regular install in bench/.venv-oagen). Peak memory is the summed PSS of the whole process tree
(black's workers and the forked validation, warm-up and compile children included), sampled as
bench/run.py samples it, next to the largest single process's resident set.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from run import OAGEN, ensure_oagen, measure, tool_env

ROOT = Path(__file__).resolve().parent.parent


def collection(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Paths and schemas of one collection: five operations, four schemas."""
    ref = {"$ref": f"#/components/schemas/{name}"}
    page = {"$ref": f"#/components/schemas/{name}Page"}
    ok = {"description": "ok", "content": {"application/json": {"schema": ref}}}
    body = {"required": True, "content": {"application/json": {"schema": ref}}}
    item = f"/{name.lower()}s/{{id}}"
    paths = {
        f"/{name.lower()}s": {
            "get": {
                "operationId": f"list{name}s",
                "tags": [name[:-1]],
                "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
                "responses": {
                    "200": {"description": "a page", "content": {"application/json": {"schema": page}}}
                },
            },
            "post": {
                "operationId": f"create{name}",
                "tags": [name[:-1]],
                "requestBody": body,
                "responses": {"201": ok},
            },
        },
        item: {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"operationId": f"get{name}", "tags": [name[:-1]], "responses": {"200": ok}},
            "put": {
                "operationId": f"update{name}",
                "tags": [name[:-1]],
                "requestBody": body,
                "responses": {"200": ok},
            },
            "delete": {
                "operationId": f"delete{name}",
                "tags": [name[:-1]],
                "responses": {"204": {"description": "gone"}},
            },
        },
    }
    schemas = {
        name: {
            "type": "object",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string", "description": f"The {name}'s name."},
                "createdAt": {"type": "string", "format": "date-time"},
                "count": {"type": "integer"},
                "ratio": {"type": "number", "nullable": True},
                "active": {"type": "boolean"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "status": {"$ref": f"#/components/schemas/{name}Status"},
                "owner": {"$ref": f"#/components/schemas/{name}Owner"},
            },
        },
        f"{name}Status": {"type": "string", "enum": ["pending", "active", "archived"]},
        f"{name}Owner": {
            "type": "object",
            "properties": {"id": {"type": "string"}, "email": {"type": "string"}},
        },
        f"{name}Page": {
            "type": "object",
            "properties": {"data": {"type": "array", "items": ref}, "total": {"type": "integer"}},
        },
    }
    return paths, schemas


def spec(operations: int) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for index in range(operations // 5):
        more_paths, more_schemas = collection(f"R{index // 4}x{index % 4}Thing")
        paths.update(more_paths)
        schemas.update(more_schemas)
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Large {operations}", "version": "1.0.0"},
        "servers": [{"url": "https://large.test"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def run(operations: int, formatter: str, work: Path) -> tuple[float, float, float]:
    """Seconds, peak summed PSS (MB) of the process tree and the largest process's MB."""
    path = work / f"large{operations}.json"
    path.write_text(json.dumps(spec(operations)))
    config = work / "empty.toml"
    config.write_text("")
    env = {**tool_env(), "OAGEN_CACHE_DIR": tempfile.mkdtemp(prefix="oagen-cache-")}
    command = [str(OAGEN), "generate", "-q", "--config", str(config), "--spec", str(path)]
    command += ["--output", str(work / f"out{operations}"), "--package", "large_client"]
    command += ["--formatter", formatter]
    result = measure(command, work, env)
    if result.rc != 0:
        raise SystemExit(f"oagen failed on {operations} operations (exit {result.rc}): {result.error}")
    return result.wall, result.peak_mb, result.maxrss_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, action="append", help="operations (repeatable)")
    parser.add_argument("--formatter", choices=("black", "ruff"), default="black")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="oagen-large-"))
    ensure_oagen()
    print("| operations | seconds | ms/op | peak MB, process tree (PSS) | largest process MB |")
    print("|---|---|---|---|---|")
    for operations in sorted(args.ops or [1000, 5000, 20000]):
        seconds, tree, largest = run(operations, args.formatter, work)
        per_op = seconds * 1000 / operations
        print(f"| {operations:,} | {seconds:.1f} | {per_op:.1f} | {tree:.0f} | {largest:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
