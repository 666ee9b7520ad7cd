"""A large client's models: a `models/` package of one module per top-level schema, each loaded on
first use (generator/render/modelsplit.py). The budget is lowered here so a small spec splits."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import mypy_strict
from specbuilder import generated_client

from generator.model import ir
from generator.render import format as formatcache
from generator.render import modelsplit, stable

REF = "#/components/schemas/"


def _spec() -> dict[str, Any]:
    """Inheritance with a discriminator, a recursive model, references across schemas both
    ways, a discriminated union of classes defined elsewhere, an enum of its own schema, and a
    schema whose module name would shadow a builtin."""
    pet = {
        "type": "object",
        "required": ["kind", "name"],
        "properties": {"kind": {"type": "string"}, "name": {"type": "string"}},
        # Two values select Cat: its class statement names both (`tags=("cat", "kitty")`).
        "discriminator": {
            "propertyName": "kind",
            "mapping": {"cat": REF + "Cat", "kitty": REF + "Cat", "dog": REF + "Dog"},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Zoo", "version": "1.0.0"},
        "servers": [{"url": "https://zoo.test"}],
        "paths": {
            "/owners/{id}": {
                "get": {
                    "operationId": "getOwner",
                    "tags": ["owners"],
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": REF + "Owner"}}},
                        }
                    },
                }
            },
            "/animals": {
                "get": {
                    "operationId": "listAnimals",
                    "tags": ["animals"],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": {"$ref": REF + "Animal"}}
                                }
                            },
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Pet": pet,
                "Cat": {
                    "allOf": [
                        {"$ref": REF + "Pet"},
                        {"type": "object", "properties": {"lives": {"type": "integer"}}},
                    ]
                },
                "Dog": {
                    "allOf": [
                        {"$ref": REF + "Pet"},
                        {"type": "object", "properties": {"owner": {"$ref": REF + "Owner"}}},
                    ]
                },
                "Owner": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "pets": {"type": "array", "items": {"$ref": REF + "Pet"}},
                        "mood": {"$ref": REF + "Mood"},
                        "home": {"$ref": REF + "Node"},
                        "settings": {"$ref": REF + "Settings"},
                        "tags": {"$ref": REF + "List"},
                    },
                },
                "Mood": {"type": "string", "enum": ["calm", "wild"]},
                "Node": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "children": {"type": "array", "items": {"$ref": REF + "Node"}},
                    },
                },
                "Settings": {
                    "type": "object",
                    "properties": {"limits": {"$ref": REF + "Limits"}},
                },
                "Limits": {"type": "object", "properties": {"max": {"type": "integer"}}},
                "Animal": {
                    "oneOf": [{"$ref": REF + "Cat"}, {"$ref": REF + "Dog"}],
                    "discriminator": {
                        "propertyName": "kind",
                        "mapping": {"cat": REF + "Cat", "dog": REF + "Dog"},
                    },
                },
                "List": {
                    "type": "object",
                    "properties": {"items": {"type": "array", "items": {"type": "string"}}},
                },
                "Models": {"type": "object", "properties": {"count": {"type": "integer"}}},
            }
        },
    }


@pytest.fixture
def split_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(modelsplit, "BUDGET_US", 0)


def test_a_small_client_keeps_one_models_module(tmp_path: Path) -> None:
    with generated_client(_spec(), tmp_path, "zoo_client") as (_, result):
        paths = {f.path for f in result.files}
    assert "zoo_client/models.py" in paths
    assert not any(p.startswith("zoo_client/models/") for p in paths)


def test_the_rule_weighs_models_and_enums_by_import_cost(tmp_path: Path) -> None:
    def api(models: int, enums: int) -> ir.Api:
        return ir.Api(
            "T", "1", "", "", "t", "T", [], [],
            [ir.Model(f"M{i}", f"{REF}M{i}") for i in range(models)],
            [ir.Enum(f"E{i}", f"{REF}E{i}", "str", []) for i in range(enums)],
            [],
        )  # fmt: skip

    # One module while it would import faster than httpx: a model ~50 us, an enum ~350 us.
    assert len(modelsplit.split(api(1800, 0))) == 1
    assert len(modelsplit.split(api(1801, 0))) == 1801
    assert len(modelsplit.split(api(0, 257))) == 1
    assert len(modelsplit.split(api(0, 258))) == 258
    assert len(modelsplit.split(api(1100, 100))) == 1
    assert len(modelsplit.split(api(1100, 101))) == 1201


def test_modules_group_each_schema_with_what_it_defines(tmp_path: Path, split_everything: None) -> None:
    with generated_client(_spec(), tmp_path, "zoo_client") as (_, result):
        files = {f.path: f.content for f in result.files}
    models = sorted(p.removeprefix("zoo_client/models/") for p in files if "/models/" in p)
    # Subtypes live with their base (a class statement needs it); `List` may not be `list.py`
    # (annotations read `list`), nor `Models` `models.py` (the name of the single module).
    assert models == [
        "__init__.py",
        "animal.py",
        "limits.py",
        "list2.py",
        "models2.py",
        "mood.py",
        "node.py",
        "owner.py",
        "pet.py",
        "settings.py",
    ]
    pet = files["zoo_client/models/pet.py"]
    assert 'class Cat(Pet, tags=("cat", "kitty")):' in pet and 'class Dog(Pet, tags=("dog",)):' in pet
    assert "if TYPE_CHECKING:\n    from .owner import Owner\n" in pet
    # A union of classes of another module names them as strings: defining it imports nothing.
    animal = files["zoo_client/models/animal.py"]
    assert (
        'Animal: TypeAlias = Annotated[\n    Union["Cat", "Dog"], '
        'Discriminator("kind", {"cat": "Cat", "dog": "Dog"})\n]' in animal
    )
    init = files["zoo_client/models/__init__.py"]
    assert '    "Owner": "owner",\n' in init and "    from .pet import Cat, Dog, Pet\n" in init


def test_models_load_on_first_use_and_decode_across_modules(tmp_path: Path, split_everything: None) -> None:
    with generated_client(_spec(), tmp_path, "zoo_client"):
        pass  # written to tmp_path/out
    script = textwrap.dedent(
        """
        import sys
        import httpx
        import zoo_client
        from zoo_client import models

        def loaded():
            return sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("zoo_client.models."))

        assert loaded() == [], loaded()
        from zoo_client.models import Owner
        assert loaded() == ["owner"], loaded()
        assert models.Owner is Owner and "Cat" in dir(models) and "Cat" in models.__all__
        try:
            models.Nope
        except AttributeError as exc:
            assert "Nope" in str(exc)
        else:
            raise AssertionError("no error")

        owner = Owner.from_dict({
            "id": "o1", "mood": "wild", "tags": {"items": ["a"]},
            "pets": [{"kind": "cat", "name": "Tom", "lives": 9}, {"kind": "dog", "name": "Rex"}],
            "home": {"name": "root", "children": [{"name": "leaf", "children": []}]},
            "settings": {"limits": {"max": 3}},
        })
        assert type(owner.pets[0]).__name__ == "Cat" and owner.pets[0].lives == 9
        assert type(models.Pet.from_dict({"kind": "kitty", "name": "Kit"})).__name__ == "Cat"
        assert type(owner.pets[1]).__name__ == "Dog"
        assert owner.home.children[0].name == "leaf" and owner.mood is models.Mood.WILD
        assert owner.settings.limits == models.Limits(max=3)
        assert Owner.from_dict(owner.to_dict()) == owner

        def handler(request):
            body = b'[{"kind": "dog", "name": "Rex", "owner": {"id": "o2"}}, {"kind": "cat", "name": "Tom"}]'
            return httpx.Response(200, content=body, headers={"content-type": "application/json"})

        client = zoo_client.ZooClient(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
        animals = client.animals.list_animals()
        assert [type(a).__name__ for a in animals] == ["Dog", "Cat"], animals
        assert animals[0].owner == Owner(id="o2")
        try:
            models.Pet.from_dict({"kind": "cat", "name": 5})
        except zoo_client.DecodeError as exc:
            assert "Pet.name" in str(exc), exc
        else:
            raise AssertionError("no error")
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path / "out", capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]


@pytest.mark.slow
def test_a_split_client_passes_mypy_strict(tmp_path: Path, split_everything: None) -> None:
    with generated_client(_spec(), tmp_path, "zoo_client"):
        pass
    usage = tmp_path / "out" / "use_zoo.py"
    usage.write_text(
        "from zoo_client import models\n"
        "from zoo_client.models import Cat, Owner\n\n"
        "def name(o: Owner, c: Cat) -> str:\n"
        "    return o.id + c.name + models.Dog(kind='dog', name='x').name\n",
        encoding="utf-8",
    )
    mypy_strict(tmp_path / "out", "zoo_client")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "use_zoo.py"],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_split_models_package_is_written_in_blacks_layout_and_proven(
    tmp_path: Path, split_everything: None
) -> None:
    """models/__init__.py holds one name per model, so a large client's is large (stripe's:
    1.15 MB): every block that grows with the models, there and in the model modules, is
    proven in black's layout, so black is not given them (a comment in the name index once
    sent all of it to black). Only `__dir__` and `__getattr__`, a few lines, go to black whole."""
    with generated_client(_spec(), tmp_path, "zoo_client") as (_, result):
        files = {f.path: f.content for f in result.files if "/models/" in f.path}
    assert "zoo_client/models/__init__.py" in files and len(files) > 3
    to_black = []
    for path, text in files.items():
        for block, width in formatcache.black_inputs(text, 100):
            left = stable.residue(block, width)  # statements left are given to black one by one
            if left is None or any(formatcache.run_black(s, w) != s for s, w in left):
                to_black.append((path, block))
        assert formatcache.run_black(text, 100) == text, path
    assert [path for path, _ in to_black] == ["zoo_client/models/__init__.py"]
    assert to_black[0][1].startswith("def __dir__()") and len(to_black[0][1]) < 1000
