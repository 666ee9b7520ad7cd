"""`oagen update`: read a new spec from a URL or a file, show the API diff, write it, regenerate, log it.

Every URL here is a server the test starts on 127.0.0.1: the tests never reach the network.
On any error the project (spec, output, changelog) must be byte for byte what it was.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from generator.cli import main
from generator.workflows import fetch

Route = Callable[[BaseHTTPRequestHandler], None]

PET = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1.0.0"},
    "servers": [{"url": "https://pets.example.com"}],
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}
                            }
                        },
                    }
                },
            }
        },
        "/pets/{id}": {
            "get": {
                "operationId": "getPet",
                "tags": ["pets"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                    }
                },
            }
        },
    },
    "components": {"schemas": {"Pet": PET}},
}


def additive() -> dict[str, Any]:
    """1.1.0: an operation and an optional field more (nothing breaks)."""
    spec = copy.deepcopy(SPEC)
    spec["info"]["version"] = "1.1.0"
    spec["components"]["schemas"]["Pet"]["properties"]["tag"] = {"type": "string"}
    spec["paths"]["/pets/{id}"]["delete"] = {
        "operationId": "deletePet",
        "tags": ["pets"],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"204": {"description": "gone"}},
    }
    return spec


def breaking() -> dict[str, Any]:
    """2022-11-28: getPet removed (breaking), a date for a version (PEP 440 needs 2022.11.28)."""
    spec = additive()
    spec["info"]["version"] = "2022-11-28"
    del spec["paths"]["/pets/{id}"]["get"]
    return spec


def as_json(spec: dict[str, Any]) -> bytes:
    return (json.dumps(spec, indent=2) + "\n").encode()


# -- a local HTTP server -----------------------------------------------------------


class Server:
    """An HTTP server on 127.0.0.1 whose answers the test sets per path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def serve(self, path: str, body: bytes, content_type: str = "application/json", status: int = 200) -> str:
        def route(h: BaseHTTPRequestHandler) -> None:
            h.send_response(status)
            h.send_header("Content-Type", content_type)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        self.routes[path] = route
        return self.url(path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    running = Server()
    yield running
    running.close()


# -- a project: pyproject.toml, the spec, the generated output ------------------------


@pytest.fixture(scope="module")
def generated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated once; each test works on a copy."""
    root = tmp_path_factory.mktemp("project")
    (root / "specs").mkdir()
    (root / "specs" / "pets.json").write_bytes(as_json(SPEC))
    (root / "pyproject.toml").write_text(
        '[tool.oagen]\nspec = "specs/pets.json"\noutput = "client"\npackage = "pets_client"\n'
    )
    assert main(["generate", "--config", str(root / "pyproject.toml"), "-q"]) == 0
    return root


@pytest.fixture
def project(generated_project: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(generated_project, root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def update(project: Path, *args: str) -> int:
    return main(["update", "--config", str(project / "pyproject.toml"), *args])


# -- updating --------------------------------------------------------------------------


def test_breaking_update_writes_spec_output_and_changelog(
    project: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.serve("/openapi.json", as_json(breaking()))
    assert update(project, "--from", url, "--insecure", "--date", "2026-03-01") == 1
    out, err = capsys.readouterr()
    assert "### Breaking changes (1)" in out and "`client.pets.get_pet()` removed" in out
    assert "`client.pets.delete_pet()` added" in out
    assert "1 breaking change" in err and "Traceback" not in err
    # The spec holds the bytes received (JSON stays JSON), the client is regenerated.
    assert (project / "specs" / "pets.json").read_bytes() == as_json(breaking())
    pets = (project / "client" / "pets_client" / "resources" / "pets.py").read_text()
    assert "def delete_pet" in pets and "def get_pet" not in pets
    assert '\nversion = "2022.11.28"\n' in (project / "client" / "pyproject.toml").read_text()
    log = (project / "client" / "CHANGELOG.md").read_text()
    assert "## 2026-03-01: API 1.0.0 → 2022-11-28, package 2022.11.28" in log
    assert f"Source: {url}" in log
    assert log.index("### Breaking changes (1)") < log.index("### Added (2)")  # breaking first
    assert "- `client.pets.get_pet()` removed (GET /pets/{id})" in log
    assert "- optional field `Pet.tag: str` added" in log
    # The changelog is not a generated file: check is satisfied, generate keeps it.
    config = ["--config", str(project / "pyproject.toml"), "-q"]
    assert main(["check", *config]) == 0
    assert main(["check", "--full", *config]) == 0
    assert main(["generate", *config]) == 0
    assert (project / "client" / "CHANGELOG.md").read_text() == log
    assert main(["check", "--full", *config]) == 0


def test_non_breaking_update_then_nothing_to_do(
    project: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.serve("/openapi.json", as_json(additive()))
    assert update(project, "--from", url, "--insecure", "--date", "2026-03-01") == 0
    log = (project / "client" / "CHANGELOG.md").read_text()
    assert "## 2026-03-01: API 1.0.0 → 1.1.0, package 1.1.0" in log and "Breaking" not in log
    capsys.readouterr()
    before = snapshot(project)
    assert update(project, "--from", url, "--insecure", "--date", "2026-03-02") == 0
    assert "nothing to do" in capsys.readouterr().err
    assert snapshot(project) == before
    # A later update adds its entry above the earlier one.
    server.serve("/openapi.json", as_json(breaking()))
    assert update(project, "--from", url, "--insecure", "--date", "2026-03-03") == 1
    log = (project / "client" / "CHANGELOG.md").read_text()
    assert log.index("## 2026-03-03: API 1.1.0 → 2022-11-28") < log.index("## 2026-03-01: API 1.0.0 → 1.1.0")
    assert log.startswith("# Changelog of `pets_client`\n")


def test_dry_run_reports_and_writes_nothing(
    project: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.serve("/openapi.json", as_json(breaking()))
    before = snapshot(project)
    assert update(project, "--from", url, "--insecure", "--dry-run") == 1
    out, err = capsys.readouterr()
    assert "`client.pets.get_pet()` removed" in out and "dry run" in err
    assert snapshot(project) == before
    assert update(project, "--from", url, "--insecure", "--dry-run", "--format", "json") == 1
    assert json.loads(capsys.readouterr().out)["breaking"] is True


def test_configured_source_and_a_file(project: Path, tmp_path: Path, server: Server) -> None:
    url = server.serve("/api/openapi.json", as_json(additive()))
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + f'source = "{url}"\n')
    assert update(project, "--insecure", "--date", "2026-03-01") == 0
    assert (project / "specs" / "pets.json").read_bytes() == as_json(additive())
    new = tmp_path / "next.json"
    new.write_bytes(as_json(breaking()))
    assert update(project, "--from", str(new), "--date", "2026-03-02") == 1  # a file needs no --insecure
    assert (project / "specs" / "pets.json").read_bytes() == as_json(breaking())


def test_same_date_same_changelog(generated_project: Path, tmp_path: Path, server: Server) -> None:
    """SOURCE_DATE_EPOCH dates the entry: two runs of the same update write the same bytes."""
    url = server.serve("/openapi.json", as_json(breaking()))
    logs = []
    for name in ("a", "b"):
        root = tmp_path / name
        shutil.copytree(generated_project, root)
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "no_proxy": "127.0.0.1"}
        args = ["update", "--config", str(root / "pyproject.toml"), "--from", url, "--insecure", "-q"]
        command = [sys.executable, "-m", "generator", *args]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True)
        assert done.returncode == 1, done.stderr
        logs.append((root / "client" / "CHANGELOG.md").read_bytes())
    assert logs[0] == logs[1] and b"## 2026-01-01: " in logs[0]


def test_yaml_spec_stays_yaml(project: Path, server: Server) -> None:
    spec = project / "specs" / "pets.yaml"
    spec.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("pets.json", "pets.yaml"))
    spec.chmod(0o640)
    url = server.serve("/openapi.json", as_json(additive()))  # JSON served
    assert update(project, "--from", url, "--insecure", "--date", "2026-03-01") == 0
    text = spec.read_text()
    assert not text.lstrip().startswith("{") and "operationId: deletePet" in text
    assert yaml.safe_load(text) == additive()
    assert spec.stat().st_mode & 0o777 == 0o640  # the spec keeps its mode
    # And YAML served to a JSON spec becomes JSON.
    pyproject.write_text(pyproject.read_text().replace("pets.yaml", "pets.json"))
    url = server.serve("/openapi.yaml", yaml.safe_dump(breaking()).encode(), "application/yaml")
    assert update(project, "--from", url, "--insecure", "--date", "2026-03-02") == 1
    assert json.loads((project / "specs" / "pets.json").read_text()) == breaking()
    assert not list((project / "specs").glob(".*oagen-update*"))  # no staged file left behind


def test_gzip_answer_is_inflated(project: Path, server: Server) -> None:
    body = gzip.compress(as_json(additive()))

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    server.routes["/gz"] = route
    assert update(project, "--from", server.url("/gz"), "--insecure", "--date", "2026-03-01") == 0
    assert (project / "specs" / "pets.json").read_bytes() == as_json(additive())


def test_redirect_within_http_is_followed(project: Path, server: Server) -> None:
    server.serve("/real.json", as_json(additive()))

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", "/real.json")
        h.send_header("Content-Length", "0")
        h.end_headers()

    server.routes["/moved"] = route
    assert update(project, "--from", server.url("/moved"), "--insecure", "--date", "2026-03-01") == 0


# -- bad input: one clear error, exit 2, nothing touched -------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _slow(h: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    h.send_response(200)
    h.end_headers()


def _trickle(h: BaseHTTPRequestHandler) -> None:
    """A byte at a time, each well within a socket timeout, for far longer than the whole timeout."""
    h.send_response(200)
    h.send_header("Content-Length", "100")
    h.end_headers()
    for _ in range(100):
        h.wfile.write(b" ")
        h.wfile.flush()
        time.sleep(0.1)


def _endless(h: BaseHTTPRequestHandler) -> None:
    """No Content-Length: the cap must stop the read, not the end of the body."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.end_headers()
    h.wfile.write(b'{"openapi": "3.0.3", "x": "')
    for _ in range(200):
        h.wfile.write(b"x" * 10_000)


def _gzip_bomb(h: BaseHTTPRequestHandler) -> None:
    body = gzip.compress(b'{"openapi": "3.0.3", "x": "' + b"x" * 5_000_000 + b'"}')
    h.send_response(200)
    h.send_header("Content-Encoding", "gzip")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def _redirect(location: str) -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def _body(body: bytes, content_type: str = "application/json") -> Route:
    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return route


def _no_operations() -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    spec["paths"] = {}
    return spec


def _remote_ref() -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["Pet"] = {"$ref": "https://evil.example.com/pet.json"}
    return spec


SWAGGER = {"swagger": "2.0", "info": {"title": "Old", "version": "1"}, "paths": {}}
BAD: dict[str, tuple[Route | None, list[str], str]] = {
    # name: (the server's answer, extra flags, what the error line says)
    "unreachable": (None, [], "cannot connect"),
    "not found": (_body(b"nope", "text/plain"), [], "HTTP 404"),  # served under another path
    "slow": (_slow, ["--timeout", "0.5"], "within 0.5 s"),
    "trickle": (_trickle, ["--timeout", "1"], "within 1 s"),
    "huge, declared": (_body(b"{}" * 5000), ["--max-bytes", "1000"], "over the 1000 bytes limit"),
    "huge, streamed": (_endless, ["--max-bytes", "100000"], "over the 97.66 KiB limit"),
    "gzip bomb": (_gzip_bomb, ["--max-bytes", "100000"], "over the 97.66 KiB limit"),
    "html page": (_body(b"<!doctype html><p>Sign in</p>", "text/html"), [], "HTML page"),
    "not utf-8": (_body(b"\xff\xfe\x00garbage", "application/octet-stream"), [], "not UTF-8"),
    "invalid yaml": (_body(b"openapi: [3.0\n  : :", "application/yaml"), [], "invalid YAML"),
    "invalid json": (_body(b'{"openapi": "3.0.3",', "application/json"), [], "invalid JSON"),
    "a string": (_body(b"just some words", "text/plain"), [], "not an OpenAPI document"),
    "swagger 2": (_body(as_json(SWAGGER)), [], "Swagger 2.0 is not supported"),
    "openapi 4": (_body(as_json({**SPEC, "openapi": "4.0.0"})), [], "not an OpenAPI 3.x document"),
    "paths not an object": (_body(as_json({**SPEC, "paths": []})), [], "`paths` must be an object"),
    "remote $ref": (_body(as_json(_remote_ref())), [], "remote $ref"),
    "no operations": (_body(as_json(_no_operations())), [], "--allow-empty"),
    "redirect to file": (_redirect("file:///etc/passwd"), [], "another scheme; refused"),
    "redirect to ftp": (_redirect("ftp://127.0.0.1/x.json"), [], "another scheme; refused"),
    "bad date": (_body(as_json(additive())), ["--date", "yesterday"], "--date must be YYYY-MM-DD"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_error_and_touches_nothing(
    case: str, project: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    route, flags, says = BAD[case]
    if route is None:
        url = f"http://127.0.0.1:{_closed_port()}/openapi.json"
    elif case == "not found":
        url = server.url("/elsewhere.json")
    else:
        server.routes["/openapi.json"] = route
        url = server.url("/openapi.json")
    before = snapshot(project)
    started = time.monotonic()
    assert update(project, "--from", url, "--insecure", *flags) == 2
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), err
    assert says in err and "Traceback" not in err
    if case not in ("bad date",):
        assert url in err  # the error names the source
    assert snapshot(project) == before


def test_plain_http_needs_insecure(project: Path, server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    url = server.serve("/openapi.json", as_json(additive()))
    before = snapshot(project)
    assert update(project, "--from", url) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "--insecure" in err and err.count("\n") == 1
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("ftp://127.0.0.1/openapi.json", "only https:// URLs"),
        ("/nonexistent/openapi.json", "no such file"),
        ("/dev/null/x", "no such file"),
        (".", "not a regular file"),
    ],
)
def test_other_sources_are_refused(
    source: str, says: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    assert update(project, "--from", source) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and says in err
    assert snapshot(project) == before


def test_https_never_redirects_to_http() -> None:
    handler = fetch._Redirects(insecure=True)
    request = urllib.request.Request("https://api.example.com/openapi.json")
    with pytest.raises(fetch.FetchError, match="another scheme; refused"):
        handler.redirect_request(request, None, 302, "Found", {}, "http://api.example.com/openapi.json")  # type: ignore[arg-type]
    assert handler.redirect_request(request, None, 302, "Found", {}, "https://cdn.example.com/o.json")  # type: ignore[arg-type]


def test_bad_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "source = 5\n")
    assert update(project) == 2
    assert "source must be a URL or a path" in capsys.readouterr().err
    pyproject.write_text(pyproject.read_text().replace("source = 5\n", ""))
    assert update(project) == 2
    assert "give --from URL|FILE" in capsys.readouterr().err


def test_invalid_document_names_the_url_not_the_staged_file(
    project: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = additive()
    spec["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Missing"
    }
    url = server.serve("/openapi.json", as_json(spec))
    before = snapshot(project)
    assert update(project, "--from", url, "--insecure") == 2
    err = capsys.readouterr().err
    assert f"error: {url}#/paths/~1pets/get/" in err and "points at nothing" in err
    assert "oagen-update" not in err
    assert snapshot(project) == before


def test_failed_write_puts_the_old_spec_back(project: Path, tmp_path: Path) -> None:
    # A file oagen did not write where the new output needs one: the write stops, the spec is restored.
    new = tmp_path / "next.json"
    new.write_bytes(as_json(breaking()))
    before = snapshot(project)
    foreign = project / "client" / "pets_client" / "resources" / "__init__.py"
    manifest = json.loads((project / "client" / ".oagen-manifest.json").read_text())
    del manifest["files"]["pets_client/resources/__init__.py"]
    (project / "client" / ".oagen-manifest.json").write_text(json.dumps(manifest))
    foreign.write_text("# mine\n")
    assert update(project, "--from", str(new)) == 2
    assert (project / "specs" / "pets.json").read_bytes() == before["specs/pets.json"]
    assert foreign.read_text() == "# mine\n"
    assert not (project / "client" / "CHANGELOG.md").exists()


# -- the CI example ----------------------------------------------------------------------

WORKFLOW = ROOT / "examples" / "ci" / "oagen-update.yml"


def test_ci_workflow_command_updates_against_a_local_server(
    generated_project: Path, tmp_path: Path, server: Server
) -> None:
    """Run the workflow's update step as GitHub Actions would (bash -eo pipefail), in a git checkout."""
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["update"]["steps"]
    [step] = [s for s in steps if s.get("id") == "update"]
    [pr] = [s for s in steps if "create-pull-request" in s.get("uses", "")]
    assert "oagen-update.md" in pr["with"]["body-path"]
    project = tmp_path / "checkout"
    shutil.copytree(generated_project, project)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=project, check=True)
    url = server.serve("/openapi.json", as_json(breaking()))
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    outputs = runner_temp / "github_output"
    script = runner_temp / "step.sh"
    script.write_text(step["run"])
    env = {
        **os.environ,
        **{k: str(v) for k, v in step.get("env", {}).items()},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(outputs),
        "OAGEN_ARGS": f"--from {url} --insecure",  # the workflow's knob for extra flags
        "SOURCE_DATE_EPOCH": "1767225600",
        "no_proxy": "127.0.0.1",
    }

    def run_step() -> subprocess.CompletedProcess[str]:
        bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
        return subprocess.run(bash, cwd=project, env=env, capture_output=True, text=True)

    done = run_step()
    assert done.returncode == 0, done.stdout + done.stderr
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
    assert values["changed"] == "true" and values["breaking"] == "true"
    body = (runner_temp / "oagen-update.md").read_text()
    assert "### Breaking changes (1)" in body and "`client.pets.get_pet()` removed" in body
    assert (project / "specs" / "pets.json").read_bytes() == as_json(breaking())
    assert "def get_pet" not in (project / "client" / "pets_client" / "resources" / "pets.py").read_text()
    log = (project / "client" / "CHANGELOG.md").read_text()
    assert "## 2026-01-01: API 1.0.0 → 2022-11-28, package 2022.11.28" in log
    # Run again: nothing changed upstream, so no pull request.
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "update"], cwd=project, check=True)
    outputs.write_text("")
    again = run_step()
    assert again.returncode == 0, again.stderr
    assert "changed=false" in outputs.read_text()
    # A failing update fails the job.
    env["OAGEN_ARGS"] = f"--from http://127.0.0.1:{_closed_port()}/x.json --insecure"
    failed = run_step()
    assert failed.returncode == 2 and "::error::oagen update failed" in failed.stdout


def test_targets_with_a_source_are_updated(project: Path, server: Server, tmp_path: Path) -> None:
    """Without --from, each [[tool.oagen.targets]] entry that names a source; --from needs one target."""
    url = server.serve("/openapi.json", as_json(additive()))
    (project / "specs" / "other.json").write_bytes(as_json(SPEC))
    (project / "pyproject.toml").write_text(
        '[tool.oagen]\npackage = "pets_client"\n'
        '[[tool.oagen.targets]]\nname = "pets"\nspec = "specs/pets.json"\noutput = "client"\n'
        f'source = "{url}"\n'
        '[[tool.oagen.targets]]\nname = "other"\nspec = "specs/other.json"\noutput = "other"\n'
    )
    assert update(project, "--insecure", "--date", "2026-03-01") == 0
    assert (project / "specs" / "pets.json").read_bytes() == as_json(additive())
    assert (project / "specs" / "other.json").read_bytes() == as_json(SPEC)
    assert not (project / "other").exists()
    assert update(project, "--from", url, "--insecure") == 2  # which target?
    assert update(project, "--from", url, "--insecure", "--target", "other", "--dry-run") == 0


def test_allow_empty_accepts_a_document_without_operations(project: Path, server: Server) -> None:
    url = server.serve("/openapi.json", as_json(_no_operations()))
    assert update(project, "--from", url, "--insecure", "--allow-empty", "--date", "2026-03-01") == 1
    log = (project / "client" / "CHANGELOG.md").read_text()
    assert "- `client.pets.list_pets()` removed (GET /pets)" in log
    assert main(["check", "--config", str(project / "pyproject.toml"), "-q"]) == 0
