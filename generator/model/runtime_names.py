"""Shared by model and render: the generated client's runtime as the generator sees it, its modules
and the names they export, and so the names generated code must never shadow. Render imports from
here; model reserves."""

from __future__ import annotations

import builtins
import keyword

# Every runtime name a generated module may use, and the runtime module that exports it.
EXPORTS: dict[str, str] = {
    **dict.fromkeys(["UNSET", "Unset", "ApiModel", "Wire", "Discriminator", "Decode"], "codec"),
    **dict.fromkeys(["decode", "to_jsonable"], "codec"),
    **dict.fromkeys(
        ["FileInput", "file_part", "form_fields", "header_params", "multipart_fields", "path_param"],
        "params",
    ),
    **dict.fromkeys(["object_params", "query"], "params"),
    **dict.fromkeys(
        ["ApiConfig", "Scheme", "Request", "RequestOptions", "SyncClient", "AsyncClient"], "client"
    ),
    **dict.fromkeys(["DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT"], "client"),
    **dict.fromkeys(["paginate", "apaginate"], "pagination"),
    **dict.fromkeys(["ByStatus"], "client"),
    **dict.fromkeys(["wait_for_job", "await_job", "JobTimeoutError"], "jobs"),
    **dict.fromkeys(
        ["Stream", "AsyncStream", "BinaryResponse", "AsyncBinaryResponse", "ServerSentEvent"], "streaming"
    ),
}

# Standard-library names generated modules import (name -> (module, member or None)).
STDLIB: dict[str, tuple[str, str | None]] = {
    "base64": ("base64", None),
    "datetime": ("datetime", None),
    "uuid": ("uuid", None),
    "warnings": ("warnings", None),
    "field": ("dataclasses", "field"),
    "Enum": ("enum", "Enum"),
    "Annotated": ("typing", "Annotated"),
    "Union": ("typing", "Union"),
    "TYPE_CHECKING": ("typing", "TYPE_CHECKING"),
    "Any": ("typing", "Any"),
    "Literal": ("typing", "Literal"),
    "TypeAlias": ("typing", "TypeAlias"),
    "Iterator": ("collections.abc", "Iterator"),
    "AsyncIterator": ("collections.abc", "AsyncIterator"),
}

# Annotations name these builtins; a class attribute of the same name would hide them from mypy.
_TYPE_BUILTINS = frozenset({"str", "int", "float", "bool", "list", "dict", "bytes", "object", "type"})

# Names the models module imports; model fields are attributes of class bodies beside them.
_MODELS_MODULE = (
    frozenset(EXPORTS)
    | {"base64", "datetime", "uuid", "field", "Enum"}
    | {
        "Annotated",
        "Any",
        "Literal",
        "TypeAlias",
    }
)
FIELD_RESERVED = (
    _MODELS_MODULE
    | _TYPE_BUILTINS - {"type"}
    | {"additional_properties", "from_dict", "to_dict", "to_json", "self", "cls"}
    | {"classmethod", "staticmethod", "property", "frozenset", "dataclass"}
)

# Method arguments: the keyword arguments every method takes, and the names its body reads
# (`body` is the argument of a request body that is not an object).
PARAM_RESERVED = (
    frozenset(EXPORTS)
    | {"datetime", "uuid", "base64", "warnings"}
    | {
        "request_options",
        "idempotency_key",
        "self",
        "body",
    }
)

# Method names live in a resource class body, where signatures' annotations and defaults
# are read: a method `float` would hide the type from a later `float("inf")` default.
METHOD_RESERVED = PARAM_RESERVED | _TYPE_BUILTINS | {"with_raw_response"}

# Module-level class names (models, enums, unions, resources, clients) beside the imports.
CLASS_RESERVED = (
    frozenset(keyword.kwlist)
    | frozenset(dir(builtins))
    | frozenset(EXPORTS)
    | frozenset(STDLIB)
    | {"Mapping", "Sequence", "Union", "ClassVar", "DecodeError", "TYPE_CHECKING", "Client"}
    | {"cached_property", "httpx", "annotations"}
)

# Resource attributes live in the client classes' bodies beside the runtime client's own
# attributes and methods, and the decorator the body uses.
CLIENT_RESERVED = frozenset(
    {"close", "with_options", "aclose", "base_url", "timeout", "request", "max_retries", "retry_delay"}
    | {"stream", "download", "cached_property"}
)


def client_names(prefix: str) -> frozenset[str]:
    """The classes the generated `_client.py`/`errors.py` define beside the resource classes."""
    return frozenset({f"{prefix}Client", f"Async{prefix}Client", f"{prefix}Error"})
