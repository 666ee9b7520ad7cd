"""Stage 2: the whole API: model/build.py (resources, security, servers) and model/passes.py, from the
Migma spec and from small built documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SPEC, mypy_strict
from specbuilder import Spec, model, modelled

from generator import pipeline
from generator.config import ConfigError, Target, load_targets
from generator.model import ir
from generator.write.files import write_output


@pytest.fixture(scope="module")
def migma() -> ir.Api:
    return pipeline.build_api(Target(SPEC, SPEC.parent, "migma_client"))[0]


def op(api: ir.Api, operation_id: str) -> ir.Operation:
    return next(o for o in api.operations if o.operation_id == operation_id)


def test_api_level_facts(migma: ir.Api) -> None:
    assert migma.prefix == "Migma"
    assert migma.base_url == "https://api.migma.ai"
    assert len(migma.operations) == 36
    [scheme] = migma.security
    assert (scheme.kind, scheme.parameter, scheme.prefix) == ("api_key_header", "Authorization", "Bearer ")
    names = {r.name: r.tag for r in migma.resources}
    assert names["projects_brands"] == "Projects/Brands"
    assert names["email_validation"] == "Email Validation"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Pets", "Pets API"),
        ("Migma.ai API (v1)", "Migma.ai API (v1)"),
        ("The Jira Cloud platform REST API", "Jira Cloud platform REST API"),  # not "the The ..."
        ("the weather", "weather API"),
        ("Theatre", "Theatre API"),
    ],
)
def test_the_api_is_named_as_a_noun_phrase_after_the(title: str, name: str) -> None:
    assert model(Spec(title=title)).api_name == name


def test_parameters_and_bodies(migma: ir.Api) -> None:
    listing = op(migma, "ListContacts")
    query = {p.wire_name: p for p in listing.params_in("query")}
    assert query["projectId"].required and query["projectId"].name == "project_id"
    assert query["limit"].default == 20 and query["limit"].has_default
    add = op(migma, "AddContact")
    assert add.body is not None and add.body.kind == "json" and add.body.model == "AddContactRequest"
    assert [name for name, f in add.body.args if f.required] == ["email", "project_id"]
    upload = op(migma, "CreateContactImport").body
    assert upload is not None and upload.kind == "multipart"
    assert dict(upload.args)["file"].type == ir.Primitive("file")


def test_the_passes_ran_in_order(migma: ir.Api) -> None:
    listing = op(migma, "ListContacts")
    assert listing.pagination is not None and listing.pagination.method == "iter_list_contacts"
    job = op(migma, "GetContactImport").job
    assert job is not None and job.method == "wait_for_contact_import"


def test_resources_take_names_no_model_or_client_class_has() -> None:
    spec = Spec().schema("Pets", {"type": "object", "properties": {"a": {"type": "string"}}})
    spec.get("/pets", "ListPets", tags=["pets"]).get("/c", "GetC", tags=["client"]).get(
        "/d", "GetD", tags=["pets"]
    )
    resources = model(spec).resources
    assert [(r.name, r.class_name, [o.name for o in r.operations]) for r in resources] == [
        ("pets", "PetsResource", ["list_pets", "get_d"]),
        ("client", "Client_", ["get_c"]),  # `Client` is a name the modules import
    ]


def test_each_operation_names_the_schemes_it_sends() -> None:
    schemes = {
        "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
        "basic": {"type": "http", "scheme": "basic"},
    }
    spec = Spec(security=[{"key": []}, {"basic": []}]).component("securitySchemes", "key", schemes["key"])
    spec.component("securitySchemes", "basic", schemes["basic"])
    spec.get("/all", "All").get("/open", "Open", security=[]).get(
        "/keyed", "Keyed", security=[{"key": [], "ghost": []}]
    )
    api, diags = modelled(spec)
    assert [(s.name, s.kind, s.parameter) for s in api.security] == [
        ("key", "api_key_header", "X-Key"),
        ("basic", "basic", "Authorization"),
    ]
    assert [o.security for o in api.operations] == [None, (), ("key",)]
    assert ("/security", "security scheme 'ghost' is not defined; ignored") in {
        (p.pointer, p.message) for p in diags.problems
    }


def test_server_variables_become_client_arguments() -> None:
    variables = {"region": {"enum": ["eu", "us"]}, "timeout": {"default": "30"}, "unused": {"default": "x"}}
    api = model(Spec(servers=[{"url": "https://{region}.x.test/{timeout}/", "variables": variables}]))
    assert api.base_url == "https://{region}.x.test/{timeout}"
    assert [(v.name, v.wire_name, v.default, v.values) for v in api.server_variables] == [
        ("region", "region", "eu", ("eu", "us")),
        ("timeout_", "timeout", "30", ()),  # the client's own `timeout` argument keeps its name
    ]


def test_the_envelope_table_turns_unwrapping_off(tmp_path: Path) -> None:
    def add_contact(target: Target) -> ir.Operation:
        api, _ = pipeline.build_api(target)
        return op(api, "AddContact")

    unwrapped = add_contact(Target(SPEC, tmp_path, "migma_client"))
    whole = add_contact(Target(SPEC, tmp_path, "migma_client", envelope={"unwrap": False}))
    assert unwrapped.success is not None and unwrapped.success.envelope is not None
    assert whole.success is not None and whole.success.envelope is None
    assert whole.success.result_type == ir.ModelRef("ApiResponseAddContact")
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.oagen]\nspec = "s.json"\noutput = "o"\npackage = "p"\n[tool.oagen.envelope]\nunwarp = false\n'
    )
    with pytest.raises(ConfigError, match="unknown key 'unwarp'"):
        load_targets(config)


@pytest.mark.slow
def test_a_client_without_envelope_unwrapping_passes_mypy_strict(tmp_path: Path) -> None:
    target = Target(SPEC, tmp_path, "migma_client", envelope={"unwrap": False})
    result = pipeline.generate(target)
    write_output(tmp_path, result.files, result.inputs)
    mypy_strict(tmp_path, "migma_client")


def test_a_referenced_path_items_operations_name_their_schemes_too() -> None:
    """Before the skeleton view the scan for schemes skipped `$ref` path items: GetA's bearer
    scheme was left out, and GetA sent no credentials at all."""
    spec = Spec(security=[{"key": []}]).get("/b", "GetB")
    spec.component(
        "pathItems", "A", {"get": {"operationId": "GetA", "security": [{"token": []}], "responses": {}}}
    )
    spec.component("securitySchemes", "key", {"type": "apiKey", "in": "header", "name": "X-Key"})
    spec.component("securitySchemes", "token", {"type": "http", "scheme": "bearer"})
    spec.doc["paths"]["/a"] = {"$ref": "#/components/pathItems/A"}
    api = model(spec)
    assert [s.name for s in api.security] == ["key", "token"]
    assert {o.operation_id: o.security for o in api.operations} == {"GetB": ("key",), "GetA": ("token",)}
