"""Shared by every stage: problems found in a spec, each tied to a file and a JSON pointer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import pointer as _pointer

Severity = Literal["error", "warning", "note"]


# Problems name places by JSON pointer; `pointer("paths", "/a")` builds one (see generator.pointer).
pointer = _pointer.build


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}#{self.pointer}: {self.message}"


class SpecError(Exception):
    """Input that makes generation impossible; carries one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems

    @classmethod
    def single(cls, file: str, ptr: str, message: str) -> SpecError:
        return cls([Problem("error", file, ptr, message)])


class InternalError(Exception):
    """The generator made something it should not have (a bug): exit status 3."""


@dataclass
class Diagnostics:
    """Collects warnings and notes (worked-around constructs) during one run."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    # What `problems` holds, for a duplicate check that does not search the list (a spec with
    # thousands of notes made the model stage quadratic); `_indexed` is the list it indexes.
    _held: set[Problem] = field(default_factory=set, init=False, repr=False, compare=False)
    _indexed: list[Problem] | None = field(default=None, init=False, repr=False, compare=False)

    def warn(self, ptr: str, message: str, file: str | None = None) -> None:
        self._add("warning", ptr, message, file)

    def note(self, ptr: str, message: str, file: str | None = None) -> None:
        self._add("note", ptr, message, file)

    def _add(self, severity: Severity, ptr: str, message: str, file: str | None) -> None:
        problem = Problem(severity, file or self.file, ptr, message)
        if self._indexed is not self.problems:  # first use, or the list was replaced
            self._held, self._indexed = set(self.problems), self.problems
        if problem not in self._held:
            self._held.add(problem)
            self.problems.append(problem)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def write_report(self, path: Path) -> None:
        rows = [vars(p) for p in self.problems]
        path.write_text(json.dumps({"problems": rows}, indent=2) + "\n", encoding="utf-8")
