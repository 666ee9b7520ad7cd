"""Stage 2 (model): the IR (model/ir.py) of one document, from its skeleton view (load/skeleton.py).

The steps, in order: every operation (model/operations.py, with its responses and the envelope
and idempotency conventions that are steps of building), then every component schema
(model/schemas.py) not yet built; then the operations grouped into resources by tag, the
security schemes each sends, the servers. The passes over the result are model/passes.py's.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostics, SpecError, pointer
from ..load import skeleton
from . import ir, runtime_names, security, servers
from .names import NameSet, pascal, resource_class, snake
from .operations import Operations
from .schemas import Schemas

_CLIENT_RESERVED = runtime_names.CLIENT_RESERVED
# The generated client's own constructor arguments: a server variable or scheme must not take one.
_CLIENT_ARGUMENTS = frozenset(
    {"self", "api_key", "base_url", "timeout", "max_retries", "default_headers", "http_client"}
)


def build(view: skeleton.Document, diags: Diagnostics, package: str, unwrap_envelopes: bool = True) -> ir.Api:
    """Build the IR for one document; `package` names the generated package. With
    `unwrap_envelopes` false (`[tool.oagen.envelope] unwrap = false`), methods return the
    `{success, data, error}` envelope whole instead of its `data`."""
    schemas = Schemas(view, diags)
    operations = Operations(schemas, diags, unwrap_envelopes)
    try:
        ops = [operations.operation(spec) for spec in view.operations]
        schemas.components()
    except RecursionError:
        raise SpecError.single(diags.file, "", "schemas are nested too deeply to generate; refused") from None
    if view.webhooks:
        diags.note(pointer("webhooks"), "webhooks are requests the API sends; no client code is generated")
    prefix = pascal(re.sub(r"_(client|sdk|api|python)$", "", package)) or "Api"
    resources = _resources(ops, {tag.name: tag.description for tag in view.tags}, schemas.class_names, prefix)
    schemes = security.schemes(view, diags)
    known = [scheme.name for scheme in schemes]
    for op, spec in zip(ops, view.operations, strict=True):
        accepted = security.accepted(spec.security if spec.security is not None else view.security, known)
        op.security = None if set(accepted) == set(known) else accepted
    taken = set(_CLIENT_ARGUMENTS) | {snake(scheme.name) for scheme in schemes}
    base_url, variables = servers.server_variables(view.servers, taken)
    return ir.Api(
        title=view.info.title or package,
        version=view.info.version,
        description=view.info.description,
        base_url=base_url,
        server_variables=variables,
        package=package,
        prefix=prefix,
        security=schemes,
        resources=resources,
        models=sorted(schemas.models.values(), key=lambda m: m.name),
        enums=sorted(schemas.enums.values(), key=lambda e: e.name),
        unions=sorted(schemas.unions.values(), key=lambda u: u.name),
    )


def _resources(
    ops: list[ir.Operation], descriptions: dict[str, str], class_names: NameSet, prefix: str
) -> list[ir.Resource]:
    """The operations grouped by tag, in order of first use; each method name unique in its class."""
    # The client module defines these beside the resource classes it imports.
    client_names = runtime_names.client_names(prefix)
    resources: dict[str, ir.Resource] = {}
    resource_names = NameSet(set(_CLIENT_RESERVED))
    op_names: dict[str, NameSet] = {}
    for op in ops:
        if op.tag not in resources:
            attr = resource_names.claim(snake(op.tag, _CLIENT_RESERVED))
            cls = resource_class(attr, class_names, client_names)
            resources[op.tag] = ir.Resource(attr, cls, op.tag, descriptions.get(op.tag, ""), [])
            op_names[op.tag] = NameSet(set(runtime_names.METHOD_RESERVED))
        op.name = op_names[op.tag].claim(op.name)
        resources[op.tag].operations.append(op)
    return list(resources.values())
