"""Stage 2, model/schemas.py: oneOf/anyOf unions: variants, discriminator tags, nullability, aliases."""

from __future__ import annotations

from typing import Any

from specbuilder import INT, STR, Spec, model, modelled, obj, ref

from generator.model import ir


def union(api: ir.Api, name: str) -> ir.Union_:
    return next(u for u in api.unions if u.name == name)


def shapes(discriminator: dict[str, Any] | None = None, key: str = "oneOf") -> Spec:
    shape: dict[str, Any] = {key: [ref("Circle"), ref("Square")]}
    if discriminator is not None:
        shape["discriminator"] = discriminator
    spec = Spec().schema("Shape", shape)
    spec.schema("Circle", obj(kind={"const": "circle"}, r=INT)).schema(
        "Square", obj(kind={"enum": ["sq", "square"]})
    )
    return spec


def test_a_discriminator_mapping_tags_each_variant() -> None:
    mapping = {"c": "#/components/schemas/Circle", "s": "Square"}
    shape = union(model(shapes({"propertyName": "kind", "mapping": mapping})), "Shape")
    assert shape.discriminator == "kind"
    assert shape.variants == [
        ir.UnionVariant(ir.ModelRef("Circle"), ("c",)),
        ir.UnionVariant(ir.ModelRef("Square"), ("s",)),
    ]


def test_without_a_mapping_the_tags_are_the_schema_names() -> None:
    shape = union(model(shapes({"propertyName": "kind"})), "Shape")
    assert [v.tags for v in shape.variants] == [("Circle",), ("Square",)]


def test_inline_variants_are_tagged_by_their_const_or_enum() -> None:
    spec = Spec().schema(
        "Event",
        {
            "oneOf": [obj(type={"const": "a"}), obj(type={"enum": ["b", "c"]}), obj(other=STR)],
            "discriminator": {"propertyName": "type"},
        },
    )
    api, diags = modelled(spec)
    assert [v.tags for v in union(api, "Event").variants] == [("a",), ("b", "c"), ()]
    assert any(
        p.message == "some variants have no discriminator value; tried in order" for p in diags.problems
    )


def test_a_null_variant_makes_the_union_nullable() -> None:
    spec = Spec().schema(
        "Holder",
        obj(one={"oneOf": [ref("Circle"), {"type": "null"}]}, two={"anyOf": [STR, INT, {"type": "null"}]}),
    )
    spec.schema("Circle", obj(r=INT))
    api = model(spec)
    holder = next(m for m in api.models if m.name == "Holder")
    types = {f.wire_name: f.type for f in holder.fields}
    assert types["one"] == ir.Nullable(ir.ModelRef("Circle"))  # one variant left: that type
    assert types["two"] == ir.Nullable(ir.UnionRef("HolderTwo"))
    assert [v.type for v in union(api, "HolderTwo").variants] == [ir.Primitive("str"), ir.Primitive("int")]


def test_a_list_of_types_is_a_union() -> None:
    api = model(Spec().schema("Id", {"type": ["string", "integer"]}))
    assert [v.type for v in union(api, "Id").variants] == [ir.Primitive("str"), ir.Primitive("int")]


def test_a_recursive_array_is_a_named_alias() -> None:
    api = model(Spec().schema("Tree", {"type": "array", "items": ref("Tree")}))
    assert union(api, "Tree").variants == [ir.UnionVariant(ir.ListOf(ir.UnionRef("Tree")))]
