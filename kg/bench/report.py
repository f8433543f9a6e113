"""The results document as Markdown: the tables of ``docs/performance.md`` and the summary."""

from __future__ import annotations

from typing import Any

__all__ = ["markdown"]


def _ms(value: Any) -> str:
    return "–" if value is None else f"{value:,.1f}"


def _ratio(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict):
        return f"≥ {value['at_least']:,}×"
    return f"{value:,.0f}×" if value >= 10 else f"{value:,.1f}×"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def markdown(results: dict[str, Any]) -> str:
    """Tables of every phase, each figure beside its baseline from the same run."""
    m = results["machine"]
    p = results["phases"]
    lines = [
        f"Run {results['started']} → {results.get('finished', '?')} on {m['cores']} cores, "
        f"{m['memory_gib']} GiB ({m['cpu']}; {m['os']}); Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + f". Load average at start {m['load_average_at_start']}, "
        f"at end {m.get('load_average_at_end', '?')}.",
        "",
    ]
    if "corpus" in p:
        c = p["corpus"]
        lines += [
            f"Corpus: {c['articles']:,} synthetic articles (seed {c['seed']}, "
            f"{c['bytes'] / c['articles'] / 1024:.1f} KiB per JSON record), generated in "
            f"{c['seconds']} s.",
            "",
        ]
    if "extract" in p:
        e = p["extract"]
        one, pool = e["one_process"], e["pool"]
        lines += ["### Extraction", ""]
        lines += _table(
            ["run", "articles", "seconds", "articles/s", "per core", "peak RSS (MB)"],
            [
                [
                    "one process",
                    str(one["articles"]),
                    str(one["seconds"]),
                    str(one["articles_per_s"]),
                    str(one["articles_per_s"]),
                    str(e["peak_rss_mb"]),
                ],
                [
                    f"pool of {pool['workers']}",
                    str(pool["articles"]),
                    str(pool["seconds"]),
                    str(pool["articles_per_s"]),
                    str(pool["articles_per_s_per_core"]),
                    f"{e.get('peak_rss_workers_mb', '–')} per worker",
                ],
            ],
        )
        if one.get("stage_seconds"):  # per extraction stage (kg.extract.pipeline.STAGES)
            stages = ", ".join(f"{k} {v:g}" for k, v in one["stage_seconds"].items())
            lines += ["", f"Seconds per stage, one process: {stages}."]
        acc = e["accuracy"]
        lines += ["", f"Accuracy on {acc['articles']:,} articles against their expected facts:", ""]
        lines += _table(
            ["category", "P", "R", "F1"],
            [
                [name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}"]
                for name, s in [*acc["categories"].items(), ("micro", acc["micro"])]
            ],
        )
        lines.append("")
    rows = []
    for key in ("ingest_oxigraph", "ingest_rdflib"):
        if key in p:
            i = p[key]
            rows.append(
                [
                    "Oxigraph (embedded, on disk)" if i["store"] == "oxigraph" else "rdflib Memory",
                    f"{i['articles']:,}",
                    f"{i['triples']:,}",
                    str(i["seconds"]),
                    str(i["articles_per_s"]),
                    f"{i['triples_per_s']:,}",
                    str(i["peak_rss_mb"]),
                ]
            )
    if rows:
        lines += ["### Ingest (extract + store, one writer)", ""]
        lines += _table(
            ["store", "articles", "triples", "seconds", "articles/s", "triples/s", "peak RSS (MB)"],
            rows,
        )
        lines.append("")
    growth = p.get("queries", {})
    if growth:
        lines += ["### Competency queries (ms; rdflib ratio = rdflib p50 / Oxigraph p50)", ""]
        for entry in growth.values():
            ox = entry["oxigraph"]
            base = entry.get("rdflib", {}).get("queries", {})
            ratio = entry.get("ratio", {})
            lines += [
                f"**{ox['quads']:,} quads** ({ox['article_graphs']:,} articles; bulk load "
                f"{ox['load_seconds']} s, peak RSS {ox['peak_rss_mb']} MB"
                + (
                    f"; rdflib load {entry['rdflib']['load_seconds']} s, "
                    f"peak RSS {entry['rdflib']['peak_rss_mb']} MB"
                    if "rdflib" in entry
                    else ""
                )
                + ")",
                "",
            ]
            lines += _table(
                ["query", "rows", "Oxigraph p50", "Oxigraph p95", "rdflib p50", "ratio"],
                [
                    [
                        name,
                        str(q["rows"]),
                        _ms(q["p50_ms"]),
                        _ms(q["p95_ms"]),
                        f"> {base[name]['capped_at_s']:g} s"
                        if base.get(name, {}).get("capped_at_s")
                        else _ms(base.get(name, {}).get("p50_ms")),
                        _ratio(ratio.get(name)),
                    ]
                    for name, q in ox["queries"].items()
                ],
            )
            lines.append("")
        names = list(next(iter(growth.values()))["oxigraph"]["queries"])
        lines += ["Growth of Oxigraph p95 (ms) with the store:", ""]
        lines += _table(
            ["query", *[f"{int(s):,}" for s in growth]],
            [
                [n, *[_ms(e["oxigraph"]["queries"][n]["p95_ms"]) for e in growth.values()]]
                for n in names
            ],
        )
        lines.append("")
    if "api" in p:
        a = p["api"]
        lines += [f"### API under load ({a['load_generator']} client, 127.0.0.1)", ""]
        lines += _table(
            ["endpoint", "clients", "seconds", "requests", "errors", "req/s", "p50 ms", "p95 ms"],
            [
                [
                    name,
                    str(r["concurrency"]),
                    str(r["seconds"]),
                    str(r["requests"]),
                    str(r["errors"]),
                    str(r["requests_per_s"]),
                    _ms(r["p50_ms"]),
                    _ms(r["p95_ms"]),
                ]
                for name, r in a["endpoints"].items()
            ],
        )
        lines += ["", f"Server peak RSS {a.get('server_peak_rss_mb')} MB.", ""]
    if "served" in p:
        lines += _served(p["served"])
    if results.get("targets"):
        lines += ["### Targets (ratio = measured / target)", ""]
        lines += _table(
            ["target", "measured", "goal", "ratio", "met"],
            [
                [
                    name,
                    str(t["value"]),
                    t.get("target", ""),
                    "–" if t.get("ratio") is None else f"{t['ratio']:,.2f}",
                    "yes" if t["met"] else "**no**",
                ]
                for name, t in results["targets"].items()
            ],
        )
        lines.append("")
    return "\n".join(lines)


def _failed(figures: dict[str, Any]) -> str:
    return f"no answer ({figures['error']})"


def _served(s: dict[str, Any]) -> list[str]:
    """The issue 11 figures: examples through /sparql, the busiest entity, edits."""
    top = s["most_cited"]
    lines = [
        "### The full store through the server (issue 11)",
        "",
        f"{s['quads']:,} quads. Most cited node: `{top['node']}`, typed in "
        f"{top['articles']:,} article graphs.",
        "",
    ]
    rows = []
    for name, q in s["queries"].items():
        if "p95_ms" not in q:
            rows.append([name, "–", "–", "–", "–", _failed(q)])
            continue
        ratio = f"{q['p95_ms'] / 100:,.2f}"
        rows.append(
            [
                name,
                str(q.get("rows", "–")),
                _ms(q["first_ms"]),
                _ms(q["p50_ms"]),
                _ms(q["p95_ms"]),
                ratio + (f"; then {q['error']}" if "error" in q else ""),
            ]
        )
    lines += ["Example queries through `/sparql` (ms; target p95 ≤ 100 ms):", ""]
    lines += _table(["query", "rows", "first", "p50", "p95", "p95 / target"], rows)
    page, near, edits = s["entity_page"], s["neighbors"], s["edits"]
    lines += ["", "Pages and edits:", ""]
    rows = [
        [
            f"`GET {page['path']}`",
            _failed(page)
            if "p95_ms" not in page
            else f"p50 {_ms(page['p50_ms'])} ms, p95 {_ms(page['p95_ms'])} ms, "
            f"{page['bytes'] / 1000:,.1f} KB (first {_ms(page['first_ms'])} ms)",
            "≤ 100 ms, ≤ 200 KB",
        ],
        [
            f"`GET {near['path']}`, {near.get('concurrency', '?')} clients",
            _failed(near)
            if "p95_ms" not in near
            else f"p50 {_ms(near['p50_ms'])} ms, p95 {_ms(near['p95_ms'])} ms, "
            f"{near['requests_per_s']} req/s, {near['errors']} errors",
            "p95 ≤ 50 ms",
        ],
    ]
    for kind in ("replace", "delete"):
        e = edits[kind]
        part = e.get("extraction_alone")
        rows.append(
            [
                f"{kind} one article (KnowledgeGraph, {e['runs']} runs)",
                f"p50 {_ms(e['p50_ms'])} ms, max {_ms(e['max_ms'])} ms"
                + (f" (extraction alone: p50 {_ms(part['p50_ms'])} ms)" if part else ""),
                "≤ 50 ms",
            ]
        )
    lines += _table(["what", "measured", "target"], rows)
    server = s.get("server", {})
    if server:
        lines += [
            "",
            f"Server peak RSS {server['peak_rss_mb']:,} MB (the bench stops it past "
            f"{server['memory_limit_mb']:,} MB)"
            + (f"; **{server['stopped']}**." if server.get("stopped") else "."),
        ]
    lines.append("")
    return lines
