"""Stage 2 (model), a convention: an `Idempotency-Key` header parameter is not an argument like the
others: the client sends a fresh key with every call, the same one on each of its retries, unless
the caller passes its own (`Operation.idempotency_header`, the header's spelling).

A step of reading an operation's parameters (model/operations.py), not a pass over the finished
IR: as an ordinary parameter the header would claim its argument name (renaming another argument
that wants it) and type its schema (which may claim a class name); a pass removing it afterwards
could undo neither, so the output would change.
"""

from __future__ import annotations

from ..load import skeleton


def is_idempotency_header(param: skeleton.Parameter) -> bool:
    return param.location == "header" and param.name.lower() == "idempotency-key"
