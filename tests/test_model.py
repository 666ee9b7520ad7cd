"""Stage 2: the IR built from the Migma spec and from small hand-made documents."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SPEC, mypy_strict
from specbuilder import built

from generator import pipeline
from generator.config import ConfigError, Target, load_targets
from generator.load import document as load
from generator.model import build as model
from generator.model import ir
from generator.write.files import write_output


@pytest.fixture(scope="module")
def migma() -> ir.Api:
    loaded = load.load(SPEC)
    return model.build(loaded.skeleton, loaded.diagnostics, "migma_client")


def op(api: ir.Api, operation_id: str) -> ir.Operation:
    return next(o for o in api.operations if o.operation_id == operation_id)


def build(doc: dict[str, Any]) -> ir.Api:
    base = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}}
    return built({**base, **doc})


def test_api_level_facts(migma: ir.Api) -> None:
    assert migma.prefix == "Migma"
    assert migma.base_url == "https://api.migma.ai"
    assert len(migma.operations) == 36
    [scheme] = migma.security
    assert (scheme.kind, scheme.parameter, scheme.prefix) == ("api_key_header", "Authorization", "Bearer ")
    names = {r.name: r.tag for r in migma.resources}
    assert names["projects_brands"] == "Projects/Brands"
    assert names["email_validation"] == "Email Validation"


def test_seed_operation_envelope_unwraps_to_typed_data(migma: ir.Api) -> None:
    get = op(migma, "GetContactImport")
    assert (get.name, get.method, get.path) == ("get_contact_import", "GET", "/v1/contacts/imports/{id}")
    [param] = get.parameters
    assert (param.location, param.required, param.pattern) == ("path", True, "^[0-9a-fA-F]{24}$")
    success = get.success
    assert success is not None and success.envelope is not None
    assert success.envelope.data == ir.ModelRef("ContactImportStatus")
    assert success.envelope.result is None
    data = next(m for m in migma.models if m.name == "ContactImportStatus")
    fields = {f.wire_name: f for f in data.fields}
    assert fields["status"].type == ir.EnumRef("ContactImportStatusStatus")
    assert fields["completed_at"].type == ir.Nullable(ir.Primitive("datetime"))
    assert fields["created_at"].type == ir.Primitive("datetime")
    assert fields["counts"].type == ir.ModelRef("ContactImportStatusCounts")
    enum = next(e for e in migma.enums if e.name == "ContactImportStatusStatus")
    assert [m.value for m in enum.members] == ["pending", "processing", "completed", "failed"]


def test_envelope_with_extra_fields_gets_a_result_model(migma: ir.Api) -> None:
    success = op(migma, "ListContacts").success
    assert success is not None and success.envelope is not None
    assert success.envelope.result == "ListContactsResult"
    result = next(m for m in migma.models if m.name == "ListContactsResult")
    assert [(f.name, f.type) for f in result.fields] == [
        ("data", ir.ListOf(ir.ModelRef("ListContactsItem"))),
        ("count", ir.Primitive("int")),
    ]


def test_parameters_bodies_and_idempotency(migma: ir.Api) -> None:
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
    assert op(migma, "BatchDeleteContacts").idempotency_header == "Idempotency-Key"


def test_component_names_survive_and_recursion_is_a_reference() -> None:
    api = build(
        {
            "paths": {
                "/nodes": {
                    "get": {
                        "operationId": "listNodes",
                        "responses": {
                            "200": {
                                "description": "ok",
                                "content": {
                                    "application/json": {"schema": {"$ref": "#/components/schemas/TreeNode"}}
                                },
                            }
                        },
                    }
                }
            },
            "components": {
                "schemas": {
                    "TreeNode": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {
                            "name": {"type": "string"},
                            "children": {"type": "array", "items": {"$ref": "#/components/schemas/TreeNode"}},
                            "parent": {
                                "anyOf": [{"$ref": "#/components/schemas/TreeNode"}, {"type": "null"}]
                            },
                        },
                    }
                }
            },
        }
    )
    [node] = api.models
    fields = {f.name: f.type for f in node.fields}
    assert node.name == "TreeNode"
    assert fields["children"] == ir.ListOf(ir.ModelRef("TreeNode"))
    assert fields["parent"] == ir.Nullable(ir.ModelRef("TreeNode"))


def test_all_of_is_merged_with_required_from_every_part() -> None:
    api = build(
        {
            "components": {
                "schemas": {
                    "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                    "Pet": {
                        "allOf": [
                            {"$ref": "#/components/schemas/Base"},
                            {
                                "type": "object",
                                "required": ["name"],
                                "properties": {"name": {"type": "string"}},
                            },
                        ]
                    },
                }
            },
            "paths": {
                "/pet": {
                    "post": {
                        "requestBody": {
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}
                        },
                        "responses": {"204": {"description": "done"}},
                    }
                }
            },
        }
    )
    pet = next(m for m in api.models if m.name == "Pet")
    assert [(f.name, f.required) for f in pet.fields] == [("id", True), ("name", True)]
    operation = api.operations[0]
    assert operation.name == "post_pet"  # no operationId: named from method and path
    assert operation.success is not None and operation.success.kind == "empty"


def test_untagged_operations_are_grouped_by_their_first_meaningful_path_segment() -> None:
    def get(op_id: str, **extra: Any) -> dict[str, Any]:
        return {"get": {"operationId": op_id, "responses": {"204": {"description": "done"}}, **extra}}

    api = build(
        {
            "paths": {
                "/v1/customers": get("ListCustomers"),
                "/v1/customers/{customer}/sources": get("ListSources"),
                "/v1/charges/{id}": get("GetCharge"),
                "/api/v2.1/3d_secure": get("Get3ds"),
                "/{tenant}": get("GetTenant"),
                "/v1/charges/search": get("SearchCharges", tags=["Search"]),
            }
        }
    )
    groups = {r.name: sorted(o.operation_id for o in r.operations) for r in api.resources}
    assert groups == {
        "customers": ["ListCustomers", "ListSources"],
        "charges": ["GetCharge"],
        "n3_d_secure": ["Get3ds"],
        "default": ["GetTenant"],
        "search": ["SearchCharges"],
    }


def test_the_envelope_table_turns_unwrapping_off(tmp_path: Any) -> None:
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
def test_a_client_without_envelope_unwrapping_passes_mypy_strict(tmp_path: Any) -> None:
    target = Target(SPEC, tmp_path, "migma_client", envelope={"unwrap": False})
    result = pipeline.generate(target)
    write_output(tmp_path, result.files, result.inputs)
    mypy_strict(tmp_path, "migma_client")
