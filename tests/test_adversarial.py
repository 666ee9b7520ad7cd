"""The hand-written adversarial spec (tests/data/adversarial.yaml): hostile names and text,
every schema construct, several security schemes; its client is generated, type-checked
and then driven over httpx.MockTransport."""

from __future__ import annotations

import ast
import base64
import datetime
import importlib
import json
import subprocess
import sys
import tomllib
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from specbuilder import importable

from generator.cli import main
from tests.conftest import DATA, ROOT

SPEC = DATA / "adversarial.yaml"
PACKAGE = "adv_client"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("adversarial")
    config = folder / "none.toml"
    config.write_text("")
    report = folder / "report.json"
    code = main(
        [
            "generate",
            "--spec",
            str(SPEC),
            "--output",
            str(folder / "out"),
            "--package",
            PACKAGE,
            "--config",
            str(config),
            "--report",
            str(report),
            "-q",
        ]
    )
    assert code == 0
    with importable(folder / "out", PACKAGE):
        yield folder


@pytest.fixture(scope="module")
def pkg(out: Path) -> ModuleType:
    return importlib.import_module(PACKAGE)


@pytest.fixture(scope="module")
def models(pkg: ModuleType) -> ModuleType:
    return importlib.import_module(PACKAGE + ".models")


def union(models: ModuleType, name: str, data: Any) -> Any:
    """Decode `data` as the union alias `name`, as the client's runtime does."""
    codec = importlib.import_module(PACKAGE + "._runtime.codec")
    return codec.decode(getattr(models, name), data, name)


def decode_error() -> Any:
    return importlib.import_module(PACKAGE).DecodeError


Handler = Callable[[httpx.Request], httpx.Response]


def client(pkg: ModuleType, handler: Handler, **credentials: str) -> Any:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return pkg.AdvClient(api_key="tok", base_url="https://h.test", http_client=http, **credentials)


def respond(body: object, status: int = 200, seen: list[httpx.Request] | None = None) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if body is None:
            return httpx.Response(status)
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, headers={"Content-Type": "text/plain"})
        return httpx.Response(status, json=body)

    return handler


# -- the generated files -------------------------------------------------------------------


def test_every_file_stays_inside_the_output_folder(out: Path) -> None:
    root = (out / "out").resolve()
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files and all(p.resolve().is_relative_to(root) for p in files)
    assert not (out / "escape").exists() and not (out.parent / "escape").exists()
    modules = sorted(p.name for p in (root / PACKAGE / "resources").glob("*.py"))
    assert modules == [
        "__init__.py",
        "class_.py",
        "escape.py",
        "etc_passwd.py",
        "everything.py",  # an untagged operation: grouped by its path's first segment
        "unicode_tag.py",
    ]


@pytest.mark.slow
def test_mypy_strict_is_clean(out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE],
        cwd=out / "out",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_spec_text_never_becomes_code(out: Path) -> None:
    """Descriptions with quotes, backslashes, Jinja markup and code land in strings only."""
    for path in (out / "out" / PACKAGE).rglob("*.py"):
        source = path.read_text()
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr != "system", path
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Name):
                assert node.exc.id != "SystemExit", path
        assert "pwned" not in "".join(
            n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ) or 'os.system("echo pwned")' in source.replace('\\"', '"')
    init = (out / "out" / PACKAGE / "__init__.py").read_text()
    assert "{{ title }}" in init and "{% if %}" in init  # Jinja markup was not evaluated


def test_docstrings_keep_the_text(pkg: ModuleType, models: ModuleType) -> None:
    assert '""" Closing quotes \\ backslash {{ jinja }} {% block %}' in models.Pet.__doc__
    escape = importlib.import_module(PACKAGE + ".resources.escape")
    doc = escape.Escape.delete_pet.__doc__
    assert '"""\nimport os' in doc.replace("        ", "") and "{{ x }}" in doc


def test_report_lists_work_arounds_with_pointers(out: Path) -> None:
    problems = json.loads((out / "report.json").read_text())["problems"]
    pointers = {p["pointer"] for p in problems}
    assert "/components/schemas/Pet/properties/old_nick/nullable" in pointers
    assert "/paths/~1values/get" in pointers
    assert "/components/schemas/Closed/not" in pointers  # a keyword the types cannot express
    assert "/components/schemas/Everything/properties/badDefault/default" in pointers
    assert "/paths/~1shapes/post/requestBody" in pointers  # JSON chosen over the form body
    assert "/paths/~1pets/get/responses/200/content" in pointers  # JSON chosen over XML
    assert all(p["file"].endswith("adversarial.yaml") for p in problems)


# -- names -----------------------------------------------------------------------------------


def test_hostile_property_names_keep_their_wire_names(models: ModuleType) -> None:
    wire = {
        "name": "Rex",
        "kind": "pet",
        "fooBar": "a",
        "foo_bar": "b",
        "class": "c",
        "from": "2024-02-29",
        "self": 3,
        "None": True,
        "1st-place": False,
        "données.été": "d",
    }
    pet = models.Pet.from_dict(wire)
    assert (pet.foo_bar, pet.foo_bar2, pet.class_, pet.self_, pet.none) == ("a", "b", "c", 3, True)
    assert pet.from_ == datetime.date(2024, 2, 29)
    assert pet.n1_st_place is False and pet.donnees_ete == "d"
    assert pet.to_dict() == wire
    assert models.Pet.from_dict(pet.to_dict()) == pet


def test_schema_names_that_clash_after_conversion(models: ModuleType) -> None:
    assert union(models, "ABTest", "s") == "s" and union(models, "AbTest2", True) is True
    person = {"name": "n", "age": 1, "email": "e", "homepage": "h"}
    wire = {"person": person, "abTest": 1, "abTest2": False, "fooBarA": {"x": 1}, "fooBarB": {"y": 2}}
    e = models.Everything.from_dict(wire)
    assert e.foo_bar_a == models.FooBar(x=1) and e.foo_bar_b == models.FooBar2(y=2)
    assert e.to_dict() == {**wire, "big": 9007199254740993, "ratio": 1.5, "flag": True, "label": e.label,
                           "listDefault": ["a", "b"], "objDefault": {"k": "v"}, "noPets": [],
                           "since": "2020-02-29", "token": "6f1c1b0e-8b1a-4c1e-9a58-0a9b8c7d6e5f",
                           "at": "2020-01-01T00:00:00+00:00", "sort": "desc", "maybe": None}  # fmt: skip


def test_pyproject_is_valid_toml_with_the_title(out: Path) -> None:
    project = tomllib.loads((out / "out" / "pyproject.toml").read_text())["project"]
    assert project["description"].startswith(
        'Python client for the Adversarial """ API \\ {{ title }} {% if %}'
    )
    assert project["name"] == "adv-client"


def test_enum_members_are_identifiers_and_keep_values(models: ModuleType) -> None:
    order = models.Order
    assert [m.value for m in order] == ["asc", "desc", "na me", "1st", "class", "None", '"""']
    assert all(m.name.isidentifier() for m in order)
    assert models.Priority(2) == 2
    assert models.MaybeColour("red").value == "red"


def test_operation_names_tags_and_missing_operation_ids(pkg: ModuleType) -> None:
    c = client(pkg, respond({}))
    assert {"escape", "etc_passwd", "class_", "unicode_tag", "everything"} <= set(dir(type(c)))
    assert callable(c.etc_passwd.put_shape) and callable(c.etc_passwd.put_shape2)  # PutShape, putShape
    assert callable(c.class_.get_values)  # no operationId: named from `get /values`
    assert callable(c.unicode_tag.upload_file)  # `upload.file`


# -- schemas ---------------------------------------------------------------------------------


def test_discriminator_with_mapping(models: ModuleType) -> None:
    circle = union(models, "Shape", {"type": "round", "radius": 2.5})
    square = union(models, "Shape", {"type": "square", "side": 3})
    assert isinstance(circle, models.Circle) and circle.radius == 2.5
    assert isinstance(square, models.Square) and square.side == 3
    with pytest.raises(decode_error(), match="unknown tag 'hexagon'"):
        union(models, "Shape", {"type": "hexagon"})


def test_discriminator_without_mapping_uses_schema_names(models: ModuleType) -> None:
    assert isinstance(union(models, "ShapeNoMapping", {"type": "Square", "side": 1}), models.Square)
    with pytest.raises(decode_error()):
        union(models, "ShapeNoMapping", {"type": "round", "radius": 1})


def test_union_without_discriminator_tries_variants_in_order(models: ModuleType) -> None:
    def decode(data: Any) -> Any:
        return union(models, "Value", data)

    assert decode(7) == 7
    assert decode("2024-01-02") == datetime.date(2024, 1, 2)
    assert decode("hello") == "hello"
    assert decode([1, 2.5]) == [1, 2.5]
    assert decode({"message": "m"}) == models.Error(message="m")
    with pytest.raises(decode_error(), match="matches no variant") as info:
        decode(True)
    assert "int: expected int, got bool True" in str(info.value) and "Error: expected an object" in str(
        info.value
    )
    with pytest.raises(decode_error()):
        decode(["not", "numbers"])


def test_union_with_a_const_variant(models: ModuleType) -> None:
    person = {"name": "n", "age": 1, "email": "e", "homepage": "h"}
    assert models.Everything.from_dict({"person": person, "autoOrSize": "auto"}).auto_or_size == "auto"
    assert models.Everything.from_dict({"person": person, "autoOrSize": 3}).auto_or_size == 3
    with pytest.raises(decode_error(), match="'manual'"):
        models.Everything.from_dict({"person": person, "autoOrSize": "manual"})


def test_type_arrays_and_nullable(models: ModuleType) -> None:
    person = {"name": "n", "age": 1, "email": "e@x.io", "homepage": "https://x.io"}
    base = models.Everything.from_dict({"person": person})
    assert isinstance(base.multi, models.Unset)
    assert models.Everything.from_dict({"person": person, "multi": None}).multi is None
    assert models.Everything.from_dict({"person": person, "multi": 5}).multi == 5
    assert models.Everything.from_dict({"person": person, "multi": "s"}).multi == "s"
    with pytest.raises(decode_error()):
        models.Everything.from_dict({"person": person, "multi": 1.5})
    pet = models.Pet.from_dict({"name": "n", "kind": "pet", "nick": None, "old_nick": None, "colour": None})
    assert (pet.nick, pet.old_nick, pet.colour) == (None, None, None)
    assert pet.to_dict()["nick"] is None and "legacy" not in pet.to_dict()


def test_recursive_and_mutually_recursive_models(models: ModuleType) -> None:
    wire = {
        "value": 1,
        "children": [{"value": 2, "children": [{"value": 3}]}],
        "forest": {"trees": [{"value": 4}], "largest": {"value": 5, "forest": {"trees": []}}},
    }
    tree = models.Tree.from_dict(wire)
    assert tree.children[0].children[0].value == 3
    assert tree.forest.largest.forest.trees == []
    assert tree.to_dict() == wire
    assert models.Tree.from_dict(tree.to_dict()) == tree


def test_recursive_unions_and_aliases(models: ModuleType) -> None:
    person = {"name": "n", "age": 1, "email": "e", "homepage": "h"}
    wire = {"person": person, "json": {"a": [1, "x", {"b": []}]}, "nested": [[], [[]]]}
    e = models.Everything.from_dict(wire)
    assert e.json == {"a": [1, "x", {"b": []}]} and e.nested == [[], [[]]]
    assert models.Everything.from_dict(e.to_dict()) == e
    with pytest.raises(decode_error()):
        union(models, "JsonValue", {"a": [True]})
    with pytest.raises(decode_error()):
        union(models, "Nested", [[1]])


def test_all_of_merges_properties_and_required(models: ModuleType) -> None:
    fields = {"name": "n", "age": 3, "email": "a@b.c", "homepage": "https://h"}
    person = models.Person(**{k: v for k, v in fields.items()})
    assert person.to_dict() == fields
    for missing in fields:
        with pytest.raises(decode_error(), match=missing):
            models.Person.from_dict({k: v for k, v in fields.items() if k != missing})


def test_additional_properties(models: ModuleType) -> None:
    closed = models.Closed.from_dict({"a": 1, "b": 2})
    assert not hasattr(closed, "additional_properties") and closed.to_dict() == {"a": 1}
    when = "2024-05-06T07:08:09+00:00"
    opened = models.Open.from_dict({"a": 1, "when": when})
    assert opened.additional_properties == {"when": datetime.datetime.fromisoformat(when)}
    assert opened.to_dict() == {"a": 1, "when": when}
    pet = models.Pet.from_dict({"name": "n", "kind": "pet", "tags": {"x": 1}, "extra": {"y": [1]}, "z": 0})
    assert pet.tags == {"x": 1} and pet.extra == {"y": [1]} and pet.additional_properties == {"z": 0}


def test_read_only_not_required_and_write_only_sent(pkg: ModuleType, models: ModuleType) -> None:
    seen: list[httpx.Request] = []
    pet_id = str(uuid.uuid4())
    c = client(pkg, respond({"id": pet_id, "name": "Rex", "kind": "pet"}, 201, seen))
    pet = c.escape.create_pet(name="Rex", kind="pet", password="secret")
    assert pet.id == uuid.UUID(pet_id)
    sent = json.loads(seen[0].content)
    assert "id" not in sent and sent["password"] == "secret" and sent["class"] == 'mammal """'
    assert pet.password is None  # required but write-only: responses lack it


def test_formats_consts_and_defaults_of_every_type(models: ModuleType) -> None:
    person = models.Person(name="n", age=1, email="e", homepage="h")
    e = models.Everything(person=person)
    assert (e.big, e.ratio, e.flag) == (9007199254740993, 1.5, True)
    assert e.label == 'it\'s "quoted" \\ {{ x }}'
    assert e.list_default == ["a", "b"] and e.obj_default == {"k": "v"}
    assert e.no_pets == [] and e.no_pets is not models.Everything(person=person).no_pets
    assert e.since == datetime.date(2020, 2, 29) and e.token == uuid.UUID(
        "6f1c1b0e-8b1a-4c1e-9a58-0a9b8c7d6e5f"
    )
    assert e.at == datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    assert e.sort == models.Order.DESC and e.maybe is None and e.bad_default is None
    assert e.list_default is not models.Everything(person=person).list_default
    assert e.anything is None
    uid = uuid.uuid4()
    wire = {
        "person": person.to_dict(),
        "constant": 42,
        "when": "2024-01-02T03:04:05+00:00",
        "day": "2024-01-02",
        "uid": str(uid),
        "blob": base64.b64encode(b"\x00\xff").decode(),
        "order": "na me",
        "anything": {"x": [1, None]},
        "shape": {"type": "square", "side": 2},
        "value": "2024-01-03",
    }
    decoded = models.Everything.from_dict(wire)
    assert decoded.when == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert decoded.uid == uid and decoded.blob == b"\x00\xff"
    assert decoded.order is models.Order.NA_ME and decoded.constant == 42
    assert decoded.value == datetime.date(2024, 1, 3) and isinstance(decoded.shape, models.Square)
    again = decoded.to_dict()
    assert {k: again[k] for k in wire} == wire
    assert models.Everything.from_dict(again) == decoded


# -- operations ------------------------------------------------------------------------------


PET = {"id": "1b4e28ba-2d11-4d5c-9d5f-2a1b2c3d4e5f", "name": "Rex", "kind": "pet"}


def test_parameters_path_query_header_cookie(pkg: ModuleType) -> None:
    seen: list[httpx.Request] = []
    c = client(pkg, respond(PET, 200, seen))
    pet_id = uuid.UUID(PET["id"])
    when = datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)
    pet = c.escape.get_pet(
        pet_id, x_trace_id="t-1", from_=when, session="s1", tags=["a", "b"], ids=[1, 2], label=["x", "y"]
    )
    assert pet.name == "Rex"
    request = seen[0]
    assert request.url.path == f"/pets/{pet_id}"
    params = request.url.params
    assert params["tags"] == "a,b" and params["ids"] == "1|2" and params.get_list("label") == ["x", "y"]
    assert params["from"] == when.isoformat()
    assert request.headers["X-Trace-Id"] == "t-1"
    assert "session=s1" in request.headers["Cookie"]
    assert request.headers["Authorization"] == "Bearer tok"


def test_deprecated_operation_and_parameter_warn(pkg: ModuleType) -> None:
    c = client(pkg, respond(None, 204))
    with pytest.warns(DeprecationWarning, match="delete_pet is deprecated"):
        assert c.escape.delete_pet(uuid.uuid4()) is None
    c = client(pkg, respond(PET))
    with pytest.warns(DeprecationWarning, match="argument class_ is deprecated"):
        c.escape.get_pet(uuid.uuid4(), class_="x")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c.escape.get_pet(uuid.uuid4())  # not passing the deprecated argument: no warning


def test_error_ranges(pkg: ModuleType) -> None:
    c = client(pkg, respond({"message": "nope"}, 404))
    with pytest.raises(pkg.NotFoundError):
        c.escape.get_pet(uuid.uuid4())


def test_defaults_of_query_parameters_and_several_media_types(pkg: ModuleType) -> None:
    seen: list[httpx.Request] = []
    c = client(pkg, respond([PET], 200, seen))
    pets = c.escape.list_pets(order="desc")
    assert [p.name for p in pets] == ["Rex"]
    params = seen[0].url.params
    assert (params["limit"], params["ratio"], params["verbose"], params["order"]) == (
        "20",
        "0.5",
        "false",
        "desc",
    )


def test_object_query_parameters(pkg: ModuleType, models: ModuleType) -> None:
    seen: list[httpx.Request] = []
    c = client(pkg, respond([], 200, seen))
    created = models.ListPetsCreated2(gt=5, lt=datetime.date(2024, 1, 2))
    c.escape.list_pets(created=created, filter=models.ListPetsFilter(colour="red", tags=["a", "b"]))
    params = seen[0].url.params
    assert params["created[gt]"] == "5" and params["created[lt]"] == "2024-01-02"
    assert params["colour"] == "red" and params.get_list("tags") == ["a", "b"]
    assert "created" not in params and "filter" not in params
    c.escape.list_pets(created=7)
    assert seen[1].url.params["created"] == "7"


def test_union_bodies_and_responses(pkg: ModuleType, models: ModuleType) -> None:
    seen: list[httpx.Request] = []
    c = client(pkg, respond({"type": "round", "radius": 1.0}, 200, seen))
    shape = c.etc_passwd.put_shape(body=models.Square(type="square", side=4))
    assert isinstance(shape, models.Circle)
    assert json.loads(seen[0].content) == {"type": "square", "side": 4}
    assert seen[0].headers["Content-Type"] == "application/json"


def test_untagged_union_response(pkg: ModuleType) -> None:
    assert client(pkg, respond(12)).class_.get_values() == 12
    assert client(pkg, respond("2020-02-02")).class_.get_values() == datetime.date(2020, 2, 2)


def test_every_security_scheme_gets_its_credential(pkg: ModuleType, models: ModuleType) -> None:
    seen: list[httpx.Request] = []
    c = client(pkg, respond({"value": 1}, 200, seen), api_key_header="k-1", api_key_query="q-1")
    tree = c.class_.put_tree(value=1)
    assert tree == models.Tree(value=1)
    request = seen[0]
    assert request.headers["X-API-Key"] == "k-1"
    assert request.url.params["api_key"] == "q-1"
    assert "Authorization" not in request.headers, "put-tree's own `security` does not name bearerAuth"
    c.class_.get_values()
    assert seen[1].headers["Authorization"] == "Bearer tok", "the document's `security` names only bearerAuth"
    assert "X-API-Key" not in seen[1].headers and "api_key" not in seen[1].url.params
    basic = client(pkg, respond({"value": 1}, 200, seen), basic_auth="u:p")
    basic.class_.put_tree(value=1)
    assert seen[-1].headers["Authorization"] == "Basic " + base64.b64encode(b"u:p").decode()


def test_any_one_scheme_is_enough(pkg: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ADV_API_KEY", raising=False)
    seen: list[httpx.Request] = []
    http = httpx.Client(transport=httpx.MockTransport(respond({"value": 1}, 200, seen)))
    pkg.AdvClient(base_url="https://h.test", http_client=http, api_key_query="q").class_.put_tree(value=1)
    assert "Authorization" not in seen[0].headers and seen[0].url.params["api_key"] == "q"
    with pytest.raises(pkg.AdvError, match="no credentials: pass api_key=.*api_key_header=..."):
        pkg.AdvClient(base_url="https://h.test")


def test_credentials_from_the_environment(pkg: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADV_API_KEY_HEADER", "from-env")
    seen: list[httpx.Request] = []
    client(pkg, respond({"value": 1}, 200, seen)).class_.put_tree(value=1)
    assert seen[0].headers["X-API-Key"] == "from-env"


def test_binary_body_and_text_response(pkg: ModuleType, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    c = client(pkg, respond(b"stored", 200, seen))
    assert c.unicode_tag.upload_file(body=b"\x00\x01") == "stored"
    assert seen[0].content == b"\x00\x01"
    assert seen[0].headers["Content-Type"] == "application/octet-stream"
    upload = tmp_path / "f.bin"
    upload.write_bytes(b"abc")
    c.unicode_tag.upload_file(body=upload)
    assert seen[1].content == b"abc"


async def test_async_client_decodes_unions(pkg: ModuleType, models: ModuleType) -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(respond({"type": "Circle", "radius": 2})))
    async with pkg.AsyncAdvClient(api_key="t", base_url="https://h.test", http_client=http) as c:
        shape = await c.etc_passwd.put_shape2(1)
    assert shape == models.Circle(type="Circle", radius=2)


def test_repo_root_is_untouched(out: Path) -> None:
    assert not (ROOT / PACKAGE).exists() and not (ROOT.parent / "escape").exists()


def test_an_api_without_security_needs_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "open.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: Open, version: '1'}\nservers: [{url: 'https://o.test'}]\n"
        "paths:\n  /ping:\n    get:\n      operationId: ping\n      responses:\n"
        "        '200': {description: ok, content: {application/json: {schema: {type: string}}}}\n"
    )
    config = tmp_path / "none.toml"
    config.write_text("")
    argv = ["generate", "--spec", str(spec), "--output", str(tmp_path / "o"), "--package", "open_client"]
    assert main([*argv, "--config", str(config), "-q"]) == 0
    monkeypatch.delenv("OPEN_API_KEY", raising=False)
    seen: list[httpx.Request] = []
    http = httpx.Client(transport=httpx.MockTransport(respond("pong", 200, seen)))
    with importable(tmp_path / "o", "open_client") as open_client:
        assert open_client.OpenClient(http_client=http).ping.ping() == "pong"
    assert "Authorization" not in seen[0].headers
