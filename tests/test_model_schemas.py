"""Stage 2, model/schemas.py: JSON Schemas to IR types: names, models, allOf, inheritance, enums, defaults."""

from __future__ import annotations

from specbuilder import INT, STR, Spec, model, modelled, obj, ok, ref

from generator.model import ir


def models(api: ir.Api) -> dict[str, ir.Model]:
    return {m.name: m for m in api.models}


def fields(m: ir.Model) -> dict[str, ir.Field]:
    return {f.wire_name: f for f in m.fields}


def test_component_names_survive_and_recursion_is_a_reference() -> None:
    node = obj(
        ("name",),
        name=STR,
        children={"type": "array", "items": ref("TreeNode")},
        parent={"anyOf": [ref("TreeNode"), {"type": "null"}]},
    )
    api = model(Spec().schema("TreeNode", node).get("/nodes", "listNodes", ok(ref("TreeNode"))))
    [tree] = api.models
    types = {f.name: f.type for f in tree.fields}
    assert tree.name == "TreeNode"
    assert types["children"] == ir.ListOf(ir.ModelRef("TreeNode"))
    assert types["parent"] == ir.Nullable(ir.ModelRef("TreeNode"))


def test_all_of_is_merged_with_required_from_every_part() -> None:
    spec = (
        Spec()
        .schema("Base", obj(("id",), id=STR))
        .schema("Pet", {"allOf": [ref("Base"), obj(("name",), name=STR)]})
        .post("/pet", None, ref("Pet"), responses={"204": ok()})
    )
    api = model(spec)
    assert [(f.name, f.required) for f in models(api)["Pet"].fields] == [("id", True), ("name", True)]


def test_inline_schemas_are_named_after_where_they_sit() -> None:
    spec = Spec().schema("Order", obj(address=obj(city=STR), lines={"type": "array", "items": obj(sku=STR)}))
    spec.get("/orders", "ListOrders", ok(obj(total=INT)))
    names = set(models(model(spec)))
    assert names == {"Order", "OrderAddress", "OrderLinesItem", "ListOrdersResponse"}


def test_a_schema_outside_components_is_named_by_its_pointer() -> None:
    account = {
        "definitions": {"accountRef": obj(id=STR)},
        **obj(ref={"$ref": "#/components/schemas/Account/definitions/accountRef"}),
    }
    api = model(Spec().schema("Account", account))
    assert fields(models(api)["Account"])["ref"].type == ir.ModelRef("AccountRef")


def test_a_discriminated_base_and_its_subtypes() -> None:
    pet = {
        **obj(("kind",), kind=STR),
        "discriminator": {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog"}},
    }
    spec = Spec().schema("Pet", pet).schema("Dog", {"allOf": [ref("Pet"), obj(bark=STR)]})
    spec.schema("Cat", {"allOf": [ref("Pet"), obj(purr=STR)]})
    found = models(model(spec))
    assert found["Pet"].discriminator == "kind"
    assert (found["Dog"].base, found["Dog"].tags) == ("Pet", ("dog",))
    assert (found["Cat"].base, found["Cat"].tags) == ("Pet", ("Cat",))  # no mapping: its name
    assert [f.wire_name for f in found["Dog"].fields] == ["bark"]  # the base declares `kind`


def test_nullability_however_it_is_written() -> None:
    spec = Spec(openapi="3.0.3").schema(
        "Thing",
        obj(
            a={"type": "string", "nullable": True},
            b={"type": ["integer", "null"]},
            c={"enum": ["x", "y", None]},
        ),
    )
    types = {w: f.type for w, f in fields(models(model(spec))["Thing"]).items()}
    assert types["a"] == ir.Nullable(ir.Primitive("str"))
    assert types["b"] == ir.Nullable(ir.Primitive("int"))
    assert types["c"] == ir.Nullable(ir.EnumRef("ThingC"))


def test_enums_take_their_member_names_from_vendor_extensions() -> None:
    status = {
        "type": "integer",
        "enum": [1, 2],
        "x-enum-varnames": ["Active", ""],
        "x-enum-descriptions": ["On"],
    }
    api = model(Spec().schema("Status", status).schema("Mixed", {"enum": ["a", 1]}))
    [enum] = api.enums
    assert (enum.name, enum.value_type) == ("Status", "int")
    assert [(m.name, m.value, m.description) for m in enum.members] == [("ACTIVE", 1, "On"), ("V_2", 2, "")]


def test_mixed_enums_and_unfit_defaults_are_noted_not_generated() -> None:
    spec = Spec().schema(
        "Thing",
        obj(
            mixed={"enum": ["a", 1]},
            size={"type": "integer", "default": "big"},
            n={"type": "integer", "default": 3},
        ),
    )
    api, diags = modelled(spec)
    by_wire = fields(models(api)["Thing"])
    assert by_wire["mixed"].type == ir.Primitive("any") and not api.enums
    assert (by_wire["size"].has_default, by_wire["n"].has_default, by_wire["n"].default) == (False, True, 3)
    notes = {(p.pointer, p.message) for p in diags.problems}
    assert (
        "/components/schemas/Thing/properties/mixed/enum",
        "enum of mixed or non-scalar values typed by its schema",
    ) in notes
    assert (
        "/components/schemas/Thing/properties/size/default",
        "default does not fit the schema; left to the server",
    ) in notes


def test_a_schema_that_is_not_an_object_is_any_with_a_warning() -> None:
    api, diags = modelled(Spec().schema("Thing", obj(odd=5)))
    assert fields(models(api)["Thing"])["odd"].type == ir.Primitive("any")
    [problem] = diags.problems
    assert (problem.severity, problem.pointer) == ("warning", "/components/schemas/Thing/properties/odd")
