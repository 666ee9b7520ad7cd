"""generator/load/validator_import.py: the validator imported without pydantic, with the same settings."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from generator.load import validator_import
from tests.conftest import ROOT


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.upper().startswith(validator_import.PREFIXES)}


def _defined(module: types.ModuleType) -> dict[str, object]:
    """The module's own public names (not what it imports)."""
    return {
        name: value
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", module.__name__) == module.__name__
    }


def _settings(value: object) -> dict[str, object]:
    """A settings object's fields and their values (pydantic's, or a stand-in's class attributes)."""
    fields = getattr(type(value), "model_fields", None)
    names = list(fields) if fields is not None else [n for n in vars(type(value)) if not n.startswith("_")]
    return {name: getattr(value, name) for name in names}


@pytest.mark.parametrize("name", [validator_import.SPEC_SETTINGS, validator_import.SCHEMA_SETTINGS])
def test_the_stand_ins_have_the_real_settings_names_and_defaults(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every name the real settings module defines, with the value (or, called without
    arguments, the settings) it gives when none of the variables is set."""
    for variable in os.environ:
        if variable.upper().startswith(validator_import.PREFIXES):
            monkeypatch.delenv(variable)
    real = importlib.import_module(name)
    stand_in = validator_import.stand_ins()[name]
    defined = _defined(real)
    assert defined, f"{name} defines nothing public: the check below would pass vacuously"
    for attribute, value in defined.items():
        assert hasattr(stand_in, attribute), f"{name}.{attribute} has no stand-in"
        mine = getattr(stand_in, attribute)
        if isinstance(value, type):
            assert _settings(mine()) == _settings(value()), attribute
        elif callable(value):
            if attribute == "reset_settings_cache":
                continue
            theirs = value()
            got = mine()
            assert (_settings(got) == _settings(theirs)) if hasattr(theirs, "__dict__") else got == theirs
        else:
            assert mine == value, attribute


def _run(script: str, env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    return done.stdout.split()


_VALIDATE = (
    "import json, sys; from pathlib import Path; from generator.load import validate\n"
    "path = Path(sys.argv[1]); found = validate._run(json.loads(path.read_text()), path)\n"
    "before = 'pydantic' in sys.modules\n"
    "import openapi_spec_validator.settings as s\n"
    "print(before, type(validate._validator_classes()).__name__,"
    " hasattr(s.OpenAPISpecValidatorSettings, 'model_fields'), json.dumps(found).replace(' ', '_'))\n"
)


def _spec(tmp_path: Path) -> Path:
    spec = tmp_path / "bad.json"
    spec.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}}))
    return spec


def test_the_validator_is_imported_without_pydantic_and_finds_the_same(tmp_path: Path) -> None:
    """No variable set: pydantic is never imported, the findings are those of the real
    settings, and an import of the settings module afterwards gets the real one."""
    spec = _spec(tmp_path)
    light = _run(_VALIDATE.replace("sys.argv[1]", repr(str(spec))), _clean_env())
    assert light[:2] == ["False", "dict"]
    assert light[2] == "True"  # imported after: the real module, with pydantic
    heavy = _run(
        _VALIDATE.replace("sys.argv[1]", repr(str(spec))),
        {**_clean_env(), "OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE": "128"},
    )
    assert heavy[0] == "True"  # a variable set: the real settings, read through pydantic
    assert light[3] == heavy[3] and "required_property" in light[3]


def test_a_validator_the_stand_ins_do_not_fit_is_imported_with_the_real_settings(tmp_path: Path) -> None:
    """A version whose code imports a setting the stand-ins lack: imported again, whole."""
    spec = _spec(tmp_path)
    script = (
        "from generator.load import validator_import as vi\n"
        "made = vi.stand_ins\n"
        "def lacking():\n"
        "    modules = made()\n"
        "    del modules[vi.SPEC_SETTINGS].get_schema_validator_backend\n"
        "    return modules\n"
        "vi.stand_ins = lacking\n"
    ) + _VALIDATE.replace("sys.argv[1]", repr(str(spec)))
    out = _run(script, _clean_env())
    assert out[0] == "True" and "required_property" in out[3]


class _Keys:
    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: object) -> object:
        return key

    def __len__(self) -> int:
        return 1


class _OnlyItems:
    def __getitem__(self, key: object) -> object:
        return key


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"a": 1},
        [],
        [1],
        "",
        "x",
        0,
        1,
        -2.5,
        True,
        False,
        None,
        b"x",
        (),
        (1,),
        set(),
        frozenset(),
        object(),
        _Keys(),
        _OnlyItems(),
        __import__("collections").OrderedDict(),
        type("L", (list,), {})(),
    ],
)
def test_the_quick_subscriptable_check_answers_as_the_protocol(value: object) -> None:
    from pathable.protocols import Subscriptable

    quick = validator_import.QuickSubscriptable(Subscriptable)
    assert isinstance(value, quick) == isinstance(value, Subscriptable)


def test_pathable_asks_the_quickened_check() -> None:
    """The validator's paths step through pathable's accessor, whose isinstance the quick check
    replaces (a pathable that asks elsewhere makes the replacement useless: this fails then)."""
    import inspect

    from pathable import accessors

    validator_import.validator()
    assert isinstance(vars(accessors)["Subscriptable"], validator_import.QuickSubscriptable)
    assert "isinstance(node, Subscriptable)" in inspect.getsource(
        accessors.SubscriptableAccessor._get_subnode
    )
    validator_import.validator()  # again: not wrapped twice
    assert not isinstance(vars(accessors)["Subscriptable"].protocol, validator_import.QuickSubscriptable)
