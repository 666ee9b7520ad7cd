"""The black cache: hits skip black, keys change with black's version and the line length, and
block-wise, parallel formatting gives the same bytes as black on whole files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import black
import pytest

from generator import cache as cache_module
from generator import pipeline
from generator.load import document as load
from generator.load import validate
from generator.model import build as model
from generator.render import format as formatcache
from generator.render import package as render
from generator.render import parallel
from generator.render.package import RenderedFile

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "openapi.json"
GENERATED = ROOT / "generated"

UGLY = "def f( a,b ):\n  return {'a':a,'b':b}\n\n\n\nclass C :\n  x:int=1\n"
PRETTY = 'def f(a, b):\n    return {"a": a, "b": b}\n\n\nclass C:\n    x: int = 1\n'


@pytest.fixture
def black_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Spy on black.format_str as the cache module calls it (serial path only)."""
    calls: list[str] = []
    real = black.format_str

    def spy(text: str, *, mode: black.Mode) -> str:
        calls.append(text)
        return real(text, mode=mode)

    monkeypatch.setattr(black, "format_str", spy)
    return calls


def test_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_module.cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("OAGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.cache_dir() == tmp_path / "xdg" / "oagen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_module.cache_dir() == tmp_path / "home" / ".cache" / "oagen"


def test_second_format_of_the_same_text_does_not_call_black(cache: Path, black_calls: list[str]) -> None:
    assert formatcache.format_sources([UGLY], 100) == [PRETTY]
    assert black_calls, "the first format must run black"
    assert any(cache.rglob("*")), "results are stored in the cache folder"
    black_calls.clear()
    assert formatcache.format_sources([UGLY], 100) == [PRETTY]
    assert black_calls == []


def test_render_format_python_uses_the_cache(cache: Path, black_calls: list[str]) -> None:
    files = [RenderedFile("pkg/a.py", UGLY), RenderedFile("README.md", "# x  \n")]
    first = render.format_python(files)
    assert first == [RenderedFile("pkg/a.py", PRETTY), RenderedFile("README.md", "# x  \n")]
    count = len(black_calls)
    assert count > 0
    assert render.format_python(files) == first
    assert len(black_calls) == count


def test_a_changed_block_is_the_only_one_formatted_again(cache: Path, black_calls: list[str]) -> None:
    formatcache.format_sources([UGLY], 100)
    black_calls.clear()
    changed = UGLY.replace("x:int=1", "x:int=2")
    assert formatcache.format_sources([changed], 100) == [PRETTY.replace("= 1", "= 2")]
    assert black_calls == ["class C :\n  x:int=2\n"]


def test_line_length_is_part_of_the_key(cache: Path, black_calls: list[str]) -> None:
    long_call = "result = some_function(argument_number_one, argument_number_two, argument_three)\n"
    wide = formatcache.format_sources([long_call], 100)
    black_calls.clear()
    narrow = formatcache.format_sources([long_call], 40)
    assert black_calls, "another line length is a cache miss"
    assert wide != narrow
    assert narrow == [black.format_str(long_call, mode=black.Mode(line_length=40))]


def test_black_version_is_part_of_the_key(
    cache: Path, black_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    formatcache.format_sources([UGLY], 100)
    black_calls.clear()
    monkeypatch.setattr(formatcache, "black_version", lambda: "0.0.0-test")
    assert formatcache.format_sources([UGLY], 100) == [PRETTY]
    assert black_calls, "a new black version is a cache miss"


def test_a_corrupt_or_unwritable_cache_is_only_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("OAGEN_CACHE_DIR", str(blocker))
    assert formatcache.format_sources([UGLY], 100) == [PRETTY]


def _migma_sources() -> list[str]:
    """The Migma client as rendered (unformatted), the largest real input the tests have."""
    loaded = load.load(SPEC)
    api = model.build(loaded.skeleton, loaded.diagnostics, "migma_client")
    files = render.render(api, render.environment())
    return [f.content for f in files if f.path.endswith(".py")]


@pytest.mark.slow
def test_block_wise_parallel_output_equals_black_on_whole_files(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = _migma_sources()
    # A second copy of each module under another name, to make the pool do real work.
    sources += [s + "\n\nclass ExtraForTheTest:\n    pass\n" for s in sources]
    serial = [black.format_str(s, mode=formatcache._mode(100)) for s in sources]
    monkeypatch.setattr(formatcache, "PARALLEL_MIN_CHARS", 0)
    parallel = formatcache.format_sources(sources, 100, workers=2)
    assert parallel == serial
    assert sum(len(formatcache.split_blocks(s)) for s in sources) > 2 * len(sources), "blocks were cut"
    # And again from the cache (file-level hits), byte for byte.
    assert formatcache.format_sources(sources, 100, workers=2) == serial


@pytest.mark.slow
def test_no_worker_is_started_while_other_work_has_the_free_cores(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = _migma_sources()
    monkeypatch.setattr(formatcache, "PARALLEL_MIN_CHARS", 0)
    started: list[int] = []
    real = parallel.share

    def share(count: int, run: Callable[[int], Any], workers: int) -> list[Any]:
        started.append(workers)
        return real(count, run, workers)

    monkeypatch.setattr(parallel, "share", share)
    states = iter([1] * 3)  # validation holds the second core for three batches, then ends
    out = formatcache.format_sources(sources, 100, workers=2, busy=lambda: next(states, 0))
    assert out == [black.format_str(s, mode=formatcache._mode(100)) for s in sources]
    assert started == [1], "one worker once the other core was free; this process formats too"
    formatcache.format_sources([s + "\nX = 1\n" for s in sources], 100, workers=2, busy=lambda: 1)
    assert started == [1], "no worker while the other core stays busy"


@pytest.mark.slow
def test_checked_in_client_is_a_fixed_point(cache: Path) -> None:
    """Formatting the golden copy block-wise changes nothing (it was formatted by black)."""
    paths = sorted((GENERATED / "migma_client").rglob("*.py"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert formatcache.format_sources(texts, 100) == texts


def _method(width: int) -> str:
    """A method whose return line is about `width` columns wide inside the class."""
    line = "        return compute(x"
    while len(line) < width - 1:
        line += "x"
    return f"    def m{width}(self):\n{line}, y)\n"


CLASS_WITH_METHODS = (
    'class K:\n    """Doc."""\n    x: int=1\n\n'
    + "\n".join(_method(width) for width in range(94, 106))
    + "\n    @property\n    def b(self) -> dict:\n        '''B.\n\n          More.\n        '''\n"
    + "        return {'x':1}\n"
)
MULTILINE_STRING = CLASS_WITH_METHODS.replace("return {'x':1}", "s = '''a\n  b'''\n        return s")


@pytest.mark.parametrize(
    "source",
    [
        '"""Doc."""\ndef f():\n    pass\n',  # right after the module docstring: not cut
        "import os\n# about f\ndef f():\n    pass\n",  # comment attached to the def: not cut
        "x = 1\n\n\n\n\n@decorator\ndef f():\n    pass\n\nclass C: pass\ny = 2\n",
        "def f(): ...\n\ndef g(): ...\n",
        "",
        CLASS_WITH_METHODS,  # cut into methods, each formatted dedented at line length 96
        MULTILINE_STRING,  # a multi-line string that is not a docstring: the class is not cut
        "class K:\n    x = 1\n\n    def a(self):\n        '''A\u2028B\x0cC.'''\n\n"
        "    def b(self):\n        pass\n",
        "class K:\n    def a(self): ...\n\n    def b(self): ...\n    y = 2\n\n    def c(self): ...\n",
    ],
)
def test_block_wise_formatting_agrees_with_black_on_awkward_layouts(source: str, cache: Path) -> None:
    mode = formatcache._mode(100)
    blocks = formatcache.split_blocks(source)
    assert "".join(blocks) == source
    whole = black.format_str(source, mode=mode)
    assert formatcache.join_blocks(black.format_str(b, mode=mode) for b in blocks) == whole
    assert formatcache.format_sources([source], 100) == [whole]


def test_a_changed_method_is_the_only_part_formatted_again(cache: Path, black_calls: list[str]) -> None:
    formatcache.format_sources([CLASS_WITH_METHODS], 100)
    assert any(call.startswith("def m100(self):") for call in black_calls), "methods go dedented"
    changed = CLASS_WITH_METHODS.replace("return {'x':1}", "return {'x':2}")
    expected = black.format_str(changed, mode=formatcache._mode(100))
    black_calls.clear()
    assert formatcache.format_sources([changed], 100) == [expected]
    assert len(black_calls) == 1
    assert black_calls[0].startswith("@property\ndef b(self)")


def test_validation_result_is_cached_by_spec_digest(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inline_validation: None
) -> None:
    spec = tmp_path / "api.json"
    spec.write_text('{"openapi": "3.0.3", "info": {"title": "t"}, "paths": {}}')  # no info.version
    first = pipeline.load_validated(spec).diagnostics.warnings
    assert any("version" in p.message for p in first)
    calls: list[object] = []
    monkeypatch.setattr(validate, "_run", lambda *args, **kwargs: calls.append(args) or [])
    assert pipeline.load_validated(spec).diagnostics.warnings == first
    assert calls == [], "a known spec is not validated again"
    spec.write_text('{"openapi": "3.0.3", "info": {"title": "u"}, "paths": {}}')
    pipeline.load_validated(spec)
    assert len(calls) == 1, "another spec is validated"
