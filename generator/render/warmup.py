"""Stage 3 (render), started first: the templates compiled into the bytecode cache by a forked child
while the load and model stages run, so a cold run's render finds them compiled.

Compiling them costs a cold run ~0.15 s of one core; before rendering, the other core is idle or
shared with validation. The child only fills the cache (which Jinja writes atomically), and
nothing waits for it: whatever it has not finished when rendering starts (a small spec loads
faster than the templates compile), the render compiles as before.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import package


class Warmup:
    def __init__(self, overlay: Path | None, line_length: int, code_key: str) -> None:
        self.pid: int | None = None
        folder = package.bytecode_folder(code_key)
        if not hasattr(os, "fork") or _filled(folder):
            return
        pid = os.fork()
        if pid == 0:  # the child: compile, then out without any cleanup, whatever happened
            try:
                env = package.environment(overlay, line_length, code_key)
                for name in env.list_templates(extensions=["j2"]):
                    env.get_template(name)
            finally:
                os._exit(0)
        self.pid = pid

    def join(self) -> None:
        """Wait for the child (at the end of the run: by then it has long finished)."""
        if self.pid is not None:
            os.waitpid(self.pid, 0)
            self.pid = None


def _filled(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(True for _ in entries)
    except OSError:
        return False
