"""Seconds to extract a 1.9 MB article of one repeated sentence, and how time grows with length.

For each sentence shape (quotes, attendee lists, events referred back to, dated visits,
agreements in passing, page noise), builds the article in memory (never a file), times
:func:`kg.extract.extract` with the default settings (text cut to ``extract_max_chars``), and
the CPU-time ratio of 4x the text with no cut: about 4 is linear, about 16 quadratic. Prints
a table; the target is under 2 s per article and ratios near 4. Not a test.

    .venv/bin/python benchmarks/extract_scaling.py
"""

from __future__ import annotations

import time

from kg.config import Settings
from kg.extract import extract
from kg.sources.model import Article

SHAPES = [
    ("id", "“Kami melihat Batam tumbuh pesat,” kata Zhang Min"),
    ("en", '"We see Batam growing fast," said Zhang Min.'),
    (
        "id",
        "Wali Kota Batam Amsakar Achmad didampingi Kepala Dinas Pariwisata Ardiwinata "
        "menerima kunjungan Konjen Zhang Min, Senin (21/2/2022).",
    ),
    (
        "en",
        "Governor Bobby Nasution, accompanied by Medan Mayor Rico Waas, met Consul General "
        "Zhang Min on Tuesday (July 22).",
    ),
    (
        "id",
        "Rapat dilaksanakan di Medan pada 21 Juli 2025. Pertemuan itu dihadiri Bupati Deli "
        "Serdang Asri Ludin Tambunan.",
    ),
    (
        "id",
        "Kunjungan ke Batam, Senin (21/2/2022). Penandatanganan MoU di Medan, Kamis (2/10/25).",
    ),
    ("id", "Kota Medan memiliki hubungan sister city dengan Kota Chengdu sejak 2002."),
    ("en", "The two cities have been twinned since 1997, and the MoU was renewed in March."),
    ("id", "Baca juga: Wali Kota Batam bertemu Konsul Jenderal"),
]
SIZE = 1_900_000


def repeated(sentence: str, chars: int) -> str:
    return " ".join([sentence] * max(1, chars // (len(sentence) + 1)))


def cpu(lang: str, text: str, settings: Settings) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        extract(Article(text=text, language=lang), settings)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    default = Settings()
    uncut = Settings(extract_max_chars=10 * SIZE, extract_time_budget=600.0)
    extract(Article(text="Wali Kota Batam.", language="id"), default)  # load the gazetteer
    print(f"{'shape':<52} {'1.9 MB s':>9} {'CPU s':>6} {'4x ratio':>9}  warnings")
    worst = 0.0
    for lang, sentence in SHAPES:
        text = repeated(sentence, SIZE)
        started = time.perf_counter()
        cpu_started = time.process_time()
        x = extract(Article(text=text, language=lang), default)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        worst = max(worst, cpu_seconds)
        ratio = cpu(lang, repeated(sentence, 100_000), uncut) / cpu(
            lang, repeated(sentence, 25_000), uncut
        )
        budget = [w for w in x.warnings if "budget" in w]
        print(
            f"{sentence[:50]:<52} {seconds:9.2f} {cpu_seconds:6.2f} {ratio:9.1f}  "
            f"{len(budget)} budget"
        )
    print(
        f"slowest 1.9 MB article: {worst:.2f} s of CPU (target < 2 s; wall clock depends on "
        "the load of the machine); linear ratio is about 4"
    )


if __name__ == "__main__":
    main()
