"""Stage 1 (load): openapi-spec-validator, run as little as possible; its findings are warnings.

On large specs validation takes longer than every other stage before formatting, so:

- Findings are cached by the spec's sha256 (and the validator's version): an unchanged spec
  is not validated again, and a hit does not even import the validator.
- A spec that differs from a known one only in some path items is validated as a reduced
  document: those path items, the components they reach, and everything outside `paths` and
  `components`. This gives the whole spec's findings because the validator checks path items
  independently of each other, with one exception, duplicate operationIds, which is checked
  here first (any duplicate means a full validation, so the validator's message is kept).
  Each path item's findings are cached per "context" (everything but `paths`, so a change to
  a component, `info` or `servers` validates the whole spec again), when every finding lies
  in a path item's own text: a problem met through a `$ref` is reported once, where the
  validator first reaches it, so it belongs to no single path item and the whole spec is
  validated after any change.
- A spec that misses both caches is validated in a forked child while the other stages run
  (with a second core; a small spec too: importing the validator is most of its cost), and
  `Pending.result()` joins it before anything is written. `generate` starts that child before
  the spec is even loaded (`Early`), forked with the spec's bytes: it imports the validator
  (~0.2 s, most of a run after a small edit) and parses them as load does meanwhile.
- The validator's check of the whole document asks jsonschema-rs first (_SchemaCheck), and its
  per-schema checks take fastcheck.py's shortcuts; the findings are the plain validator's. It is
  imported without what it never uses here (validator_import.py: ~0.08 s of ~0.18 s).

Only self-contained specs are cached: a spec whose refs reach other files depends on them too.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import cache, cores
from .. import pointer as pointer_module
from ..diagnostics import Diagnostics, pointer
from ..fingerprint import tool_version
from . import fastcheck, validator_import

Findings = list[list[str]]  # [pointer, message] pairs, JSON-ready for the cache

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_NICENESS = 10  # the validation child's, added to the run's
# The validator's order of operations in a path item (for the duplicate-operationId check).
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def start(
    raw: bytes,
    document: dict[str, Any],
    diags: Diagnostics,
    path: Path,
    cacheable: bool,
    early: Early | None = None,
) -> Pending | None:
    """Validate document (parsed from raw), or start doing so in the background (in `early`'s
    child when given; it is ended when not needed).

    Findings known now are added to diags; otherwise the returned Pending gives them."""
    background = cacheable and Pending.available()
    if early is not None and (not background or early.path != path or early.raw != raw):
        early.cancel()  # not wanted, or it validates other bytes than these
        early = None
    if not cacheable:
        _report(_run(document, path), diags)
        return None
    key = _key(raw)
    found = cache.read_json("validate", key)
    if isinstance(found, list):
        if early is not None:
            early.cancel()
        _report(found, diags)
        return None
    if background:
        return Pending(document, path, key, raw, early)
    outcome = _incremental(document, path)
    _remember(key, outcome)
    _report(outcome.findings, diags)
    return None


def _key(raw: bytes) -> str:
    return cache.digest(b"validate-v2", _validator_version(), raw)  # v2: located pointers


def early(raw: bytes | None, path: Path) -> Early | None:
    """A validation child started now, before the spec `raw` (read from `path`) is loaded, when
    `start` will want one: a spec whose findings are not cached (a multi-file spec ends it
    unused). The one `speculate` started is taken over if it has these bytes, else ended."""
    global _speculative
    started, _speculative = _speculative, None
    if started is not None:
        if started.path == path and started.raw == raw:
            return started
        started.cancel()
    if raw is None or not Pending.available():
        return None
    if isinstance(cache.read_json("validate", _key(raw)), list):
        return None
    return Early(raw, path)


_speculative: Early | None = None


def speculate(raw: bytes, path: Path) -> None:
    """Start the Early child for a spec a run is about to load, before the run has even imported
    its stages (entry.py); `early` hands it over."""
    global _speculative
    _speculative = early(raw, path)


def _report(findings: Findings, diags: Diagnostics) -> None:
    for ptr, message in findings:
        diags.warn(ptr, message)


@dataclass
class _Outcome:
    findings: Findings
    context: str  # key of everything but `paths`
    items: dict[str, Findings] | None  # each path item's findings by its key, when all lie in one


def _remember(key: str, outcome: _Outcome) -> None:
    cache.write_json("validate", key, outcome.findings)
    if outcome.items is not None:
        cache.write_json("validate-paths", outcome.context, outcome.items)


def _incremental(document: dict[str, Any], path: Path) -> _Outcome:
    """The whole document's findings, validating only the path items whose findings are not
    known for this context (a spec with warnings too, as long as each lies in a path item)."""
    context, items = _keys(document)
    known = cache.read_json("validate-paths", context)
    paths = document.get("paths")
    by_item = None
    if isinstance(known, dict) and isinstance(paths, dict) and not _duplicate_ids(paths):
        changed = {url: key for url, key in items.items() if key not in known}
        reduced = _reduce(document, list(changed))
        if reduced is not None:
            # A reduced document is small: importing jsonschema-rs would cost more than it saves.
            fresh = _by_item(_run(reduced, path, rust=False), changed, document)
            if fresh is not None:  # else a finding outside the changed items: validate all
                found = {**known, **fresh}
                by_item = {key: found[key] for key in items.values()}
    if by_item is None:
        findings = _run(document, path)
        by_item = _by_item(findings, items, document)
        if by_item is None:
            return _Outcome(findings, context, None)
    # In the order of the path items, whether validated whole or merged with remembered ones.
    return _Outcome([f for key in items.values() for f in by_item[key]], context, by_item)


def _by_item(findings: Findings, items: dict[str, str], document: Any) -> dict[str, Findings] | None:
    """The findings grouped by the path item (of `items`: url -> key) they lie in; None if one
    lies elsewhere (a component, or no pointer) or is reached through a `$ref`: such a finding
    is reported where the validator first meets its cause, which other path items decide."""
    prefixes = {pointer("paths", url): key for url, key in items.items()}
    grouped: dict[str, Findings] = {key: [] for key in items.values()}
    for finding in findings:
        ptr = finding[0]
        parts = ptr.split("/", 3)
        head = "/".join(parts[:3])
        if len(parts) < 3 or head not in prefixes or not _own(document, ptr):
            return None
        grouped[prefixes[head]].append(finding)
    return grouped


def _own(document: Any, ptr: str) -> bool:
    """Whether the place ptr names is the path item's own text: no `$ref` on the way to it."""
    node = document
    for token in map(pointer_module.unescape, ptr.split("/")[1:]):  # as reported: not percent-encoded
        if isinstance(node, dict) and "$ref" in node:
            return False
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return True  # the finding names a place that is missing: it is still here
    return not (isinstance(node, dict) and "$ref" in node)


def _keys(document: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """A key for everything but `paths` (the context) and one per path item."""
    rest = {name: value for name, value in document.items() if name != "paths"}
    context = cache.digest(b"validate-paths-v2", _validator_version(), _dump(rest))
    paths = document.get("paths")
    items: dict[str, str] = {}
    if isinstance(paths, dict):
        for url, item in paths.items():
            items[url] = cache.digest(str(url).encode(), _dump(item))
    return context, items


def _dump(node: Any) -> bytes:
    # default=str: YAML can give dates; key order is the document's, so the bytes are stable.
    return json.dumps(node, separators=(",", ":"), default=str).encode()


def _duplicate_ids(paths: dict[str, Any]) -> bool:
    ids = [
        operation["operationId"]
        for item in paths.values()
        if isinstance(item, dict)
        for method in _METHODS
        if isinstance(operation := item.get(method), dict) and "operationId" in operation
    ]
    return len(ids) != len(set(map(str, ids)))


def _reduce(document: dict[str, Any], changed: list[str]) -> dict[str, Any] | None:
    """The document with only the changed path items and the components they reach (all
    security schemes kept); None when that cannot stand for the whole (a ref into `paths`)."""
    paths = document["paths"]
    components = document.get("components")
    components = components if isinstance(components, dict) else {}
    reduced = {name: value for name, value in document.items() if name not in ("paths", "components")}
    reduced["paths"] = {url: paths[url] for url in changed}
    kept: dict[str, dict[str, Any]] = {}
    if isinstance(components.get("securitySchemes"), dict):
        kept["securitySchemes"] = components["securitySchemes"]
    pending = [reduced, *kept.values()]
    while pending:
        for ref in _targets(pending.pop()):
            parts = ["#", *pointer_module.split(ref[1:])] if ref.startswith("#") else [ref]
            if parts[:2] != ["#", "components"]:
                # `#/paths/...` would need other path items; anything else outside components is
                # kept whole, but a ref that is not a pointer (an anchor) cannot be followed here.
                if parts[0] != "#" or parts[1:2] == ["paths"] or len(parts) < 2:
                    return None
                continue
            if len(parts) < 4:
                return None
            kind, name = parts[2], parts[3]
            section = components.get(kind)
            if not isinstance(section, dict) or name not in section or name in kept.get(kind, {}):
                continue
            kept.setdefault(kind, {})[name] = section[name]
            pending.append(section[name])
    if kept:
        # Same order as the document, so findings come out in the order a full run gives.
        reduced["components"] = {
            kind: {n: v for n, v in components[kind].items() if n in kept[kind]}
            if kind != "securitySchemes"
            else kept[kind]
            for kind in components
            if kind in kept
        }
    return reduced


def _targets(node: Any) -> list[str]:
    """Every `$ref` below node, and discriminator mappings' pointers (also refs, by value)."""
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str):
                found.append(ref)
            mapping = current.get("mapping")
            if isinstance(mapping, dict) and isinstance(current.get("propertyName"), str):
                for target in mapping.values():
                    if isinstance(target, str):  # a bare name means a component schema
                        found.append(target if "#" in target else f"#/components/schemas/{target}")
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found


class Early:
    """A validation child forked before the spec is loaded: it imports the validator, parses the
    spec's bytes as load does and validates them while the parent loads, models and renders;
    `Pending` takes its outcome over, or it is ended. Started this early, it is mostly done before
    black's workers would start (they wait for it: both resident at once would add their memory)."""

    def __init__(self, raw: bytes, path: Path) -> None:
        import multiprocessing

        self.raw, self.path = raw, path
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_serve, args=(raw, path, send, os.getpid()), daemon=True, name="oagen-validate"
        )
        self.process.start()
        send.close()

    def cancel(self) -> None:
        self.process.terminate()
        self.process.join()
        self.receive.close()


@dataclass
class Pending:
    """Validation in a forked child: the child shares the parsed document copy-on-write,
    so nothing large is pickled; only the outcome comes back through a pipe. With an `Early`
    child, the spec's bytes go to it instead (it parses them as load did)."""

    document: dict[str, Any]
    path: Path
    key: str
    raw: bytes = b""
    early: Early | None = None

    @staticmethod
    def available() -> bool:
        """fork, and a second core: importing the validator alone takes ~0.2 s, a third of a
        small spec's cold run, which the other stages can use meanwhile."""
        import multiprocessing

        return cores.available() > 1 and "fork" in multiprocessing.get_all_start_methods()

    def __post_init__(self) -> None:
        if self.early is not None:
            self._receive, self._process = self.early.receive, self.early.process
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_send_outcome, args=(self.document, self.path, send, os.getpid()), daemon=True
        )
        self._process.start()
        send.close()

    def running(self) -> bool:
        """Whether the child is still validating (its outcome, or its end, not yet in the pipe)."""
        return not self._receive.poll()

    def result(self) -> Findings:
        try:
            outcome: _Outcome = self._receive.recv()
        except EOFError:  # the child died: validate here instead
            outcome = _incremental(self.document, self.path)
        finally:
            self._process.join()
            self._receive.close()
        _remember(self.key, outcome)
        return outcome.findings

    def cancel(self) -> None:
        self._process.terminate()
        self._process.join()
        self._receive.close()


def _send_outcome(document: dict[str, Any], path: Path, send: Any, parent: int) -> None:
    _die_with(parent)
    _yield_cpu()
    send.send(_incremental(document, path))
    send.close()


def _serve(raw: bytes, path: Path, send: Any, parent: int) -> None:
    """The Early child: import the validator, parse the spec's bytes as load does, validate."""
    from .document import parse_normalised

    _die_with(parent)
    _yield_cpu()
    try:
        _validator_classes()
        document = parse_normalised(raw, path, Diagnostics(str(path)))
        outcome = _incremental(document, path)
    except BaseException:  # the spec does not parse (load reports it), or ended: the parent validates
        os._exit(0)
    send.send(outcome)
    send.close()


def _yield_cpu() -> None:
    """Lower this child's priority: its findings are wanted only before the run writes, so the
    parent's work (loading, modelling, rendering, compiling templates in the warm-up child) goes
    first, and the child takes what it leaves of the CPU."""
    with contextlib.suppress(OSError):
        os.nice(_NICENESS)


def _die_with(parent: int) -> None:
    """End this child when its parent ends (killed, even by SIGKILL), rather than validate on,
    or wait on a full pipe, forever: Linux's PR_SET_PDEATHSIG, and everywhere a thread that
    notices the parent is gone (the child is then re-parented, so its parent pid changes)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread below does it
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=watch, name="oagen-parent-watch", daemon=True).start()


def _validator_version() -> bytes:
    return tool_version("openapi-spec-validator").encode()


def _run(document: dict[str, Any], path: Path, rust: bool = True, fast: bool = True) -> Findings:
    """openapi-spec-validator over the unresolved document, as [pointer, message] pairs
    (`rust`: its schema check asks jsonschema-rs first, see _SchemaCheck; `fast`: its per-schema
    checks take fastcheck's shortcuts, same findings)."""
    is_31 = str(document.get("openapi", "")).startswith("3.1")
    validator_cls = _validator_classes()[is_31, rust, fast]
    try:
        validator = validator_cls(document, base_uri=path.resolve().as_uri())
        _locate_errors(validator)
        if fast:
            fastcheck.prepare(validator.keyword_validators_registry, document)
        errors = list(validator.iter_errors())
    except BaseException as exc:  # the validator can trip over documents it cannot walk
        # Running out of stack inside a Rust extension (rpds, under referencing) comes out as
        # pyo3's PanicException, which is not an Exception.
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        return [["", f"validator could not finish: {type(exc).__name__}: {exc}"]]
    findings: Findings = []
    for error in errors:
        message = str(getattr(error, "message", error)).splitlines()[0]
        if len(message) > 200:
            message = message[:197] + "..."
        where = tuple(getattr(error, "path", ()) or ())
        findings.append([_existing(document, where), f"invalid per the OpenAPI schema: {message}"])
    return findings


@functools.cache
def _validator_classes() -> dict[tuple[bool, bool, bool], Any]:
    """openapi-spec-validator's 3.0 and 3.1 validators, by (is 3.1, asks jsonschema-rs first,
    fastcheck's shortcuts), with the check of the whole document against the OpenAPI schema of
    _SchemaCheck."""
    bases, schemas = validator_import.validator()
    classes = {}
    for is_31, base in bases.items():
        schema = schemas[is_31]
        for rust in (False, True):
            for fast in (False, True):
                attributes: dict[str, Any] = {"schema_validator": _SchemaCheck(schema, rust)}
                if fast:
                    # Without jsonschema-rs (a small reduced document) only the walk is cut.
                    meta = fastcheck.meta_check(is_31) if rust else lambda value: False
                    check = fastcheck.schema_check(base.keyword_validators["schema"], meta)
                    attributes["keyword_validators"] = {**base.keyword_validators, "schema": check}
                classes[is_31, rust, fast] = type("SpecValidator", (base,), attributes)
    return classes


class _SchemaCheck:
    """The document checked against the OpenAPI schema: jsonschema-rs (Rust, ~200x faster on
    jira) says whether it passes, and only a document that fails is checked again by the
    jsonschema validator openapi-spec-validator uses, so findings keep its messages. Without
    jsonschema-rs (no wheel for the platform), jsonschema alone."""

    def __init__(self, schema: Any, rust: bool) -> None:
        self.schema = schema
        self.ask_rust = rust
        self._rust_validator: Any = None
        self._python_validator: Any = None

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        if self._passes(instance):
            return
        if self._python_validator is None:
            from openapi_spec_validator.schemas.backend.jsonschema import create_validator

            self._python_validator = create_validator(self.schema)
        yield from self._python_validator.iter_errors(instance)

    def _passes(self, instance: Any) -> bool:
        if not self.ask_rust:
            return False
        try:
            import jsonschema_rs
        except ImportError:  # pragma: no cover - a dependency; absent only where it has no wheel
            return False
        try:
            if self._rust_validator is None:
                self._rust_validator = jsonschema_rs.validator_for(dict(self.schema))
            return bool(self._rust_validator.is_valid(instance))
        except (ValueError, TypeError, OverflowError):  # a value JSON has no type for (a YAML date)
            return False


# The validator's checks of one object (a schema, a default, a path item) report errors
# relative to that object, or with no location at all (`#`, `#/pattern`): each check's
# errors get the object's place in the document put in front of their path.


def _locate_errors(validator: Any) -> None:
    registry = validator.keyword_validators_registry
    original = type(registry).__missing__
    located: list[Any] = []  # errors already placed (by the innermost check, which knows best)

    def missing(self: Any, keyword: str) -> Any:
        inner = original(self, keyword)
        self[keyword] = _Located(inner, keyword, located)
        return self[keyword]

    registry.__class__ = type("LocatingRegistry", (type(registry),), {"__missing__": missing})


class _Located:
    """A keyword validator whose errors' paths start at the object it was given."""

    def __init__(self, inner: Any, keyword: str, located: list[Any]) -> None:
        self.inner = inner
        self.keyword = keyword
        self.located = located

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from jsonschema_path import SchemaPath

        parts = next((tuple(a.parts) for a in args if isinstance(a, SchemaPath)), None)
        if parts is not None and self.keyword == "default":
            parts = (*parts, "default")  # the check is given the schema, the error is in its default
        for error in self.inner(*args, **kwargs):
            path = getattr(error, "path", None)
            if parts and path is not None and not any(error is e for e in self.located):
                path.extendleft(reversed(parts))  # `path` is a deque, copied when errors are wrapped
                self.located.append(error)
            yield error


def _existing(document: Any, where: tuple[Any, ...]) -> str:
    """The pointer of `where`, cut back to the deepest part that exists in the document."""
    node, found = document, 0
    for part in where:
        if isinstance(node, dict) and str(part) in node:
            node = node[str(part)]
        elif isinstance(node, list) and str(part).isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            break
        found += 1
    return pointer(*where[:found])
