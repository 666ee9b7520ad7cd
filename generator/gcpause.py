"""Shared by every stage: Python's cyclic GC paused around work that allocates many objects.

With a large spec parsed in memory, each full collection walks all of it (tens of ms on jira),
and allocation-heavy steps (parsing the spec, building the IR, cutting modules into blocks,
checking their tokens, pickling the IR, black's trees) set off dozens. What those steps allocate
has no reference cycles, or only young ones (black's trees, YAML aliases), which `young=True`
frees on the way out, or the next collection after.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused(young: bool = False) -> Iterator[None]:
    """No cyclic collection inside; afterwards the GC is as it was, and with `young` (when it
    was on) the youngest generation is collected once."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            if young:
                gc.collect(0)
