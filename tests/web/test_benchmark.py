"""Large network views become interactive within seconds (benchmarks/web_view.py).

The bound here is loose on purpose, a guard against regressions such as vis-network's
"improved layout", unbounded physics or a layout run to convergence on big views
(minutes, not seconds) that still holds on a busy CI machine; the benchmark prints the
real figures (benchmarks/results/web-view.json).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from web_support import ROOT, chromium_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.xdist_group("browser"),
]

LIMIT_SECONDS = 15.0


@pytest.mark.parametrize(("nodes", "renderer"), [(2000, "sigma"), (5000, "sigma")])
def test_large_views_become_interactive(nodes: int, renderer: str) -> None:
    if chromium_path() is None:
        pytest.skip("no Chromium: apt-get install chromium (or set BIKG_CHROMIUM)")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "web_view.py"),
            *("--nodes", str(nodes), "--runs", "1", "--json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    [view] = result["views"]
    [run] = view["runs"]
    print(f"{nodes}-node view interactive in {run['interactive_s']:.2f} s")
    assert run["nodes"] == nodes
    assert run["renderer"] == renderer
    assert view["edges"] == nodes * 4
    assert run["interactive_s"] < LIMIT_SECONDS
    assert run["click_s"] < LIMIT_SECONDS / 3
