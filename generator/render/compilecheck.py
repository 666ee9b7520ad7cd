"""Stage 3 (render), its last step: whether every generated module compiles, on two cores when there
is enough to compile.

`compile()` over a large client (jira's: 270 modules, 3 MB) takes ~0.25 s of one core at the very
end of a run, when the other core is usually idle (validation and formatting are done): a forked
worker takes modules from the same queue as this process (`parallel.py`), biggest first, so the
two finish together even when one module is a third of the client (codat's models.py).
"""

from __future__ import annotations

import os

from .. import cores
from . import parallel

# Below this much source a fork costs about what it saves.
_PARALLEL_BYTES = 512 * 1024

Failure = tuple[int, str]  # (index of the module, why it does not compile)


def first_failure(sources: list[str], names: list[str]) -> Failure | None:
    """The first module (in order) that does not compile, with why, or None. Forks: call it with
    no other thread running (outside `cache.deferred_writes`)."""
    order = sorted(range(len(sources)), key=lambda i: -len(sources[i]))
    large = sum(map(len, sources)) >= _PARALLEL_BYTES
    workers = 1 if large and hasattr(os, "fork") and cores.available() > 1 else 0
    found = parallel.share(len(order), lambda k: _why(sources[order[k]], names[order[k]]), workers)
    failures = [(order[k], why) for k, why in enumerate(found) if why is not None]
    return min(failures) if failures else None


def _why(source: str, name: str) -> str | None:
    """None if the module compiles, else why not."""
    try:
        compile(source, name, "exec", dont_inherit=True)
    except SyntaxError as exc:  # a NUL byte too (no line), on Python 3.11.4 and later
        return f" (line {exc.lineno}: {exc.msg})" if exc.lineno else f" ({exc.msg})"
    except ValueError as exc:  # a NUL byte, on earlier Pythons
        return f" ({exc})"
    return None
