"""Stage 2 (model), a pass: GET operations that report the state of a job get a `wait_for_...` twin.

An operation qualifies when its result (or a field of it, two levels deep at most) has a
status enum with terminal values (`completed`, `failed`, ...). The twin polls the operation
until the status is terminal and returns the final result. Which values are terminal can
be changed, per operation or for all, in `[tool.oagen.jobs]`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..diagnostics import Diagnostics
from . import ir
from .pagination import Path, _key, _strip, _walk, result_type

TERMINAL = (
    "completed", "complete", "succeeded", "success", "successful", "done", "finished", "ready",
    "failed", "failure", "error", "errored", "cancelled", "canceled", "expired", "rejected", "aborted",
)  # fmt: skip
_STATUS_FIELDS = ("status", "state", "jobstatus")


def annotate(api: ir.Api, diags: Diagnostics, config: Mapping[str, Any] | None = None) -> None:
    """Set `Operation.job` on every GET operation whose result reports a job's status.

    `config`: `terminal = [...]` replaces the terminal values for every operation; a table
    named by an operationId sets them for that operation (`{terminal = [...]}`), or `false`
    turns the twin off.
    """
    config = config or {}
    default = tuple(str(v) for v in config.get("terminal", TERMINAL))
    models = {m.name: m for m in api.models}
    enums = {e.name: e for e in api.enums}
    for resource in api.resources:
        taken = {op.name for op in resource.operations} | {
            op.pagination.method for op in resource.operations if op.pagination
        }
        for op in resource.operations:
            declared = config.get(op.operation_id)
            if declared is False or op.method != "GET":
                continue
            terminal = default
            explicit = isinstance(declared, Mapping) and "terminal" in declared
            if explicit:
                terminal = tuple(str(v) for v in declared["terminal"])  # type: ignore[index]
            job = _detect(op, models, enums, terminal, explicit)
            if job is None:
                if declared is not None:
                    diags.warn(op.pointer, f"jobs: {op.operation_id} has no status enum with terminal values")
                continue
            name = job.method
            while name in taken:
                name += "_"
            taken.add(name)
            op.job = dataclasses.replace(job, method=name)
            rule = ", ".join(job.terminal)
            diags.note(op.pointer, f"{name} polls {op.name} until `{job.field}` is one of: {rule}")


def _detect(
    op: ir.Operation,
    models: Mapping[str, ir.Model],
    enums: Mapping[str, ir.Enum],
    terminal: tuple[str, ...],
    explicit: bool = False,
) -> ir.Job | None:
    """The status field (an enum with terminal values; a plain string too when the terminal
    values were configured for the operation) closest to the result."""
    result = result_type(op)
    if result is None:
        return None
    wanted = {_key(v) for v in terminal}
    candidates: list[tuple[Path, ir.Field, tuple[str, ...]]] = []
    for path, f in _walk(result, models):
        inner = _strip(f.type)[0]
        if _key(f.wire_name) not in _STATUS_FIELDS:
            continue
        if isinstance(inner, ir.EnumRef) and inner.name in enums:
            members = enums[inner.name].members
            values = tuple(str(m.value) for m in members if _key(str(m.value)) in wanted)
        elif explicit and inner == ir.Primitive("str"):
            values = terminal
        else:
            continue
        if values:
            candidates.append((path, f, values))
    if not candidates:
        return None
    path, f, values = min(candidates, key=lambda c: len(c[0]))
    stem = op.name.removeprefix("get_").removesuffix("_status")
    return ir.Job(f"wait_for_{stem}", path, f.wire_name, values)
