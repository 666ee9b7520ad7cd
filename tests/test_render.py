"""Stage 3: templates render from the IR alone, into code that compiles and formats stably."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator.model import ir
from generator.render import modelsplit, warmup
from generator.render import package as render


def tiny_api() -> ir.Api:
    """An IR built by hand: no spec document exists, so templates can only be reading the IR."""
    name = ir.Field("display_name", "displayName", ir.Primitive("str"), True, "Shown to people.")
    note = ir.Field("note", "note", ir.Nullable(ir.Primitive("str")), False)
    widget = ir.Model("Widget", "/components/schemas/Widget", "A widget.", [name, note])
    get = ir.Operation(
        name="get_widget",
        operation_id="getWidget",
        method="GET",
        path="/widgets/{id}",
        tag="widgets",
        pointer="/paths/~1widgets~1{id}/get",
        summary="Get a widget",
        parameters=[ir.Parameter("id", "id", "path", ir.Primitive("str"), True, "Widget id")],
        responses=[ir.Response("200", "The widget", "application/json", "json", ir.ModelRef("Widget"))],
    )
    resource = ir.Resource("widgets", "Widgets", "widgets", "Widgets.", [get])
    scheme = ir.SecurityScheme("token", "bearer", "Authorization", "Bearer ")
    return ir.Api(
        "Widgets", "3.2.1", "", "https://w.test", "w_client", "W", [scheme], [resource], [widget], [], []
    )


def test_templates_render_compilable_code_from_a_hand_built_ir() -> None:
    files = render.format_python(render.render(tiny_api(), render.environment()))
    by_path = {f.path: f.content for f in files}
    assert {"w_client/__init__.py", "w_client/resources/widgets.py", "pyproject.toml", "README.md"} <= set(
        by_path
    )
    for path, content in by_path.items():
        if path.endswith(".py"):
            compile(content, path, "exec")
    resource = by_path["w_client/resources/widgets.py"]
    assert "def get_widget(" in resource and "async def get_widget(" in resource
    assert '"/widgets/" + path_param(id, "id")' in resource
    models = by_path["w_client/models.py"]
    assert 'display_name: Annotated[str, Wire("displayName")]\n    """Shown to people."""' in models
    assert "note: str | None | Unset = UNSET" in models
    assert 'class Widget(ApiModel):\n    """A widget."""' in models
    assert "from ._runtime.codec import ApiModel, UNSET, Unset, Wire" in models


def test_formatting_is_stable() -> None:
    once = render.format_python(render.render(tiny_api(), render.environment()))
    twice = render.format_python(once)
    assert [f.content for f in once] == [f.content for f in twice]


def _renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates rendered from now on."""
    names: list[str] = []
    real = jinja2.Template.render

    def spy(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        names.append(str(self.name))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    return names


def test_a_changed_operation_renders_only_its_resource_module_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(tmp_path / "cache"))
    api = tiny_api()
    widgets = api.resources[0]
    gadget = dataclasses.replace(widgets.operations[0], name="get_gadget", path="/gadgets/{id}")
    other = dataclasses.replace(widgets, name="gadgets", class_name="Gadgets", operations=[gadget])
    api.resources.append(other)
    first = render.render(api, render.environment(), b"test-key")
    renders = _renders(monkeypatch)
    api.resources[0].operations[0].summary = "Fetch a widget"
    again = render.render(api, render.environment(), b"test-key")
    assert renders.count("package/resources/resource.py.j2") == 1, "only the widgets module"
    assert "package/models.py.j2" not in renders
    changed = [b.path for a, b in zip(first, again, strict=True) if a != b]
    assert changed == ["README.md", "w_client/resources/widgets.py"]
    renders.clear()
    api.models[0].description = "A widget, described anew."
    fresh = render.render(api, render.environment())
    assert render.render(api, render.environment(), b"test-key") == fresh
    assert renders.count("package/resources/resource.py.j2") == 4, "a model change renders all again"


def test_docstrings_wrap_to_the_line_length() -> None:
    api = tiny_api()
    op = api.resources[0].operations[0]
    op.description = " ".join(["A long description of what the widget call does for the user."] * 4)
    for width in (60, 100):
        files = render.format_python(render.render(api, render.environment(None, width)), width)
        resource = next(f.content for f in files if f.path == "w_client/resources/widgets.py")
        prose = [line for line in resource.splitlines() if "widget call" in line]
        assert prose and all(len(line) <= width for line in prose), (width, prose)


def test_a_models_package_is_cached_whole_and_renders_again_when_a_model_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(modelsplit, "BUDGET_US", 0)  # every model in a module of its own
    api = tiny_api()
    first = render.render(api, render.environment(), b"test-key")
    assert any(f.path.startswith("w_client/models/") for f in first)
    renders = _renders(monkeypatch)
    api.resources[0].operations[0].summary = "Fetch a widget"
    assert render.render(api, render.environment(), b"test-key") != first
    assert not [name for name in renders if "models" in name], renders
    api.models[0].description = "A widget, described anew."
    again = render.render(api, render.environment(), b"test-key")
    assert renders.count("package/models.py.j2") == len(modelsplit.split(api)) >= 1
    assert "A widget, described anew." in "".join(f.content for f in again if "/models/" in f.path)
    assert again == render.render(api, render.environment())


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The name of every template Jinja compiles from here on (rather than loads compiled)."""
    names: list[str | None] = []
    real = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        names.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def test_templates_compile_once_per_process_without_a_code_key(compiled: list[str | None]) -> None:
    render.environment().get_template("package/errors.py.j2")
    compiled.clear()
    render.environment().get_template("package/errors.py.j2")  # a new environment: compiled code reused
    assert compiled == []


def test_warmup_compiles_every_template_into_the_cache_for_the_render(
    cache: Path, compiled: list[str | None]
) -> None:
    key = "f" * 64
    warming = warmup.Warmup(None, 100, key)
    assert warming.pid is not None  # an empty cache: a child compiles
    warming.join()
    templates = render.environment(None, 100, key).list_templates(extensions=["j2"])
    assert len(list(render.bytecode_folder(key).iterdir())) == len(templates)
    env = render.environment(None, 100, key)
    for name in templates:
        env.get_template(name)
    assert compiled == []  # every one loaded from what the child compiled
    assert warmup.Warmup(None, 100, key).pid is None  # a filled cache: no child
