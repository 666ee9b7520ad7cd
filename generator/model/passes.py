"""Stage 2 (model): the stage in order, stated once; the pipeline runs it through `run`.

1. `build.build`: the IR from the skeleton view, with the conventions that can only be steps of
   building it (the envelope, model/envelope.py; the idempotency header, model/idempotency.py;
   each module says why);
2. `pagination.annotate`: list operations that page get an `iter_...` method;
3. `jobs.annotate`: job status operations get a `wait_for_...` twin (after pagination, whose
   method names the twin's must not take);
4. `safety.problems`: last, when every name is given, the check that each is safe to emit.
"""

from __future__ import annotations

from ..config import Target
from ..diagnostics import Diagnostics
from ..load import skeleton
from . import build, ir, jobs, pagination, safety


class UnsafeName(Exception):
    """A name the naming rules should have made safe: a generator bug, never a broken client."""

    def __init__(self, ptr: str, message: str) -> None:
        super().__init__(f"{ptr}: {message}")
        self.pointer = ptr
        self.message = message


def run(view: skeleton.Document, diags: Diagnostics, target: Target) -> ir.Api:
    """The API as the templates will see it; UnsafeName if the name check fails."""
    unwrap = bool(target.envelope.get("unwrap", True))
    api = build.build(view, diags, target.package, unwrap_envelopes=unwrap)
    pagination.annotate(api, diags, target.pagination)
    jobs.annotate(api, diags, target.jobs)
    unsafe = safety.problems(api)
    if unsafe:
        raise UnsafeName(*unsafe[0])
    return api
