"""Stage 2 (model): security schemes: the credentials the client takes, and which of them each
operation sends."""

from __future__ import annotations

from .. import pointer as pointer_module
from ..diagnostics import Diagnostics, pointer
from ..load import skeleton
from . import ir


def schemes(view: skeleton.Document, diags: Diagnostics) -> list[ir.SecurityScheme]:
    """Every scheme a security requirement names (the document's, then its operations'), in
    order of first use; one that is undefined or unsupported is warned about and left out."""
    used: list[str] = []
    for requirement in view.security:
        used += [k for k in requirement if k not in used]
    for op in view.operations:
        for requirement in op.security or ():
            used += [k for k in requirement if k not in used]
    result = []
    for name in used:
        spec = view.components.security_scheme(name)
        if spec is None:
            diags.warn(pointer("security"), f"security scheme {name!r} is not defined; ignored")
            continue
        scheme = _scheme(spec, diags)
        if scheme:
            result.append(scheme)
    return result


def accepted(requirements: tuple[skeleton.Requirement, ...], known: list[str]) -> tuple[str, ...]:
    """The known schemes an operation's security requirements (its own, else the document's)
    name: any one requirement is enough, so the client sends each one configured."""
    names: list[str] = []
    for requirement in requirements:
        names += [name for name in requirement if name in known and name not in names]
    return tuple(names)


def _scheme(spec: skeleton.SecurityScheme, diags: Diagnostics) -> ir.SecurityScheme | None:
    name, kind, desc, ptr = spec.name, spec.type, spec.description, spec.pointer
    if kind == "http":
        if (spec.scheme or "").lower() == "basic":
            return ir.SecurityScheme(name, "basic", "Authorization", "Basic ", desc)
        return ir.SecurityScheme(name, "bearer", "Authorization", "Bearer ", desc)
    if kind == "apiKey":
        where = spec.location
        param = spec.parameter if spec.parameter is not None else "Authorization"
        prefix = ""
        if where == "header" and param.lower() == "authorization" and "bearer" in desc.lower():
            # Documented as `Authorization: Bearer KEY` but declared as a bare apiKey.
            diags.note(ptr, "apiKey in the Authorization header described as Bearer; sent as `Bearer <key>`")
            prefix = "Bearer "
        kinds = {"header": "api_key_header", "query": "api_key_query", "cookie": "api_key_cookie"}
        if where not in kinds:
            diags.warn(pointer_module.join(ptr, "in"), f"apiKey location {where!r} unknown; scheme ignored")
            return None
        return ir.SecurityScheme(name, kinds[where], param, prefix, desc)  # type: ignore[arg-type]
    if kind in ("oauth2", "openIdConnect"):
        diags.note(ptr, f"{kind} scheme: the client takes an access token and sends it as a Bearer token")
        return ir.SecurityScheme(name, "bearer", "Authorization", "Bearer ", desc)
    diags.warn(ptr, f"security scheme type {kind!r} is not supported; ignored")
    return None
