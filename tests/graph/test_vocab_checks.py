"""Every way code names a bkg: term is checked against ontology/bilateral.ttl."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg.errors import KGError, VocabularyError
from kg.graph import build
from kg.graph.vocab import BKG, DECLARED, ONTOLOGY_FILE, checked, expand, term

ROOT = Path(__file__).resolve().parents[2]
MISSPELT = "twinedWith"
MESSAGE = r"'bkg:twinedWith': not declared in ontology/bilateral\.ttl"


@pytest.mark.parametrize(
    "name_it",
    [
        pytest.param(lambda: term(MISSPELT), id="term"),
        pytest.param(lambda: term(f"bkg:{MISSPELT}"), id="term-curie"),
        pytest.param(lambda: getattr(BKG, MISSPELT), id="BKG.x"),
        pytest.param(lambda: BKG[MISSPELT], id="BKG[x]"),
        pytest.param(lambda: expand(f"bkg:{MISSPELT}"), id="expand"),
        pytest.param(lambda: build.term(f"bkg:{MISSPELT}"), id="build.term"),
        pytest.param(
            lambda: checked(f"SELECT * WHERE {{ ?a bkg:{MISSPELT} ?b }}"), id="sparql-text"
        ),
    ],
)
def test_a_misspelt_term_fails_naming_the_term_and_the_ontology(name_it: object) -> None:
    with pytest.raises(VocabularyError, match=MESSAGE) as caught:
        name_it()  # type: ignore[operator]
    assert isinstance(caught.value, KGError)
    assert isinstance(caught.value, AttributeError)  # hasattr(BKG, x) stays False


def test_declared_terms_name_it_right() -> None:
    assert term("twinnedWith") == BKG.twinnedWith == BKG["twinnedWith"]
    assert expand("bkg:twinnedWith") == str(BKG.twinnedWith)
    assert checked("?a bkg:twinnedWith ?b . PREFIX bkg: <x>").startswith("?a")
    assert not hasattr(BKG, MISSPELT)


def test_declared_is_read_from_the_ontology_file() -> None:
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    assert "bkg:twinnedWith a owl:ObjectProperty" in text
    assert "twinnedWith" in DECLARED
    assert MISSPELT not in DECLARED
    assert set(BKG.__annotations__) <= DECLARED


def test_a_module_with_a_misspelt_term_fails_at_import(tmp_path: Path) -> None:
    module = tmp_path / "uses_a_typo.py"
    module.write_text(
        textwrap.dedent(
            f"""
            from kg.graph.build import term
            from kg.graph.vocab import checked

            OK = term("bkg:twinnedWith")
            QUERY = checked("SELECT ?a WHERE {{ ?a bkg:{MISSPELT} ?b }}")
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", "import uses_a_typo"],
        cwd=tmp_path,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert re.search(MESSAGE, done.stderr), done.stderr


# -- static: every term the code and the web app name is declared ----------------------

_CURIE = re.compile(r"(?<![\w/#:.-])bkg:([A-Za-z_]\w*)")
_ATTRIBUTE = re.compile(r"\bBKG\.([A-Za-z]\w*)")
_ITEM = re.compile(r"\bBKG\[\"(\w+)\"\]")
#: Deliberate typos in docstrings and tests that show the check failing.
_SHOWN_TYPOS = {"Mayr", MISSPELT}


def _sources() -> list[Path]:
    files = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "web").rglob("*.js")]
    files += [*(ROOT / "web").glob("*.html"), *(ROOT / "benchmarks").rglob("*.py")]
    return sorted(f for f in files if "vendor" not in f.parts)


def test_every_bkg_term_named_in_code_is_declared() -> None:
    unknown: list[str] = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        names = {m.group(1) for m in _CURIE.finditer(text)}
        if path.suffix == ".py":
            names |= {m.group(1) for m in _ATTRIBUTE.finditer(text)}
            names |= {m.group(1) for m in _ITEM.finditer(text)}
        for name in sorted(names - DECLARED - _SHOWN_TYPOS):
            unknown.append(f"{path.relative_to(ROOT)}: bkg:{name}")
    assert unknown == []
