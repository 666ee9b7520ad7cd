"""Stage 3: render the IR into package files with Jinja2 templates, formatted by black."""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2

from .. import __version__, cache, pointer, version
from ..model import ir, pagination
from ..model.names import NameSet, snake
from . import format as formatcache
from . import imports, layout, modelsplit, prose, pycode
from .builtin import TEMPLATES as BUILTIN_TEMPLATES

LINE_LENGTH = 100


@dataclass(frozen=True)
class RenderedFile:
    path: str  # relative to the output folder, with `/` separators
    content: str
    verbatim: bool = False  # copied as it is (the runtime): never formatted


RUNTIME_LINE_LENGTH = 100  # the line length the runtime modules are written at (scripts/test.sh checks)
# The runtime: plain Python modules under templates/package/_runtime, copied byte for byte.
RUNTIME_MODULES = tuple(sorted(p.name for p in (BUILTIN_TEMPLATES / "package" / "_runtime").glob("*.py")))


def environment(
    overlay: Path | None = None, line_length: int = LINE_LENGTH, code_key: str | None = None
) -> jinja2.Environment:
    """One environment per run: templates compile once; an overlay folder wins by name.

    `line_length` (black's) is a global, for templates that lay out long lines themselves;
    `code_key` (the generator's code, as the pipeline fingerprints it) keeps compiled templates
    in the cache, apart from other versions' (none: kept for this process only)."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))]
    if overlay is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(overlay)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,  # we emit Python; spec strings go through `literal`/`docstring`
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(code_key) if code_key else _IN_MEMORY,
    )
    env.filters.update(
        annotation=pycode.annotation,
        literal=pycode.literal,
        docstring=pycode.docstring,
        field_annotation=pycode.field_annotation,
        field_default=pycode.field_default,
        arg_default=pycode.arg_default,
        union_value=pycode.union_value,
        ordered_unions=pycode.ordered_unions,
        ordered_models=pycode.ordered_models,
        model_bases=pycode.model_bases,
        class_line=class_line,
        snake=snake,
        field_doc=field_doc,
        model_doc=model_doc,
        op_doc=op_doc,
        path_expr=path_expr,
        body_expr=body_expr,
        content_expr=content_expr,
        given_check=pycode.given_check,
        query_entry=pycode.query_entry,
        credential_args=credential_args,
        response_decoder=response_decoder,
        decoder_argument=decoder_argument,
        error_decoders=error_decoders,
        paging_rule=paging_rule,
        return_annotation=return_annotation,
        example_call=example_call,
        package_version=version.package_version,
    )
    env.filters["model_imports"] = model_imports
    env.filters["resource_imports"] = resource_imports
    env.filters["from_import"] = lambda names, module, indent=0: imports.from_import(
        module, names, line_length, indent
    )
    env.filters["brackets"] = brackets
    env.filters["errors_argument"] = errors_argument
    env.filters["arg_annotation"] = arg_annotation
    env.filters["model_field"] = lambda f: pycode.model_field(f, 4, line_length)
    env.filters["alias_line"] = lambda name, value: pycode.alias_line(name, value, line_length)
    env.filters["arg_line"] = arg_line
    env.globals["line_length"] = line_length
    # Docstrings sit 8 columns in: prose wrapped this wide keeps them inside the line length.
    env.globals["doc_width"] = max(line_length - 12, 40)
    env.globals["version_scheme"] = ""  # [tool.oagen] package_version; set by the pipeline
    env.tests["file_type"] = lambda t: t == ir.Primitive("file")
    return env


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, whose code cannot change meanwhile
    (Jinja still checks each against its template's source)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_IN_MEMORY = _MemoryBytecodeCache()


def bytecode_folder(code_key: str) -> Path:
    """Where compiled templates are kept with the format cache (compiling them costs ~0.2 s a
    run). Compiled code also depends on the filters (whether one takes the environment), so the
    folder is per generator code."""
    return cache.cache_dir() / "jinja" / code_key[:16]


def _bytecode_cache(code_key: str) -> jinja2.BytecodeCache | None:
    """Jinja checks each entry against its template's source, so edited templates recompile."""
    folder = bytecode_folder(code_key)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def render(api: ir.Api, env: jinja2.Environment, cache_key: bytes | None = None) -> list[RenderedFile]:
    """Every file of the generated project, unformatted, in a fixed order.

    `cache_key` (built-in templates only; what decides the output besides the Api and the
    templates: the generator's code, Jinja's and Python's versions, given by the pipeline):
    the models (a module, or a package) and each resource module are kept in the cache, keyed
    by it and by what their templates read (see _ONLY_THEIR_RESOURCE), so a change to one
    operation renders one resource module again."""
    pkg = api.package
    context = {"api": api, "generator_version": __version__}
    jobs: list[tuple[str, str, dict[str, object]]] = [
        ("package/__init__.py.j2", f"{pkg}/__init__.py", {}),
        ("package/_client.py.j2", f"{pkg}/_client.py", {}),
        ("package/errors.py.j2", f"{pkg}/errors.py", {}),
        ("package/resources/__init__.py.j2", f"{pkg}/resources/__init__.py", {}),
        ("package/py.typed.j2", f"{pkg}/py.typed", {}),
        ("README.md.j2", "README.md", {}),
        ("pyproject.toml.j2", "pyproject.toml", {}),
    ]
    groups = modelsplit.split(api)
    if not groups[0].part:
        jobs.insert(3, ("package/models.py.j2", f"{pkg}/models.py", {"group": groups[0]}))
    else:
        jobs.insert(3, ("package/models/__init__.py.j2", f"{pkg}/models/__init__.py", {"groups": groups}))
        jobs[4:4] = [
            ("package/models.py.j2", f"{pkg}/models/{group.name}.py", {"group": group}) for group in groups
        ]
    for resource in api.resources:
        jobs.append(
            (
                "package/resources/resource.py.j2",
                f"{pkg}/resources/{resource.name}.py",
                {"resource": resource},
            )
        )
    base = _render_key(cache_key, env, api) if cache_key is not None else None
    # A models package is one cache entry (it depends only on the Api's models): reading a
    # thousand small entries costs more than the rendering they save.
    parts_key = cache.digest(base, b"models-package") if base is not None and groups[0].part else None
    found = cache.read_json("render", parts_key) if parts_key is not None else None
    parts: dict[str, str] = found if isinstance(found, dict) else {}
    rendered: dict[str, str] = {}
    out = []
    for name, path, extra in jobs:
        template = env.get_template(name)  # loaded even on a hit: the manifest lists it
        if parts_key is not None and path.startswith(f"{pkg}/models/"):
            text = parts.get(path)
            rendered[path] = text if isinstance(text, str) else template.render(**context, **extra)
            out.append(RenderedFile(path, rendered[path]))
            continue
        key = None
        if base is not None and name in _ONLY_THEIR_RESOURCE:
            its_resource = pickle.dumps(extra.get("resource"), protocol=5)
            key = cache.digest(base, name.encode(), path.encode(), its_resource)
            text = cache.read_entry("render", key)
            if text is not None:
                out.append(RenderedFile(path, text))
                continue
        text = template.render(**context, **extra)
        if key is not None:
            cache.write_entry("render", key, text)
        out.append(RenderedFile(path, text))
    if parts_key is not None and rendered != parts:
        cache.write_json("render", parts_key, rendered)
    assert env.loader is not None
    for module in RUNTIME_MODULES:
        # Through the loader, so an overlay may replace a module and the manifest lists it.
        source, _, _ = env.loader.get_source(env, f"package/_runtime/{module}")
        out.append(RenderedFile(f"{pkg}/_runtime/{module}", source, verbatim=True))
    return out


# Built-in templates that read the Api but not its resources (other than the one they are
# given): their output is cached by the Api without resources and that one resource.
_ONLY_THEIR_RESOURCE = frozenset({"package/models.py.j2", "package/resources/resource.py.j2"})


def _render_key(cache_key: bytes, env: jinja2.Environment, api: ir.Api) -> bytes:
    """What every cached render depends on besides its resource: the given key, the line
    length, the built-in templates and the Api without its resources."""
    h = hashlib.sha256()
    h.update(cache.digest(b"render-v2", cache_key, str(_line_length(env)).encode()).encode())
    for template in sorted(BUILTIN_TEMPLATES.rglob("*.j2")):
        h.update(template.relative_to(BUILTIN_TEMPLATES).as_posix().encode() + b"\0")
        h.update(template.read_bytes() + b"\0")
    h.update(pickle.dumps(replace(api, resources=[]), protocol=5))
    return h.hexdigest().encode()


def format_python(
    files: list[RenderedFile],
    line_length: int = LINE_LENGTH,
    busy: Callable[[], int] = lambda: 0,
    formatter: str = "black",
    skip_proven: bool = True,
) -> list[RenderedFile]:
    """Format `.py` files (cached by content, in parallel: see formatcache); FormatError if
    one is not valid Python, naming its path. `skip_proven=False` (overlay templates: unknown
    code) gives black every block, even those already in its layout."""
    # The runtime is kept in black's layout at 100 columns: copied as it is at that length,
    # formatted like the rest at any other.
    python = [
        i
        for i, f in enumerate(files)
        if f.path.endswith(".py") and not (f.verbatim and line_length == RUNTIME_LINE_LENGTH)
    ]
    sources = [files[i].content for i in python]
    try:
        formatted = formatcache.format_sources(
            sources, line_length, busy=busy, formatter=formatter, skip_proven=skip_proven
        )
    except formatcache.FormatError as exc:
        raise FormatError(f"{files[python[exc.index]].path} is not valid Python: {exc}") from None
    out = list(files)
    for i, content in zip(python, formatted, strict=True):
        out[i] = replace(files[i], content=content)
    return out


class FormatError(Exception):
    """A template rendered a `.py` file the formatter cannot parse."""


# -- filters that need more than one IR node ------------------------------------------


@jinja2.pass_environment
def resource_imports(env: jinja2.Environment, resource: ir.Resource, api: ir.Api) -> str:
    """The import block of a resource module, from the IR."""
    used = imports.resource_module(resource, api)
    return imports.block(used, 2, api, _line_length(env))


@jinja2.pass_context
def model_imports(context: Any, group: modelsplit.ModelModule) -> str:
    """A models module's import block, from the IR: what it uses from the runtime and the
    standard library and, in a part of the `models` package, the other parts' classes it names,
    for type checkers only (the codec finds them when it first decodes a value)."""
    width = _line_length(context.environment)
    lazy = [imports.from_import(f".{m}", names, width, 4) for m, names in group.imports.items()]
    used = imports.models_module(group, group.external)
    if lazy:
        used.add("TYPE_CHECKING")
    # None from `..models`: a part names the others' classes through TYPE_CHECKING imports.
    block = imports.block(used, 2 if group.part else 1, context["api"], width, models=False)
    return block + "\n\nif TYPE_CHECKING:\n    " + "\n    ".join(lazy) if lazy else block


@jinja2.pass_environment
def brackets(
    env: jinja2.Environment, head: str, items: Iterable[Any], tail: str, indent: int, optional: bool = False
) -> str:
    """head + items joined by ", " + tail, laid out as black would at column `indent`.

    An item that is a (head, items, tail) tuple is a bracketed list itself. `optional` marks
    brackets black adds only to split a line (`NAME = (` ... `)`): they vanish when it fits."""
    node = _brackets(head, items, tail)
    if optional:
        inside = ", ".join(layout.flat(item) for item in node.items)
        node = replace(node, one_line=head[:-1] + inside + tail[1:], optional=True)
    return layout.lay(node, indent, _line_length(env))


@jinja2.pass_environment
def class_line(env: jinja2.Environment, name: str, bases: str) -> str:
    """`class name(bases):` laid out as black would: split at its parentheses when too long."""
    return layout.lay(layout.Brackets(f"class {name}(", (bases,), "):"), 0, _line_length(env))


@jinja2.pass_context
def arg_annotation(context: Any, f: ir.Field | ir.Parameter) -> str:
    """A method argument's annotation (enums also take their literal values)."""
    api: ir.Api = context["api"]
    return pycode.arg_annotation(f, imports.index(api).enums)


@jinja2.pass_context
def arg_line(
    context: Any, f: ir.Field | ir.Parameter, name: str | None = None, required: bool = False
) -> str:
    """`name: annotation = default,` in a method signature, laid out as black would."""
    default = "" if required else pycode.arg_default(f)
    width = _line_length(context.environment)
    return pycode.arg_line(name or f.name, arg_annotation(context, f), default, 8, width)


def _brackets(head: str, items: Iterable[Any], tail: str) -> layout.Brackets:
    nodes = tuple(_brackets(*item) if isinstance(item, tuple) else str(item) for item in items)
    return layout.Brackets(head, nodes, tail)


@jinja2.pass_environment
def field_doc(env: jinja2.Environment, f: ir.Field) -> str:
    """A field's docstring: its description and flags, wrapped to the line length."""
    parts = [f.description] if f.description else []
    if f.read_only:
        parts.append("Read-only: set by the server.")
    if f.write_only:
        parts.append("Write-only: sent to the server, never returned.")
    if f.deprecated:
        parts.append("Deprecated.")
    return "\n".join(_wrap_prose(" ".join(parts), _class_doc_width(env)))


@jinja2.pass_environment
def paging_rule(env: jinja2.Environment, pg: ir.Pagination) -> str:
    """How an `iter_...` walk ends, wrapped for its docstring (8 columns in; names are
    Python identifiers, so nothing needs escaping)."""
    return "\n        ".join(_wrap(pagination.describe(pg), "", "", _doc_width(env)))


@jinja2.pass_environment
def model_doc(env: jinja2.Environment, m: ir.Model | ir.Enum) -> str:
    """A class docstring: the schema's description, else its title, else where it comes from;
    prose lines wrapped to the line length (docstrings of classes sit 4 columns in)."""
    if m.description:
        text = m.description
    elif m.title:
        text = m.title
    else:
        place = _schema_place(m.pointer)
        text = place[0].upper() + place[1:] + "."
    return "\n".join(_wrap_prose(text, _class_doc_width(env)))


def _schema_place(ptr: str) -> str:
    """Where a schema sits in the spec, in words: "the `data` field of the 200 response of
    `GET /v1/contacts`"."""
    parts = pointer.split(ptr)
    return _place(parts) or f"the schema at `{ptr}` in the spec"


def _place(parts: list[str]) -> str:
    if len(parts) == 3 and parts[:2] == ["components", "schemas"]:
        return f"the `{parts[2]}` object"
    if len(parts) == 3 and parts[0] == "components":
        kind = {"responses": "response", "requestBodies": "request body", "parameters": "parameter"}
        return f"the `{parts[2]}` {kind.get(parts[1], 'component')}"
    if len(parts) == 3 and parts[0] == "paths":
        return f"`{parts[2].upper()} {parts[1]}`"
    if len(parts) < 4:
        return ""
    *parent, key, last = parts
    if key == "properties":
        return _of(f"the `{last}` field", parent)
    if key in ("allOf", "content"):
        return _place(parent)
    if key in ("oneOf", "anyOf") and last.isdigit():
        return _of(f"variant {int(last) + 1}", parent)
    if key == "responses":
        return _of("the default response" if last == "default" else f"the {last} response", parent)
    if key == "parameters" and last.isdigit():
        return _of("a parameter", parent)
    if last == "items":
        return _of("an item", [*parent, key])
    if last == "additionalProperties":
        return _of("a value", [*parent, key])
    if last == "requestBody":
        return _of("the request body", [*parent, key])
    if last == "schema":
        return _place([*parent, key])
    return _place([*parent, key]) if last.isdigit() else ""


def _of(what: str, parent: list[str]) -> str:
    where = _place(parent)
    return f"{what} of {where}" if where else ""


@jinja2.pass_environment
def op_doc(env: jinja2.Environment, op: ir.Operation) -> str:
    width = _doc_width(env)
    lines = [op.summary or f"{op.method} {op.path}"]
    if op.description and op.description != op.summary:
        lines += ["", *_wrap_prose(op.description, width)]
    if op.deprecated:
        lines += ["", "Deprecated: this operation may be removed."]
    args: list[tuple[str, str]] = [
        (p.name, p.description + (" Deprecated." if p.deprecated else "")) for p in op.parameters
    ]
    body = op.body
    if body is not None and body.args:
        args += [(name, f.description + (" Deprecated." if f.deprecated else "")) for name, f in body.args]
    elif body is not None:
        args.append(("body", body.description or f"The request body ({body.media_type})."))
    if op.idempotency_header:
        args.append(("idempotency_key", "Sent as `Idempotency-Key`; a UUID is generated when not given."))
    args.append(("request_options", "Per-call headers, query parameters, timeout and retries."))
    documented = [(name, " ".join(text.split())) for name, text in args if text.strip()]
    if documented:
        lines += ["", "Args:"]
        for name, text in documented:
            lines += _wrap(f"{name}: {text}", "    ", "        ", width)
    success = op.success
    if success is not None and success.description:
        lines += [
            "",
            "Returns:",
            *_wrap(" ".join(success.description.split()), "    ", "    ", width),
        ]
    return "\n".join(lines)


def _class_doc_width(env: jinja2.Environment) -> int:
    """Docstrings in a class body sit 4 columns in, after three quotes, before three more."""
    return _doc_width(env) + 2


def _doc_width(env: jinja2.Environment) -> int:
    """How wide docstring prose is wrapped (a global set from the line length)."""
    return _int_global(env, "doc_width")


def _line_length(env: jinja2.Environment) -> int:
    return _int_global(env, "line_length")


def _int_global(env: jinja2.Environment, name: str) -> int:
    value = env.globals[name]
    assert isinstance(value, int)
    return value


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    """textwrap.wrap of whitespace-normalised text, without its cost when the text fits."""
    if len(first) + len(text) <= width:
        return [first + text]
    return prose.wrap(text, width, first, rest)


def _wrap_prose(text: str, width: int) -> list[str]:
    """Wrap long prose lines; lists, tables, code and indented lines keep their shape."""
    out: list[str] = []
    in_code = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        keep = in_code or line.startswith((" ", "\t", "-", "*", "|", "#", ">")) or len(line) <= width
        out += [line] if keep else prose.wrap(line, width, hyphens=False)
    return out


@jinja2.pass_environment
def path_expr(env: jinja2.Environment, op: ir.Operation, indent: int | None = None) -> str:
    """The request path as a concatenation; path parameters are checked and encoded.

    With `indent`, laid out as black would as an argument followed by a comma at that column."""
    by_wire = {p.wire_name: p for p in op.params_in("path")}
    parts: list[str] = []
    for index, piece in enumerate(re.split(r"\{([^{}]+)\}", op.path)):
        if index % 2 == 0:
            if piece:
                parts.append(pycode.literal(piece))
            continue
        param = by_wire.get(piece)
        if param is None:  # a placeholder with no parameter: keep it literally
            parts.append(pycode.literal("{" + piece + "}"))
            continue
        args = [param.name, pycode.literal(param.wire_name)]
        if param.pattern:
            args.append(pycode.literal(param.pattern))
        parts.append(f"path_param({', '.join(args)})")
    if not parts:
        return '"/"'
    chain = layout.Chain(parts[0], tuple(("+", part) for part in parts[1:]))
    if indent is None:
        return layout.flat(chain)
    return layout.lay(layout.with_suffix(chain, ","), indent, _line_length(env))[:-1]


@jinja2.pass_environment
def body_expr(
    env: jinja2.Environment, body: ir.RequestBody, indent: int | None = None, prefix: str = "", wrap: str = ""
) -> str:
    """The expression sending a JSON/form body, after prefix (`json=`), as the argument of the
    function `wrap` if given (`form_fields`); with `indent`, laid out as black would as an
    argument followed by a comma at that column."""
    if body.model and body.args:
        kwargs = tuple(f"{f.name}={pycode.arg_value(name, f)}" for name, f in body.args)
        if wrap:
            model = layout.Brackets(f"{body.model}(", kwargs, ").to_dict()")
            call = layout.Brackets(f"{prefix}{wrap}(", (model,), "),")
        else:
            call = layout.Brackets(f"{prefix}{body.model}(", kwargs, ").to_dict(),")
        if indent is None:
            return layout.flat(call)[:-1]
        return layout.lay(call, indent, _line_length(env))[:-1]
    value = _body_value(body)
    return f"{prefix}{wrap}({value})" if wrap else prefix + value


def _body_value(body: ir.RequestBody) -> str:
    if isinstance(body.type, ir.Primitive) and body.type.kind in ("str", "int", "float", "bool", "any"):
        return "body"
    value = "body.to_dict()" if isinstance(body.type, ir.ModelRef) else "to_jsonable(body)"
    return value if body.required else f"None if body is None else {value}"


_CLIENT_ARGS = {"self", "api_key", "base_url", "timeout", "max_retries", "default_headers", "http_client"}


def credential_args(api: ir.Api) -> list[tuple[str, ir.SecurityScheme, str]]:
    """(argument, scheme, environment variable) for every security scheme.

    The first scheme takes `api_key` (`<PREFIX>_API_KEY`); each other one gets a keyword
    argument of the client named after it, falling back to `<PREFIX>_<NAME>`.
    """
    taken = NameSet(set(_CLIENT_ARGS))
    result = []
    for index, scheme in enumerate(api.security):
        arg = "api_key" if index == 0 else taken.claim(snake(scheme.name, frozenset(_CLIENT_ARGS)))
        result.append((arg, scheme, f"{api.prefix.upper()}_{arg.upper()}"))
    return result


def content_expr(body: ir.RequestBody) -> str:
    """A raw (text or binary) body as bytes or a binary stream."""
    value = "body.encode()" if body.kind == "text" else "file_part(body)[1]"
    return value if body.required else f"None if body is None else {value}"


def response_decoder(op: ir.Operation) -> str:
    """The decoder the call passes the runtime: by status when several responses differ."""
    return layout.flat(_response_decoder(op))


@jinja2.pass_environment
def decoder_argument(env: jinja2.Environment, op: ir.Operation, indent: int) -> str:
    """`response_decoder,` as an argument at column `indent`, laid out as black would."""
    return layout.lay(layout.with_suffix(_response_decoder(op), ","), indent, _line_length(env))


def _response_decoder(op: ir.Operation) -> layout.Node:
    success = op.success
    if success is None:
        return "lambda data: None"
    if success.kind == "stream":
        return pycode.decoder(success.type) if success.type is not None else "None"
    responses = [r for r in op.successes if r.kind in ("json", "text", "empty")]
    decoders = {r.status: pycode.body_decoder(r) for r in responses}
    if len(set(decoders.values())) > 1:
        entries = ", ".join(f"{pycode.literal(status)}: {d}" for status, d in decoders.items())
        return layout.Brackets(f"ByStatus[{return_annotation(op)}](", (f"{{{entries}}}",), ")")
    decoder = pycode.body_decoder(success)
    return decoder if decoder is not None else "lambda data: None"


def error_decoders(op: ir.Operation) -> str:
    """`{"404": NotFound.from_dict, ...}`: the spec's error bodies, decoded into the error raised."""
    return "{" + ", ".join(_error_entries(op)) + "}"


@jinja2.pass_environment
def errors_argument(env: jinja2.Environment, op: ir.Operation, indent: int) -> str:
    """`errors={...},` at column `indent`, laid out as black lays out a dict display that does
    not fit: one entry per line once there are two or more."""
    entries = _error_entries(op)
    node = layout.Brackets("errors={", tuple(entries), "},", explode=len(entries) > 1)
    return layout.lay(node, indent, _line_length(env))


def _error_entries(op: ir.Operation) -> list[str]:
    return [f"{pycode.literal(r.status)}: {pycode.decoder(r.type)}" for r in op.errors if r.type is not None]


def _annotation_of(r: ir.Response) -> str:
    if r.kind == "empty":
        return "None"
    if r.kind == "text":
        return "str"
    t = r.result_type
    return pycode.annotation(t) if t is not None else "Any"


def return_annotation(op: ir.Operation, is_async: bool = False) -> str:
    """What the method returns: the union of its success responses' types (None for an
    empty one), a stream of events, or a download."""
    success = op.success
    if success is None:
        return "None"
    prefix = "Async" if is_async else ""
    if success.kind == "stream":
        event = pycode.annotation(success.type) if success.type is not None else "ServerSentEvent"
        return f"{prefix}Stream[{event}]"
    if success.kind == "binary":
        return f"{prefix}BinaryResponse"
    kinds = [r for r in op.successes if r.kind in ("json", "text", "empty")]
    types = list(dict.fromkeys(_annotation_of(r) for r in kinds))
    if "None" in types:  # written last, as people write optionals
        types = [t for t in types if t != "None"] + ["None"]
    return " | ".join(types)


_EXAMPLES = {"str": '"..."', "int": "1", "float": "1.0", "bool": "True", "file": 'Path("file.csv")'}


def example_call(op: ir.Operation) -> str:
    """Arguments for a README example: every required argument with a placeholder."""
    args = []
    for p in op.parameters:
        if p.required:
            value = _EXAMPLES.get(p.type.kind, '"..."') if isinstance(p.type, ir.Primitive) else '"..."'
            if p.pattern and p.location == "path":
                value = '"0123456789abcdef01234567"' if "24" in p.pattern else value
            args.append(value if p.location == "path" else f"{p.name}={value}")
    body = op.body
    if body is not None and body.args:
        for name, f in body.args:
            if f.required:
                value = _EXAMPLES.get(f.type.kind, "...") if isinstance(f.type, ir.Primitive) else "..."
                args.append(f"{name}={value}")
    elif body is not None and body.required:
        args.append("body=...")
    return ", ".join(args)
