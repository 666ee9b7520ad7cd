"""Stage 3 (render): which module of the generated `models` each model, enum and union alias lives in.

A client whose models import as one module faster than `import httpx` keeps one `models.py`: it
reads best whole and costs a call little. A larger one gets a `models/` package of one module per
top-level schema (a component schema, or a schema an operation declares inline) holding the
schemas defined inside it, so a call imports only the modules of the classes it meets. Modules
name each other's classes only in annotations, imported for type checkers alone; the codec finds
those names through the package when it first decodes the class. A subtype is kept in its base's
module (a class statement evaluates its base), so no module imports another at run time.
"""

from __future__ import annotations

import builtins
import keyword
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import ir, runtime_names
from ..model.names import NameSet, snake

# Creating a model class costs ~50 us and an enum ~350 us (Python 3.11, measured on Stripe's
# 2,547 classes and 1,864 enums); `import httpx` takes ~90 ms.
CLASS_US, ENUM_US = 50, 350
BUDGET_US = 90_000
# An imported submodule becomes an attribute of the package, which the codec searches for names
# in annotations: no module may be named like the package's own names or those annotations use
# (nor `models`, which names the single module).
_PACKAGE_NAMES = (
    frozenset({"annotations", "import_module", "models"})
    | frozenset(keyword.kwlist)
    | frozenset(dir(builtins))
    | frozenset(runtime_names.STDLIB)
    | frozenset(runtime_names.EXPORTS)
)


@dataclass(frozen=True)
class ModelModule:
    """One module of models: its classes and aliases, in the spec's order."""

    name: str  # `models` for the single module; else the submodule's name
    enums: list[ir.Enum] = field(default_factory=list)
    models: list[ir.Model] = field(default_factory=list)
    unions: list[ir.Union_] = field(default_factory=list)
    # Names defined in other modules that this one annotates with, by module.
    imports: dict[str, list[str]] = field(default_factory=dict)
    topic: str = ""  # the class the module is named after (empty for the single module)

    @property
    def part(self) -> bool:
        """Whether this is a submodule of the `models` package."""
        return self.name != "models"

    @property
    def external(self) -> frozenset[str]:
        """Names this module uses but another defines."""
        return frozenset(name for names in self.imports.values() for name in names)

    @property
    def names(self) -> list[str]:
        """The names this module defines."""
        return [*(e.name for e in self.enums), *(m.name for m in self.models), *(u.name for u in self.unions)]


def split(api: ir.Api) -> list[ModelModule]:
    """The modules of the client's models: one `models` module, or the package's parts."""
    if len(api.models) * CLASS_US + len(api.enums) * ENUM_US <= BUDGET_US:
        return [ModelModule("models", list(api.enums), list(api.models), list(api.unions))]
    items: list[ir.Model | ir.Enum | ir.Union_] = [*api.enums, *api.models, *api.unions]
    family = _Families(items)
    by_name = {x.name: x for x in items}
    # What a class statement evaluates must be defined in its module: its base (defaults are
    # never models, which the model stage leaves to the docs).
    for m in api.models:
        if m.base in by_name:
            family.join(m.name, m.base)  # a subtype joins its base
    groups: dict[str, list[ir.Model | ir.Enum | ir.Union_]] = {}
    for x in items:
        groups.setdefault(family.root(x.name), []).append(x)
    # Named after the group's top-level schema; ordered by name, so output is deterministic.
    names = NameSet(set(_PACKAGE_NAMES))
    modules = {root: names.claim(snake(root)) for root in sorted(groups, key=lambda r: (snake(r), r))}
    home = {x.name: modules[root] for root, members in groups.items() for x in members}
    out = []
    for root, members in sorted(groups.items(), key=lambda kv: modules[kv[0]]):
        module = modules[root]
        used: dict[str, set[str]] = {}
        for x in members:
            for name in _annotated_names(x):
                if home.get(name, module) != module:
                    used.setdefault(home[name], set()).add(name)
        out.append(
            ModelModule(
                module,
                [x for x in members if isinstance(x, ir.Enum)],
                [x for x in members if isinstance(x, ir.Model)],
                [x for x in members if isinstance(x, ir.Union_)],
                {m: sorted(used[m]) for m in sorted(used)},
                topic=root,
            )
        )
    return out


class _Families:
    """Union-find over class names: a schema joins the top-level schema it is defined in."""

    def __init__(self, items: list[ir.Model | ir.Enum | ir.Union_]) -> None:
        at = {x.pointer: x.name for x in items}
        self._parent: dict[str, str] = {}
        for x in items:
            self._parent[x.name] = self._outermost(x.pointer, at) or x.name

    @staticmethod
    def _outermost(pointer: str, at: dict[str, str]) -> str | None:
        """The name of the outermost schema whose pointer contains this one."""
        parts = pointer.split("/")
        for end in range(2, len(parts)):
            name = at.get("/".join(parts[:end]))
            if name is not None:
                return name
        return None

    def root(self, name: str) -> str:
        while self._parent[name] != name:
            self._parent[name] = self._parent[self._parent[name]]
            name = self._parent[name]
        return name

    def join(self, name: str, other: str) -> None:
        """Move `name`'s group into `other`'s."""
        a, b = self.root(name), self.root(other)
        if a != b:
            self._parent[a] = b


def _annotated_names(x: ir.Model | ir.Enum | ir.Union_) -> Iterator[str]:
    """Every class or alias name a definition mentions."""
    if isinstance(x, ir.Model):
        if x.base:
            yield x.base
        for f in x.fields:
            yield from _type_names(f.type)
        if x.additional:
            yield from _type_names(x.additional)
    elif isinstance(x, ir.Union_):
        for v in x.variants:
            yield from _type_names(v.type)


def _type_names(t: ir.TypeExpr) -> Iterator[str]:
    if isinstance(t, (ir.ModelRef, ir.EnumRef, ir.UnionRef)):
        yield t.name
    elif isinstance(t, ir.ListOf):
        yield from _type_names(t.item)
    elif isinstance(t, ir.MapOf):
        yield from _type_names(t.value)
    elif isinstance(t, ir.Nullable):
        yield from _type_names(t.inner)
