"""docs/notebook.md runs end to end, and ``KnowledgeGraph.show()`` stays offline and safe.

The walkthrough's ``python`` blocks run in order in one namespace, in-process (no
Jupyter kernel), from a scratch folder where ``data/`` is the repository's. A block
preceded by ``<!-- needs: pandas -->`` is skipped when pandas is not installed (it is
the optional ``notebook`` extra); ``<!-- not run -->`` marks blocks that only
illustrate (a server URL, a folder store).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg import GraphView, KnowledgeGraph
from kg.analysis.projection import project_rows

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebook.md"
_BLOCK = re.compile(r"(?:<!-- (?P<marker>[^>]*?) -->\s*)?```python\n(?P<code>.*?)```", re.DOTALL)

# A src or href that loads anything over the network.
_REMOTE = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE
)


def walkthrough_blocks() -> list[tuple[int, str, str]]:
    """(line number, marker, code) of each python block of the walkthrough."""
    text = NOTEBOOK.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start("code")) + 1, (m.group("marker") or "").strip(), m["code"])
        for m in _BLOCK.finditer(text)
    ]


def _has_pandas() -> bool:
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run every block of the walkthrough; the namespace it leaves behind."""
    work = tmp_path_factory.mktemp("notebook")
    (work / "data").symlink_to(ROOT / "data", target_is_directory=True)
    namespace: dict[str, Any] = {"__name__": "__walkthrough__"}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        for line, marker, code in walkthrough_blocks():
            if marker == "not run" or (marker == "needs: pandas" and not _has_pandas()):
                continue
            exec(compile(code, f"{NOTEBOOK}:{line}", "exec"), namespace)
    return namespace  # the walkthrough closes its store itself


def test_walkthrough_has_the_documented_steps() -> None:
    code = "\n".join(code for _, _, code in walkthrough_blocks())
    for step in (
        "KnowledgeGraph.open(",
        ".ingest(",
        ".add_article(",
        ".query(",
        ".search(",
        ".entity(",
        ".paths(",
        ".bilateral(",
        ".to_networkx(",
        ".rdflib_dataset(",
        ".show(",
        ".export(",
        ".to_pandas(",
    ):
        assert step in code, f"docs/notebook.md never calls {step}"


def test_walkthrough_ingests_the_development_corpus(walkthrough: dict[str, Any]) -> None:
    summary = walkthrough["summary"]
    articles = len(list((ROOT / "data" / "articles").iterdir()))
    assert summary.stored + summary.skipped == articles
    assert summary.skipped == 1, "the seed article, already stored, is skipped"
    assert [f.origin for f in summary.failed] == ["data/articles/no-such-file.txt"]


def test_walkthrough_finds_the_path_from_batam_to_byd(walkthrough: dict[str, Any]) -> None:
    found = walkthrough["batam_to_byd"]
    paths = found["paths"] if isinstance(found, dict) else found
    assert paths, "no path from Batam to BYD"
    first = paths[0]["nodes"]
    assert first[0].startswith("city/batam")
    assert first[-1] == "company/byd"


def test_walkthrough_shows_the_batam_xiangyang_neighbourhood(walkthrough: dict[str, Any]) -> None:
    view = walkthrough["view"]
    assert isinstance(view, GraphView)
    labels = {data.get("label") for _, data in view.graph.nodes(data=True)}
    assert {"Batam", "Xiangyang"} <= labels
    page = view._repr_html_()
    assert page.startswith("<iframe")
    assert page.count("<iframe") == 1
    assert "<script" not in page, "the page must be inside srcdoc, escaped"
    assert not _REMOTE.search(view.html), "the standalone page loads something from the network"


def test_walkthrough_rows_make_a_dataframe(walkthrough: dict[str, Any]) -> None:
    pd = pytest.importorskip("pandas")
    frame = walkthrough["posts"].to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert "Amsakar Achmad" in set(frame["name"])


def test_walkthrough_events_have_typed_columns(walkthrough: dict[str, Any]) -> None:
    pytest.importorskip("pandas")
    events = walkthrough["events"]
    assert str(events["date"].dtype) == "datetime64[ns]"
    assert str(events["participants"].dtype) == "Int64"
    assert str(events["kind"].dtype) == "string"
    assert len(events) > 10
    by_month = walkthrough["by_month"]
    assert by_month.to_numpy().sum() == len(events)
    assert (walkthrough["in_2025"]["date"].dt.year == 2025).all()


# -- show(): offline and escaped, on a tiny graph -----------------------------------------

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def evil_graph() -> nx.MultiDiGraph:
    return project_rows(
        nodes=[("person/e", "Person", EVIL, "", None), ("city/b", "City", "Batam & co", "", None)],
        edges=[("person/e", "bkg:locatedIn", "city/b", 1)],
    )


def test_show_escapes_labels(evil_graph: nx.MultiDiGraph) -> None:
    view = GraphView(evil_graph, title=EVIL)
    assert EVIL not in view.html
    assert "<script>alert" not in view.html
    assert "<img src=x" not in view.html
    frame = view._repr_html_()
    assert "<script" not in frame
    assert "<img" not in frame
    assert frame.count("<iframe") == 1
    assert frame.endswith("</iframe>")


def test_show_needs_no_network(evil_graph: nx.MultiDiGraph) -> None:
    page = GraphView(evil_graph).html
    assert not _REMOTE.search(page)
    assert "vis-network" in page or "vis.Network" in page or "new vis." in page


def test_show_accepts_an_entity_a_list_and_a_graph() -> None:
    with KnowledgeGraph.open("memory:") as kg:
        kg.add_article(
            "Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal Tiongkok di Medan, "
            "Zhang Min, Senin (21/4/2025).",
            url="https://example.com/1",
            published="2025-04-22",
        )
        one = kg.show("Zhang Min")
        both = kg.show(["Zhang Min", "Amsakar Achmad"], depth=2)
        whole = kg.show(kg.to_networkx(types=["Person", "Post"]))
    assert "person/zhang-min" in one.graph
    assert {"person/zhang-min", "person/amsakar-achmad"} <= set(both.graph)
    assert {d["type"] for _, d in whole.graph.nodes(data=True)} == {"Person", "Post"}


def test_show_saves_a_standalone_page(tmp_path: Path, evil_graph: nx.MultiDiGraph) -> None:
    saved = GraphView(evil_graph, title="t").save(tmp_path / "view.html")
    text = saved.read_text(encoding="utf-8")
    assert text == GraphView(evil_graph, title="t").html


# -- the inline view in a browser, as a notebook output cell --------------------------------


@pytest.mark.browser
def test_inline_view_renders_offline_in_a_browser(
    evil_graph: nx.MultiDiGraph, browser: Any
) -> None:
    """The frame draws the graph with every request refused, and no label runs as code.

    ``browser`` is the session's Chromium (tests/conftest.py).
    """
    cell = GraphView(evil_graph, title=EVIL)._repr_html_()
    requests: list[str] = []
    dialogs: list[str] = []
    page = browser.new_page()
    try:

        def refuse(route: Any) -> None:
            requests.append(route.request.url)
            route.abort()

        def dismiss(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.route("**/*", refuse)
        page.on("dialog", dismiss)
        page.set_content(
            f"<!doctype html><html><body><div class='output'>{cell}</div></body></html>"
        )
        frame = page.frame_locator("iframe")
        frame.locator("#network canvas").wait_for(timeout=20_000)
        inner = page.frames[1]
        inner.wait_for_function("window.__snapshot && window.__snapshot.ready", timeout=20_000)
        assert inner.evaluate("window.__snapshot.nodes") == 2
        assert EVIL in inner.evaluate("document.title")  # shown as text, not markup
    finally:
        page.close()
    assert requests == [], f"the view asked the network for {requests}"
    assert dialogs == [], "a label ran as code"
