"""Fetch an article page over HTTP(S), from public hosts only.

The API may fetch a URL for ``POST /api/articles`` when ``allow_fetch`` is set. A
server that fetches what a client names must not become a way into the network it
sits in, so only ``http``/``https`` URLs whose host resolves to public addresses are
fetched (no loopback, private, link-local, multicast or reserved addresses), each
redirect is checked the same way, and the body is capped.

The connection goes to the address that was checked (the URL's host stays in the
``Host`` header and in TLS's SNI and certificate check), so a name that resolves to a
public address for the check and to an internal one a moment later (DNS rebinding)
cannot reach the internal host.

>>> check_public_url("http://127.0.0.1:8000/admin")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.InvalidParameterError: refusing to fetch ...: 127.0.0.1 is not a public address
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from kg.errors import InvalidParameterError, SourceError

__all__ = ["Fetched", "check_public_url", "fetch", "fetch_url", "pinned_request"]

_MAX_REDIRECTS = 5


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def _resolve(url: str, parts: SplitResult) -> list[str]:
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidParameterError(f"refusing to fetch {url}: only http(s) URLs with a host")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 0, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise InvalidParameterError(f"cannot resolve {parts.hostname}: {exc}") from None
    addresses = list(dict.fromkeys(str(info[4][0]).partition("%")[0] for info in infos))
    for address in addresses:
        if not _is_public(address):
            raise InvalidParameterError(
                f"refusing to fetch {url}: {address} is not a public address"
            )
    if not addresses:
        raise InvalidParameterError(f"cannot resolve {parts.hostname}: no address")
    return addresses


def check_public_url(url: str) -> str:
    """The address to connect to for ``url``; :class:`~kg.errors.InvalidParameterError`
    unless ``url`` is http(s) on a host whose every address is public.

    >>> check_public_url("http://93.184.215.14/page")
    '93.184.215.14'
    >>> check_public_url("http://127.0.0.1:7878/query")
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameterError: refusing to fetch http://127.0.0.1:7878/query: \
127.0.0.1 is not a public address
    """
    return _resolve(url, urlsplit(url))[0]


def pinned_request(client: httpx.Client, url: str, address: str) -> httpx.Request:
    """A GET of ``url`` that connects to ``address`` (already checked) and to nothing the
    host name might resolve to later; ``Host`` and TLS still name the URL's host.

    >>> with httpx.Client() as client:
    ...     request = pinned_request(client, "https://example.org:8443/a?b=1", "93.184.215.14")
    >>> str(request.url), request.headers["host"], request.extensions["sni_hostname"]
    ('https://93.184.215.14:8443/a?b=1', 'example.org:8443', 'example.org')
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    literal = f"[{address}]" if ":" in address else address
    netloc = literal if parts.port is None else f"{literal}:{parts.port}"
    target = parts._replace(netloc=netloc).geturl()
    shown = host if ":" not in host else f"[{host}]"
    headers = {
        "Host": shown if parts.port is None else f"{shown}:{parts.port}",
        "User-Agent": "bilateral-kg",
    }
    request = client.build_request("GET", target, headers=headers)
    if parts.scheme == "https":
        # The certificate is checked against the name the user gave, as without pinning.
        request.extensions["sni_hostname"] = host
    return request


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a GET brought back: ``status`` is 200, or 304 for a conditional GET that
    found nothing new (``body`` empty then); ``url`` is the last URL after redirects.

    >>> Fetched("https://e.x/rss", 304, b"", "").status
    304
    """

    url: str
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = 15.0,
    headers: Mapping[str, str] | None = None,
    trusted_hosts: Collection[str] = (),
) -> Fetched:
    """GET ``url``, following checked redirects; errors name the URL and the reason.

    Every hop must be on a public host, except hosts in ``trusted_hosts``: the CLI
    trusts the host of a feed the user names (it may be on the user's own network),
    while the API trusts nothing.

    >>> fetch("http://127.0.0.1:9/feed.xml", max_bytes=1000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameterError: refusing to fetch ...: 127.0.0.1 is not a public address
    """
    sent = {"User-Agent": "bilateral-kg", **(headers or {})}
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(_MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            try:
                if parts.hostname in trusted_hosts and parts.scheme in ("http", "https"):
                    request = client.build_request("GET", url, headers=sent)
                else:  # connect to the address checked, nothing it resolves to later
                    request = pinned_request(client, url, check_public_url(url))
                    request.headers.update(headers or {})
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise SourceError(url, f"the server answered {response.status_code}")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise SourceError(url, f"the page is larger than {max_bytes:,} bytes")
                    return Fetched(
                        url=url,
                        status=response.status_code,
                        body=bytes(body),
                        content_type=response.headers.get("content-type", ""),
                        headers={k.lower(): v for k, v in response.headers.items()},
                    )
                finally:
                    response.close()
            except httpx.TimeoutException as exc:
                raise SourceError(url, f"no answer within {timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise SourceError(url, f"cannot fetch: {exc}") from exc
    raise SourceError(url, f"more than {_MAX_REDIRECTS} redirects")


def fetch_url(url: str, *, max_bytes: int, timeout: float = 15.0) -> tuple[bytes, str]:
    """The body and content type of ``url``, from public hosts only.

    The connection goes to the address that was checked (see the module's docstring).

    >>> fetch_url("file:///etc/passwd", max_bytes=1000)
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameterError: refusing to fetch file:///etc/passwd: only http(s) URLs \
with a host
    """
    found = fetch(url, max_bytes=max_bytes, timeout=timeout)
    return found.body, found.content_type
