"""Stage 1 (load): the JSON types of the fields the model reads, checked before skeleton.py views them.

openapi-spec-validator's findings are only warnings (real specs break the schema in many
harmless ways), so the model must never meet a field of a type it cannot read: `info: 5`,
`servers: {}`, `responses: []` or `properties: "x"` would crash it, and a path item or
operation that is not an object would silently vanish. Each such field is an error naming
its pointer; fields read leniently (descriptions and flags by skeleton.py; `required`, `enum`
and most schema keywords by the model) are left to the validator's warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import pointer as pointer_module
from ..diagnostics import Problem, SpecError, pointer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_COMPONENTS = ("schemas", "responses", "parameters", "requestBodies", "headers", "securitySchemes")
# Keywords whose value is a schema, a list of schemas, or a map of schemas.
_ONE, _MANY, _MAP = ("items", "additionalProperties", "not"), ("allOf", "oneOf", "anyOf"), ("properties",)


def check(document: dict[str, Any], file: str) -> None:
    """Raise SpecError listing every field of the wrong type (each once)."""
    found = list(dict.fromkeys(_Checker(document).problems()))
    if found:
        raise SpecError([Problem("error", file, ptr, message) for ptr, message in found])


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, dict) else type(value).__name__


class _Checker:
    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        self.seen: set[str] = set()  # pointers of refs already followed

    def problems(self) -> Iterator[tuple[str, str]]:
        doc = self.doc
        yield from self.expect(doc, ("info", "components"), dict)
        yield from self.expect(doc, ("servers", "security", "tags"), list)
        for index, server in self.items(doc, "servers"):
            where = ("servers", index)
            if not isinstance(server, dict):
                yield self.wrong(where, server, "an object")
                continue
            yield from self.expect(server, ("variables",), dict, where)
            for name, variable in self.entries(server, "variables"):
                if not isinstance(variable, dict):
                    yield self.wrong((*where, "variables", name), variable, "an object")
        yield from self.requirements(doc, ())
        yield from self.paths()
        yield from self.components()

    # -- helpers -----------------------------------------------------------------

    @staticmethod
    def wrong(where: tuple[object, ...], value: Any, wanted: str) -> tuple[str, str]:
        last = where[-1] if where else "the document"
        name = f"entry {last}" if isinstance(last, int) else f"`{last}`"
        return pointer(*where), f"{name} must be {wanted}, not {_json_type(value)}"

    def expect(
        self, node: dict[str, Any], keys: tuple[str, ...], kind: type, where: tuple[object, ...] = ()
    ) -> Iterator[tuple[str, str]]:
        wanted = "an object" if kind is dict else "an array"
        for key in keys:
            if key in node and not isinstance(node[key], kind):
                yield self.wrong((*where, key), node[key], wanted)

    @staticmethod
    def items(node: Any, key: str) -> Iterator[tuple[int, Any]]:
        value = node.get(key) if isinstance(node, dict) else None
        return enumerate(value) if isinstance(value, list) else iter(())

    @staticmethod
    def entries(node: Any, key: str) -> Iterator[tuple[str, Any]]:
        value = node.get(key) if isinstance(node, dict) else None
        return iter(value.items()) if isinstance(value, dict) else iter(())

    def follow(self, node: Any, where: tuple[object, ...]) -> tuple[Any, tuple[object, ...]] | None:
        """The target of an internal `$ref` chain (with its location), or node itself; None
        when it was checked already (or the ref is not internal: the loader handled those)."""
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#") or ref in self.seen:
                return None
            self.seen.add(ref)
            try:
                node = pointer_module.resolve(self.doc, ref[1:])
            except KeyError:
                return None  # reported by the loader
            where = tuple(pointer_module.split(ref[1:]))
        return node, where

    # -- the document ------------------------------------------------------------

    def requirements(self, node: dict[str, Any], where: tuple[object, ...]) -> Iterator[tuple[str, str]]:
        for index, requirement in self.items(node, "security"):
            if not isinstance(requirement, dict):
                wanted = "an object (scheme names to scopes)"
                yield self.wrong((*where, "security", index), requirement, wanted)

    def paths(self) -> Iterator[tuple[str, str]]:
        for url, raw in self.entries(self.doc, "paths"):
            followed = self.follow(raw, ("paths", url))
            if followed is None:
                continue
            item, where = followed
            if not isinstance(item, dict):
                yield self.wrong(where, item, "an object (a path item)")
                continue
            yield from self.expect(item, ("parameters", "servers"), list, where)
            yield from self.parameters(item, where)
            for method in HTTP_METHODS:
                if method in item:
                    yield from self.operation(item[method], (*where, method))

    def operation(self, op: Any, where: tuple[object, ...]) -> Iterator[tuple[str, str]]:
        if not isinstance(op, dict):
            yield self.wrong(where, op, "an object (an operation)")
            return
        yield from self.expect(op, ("tags", "parameters", "security", "servers"), list, where)
        yield from self.expect(op, ("responses", "callbacks"), dict, where)
        yield from self.requirements(op, where)
        yield from self.parameters(op, where)
        if "requestBody" in op:
            yield from self.with_content(op["requestBody"], (*where, "requestBody"), "a request body")
        for status, response in self.entries(op, "responses"):
            yield from self.with_content(response, (*where, "responses", status), "a response")

    def parameters(self, node: dict[str, Any], where: tuple[object, ...]) -> Iterator[tuple[str, str]]:
        for index, raw in self.items(node, "parameters"):
            yield from self.parameter(raw, (*where, "parameters", index))

    def parameter(self, raw: Any, where: tuple[object, ...]) -> Iterator[tuple[str, str]]:
        followed = self.follow(raw, where)
        if followed is None:
            return
        param, where = followed
        if not isinstance(param, dict):
            yield self.wrong(where, param, "an object (a parameter)")
            return
        for key in ("name", "in"):
            if key in param and not isinstance(param[key], str):
                yield self.wrong((*where, key), param[key], "a string")
        yield from self.content(param, where)
        if "schema" in param:
            yield from self.schema(param["schema"], (*where, "schema"))

    def with_content(self, raw: Any, where: tuple[object, ...], what: str) -> Iterator[tuple[str, str]]:
        """A request body or response: an object whose `content` maps media types to objects."""
        followed = self.follow(raw, where)
        if followed is None:
            return
        node, where = followed
        if not isinstance(node, dict):
            yield self.wrong(where, node, f"an object ({what})")
            return
        yield from self.expect(node, ("headers",), dict, where)
        yield from self.content(node, where)
        for name, header in self.entries(node, "headers"):
            followed = self.follow(header, (*where, "headers", name))
            if followed is not None and isinstance(followed[0], dict) and "schema" in followed[0]:
                yield from self.schema(followed[0]["schema"], (*followed[1], "schema"))

    def content(self, node: dict[str, Any], where: tuple[object, ...]) -> Iterator[tuple[str, str]]:
        yield from self.expect(node, ("content",), dict, where)
        for media_type, media in self.entries(node, "content"):
            at = (*where, "content", media_type)
            if not isinstance(media, dict):
                yield self.wrong(at, media, "an object (a media type)")
            elif "schema" in media:
                yield from self.schema(media["schema"], (*at, "schema"))

    def components(self) -> Iterator[tuple[str, str]]:
        components = self.doc.get("components")
        if not isinstance(components, dict):
            return
        yield from self.expect(components, _COMPONENTS, dict, ("components",))
        for name, schema in self.entries(components, "schemas"):
            yield from self.schema(schema, ("components", "schemas", name))
        for name, param in self.entries(components, "parameters"):
            yield from self.parameter(param, ("components", "parameters", name))
        for kind, what in (("responses", "a response"), ("requestBodies", "a request body")):
            for name, node in self.entries(components, kind):
                yield from self.with_content(node, ("components", kind, name), what)
        for name, raw in self.entries(components, "securitySchemes"):
            followed = self.follow(raw, ("components", "securitySchemes", name))
            if followed is None:
                continue
            scheme, where = followed
            if not isinstance(scheme, dict):
                yield self.wrong(where, scheme, "an object (a security scheme)")
                continue
            for key in ("type", "in", "name", "scheme"):
                if key in scheme and not isinstance(scheme[key], str):
                    yield self.wrong((*where, key), scheme[key], "a string")

    def schema(self, raw: Any, where: tuple[object, ...]) -> Iterator[tuple[str, str]]:
        """A schema and every schema below it (iteratively: schemas nest deeply)."""
        stack = [(raw, where)]
        while stack:
            node, at = stack.pop()
            followed = self.follow(node, at)
            if followed is None or not isinstance(followed[0], dict):
                continue  # a non-object schema is typed Any, with a warning
            node, at = followed
            if "properties" in node and not isinstance(node["properties"], dict):
                yield self.wrong((*at, "properties"), node["properties"], "an object (names to schemas)")
            if "allOf" in node and not isinstance(node["allOf"], list):  # merged, so read as a list
                yield self.wrong((*at, "allOf"), node["allOf"], "an array of schemas")
            for key in _ONE:
                if isinstance(node.get(key), dict):
                    stack.append((node[key], (*at, key)))
            for key in _MANY:
                for index, part in self.items(node, key):
                    stack.append((part, (*at, key, index)))
            for key in _MAP:
                for name, part in self.entries(node, key):
                    stack.append((part, (*at, key, name)))
