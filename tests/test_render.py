"""Stage 3: templates render from the IR alone, into code that compiles and formats stably."""

from __future__ import annotations

from generator import ir, render


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
    assert 'display_name=data["displayName"]' in models
    assert '"""Shown to people. JSON name: `displayName`."""' in models


def test_formatting_is_stable() -> None:
    once = render.format_python(render.render(tiny_api(), render.environment()))
    twice = render.format_python(once)
    assert [f.content for f in once] == [f.content for f in twice]
