"""kg.pair_timeline: a pair's events per month by type, as a table and a static chart (SVG/PNG)."""

from __future__ import annotations

import pytest

from kg.api import run
from kg.errors import KgError
from kg.pair_timeline import bulk, pair_timeline, parse_pair, plot_pair_timeline, write_pair_timeline
from kg.store import open_store

from .test_ties import ties_build  # noqa: F401  (the fixture: four articles over five years)


def test_pair_timeline_counts_the_ties_query(ties_build):  # noqa: F811
    df = pair_timeline(ties_build, "Q159", "Q423")
    assert df.attrs["labels"] == ("Russia", "North Korea")
    assert {str(m) for m in df["month"]} == {"2019-04", "2023-09", "2024-06"}
    cols, rows = run(ties_build, "ties", {"a": "Q159", "b": "Q423"})
    dated = [r for r in rows if r[cols.index("date")]]
    assert df["n"].sum() == pytest.approx(len(dated)) and df.attrs["undated"] == len(rows) - len(dated)
    assert set(df["type"]) == {r[cols.index("kind")] for r in dated}
    # by name as well as by id, and the same either way round
    assert pair_timeline(ties_build, "روسيا", "North Korea").equals(df)
    assert pair_timeline(ties_build, "Q423", "Q159")["n"].sum() == df["n"].sum()


def test_bulk_skips_a_few_old_events_only():
    k = lambda y, m=1: y * 12 + m - 1  # noqa: E731
    recent = {k(2024, m): 3.0 for m in range(1, 13)}
    lo, hi = bulk({**recent, k(1959): 1.0})                                # one old event: the bulk, in 2024
    assert k(2024, 1) <= lo <= hi <= k(2024, 12) and (hi - lo + 1) * 3 >= 0.85 * 37
    assert bulk(recent) is None                                            # nothing to skip
    assert bulk({k(2000): 5.0, k(2024): 5.0}) is None                       # two halves: the whole axis
    assert bulk({}) is None


def test_write_pair_timeline_svg_png_and_errors(ties_build, tmp_path):  # noqa: F811
    store = open_store(ties_build)
    svg = tmp_path / "t.svg"
    res = write_pair_timeline(store, "Q159", "Q423", svg)
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "Russia – North Korea" in text
    df = pair_timeline(store, "Q159", "Q423")
    assert res["events"] == round(df["n"].sum()) >= 3 and res["months"] == 3 and res["bytes"] == len(svg.read_bytes())
    again = tmp_path / "again.svg"
    write_pair_timeline(store, "Q159", "Q423", again)
    assert again.read_bytes() == svg.read_bytes()                          # the same build, the same file
    png = tmp_path / "t.png"
    write_pair_timeline(store, "Q159", "Q423", png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(KgError, match="svg, .png or .pdf"):
        write_pair_timeline(store, "Q159", "Q423", tmp_path / "t.txt")
    for bad in ("Q159", "Q159,Q159", "Q159,Atlantis", ""):
        with pytest.raises(KgError):
            parse_pair(bad, store)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.svg", "t.png", "t.svg"]


def test_plot_of_no_dated_events(ties_build):  # noqa: F811
    df = pair_timeline(ties_build, "Q148", "Q423")                         # China and North Korea: nothing
    assert df.empty
    fig = plot_pair_timeline(df)
    assert "no dated events" in [t.get_text() for t in fig.axes[0].texts]


def test_cli_timeline_view(ties_build, tmp_path, capsys):  # noqa: F811
    from kg.cli import main

    assert main(["viz", str(ties_build), "--view", "timeline", "--pair", "Q159,Q423"]) == 0
    out = ties_build / "timeline-Q159-Q423.svg"
    n = round(pair_timeline(ties_build, "Q159", "Q423")["n"].sum())
    assert out.is_file() and f"Russia – North Korea, {n} dated events over 3 months" in capsys.readouterr().out
    assert main(["viz", str(ties_build), "--view", "timeline", "--pair", "Q159,Q423", "-o", str(tmp_path / "p.png")]) == 0
    assert main(["viz", str(ties_build), "--view", "timeline"]) == 2                       # no pair
    assert main(["viz", str(ties_build), "--view", "ties", "--pair", "Q159,Q423"]) == 2    # not the ties view
    assert "--pair applies to --view timeline only" in capsys.readouterr().err
