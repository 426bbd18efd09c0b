"""A pair's timeline: "Russia – North Korea", events per month stacked by type, as a table and a static chart.

``pair_timeline`` reads the library's ``ties`` query (every event or agreement that involves both states
or persons) into a pandas table of ``month, type, n``; ``plot_pair_timeline`` draws it with matplotlib on
a true time axis (empty months are empty, not skipped), and ``write_pair_timeline`` writes the chart as
SVG or PNG for a report (``kg viz OUT --view timeline --pair Q159,Q423``).  An event dated by its year
only is spread over that year's twelve months (1/12 each), as the ties page's time bar does, so that the
bars add up to the number of events.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

from .errors import KgError
from .ties import EDGE_COLORS, month_span

__all__ = ["pair_timeline", "plot_pair_timeline", "write_pair_timeline", "parse_pair"]

_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf"}


def parse_pair(text: str | None, store=None) -> tuple[str, str]:
    """``"Q159,Q423"`` (ids, IRIs or names) -> two entity IRIs."""
    from .ties import parse_states

    tokens = [t for t in (text or "").split(",") if t.strip()]
    if len(tokens) != 2:
        raise KgError(f"--pair {text!r}: give two entities, e.g. --pair Q159,Q423")
    (a,), (b,) = (parse_states(t, store) for t in tokens)
    if a == b:
        raise KgError(f"--pair {text!r}: the two entities are the same")
    return a, b


def _label(store, iri: str) -> str:
    from .store import run_query

    _, rows = run_query(store, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?x rdfs:label ?l "
                               'FILTER(lang(?l) = "en") }', {"x": iri})
    return min((r[0] for r in rows), default=iri.rsplit("/", 1)[-1])


def pair_timeline(source, a: str, b: str):
    """Events per month and type that involve both ``a`` and ``b`` (ids, IRIs or names): a DataFrame with
    ``month`` (a pandas Period), ``type`` and ``n`` (a float: year-only dates spread over their months);
    ``.attrs`` holds the pair's English ``labels`` and the count of ``undated`` events left out."""
    import pandas as pd

    from .api import run, store_of

    store = store_of(source)
    a_iri, b_iri = parse_pair(f"{a},{b}", store)
    cols, rows = run(store, "ties", {"a": a_iri, "b": b_iri})
    date, kind = cols.index("date"), cols.index("kind")
    counts: dict[tuple[int, str], float] = {}
    undated = 0
    for r in rows:
        span = month_span(r[date])
        if span is None:
            undated += 1
            continue
        share = 1 / (span[1] - span[0] + 1)
        for m in range(span[0], span[1] + 1):
            counts[m, r[kind]] = counts.get((m, r[kind]), 0.0) + share
    df = pd.DataFrame([(pd.Period(year=m // 12, month=m % 12 + 1, freq="M"), t, n)
                       for (m, t), n in sorted(counts.items())], columns=["month", "type", "n"])
    df.attrs.update(labels=(_label(store, a_iri), _label(store, b_iri)), undated=undated)
    return df


def bulk(weights: dict[int, float], share: float = 0.85) -> tuple[int, int] | None:
    """The shortest span of months holding ``share`` of the events (month -> count), if it is under half
    of their whole span: a few old events would squeeze the rest into a corner. None: the whole reads well."""
    months = sorted(m for m, w in weights.items() if w > 0)
    if not months:
        return None
    total, best = sum(weights[m] for m in months), None
    j, acc = 0, 0.0
    for i, lo in enumerate(months):            # two pointers: the shortest [lo, hi] with enough weight
        while j < len(months) and acc < share * total - 1e-9:
            acc += weights[months[j]]
            j += 1
        if acc < share * total - 1e-9:
            break
        if best is None or months[j - 1] - lo < best[1] - best[0]:
            best = (lo, months[j - 1])
        acc -= weights[lo]
    return best if best and best[1] + 1 - best[0] < 0.5 * (months[-1] + 1 - months[0]) else None


def plot_pair_timeline(df, title: str | None = None, ax=None, whole: bool = False):
    """Stacked bars of ``df`` (from :func:`pair_timeline`) per month on a time axis; returns the figure.
    Unless ``whole``, the axis covers the bulk of the events (:func:`bulk`; the title counts the rest)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd

    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 3.2))
    else:
        fig = ax.figure
    labels = df.attrs.get("labels")
    title = title or (f"{labels[0]} – {labels[1]}: events per month by type" if labels else "events per month")
    keys = [p.year * 12 + p.month - 1 for p in df["month"]] if len(df) else []
    weights: dict[int, float] = {}
    for k, n in zip(keys, df["n"]):
        weights[k] = weights.get(k, 0.0) + n
    span = None if whole else bulk(weights)
    if span:
        inside = [span[0] <= k <= span[1] for k in keys]
        left = {"earlier": round(float(df["n"][[k < span[0] for k in keys]].sum())),
                "later": round(float(df["n"][[k > span[1] for k in keys]].sum()))}
        df = df[inside]
    else:
        left = {}
    left["undated"] = df.attrs.get("undated") or 0
    untold = [f"{n} {w}" for w, n in left.items() if n]
    if untold:
        title += f" ({' and '.join(untold)} not shown)"
    if df.empty:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
    else:
        table = df.pivot_table(index="month", columns="type", values="n", aggfunc="sum", fill_value=0)
        starts = [p.to_timestamp() for p in table.index]
        bottom = pd.Series(0.0, index=table.index)
        for t in table.columns:
            ax.bar(starts, table[t], width=26, bottom=bottom, align="edge", label=t,
                   color=EDGE_COLORS.get(t, "#9c9c9c"), edgecolor="white", linewidth=0.3)
            bottom += table[t]
        ax.xaxis.set_major_locator(mdates.AutoDateLocator())
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        ax.legend(fontsize="small", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    ax.set_title(title, fontsize=11)
    ax.set_ylabel("events")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def write_pair_timeline(store, a: str, b: str, path: str | os.PathLike) -> dict:
    """Write the chart as SVG, PNG or PDF (by the file's suffix), atomically; returns its counts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .viz import _atomic_write

    path = Path(os.fspath(path))
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KgError(f"{path}: the timeline is written as .svg, .png or .pdf")
    df = pair_timeline(store, a, b)
    buf = io.BytesIO()
    # no date in the metadata and ids from a fixed salt: the same build writes the same file
    with matplotlib.rc_context({"svg.hashsalt": "kg"}):
        fig = plot_pair_timeline(df)
        fig.savefig(buf, format=fmt, dpi=150, metadata={"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt))
    plt.close(fig)
    _atomic_write(path, buf.getvalue())
    return {"months": int(df["month"].nunique()) if len(df) else 0, "events": round(float(df["n"].sum())),
            "undated": df.attrs["undated"], "labels": df.attrs["labels"], "bytes": len(buf.getvalue())}
