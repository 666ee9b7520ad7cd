"""Stage 1: read a spec (JSON or YAML), check it, bundle other files' `$ref` targets in, and
view its skeleton (load/skeleton.py).

Internal `$ref`s are kept as they are: the model stage follows them itself, which is
how component names survive (a ref to `#/components/schemas/ApiError` becomes a
class `ApiError`) and how recursive schemas become recursive models.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .. import gcpause, safeio
from .. import pointer as pointer_module
from ..diagnostics import Diagnostics, SpecError, pointer
from . import skeleton


@dataclass
class LoadedSpec:
    """What the load stage hands on, as plain values: the bundled document, the files it read,
    and its findings so far. Validation is not started here (the pipeline runs it, and joins
    it in the function that started it)."""

    document: dict[str, Any]  # with other files' `$ref` targets bundled in
    path: Path
    raw: bytes  # the root file's bytes, as read
    diagnostics: Diagnostics
    files: list[Path]  # every file read: the root first
    original: dict[str, Any]  # the root document before bundling: what the validator checks
    skeleton: skeleton.Document  # the typed view of `document` the model reads

    @property
    def cacheable(self) -> bool:
        """Whether validation findings may be cached by the root file's bytes (one file only)."""
        return len(self.files) == 1


def load(path: Path, allow_ref_dirs: Sequence[Path] = (), raw: bytes | None = None) -> LoadedSpec:
    """Read, normalise and resolve external refs; raise SpecError if impossible.

    `$ref`s may reach files in the spec's folder and below, and in `allow_ref_dirs`; `raw`:
    the root file's bytes, if the caller has already read them."""
    diags = Diagnostics(str(path))
    if raw is None:
        raw = _read_bytes(path)
    document = parse_normalised(raw, path, diags)
    # Refs are checked first: the validator must never be the one to follow a remote ref.
    files = _check_refs(document, path, diags, allow_ref_dirs)
    bundled = _bundle_external(document, path, files) if len(files) > 1 else document
    view = skeleton.read(bundled, str(path))  # before the validator: a wrong type is an error
    return LoadedSpec(bundled, path, raw, diags, list(files), document, view)


def parse_normalised(raw: bytes, path: Path, diags: Diagnostics) -> Any:
    """The root document as the validator checks it (`LoadedSpec.original`): parsed, checked to
    be OpenAPI 3 of a sane size, and repaired (see _normalise), the repairs reported to diags."""
    document = parse_document(raw, path)
    _check_openapi_version(document, path)
    if not _is_json(raw, path):  # only YAML aliases can share (and so multiply) nodes
        _check_size(document, path)
    _normalise(document, diags, (), _has_surrogates(raw))
    return document


def _read_bytes(path: Path) -> bytes:
    try:
        return safeio.read_bytes(path)
    except OSError as exc:
        raise SpecError.single(str(path), "", f"cannot read file: {exc.strerror or exc}") from None


# A JSON or YAML escape of a UTF-16 surrogate (`\ud800`): the only way one gets into a
# document, since a lone surrogate is not valid UTF-8. Checked on the bytes to skip the walk.
_SURROGATE_ESCAPE = re.compile(rb"\\(u|U0000)[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Python refuses to convert longer integer literals (a guard against quadratic-time parsing).
_LONG_NUMBER = re.compile(r"\d{4301,}")


def _has_surrogates(raw: bytes) -> bool:
    return _SURROGATE_ESCAPE.search(raw) is not None


def _clean_text(text: str) -> str:
    """Lone surrogates (half a UTF-16 pair) cannot be written as UTF-8: U+FFFD instead."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _is_json(raw: bytes, path: Path) -> bool:
    """Whether parse_document reads raw as JSON (by its name, else by its first character)."""
    return path.suffix.lower() == ".json" or raw.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def parse_document(raw: bytes, path: Path) -> Any:
    """Parse JSON or YAML bytes; errors name the file and the line."""
    file = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError.single(file, "", f"not UTF-8 text (byte {exc.start})") from None
    if _is_json(raw, path):
        try:
            with gcpause.paused():  # a parsed document has no cycles: collections only cost
                return json.loads(text)
        except json.JSONDecodeError as exc:
            msg = f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            raise SpecError.single(file, "", msg) from None
        except RecursionError:
            raise SpecError.single(file, "", "the document is nested too deeply; refused") from None
        except ValueError as exc:  # an integer too long to convert
            raise SpecError.single(file, "", _value_error(text, exc, "JSON")) from None
    import yaml  # here: a JSON spec need not pay for importing it (~15 ms)

    # libyaml's C loader is several times faster than the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with gcpause.paused():  # aliases may make cycles, collected once the run goes on
            return yaml.load(text, Loader=loader)
    except RecursionError:
        raise SpecError.single(file, "", "the document is nested too deeply; refused") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SpecError.single(file, "", f"invalid YAML{where}: {problem}") from None
    except ValueError as exc:  # an integer too long to convert, a date like 2022-13-45
        raise SpecError.single(file, "", _value_error(text, exc, "YAML")) from None


def _value_error(text: str, exc: ValueError, kind: str) -> str:
    found = _LONG_NUMBER.search(text)
    if found is None or "digits" not in str(exc):
        return f"invalid {kind}: {str(exc).splitlines()[0][:200]}"
    line = text.count("\n", 0, found.start()) + 1
    return f"the number at line {line} has more than 4,300 digits (Python's limit for integers); refused"


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


# Far above any real document (Stripe's is ~0.5 million values), far below what YAML
# aliases can expand to (a "billion laughs" document shares nodes by reference).
MAX_VALUES = 20_000_000


def _check_size(document: Any, path: Path) -> None:
    """Refuse documents whose YAML aliases expand beyond MAX_VALUES values (counted once per node)."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Any) -> int:
        if not isinstance(node, (dict, list)):
            return 1
        if id(node) in active:
            raise SpecError.single(str(path), "", "the document contains itself (a YAML alias loop); refused")
        if id(node) not in sizes:
            active.add(id(node))
            children = node.values() if isinstance(node, dict) else node
            sizes[id(node)] = min(MAX_VALUES + 1, 1 + sum(size(child) for child in children))
            active.discard(id(node))
        return sizes[id(node)]

    try:
        total = size(document)
    except RecursionError:
        raise SpecError.single(str(path), "", "the document is nested too deeply; refused") from None
    if total > MAX_VALUES:
        raise SpecError.single(
            str(path), "", f"the document expands to over {MAX_VALUES:,} values (YAML aliases?); refused"
        )


def _normalise(
    node: Any, diags: Diagnostics, where: tuple[str, ...], surrogates: bool, file: str | None = None
) -> None:
    """Repair what real specs often get wrong but is still clear in meaning.

    `surrogates`: the text may hold lone surrogates; each string holding one is repaired."""
    if isinstance(node, dict):
        for key in [k for k in node if not isinstance(k, str)]:
            # YAML reads `200:` as an integer; OpenAPI keys are always strings.
            text = str(key).lower() if isinstance(key, bool) else str(key)
            diags.warn(pointer(*where, text), f"key {key!r} is not a string; read as {text!r}", file)
            node[text] = node.pop(key)
        if surrogates:
            for key in [k for k in node if _LONE_SURROGATE.search(k)]:
                clean = _clean_text(key)
                message = "key holds a lone UTF-16 surrogate; replaced by U+FFFD"
                diags.warn(pointer(*where, clean), message, file)
                node[clean] = node.pop(key)
        required = node.get("required")
        if isinstance(required, list) and len(set(map(str, required))) != len(required):
            diags.warn(pointer(*where, "required"), "duplicate entries in `required` dropped", file)
            node["required"] = list(dict.fromkeys(required))
        for key, value in node.items():
            # Scalars need no call of their own (most of a spec's values are scalars).
            if isinstance(value, (dict, list)):
                _normalise(value, diags, (*where, key), surrogates, file)
            elif surrogates and isinstance(value, str) and _LONE_SURROGATE.search(value):
                node[key] = _repaired(value, diags, (*where, key), file)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, (dict, list)):
                _normalise(value, diags, (*where, str(index)), surrogates, file)
            elif surrogates and isinstance(value, str) and _LONE_SURROGATE.search(value):
                node[index] = _repaired(value, diags, (*where, str(index)), file)


def _repaired(value: str, diags: Diagnostics, where: tuple[str, ...], file: str | None) -> str:
    diags.warn(pointer(*where), "text holds a lone UTF-16 surrogate (not Unicode); replaced by U+FFFD", file)
    return _clean_text(value)


def iter_refs(node: Any, where: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Yield (location, ref) for every `$ref` string below node."""
    path = list(where)  # one list, grown and shrunk on the way: a location is built only for a ref

    def walk(node: Any) -> Iterator[tuple[tuple[str, ...], str]]:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield tuple(path), ref
            children: Iterable[tuple[Any, Any]] = node.items()
        else:
            children = enumerate(node)
        for key, value in children:
            if isinstance(value, (dict, list)) and key != "$ref":
                path.append(str(key))
                yield from walk(value)
                path.pop()

    if isinstance(node, (dict, list)):
        yield from walk(node)


resolve_pointer = pointer_module.resolve  # the loader's name for it, kept for its callers


def _check_refs(
    document: dict[str, Any], path: Path, diags: Diagnostics, allow_ref_dirs: Sequence[Path]
) -> dict[Path, Any]:
    """Refuse remote, dangling and self-referencing refs, and refs to files outside the spec's
    folder (and `allow_ref_dirs`); return every document by path."""
    problems: list[SpecError] = []
    start = path.resolve()
    documents: dict[Path, Any] = {start: document}
    roots = [start.parent, *(Path(d).resolve() for d in allow_ref_dirs)]
    queue = [start]
    seen = set(queue)
    followed: set[tuple[Path, str]] = set()  # a spec names the same target many times: check it once
    while queue:
        current = queue.pop()
        for where, ref in iter_refs(documents[current]):

            def site(where: tuple[str, ...] = where, current: Path = current) -> tuple[str, str]:
                return (str(current if current != start else path), pointer(*where))

            target_file, _, fragment = ref.partition("#")
            if "://" in target_file or target_file.startswith("//"):
                problems.append(
                    SpecError.single(
                        *site(),
                        f"remote $ref {ref!r} refused: oagen never fetches over the network; "
                        "download the file and refer to it by a relative path",
                    )
                )
                continue
            target = (current.parent / unquote(target_file)).resolve() if target_file else current
            if target_file and not any(target.is_relative_to(root) for root in roots):
                # Never read: a spec must not make oagen read (and echo) files it has no business with.
                problems.append(SpecError.single(*site(), _outside(ref, roots[0])))
                continue
            if target not in documents:
                try:
                    documents[target] = _external(target, diags)
                except SpecError as exc:
                    problems.append(SpecError.single(*site(), f"$ref {ref!r}: {exc.problems[0].message}"))
                    continue
            if target not in seen:
                seen.add(target)
                queue.append(target)
            if (target, fragment) in followed:
                continue
            try:
                _follow(documents[target], fragment, ref)
                followed.add((target, fragment))
            except KeyError:
                problems.append(SpecError.single(*site(), f"$ref {ref!r} points at nothing"))
            except RecursionError:
                problems.append(SpecError.single(*site(), f"$ref {ref!r} points at itself"))
    if problems:
        raise SpecError([p for error in problems for p in error.problems])
    return documents


def _outside(ref: str, root: Path) -> str:
    return (
        f"$ref {ref!r} leaves the spec's folder {root} (a path outside it, or a symlink out); refused: "
        "allow another folder with --allow-ref-dir DIR (allow_ref_dirs in [tool.oagen])"
    )


def _external(target: Path, diags: Diagnostics) -> Any:
    """Another file a ref reaches, read and repaired like the root (aliases checked first)."""
    raw = _read_bytes(target)
    document = parse_document(raw, target)
    if not _is_json(raw, target):
        _check_size(document, target)
    _normalise(document, diags, (), _has_surrogates(raw), str(target))
    return document


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


# Keys below which a `$ref` names a schema (rather than a parameter, response, ...).
_SCHEMA_KEYS = frozenset(
    {"schema", "schemas", "items", "properties", "additionalProperties", "allOf", "oneOf", "anyOf", "not"}
)


def _bundle_external(document: dict[str, Any], path: Path, files: dict[Path, Any]) -> dict[str, Any]:
    """Bring other files' targets into one document.

    Schemas become components named as their authors named them (`schemas/pet.yaml#/Pet`
    becomes `#/components/schemas/Pet`), so classes keep those names and recursion
    stays a reference; other objects (parameters, responses) are inlined.
    prance's translator was tried first, but it files `pet.yaml#/Pet` and
    `pet.yaml#/Tag` under one key, so it cannot be used here.
    """
    root = path.resolve()
    existing = set((document.get("components") or {}).get("schemas") or {})
    added: dict[str, Any] = {}
    names: dict[tuple[Path, str], str] = {}

    def schema_name(file: Path, fragment: str) -> str:
        if (file, fragment) in names:
            return names[(file, fragment)]
        base = unquote(fragment.rstrip("/").rsplit("/", 1)[-1]) if fragment.strip("/") else file.stem
        name, n = base, 2
        while name in existing or name in added:
            name, n = f"{base}{n}", n + 1
        names[(file, fragment)] = name
        added[name] = {}  # reserved before walking, so recursive refs find the name
        added[name] = walk(resolve_pointer(files[file], fragment), file, ("components", "schemas", name))
        return name

    def walk(node: Any, file: Path, where: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(v, file, (*where, str(i))) for i, v in enumerate(node)]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str):
            target_name, _, fragment = ref.partition("#")
            target = (file.parent / unquote(target_name)).resolve() if target_name else file
            if target == root:
                return {**node, "$ref": "#" + fragment}
            if _SCHEMA_KEYS.intersection(where) or "/schemas/" in fragment or "/definitions/" in fragment:
                name = schema_name(target, fragment)
                return {**node, "$ref": "#/components/schemas/" + pointer_module.escape(name)}
            if (target, fragment) in inlining:
                # A parameter or response whose `examples` (say) lead back to it: inlining never ends.
                raise SpecError.single(
                    str(path), pointer(*where), f"$ref {ref!r} (in {file.name}) leads back to itself; refused"
                )
            inlining.append((target, fragment))
            inlined = walk(resolve_pointer(files[target], fragment), target, where)
            inlining.pop()
            return inlined
        return {k: walk(v, file, (*where, str(k))) for k, v in node.items()}

    inlining: list[tuple[Path, str]] = []
    try:
        bundled: dict[str, Any] = walk(document, root, ())
    except RecursionError:
        message = "the referenced files nest too deeply to bundle; refused"
        raise SpecError.single(str(path), "", message) from None
    if added:
        components = bundled.setdefault("components", {})
        components["schemas"] = {**(components.get("schemas") or {}), **added}
    return bundled
