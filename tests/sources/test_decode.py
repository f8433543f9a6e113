"""Bytes to text: BOMs, UTF-8, legacy charsets, and clear refusals for everything else."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.sources.decode import decode_bytes

TEXT = "Wali Kota Batam menyambut “sister city” dengan Xiangyang – kata Amsakar.\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-16"), id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-32"), id="utf-32-bom"),
    ],
)
def test_unicode_encodings_decode_exactly(data: bytes) -> None:
    assert decode_bytes(data, "a.txt") == TEXT


def test_latin_1_is_recognised(data_dir: Path) -> None:
    text = decode_bytes((data_dir / "latin-1.txt").read_bytes(), "latin-1.txt")
    assert "rencontré le consul général à Medan" in text
    assert "\ufffd" not in text


def test_utf_16_fixture(data_dir: Path) -> None:
    text = decode_bytes((data_dir / "utf-16.txt").read_bytes(), "utf-16.txt")
    assert text.startswith("Wali Kota Batam menyambut “sister city”")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("binary.txt", "binary data, not text", id="binary"),
        pytest.param("invalid-utf-8.txt", "invalid UTF-8 at byte 92", id="damaged-utf-8"),
    ],
)
def test_refusals_name_the_file_and_reason(data_dir: Path, name: str, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode_bytes((data_dir / name).read_bytes(), name)
    assert caught.value.origin == name
    assert reason in caught.value.reason


def test_damaged_utf_8_is_not_turned_into_mojibake() -> None:
    # The old behaviour guessed Mac Roman here and stored "‚ÄúKami" for "“Kami".
    data = "“Kami membuka lebar kerja sama,” ujar Amsakar – Batam.".encode() * 3 + b"\xff"
    with pytest.raises(SourceError, match="invalid UTF-8"):
        decode_bytes(data, "x.txt")


def test_random_bytes_without_nul_are_refused() -> None:
    rng = random.Random(3)
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(SourceError, match=r"undecodable|binary"):
        decode_bytes(noise, "noise.txt")


def test_many_control_characters_mean_binary() -> None:
    with pytest.raises(SourceError, match="control characters"):
        decode_bytes(b"ab\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10" * 20, "ctl.txt")


def test_a_few_control_characters_are_tolerated() -> None:
    text = "Batam " * 200 + "\x0b"
    assert decode_bytes(text.encode(), "ok.txt") == text


def test_bad_bytes_after_a_bom_are_refused() -> None:
    with pytest.raises(SourceError, match="invalid utf-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xdc", "bom.txt")
