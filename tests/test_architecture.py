"""The map of the code stays true: module sizes, and docs/architecture.md names every package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 500


def test_no_module_passes_500_lines_unless_it_says_why() -> None:
    long = []
    for path in sorted((ROOT / "kg").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines <= LIMIT:
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if not re.search(r"longer than 500 lines because", docstring):
            long.append(f"{path.relative_to(ROOT)} ({lines} lines)")
    assert not long, f"split these, or say in the module docstring why not: {long}"


def test_the_architecture_page_names_every_package_and_module_at_the_top() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rooms = [p for p in (ROOT / "kg").iterdir() if p.name != "__init__.py"]
    rooms = [p for p in rooms if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"]
    missing = []
    for room in rooms:
        name = f"kg/{room.name}/" if room.is_dir() else f"kg/{room.name}"
        if f"`{name}`" not in page:
            missing.append(name)
    assert not missing, f"docs/architecture.md does not say what these hold: {missing}"


def test_the_import_layers_name_every_package() -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    layers = re.search(r"layers = \[(.*?)\]", config, re.DOTALL)
    assert layers is not None
    named = set(re.findall(r"kg\.(\w+)", layers.group(1)))
    packages = {p.stem for p in (ROOT / "kg").iterdir() if p.name != "__init__.py"}
    packages = {p for p in packages if not p.startswith("__")}
    assert packages <= named, f"not placed in a layer: {sorted(packages - named)}"
