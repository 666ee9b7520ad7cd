"""Stage 2 (model): servers: the client's base URL with its `{variables}` as client arguments, and
an operation's own server."""

from __future__ import annotations

from ..load import skeleton
from . import ir
from .names import NameSet, snake


def server_url(server: skeleton.Server) -> str:
    """The server's URL with its variables at their defaults."""
    url = server.url
    for var in server.variables:
        url = url.replace("{" + var.name + "}", var.default or "")
    return url.rstrip("/")


def server_variables(
    servers: tuple[skeleton.Server, ...], taken: set[str]
) -> tuple[str, list[ir.ServerVariable]]:
    """The first server's URL, its `{placeholders}` kept, and each variable as a client argument
    (a variable with no default is filled in with its first value, or left to the user)."""
    if not servers:
        return "", []
    url = servers[0].url.rstrip("/")
    names = NameSet(set(taken))
    variables = []
    for var in servers[0].variables:
        default = var.default if var.default is not None else (var.values[0] if var.values else "")
        if "{" + var.name + "}" not in url:
            continue
        name = names.claim(snake(var.name, frozenset(taken)))
        variables.append(ir.ServerVariable(name, var.name, default, var.values, var.description))
    return url, variables
