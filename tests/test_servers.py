"""Server variables become client arguments; an operation's own `servers` is its base URL
unless the user chose one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from conftest import mypy_strict
from specbuilder import Spec, generated_client, ok

SERVERS = [
    {
        "url": "https://{region}.api.test/{version}",
        "variables": {
            "region": {"default": "us", "enum": ["us", "eu"], "description": "Where data lives"},
            "version": {"default": "v2"},
        },
    }
]
DONE = {"204": ok(description="done")}
SPEC = (
    Spec("3.0.3", "Regions", servers=SERVERS)
    .operation("get", "/ping", "ping", DONE)
    .operation("get", "/upload", "upload", DONE, servers=[{"url": "https://uploads.api.test"}])
)


@pytest.fixture(scope="module")
def regions_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("regions")


@pytest.fixture(scope="module")
def regions(regions_root: Path) -> Iterator[ModuleType]:
    with generated_client(SPEC, regions_root, "regions_client") as (module, _):
        yield module


@pytest.mark.slow
def test_server_variable_arguments_pass_mypy_strict(regions: ModuleType, regions_root: Path) -> None:
    mypy_strict(regions_root / "out", "regions_client")


def urls(module: ModuleType, **kwargs: Any) -> list[str]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(204)

    client = module.RegionsClient(http_client=httpx.Client(transport=httpx.MockTransport(handler)), **kwargs)
    client.ping.ping()
    client.upload.upload()
    return seen


def test_server_variables_default_and_can_be_chosen(regions: ModuleType) -> None:
    assert urls(regions)[0] == "https://us.api.test/v2/ping"
    assert urls(regions, region="eu", version="v3")[0] == "https://eu.api.test/v3/ping"


def test_an_operation_server_applies_unless_the_user_sets_a_base_url(regions: ModuleType) -> None:
    assert urls(regions)[1] == "https://uploads.api.test/upload"
    assert urls(regions, base_url="http://localhost:4010") == [
        "http://localhost:4010/ping",
        "http://localhost:4010/upload",
    ]
