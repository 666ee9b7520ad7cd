"""The tests' one spec builder: a minimal OpenAPI document built fluently, run through the model
stage to an `ir.Api` (`model`), or generated into a client package (`generate`, `generated_client`).

    spec = Spec().schema("Pet", obj(name=STR)).get("/pets", "ListPets", ok(ref("Pet")))
    api = model(spec)
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from generator import pipeline
from generator.config import Target
from generator.diagnostics import Diagnostics
from generator.load import skeleton
from generator.model import build, ir, passes

JSON = "application/json"
STR: dict[str, Any] = {"type": "string"}
INT: dict[str, Any] = {"type": "integer"}
BOOL: dict[str, Any] = {"type": "boolean"}


def ref(name: str, kind: str = "schemas") -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def obj(required: tuple[str, ...] = (), **properties: Any) -> dict[str, Any]:
    """An object schema; `required` names the required properties."""
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def content(schema: Any, media: str = JSON) -> dict[str, Any]:
    return {"content": {media: {"schema": schema}}}


def ok(schema: Any = None, media: str = JSON, description: str = "OK") -> dict[str, Any]:
    """A response: with a body of `schema` (as `media`), or empty when `schema` is None."""
    return {"description": description, **(content(schema, media) if schema is not None else {})}


def param(name: str, where: str = "query", schema: Any = None, **fields: Any) -> dict[str, Any]:
    return {"name": name, "in": where, "schema": schema or STR, **fields}


class Spec:
    """An OpenAPI document under construction; each method adds to it and returns the builder."""

    def __init__(self, openapi: str = "3.1.0", title: str = "T", **top: Any) -> None:
        self.doc: dict[str, Any] = {"openapi": openapi, "info": {"title": title, "version": "1"}, "paths": {}}
        self.doc.update(top)

    def schema(self, name: str, schema: Any) -> Spec:
        return self.component("schemas", name, schema)

    def component(self, kind: str, name: str, value: Any) -> Spec:
        self.doc.setdefault("components", {}).setdefault(kind, {})[name] = value
        return self

    def operation(
        self,
        method: str,
        path: str,
        operation_id: str | None = None,
        responses: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Spec:
        """`responses` maps a status to a response (default: an empty 200); `fields` are the
        operation's others (`parameters`, `requestBody`, `tags`, ...)."""
        op: dict[str, Any] = {**({"operationId": operation_id} if operation_id else {}), **fields}
        op["responses"] = responses if responses is not None else {"200": ok()}
        self.doc["paths"].setdefault(path, {})[method] = op
        return self

    def get(self, path: str, operation_id: str | None = None, response: Any = None, **fields: Any) -> Spec:
        """A GET whose 200 is `response` (a response object; default empty)."""
        return self.operation("get", path, operation_id, {"200": response or ok()}, **fields)

    def post(self, path: str, operation_id: str | None = None, body: Any = None, **fields: Any) -> Spec:
        """A POST taking a JSON body of schema `body` (if given); an empty 200 unless `responses`."""
        if body is not None:
            fields["requestBody"] = {"required": True, **content(body)}
        return self.operation("post", path, operation_id, fields.pop("responses", None), **fields)

    def document(self) -> dict[str, Any]:
        return copy.deepcopy(self.doc)


def _document(spec: Spec | dict[str, Any]) -> dict[str, Any]:
    return spec.document() if isinstance(spec, Spec) else copy.deepcopy(spec)


def modelled(
    spec: Spec | dict[str, Any], package: str = "t_client", **target: Any
) -> tuple[ir.Api, Diagnostics]:
    """The model stage with every pass, as the pipeline runs it (no validator), and its findings;
    `target` sets Target fields (`envelope`, `pagination`, `jobs`)."""
    diags = Diagnostics("spec.json")
    view = skeleton.read(_document(spec), diags.file)
    settings = Target(Path("spec.json"), Path("out"), package, **target)
    return passes.run(view, diags, settings), diags


def model(spec: Spec | dict[str, Any], package: str = "t_client", **target: Any) -> ir.Api:
    return modelled(spec, package, **target)[0]


def built(spec: Spec | dict[str, Any], package: str = "t_client", unwrap: bool = True) -> ir.Api:
    """Only `build.build`, without the passes (pagination, jobs, the name check)."""
    diags = Diagnostics("spec.json")
    return build.build(skeleton.read(_document(spec), diags.file), diags, package, unwrap)


def write_spec(spec: Spec | dict[str, Any], root: Path, name: str = "spec.json") -> Path:
    path = root / name
    path.write_text(json.dumps(_document(spec)), encoding="utf-8")
    return path


def generate(
    spec: Spec | dict[str, Any], root: Path, package: str = "t_client", **target: Any
) -> pipeline.Result:
    """Generate a client from `spec` into `root/out` (written there too)."""
    result = pipeline.generate(Target(write_spec(spec, root), root / "out", package, **target))
    for f in result.files:
        out = root / "out" / f.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f.content, encoding="utf-8")
    return result


@contextlib.contextmanager
def importable(folder: Path, package: str) -> Iterator[ModuleType]:
    """Import `package` from `folder`, then forget it again (path entry and modules)."""
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[name]


@contextlib.contextmanager
def generated_client(
    spec: Spec | dict[str, Any], root: Path, package: str, **target: Any
) -> Iterator[tuple[ModuleType, pipeline.Result]]:
    """Generate a client from `spec` into `root/out` and import it for the duration."""
    result = generate(spec, root, package, **target)
    with importable(root / "out", package) as module:
        yield module, result
