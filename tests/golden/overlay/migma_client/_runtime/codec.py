"""Models and their JSON codec: classes declare fields, this module decodes and encodes them.

A generated model is a dataclass whose annotations say each field's type and, where the
JSON name differs, `Annotated[..., Wire("jsonName")]`. The first time a class is decoded,
its annotations are compiled into one function (`_Plan._compile`) that checks every value
against its declared type, fills a new instance, and names the exact path of a mismatch.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import importlib
import json
import re
import sys
import threading
import types
import typing
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any, ClassVar, Generic, TypeVar

if sys.version_info >= (3, 11):
    from typing import dataclass_transform

    _parse_datetime = datetime.datetime.fromisoformat
else:  # pragma: no cover - Python 3.10
    from typing_extensions import dataclass_transform

    def _parse_datetime(text: str) -> datetime.datetime:
        # 3.10's fromisoformat does not take a trailing "Z".
        return datetime.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)


from .errors import DecodeError

__all__ = [
    "UNSET",
    "Decode",
    "Discriminator",
    "ApiModel",
    "Unset",
    "Wire",
    "decode",
    "fields",
    "to_jsonable",
]

T = TypeVar("T")
M = TypeVar("M", bound="ApiModel")


class Unset:
    """The type of `UNSET`: a field or argument that was not given at all (unlike `None`)."""

    _instance: Unset | None = None

    def __new__(cls) -> Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET = Unset()


class Wire:
    """`Annotated` metadata: the field's name in JSON, where it differs from the attribute."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Wire({self.name!r})"


class Discriminator:
    """`Annotated` metadata of a union: the property whose value names the variant."""

    __slots__ = ("field", "mapping")

    def __init__(self, field: str, mapping: Mapping[str, Any]) -> None:
        self.field = field
        self.mapping = dict(mapping)

    def __repr__(self) -> str:
        return f"Discriminator({self.field!r})"


@dataclass_transform(kw_only_default=True, field_specifiers=(dataclasses.field,))
class ApiModel:
    """Base of every generated model: a keyword-only dataclass with a JSON codec."""

    # Inheritance: a base names the property whose value selects a subtype (`discriminator`);
    # each subtype lists the values that select it (`tags`). Decoding as the base dispatches.
    _oagen_discriminator: ClassVar[str | None] = None
    _oagen_tags: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(
        cls, *, discriminator: str | None = None, tags: tuple[str, ...] = (), **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if discriminator is not None:
            cls._oagen_discriminator = discriminator
        cls._oagen_tags = tags
        # The dataclass machinery (an `__init__`, `__eq__`... compiled for each class) runs when
        # the class is first used, not at import: a client of 4,000 models imports in a fraction
        # of the time, and a call pays only for the models it meets.
        cls.__init__ = _first_init  # type: ignore[method-assign,assignment]

    @classmethod
    def from_dict(cls: type[M], data: Any) -> M:
        """Decode parsed JSON; raises `DecodeError` naming the path of the first mismatch."""
        try:
            return _plan(cls).decode(data)  # type: ignore[no-any-return]
        except _Mismatch as exc:
            raise exc.error(cls.__name__) from None

    def to_dict(self) -> dict[str, Any]:
        """Encode to JSON-ready data (only dicts, lists, strings, numbers, booleans, None)."""
        return _plan(type(self)).encode(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """Encode to a JSON document."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def __repr__(self) -> str:
        shown = []
        for f in dataclasses.fields(self):  # type: ignore[arg-type]  # an instance: realized
            value = getattr(self, f.name)
            if f.name == "additional_properties" and not value:
                continue
            shown.append(f"{f.name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"


_REALIZING = threading.RLock()


def _realize(cls: type[ApiModel]) -> None:
    """Make `cls` (and its model bases) a dataclass now, once."""
    if "__dataclass_fields__" in cls.__dict__:
        return
    with _REALIZING:
        if "__dataclass_fields__" in cls.__dict__:
            return
        for base in reversed(cls.__mro__[1:]):
            if issubclass(base, ApiModel) and base is not ApiModel:
                _realize(base)
        if cls.__dict__.get("__init__") is _first_init:
            del cls.__init__  # else dataclass keeps it: it never replaces a class's own
        dataclasses.dataclass(cls, kw_only=True, repr=False)


def _first_init(self: ApiModel, *args: Any, **kwargs: Any) -> None:
    """A model's `__init__` until its first use: realize the class, then run the real one."""
    _realize(type(self))
    type(self).__init__(self, *args, **kwargs)


def fields(cls: type[ApiModel]) -> tuple[dataclasses.Field[Any], ...]:
    """`dataclasses.fields` of a model class, realizing it first."""
    _realize(cls)
    return dataclasses.fields(cls)  # type: ignore[arg-type]


def decode(tp: Any, data: Any, root: str = "$") -> Any:
    """Decode parsed JSON as the type `tp` (a model, `list[...]`, a union, a primitive...)."""
    try:
        return _decoder(tp, None)(data)
    except _Mismatch as exc:
        raise exc.error(root) from None


class Decode(Generic[T]):
    """`Decode[list[Pet]]()`: a typed function decoding parsed JSON as its type argument."""

    __orig_class__: Any  # set by `Decode[X]()`: the subscripted class, which holds X

    def __call__(self, data: Any) -> T:
        tp = self.__orig_class__.__args__[0]
        root = tp.__name__ if isinstance(tp, type) and issubclass(tp, ApiModel) else "$"
        return decode(tp, data, root)  # type: ignore[no-any-return]


def to_jsonable(value: Any) -> Any:
    """Encode any model, enum, date, UUID, bytes or container of them as JSON-ready data."""
    if isinstance(value, ApiModel):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):  # `format: byte` is base64 in JSON
        return base64.b64encode(value).decode()
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


# -- decoding --------------------------------------------------------------------------------

Decoder = Callable[[Any], Any]


class _Mismatch(Exception):
    """A value that does not fit; the path is collected on the way out, innermost first."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.steps: list[str] = []

    def at(self, step: str) -> _Mismatch:
        self.steps.append(step)
        return self

    def error(self, root: str) -> DecodeError:
        return DecodeError(root + "".join(reversed(self.steps)), self.reason)


def _mismatch(expected: str, value: Any) -> _Mismatch:
    return _Mismatch(f"expected {expected}, got {_describe(value)}")


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "an array"
    text = repr(value)
    return f"{type(value).__name__} {text[:40] + '...' if len(text) > 40 else text}"


def _str(value: Any) -> Any:
    if type(value) is str:
        return value
    raise _mismatch("str", value)


def _int(value: Any) -> Any:
    if type(value) is int:
        return value
    raise _mismatch("int", value)


def _float(value: Any) -> Any:
    if type(value) is float:
        return value
    if type(value) is int:  # JSON does not tell 1 from 1.0
        return float(value)
    raise _mismatch("float", value)


def _bool(value: Any) -> Any:
    if type(value) is bool:
        return value
    raise _mismatch("bool", value)


def _none(value: Any) -> Any:
    if value is None:
        return None
    raise _mismatch("null", value)


def _any(value: Any) -> Any:
    return value


def _parsed(kind: str, parse: Callable[[str], Any]) -> Decoder:
    def decode_text(value: Any) -> Any:
        if type(value) is not str:
            raise _mismatch(kind, value)
        try:
            return parse(value)
        except ValueError:
            raise _mismatch(kind, value) from None

    return decode_text


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except Exception:  # binascii.Error is a ValueError; keep the reason uniform
        raise ValueError(text) from None


_PRIMITIVES: dict[Any, Decoder] = {
    str: _str,
    int: _int,
    float: _float,
    bool: _bool,
    type(None): _none,
    None: _none,
    Any: _any,
    object: _any,
    datetime.datetime: _parsed("date-time", _parse_datetime),
    datetime.date: _parsed("date", datetime.date.fromisoformat),
    uuid.UUID: _parsed("uuid", uuid.UUID),
    bytes: _parsed("base64 bytes", _b64),
}


# Names written as strings (a recursive type alias), and names a module of a `models` package
# annotates with but does not import, are looked up in the module of the model that uses them,
# else in the generated `models` module or package beside this runtime package.
_MODELS = __name__.rsplit(".", 2)[0] + ".models"


class _ModelNames(Mapping[str, Any]):
    """The generated models by name, as local names for evaluating annotations: a `models`
    package imports the module defining a name when it is first asked for it."""

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(sys.modules.get(_MODELS) or importlib.import_module(_MODELS), name)
        except (AttributeError, ImportError):  # not a model: eval looks further
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


_MODEL_NAMES = _ModelNames()


def _decoder(tp: Any, owner: type | None) -> Decoder:
    """The decoder of a type annotation; `owner` is the model class it belongs to, if any."""
    found = _PRIMITIVES.get(tp) if _hashable(tp) else None
    if found is not None:
        return found
    if isinstance(tp, (str, typing.ForwardRef)):
        return _lazy(tp, owner)
    if isinstance(tp, type):
        if issubclass(tp, ApiModel):
            return _model_decoder(tp)
        if issubclass(tp, enum.Enum):
            return _enum_decoder(tp, tolerant=False)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Annotated:
        tags = [m for m in tp.__metadata__ if isinstance(m, Discriminator)]
        if tags:
            return _tagged_decoder(args[0], tags[0], owner)
        return _decoder(args[0], owner)
    if origin is list:
        return _list_decoder(args[0] if args else Any, owner)
    if origin is dict:
        return _dict_decoder(_decoder(args[1], owner) if args else _any)
    if origin is typing.Literal:
        return _literal_decoder(args)
    if origin in (typing.Union, types.UnionType):
        return _union_decoder(args, owner)
    return _never(_name(tp))  # a Python-only type (a path, an open file): never in JSON


def _never(name: str) -> Decoder:
    def decode_never(value: Any) -> Any:
        raise _mismatch(name, value)

    return decode_never


def _hashable(tp: Any) -> bool:
    try:
        hash(tp)
    except TypeError:
        return False
    return True


def _lazy(name: str | typing.ForwardRef, owner: type | None) -> Decoder:
    """A decoder that resolves a name on first use, so a type may contain itself."""
    text = name.__forward_arg__ if isinstance(name, typing.ForwardRef) else name
    compiled: list[Decoder] = []

    def decode_named(value: Any) -> Any:
        if not compiled:
            module = sys.modules.get(owner.__module__ if owner is not None else _MODELS)
            scope = dict(vars(module)) if module is not None else {}
            found = eval(text, scope, _MODEL_NAMES)  # a name the generator wrote
            compiled.append(_decoder(found, owner))
        return compiled[0](value)

    return decode_named


def _list_decoder(item_type: Any, owner: type | None) -> Decoder:
    """`list[T]`. Lists of models and of str/int/bool, the long ones in responses, have their
    own loops: no call per element but the model's compiled function."""
    if isinstance(item_type, type) and issubclass(item_type, ApiModel):
        return _model_list_decoder(item_type)
    if item_type in (str, int, bool):
        return _exact_list_decoder(item_type)
    item = _decoder(item_type, owner)

    def decode_list(value: Any) -> Any:
        if item is _any and type(value) is list:
            return value
        return _decode_items(value, item)

    return decode_list


def _model_list_decoder(cls: type[ApiModel]) -> Decoder:
    # The compiled function is looked up once per list (not through `decode_model` for each
    # element); at call time, as a model may contain itself and compiles on first use.
    def decode_models(value: Any) -> Any:
        return _decode_items(value, (_PLANS.get(cls) or _plan(cls)).decode)

    return decode_models


def _decode_items(value: Any, item: Decoder) -> list[Any]:
    if type(value) is not list:
        raise _mismatch("an array", value)
    out: list[Any] = []
    try:
        for element in value:
            out.append(item(element))
    except _Mismatch as exc:
        exc.steps.append(f"[{len(out)}]")  # the element after the last one decoded
        raise
    return out


def _exact_list_decoder(kind: type) -> Decoder:
    """A list of `str`, `int` or `bool`: each element's type checked inline."""

    def decode_exact(value: Any) -> Any:
        if type(value) is not list:
            raise _mismatch("an array", value)
        for index, element in enumerate(value):
            if type(element) is not kind:
                raise _mismatch(kind.__name__, element).at(f"[{index}]")
        return list(value)

    return decode_exact


def _dict_decoder(item: Decoder) -> Decoder:
    def decode_dict(value: Any) -> Any:
        if type(value) is not dict:
            raise _mismatch("an object", value)
        if item is _any:
            return value
        out = {}
        for key, element in value.items():
            try:
                out[key] = item(element)
            except _Mismatch as exc:
                exc.steps.append(_step(key))
                raise
        return out

    return decode_dict


def _step(key: str) -> str:
    return f".{key}" if re.fullmatch(r"[A-Za-z_$@][\w$@-]*", key) else f"[{key!r}]"


def _literal_decoder(values: tuple[Any, ...]) -> Decoder:
    allowed = {(type(v), v) for v in values}

    def decode_literal(value: Any) -> Any:
        if _hashable(value) and (type(value), value) in allowed:
            return value
        raise _mismatch(" or ".join(repr(v) for v in values), value)

    return decode_literal


def _enum_decoder(cls: type[enum.Enum], tolerant: bool) -> Decoder:
    """Members by value; with `tolerant`, a value the spec does not list arrives as it is
    (a newer server may send one), provided it has the members' JSON type."""
    members = cls._value2member_map_
    plain = next((t for t in (str, int, float, bool) if issubclass(cls, t)), None)

    def decode_enum(value: Any) -> Any:
        member = members.get(value) if _hashable(value) and type(value) is not bool else None
        if member is not None:
            return member
        if tolerant and plain is not None and type(value) is plain:
            return value
        raise _mismatch(f"one of {sorted(map(str, members))}", value)

    return decode_enum


def _union_decoder(args: tuple[Any, ...], owner: type | None) -> Decoder:
    nullable = type(None) in args
    rest = [a for a in args if a is not type(None) and a is not Unset]
    enums = [a for a in rest if isinstance(a, type) and issubclass(a, enum.Enum)]
    if (
        len(enums) == 1
        and len(rest) == 2
        and issubclass(enums[0], next(a for a in rest if a is not enums[0]))
    ):
        inner = _enum_decoder(enums[0], tolerant=True)  # `Status | str`: unknown values allowed
    elif len(rest) == 1:
        inner = _decoder(rest[0], owner)
    else:
        inner = _first_fit([(_name(a), _decoder(a, owner)) for a in rest])
    if not nullable:
        return inner

    def decode_nullable(value: Any) -> Any:
        return None if value is None else inner(value)

    return decode_nullable


def _first_fit(variants: list[tuple[str, Decoder]]) -> Decoder:
    """Try each variant in the spec's order; the error lists why each was rejected."""

    def decode_union(value: Any) -> Any:
        reasons = []
        for name, variant in variants:
            try:
                return variant(value)
            except _Mismatch as exc:
                reasons.append(f"{name}{''.join(reversed(exc.steps))}: {exc.reason}")
        raise _Mismatch("matches no variant (" + "; ".join(reasons) + ")")

    return decode_union


def _tagged_decoder(union: Any, tag: Discriminator, owner: type | None) -> Decoder:
    """A known tag picks its variant; other values try the variants without a tag."""
    by_tag = {key: _decoder(variant, owner) for key, variant in tag.mapping.items()}
    tagged = set(map(_identity, tag.mapping.values()))
    others = [a for a in typing.get_args(union) or (union,) if _identity(a) not in tagged]
    fallback = _union_decoder(tuple(others), owner) if others else None

    def decode_tagged(value: Any) -> Any:
        key = value.get(tag.field) if type(value) is dict else None
        chosen = by_tag.get(key) if isinstance(key, str) else None
        if chosen is not None:
            return chosen(value)
        if fallback is not None:
            return fallback(value)
        if type(value) is not dict:
            raise _mismatch("an object", value)
        raise _Mismatch(f"unknown tag {key!r} in {tag.field!r}")

    return decode_tagged


def _identity(tp: Any) -> object:
    """What names the same variant whether written as a class or (defined in another module of
    a `models` package) as a string: the class name."""
    if isinstance(tp, typing.ForwardRef):
        return tp.__forward_arg__
    if isinstance(tp, type):
        return tp.__name__
    return tp if isinstance(tp, str) else id(tp)


def _name(tp: Any) -> str:
    """A type as the generated code writes it: `list[Contact]`, `Literal['a']`."""
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (list, dict) and args:
        return f"{origin.__name__}[{', '.join(map(_name, args))}]"
    if isinstance(tp, type):
        return tp.__name__
    return re.sub(r"\b[\w.]+\.(?=\w)", "", repr(tp))


# -- models ----------------------------------------------------------------------------------


@dataclasses.dataclass
class _Field:
    name: str
    wire: str
    hint: Any
    decode: Decoder
    declared: dataclasses.Field[Any]  # its default value or factory, if any
    omit: object  # the value that leaves the field out of `to_dict` (UNSET, None), or a sentinel


_KEEP = object()  # `omit` of fields that are always encoded
_MISSING = object()


def _optional_of(hint: Any) -> Any:
    """T for a hint `T | None` (UNSET aside) where T is a single type; else None."""
    base = _unannotated(hint)
    if typing.get_origin(base) not in (typing.Union, types.UnionType):
        return None
    options = [o for o in typing.get_args(base) if o is not Unset]
    if len(options) != 2 or type(None) not in options:
        return None
    inner = next(o for o in options if o is not type(None))
    return None if isinstance(inner, type) and issubclass(inner, enum.Enum) else inner


def _inline_check(hint: Any) -> str | None:
    """A Python condition accepting `v` exactly when the hint's decoder would return `v` as it
    is: the hint is only str/int/bool/None, `list[Any]`, `dict[str, Any]` or Any."""
    base = _unannotated(hint)
    options = (
        typing.get_args(base)
        if typing.get_origin(base) in (typing.Union, types.UnionType)
        else (base,)
    )
    checks = []
    for option in options:
        if option is Unset:
            continue
        if option is Any:
            return "True"
        if option is type(None):
            checks.append("v is None")
        elif option in (str, int, bool):
            checks.append(f"type(v) is {option.__name__}")
        elif typing.get_origin(option) in (list, dict) and typing.get_args(option)[-1] is Any:
            checks.append(f"type(v) is {typing.get_origin(option).__name__}")
        else:
            return None
    return " or ".join(checks) or None


def _unannotated(hint: Any) -> Any:
    """The type of `Annotated[T, ...]`, or the hint itself."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is Annotated else hint


def _decoding(f: _Field, index: int, scope: dict[str, Any], owner: type) -> str:
    """The expression decoding `v` as the field's type: plain values are checked inline,
    anything else goes to the field's decoder `_d{index}`."""
    check = _inline_check(f.hint)
    if check == "True":
        return "v"
    if check:
        return f"v if {check} else _d{index}(v)"
    inner = _optional_of(f.hint)
    if inner is not None:  # `X | None`: one call fewer per value
        scope[f"_d{index}"] = _decoder(inner, owner)
        return f"None if v is None else _d{index}(v)"
    return f"_d{index}(v)"


def _absent(declared: dataclasses.Field[Any], index: int, scope: dict[str, Any]) -> str:
    """The expression of an absent field's value: its default, or a call of its factory."""
    if declared.default_factory is not dataclasses.MISSING:
        scope[f"_a{index}"] = declared.default_factory
        return f"_a{index}()"
    scope[f"_a{index}"] = declared.default
    return f"_a{index}"


class _Plan:
    """How one model class is decoded and encoded, compiled from its declarations."""

    def __init__(self, cls: type[ApiModel]) -> None:
        # Not the class's own names: a field may be named like a type (`str`), which must not
        # hide the type; the models' names instead, which a `models` package loads on demand.
        hints = typing.get_type_hints(cls, localns=_MODEL_NAMES, include_extras=True)
        self.cls = cls
        self.fields: list[_Field] = []
        self.extra: Decoder | None = None
        for f in fields(cls):
            hint = hints[f.name]
            if f.name == "additional_properties":
                value_type = typing.get_args(hint)[1] if typing.get_args(hint) else Any
                self.extra = _decoder(value_type, cls)
                continue
            wire = next(
                (m.name for m in getattr(hint, "__metadata__", ()) if isinstance(m, Wire)), f.name
            )
            # A field that may be UNSET is left out only then (None is a value it sends); an
            # optional one that defaults to None is left out when None.
            omit: object = _KEEP
            if Unset in typing.get_args(_unannotated(hint)):
                omit = UNSET
            elif f.default is None:
                omit = None
            self.fields.append(_Field(f.name, wire, hint, _decoder(hint, cls), f, omit))
        self.known = frozenset(f.wire for f in self.fields)
        self.decode = self._compile()
        self.subtypes = _subtypes(cls)
        if self.subtypes:
            own, tag = self.decode, cls._oagen_discriminator or ""

            def dispatch(data: Any) -> Any:
                value = data.get(tag) if type(data) is dict else None
                chosen = self.subtypes.get(value) if isinstance(value, str) else None
                return _plan(chosen).decode(data) if chosen is not None else own(data)

            self.decode = dispatch

    def _compile(self) -> Decoder:
        """One straight-line function for the class (as `dataclasses` writes `__init__`): a
        loop over fields calling a decoder each is several times slower. The instance is made
        without calling `__init__` (passing a dozen keywords costs as much as checking them):
        its attributes are set in declaration order, as `__init__` sets them."""
        scope: dict[str, Any] = {"_cls": self.cls, "_new": object.__new__, "_MISSING": _MISSING}
        scope.update(_Mismatch=_Mismatch, _mismatch=_mismatch, _step=_step, _extras=self._extras)
        lines = [
            "def decode(data):",
            "    if type(data) is not dict:",
            "        raise _mismatch('an object', data)",
            "    get = data.get",
            "    o = _new(_cls)",
            "    wire = None",
        ]
        if self.extra is not None:
            lines.append("    missing = 0  # known fields absent, to tell whether others are there")
        lines.append("    try:")
        by_name = {f.name: f for f in self.fields}
        for index, declared in enumerate(fields(self.cls)):
            f = by_name.get(declared.name)
            if f is None:  # `additional_properties`: see after the known fields
                lines.append(f"        o.{declared.name} = {_absent(declared, index, scope)}")
                continue
            scope[f"_d{index}"] = f.decode
            lines += [
                f"        wire = {f.wire!r}",
                f"        v = get({f.wire!r}, _MISSING)",
                "        if v is not _MISSING:",
                f"            o.{f.name} = {_decoding(f, index, scope, self.cls)}",
                "        else:",
            ]
            if f.declared.default is f.declared.default_factory is dataclasses.MISSING:
                lines.append("            raise _Mismatch('required field is missing')")
            else:
                lines.append(f"            o.{f.name} = {_absent(f.declared, index, scope)}")
                if self.extra is not None:
                    lines.append("            missing += 1")
        lines += [
            "        pass",
            "    except _Mismatch as exc:",
            "        exc.steps.append(_step(wire))",
            "        raise",
        ]
        if self.extra is not None:
            # More keys than known fields present: the data has fields the spec does not list.
            lines.append(f"    if len(data) > {len(self.fields)} - missing:")
            lines.append("        o.additional_properties = _extras(data)")
        lines.append("    return o")
        exec("\n".join(lines), scope)  # source built from the class's own declarations
        return scope["decode"]  # type: ignore[no-any-return]

    def _extras(self, data: dict[str, Any]) -> dict[str, Any]:
        extras = {k: v for k, v in data.items() if k not in self.known}
        if self.extra is None or self.extra is _any:
            return extras
        return _dict_decoder(self.extra)(extras)  # type: ignore[no-any-return]

    def encode(self, model: ApiModel) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.extra is not None:
            data.update(to_jsonable(getattr(model, "additional_properties")))  # noqa: B009
        for f in self.fields:
            value = getattr(model, f.name)
            if value is f.omit:
                continue
            data[f.wire] = to_jsonable(value)
        return data


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type[ApiModel]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    return plan


def _subtypes(cls: type[ApiModel]) -> dict[str, type[ApiModel]]:
    """The subclasses of a discriminated base by the tag values that select them."""
    if cls._oagen_discriminator is None:
        return {}
    found: dict[str, type[ApiModel]] = {}
    stack = list(cls.__subclasses__())
    while stack:
        sub = stack.pop(0)
        stack += sub.__subclasses__()
        for tag in sub._oagen_tags:
            found.setdefault(tag, sub)
    return found


def _model_decoder(cls: type[ApiModel]) -> Decoder:
    # Looked up at call time: a model may contain itself, and compiles on first use.
    def decode_model(value: Any) -> Any:
        plan = _PLANS.get(cls) or _plan(cls)
        return plan.decode(value)

    return decode_model
