"""Pipeline support: the API that load and model built from a spec, remembered by content.

A warm run (the same spec and settings, another output folder or a lost one) then skips reading,
validating and modelling the spec: the entry holds the IR and every finding the run reported,
which are replayed. The key covers what decides them: the root file's bytes and path, the
settings, the allowed ref folders, the generator's code and the validator's and Python's
versions; the other files the spec's refs reached are checked by digest on a hit.
"""

from __future__ import annotations

import json
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

from . import cache, safeio
from .config import Target
from .diagnostics import Diagnostics
from .fingerprint import generator_fingerprint, tool_version
from .model.ir import Api

_KIND = "api"


@dataclass
class Remembered:
    api: Api
    diagnostics: Diagnostics  # every finding the run reported
    files: list[Path]  # every spec file read, the root first


def key(target: Target, raw: bytes) -> str:
    """The entry's key, from the root file's bytes as read."""
    settings = json.dumps(target.settings(), sort_keys=True, default=str)
    return cache.digest(
        b"api-v1",
        __name__.encode(),  # `oagen.` or, in this repo's tests, `generator.`: pickles name their classes
        raw,
        str(target.spec.resolve()).encode(),
        settings.encode(),
        "\0".join(str(d.resolve()) for d in target.allow_ref_dirs).encode(),
        generator_fingerprint()["source"].encode(),
        tool_version("openapi-spec-validator").encode(),
        sys.version.encode(),
    )


def read(entry_key: str) -> Remembered | None:
    """The remembered API, or None: a miss, an unreadable entry, or another file that changed."""
    data = cache.read_bytes(_KIND, entry_key)
    if data is None:
        return None
    try:
        digests, frozen, diagnostics, files = pickle.loads(data)
        api = pickle.loads(frozen)
        if not isinstance(api, Api) or not isinstance(diagnostics, Diagnostics):
            return None
    except Exception:  # a damaged or foreign entry is a miss, never an error
        return None
    for path, sha in digests:
        if safeio.file_sha256(Path(path)) != sha:
            return None
    return Remembered(api, diagnostics, [Path(f) for f in files])


def write(entry_key: str, api: bytes, diagnostics: Diagnostics, files: list[Path]) -> None:
    """Store the API (pickled as the model stage left it, before rendering saw it) and the findings."""
    digests = [(str(path), safeio.file_sha256(path)) for path in files[1:]]
    entry = (digests, api, diagnostics, [str(f) for f in files])
    cache.write_bytes(_KIND, entry_key, pickle.dumps(entry, protocol=5))
