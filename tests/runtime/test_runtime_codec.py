"""The runtime's model codec, tested directly: declarations in, checked decoding and JSON out."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import json
import uuid
from typing import Annotated, Any, Literal, TypeAlias

import pytest
from _runtime.codec import UNSET, ApiModel, Decode, Discriminator, Unset, Wire, decode
from _runtime.errors import ClientError, DecodeError


class Status(str, enum.Enum):  # noqa: UP042 - as generated clients declare enums (3.10)
    PENDING = "pending"
    DONE = "done"


class Counts(ApiModel):
    total: int
    ratio: float | None = None


class ImportStatus(ApiModel):
    """An import."""

    id: str
    counts: Counts
    status: Status | str | None = None
    created_at: Annotated[datetime.datetime | None, Wire("createdAt")] = None
    day: datetime.date | None = None
    token: uuid.UUID | None = None
    blob: bytes | None = None
    flag: bool | None = None
    tags: list[str] | None = None
    scores: dict[str, int] | None = None
    note: str | None | Unset = UNSET
    additional_properties: dict[str, Any] = dataclasses.field(default_factory=dict)


class Node(ApiModel):
    value: int
    children: list[Node] = dataclasses.field(default_factory=list)


class Cat(ApiModel):
    kind: Literal["cat"]
    lives: int


class Dog(ApiModel):
    kind: Literal["dog"]
    good: bool


class Closed(ApiModel):
    a: int


class Typed(ApiModel):
    additional_properties: dict[str, datetime.date] = dataclasses.field(default_factory=dict)


Pet: TypeAlias = Annotated[Cat | Dog, Discriminator("kind", {"cat": Cat, "dog": Dog})]
Loose: TypeAlias = int | str | list[Counts]


def wire(**extra: Any) -> dict[str, Any]:
    return {"id": "i1", "counts": {"total": 3}, **extra}


def error_of(cls: Any, data: Any) -> DecodeError:
    with pytest.raises(DecodeError) as info:
        cls.from_dict(data)
    assert isinstance(info.value, ClientError)
    return info.value


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", 5, "expected str, got int 5"),
        ("flag", "yes", "expected bool, got str 'yes'"),
        ("createdAt", "yesterday", "expected date-time, got str 'yesterday'"),
        ("createdAt", 17, "expected date-time, got int 17"),
        ("day", "2024-13-01", "expected date, got str '2024-13-01'"),
        ("token", "not-a-uuid", "expected uuid, got str 'not-a-uuid'"),
        ("blob", "***", "expected base64 bytes, got str '***'"),
        ("tags", "a,b", "expected an array, got str 'a,b'"),
        ("scores", [1], "expected an object, got an array"),
        ("status", 3, "expected one of ['done', 'pending'], got int 3"),
    ],
)
def test_every_primitive_is_checked(field: str, value: Any, expected: str) -> None:
    err = error_of(ImportStatus, wire(**{field: value}))
    assert err.path == f"ImportStatus.{field}" and err.reason == expected
    assert str(err) == f"cannot decode ImportStatus.{field}: {expected}"


def test_int_is_not_bool_and_float_takes_int() -> None:
    assert error_of(Counts, {"total": True}).reason == "expected int, got bool True"
    assert error_of(Counts, {"total": 1.5}).reason == "expected int, got float 1.5"
    counts = Counts.from_dict({"total": 1, "ratio": 2})
    assert counts.ratio == 2.0 and type(counts.ratio) is float


@pytest.mark.parametrize(
    ("data", "path", "reason"),
    [
        (wire(counts={"total": "many"}), "ImportStatus.counts.total", "expected int, got str 'many'"),
        (wire(tags=["a", 2]), "ImportStatus.tags[1]", "expected str, got int 2"),
        (wire(scores={"a": 1, "b c": "x"}), "ImportStatus.scores['b c']", "expected int, got str 'x'"),
        (wire(scores={"b": None}), "ImportStatus.scores.b", "expected int, got null"),
        ({"id": "i1"}, "ImportStatus.counts", "required field is missing"),
        (wire(counts=[]), "ImportStatus.counts", "expected an object, got an array"),
    ],
)
def test_a_mismatch_names_its_exact_path(data: Any, path: str, reason: str) -> None:
    err = error_of(ImportStatus, data)
    assert (err.path, err.reason) == (path, reason)


def test_a_union_names_each_variant_and_why() -> None:
    with pytest.raises(DecodeError) as info:
        decode(Loose, [{"total": "x"}], "Loose")
    assert info.value.path == "Loose"
    assert "int: expected int, got an array" in info.value.reason
    assert "list[Counts][0].total: expected int, got str 'x'" in info.value.reason
    assert decode(Loose, 3) == 3 and decode(Loose, "s") == "s"
    assert decode(Loose, [{"total": 1}]) == [Counts(total=1)]


def test_discriminated_union_picks_by_tag_and_names_unknown_tags() -> None:
    assert decode(Pet, {"kind": "dog", "good": True}) == Dog(kind="dog", good=True)
    assert Decode[Pet]()({"kind": "cat", "lives": 9}) == Cat(kind="cat", lives=9)
    with pytest.raises(DecodeError, match="unknown tag 'cow' in 'kind'"):
        decode(Pet, {"kind": "cow"})
    with pytest.raises(DecodeError) as info:
        decode(Pet, {"kind": "cat", "lives": "nine"})
    assert info.value.path == "$.lives"


def test_decode_typed_helper_roots_models_at_their_name() -> None:
    with pytest.raises(DecodeError) as info:
        Decode[list[Counts]]()([{"total": 1}, {}])
    assert info.value.path == "$[1].total"
    with pytest.raises(DecodeError) as info:
        Decode[Counts]()({})
    assert info.value.path == "Counts.total"


def test_recursive_models_round_trip() -> None:
    data = {"value": 1, "children": [{"value": 2, "children": [{"value": 3, "children": []}]}]}
    node = Node.from_dict(data)
    assert node.children[0].children[0].value == 3
    assert node.to_dict() == data
    assert error_of(Node, {"value": 1, "children": [{"value": "x"}]}).path == "Node.children[0].value"


def test_unset_none_and_unknown_enum_values() -> None:
    absent = ImportStatus.from_dict(wire())
    assert absent.note is UNSET and absent.status is None
    null = ImportStatus.from_dict(wire(note=None, status="brand-new"))
    assert null.note is None and null.status == "brand-new"
    assert ImportStatus.from_dict(wire(status="done")).status is Status.DONE
    assert "note" not in absent.to_dict() and null.to_dict()["note"] is None


def test_renamed_and_extra_fields_round_trip() -> None:
    data = wire(createdAt="2024-01-02T03:04:05+00:00", newField={"x": 1})
    status = ImportStatus.from_dict(data)
    assert status.created_at == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)  # noqa: UP017 - the runtime runs on 3.10
    assert status.additional_properties == {"newField": {"x": 1}}
    assert status.to_dict() == data
    assert Closed.from_dict({"a": 1, "b": 2}).to_dict() == {"a": 1}
    typed = Typed.from_dict({"d": "2024-02-29"})
    assert typed.additional_properties == {"d": datetime.date(2024, 2, 29)}
    with pytest.raises(DecodeError) as info:
        Typed.from_dict({"d": "soon"})
    assert info.value.path == "Typed.d"


def test_to_dict_is_only_json_values_and_to_json_encodes_it() -> None:
    token = uuid.uuid4()
    status = ImportStatus(
        id="i",
        counts=Counts(total=1),
        status=Status.PENDING,
        day=datetime.date(2024, 2, 29),
        token=token,
        blob=b"\x00\xff",
        additional_properties={"when": datetime.date(2020, 1, 1)},
    )
    data = status.to_dict()
    assert data == {
        "when": "2020-01-01",
        "id": "i",
        "counts": {"total": 1},
        "status": "pending",
        "day": "2024-02-29",
        "token": str(token),
        "blob": base64.b64encode(b"\x00\xff").decode(),
    }
    assert type(data["status"]) is str
    assert json.loads(status.to_json()) == data
    again = ImportStatus.from_dict(json.loads(status.to_json()))
    assert again.to_dict() == data and again.day == status.day and again.token == token


def test_repr_hides_empty_additional_properties() -> None:
    assert "additional_properties" not in repr(Counts(total=1))
    assert repr(ImportStatus.from_dict(wire())).startswith("ImportStatus(id='i1', counts=Counts(total=3, ")
    assert "additional_properties={'x': 1}" in repr(ImportStatus.from_dict(wire(x=1)))


def test_a_model_class_becomes_a_dataclass_on_first_use() -> None:
    class Late(ApiModel):
        x: int
        tags: list[str] = dataclasses.field(default_factory=list)

    class Later(Late):
        y: str = "y"

    assert "__dataclass_fields__" not in Later.__dict__  # nothing compiled at class creation
    later = Later(x=1)
    assert (later.x, later.tags, later.y) == (1, [], "y")
    assert "__dataclass_fields__" in Late.__dict__ and "__dataclass_fields__" in Later.__dict__
    assert Late.from_dict({"x": 2}) == Late(x=2) and Later(x=1) == later


class Page(ApiModel):
    items: list[Counts]
    grid: list[list[Counts]] | None = None
    ids: list[int] | None = None
    flags: list[bool] | None = None
    meta: dict[str, Any] | None = None
    raw: list[Any] | None = None


class Settings(ApiModel):
    name: str
    timeout: int = 10000
    mode: str = "fast"
    note: str | None | Unset = UNSET
    tags: list[str] = dataclasses.field(default_factory=list)
    additional_properties: dict[str, Any] = dataclasses.field(default_factory=dict)


class Extended(Settings):
    level: int | None = None


@pytest.mark.parametrize(
    ("data", "path", "reason"),
    [
        (
            {"items": [{"total": 1}, {"total": 2}, {"total": "x"}]},
            "Page.items[2].total",
            "expected int, got str 'x'",
        ),
        ({"items": [{"total": 1}, 7]}, "Page.items[1]", "expected an object, got int 7"),
        ({"items": {}}, "Page.items", "expected an array, got an object"),
        (
            {"items": [], "grid": [[], [{"total": 1}, {}]]},
            "Page.grid[1][1].total",
            "required field is missing",
        ),
        ({"items": [], "ids": [1, 2, True]}, "Page.ids[2]", "expected int, got bool True"),
        ({"items": [], "ids": [1.0]}, "Page.ids[0]", "expected int, got float 1.0"),
        ({"items": [], "flags": [True, 1]}, "Page.flags[1]", "expected bool, got int 1"),
        ({"items": [], "meta": [1]}, "Page.meta", "expected an object, got an array"),
        ({"items": [], "raw": {"a": 1}}, "Page.raw", "expected an array, got an object"),
    ],
)
def test_lists_of_models_and_values_name_the_failing_element(data: Any, path: str, reason: str) -> None:
    err = error_of(Page, data)
    assert (err.path, err.reason) == (path, reason)


def test_lists_decode_into_new_lists_and_any_values_pass_as_they_are() -> None:
    ids, meta = [1, 2], {"k": [1, {"x": None}]}
    page = Page.from_dict({"items": [{"total": 1}, {"total": 2}], "ids": ids, "meta": meta})
    assert page.items == [Counts(total=1), Counts(total=2)]
    assert page.ids == ids and page.ids is not ids
    assert page.meta is meta and page.grid is None and page.flags is None
    assert Decode[list[Page]]()([{"items": []}, {"items": [{"total": 3}]}])[1].items[0].total == 3


def test_decoded_instances_are_those_the_constructor_makes() -> None:
    decoded = Extended.from_dict({"name": "n", "level": 2})
    built = Extended(name="n", level=2)
    assert decoded == built and repr(decoded) == repr(built)
    assert list(vars(decoded)) == list(vars(built))  # attributes set in declaration order
    assert (decoded.timeout, decoded.mode, decoded.note, decoded.tags) == (10000, "fast", UNSET, [])
    again = Extended.from_dict({"name": "n"})
    # Factories run for each instance: no list or dict is shared between two of them.
    assert again.tags is not decoded.tags
    assert again.additional_properties is not decoded.additional_properties
    assert ImportStatus.from_dict(wire()) == ImportStatus(id="i1", counts=Counts(total=3))


@pytest.mark.parametrize(
    ("data", "extra"),
    [
        ({"name": "n"}, {}),
        ({"name": "n", "x": 1}, {"x": 1}),
        ({"name": "n", "timeout": 5, "mode": "m", "note": None, "tags": [], "x": 1}, {"x": 1}),
        ({"name": "n", "timeout": 5, "mode": "m", "note": None, "tags": []}, {}),
        ({"name": "n", "x": 1, "y": [2], "level": 3}, {"x": 1, "y": [2]}),
    ],
)
def test_unknown_keys_are_kept_whichever_fields_are_absent(data: Any, extra: Any) -> None:
    assert Extended.from_dict(data).additional_properties == extra
