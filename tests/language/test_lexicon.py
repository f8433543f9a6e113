"""Lexicon files are checked when they load: a misspelt or missing key names file and key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.language import LEXICON_DIR, lexicon, load_lexicon
from kg.language.schema import FILES


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of ``data/lexicon`` to break."""
    root = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, root)
    return root


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_the_shipped_lexicons_load() -> None:
    for lang in ("id", "en"):
        lex = lexicon(lang)
        assert lex.lang == lang
        assert lex.roles.get(("wali", "kota") if lang == "id" else ("mayor",)) == "Mayor"


def test_a_copy_loads_like_the_original(copy: Path) -> None:
    lex = load_lexicon("id", copy)
    assert lex.venue_words == lexicon("id").venue_words
    assert lex.stop_words == lexicon("id").stop_words


def test_a_misspelt_key_fails_naming_file_and_key(copy: Path) -> None:
    path = copy / "en" / "events.json"
    _edit(path, lambda d: d.__setitem__("venue_wrods", d.pop("venue_words")))
    with pytest.raises(ConfigError) as err:
        load_lexicon("en", copy)
    message = str(err.value)
    assert str(path) in message
    assert "unknown key 'venue_wrods'" in message
    assert "missing key 'venue_words'" in message
    assert "\n" not in message


def test_a_missing_key_fails_naming_file_and_key(copy: Path) -> None:
    path = copy / "id" / "titles.json"
    _edit(path, lambda d: d.pop("honorifics"))
    with pytest.raises(ConfigError, match=r"id/titles\.json: missing key 'honorifics'"):
        load_lexicon("id", copy)


def test_the_other_language_is_checked_too(copy: Path) -> None:
    """Indonesian text names organisations in English: the English files load with it."""
    _edit(copy / "en" / "organisations.json", lambda d: d.pop("organisation_heads"))
    with pytest.raises(ConfigError, match=r"en/organisations\.json: missing key"):
        load_lexicon("id", copy)


def test_a_value_of_the_wrong_type_fails(copy: Path) -> None:
    _edit(copy / "id" / "dates.json", lambda d: d["months"].__setitem__("januari", "one"))
    with pytest.raises(ConfigError, match=r"id/dates\.json: months\.januari"):
        load_lexicon("id", copy)


def test_broken_json_names_the_line(copy: Path) -> None:
    path = copy / "id" / "speech.json"
    path.write_text('{\n "pronouns": [\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"id/speech\.json:3: not valid JSON"):
        load_lexicon("id", copy)


def test_a_missing_file_is_named(copy: Path) -> None:
    (copy / "id" / "ranks.json").unlink()
    with pytest.raises(ConfigError, match=r"id/ranks\.json: lexicon file missing"):
        load_lexicon("id", copy)


def test_every_file_of_a_language_folder_has_a_schema() -> None:
    for lang in ("id", "en"):
        assert {p.stem for p in (LEXICON_DIR / lang).glob("*.json")} == set(FILES)


def test_shared_and_words_come_from_both_languages() -> None:
    """News in one language joins names with the other's words ("Medan and Ichikawa")."""
    assert {"dan", "and"} <= lexicon("id").and_words
    assert lexicon("id").and_words == lexicon("en").and_words
