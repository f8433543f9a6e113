"""The w3id.org redirect rules (docs/w3id/.htaccess) lead to answers this app gives.

The rules are read from the file and applied the way Apache's mod_rewrite applies them in a
per-directory context (path without the leading slash, first rule with [L] wins), then the
target is requested from the app with the client's Accept header.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

HTACCESS = Path(__file__).resolve().parents[2] / "docs" / "w3id" / ".htaccess"
_RULE = re.compile(r"^RewriteRule\s+(\S+)\s+(\S+)\s+\[([^\]]*)\]$")


def _rules() -> tuple[str, list[tuple[re.Pattern[str], str, str]]]:
    base = ""
    rules = []
    for line in HTACCESS.read_text().splitlines():
        found = _RULE.match(line.strip())
        if not found:
            continue
        pattern, target, flags = found.groups()
        if target == "-":
            [env] = re.findall(r"E=BIKG:([^,\]]+)", flags)
            base = env
            continue
        rules.append((re.compile(pattern), target, flags))
    return base, rules


def _rewrite(path: str) -> tuple[str, int]:
    """The redirect target for ``https://w3id.org/bilateral-kg/<path>`` and its status."""
    base, rules = _rules()
    for pattern, target, flags in rules:
        found = pattern.search(path)
        if found:
            # mod_rewrite's $1 is Python's \1; an unmatched optional group gives "".
            url = found.expand(re.sub(r"\$(\d)", r"\\\1", target.replace("%{ENV:BIKG}", base)))
            status = int(re.search(r"R=(\d+)", flags).group(1))  # type: ignore[union-attr]
            assert "L" in flags.split(",")
            return url, status
    raise AssertionError(f"no rule for {path!r}")


def test_the_base_is_set_once() -> None:
    base, rules = _rules()
    assert base.startswith("https://")
    assert not base.endswith("/")
    assert all("%{ENV:BIKG}" in target for _, target, _ in rules)


@pytest.mark.parametrize(
    ("path", "accept", "status", "media"),
    [
        ("id/person/zhang-min", "text/turtle", 200, "text/turtle"),
        ("id/person/zhang-min", "application/ld+json", 200, "application/ld+json"),
        ("id/person/zhang-min", "text/html", 303, None),
        ("id/person/zhang-min.nt", "*/*", 200, "application/n-triples"),
        ("ontology", "application/rdf+xml", 200, "application/rdf+xml"),
        ("ontology", "text/html", 200, "text/html"),
        ("ontology.ttl", "*/*", 200, "text/turtle"),
        ("shapes", "text/turtle", 200, "text/turtle"),
        ("void", "text/turtle", 200, "text/turtle"),
        (".well-known/void", "application/n-triples", 200, "application/n-triples"),
        ("", "text/html", 200, "text/html"),
    ],
)
def test_each_rule_leads_to_an_answer(
    client: TestClient, path: str, accept: str, status: int, media: str | None
) -> None:
    base, _ = _rules()
    url, redirect = _rewrite(path)
    assert redirect in (302, 303)
    assert url.startswith(base + "/")
    response = client.get(
        url.removeprefix(base), headers={"Accept": accept}, follow_redirects=False
    )
    assert response.status_code == status, response.text
    if media is not None:
        assert response.headers["content-type"].split(";")[0] == media


def test_unknown_paths_are_left_alone() -> None:
    with pytest.raises(AssertionError, match="no rule"):
        _rewrite("admin/secret")
