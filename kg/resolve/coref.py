"""Within one article: short and titled forms of a name point at the full name.

"Zhang" (from "Konjen Zhang") and "Andi Baso" resolve to "Zhang Min" and "Andi Baso Rahman"
when those full names appear in the same article: a short form resolves to a longer name
that contains all of its words. When several longer names fit, the one mentioned last before
the short form wins, else the most frequent.

>>> resolve_names(["Zhang Min", "Amsakar Achmad", "Zhang", "Amsakar"])["Zhang"]
'Zhang Min'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.resolve.names import name_tokens

__all__ = ["resolve_names"]


def resolve_names(names: Sequence[str]) -> dict[str, str]:
    """Map every name in ``names`` (in text order) to its canonical full name.

    >>> resolve_names(["Amsakar Achmad", "Zhang Min", "Amsakar"])["Amsakar"]
    'Amsakar Achmad'
    """
    tokens = {n: name_tokens(n) for n in names}
    counts = Counter(names)
    distinct = list(dict.fromkeys(names))
    result: dict[str, str] = {}
    for pos, name in enumerate(names):
        if name in result:
            continue
        own = set(tokens[name])
        if not own:
            result[name] = name
            continue
        longer = [
            other
            for other in distinct
            if other != name
            and len(tokens[other]) > len(tokens[name])
            and own <= set(tokens[other])
        ]
        if not longer:
            result[name] = name
            continue
        # keep only the longest forms: "Andi Baso" and "Andi Baso Rahman" -> the latter
        longer = [
            o for o in longer if not any(set(tokens[o]) < set(tokens[p]) for p in longer if p != o)
        ]
        before = [n for n in names[:pos] if n in longer]
        if before:
            result[name] = before[-1]
        else:
            result[name] = max(longer, key=lambda o: (counts[o], -names.index(o)))
    return result
