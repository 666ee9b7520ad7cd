"""Stage 1 (load): importing openapi-spec-validator at about half its usual cost.

Importing it takes ~0.18 s of every run that validates a spec (the validation child of a cold
run; an incremental run waits for it). Two parts of that are never used here:

- jsonschema-path uses `requests` for http(s) refs if it can import it (~45 ms); its documented
  fallback is the standard library's urllib. The validator needs neither: refs to other files
  are file: URIs and the load stage fetches nothing.
- openapi-spec-validator and openapi-schema-validator read their settings (a backend name and
  two cache sizes, from environment variables) through pydantic-settings, whose import, with
  pydantic's, is ~75 ms. While none of their variables is set, their settings are the
  defaults: stand-ins holding those serve as the two settings modules while the validator is
  imported, and leave `sys.modules` after (the validator keeps them; a later import of either
  module gets the real one). With a variable set, or a validator that does not import with
  the stand-ins (a version naming other settings), the real modules are used.

And one check made faster once it is imported: pathable asks `isinstance(node, Subscriptable)` of
every node the validator's paths step through, and Subscriptable is a runtime Protocol, which on
Python 3.11 collects its members again on every ask (~30% of validating codat or jira). JSON's
own types are answered by their exact type (the same answers); anything else asks the Protocol.

tests/test_validator_import.py checks the stand-ins' names and defaults against the real modules,
and the quick answers against the Protocol's.
"""

from __future__ import annotations

import functools
import os
import sys
import types
from typing import Any

# The environment variables the two settings modules read (pydantic-settings: any case).
PREFIXES = ("OPENAPI_SPEC_VALIDATOR_", "OPENAPI_SCHEMA_VALIDATOR_")
SPEC_SETTINGS = "openapi_spec_validator.settings"
SCHEMA_SETTINGS = "openapi_schema_validator.settings"


def validator() -> tuple[dict[bool, Any], dict[bool, Any]]:
    """openapi-spec-validator's validator classes and OpenAPI schemas, by whether for 3.1."""
    blocked = "requests" not in sys.modules
    if blocked:
        sys.modules["requests"] = None  # type: ignore[assignment]  # import requests: ImportError
    try:
        try:
            found = _import(stand_in=_may_stand_in())
        except ImportError:
            _forget_validator()  # half-imported with the stand-ins: start again with the real modules
            found = _import(stand_in=False)
    finally:
        if blocked:
            del sys.modules["requests"]
    _quicken_subscriptable()
    return found


def _import(stand_in: bool) -> tuple[dict[bool, Any], dict[bool, Any]]:
    added = stand_ins() if stand_in else {}
    sys.modules.update(added)
    try:
        from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
        from openapi_spec_validator.schemas import schema_v30, schema_v31
    finally:
        for name, module in added.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    classes = {False: OpenAPIV30SpecValidator, True: OpenAPIV31SpecValidator}
    return classes, {False: schema_v30, True: schema_v31}


def _may_stand_in() -> bool:
    """Whether the stand-ins would give what the real settings give: none of their variables
    is set, and neither the real modules nor the validator are imported already."""
    if any(name.upper().startswith(PREFIXES) for name in os.environ):
        return False
    return not any(name in sys.modules for name in (SPEC_SETTINGS, SCHEMA_SETTINGS, "openapi_spec_validator"))


def _forget_validator() -> None:
    packages = ("openapi_spec_validator", "openapi_schema_validator")
    for name in [n for n in sys.modules if n.split(".")[0] in packages]:
        del sys.modules[name]


def stand_ins() -> dict[str, types.ModuleType]:
    """The two settings modules as they are with no variable set, by module name."""
    spec = _module(
        SPEC_SETTINGS,
        ENV_PREFIX=PREFIXES[0],
        RESOLVED_CACHE_MAXSIZE_DEFAULT=_SpecSettings.resolved_cache_maxsize,
        SCHEMA_VALIDATOR_BACKEND_DEFAULT=_SpecSettings.schema_validator_backend,
        SCHEMA_VALIDATOR_BACKEND_ALLOWED={"auto", "jsonschema", "jsonschema-rs"},
        OpenAPISpecValidatorSettings=_SpecSettings,
        get_resolved_cache_maxsize=lambda: _SpecSettings.resolved_cache_maxsize,
        get_schema_validator_backend=lambda: _SpecSettings.schema_validator_backend,
    )
    schema = _module(
        SCHEMA_SETTINGS,
        OpenAPISchemaValidatorSettings=_SchemaSettings,
        get_settings=_schema_settings,
        reset_settings_cache=_schema_settings.cache_clear,
    )
    return {SPEC_SETTINGS: spec, SCHEMA_SETTINGS: schema}


def _module(name: str, **names: object) -> types.ModuleType:
    module = types.ModuleType(name, "default settings, standing in while the validator is imported (oagen)")
    vars(module).update(names)
    return module


class _SpecSettings:
    resolved_cache_maxsize = 128
    schema_validator_backend = "auto"


class _SchemaSettings:
    compiled_validator_cache_max_size = 128


@functools.cache
def _schema_settings() -> _SchemaSettings:
    return _SchemaSettings()


def _quicken_subscriptable() -> None:
    from pathable import accessors

    protocol = getattr(accessors, "Subscriptable", None)
    if protocol is not None and not isinstance(protocol, QuickSubscriptable):
        setattr(accessors, "Subscriptable", QuickSubscriptable(protocol))  # noqa: B010 (a patch)


# What pathable's Subscriptable Protocol (__contains__, __getitem__, __len__) says of JSON's types.
_SUBSCRIPTABLE = {dict: True, list: True, str: True, int: False, float: False, bool: False, type(None): False}


class QuickSubscriptable:
    """`isinstance(value, QuickSubscriptable(protocol))`: `isinstance(value, protocol)`, answered
    by the exact type for JSON's types (isinstance asks the type of its second argument)."""

    def __init__(self, protocol: Any) -> None:
        self.protocol = protocol

    def __instancecheck__(self, value: object) -> bool:
        known = _SUBSCRIPTABLE.get(type(value))
        return isinstance(value, self.protocol) if known is None else known
