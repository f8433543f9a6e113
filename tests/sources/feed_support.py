"""A news site on 127.0.0.1 for the feed tests: an RSS feed, an Atom feed, a broken feed,
article pages, a 404, a slow page and a PDF. Every text here was written for these tests.

The server records each request's path, honours ``If-None-Match`` on the feeds (answering
304), and can add items to the RSS feed while it runs (``publish``).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: Seconds the slow page waits before answering (the tests' fetch timeout is shorter).
SLOW = 3.0

_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>{title}</title><meta property="article:published_time" content="{date}">
</head><body><header><nav><a href="/">Beranda</a> | <a href="/nasional">Nasional</a></nav>
</header><article><h1>{title}</h1>{paragraphs}</article>
<footer>Hak cipta Warta Uji. Semua teks di situs ini dibuat untuk pengujian.</footer>
</body></html>"""

#: path -> (title, date, paragraphs)
ARTICLES = {
    "/news/batam-xiangyang.html": (
        "Batam dan Xiangyang jajaki kerja sama kota kembar",
        "2025-04-22",
        [
            "Wali Kota Batam, Amsakar Achmad, menerima kunjungan Konsul Jenderal Tiongkok di "
            "Medan, Zhang Min, di Batam, Senin (21/4/2025).",
            "Dalam pertemuan itu, Amsakar Achmad dan Zhang Min membahas rencana kerja sama "
            "kota kembar antara Batam dan Xiangyang di bidang pendidikan dan pariwisata.",
            "Menurut Amsakar, kedua kota akan menyiapkan surat pernyataan kehendak sebelum "
            "akhir tahun agar kerja sama dapat segera dimulai.",
        ],
    ),
    "/news/medan-penang.html": (
        "Wali Kota Medan terima Konsul Jenderal Malaysia",
        "2025-05-06",
        [
            "Wali Kota Medan, Dedi Saputra, menerima Konsul Jenderal Malaysia di Medan, "
            "Nur Aisyah Hamid, di Medan, Selasa (6/5/2025).",
            "Keduanya membicarakan penerbangan langsung antara Medan dan Penang serta "
            "pertukaran pelajar antara universitas di kedua daerah.",
            "Dedi Saputra mengatakan pemerintah kota siap mendukung kerja sama itu "
            "bersama pemerintah negara bagian Penang.",
        ],
    ),
    "/news/surabaya-kitakyushu.html": (
        "Surabaya and Kitakyushu renew their sister city ties",
        "2025-06-10",
        [
            "The Mayor of Surabaya, Budi Santoso, met the Mayor of Kitakyushu, Kenji Watanabe, "
            "in Surabaya on Tuesday, June 10, 2025.",
            "The two mayors agreed to renew the sister city agreement between Surabaya and "
            "Kitakyushu, with new projects on waste management and clean water.",
            "Budi Santoso said the cooperation had helped Surabaya build better public services "
            "for its residents.",
        ],
    ),
}


def page(path: str) -> bytes:
    title, date, paragraphs = ARTICLES[path]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return _PAGE.format(title=title, date=date, paragraphs=body).encode()


def _rss_item(base: str, path: str, title: str, day: str) -> str:
    link = path if path.startswith("http") else base + path
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{day}</pubDate><description>Ringkasan untuk pengujian.</description></item>"
    )


@dataclass
class NewsSite:
    """The running site: its base URL, the requests it saw, the items its RSS feed lists."""

    base: str = ""
    requests: list[str] = field(default_factory=list)
    items: list[tuple[str, str, str]] = field(default_factory=list)
    version: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, path: str, title: str, day: str) -> None:
        """Add an item to the RSS feed (its ETag changes)."""
        with self.lock:
            self.items.append((path, title, day))
            self.version += 1

    def seen(self, prefix: str = "") -> list[str]:
        with self.lock:
            return [r for r in self.requests if r.startswith(prefix)]

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()

    def rss(self) -> bytes:
        items = "".join(_rss_item(self.base, *item) for item in self.items)
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Warta Uji</title><link>{self.base}/</link><language>id</language>"
            f"<description>Berita uji</description>{items}</channel></rss>"
        ).encode()

    def atom(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Test News</title><id>{self.base}/atom.xml</id>"
            "<updated>2025-06-10T08:00:00Z</updated>"
            f"<entry><title>Surabaya and Kitakyushu</title><id>urn:test:surabaya</id>"
            f'<link href="/news/surabaya-kitakyushu.html"/>'
            "<updated>2025-06-10T08:00:00Z</updated><summary>Test summary.</summary></entry>"
            "</feed>"
        ).encode()


#: The items the RSS feed starts with: two good pages, a 404, a slow page, a PDF,
#: and a page on another loopback name (not the feed's host, so never fetched).
def initial_items(port: int) -> list[tuple[str, str, str]]:
    day = "Tue, 22 Apr 2025 08:00:00 +0700"
    return [
        ("/news/batam-xiangyang.html", "Batam dan Xiangyang", day),
        ("/news/medan-penang.html", "Medan dan Penang", day),
        ("/news/gone.html", "Berita yang dihapus", day),
        ("/news/slow.html", "Berita yang lambat", day),
        ("/news/report.pdf", "Laporan tahunan", day),
        (f"http://localhost:{port}/news/elsewhere.html", "Di host lain", day),
    ]


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet: the tests read site.requests
            pass

        def _send(self, status: int, body: bytes, media: str, extra: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _feed(self, body: bytes, media: str, etag: str) -> None:
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, body, media, {"ETag": etag})

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append(self.path)
                version = site.version
            if self.path == "/feed.xml":
                self._feed(site.rss(), "application/rss+xml", f'"rss-{version}"')
            elif self.path == "/atom.xml":
                self._feed(site.atom(), "application/atom+xml", '"atom-1"')
            elif self.path == "/broken.xml":
                self._send(200, b"<rss><channel><title>Half a feed", "application/rss+xml", {})
            elif self.path in ARTICLES:
                self._send(200, page(self.path), "text/html; charset=utf-8", {})
            elif self.path == "/news/slow.html":
                time.sleep(SLOW)
                with contextlib.suppress(OSError):  # the client gave up already
                    self._send(200, page("/news/batam-xiangyang.html"), "text/html", {})
            elif self.path == "/news/report.pdf":
                self._send(200, b"%PDF-1.4\n% not a real report\n", "application/pdf", {})
            else:
                self._send(404, b"<h1>Tidak ditemukan</h1>", "text/html", {})

    return Handler


@contextlib.contextmanager
def news_site() -> Iterator[NewsSite]:
    """Serve the site on a free port of 127.0.0.1 until the block ends."""
    site = NewsSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    port = server.server_address[1]
    site.base = f"http://127.0.0.1:{port}"
    site.items = initial_items(port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
