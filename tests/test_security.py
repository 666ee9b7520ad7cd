"""Per-operation `security`: each request carries the credentials its operation accepts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from specbuilder import Spec, generated_client, ok


def _get(spec: Spec, path: str, op_id: str, security: list[dict[str, list[str]]] | None = None) -> Spec:
    fields = {"security": security} if security is not None else {}
    return spec.operation("get", path, op_id, {"204": ok(description="done")}, tags=["default"], **fields)


SPEC = Spec("3.0.3", "Sec", servers=[{"url": "https://sec.test"}], security=[{"key": []}])
SPEC.component("securitySchemes", "key", {"type": "apiKey", "in": "header", "name": "X-Key"})
SPEC.component("securitySchemes", "token", {"type": "http", "scheme": "bearer"})
_get(SPEC, "/default", "usesDefault")
_get(SPEC, "/public", "isPublic", [])
_get(SPEC, "/token", "needsToken", [{"token": []}])
_get(SPEC, "/either", "takesEither", [{"key": []}, {"token": []}])


@pytest.fixture(scope="module")
def sec(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    root = tmp_path_factory.mktemp("sec")
    with generated_client(SPEC, root, "sec_client") as (module, _):
        yield module, root / "out"


def _sent(module: Any, call: str) -> dict[str, str]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with module.SecClient(api_key="k", token="t", http_client=http) as client:
        getattr(client.default, call)()
    return {name: seen[0].headers.get(name, "") for name in ("X-Key", "Authorization")}


@pytest.mark.parametrize(
    ("call", "headers"),
    [
        ("uses_default", {"X-Key": "k", "Authorization": ""}),
        ("is_public", {"X-Key": "", "Authorization": ""}),
        ("needs_token", {"X-Key": "", "Authorization": "Bearer t"}),
        ("takes_either", {"X-Key": "k", "Authorization": "Bearer t"}),
    ],
)
def test_each_operation_sends_the_credentials_it_accepts(
    sec: tuple[Any, Path], call: str, headers: Any
) -> None:
    assert _sent(sec[0], call) == headers


@pytest.mark.slow
def test_the_scoped_client_passes_mypy_strict(sec: tuple[Any, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "sec_client"], cwd=sec[1], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
