"""Every operation of the Migma spec, called through the generated clients against Prism.

Prism (`node_modules/.bin/prism mock`, pinned in package.json) validates each request against
specs/openapi.json: an invalid request comes back as 422 and fails the test. Its responses are
generated from the spec, so they must decode into the typed models. Argument values are built
from the spec's schemas (formats, patterns, enums, bounds) and turned into the Python types the
generated methods take with the IR.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import ROOT, SPEC
from migma_client import (
    AsyncMigmaClient,
    AuthenticationError,
    MigmaClient,
    NotFoundError,
    UnprocessableEntityError,
    models,
)
from migma_client._runtime import codec

from generator.diagnostics import Diagnostics
from generator.load import document as load
from generator.load import skeleton
from generator.model import build as model
from generator.model import ir, pagination
from generator.render import package as render

PRISM = ROOT / "node_modules" / ".bin" / "prism"
OPERATION_COUNT = 36
CSV = b"Email,First Name\nada@example.com,Ada\n"

pytestmark = pytest.mark.slow  # starts Prism


# -- the server ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    if not PRISM.exists():
        pytest.skip("node_modules/.bin/prism is missing: run scripts/bootstrap.sh (npm ci)")
    port = _free_port()
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"prism-{port}.log", "w+b")  # noqa: SIM115
    # Run the binary itself (not through npx or a shell) so this PID is the server's.
    proc = subprocess.Popen(
        [str(PRISM), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"prism exited with {proc.returncode}: {log.read().decode(errors='replace')}")
            try:
                httpx.get(url + "/", timeout=1)
                break  # any answer (404 included) means it is listening
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("prism did not answer within 60 s")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        _TMP_CSV.unlink(missing_ok=True)


# -- arguments from the spec ---------------------------------------------------------------


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return dict(json.loads(SPEC.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def api() -> ir.Api:
    loaded = load.load(SPEC)
    built = model.build(loaded.skeleton, loaded.diagnostics, "migma_client")
    pagination.annotate(built, Diagnostics(str(SPEC)))
    return built


def _deref(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node_path(node["$ref"]):
            target = target[part]
        node = target
    return node


def node_path(ref: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in ref.lstrip("#/").split("/")]


def sample(spec: dict[str, Any], schema: Any) -> Any:
    """A JSON value valid against `schema` (for the constructs this spec uses)."""
    schema = _deref(spec, schema)
    if not isinstance(schema, dict):
        return "sample"
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = sample(spec, part)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return sample(spec, schema[key][0])
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties") or {}
        return {name: sample(spec, sub) for name, sub in props.items() if not sub.get("readOnly")}
    if kind == "array":
        return [sample(spec, schema.get("items", {}))] * max(1, schema.get("minItems", 1))
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    fmt = schema.get("format")
    if schema.get("pattern") == "^[0-9a-fA-F]{24}$":
        return "0123456789abcdef01234567"
    if fmt == "email":
        return "ada@example.com"
    if fmt == "uri":
        return "https://example.com/hook"
    if fmt == "date-time":
        return "2026-01-02T03:04:05Z"
    if fmt == "binary":
        return CSV
    return "s" * max(6, schema.get("minLength", 0))


def to_python(t: ir.TypeExpr, value: Any) -> Any:
    """The Python value a generated method takes for the JSON `value` of type `t`."""
    if isinstance(t, ir.Nullable):
        return to_python(t.inner, value)
    if isinstance(t, ir.ModelRef):
        return getattr(models, t.name).from_dict(value)
    if isinstance(t, ir.UnionRef):
        return codec.decode(getattr(models, t.name), value)
    if isinstance(t, ir.ListOf):
        return [to_python(t.item, v) for v in value]
    if isinstance(t, ir.MapOf):
        return {k: to_python(t.value, v) for k, v in value.items()}
    if isinstance(t, ir.Primitive):
        if t.kind == "datetime":
            return datetime.datetime.fromisoformat(value)
        if t.kind == "date":
            return datetime.date.fromisoformat(value)
        if t.kind == "uuid":
            return uuid.UUID(value)
    return value


def _raw_operation(spec: dict[str, Any], op: ir.Operation) -> dict[str, Any]:
    return dict(spec["paths"][op.path][op.method.lower()])


def arguments(spec: dict[str, Any], op: ir.Operation, file_as: str = "bytes") -> dict[str, Any]:
    """Keyword arguments for every parameter and body field of `op`, valid for the spec."""
    raw = _raw_operation(spec, op)
    raw_params = {}
    for param in raw.get("parameters", []):
        param = _deref(spec, param)
        raw_params[(param["name"], param["in"])] = param
    kwargs: dict[str, Any] = {}
    for p in op.parameters:
        schema = raw_params[(p.wire_name, p.location)].get("schema", {})
        kwargs[p.name] = to_python(p.type, sample(spec, schema))
    body = op.body
    if body is None:
        return kwargs
    content = _deref(spec, raw["requestBody"])["content"][body.media_type]
    value = sample(spec, content.get("schema", {}))
    if body.args:
        for name, f in body.args:
            if f.type == ir.Primitive("file"):
                kwargs[name] = _file(value[f.wire_name], file_as)
            else:
                kwargs[name] = to_python(f.type, value[f.wire_name])
    else:
        kwargs["body"] = to_python(body.type, value)
    return kwargs


_TMP_CSV = Path(os.environ.get("TMPDIR", "/tmp")) / f"oagen-contacts-{os.getpid()}.csv"


def _file(content: bytes, file_as: str) -> Any:
    """The same file as bytes, a path, or an open file: every form `file_part` takes."""
    if file_as == "bytes":
        return content
    _TMP_CSV.write_bytes(content)
    return _TMP_CSV if file_as == "path" else _TMP_CSV.open("rb")


def _expected_type(op: ir.Operation) -> type | None:
    annotation = render.return_annotation(op)
    return getattr(models, annotation, None)


def _check_result(op: ir.Operation, result: Any) -> None:
    expected = _expected_type(op)
    if expected is not None:
        assert isinstance(result, expected), f"{op.operation_id}: {type(result).__name__}"
    elif render.return_annotation(op).startswith("list["):
        assert isinstance(result, list)
    elif render.return_annotation(op) == "None":
        assert result is None


def _ids(api: ir.Api) -> list[str]:
    return [op.operation_id for op in api.operations]


# -- tests -------------------------------------------------------------------------------


def test_the_spec_has_every_operation_covered(api: ir.Api, spec: dict[str, Any]) -> None:
    raw = [
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in skeleton.HTTP_METHODS
    ]
    assert len(raw) == OPERATION_COUNT
    assert sorted(_ids(api)) == sorted(raw)


def test_every_operation_sync(prism_url: str, api: ir.Api, spec: dict[str, Any]) -> None:
    called = []
    with MigmaClient(api_key="sk-test", base_url=prism_url, max_retries=0) as client:
        for resource in api.resources:
            for op in resource.operations:
                kwargs = arguments(spec, op, "path")
                result = getattr(getattr(client, resource.name), op.name)(**kwargs)
                _check_result(op, result)
                called.append(op.operation_id)
    assert len(called) == OPERATION_COUNT


async def test_every_operation_async(prism_url: str, api: ir.Api, spec: dict[str, Any]) -> None:
    called = []
    async with AsyncMigmaClient(api_key="sk-test", base_url=prism_url, max_retries=0) as client:
        for resource in api.resources:
            for op in resource.operations:
                result = await getattr(getattr(client, resource.name), op.name)(**arguments(spec, op))
                _check_result(op, result)
                called.append(op.operation_id)
    assert len(called) == OPERATION_COUNT


def test_multipart_upload_in_each_file_form(prism_url: str, api: ir.Api, spec: dict[str, Any]) -> None:
    op = next(op for op in api.operations if op.operation_id == "CreateContactImport")
    with MigmaClient(api_key="sk-test", base_url=prism_url) as client:
        for file_as in ("bytes", "path", "open file"):
            kwargs = arguments(spec, op, file_as)
            assert client.contacts.create_contact_import(**kwargs) is not None
            if file_as == "open file":
                kwargs["file"].close()


def test_prism_refuses_an_invalid_request(prism_url: str) -> None:
    # The check the other tests rely on: a request off the spec is a 422, not a 200.
    with MigmaClient(api_key="sk-test", base_url=prism_url) as client:
        with pytest.raises(UnprocessableEntityError):
            client.contacts.list_contacts(project_id="p", limit=1000)  # maximum: 100
        with pytest.raises(UnprocessableEntityError):
            client.contacts.create_contact_import(
                file=CSV, project_id="p", column_map="{}", on_conflict="nope"
            )


def _error_cases(api: ir.Api, status: str) -> list[ir.Operation]:
    return [op for op in api.operations if any(r.status == status for r in op.responses)]


def test_401_from_the_spec_raises_authentication_error(
    prism_url: str, api: ir.Api, spec: dict[str, Any]
) -> None:
    cases = _error_cases(api, "401")
    assert len(cases) == OPERATION_COUNT
    with MigmaClient(api_key="sk-test", base_url=prism_url) as client:
        for op in cases:
            method = getattr(getattr(client, _resource_of(api, op)), op.name)
            with pytest.raises(AuthenticationError) as info:
                method(**arguments(spec, op), request_options={"extra_headers": {"Prefer": "code=401"}})
            assert info.value.status_code == 401


async def test_404_from_the_spec_raises_not_found_error(
    prism_url: str, api: ir.Api, spec: dict[str, Any]
) -> None:
    cases = _error_cases(api, "404")
    assert len(cases) >= 10
    async with AsyncMigmaClient(api_key="sk-test", base_url=prism_url) as client:
        for op in cases:
            method = getattr(getattr(client, _resource_of(api, op)), op.name)
            with pytest.raises(NotFoundError) as info:
                await method(**arguments(spec, op), request_options={"extra_headers": {"Prefer": "code=404"}})
            assert info.value.status_code == 404


def test_paging_iterators_walk_prism_pages(prism_url: str, api: ir.Api, spec: dict[str, Any]) -> None:
    paged = [op for op in api.operations if op.pagination]
    assert len(paged) == 3
    with MigmaClient(api_key="sk-test", base_url=prism_url) as client:
        for op in paged:
            assert op.pagination is not None
            kwargs = arguments(spec, op)
            del kwargs[op.pagination.param]
            method = getattr(getattr(client, _resource_of(api, op)), op.pagination.method)
            # Prism's static pages never end (hasMore is always true): take a few items.
            items = list(itertools.islice(method(**kwargs), 3))
            expected = render.pycode.annotation(op.pagination.item_type)
            assert items and all(type(item).__name__ == expected for item in items)


def _resource_of(api: ir.Api, op: ir.Operation) -> str:
    return next(r.name for r in api.resources if op in r.operations)
