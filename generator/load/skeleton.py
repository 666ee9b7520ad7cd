"""Stage 1 (load): the document's skeleton as typed, read-only values, the only way the model reads it.

Paths, operations, parameters, request bodies, responses, media types, servers, security
requirements and schemes, components: frozen dataclasses, each carrying its JSON pointer (where
its `$ref` chain ends). `read` first checks the JSON type of every field read here (`shape.py`: a
wrong type is one error naming its pointer, exit 2), so building the view never meets one.
Fields the validator only warns about are read leniently, as real specs are sloppy: text that is
not a string is empty, a flag is its truthiness. Schemas stay JSON (dicts): the model reads them
by their own rules, following refs through `Document.raw`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import pointer as pointer_module
from . import shape

HTTP_METHODS = shape.HTTP_METHODS

Requirement = tuple[str, ...]  # the scheme names of one security requirement (any one suffices)


@dataclass(frozen=True)
class MediaType:
    pointer: str  # `.../content/application~1json`
    media_type: str
    schema: Any  # the raw schema; None when there is none

    @property
    def schema_pointer(self) -> str:
        return pointer_module.join(self.pointer, "schema")


@dataclass(frozen=True)
class RequestBody:
    pointer: str
    required: bool
    description: str
    content: tuple[MediaType, ...]


@dataclass(frozen=True)
class Response:
    pointer: str
    status: str  # as written: "200", "2xx", "default"
    description: str
    content: tuple[MediaType, ...]


@dataclass(frozen=True)
class Parameter:
    pointer: str
    name: str
    location: str  # as written: "path", "query", "header", "cookie", or one the model skips
    schema: Any  # its `schema`, else its first `content` entry's (None: neither)
    description: str
    required: bool
    deprecated: bool
    style: str | None  # None: not given (or empty)
    explode: bool | None  # None: not given


@dataclass(frozen=True)
class ServerVariable:
    pointer: str
    name: str
    default: str | None  # None: not given
    values: tuple[str, ...]  # its `enum`
    description: str


@dataclass(frozen=True)
class Server:
    pointer: str
    url: str  # "" for an entry that is not an object (only operations' servers are unchecked)
    variables: tuple[ServerVariable, ...]


@dataclass(frozen=True)
class Operation:
    pointer: str
    path: str
    method: str  # lower case, as in the spec
    operation_id: str | None  # None: missing, blank or not a string
    tags: tuple[str, ...]
    summary: str
    description: str
    deprecated: bool
    parameters: tuple[Parameter, ...]  # its own, after its path item's
    request_body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[Requirement, ...] | None  # None: the document's apply
    servers: tuple[Server, ...]  # its own, else its path item's
    callbacks: bool  # whether it declares any (they are not generated)


@dataclass(frozen=True)
class PathItem:
    pointer: str
    path: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class SecurityScheme:
    pointer: str
    name: str
    type: str | None
    scheme: str | None  # for `http`: basic, bearer
    location: str | None  # `in`, for `apiKey`
    parameter: str | None  # `name`, for `apiKey`
    description: str


@dataclass(frozen=True)
class Tag:
    pointer: str
    name: str
    description: str


@dataclass(frozen=True)
class Info:
    pointer: str
    title: str
    version: str
    description: str


@dataclass(frozen=True)
class Components:
    pointer: str
    schemas: tuple[str, ...]  # the names under `/components/schemas`, in order
    security_schemes: tuple[SecurityScheme, ...]

    def security_scheme(self, name: str) -> SecurityScheme | None:
        return next((s for s in self.security_schemes if s.name == name), None)


@dataclass(frozen=True)
class Document:
    raw: dict[str, Any]  # the whole document, for schemas and the refs between them
    openapi: str
    info: Info
    servers: tuple[Server, ...]
    security: tuple[Requirement, ...]
    tags: tuple[Tag, ...]
    paths: tuple[PathItem, ...]
    components: Components
    webhooks: bool  # whether it declares any (they are not generated)
    pointer: str = ""

    @property
    def operations(self) -> Iterator[Operation]:
        return (op for item in self.paths for op in item.operations)


def read(document: dict[str, Any], file: str) -> Document:
    """The skeleton of a bundled document; SpecError (via shape.check) listing every field of
    the wrong type."""
    shape.check(document, file)
    return _Reader(document).document()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class _Reader:
    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document

    def deref(self, node: Any, ptr: str) -> tuple[Any, str]:
        return pointer_module.deref(self.doc, node, ptr)

    def document(self) -> Document:
        doc = self.doc
        info = _dict(doc.get("info"))
        components = _dict(doc.get("components"))
        return Document(
            raw=doc,
            openapi=str(doc.get("openapi", "")),
            info=Info(
                "/info",
                _text(info.get("title")),
                str(info.get("version", "")),
                _text(info.get("description")),
            ),
            servers=self.servers(doc.get("servers"), "/servers"),
            security=self.requirements(doc.get("security")),
            tags=tuple(
                Tag(pointer_module.build("tags", index), str(t.get("name")), _text(t.get("description")))
                for index, t in enumerate(_list(doc.get("tags")))
                if isinstance(t, dict)
            ),
            paths=tuple(self.path_items()),
            components=Components(
                "/components",
                tuple(str(name) for name in _dict(components.get("schemas"))),
                tuple(self.security_schemes(_dict(components.get("securitySchemes")))),
            ),
            webhooks=bool(doc.get("webhooks")),
        )

    # -- paths and operations ----------------------------------------------------

    def path_items(self) -> Iterator[PathItem]:
        for path, raw in _dict(self.doc.get("paths")).items():
            item, ptr = self.deref(raw, pointer_module.build("paths", path))
            if not isinstance(item, dict):
                continue  # reported by shape.py, unless it is a ref's loop
            common = self.parameters(item, ptr)
            operations = tuple(
                self.operation(str(path), method, item, ptr, common)
                for method in HTTP_METHODS
                if isinstance(item.get(method), dict)
            )
            yield PathItem(ptr, str(path), operations)

    def operation(
        self, path: str, method: str, item: dict[str, Any], item_ptr: str, common: tuple[Parameter, ...]
    ) -> Operation:
        spec = item[method]
        ptr = pointer_module.join(item_ptr, method)
        op_id = spec.get("operationId")
        body = spec.get("requestBody")
        return Operation(
            pointer=ptr,
            path=path,
            method=method,
            operation_id=op_id if isinstance(op_id, str) and op_id.strip() else None,
            tags=tuple(str(tag) for tag in _list(spec.get("tags"))),
            summary=_text(spec.get("summary")),
            description=_text(spec.get("description")),
            deprecated=bool(spec.get("deprecated")),
            parameters=common + self.parameters(spec, ptr),
            request_body=None
            if body is None
            else self.request_body(body, pointer_module.join(ptr, "requestBody")),
            responses=tuple(
                response
                for status, raw in _dict(spec.get("responses")).items()
                if (
                    response := self.response(str(status), raw, pointer_module.join(ptr, "responses", status))
                )
            ),
            security=self.requirements(spec["security"]) if "security" in spec else None,
            servers=self.servers(
                spec.get("servers") or item.get("servers"), pointer_module.join(ptr, "servers")
            ),
            callbacks=bool(spec.get("callbacks")),
        )

    def parameters(self, node: dict[str, Any], ptr: str) -> tuple[Parameter, ...]:
        found = []
        for index, raw in enumerate(_list(node.get("parameters"))):
            param, pptr = self.deref(raw, pointer_module.join(ptr, "parameters", index))
            if isinstance(param, dict) and "name" in param and "in" in param:
                found.append(self.parameter(param, pptr))
        return tuple(found)

    @staticmethod
    def parameter(param: dict[str, Any], ptr: str) -> Parameter:
        schema = param.get("schema")
        content = param.get("content")
        if schema is None and isinstance(content, dict) and content:
            schema = next(iter(content.values())).get("schema")
        style = param.get("style")
        return Parameter(
            pointer=ptr,
            name=str(param["name"]),
            location=str(param["in"]),
            schema=schema,
            description=_text(param.get("description")),
            required=bool(param.get("required")),
            deprecated=bool(param.get("deprecated")),
            style=str(style) if style else None,
            explode=bool(param["explode"]) if "explode" in param else None,
        )

    def request_body(self, raw: Any, ptr: str) -> RequestBody | None:
        body, ptr = self.deref(raw, ptr)
        if not isinstance(body, dict):
            return None
        return RequestBody(
            ptr, bool(body.get("required")), _text(body.get("description")), self.content(body, ptr)
        )

    def response(self, status: str, raw: Any, ptr: str) -> Response | None:
        response, ptr = self.deref(raw, ptr)
        if not isinstance(response, dict):
            return None
        return Response(ptr, status, _text(response.get("description")), self.content(response, ptr))

    @staticmethod
    def content(node: dict[str, Any], ptr: str) -> tuple[MediaType, ...]:
        return tuple(
            MediaType(
                pointer_module.join(ptr, "content", media_type), str(media_type), _dict(media).get("schema")
            )
            for media_type, media in _dict(node.get("content")).items()
        )

    # -- servers and security ----------------------------------------------------

    @staticmethod
    def servers(raw: Any, ptr: str) -> tuple[Server, ...]:
        found = []
        for index, server in enumerate(_list(raw)):
            at = pointer_module.join(ptr, index)
            if not isinstance(server, dict):
                found.append(Server(at, "", ()))
                continue
            variables = []
            for name, var in _dict(server.get("variables")).items():
                var = _dict(var)
                values = tuple(str(v) for v in _list(var.get("enum")) if isinstance(v, (str, int, float)))
                default = str(var["default"]) if "default" in var else None
                where = pointer_module.join(at, "variables", name)
                variables.append(
                    ServerVariable(where, str(name), default, values, _text(var.get("description")))
                )
            found.append(Server(at, str(server.get("url", "")), tuple(variables)))
        return tuple(found)

    @staticmethod
    def requirements(raw: Any) -> tuple[Requirement, ...]:
        return tuple(tuple(str(name) for name in req) for req in _list(raw) if isinstance(req, dict))

    def security_schemes(self, schemes: dict[str, Any]) -> Iterator[SecurityScheme]:
        for name, raw in schemes.items():
            spec, ptr = self.deref(raw, pointer_module.build("components", "securitySchemes", name))
            if not isinstance(spec, dict):
                continue  # reported by shape.py; a requirement naming it is warned about
            yield SecurityScheme(
                pointer=ptr,
                name=str(name),
                type=spec.get("type"),
                scheme=spec.get("scheme"),
                location=spec.get("in"),
                parameter=spec.get("name"),
                description=_text(spec.get("description")),
            )
