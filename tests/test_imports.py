"""Stage 3: each module's import block, computed from the IR, imports exactly the names its code
reads (checked against the rendered code's syntax tree, an independent account of the same)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from generator.config import Target
from generator.diagnostics import SpecError
from generator.model import ir, runtime_names
from generator.pipeline import build_api
from generator.render import modelsplit
from generator.render import package as render
from tests import mutation

ROOT = Path(__file__).resolve().parents[1]

S, INT = ir.Primitive("str"), ir.Primitive("int")
STEP = ir.FieldStep


def _field(name: str, t: ir.TypeExpr, required: bool = False, **extra: object) -> ir.Field:
    return ir.Field(name, extra.pop("wire", name), t, required, **extra)  # type: ignore[arg-type]


def _op(name: str, **extra: object) -> ir.Operation:
    return ir.Operation(name, name, "POST", f"/{name}", "things", f"/paths/~1{name}/post", **extra)  # type: ignore[arg-type]


def _json(t: ir.TypeExpr | None, status: str = "200", **extra: object) -> ir.Response:
    return ir.Response(status, "", "application/json", "json", t, **extra)  # type: ignore[arg-type]


def _param(name: str, location: str, t: ir.TypeExpr, required: bool = False, **extra: object) -> ir.Parameter:
    return ir.Parameter(name, name, location, t, required, **extra)  # type: ignore[arg-type]


def rich_api() -> ir.Api:
    """An IR with one of each construct that reads a name of its own."""
    kind = ir.Enum("Kind", "/components/schemas/Kind", "str", [ir.EnumMember("A", "a")])
    pet = ir.Model("Pet", "/components/schemas/Pet", discriminator="type", additional=False)
    cat = ir.Model(
        "Cat",
        "/components/schemas/Cat",
        base="Pet",
        tags=("cat",),
        additional=ir.Primitive("datetime"),
        fields=[
            _field("born", ir.Primitive("date"), True, wire="bornOn"),
            _field("photo", ir.Primitive("bytes"), default="AA==", has_default=True),
            _field("nick", ir.Nullable(S)),
            _field("friends", ir.ListOf(ir.UnionRef("Animal")), default=[{"type": "cat"}], has_default=True),
            _field("mark", ir.Const("x")),
            _field("id", ir.Primitive("uuid"), True),
        ],
    )
    page = ir.Model(
        "Page",
        "/components/schemas/Page",
        fields=[_field("data", ir.Nullable(ir.ModelRef("Holder"))), _field("more", ir.Primitive("bool"))],
    )
    holder = ir.Model("Holder", "/components/schemas/Holder", fields=[_field("items", ir.ListOf(S), True)])
    inner = ir.Model("Inner", "/components/schemas/Inner", fields=[_field("items", ir.ListOf(S), True)])
    job = ir.Model("JobState", "/components/schemas/JobState", fields=[_field("status", S, True)])
    body_model = ir.Model("NewThing", "/components/schemas/NewThing")
    animal = ir.Union_(
        "Animal",
        "/components/schemas/Animal",
        [ir.UnionVariant(ir.ModelRef("Cat"), ("cat",)), ir.UnionVariant(ir.UnionRef("Tree"))],
        discriminator="type",
    )
    tree = ir.Union_("Tree", "/components/schemas/Tree", [ir.UnionVariant(ir.ListOf(ir.UnionRef("Tree")))])
    # Aliases naming each other: one of them names the other before it is defined, quoted.
    left = ir.Union_(
        "Left", "/components/schemas/Left", [ir.UnionVariant(ir.UnionRef("Right")), ir.UnionVariant(S)]
    )
    right = ir.Union_(
        "Right", "/components/schemas/Right", [ir.UnionVariant(ir.UnionRef("Left")), ir.UnionVariant(INT)]
    )
    operations = [
        _op(
            "old",
            deprecated=True,
            parameters=[
                _param(
                    "since",
                    "query",
                    ir.Primitive("datetime"),
                    default="2020-01-01T00:00:00",
                    has_default=True,
                    deprecated=True,
                ),
                _param("gone", "header", ir.Nullable(INT), deprecated=True),
                _param("filter", "query", ir.MapOf(S), style="deepObject", explode=True),
                _param("session", "cookie", S),
                _param("kind", "query", ir.EnumRef("Kind")),
            ],
        ),
        ir.Operation(
            "get_thing",
            "get_thing",
            "GET",
            "/things/{thing_id}",
            "things",
            "/paths/~1things~1{thing_id}/get",
            parameters=[_param("thing_id", "path", S, True, pattern="^[a-z]+$")],
            responses=[_json(ir.ModelRef("Cat")), ir.Response("204", "", None, "empty", None)],
        ),
        _op(
            "create",
            bodies=[
                ir.RequestBody(
                    "application/json",
                    "json",
                    ir.ModelRef("NewThing"),
                    True,
                    model="NewThing",
                    args=(
                        (
                            "tags",
                            _field("tags", ir.ListOf(ir.UnionRef("Animal")), default=[[]], has_default=True),
                        ),
                    ),
                )
            ],
            responses=[_json(ir.ListOf(S)), _json(ir.ModelRef("Pet"), "400", success=False)],
        ),
        _op("form", bodies=[ir.RequestBody("application/x-www-form-urlencoded", "form", ir.MapOf(S), False)]),
        _op(
            "upload",
            bodies=[
                ir.RequestBody(
                    "multipart/form-data",
                    "multipart",
                    ir.ModelRef("NewThing"),
                    True,
                    args=(("file", _field("file", ir.Primitive("file"), True)),),
                )
            ],
            responses=[ir.Response("200", "", "application/octet-stream", "binary", None)],
        ),
        _op("note", bodies=[ir.RequestBody("text/plain", "text", S, True)]),
        _op(
            "events", responses=[ir.Response("200", "", "text/event-stream", "stream", ir.ModelRef("Inner"))]
        ),
        _op("raw_events", responses=[ir.Response("200", "", "text/event-stream", "stream", None)]),
        _op(
            "list_things",
            parameters=[_param("page", "query", INT)],
            responses=[_json(ir.ModelRef("Page"))],
            pagination=ir.Pagination(
                "page",
                "iter_list_things",
                "page",
                (STEP("data", True, "Holder"), STEP("items", False)),
                S,
                start=1,
                has_more=(STEP("more", False),),
            ),
        ),
        _op(
            "job",
            responses=[_json(ir.ModelRef("JobState"))],
            job=ir.Job("wait_for_job", (STEP("status", False),), "status", ("done",)),
        ),
    ]
    resource = ir.Resource("things", "Things", "things", "Things.", operations)
    raw = _op(
        "raw", bodies=[ir.RequestBody("application/octet-stream", "binary", ir.Primitive("file"), True)]
    )
    untyped = _op("untyped", responses=[_json(None)])
    # Names that other operations read too, alone here: a body that is a file, a JSON result of no type.
    blobs = ir.Resource("blobs", "Blobs", "blobs", "Blobs.", [raw, untyped])
    return ir.Api(
        "Things",
        "1.0",
        "",
        "https://t.test",
        "t_client",
        "T",
        [],
        [resource, blobs],
        [pet, cat, page, holder, inner, job, body_model],
        [kind],
        [animal, tree, left, right],
    )


def _read(tree: ast.AST) -> set[str]:
    """Names the code reads; a quoted alias's string is code too."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.annotation, ast.Name)
            and node.annotation.id == "TypeAlias"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            names |= _read(ast.parse(node.value.value, mode="eval"))
    return names


def _imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def _check(api: ir.Api) -> None:
    importable = set(runtime_names.EXPORTS) | set(runtime_names.STDLIB)
    local = {m.name for m in api.models} | {e.name for e in api.enums} | {u.name for u in api.unions}
    for f in render.render(api, render.environment()):
        module = "/resources/" in f.path or "/models/" in f.path
        if f.path.endswith("models.py") or module and not f.path.endswith("__init__.py"):
            tree = ast.parse(f.content)
            wanted = importable | (local if "/resources/" in f.path else set())
            assert _imported(tree) == _read(tree) & wanted, f.path


def test_imports_of_an_ir_with_every_construct_are_what_the_code_reads() -> None:
    _check(rich_api())


def test_imports_of_a_models_package_are_what_its_modules_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(modelsplit, "BUDGET_US", 0)  # a module per top-level schema
    api = rich_api()
    assert modelsplit.split(api)[0].part
    _check(api)


@pytest.mark.parametrize("spec", ["specs/openapi.json", "tests/data/adversarial.yaml"])
def test_imports_of_spec_clients_are_what_the_code_reads(spec: str, tmp_path: Path) -> None:
    api, _ = build_api(Target(ROOT / spec, tmp_path, "x_client"))
    _check(api)


def test_imports_of_clients_of_mutated_specs_are_what_the_code_reads(tmp_path: Path) -> None:
    """The type-mutation seed, and a fixed sample of its mutations that still make a client."""
    checked = 0
    for index, (where, value) in enumerate([((), None), *mutation.sample(60, seed=13)]):
        document = mutation.SEED if not where else mutation.mutate(mutation.SEED, where, value)
        spec = tmp_path / f"spec{index}.json"
        spec.write_text(json.dumps(document), encoding="utf-8")
        try:
            api, _ = build_api(Target(spec, tmp_path, "x_client"))
        except SpecError:
            continue  # refused with a clean error: no client to check
        _check(api)
        checked += 1
    assert checked > 30


def test_the_api_index_is_built_once_per_api_not_per_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every module's imports ask for the whole API's class names (a large spec's render was
    quadratic when each module built them again)."""
    from generator.render import imports

    built: list[int] = []
    real = imports.ApiIndex

    class Counted(real):  # type: ignore[misc, valid-type]
        def __new__(cls, *args: object) -> Counted:
            built.append(1)
            return super().__new__(cls, *args)

    monkeypatch.setattr(imports, "ApiIndex", Counted)
    monkeypatch.setattr(imports, "_last", None)
    monkeypatch.setattr(modelsplit, "BUDGET_US", 0)  # a module per top-level schema
    api = rich_api()
    files = render.render(api, render.environment())
    assert sum(f.path.endswith(".py") for f in files) > 5 and built == [1]
    assert imports.index(api) is imports.index(api) and built == [1]
    api.enums.append(ir.Enum("Extra", "string", [], "/components/schemas/Extra"))
    assert "Extra" in imports.index(api).classes and built == [1, 1], "a changed API is indexed again"
