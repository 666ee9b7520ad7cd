"""Stage 2 output: the intermediate representation, plain typed data, the only thing templates see.

Every name here is already a valid Python identifier; every `wire_name` is the
spec's original spelling. `pointer` fields locate the source in the spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

PrimitiveKind = Literal[
    "str", "int", "float", "bool", "datetime", "date", "uuid", "bytes", "file", "any", "none"
]


@dataclass(frozen=True)
class Primitive:
    kind: PrimitiveKind


@dataclass(frozen=True)
class ListOf:
    item: TypeExpr


@dataclass(frozen=True)
class MapOf:
    value: TypeExpr


@dataclass(frozen=True)
class ModelRef:
    """A generated object model, by class name."""

    name: str


@dataclass(frozen=True)
class EnumRef:
    """A generated enum; decoding tolerates values the spec does not list."""

    name: str
    kind: str = "str"  # the values' Python type


@dataclass(frozen=True)
class UnionRef:
    """A generated union (oneOf/anyOf), decoded by its own function."""

    name: str


@dataclass(frozen=True)
class Const:
    value: str | int | float | bool | None


@dataclass(frozen=True)
class Nullable:
    inner: TypeExpr


TypeExpr = Primitive | ListOf | MapOf | ModelRef | EnumRef | UnionRef | Const | Nullable


@dataclass(frozen=True)
class Field:
    name: str
    wire_name: str
    type: TypeExpr
    required: bool
    description: str = ""
    default: object = None
    has_default: bool = False
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False

    @property
    def nullable(self) -> bool:
        return isinstance(self.type, Nullable)


@dataclass
class Model:
    name: str
    pointer: str
    description: str = ""
    fields: list[Field] = field(default_factory=list)
    # None: extra keys are kept as `additional_properties: dict[str, Any]`;
    # a type: extra keys are decoded as that type; False: no extras are allowed.
    additional: TypeExpr | None | Literal[False] = None
    deprecated: bool = False
    title: str = ""
    # Inheritance (`allOf` of a base with a `discriminator`): the base class, which declares
    # the tag property's wire name; a subtype lists the tag values that select it.
    base: str | None = None
    discriminator: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class EnumMember:
    name: str
    value: str | int | float | bool
    description: str = ""


@dataclass
class Enum:
    name: str
    pointer: str
    value_type: Literal["str", "int", "float", "bool"]
    members: list[EnumMember]
    description: str = ""
    title: str = ""


@dataclass(frozen=True)
class UnionVariant:
    type: TypeExpr
    tags: tuple[str, ...] = ()  # discriminator values that select this variant


@dataclass
class Union_:
    name: str
    pointer: str
    variants: list[UnionVariant]
    discriminator: str | None = None  # the wire name of the tag property
    description: str = ""


ParamLocation = Literal["path", "query", "header", "cookie"]


@dataclass(frozen=True)
class Parameter:
    name: str
    wire_name: str
    location: ParamLocation
    type: TypeExpr
    required: bool
    description: str = ""
    default: object = None
    has_default: bool = False
    deprecated: bool = False
    style: str = "simple"
    explode: bool = False
    pattern: str | None = None


BodyKind = Literal["json", "form", "multipart", "binary", "text"]


@dataclass(frozen=True)
class RequestBody:
    media_type: str
    kind: BodyKind
    type: TypeExpr
    required: bool
    # Object bodies are offered as keyword arguments, one per field of this model:
    # (argument name, field) pairs, read-only fields left out.
    model: str | None = None
    args: tuple[tuple[str, Field], ...] = ()
    description: str = ""


# "stream": server-sent events (`text/event-stream`); "binary": a download, streamed.
ResponseKind = Literal["json", "text", "binary", "empty", "stream"]


@dataclass(frozen=True)
class Envelope:
    """`allOf: [ApiResponse, {data: X, ...extras}]`: the client returns X (or `result`)."""

    data: TypeExpr
    success_field: str | None  # wire name of the boolean success flag
    error_field: str | None  # wire name of the error message
    # A model holding `data` and the envelope's extra fields (`count`), if it has any.
    result: str | None = None


@dataclass(frozen=True)
class Response:
    status: str  # "200", "2XX", "default"
    description: str
    media_type: str | None
    kind: ResponseKind
    # The body's type: for a stream, each event's data (None: events arrive as they are sent).
    type: TypeExpr | None
    envelope: Envelope | None = None
    success: bool = True  # a result of the call; False: the body of an error it raises

    @property
    def result_type(self) -> TypeExpr | None:
        """What the call returns for this response (the envelope's payload, unwrapped)."""
        if self.envelope is not None:
            return ModelRef(self.envelope.result) if self.envelope.result else self.envelope.data
        return self.type


@dataclass(frozen=True)
class FieldStep:
    """One attribute on the way from a decoded result to a paging value."""

    name: str  # the Python attribute
    optional: bool  # the attribute may be None or UNSET (absent or null)
    model: str | None = None  # the model class of the value, when it is one (steps before the last)


PaginationStyle = Literal["page", "offset", "cursor"]


@dataclass(frozen=True)
class Pagination:
    """How a list operation pages; the client gets an extra `iter_...` method walking every page.

    Paths lead from the operation's decoded result to a value; an empty `items` path means the
    result is itself the list.
    """

    style: PaginationStyle
    method: str  # the iterator method's name: `iter_list_contacts`
    param: str  # the Python argument that selects the page: page number, offset or cursor
    items: tuple[FieldStep, ...]
    item_type: TypeExpr
    start: int | None = None  # first page number or offset (None for cursors)
    limit_param: str | None = None  # the Python argument for the page size, if any
    has_more: tuple[FieldStep, ...] | None = None  # a boolean "more pages follow"
    total: tuple[FieldStep, ...] | None = None  # the total number of items
    next_cursor: tuple[FieldStep, ...] | None = None  # the cursor of the next page
    # Or, for APIs that page `after=<last id>`: the field of a page's last item that is the cursor.
    item_cursor: tuple[FieldStep, ...] | None = None


@dataclass(frozen=True)
class Job:
    """A GET operation that reports a job's state: its `wait_for_...` twin polls it until the
    status is terminal."""

    method: str  # the twin's name: `wait_for_contact_import`
    status: tuple[FieldStep, ...]  # from the decoded result to the status field
    field: str  # the status field's wire name, for documentation
    terminal: tuple[str, ...]  # the values that end the wait


@dataclass
class Operation:
    name: str
    operation_id: str
    method: str
    path: str
    tag: str
    pointer: str
    summary: str = ""
    description: str = ""
    deprecated: bool = False
    parameters: list[Parameter] = field(default_factory=list)
    bodies: list[RequestBody] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    idempotency_header: str | None = None  # wire name of an Idempotency-Key header
    pagination: Pagination | None = None  # set by model/pagination.py
    job: Job | None = None  # set by model/jobs.py
    # The schemes whose credentials go with this operation, when not every one of the API's
    # (its `security`, or the document's, names fewer; `()`: none, as for `security: []`).
    security: tuple[str, ...] | None = None
    # The operation's own server (its or its path's `servers`), used unless the user set one.
    base_url: str | None = None

    @property
    def body(self) -> RequestBody | None:
        """The body the method takes: JSON first, then the spec's order."""
        for body in self.bodies:
            if body.kind == "json":
                return body
        return self.bodies[0] if self.bodies else None

    @property
    def successes(self) -> list[Response]:
        """The responses a call returns, by status code: its 2xx ones (`default`, when it has none)."""
        return sorted((r for r in self.responses if r.success), key=lambda r: r.status)

    @property
    def success(self) -> Response | None:
        """The first success response, whose media type (JSON, text, stream, download) the call takes."""
        return self.successes[0] if self.successes else None

    @property
    def errors(self) -> list[Response]:
        """Error responses whose body has a declared type, decoded into the error they raise."""
        return [r for r in self.responses if not r.success and r.type is not None and r.kind == "json"]

    def params_in(self, location: ParamLocation) -> list[Parameter]:
        return [p for p in self.parameters if p.location == location]


@dataclass
class Resource:
    """The operations of one tag: an attribute of the client and a module."""

    name: str  # attribute and module name: `projects_brands`
    class_name: str  # `ProjectsBrands`
    tag: str  # the spec's tag: `Projects/Brands`
    description: str
    operations: list[Operation]


SecurityKind = Literal["bearer", "basic", "api_key_header", "api_key_query", "api_key_cookie"]


@dataclass(frozen=True)
class SecurityScheme:
    name: str  # the spec's scheme name
    kind: SecurityKind
    parameter: str  # header/query/cookie name, or "Authorization"
    prefix: str  # sent before the credential: "Bearer ", or ""
    description: str = ""


@dataclass(frozen=True)
class ServerVariable:
    """A `{name}` in the server URL: a client argument with the spec's default (and values)."""

    name: str  # the client's keyword argument
    wire_name: str  # the placeholder in the URL
    default: str
    values: tuple[str, ...] = ()  # the `enum`, if the spec lists the values
    description: str = ""


@dataclass
class Api:
    title: str
    version: str
    description: str
    base_url: str
    package: str  # `migma_client`
    prefix: str  # `Migma`: names `MigmaClient`, `MigmaError`, `MIGMA_API_KEY`
    security: list[SecurityScheme]
    resources: list[Resource]
    models: list[Model]
    enums: list[Enum]
    unions: list[Union_]
    # `base_url` keeps the placeholders of these, filled from client arguments.
    server_variables: list[ServerVariable] = field(default_factory=list)

    @property
    def api_name(self) -> str:
        """The title as a noun phrase after "the": `Pets API`, but `Migma.ai API (v1)` as it is,
        and `The Jira Cloud platform REST API` without its own article."""
        title = re.sub(r"^the\s+(?=\S)", "", self.title, flags=re.IGNORECASE)
        return title if re.search(r"\bapi\b", title, re.IGNORECASE) else f"{title} API"

    @property
    def operations(self) -> list[Operation]:
        return [op for resource in self.resources for op in resource.operations]

    @property
    def operation_security(self) -> bool:
        """Whether some operation sends fewer credentials than every configured one."""
        return any(op.security is not None for op in self.operations)
