"""Property-based requests from the OpenAPI schema: no GET route answers 5xx."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from api_support import make_client

pytestmark = pytest.mark.slow


# Built at import (schemathesis.pytest.from_fixture fails under this pytest): about a second.
schema = schemathesis.openapi.from_asgi("/openapi.json", make_client().app)


@schema.include(method="GET").exclude(path_regex="^/sparql").parametrize()
def test_get_routes_never_fail_on_the_server(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text[:300])
    if response.status_code >= 400:
        assert "application/problem+json" in str(response.headers.get("content-type"))
