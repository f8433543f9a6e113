"""DNS rebinding: the fetch connects to the address that was checked, not a later answer.

Two real HTTP servers listen on the same port: a "public" one on 127.0.0.1 and an
"internal" one on 127.0.0.2. The resolver answers 127.0.0.1 the first time and
127.0.0.2 afterwards, as a rebinding name would; loopback counts as public here so the
first answer passes the check.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from kg.sources import fetch


def _server(address: str, port: int, body: bytes, seen: list[str]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("Host", ""))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return ThreadingHTTPServer((address, port), Handler)


@pytest.fixture
def two_hosts() -> Iterator[tuple[int, list[str], list[str]]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    public_seen: list[str] = []
    internal_seen: list[str] = []
    servers = [
        _server("127.0.0.1", port, b"public page", public_seen),
        _server("127.0.0.2", port, b"internal secret", internal_seen),
    ]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield port, public_seen, internal_seen
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def test_a_rebinding_name_cannot_reach_the_internal_host(
    two_hosts: tuple[int, list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, public_seen, internal_seen = two_hosts
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"])

    def rebinding(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example":
            address = next(answers, "127.0.0.2")  # public first, internal from then on
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(fetch, "_is_public", lambda address: address == "127.0.0.1")

    body, media = fetch.fetch_url(f"http://rebind.example:{port}/page", max_bytes=1000)

    assert body == b"public page"
    assert media == "text/plain"
    assert public_seen == [f"rebind.example:{port}"]  # the name still goes in Host
    assert internal_seen == []


def test_the_internal_answer_itself_is_still_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def internal(host: str, *args: Any, **kwargs: Any) -> Any:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", 80))]

    monkeypatch.setattr(socket, "getaddrinfo", internal)
    with pytest.raises(fetch.InvalidParameterError, match=r"127\.0\.0\.2 is not a public address"):
        fetch.fetch_url("http://rebind.example/page", max_bytes=1000)
