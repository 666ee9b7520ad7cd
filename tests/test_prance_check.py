"""An independent check of the load stage's bundling: prance (named in the design) resolves the
original documents, and the same resolver resolves what oagen bundled; the `paths` must be equal.

prance stays out of the load stage (README, "How it works"): it files `a.yaml#/Pet` and
`a.yaml#/Tag` under one key, its validation cannot be turned off, and it parses a 3 MB YAML spec
about 5x slower than libyaml.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SPEC

from generator.load import document as load

pytestmark = pytest.mark.slow
prance = pytest.importorskip("prance")
from prance.util.resolver import RefResolver  # noqa: E402 - only once prance is known to be there


def resolved_paths(document: dict[str, Any], url: str) -> Any:
    resolver = RefResolver(copy.deepcopy(document), url)
    resolver.resolve_references()
    return json.loads(json.dumps(resolver.specs["paths"], sort_keys=True))


def multi_file(folder: Path) -> Path:
    """Two schemas of one other file, `pets.yaml#/Pet` and `pets.yaml#/Tag`, and a shared parameter."""
    (folder / "defs").mkdir()
    (folder / "defs" / "pets.yaml").write_text(
        "Pet: {type: object, required: [name], properties: {name: {type: string}, tag: {$ref: '#/Tag'}}}\n"
        "Tag: {type: object, properties: {label: {type: string}}}\n"
        "Limit: {name: limit, in: query, schema: {type: integer}}\n"
    )
    root = folder / "openapi.yaml"
    root.write_text(
        "openapi: 3.0.3\ninfo: {title: Split, version: '1'}\npaths:\n  /pets:\n    get:\n"
        "      operationId: listPets\n      parameters: [{$ref: 'defs/pets.yaml#/Limit'}]\n"
        "      responses:\n        '200':\n          description: pets\n          content:\n"
        "            application/json: {schema: {type: array, items: {$ref: 'defs/pets.yaml#/Pet'}}}\n"
        "  /tags:\n    get:\n      operationId: listTags\n      responses:\n        '200':\n"
        "          description: tags\n          content:\n"
        "            application/json: {schema: {$ref: 'defs/pets.yaml#/Tag'}}\n"
    )
    return root


@pytest.mark.parametrize("which", ["multi-file", "migma"])
def test_bundled_paths_resolve_like_the_original(which: str, tmp_path: Path) -> None:
    spec = multi_file(tmp_path) if which == "multi-file" else SPEC
    original = prance.ResolvingParser(str(spec), backend="openapi-spec-validator", strict=False)
    bundled = load.load(spec).document
    ours = resolved_paths(bundled, (tmp_path / "bundled.json").as_uri())
    assert ours == json.loads(json.dumps(original.specification["paths"], sort_keys=True))
