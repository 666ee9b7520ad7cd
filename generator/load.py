"""Stage 1: read a spec (JSON or YAML), check it, and bring external `$ref`s in.

Internal `$ref`s are kept as they are: the model stage follows them itself, which is
how component names survive (a ref to `#/components/schemas/ApiError` becomes a
class `ApiError`) and how recursive schemas become recursive models.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .diagnostics import Diagnostics, SpecError, pointer

try:  # libyaml's C loader is several times faster than the pure-Python one.
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _YamlLoader = yaml.SafeLoader


@dataclass
class LoadedSpec:
    document: dict[str, Any]
    path: Path
    raw: bytes
    diagnostics: Diagnostics


def load(path: Path) -> LoadedSpec:
    """Read, normalise, validate and resolve external refs; raise SpecError if impossible."""
    diags = Diagnostics(str(path))
    raw = _read_bytes(path)
    document = parse_document(raw, path)
    _check_openapi_version(document, path)
    _normalise(document, diags, ())
    _validate(document, diags)
    external = _check_refs(document, path)
    if external:
        document = _translate_external(document, path)
    return LoadedSpec(document, path, raw, diags)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SpecError.single(str(path), "", f"cannot read file: {exc.strerror or exc}") from None


def parse_document(raw: bytes, path: Path) -> Any:
    """Parse JSON or YAML bytes; errors name the file and the line."""
    file = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError.single(file, "", f"not UTF-8 text (byte {exc.start})") from None
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            msg = f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            raise SpecError.single(file, "", msg) from None
    try:
        return yaml.load(text, Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SpecError.single(file, "", f"invalid YAML{where}: {problem}") from None


def _check_openapi_version(document: Any, path: Path) -> None:
    file = str(path)
    if not isinstance(document, dict):
        raise SpecError.single(file, "", "not an OpenAPI document: the top level is not an object")
    if "swagger" in document:
        raise SpecError.single(
            file,
            "/swagger",
            f"Swagger {document['swagger']} is not supported; convert the document to "
            "OpenAPI 3 first (for example with `npx swagger2openapi IN -o OUT.yaml`)",
        )
    version = document.get("openapi")
    if not isinstance(version, str) or not version.startswith("3."):
        found = "missing" if version is None else repr(version)
        raise SpecError.single(file, "/openapi", f"not an OpenAPI 3.x document (`openapi` is {found})")
    if not isinstance(document.get("paths", {}), dict):
        raise SpecError.single(file, "/paths", "`paths` must be an object")


def _normalise(node: Any, diags: Diagnostics, where: tuple[str, ...]) -> None:
    """Repair what real specs often get wrong but is still clear in meaning."""
    if isinstance(node, dict):
        for key in [k for k in node if not isinstance(k, str)]:
            # YAML reads `200:` as an integer; OpenAPI keys are always strings.
            text = str(key).lower() if isinstance(key, bool) else str(key)
            diags.warn(pointer(*where, text), f"key {key!r} is not a string; read as {text!r}")
            node[text] = node.pop(key)
        required = node.get("required")
        if isinstance(required, list) and len(set(map(str, required))) != len(required):
            diags.warn(pointer(*where, "required"), "duplicate entries in `required` dropped")
            node["required"] = list(dict.fromkeys(required))
        for key, value in node.items():
            _normalise(value, diags, (*where, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _normalise(value, diags, (*where, str(index)))


def _validate(document: dict[str, Any], diags: Diagnostics) -> None:
    """Run openapi-spec-validator once on the unresolved document; findings are warnings."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    is_31 = str(document.get("openapi", "")).startswith("3.1")
    validator_cls: Any = OpenAPIV31SpecValidator if is_31 else OpenAPIV30SpecValidator
    try:
        errors = list(validator_cls(document).iter_errors())
    except Exception as exc:  # the validator can trip over documents it cannot walk
        diags.warn("", f"validator could not finish: {type(exc).__name__}: {exc}")
        return
    for error in errors:
        message = str(getattr(error, "message", error)).splitlines()[0]
        if len(message) > 200:
            message = message[:197] + "..."
        path = getattr(error, "path", ()) or ()
        diags.warn(pointer(*path), f"invalid per the OpenAPI schema: {message}")


def iter_refs(node: Any, where: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Yield (location, ref) for every `$ref` string below node."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield where, ref
        for key, value in node.items():
            if key != "$ref":
                yield from iter_refs(value, (*where, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from iter_refs(value, (*where, str(index)))


def resolve_pointer(document: Any, fragment: str) -> Any:
    """Follow a JSON pointer fragment (`/components/schemas/A`); KeyError if absent."""
    node = document
    if not fragment:
        return node
    for part in fragment.lstrip("/").split("/"):
        part = unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(fragment)
    return node


def _check_refs(document: dict[str, Any], path: Path) -> bool:
    """Refuse remote, dangling and self-referencing refs; return whether any are external."""
    problems: list[SpecError] = []
    external = False
    documents: dict[Path, Any] = {path.resolve(): document}
    queue = [path.resolve()]
    seen = set(queue)
    while queue:
        current = queue.pop()
        for where, ref in iter_refs(documents[current]):
            site = (str(current if current != path.resolve() else path), pointer(*where))
            target_file, _, fragment = ref.partition("#")
            if "://" in target_file or target_file.startswith("//"):
                problems.append(
                    SpecError.single(
                        *site,
                        f"remote $ref {ref!r} refused: oagen never fetches over the network; "
                        "download the file and refer to it by a relative path",
                    )
                )
                continue
            target = (current.parent / unquote(target_file)).resolve() if target_file else current
            if target not in documents:
                external = True
                try:
                    documents[target] = parse_document(_read_bytes(target), target)
                except SpecError as exc:
                    problems.append(SpecError.single(*site, f"$ref {ref!r}: {exc.problems[0].message}"))
                    continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
            try:
                _follow(documents[target], fragment, ref)
            except KeyError:
                problems.append(SpecError.single(*site, f"$ref {ref!r} points at nothing"))
            except RecursionError:
                problems.append(SpecError.single(*site, f"$ref {ref!r} points at itself"))
    if problems:
        raise SpecError([p for error in problems for p in error.problems])
    return external


def _follow(document: Any, fragment: str, ref: str) -> None:
    """Resolve a local fragment through chains of pure refs, detecting loops."""
    visited: set[str] = set()
    while True:
        if fragment in visited:
            raise RecursionError(ref)
        visited.add(fragment)
        node = resolve_pointer(document, fragment)
        nxt = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(nxt, str) or not nxt.startswith("#"):
            return
        fragment = nxt[1:]


def _translate_external(document: dict[str, Any], path: Path) -> dict[str, Any]:
    """Pull schemas from other files into components with prance's translator.

    Prance names them `<file>_<pointer parts>`; we rename each to its last pointer
    part (`Pet`) where that is free, so classes get the names their authors gave.
    """
    from prance.util.translator import _RefTranslator

    translator = _RefTranslator(document, path.resolve().as_uri())
    translator.translate_references()
    translated: dict[str, Any] = translator.specs
    schemas = translated.get("components", {}).get("schemas", {})
    original = set(document.get("components", {}).get("schemas", {}))
    renames: dict[str, str] = {}
    for key in sorted(set(schemas) - original):
        short = _short_name(key)
        if short not in schemas and short not in renames.values():
            renames[key] = short
    if renames:
        text = json.dumps(translated)
        for old, new in renames.items():
            text = text.replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
        translated = json.loads(text)
        schemas = translated["components"]["schemas"]
        for old, new in renames.items():
            schemas[new] = schemas.pop(old)
    return translated


def _short_name(key: str) -> str:
    """`common.yaml_schemas_Error` -> `Error`; a whole-file ref `pet.yaml_` -> `pet`."""
    for ext in (".json_", ".yaml_", ".yml_"):
        file, found, rest = key.partition(ext)
        if found:
            for prefix in ("components_schemas_", "schemas_", "definitions_"):
                rest = rest.removeprefix(prefix)
            return rest or Path(file).name
    return key
