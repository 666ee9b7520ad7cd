"""Stage 3 (render), its last step: whether every generated module compiles, on two cores when there
is enough to compile.

`compile()` over a large client (jira's: 270 modules, 3 MB) takes ~0.25 s of one core at the very
end of a run, when the other core is usually idle (validation and formatting are done): a forked
child compiles every other module and sends back what it found.
"""

from __future__ import annotations

import json
import os

# Below this much source a fork costs about what it saves.
_PARALLEL_BYTES = 512 * 1024

Failure = tuple[int, str]  # (index of the module, why it does not compile)


class Check:
    """A started check: a forked child may be compiling every other module already (so start it
    outside `cache.deferred_writes`, with no other thread running); `result()` compiles the rest
    here and joins it."""

    def __init__(self, sources: list[str], names: list[str]) -> None:
        self.sources, self.names = sources, names
        self.child: tuple[int, int] | None = None  # (pid, read end of its pipe)
        self.mine: list[int] = list(range(len(sources)))
        self.theirs: list[int] = []
        if sum(map(len, sources)) >= _PARALLEL_BYTES and hasattr(os, "fork"):
            self.mine, self.theirs = _halves(sources)
            theirs = self.theirs
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: its half, the answer down the pipe, then out without cleanup
                try:
                    os.close(read)
                    answer = json.dumps(_check(sources, names, theirs)).encode()
                    while answer:
                        answer = answer[os.write(write, answer) :]
                finally:
                    os._exit(0)
            os.close(write)
            self.child = pid, read

    def result(self) -> Failure | None:
        """The first module (in order) that does not compile, with why, or None."""
        try:
            found = [_check(self.sources, self.names, self.mine)]
        finally:
            answer = self._join()
        if self.child is not None:
            try:
                theirs = json.loads(answer)
                found.append(None if theirs is None else (int(theirs[0]), str(theirs[1])))
            except (ValueError, TypeError, IndexError):  # the child died first: its half is done here
                found.append(_check(self.sources, self.names, self.theirs))
        failures = [f for f in found if f is not None]
        return min(failures) if failures else None

    def _join(self) -> bytes:
        """The child's answer, once it has ended (reaped even when this process's half failed)."""
        if self.child is None:
            return b""
        pid, read = self.child
        with os.fdopen(read, "rb") as pipe:
            answer = pipe.read()
        os.waitpid(pid, 0)
        return answer


def _halves(sources: list[str]) -> tuple[list[int], list[int]]:
    """The modules' indexes in two halves of about equal size, each in order (so each half's
    first failure is its smallest index). One module can be a third of a client (codat's
    models.py): every other module would leave one process waiting for the other."""
    halves: tuple[list[int], list[int]] = ([], [])
    sizes = [0, 0]
    for i in sorted(range(len(sources)), key=lambda i: -len(sources[i])):
        side = 0 if sizes[0] <= sizes[1] else 1
        halves[side].append(i)
        sizes[side] += len(sources[i])
    return sorted(halves[0]), sorted(halves[1])


def _check(sources: list[str], names: list[str], indexes: list[int]) -> Failure | None:
    for i in indexes:
        try:
            compile(sources[i], names[i], "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte in the source
            return i, f" (line {exc.lineno}: {exc.msg})" if isinstance(exc, SyntaxError) else ""
    return None
