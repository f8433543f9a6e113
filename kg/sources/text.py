"""Plain text and Markdown articles, with optional front matter.

Front matter is a block of ``key: value`` lines between two ``---`` lines at the top::

    ---
    url: https://example.com/news/1
    published: 2025-04-22
    language: id
    ---
    Kota Batam kembali menarik perhatian ...
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["parse_front_matter", "strip_markdown"]

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split front matter from the body.

    >>> parse_front_matter("---\\ntitle: 'Batam'\\nlanguage: id\\n---\\nIsi berita")
    ({'title': 'Batam', 'language': 'id'}, 'Isi berita')
    >>> parse_front_matter("No front matter")
    ({}, 'No front matter')
    """
    match = _FRONT.match(text)
    if match is None:
        return {}, text
    meta: dict[str, Any] = {}
    for line in match.group(1).splitlines():
        found = _KEY.match(line.strip())
        if found:
            value = found.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            meta[found.group(1).lower()] = value
    return meta, text[match.end() :]


# Each scan stops at the next character that could start another match (a bracket, a
# star), so hostile input such as 80 kB of "[" or " *a" costs linear time, not minutes.
_MD_RULES = [
    (re.compile(r"^```.*?^```[ \t]*$", re.DOTALL | re.MULTILINE), ""),
    (re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\([^()\[\]]*\)"), r"\1"),
    (re.compile(r"^#{1,6}[ \t]+", re.MULTILINE), ""),
    (re.compile(r"^>[ \t]?", re.MULTILINE), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
]


def strip_markdown(text: str) -> str:
    """Reduce Markdown to the prose a reader sees.

    >>> strip_markdown("## Kunjungan\\n**Wali Kota** [Batam](https://x.id) hadir.")
    'Kunjungan\\nWali Kota Batam hadir.'
    """
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text
