"""The bench's load generator reads real HTTP/1.1 answers: sized, chunked, closed, errors."""

from __future__ import annotations

import asyncio

from kg.bench.load import LoadResult, _load, percentile

_SIZED = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello"
_CHUNKED = (
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;ext=1\r\nlo\r\n0\r\n\r\n"
)
_CLOSING = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
_MISSING = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n"


def _serve_and_load(answers: list[bytes], concurrency: int = 3) -> tuple[LoadResult, list[bytes]]:
    """Serve ``answers`` in turn on a free port and load it for half a second."""
    seen: list[bytes] = []

    async def run() -> LoadResult:
        turn = 0

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal turn
            try:
                while True:
                    seen.append(await reader.readuntil(b"\r\n\r\n"))
                    answer = answers[turn % len(answers)]
                    turn += 1
                    writer.write(answer)
                    await writer.drain()
                    if b"close" in answer:
                        break
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            return await _load(f"http://127.0.0.1:{port}", "t", "/x?y=1", concurrency, 0.5, 5)

    return asyncio.run(run()), seen


def test_reads_sized_and_chunked_answers_on_one_connection() -> None:
    result, seen = _serve_and_load([_SIZED, _CHUNKED])
    assert result.errors == 0
    assert result.statuses == {200: len(result.latencies)}
    assert len(result.latencies) > 50
    assert seen[0].startswith(b"GET /x?y=1 HTTP/1.1\r\nHost: 127.0.0.1:")


def test_reconnects_when_the_server_closes() -> None:
    result, _ = _serve_and_load([_CLOSING], concurrency=2)
    assert result.errors == 0
    assert len(result.latencies) > 20


def test_counts_other_statuses_as_errors() -> None:
    result, _ = _serve_and_load([_SIZED, _MISSING], concurrency=1)
    assert result.statuses[404] == result.errors > 0
    assert result.statuses[200] == len(result.latencies)


def test_a_refused_connection_is_an_error_not_a_spin() -> None:
    async def run() -> LoadResult:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        return await _load(f"http://127.0.0.1:{port}", "t", "/", 2, 0.3, 1)

    result = asyncio.run(run())
    assert result.latencies == []
    assert 0 < result.errors < 200
    assert percentile([], 95) == 0.0
