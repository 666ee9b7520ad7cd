"""Conformance: call every operation of a spec through its generated client against Prism.

    .venv/bin/python scripts/conformance.py SPEC [--package NAME] [--json OUT] [--limit N] [--seed S]

Generates a client for SPEC into a temporary folder, starts Prism's dynamic mock on SPEC (loopback
only, a fixed `--seed` so its random responses repeat), and calls each operation once with values
built from the spec's schemas (required parameters and body fields). Prism validates every request
(a 4xx means ours was off the spec: "rejected") and answers with a body generated from the
schema, which the client must decode. Counts per spec: operations, called, accepted (2xx),
decoded, failed (a 2xx that did not decode), rejected, skipped (no request could be built), and
unsent (the client raised before sending).

Exit status: 0 when every accepted call decoded, 1 when one did not, 2 on setup errors.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime
import importlib
import inspect
import json
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from re import _parser as sre_parse  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import httpx
from openapi_schema_validator import OAS30Validator, OAS31Validator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: the generator is beside it
    sys.path.insert(0, str(ROOT))

from generator.config import Target, UsageError  # noqa: E402
from generator.diagnostics import SpecError  # noqa: E402
from generator.load import document as load  # noqa: E402
from generator.model import ir  # noqa: E402
from generator.pipeline import generate  # noqa: E402
from generator.write.files import write_output  # noqa: E402

PRISM = ROOT / "node_modules" / ".bin" / "prism"
DEFAULT_SEED = "oagen"
FILE_BYTES = b"conformance,file\n1,2\n"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
ENVELOPE_ATTEMPTS = 4  # Prism servers (seeds) asked for a `success: true` envelope
MAX_DEPTH = 8  # deeper required-only nesting is cut short (recursive schemas)


class SetupError(Exception):
    """The run cannot start (bad spec, no Prism, a client that does not import): exit 2."""


# -- JSON values from schemas -----------------------------------------------------------------


class Sampler:
    """JSON values valid against a spec's schemas: deterministic, minimal (required keys only)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        v31 = str(document.get("openapi", "")).startswith("3.1")
        self.validator: Any = OAS31Validator if v31 else OAS30Validator

    def deref(self, node: Any) -> Any:
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#"):
                return {}
            seen.add(ref)
            target: Any = self.doc
            for part in unquote(ref[1:]).lstrip("/").split("/"):  # a URI fragment: %7B is `{`
                part = part.replace("~1", "/").replace("~0", "~")
                if isinstance(target, list):
                    target = target[int(part)]
                elif isinstance(target, dict) and part in target:
                    target = target[part]
                else:
                    return {}
            node = target
        return node

    def flatten(self, schema: Any) -> dict[str, Any]:
        """The schema with `allOf` merged in: properties and `required` united, the rest first-wins,
        so that constraints of every part apply to one value."""
        schema = self.deref(schema)
        if not isinstance(schema, dict):
            return {}
        if "allOf" not in schema or not isinstance(schema["allOf"], list):
            return schema
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        props: dict[str, Any] = dict(merged.get("properties") or {})
        required: list[str] = list(merged.get("required") or [])
        for part in schema["allOf"]:
            flat = self.flatten(part)
            for key, value in flat.items():
                if key == "properties" and isinstance(value, dict):
                    for name, sub in value.items():
                        props.setdefault(name, sub)
                elif key == "required" and isinstance(value, list):
                    required += [r for r in value if r not in required]
                elif key not in merged:
                    merged[key] = value
        if props:
            merged["properties"] = props
        if required:
            merged["required"] = required
        return merged

    def sample(self, schema: Any, variant: int = 0, depth: int = 0) -> Any:
        schema = self.flatten(schema)
        if "const" in schema:
            return schema["const"]
        enum_values = [v for v in schema.get("enum") or [] if v is not None]
        if enum_values:
            return enum_values[variant % len(enum_values)]
        for key in ("oneOf", "anyOf"):
            options = schema.get(key)
            if isinstance(options, list) and options:
                return self._choice(schema, key, options, variant, depth)
        kind = schema.get("type")
        if isinstance(kind, list):  # 3.1: ["string", "null"]
            kind = next((k for k in kind if k != "null"), "null")
        if kind == "null":
            return None
        if kind == "object" or "properties" in schema or (kind is None and "required" in schema):
            return self._object(schema, depth)
        if kind == "array" or "items" in schema:
            return self._array(schema, depth)
        if kind == "integer":
            return int(self._number(schema, integer=True) + variant)
        if kind == "number":
            return self._number(schema, integer=False) + variant
        if kind == "boolean":
            return True
        return self._string(schema, variant)

    def valid(self, value: Any, schema: Any) -> bool:
        """Whether `value` is valid against `schema`, its `#/...` refs resolved in the document."""
        if isinstance(value, bytes):
            return True
        # The document as the root schema: its own keys (paths, components...) are no keywords.
        root = {**self.doc, **schema} if isinstance(schema, dict) else schema
        try:
            return bool(self.validator(root).is_valid(value))
        except Exception:  # noqa: BLE001 - a schema the validator cannot handle: assume it fits
            return True

    def _choice(self, schema: dict[str, Any], key: str, options: list[Any], variant: int, depth: int) -> Any:
        # Non-null variants first; for oneOf, the first whose sample matches no other variant (Prism
        # refuses a value that matches two). A discriminator's tag takes the mapping's name for it.
        ordered = [o for o in options if self.flatten(o).get("type") != "null"] or options
        chosen, value = ordered[0], self.sample(ordered[0], variant, depth)
        if key == "oneOf" and len(options) > 1:
            for option in ordered:
                candidate = self.sample(option, variant, depth)
                if sum(self.valid(candidate, o) for o in options) == 1:
                    chosen, value = option, candidate
                    break
        disc = schema.get("discriminator")
        if isinstance(value, dict) and isinstance(disc, dict) and isinstance(disc.get("propertyName"), str):
            prop = disc["propertyName"]
            ref = chosen.get("$ref") if isinstance(chosen, dict) else None
            tags = [tag for tag, target in (disc.get("mapping") or {}).items() if target == ref]
            if tags:
                value[prop] = tags[0]
            elif isinstance(ref, str) and prop not in value:
                value[prop] = ref.rsplit("/", 1)[-1]
        # Sibling properties next to the oneOf apply too.
        if isinstance(value, dict) and "properties" in schema:
            value = {**self._object(schema, depth), **value}
        return value

    def _object(self, schema: dict[str, Any], depth: int) -> Any:
        props = schema.get("properties") or {}
        required = [r for r in schema.get("required") or [] if isinstance(r, str)]
        out: dict[str, Any] = {}
        if depth > MAX_DEPTH:
            return out
        for name in required:
            sub = self.flatten(props.get(name, {}))
            if sub.get("readOnly"):
                continue
            out[name] = self.sample(props.get(name, {}), 0, depth + 1)
        extra = schema.get("additionalProperties")
        need = int(schema.get("minProperties") or 0) - len(out)
        for index in range(max(0, need)):
            out[f"key{index}"] = self.sample(extra if isinstance(extra, dict) else {}, index, depth + 1)
        return out

    def _array(self, schema: dict[str, Any], depth: int) -> list[Any]:
        count = max(1, int(schema.get("minItems") or 0))
        if isinstance(schema.get("maxItems"), int):
            count = min(count, schema["maxItems"])
        if depth > MAX_DEPTH:
            count = int(schema.get("minItems") or 0)
        # Distinct variants, for `uniqueItems`.
        return [self.sample(schema.get("items", {}), i, depth + 1) for i in range(count)]

    def _number(self, schema: dict[str, Any], integer: bool) -> float:
        lo, hi = schema.get("minimum"), schema.get("maximum")
        step = 1 if integer else 0.5
        ex_lo, ex_hi = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        if isinstance(ex_lo, bool):  # 3.0: a flag on minimum
            lo = None if lo is None else lo + (step if ex_lo else 0)
        elif isinstance(ex_lo, int | float):
            lo = ex_lo + step if lo is None else max(lo, ex_lo + step)
        if isinstance(ex_hi, bool):
            hi = None if hi is None else hi - (step if ex_hi else 0)
        elif isinstance(ex_hi, int | float):
            hi = ex_hi - step if hi is None else min(hi, ex_hi - step)
        value: float = 1 if integer else 1.5
        if lo is not None and value < lo:
            value = lo
        if hi is not None and value > hi:
            value = hi
        multiple = schema.get("multipleOf")
        if isinstance(multiple, int | float) and multiple > 0:
            value = multiple * max(1, -(-value // multiple))
        return int(value) if integer else float(value)

    def _string(self, schema: dict[str, Any], variant: int) -> Any:
        fmt = schema.get("format")
        if fmt == "binary":
            return FILE_BYTES
        lo = int(schema.get("minLength") or 0)
        hi = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
        pattern = schema.get("pattern") if isinstance(schema.get("pattern"), str) else None
        formatted = FORMATS.get(str(fmt)) if fmt else None
        if formatted is not None and (pattern is None or _search(pattern, formatted)):
            return formatted
        if pattern is not None:
            found = from_regex(pattern, lo, hi)
            if found is not None:
                return found
        text = "sample" if variant == 0 else f"sample{variant}"
        text = text.ljust(lo, "x")
        return text[:hi] if hi is not None else text


FORMATS: dict[str, str] = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "duration": "P1D",
    "email": "ada@example.com",
    "idn-email": "ada@example.com",
    "uri": "https://example.com/path",
    "url": "https://example.com/path",
    "iri": "https://example.com/path",
    "uri-reference": "https://example.com/path",
    "iri-reference": "https://example.com/path",
    "uri-template": "https://example.com/{id}",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "byte": base64.b64encode(b"sample").decode(),
    "json-pointer": "/a",
    "regex": "^a+$",
}


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except (re.error, RecursionError):
        return False


# -- strings from regular expressions -----------------------------------------------------------

_CATEGORY = {
    "CATEGORY_DIGIT": "1",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
}
_NEGATED_CANDIDATES = "a1A_-.xZ9 "


def from_regex(pattern: str, min_len: int = 0, max_len: int | None = None) -> str | None:
    """A short string JSON Schema's `pattern` (a search, not a full match) accepts, within the length
    bounds; None when Python cannot parse the pattern (e.g. `\\p{L}`) or no try fits."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    for reps in (0, 1, 2, 3, 5, 8, 13, 21, 34, 64):
        try:
            text = _emit(parsed, reps)
        except (ValueError, RecursionError):
            return None
        if len(text) < min_len and not any(op for op, _ in parsed if str(op) == "AT"):
            text = text + "a" * (min_len - len(text))  # unanchored: any suffix still matches
        if len(text) >= min_len and (max_len is None or len(text) <= max_len) and _search(pattern, text):
            return text
    return None


def _emit(parsed: Any, reps: int) -> str:
    out: list[str] = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append(next(c for c in _NEGATED_CANDIDATES if ord(c) != arg))
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_in(arg))
        elif name == "CATEGORY":
            out.append(_CATEGORY.get(str(arg), "a"))
        elif name == "BRANCH":
            out.append(_emit(arg[1][0], reps))
        elif name == "SUBPATTERN":
            out.append(_emit(arg[-1], reps))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, hi, sub = arg
            count = min(max(lo, reps), hi)
            out.append("".join(_emit(sub, reps) for _ in range(count)))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # anchors and lookarounds: the final re.search check decides
        elif name == "ATOMIC_GROUP":
            out.append(_emit(arg, reps))
        else:
            raise ValueError(f"regex construct {name} not supported")
    return "".join(out)


def _in(items: list[tuple[Any, Any]]) -> str:
    negate = any(str(op) == "NEGATE" for op, _ in items)
    if not negate:
        op, arg = items[0]
        if str(op) == "LITERAL":
            return chr(arg)
        if str(op) == "RANGE":
            return chr(arg[0])
        if str(op) == "CATEGORY":
            return _CATEGORY.get(str(arg), "a")
        raise ValueError(f"character class item {op}")
    for candidate in _NEGATED_CANDIDATES:
        if not _class_has(items, candidate):
            return candidate
    raise ValueError("negated class excludes every candidate")


def _class_has(items: list[tuple[Any, Any]], char: str) -> bool:
    code = ord(char)
    for op, arg in items:
        kind = str(op)
        if kind == "LITERAL" and arg == code:
            return True
        if kind == "RANGE" and arg[0] <= code <= arg[1]:
            return True
        if kind == "CATEGORY" and re.fullmatch(_CATEGORY_RE.get(str(arg), "(?!)"), char):
            return True
    return False


_CATEGORY_RE = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
}


# -- Python arguments from JSON values -------------------------------------------------------


def to_python(t: ir.TypeExpr, value: Any, models: ModuleType, codec: ModuleType) -> Any:
    """The Python value a generated method takes for the JSON `value` of IR type `t`."""
    if value is None:
        return None
    if isinstance(t, ir.Nullable):
        return to_python(t.inner, value, models, codec)
    if isinstance(t, ir.ModelRef):
        return getattr(models, t.name).from_dict(value)
    if isinstance(t, ir.UnionRef):
        return codec.decode(getattr(models, t.name), value)
    if isinstance(t, ir.EnumRef):
        cls = getattr(models, t.name)
        try:
            return cls(value)
        except ValueError:
            return value
    if isinstance(t, ir.ListOf) and isinstance(value, list):
        return [to_python(t.item, v, models, codec) for v in value]
    if isinstance(t, ir.MapOf) and isinstance(value, dict):
        return {k: to_python(t.value, v, models, codec) for k, v in value.items()}
    if isinstance(t, ir.Primitive) and isinstance(value, str):
        if t.kind == "datetime":
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if t.kind == "date":
            return datetime.date.fromisoformat(value)
        if t.kind == "uuid":
            return uuid.UUID(value)
        if t.kind == "bytes":
            return base64.b64decode(value)
        if t.kind == "file":
            return value.encode()
    return value


# -- one operation ---------------------------------------------------------------------------


@dataclass
class Outcome:
    operation_id: str
    call: str  # `client.contacts.list_contacts`
    http: str  # `GET /contacts`
    outcome: str  # decoded | failed | rejected | skipped | unsent | unsuccessful
    status: int | None = None
    reason: str = ""
    where: str = ""  # for exceptions that are not the client's own errors: the innermost frame


@dataclass
class Report:
    spec: str
    package: str
    seed: str
    operations: int
    selected: int
    results: list[Outcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        called = sum(1 for r in self.results if r.outcome != "skipped")
        accepted = sum(1 for r in self.results if r.outcome in ("decoded", "failed", "unsuccessful"))
        return {
            "operations": self.operations,
            "called": called,
            "accepted": accepted,
            "decoded": self.count("decoded"),
            "failed": self.count("failed"),
            "rejected": self.count("rejected"),
            "skipped": self.count("skipped"),
            "unsent": self.count("unsent"),
            "unsuccessful": self.count("unsuccessful"),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "package": self.package,
            "seed": self.seed,
            "selected": self.selected,
            "counts": self.counts,
            "results": [asdict(r) for r in self.results],
        }


def _raw_parameters(doc: dict[str, Any], sampler: Sampler, op: ir.Operation) -> dict[tuple[str, str], Any]:
    item = sampler.deref(doc["paths"][op.path])
    raw: dict[tuple[str, str], Any] = {}
    for params in (item.get("parameters"), item[op.method.lower()].get("parameters")):
        for p in params or []:
            p = sampler.deref(p)
            if isinstance(p, dict) and "name" in p and "in" in p:
                raw[(str(p["name"]), str(p["in"]))] = p
    return raw


def build_arguments(
    doc: dict[str, Any], sampler: Sampler, op: ir.Operation, models: ModuleType, codec: ModuleType
) -> dict[str, Any]:
    """Keyword arguments for the required parameters and body fields of `op`."""
    raw_params = _raw_parameters(doc, sampler, op)
    kwargs: dict[str, Any] = {}
    for p in op.parameters:
        if not p.required:
            continue
        param = raw_params.get((p.wire_name, p.location), {})
        schema = param.get("schema")
        if schema is None and isinstance(param.get("content"), dict) and param["content"]:
            schema = next(iter(param["content"].values())).get("schema")
        kwargs[p.name] = to_python(p.type, sampler.sample(schema or {}), models, codec)
    body = op.body
    if body is None:
        return kwargs
    raw_body = sampler.deref(doc["paths"][op.path][op.method.lower()]["requestBody"])
    media = (raw_body.get("content") or {}).get(body.media_type) or {}
    if body.kind == "binary":
        kwargs["body"] = FILE_BYTES
        return kwargs
    value = sampler.sample(media.get("schema", {}))
    if body.args:
        for name, f in body.args:
            if isinstance(value, dict) and f.wire_name in value:
                kwargs[name] = to_python(f.type, value[f.wire_name], models, codec)
    elif value is not None or body.required:
        kwargs["body"] = to_python(body.type, value, models, codec)
    return kwargs


def prism_reason(response: httpx.Response) -> str:
    """Why Prism refused a request: its `sl-violations` header, else its problem+json body."""
    parts: list[str] = []
    header = response.headers.get("sl-violations")
    violations: Any = None
    if header:
        with contextlib.suppress(ValueError):
            violations = json.loads(header)
    body: Any = None
    with contextlib.suppress(ValueError):
        body = response.json()
    if violations is None and isinstance(body, dict):
        violations = body.get("validation")
    for v in violations or []:
        if isinstance(v, dict):
            where = ".".join(str(x) for x in v.get("location") or [])
            parts.append(f"{where}: {v.get('message', '')}".strip())
    if not parts and isinstance(body, dict) and ("title" in body or "detail" in body):
        parts.append(": ".join(str(body[k]) for k in ("title", "detail") if body.get(k)))
    if not parts:
        parts.append(response.text[:200] or response.reason_phrase)
    return "; ".join(parts)[:500]


def call_operation(
    clients: Callable[[int], Any],
    resource: ir.Resource,
    op: ir.Operation,
    kwargs: dict[str, Any],
    responses: list[httpx.Response],
) -> Outcome:
    outcome = Outcome(op.operation_id, f"client.{resource.name}.{op.name}", f"{op.method} {op.path}", "")
    signature = inspect.signature(getattr(getattr(clients(0), resource.name), op.name))
    missing = [
        name
        for name, p in signature.parameters.items()
        if p.default is inspect.Parameter.empty and p.kind is not p.VAR_KEYWORD and name not in kwargs
    ]
    if missing:
        outcome.outcome, outcome.reason = "skipped", f"no value built for required argument {missing[0]}"
        return outcome
    call_kwargs = {k: v for k, v in kwargs.items() if k in signature.parameters}
    for attempt in range(ENVELOPE_ATTEMPTS):
        responses.clear()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # deprecated operations are called too
                getattr(getattr(clients(attempt), resource.name), op.name)(**call_kwargs)
            break
        except Exception as exc:  # noqa: BLE001 - every failure is a finding, told apart below
            # `success: false` in a 2xx envelope is the client working as designed. Prism draws the flag
            # at random when the spec does not pin it, but reseeds for every response (the same seed
            # gives the same answer), so ask a Prism with another seed for a `true` one.
            if type(exc).__name__ == "UnsuccessfulResponseError" and attempt + 1 < ENVELOPE_ATTEMPTS:
                continue
            return _failure(outcome, exc, responses, _no_success(op))
    response = responses[-1] if responses else None
    outcome.status = response.status_code if response is not None else None
    if response is not None and not response.is_success:
        # The client returned on a non-2xx answer (e.g. a `default`-only operation): still Prism's refusal.
        outcome.outcome, outcome.reason = "rejected", _no_success(op) or prism_reason(response)
    else:
        outcome.outcome = "decoded"
    return outcome


def _no_success(op: ir.Operation) -> str:
    """Why a non-2xx answer is no refusal: the spec declares no success response, so Prism sends the
    first one it declares."""
    statuses = [r.status for r in op.responses]
    if any(s.startswith("2") or s == "default" for s in statuses):
        return ""
    return f"the spec declares no 2xx response (only {', '.join(statuses) or 'none'}); Prism answers with one"


def _failure(outcome: Outcome, exc: Exception, responses: list[httpx.Response], no_success: str) -> Outcome:
    """Tell apart: no answer (the client raised first), a 2xx it could not decode, a refusal."""
    response = responses[-1] if responses else None
    error = f"{type(exc).__name__}: {exc}"
    if not isinstance(exc, _client_errors(exc)):
        # Not one of the client's own errors: where it was raised is the lead to the bug.
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        outcome.where = f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
    if type(exc).__name__ == "UnsuccessfulResponseError" and response is not None:
        outcome.outcome, outcome.status = "unsuccessful", response.status_code
        outcome.reason = f"`success: false` from all {ENVELOPE_ATTEMPTS} seeds: {error}"
    elif response is None:
        outcome.outcome, outcome.reason = "unsent", error
    elif response.is_success:
        outcome.outcome, outcome.status, outcome.reason = "failed", response.status_code, error
    else:
        outcome.outcome, outcome.status = "rejected", response.status_code
        outcome.reason = no_success or prism_reason(response)
    outcome.reason = " ".join(outcome.reason.split())[:500]
    return outcome


def _client_errors(exc: Exception) -> type[Exception]:
    """The base class of the generated package's errors (`ClientError`), found from `exc`'s module."""
    package = type(exc).__module__.split(".")[0]
    errors = sys.modules.get(f"{package}._runtime.errors")
    base = getattr(errors, "ClientError", None)
    return base if isinstance(base, type) and issubclass(base, Exception) else _NoError


class _NoError(Exception):
    """Stands for the client's error base class when `exc` did not come from the client."""


# -- Prism ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def prism(spec: Path, seed: str, log: Path, startup: float = 180) -> Iterator[str]:
    """Prism's dynamic mock on a free loopback port; stopped on the way out, whatever happens."""
    if not PRISM.exists():
        raise SetupError(f"{PRISM} is missing: run scripts/bootstrap.sh (npm ci)")
    port = _free_port()
    command = [str(PRISM), "mock", "-d", "--seed", seed, "-h", "127.0.0.1", "-p", str(port), str(spec)]
    with open(log, "w+b") as out:
        # The binary itself (not npx or a shell), so this PID is the server's.
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + startup
            while True:
                if proc.poll() is not None:
                    out.seek(0)
                    tail = out.read().decode(errors="replace").strip().splitlines()[-3:]
                    raise SetupError(f"prism exited with {proc.returncode}: {' | '.join(tail)}")
                try:
                    httpx.get(url + "/", timeout=2)
                    break  # any answer (a 404 too) means it is listening
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise SetupError(f"prism did not answer within {startup:g} s") from None
                    time.sleep(0.25)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# -- the run ----------------------------------------------------------------------------------


def select(
    ops: list[tuple[ir.Resource, ir.Operation]], limit: int | None
) -> list[tuple[ir.Resource, ir.Operation]]:
    """Every operation, or `limit` of them evenly spread over the spec's order (deterministic)."""
    if limit is None or limit >= len(ops):
        return ops
    return [ops[(i * len(ops)) // limit] for i in range(limit)]


@contextlib.contextmanager
def _importable(folder: Path, package: str) -> Iterator[ModuleType]:
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[name]


def run(
    spec: Path,
    package: str | None = None,
    limit: int | None = None,
    seed: str = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
    timeout: float = 60,
) -> Report:
    """Generate, serve, call; raise SetupError when the run cannot start."""
    say = progress or (lambda _: None)
    if not PRISM.exists():  # before generating, which takes a while for large specs
        raise SetupError(f"{PRISM} is missing: run scripts/bootstrap.sh (npm ci)")
    package = package or "conf_" + re.sub(r"\W", "_", spec.stem).lower()
    try:
        raw = spec.read_bytes()
        document = load.parse_document(raw, spec)
    except OSError as exc:
        raise SetupError(f"cannot read {spec}: {exc.strerror}") from None
    except SpecError as exc:
        raise SetupError(str(exc).splitlines()[0]) from None
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise SetupError(f"{spec}: not an OpenAPI document with paths")
    with tempfile.TemporaryDirectory(prefix="oagen-conformance-") as tmp:
        folder = Path(tmp)
        say(f"generating {package} from {spec}")
        try:
            result = generate(Target(spec, folder / "out", package, formatter=_formatter()))
            write_output(folder / "out", result.files, result.inputs)
        except (SpecError, UsageError) as exc:
            raise SetupError(f"generation failed: {str(exc).splitlines()[0]}") from None
        api = result.api
        ops = [(r, op) for r in api.resources for op in r.operations]
        chosen = select(ops, limit)
        report = Report(str(spec), package, seed, len(ops), len(chosen))
        sampler = Sampler(document)
        with contextlib.ExitStack() as stack:
            try:
                pkg = stack.enter_context(_importable(folder / "out", package))
                models = importlib.import_module(f"{package}.models")
                codec = importlib.import_module(f"{package}._runtime.codec")
                client_config = importlib.import_module(f"{package}._client").CONFIG
            except Exception as exc:  # noqa: BLE001 - a generated client that does not import
                error = f"{type(exc).__name__}: {exc}"
                raise SetupError(f"the generated client does not import: {error}") from exc
            # A dummy credential for every scheme; Prism checks that one is present, not its value.
            credentials = {
                s.argument: "user:secret" if s.kind == "basic" else "test-credential"
                for s in client_config.schemes
            }
            client_class = getattr(pkg, f"{api.prefix}Client")
            responses: list[httpx.Response] = []

            def record(response: httpx.Response) -> None:
                response.read()
                responses.append(response)

            clients: list[Any] = []

            def client_for(index: int) -> Any:
                """The client of Prism number `index` (seed, seed-1, ...), started on first use."""
                while len(clients) <= index:
                    n = len(clients)
                    url = stack.enter_context(
                        prism(spec, seed if n == 0 else f"{seed}-{n}", folder / f"prism-{n}.log")
                    )
                    http = stack.enter_context(
                        httpx.Client(timeout=timeout, event_hooks={"response": [record]})
                    )
                    client = client_class(**credentials, base_url=url, max_retries=0, http_client=http)
                    clients.append(stack.enter_context(client))
                return clients[index]

            client_for(0)
            say(f"calling {len(chosen)} of {len(ops)} operations")
            for index, (resource, op) in enumerate(chosen, 1):
                try:
                    kwargs = build_arguments(document, sampler, op, models, codec)
                except Exception as exc:  # noqa: BLE001 - a request we cannot build is reported
                    reason = " ".join(f"cannot build arguments: {type(exc).__name__}: {exc}".split())
                    report.results.append(
                        Outcome(
                            op.operation_id,
                            f"client.{resource.name}.{op.name}",
                            f"{op.method} {op.path}",
                            "skipped",
                            reason=reason[:500],
                        )
                    )
                    continue
                report.results.append(call_operation(client_for, resource, op, kwargs, responses))
                if index % 50 == 0:
                    say(f"  {index}/{len(chosen)}")
    return report


def _formatter() -> str:
    # ruff formats large specs many times faster than black; the layout does not matter here.
    with contextlib.suppress(ImportError):
        importlib.import_module("ruff")
        return "ruff"
    return "black"


def render(report: Report) -> str:
    counts = report.counts
    lines = [
        f"{report.spec}: {report.selected} of {report.operations} operations called"
        + (" (--limit)" if report.selected < report.operations else ""),
        "  ".join(f"{k:>10}" for k in counts),
        "  ".join(f"{v:>10}" for v in counts.values()),
    ]
    for r in report.results:
        if r.outcome != "decoded":
            status = f" {r.status}" if r.status else ""
            where = f" [{r.where}]" if r.where else ""
            lines.append(f"  {r.outcome.upper()}{status} {r.operation_id} ({r.http}): {r.reason}{where}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("spec", type=Path)
    parser.add_argument("--package", help="the generated package's name (default: conf_<spec stem>)")
    parser.add_argument("--json", type=Path, help="write the counts and every outcome here")
    parser.add_argument("--limit", type=int, help="call only N operations, spread evenly over the spec")
    parser.add_argument("--seed", default=DEFAULT_SEED, help="Prism's seed for its random responses")
    args = parser.parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so Prism is stopped on the way out; SIGINT too when a shell
    # started this in the background (which makes it ignore SIGINT).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        report = run(
            args.spec, args.package, args.limit, args.seed, lambda m: print(m, file=sys.stderr, flush=True)
        )
    except SetupError as exc:
        print(f"conformance: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Prism is stopped by then
        print("conformance: interrupted", file=sys.stderr)
        return 130
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    return 1 if report.count("failed") else 0


if __name__ == "__main__":
    sys.exit(main())
