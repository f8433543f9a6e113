"""Fair share: query seconds per client per minute, 429 with Retry-After over budget."""

from __future__ import annotations

import pytest
from api_support import assert_problem
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.api.budget import WINDOW, Budgets, is_local
from kg.config import Settings
from kg.errors import RateLimitedError
from kg.knowledge import KnowledgeGraph

ANALYST = ("203.0.113.7", 40000)
OTHER = ("198.51.100.9", 40000)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_over_budget_waits_until_its_oldest_seconds_leave_the_minute() -> None:
    clock = Clock()
    budgets = Budgets(10, clock=clock)
    budgets.charge("a", 6)
    clock.now += 20
    budgets.charge("a", 6)  # 12 s within the minute
    with pytest.raises(RateLimitedError) as refused:
        budgets.check("a")
    # The first 6 s leave the window at 1060; 6 s are left then, under the 10 s budget.
    assert refused.value.retry_after == 40
    budgets.check("b")  # another client is not affected
    clock.now = 1000 + WINDOW + 0.5
    budgets.check("a")
    assert budgets.used("a") == 6


def test_budgets_off_charge_nothing() -> None:
    budgets = Budgets(0)
    budgets.charge("a", 1e6)
    budgets.check("a")
    assert budgets.used("a") == 0


def test_forgotten_clients_are_purged() -> None:
    clock = Clock()
    budgets = Budgets(10, clock=clock)
    for n in range(10_001):
        budgets.charge(f"client-{n}", 1)
    clock.now += WINDOW + 1
    budgets.charge("late", 1)
    assert budgets.used("client-0") == 0
    assert len(budgets._used) == 1


@pytest.mark.parametrize(
    ("address", "local"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("10.1.2.3", False)],
)
def test_what_counts_as_this_host(address: str, local: bool) -> None:
    assert is_local(address) is local


def test_the_endpoint_answers_429_to_a_client_over_budget_and_serves_another() -> None:
    settings = Settings(store="memory:", query_budget=5)
    app = create_app(settings, KnowledgeGraph.open(settings=settings))
    analyst = TestClient(app, client=ANALYST, raise_server_exceptions=False)
    other = TestClient(app, client=OTHER, raise_server_exceptions=False)
    ask = {"query": "ASK {}"}
    assert analyst.get("/sparql", params=ask).status_code == 200
    app.state.budgets.charge(ANALYST[0], 5.0)  # as if its queries had run 5 s

    refused = analyst.get("/sparql", params=ask)
    problem = assert_problem(refused, 429)
    assert problem["title"] == "Too many requests"
    assert problem["limit"] == "query_budget"
    assert problem["limitValue"] == 5.0
    assert 1 <= int(refused.headers["Retry-After"]) <= WINDOW
    assert problem["retryAfter"] == int(refused.headers["Retry-After"])
    assert other.get("/sparql", params=ask).status_code == 200
    # The budget is for queries: the rest of the API still answers the analyst.
    assert analyst.get("/api/stats").status_code == 200


def test_each_query_is_charged_to_its_client() -> None:
    settings = Settings(store="memory:", query_budget=60)
    app = create_app(settings, KnowledgeGraph.open(settings=settings))
    analyst = TestClient(app, client=ANALYST, raise_server_exceptions=False)
    for _ in range(3):
        assert analyst.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert app.state.budgets.used(ANALYST[0]) > 0
    assert app.state.budgets.used(OTHER[0]) == 0


@pytest.mark.parametrize(("localhost", "status"), [(False, 200), (True, 429)])
def test_this_host_is_exempt_unless_configured(localhost: bool, status: int) -> None:
    settings = Settings(store="memory:", query_budget=1, query_budget_localhost=localhost)
    app = create_app(settings, KnowledgeGraph.open(settings=settings))
    local = TestClient(app, client=("127.0.0.1", 40000), raise_server_exceptions=False)
    app.state.budgets.charge("127.0.0.1", 10.0)
    assert local.get("/sparql", params={"query": "ASK {}"}).status_code == status
