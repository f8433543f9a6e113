"""In a real browser the explorer's tables are the ontology's: the legend colours and
shapes, the status order and colours and the relation words the JavaScript uses are what
GET /api/vocabulary serves, read from ontology/bilateral.ttl."""

from __future__ import annotations

from typing import Any

import pytest
from web_support import open_explorer

from kg.graph import domain

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.xdist_group("browser")]


def test_the_javascript_tables_are_the_ontologys(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    tables = page.evaluate(
        """async () => {
            const types = await import("/static/js/types.js");
            const i18n = await import("/static/js/i18n.js");
            const served = await (await fetch("/api/vocabulary")).json();
            const words = () => ({
                twinned: i18n.relationLabel("bkg:twinnedWith"),
                holds: i18n.relationLabel("org:holds"),
                sister: i18n.typeLabel("SisterCityAgreement"),
                signed: i18n.t("status.Signed"),
            });
            const en = words();
            await i18n.setLang("id");
            const id = words();
            await i18n.setLang("en");
            return {
                categories: types.CATEGORIES,
                statuses: types.STATUSES,
                statusColors: types.STATUS_COLORS,
                relations: types.RELATIONS,
                meeting: types.categoryOf("Meeting"),
                served, en, id,
            };
        }"""
    )
    expected = [{"key": c.key, "color": c.color, "shape": c.shape} for c in domain.CATEGORIES]
    assert tables["categories"] == expected
    assert (
        tables["statuses"]
        == list(domain.STATUSES)
        == [s["id"] for s in tables["served"]["statuses"]]
    )
    assert tables["statusColors"] == domain.STATUS_COLORS
    assert tables["relations"] == list(domain.RELATIONS)
    assert tables["meeting"] == "event"
    served = tables["served"]
    for lang in ("en", "id"):
        words = tables[lang]
        assert words["twinned"] == served["relations"]["bkg:twinnedWith"][lang]
        assert words["holds"] == served["relations"]["org:holds"][lang]
        assert words["sister"] == served["classes"]["SisterCityAgreement"][lang]
        assert words["signed"] == served["statuses"][1]["labels"][lang]
    assert tables["id"]["twinned"] == "kota kembar dengan"
    # The legend the page drew uses the same words and colours.
    legend = page.evaluate(
        """() => [...document.querySelectorAll('#type-filters [data-count]')]
            .map((el) => [el.dataset.count, el.previousElementSibling.textContent])"""
    )
    words = {c["key"]: c["labels"]["en"] for c in served["categories"]}
    assert legend == [[c["key"], words[c["key"]]] for c in expected]
