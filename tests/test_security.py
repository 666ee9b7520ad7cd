"""Per-operation `security`: each request carries the credentials its operation accepts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from specbuilder import generated_client


def _get(op_id: str, security: list[dict[str, list[str]]] | None = None) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": op_id,
        "tags": ["default"],
        "responses": {"204": {"description": "done"}},
    }
    if security is not None:
        op["security"] = security
    return {"get": op}


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Sec", "version": "1"},
    "servers": [{"url": "https://sec.test"}],
    "security": [{"key": []}],
    "paths": {
        "/default": _get("usesDefault"),
        "/public": _get("isPublic", []),
        "/token": _get("needsToken", [{"token": []}]),
        "/either": _get("takesEither", [{"key": []}, {"token": []}]),
    },
    "components": {
        "securitySchemes": {
            "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
            "token": {"type": "http", "scheme": "bearer"},
        }
    },
}


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
