"""`volrec-verify trust update URL` against a real HTTP server on 127.0.0.1 (a free port, a thread).

Every request has a short timeout, the server only listens on loopback, and the proxy variables
are cleared so that urllib talks to it directly.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from factory import World
from volrec_verify._internal.store import TrustStore
from volrec_verify.cli import main

TIMEOUT = "5"


class BundleServer:
    """Serves `routes` (path -> (content type, body)); anything else is 404."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path not in routes:
                    self.send_error(404)
                    return
                content_type, body = routes[self.path]
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def put_json(self, path: str, value: object) -> str:
        self.routes[path] = ("application/json", json.dumps(value, ensure_ascii=False).encode())
        return self.url(path)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[BundleServer]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    running = BundleServer()
    running.thread.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()
    running.thread.join(timeout=5)


def update(store: Path, url: str, *extra: str) -> int:
    return main(["trust", "update", url, "--store", str(store), "--timeout", TIMEOUT, *extra])


def test_update_from_url_imports_the_bundle_and_then_a_newer_one(
    server: BundleServer, tmp_path: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert update(store, server.put_json("/trust/bundle.json", world.bundle())) == 0
    out = capsys.readouterr().out
    assert "pinned root fingerprint" in out and "trust list version 7 updated" in out
    assert TrustStore(store).trust_list().version == 7
    world.trust_list_version = 8
    assert update(store, server.put_json("/trust/bundle.json", world.bundle())) == 0
    assert "trust list version 8 updated" in capsys.readouterr().out
    assert TrustStore(store).trust_list().version == 8


def test_update_refuses_a_rolled_back_trust_list_version(
    server: BundleServer, tmp_path: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    old = world.bundle()
    world.trust_list_version = 8
    assert update(store, server.put_json("/new.json", world.bundle())) == 0
    capsys.readouterr()
    assert update(store, server.put_json("/old.json", old)) == 1
    err = capsys.readouterr().err
    assert "rejected" in err and "version 7 is older than 8" in err
    assert TrustStore(store).trust_list().version == 8


def test_update_refuses_a_response_that_is_not_a_bundle(
    server: BundleServer, tmp_path: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert update(store, server.put_json("/bundle.json", world.bundle())) == 0
    before = (store / "trust-list.json").read_bytes()
    capsys.readouterr()
    server.routes["/portal"] = ("text/html", "<html><body>登录</body></html>".encode())
    assert update(store, server.url("/portal")) == 1
    assert "not a trust bundle (not JSON)" in capsys.readouterr().err
    assert update(store, server.put_json("/other.json", {"hello": "world"})) == 1
    assert "not a VolrecTrustBundle" in capsys.readouterr().err
    assert (store / "trust-list.json").read_bytes() == before


def test_update_from_an_unreachable_url_is_a_clear_error_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with socket.socket() as probe:  # a loopback port that nothing listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/trust/bundle.json"
    assert update(tmp_path / "store", url) == 2
    err = capsys.readouterr().err
    assert f"cannot download {url}" in err and "refused" in err.lower()
    assert not (tmp_path / "store").exists()


def test_update_missing_path_on_the_server_is_exit_2_with_the_http_status(
    server: BundleServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert update(tmp_path / "store", server.url("/nothing-here.json")) == 2
    assert "HTTP 404" in capsys.readouterr().err


def test_update_refuses_urls_that_are_not_http(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    assert update(tmp_path / "store", (tmp_path / "b.json").as_uri()) == 2
    assert "only http:// and https://" in capsys.readouterr().err
