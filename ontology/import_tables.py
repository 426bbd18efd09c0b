"""Generate ontology/catalog/officeholders.tsv and state_codes.tsv from open Wikidata-derived tables.

    python ontology/import_tables.py --tables ../shared/data/catalog [--extra DIR]

A development step, run by hand when the tables change; its output is committed and read by
build_entities.py, which never reads the tables. Only the standard library. Every output row names its
source (a code of SOURCES below), so every Wikidata id in the catalog can be traced to a public file that
pairs it with the person and the office.

What each table gives:
  wl2021   heads of state and government of every state, office and holder ids, start/end years (2022-10)
  fm2023   foreign ministers with ids and start dates (2023-01)
  wlc2026  current heads of state and government of 30 entities with ids and start dates (2026-08)
  cc       ISO codes, Wikidata ids and the UN's Arabic short and formal names of every state
Known errors in the sources are corrected in FIXES (each with its reason), never silently.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATALOG = HERE / "catalog"

SOURCES = {
    "wl2021": "every-politician-scrapers/world-leaders-2021 data/wikidata.csv (Wikidata query output, CC0)",
    "fm2023": "every-politician-scrapers/world sources/foreign/wikidata.csv (Wikidata query output, CC0)",
    "wlc2026": "open-data-archive/world-leaders-current data/countries/*/ (Wikipedia+Wikidata, CC BY-SA 4.0)",
    "cc": "datasets/country-codes data/country-codes.csv (ODC-PDDL)",
}

# (source, person id as given) -> corrected id or None (drop the row), with the reason
FIXES = {
    ("wlc2026", "Q57641"): (None, "given for Ursula von der Leyen; Q57641 is Viktor Orbán"),
}
# a state the tables give under another item than the catalog's: the constituent country is the one news names
STATE_ALIASES = {"Q29999": "Q55",  # Kingdom of the Netherlands -> Netherlands
                 "Q756617": "Q35"}  # Kingdom of Denmark -> Denmark
# wlc2026 lists the Saudi crown prince as head of state; the king is (wl2021 agrees)
WLC_SKIP = {("SA", "head_of_state", "Q6892571")}

# office label -> role; checked in order, the first match wins; None = not an office we model
HEAD_OF_GOVERNMENT = re.compile(r"prime minister|premier|chancellor|taoiseach|chief minister|chairman of the council of ministers"
                                r"|head of government|president of the government|chief executive", re.I)
NOT_HEAD = re.compile(r"governor-general|governor general", re.I)


# (state, office label) whose role the label does not tell: Iran's president heads the government; the
# Supreme Leader is head of state (Wikidata P35/P6)
ROLE_OVERRIDES = {("Q794", "president"): "HeadOfGovernment", ("Q794", "president of iran"): "HeadOfGovernment",
                  # Pakistan's and India's foreign secretary is the ministry's civil servant, not its minister
                  ("Q843", "foreign secretary"): None, ("Q668", "foreign secretary"): None}


def role_for(state: str, label: str, default: str | None) -> str | None:
    return ROLE_OVERRIDES.get((state, label.strip().lower()), default)


def role_of_office(label: str) -> str | None:
    if NOT_HEAD.search(label):
        return None  # a monarch's representative, not the head of state
    return "HeadOfGovernment" if HEAD_OF_GOVERNMENT.search(label) else "HeadOfState"


def _qid(value: str) -> str:
    m = re.search(r"Q\d+", value or "")
    return m.group(0) if m else ""


# ISO 3166 "VA" and the UN's observer state are the Holy See (Q159583, fm2023's jurisdiction of its foreign
# minister), not Vatican City (Q237), which the country-codes table gives
CC_FIXES = {"VA": "Q159583"}


def read_country_codes(path: Path) -> tuple[list[dict], dict[str, str]]:
    rows, by_iso2 = [], {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            iso2 = r.get("ISO3166-1-Alpha-2", "")
            qid = CC_FIXES.get(iso2) or _qid(r.get("wikidata_id", ""))
            if not qid:
                continue
            rows.append({"qid": qid, "iso2": iso2, "iso3": r.get("ISO3166-1-Alpha-3", ""),
                         "m49": r.get("M49", ""), "en": r.get("UNTERM English Short") or r.get("official_name_en", ""),
                         "ar_short": (r.get("UNTERM Arabic Short") or "").strip(),
                         "ar_formal": (r.get("UNTERM Arabic Formal") or r.get("official_name_ar") or "").strip(),
                         "source": "cc"})
            if iso2:
                by_iso2[iso2] = qid
    return rows, by_iso2


def read_world_leaders(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            person, state = _qid(r["officeholder"]), _qid(r["countryid"])
            role = role_for(state, r["positionLabel"], role_of_office(r["positionLabel"]))
            if not person or not state or role is None:
                continue
            out.append({"person": person, "en": r["officeholderLabel"], "role": role, "state": state,
                        "start": r["start_year"], "end": r["end_year"], "office": _qid(r["position"]),
                        "office_en": r["positionLabel"], "source": "wl2021"})
    return out


def read_foreign_ministers(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            person, state = _qid(r["person"]), _qid(r["country"])
            if not person or not state:
                continue
            out.append({"person": person, "en": r["name"], "role": "ForeignMinister", "state": state,
                        "start": (r["start"] or "")[:10], "end": "", "office": _qid(r["position"]),
                        "office_en": r["positionLabel"], "source": "fm2023"})
    return out


def read_current_leaders(folder: Path, by_iso2: dict[str, str]) -> list[dict]:
    out = []
    for path in sorted(folder.glob("*-current.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso2 = d["country"]["iso_code"]
        state = by_iso2.get(iso2)
        if state is None:
            continue  # the EU and the AU are organisations: their heads are curated in people.tsv
        for key, role in (("head_of_state", "HeadOfState"), ("head_of_government", "HeadOfGovernment")):
            pos = d["positions"].get(key) or {}
            h = pos.get("current_holder") or {}
            person = h.get("wikidata_id") or ""
            if not person or (iso2, key, person) in WLC_SKIP:
                continue
            out.append({"person": person, "en": h.get("name_en", ""), "role": role, "state": state,
                        "start": h.get("since") or "", "end": "", "office": "", "office_en": pos.get("title_en", ""),
                        "source": "wlc2026"})
    return out


# holders21.csv position labels (each repo is one jurisdiction) -> role; other posts are not modelled
POSITION_ROLES = [
    (re.compile(r"^(president|king|queen|emir|sultan|supreme leader|monarch|grand duke|captain regent|co-prince"
                r"|chairman of the presidency|chairman of the (transitional military|sovereignty|presidential) council)$", re.I), "HeadOfState"),
    (re.compile(r"^(prime minister|premier|chancellor|federal chancellor|taoiseach|chairman of the council of ministers)$", re.I), "HeadOfGovernment"),
    (re.compile(r"^crown prince$", re.I), "CrownPrince"),
    (re.compile(r"^vice[- ]president$", re.I), "VicePresident"),
    (re.compile(r"^(minister (of|for) (the )?(foreign|external) (affairs|relations)\b.*|minister (of|for) (europe|european affairs) and foreign affairs"
                r"|minister (of|for) foreign and \w+ affairs|minister (of|for) international relations( and cooperation)?"
                r"|secretary (of|for) foreign (affairs|relations)|foreign minister|secretary of state|foreign secretary|secretary of state for foreign.*)$", re.I), "ForeignMinister"),
    (re.compile(r"^(minister (of|for) (national )?defen[cs]e( and .*)?|secretary (of|for) (national )?defen[cs]e|defence secretary|secretary of state for defence)$", re.I), "DefenceMinister"),
    (re.compile(r"^government spokesperson$", re.I), "Spokesperson"),
    (re.compile(r"^(deputy prime minister|first deputy prime minister|minister (of|for) .*|minister without portfolio|secretary of (the )?(treasury|commerce|energy|homeland security|the interior))$", re.I), "Minister"),
]


# "President of Montenegro" is its head of state, "President of the Parliament" is not
_OF_STATE = re.compile(r"^(.*) of (?!the )(.+)$", re.I)
_NOT_STATE = re.compile(r"parliament|assembly|court|senate|council|house|chamber|bank|commission|federation|republika|"
                        r"province|region|district|city|party|committee|academy|university|kurdistan|srpska|autonomous", re.I)


def role_of_position(label: str) -> str | None:
    label = re.sub(r"^(federal|union|cabinet|state) (?=minister|secretary)", "", label.strip(), flags=re.I)  # Federal Minister of ...
    inner = re.fullmatch(r".*\((.+)\)\s*", label)  # Beretitenti (President): the English in brackets
    for form in ([inner.group(1)] if inner else []) + [label]:
        m = _OF_STATE.match(form)
        if m and _NOT_STATE.search(m.group(2)):
            continue  # an office of a parliament, a court, a region: not of the state
        for f in ([m.group(1)] if m else []) + [form]:  # Minister of Foreign Affairs of Guinea: the office first
            role = next((role for rx, role in POSITION_ROLES if rx.match(f.strip())), None)
            if role is not None:
                return role
    return None


# a repository whose meta.json names no jurisdiction (a placeholder): the state its holders21.csv is about
JURISDICTION_FIXES = {"madagascar-ministers": "Q1019"}
# international posts in the `world` repository (it has no jurisdiction): position label -> organisation id
ORG_POSITIONS = {"secretary-general of the united nations": "Q1065",
                 "director-general of the world trade organization": "Q7825"}


def read_holders(repo_dir: Path, source: str) -> list[dict]:
    """One every-politician-scrapers repo: meta.json names the state (none for `world`: its posts are
    international, ORG_POSITIONS), html/holders21.csv the holders."""
    meta_file = repo_dir / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    state = _qid((meta.get("jurisdiction") or {}).get("id", ""))
    state = JURISDICTION_FIXES.get(repo_dir.name.split("+", 1)[-1], state)
    path = repo_dir / "html" / "holders21.csv"
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            person = _qid(r.get("personID", ""))
            label = r.get("position", "").strip()
            if not state:
                org = ORG_POSITIONS.get(label.lower())
                if person and org:
                    out.append({"person": person, "en": r.get("person", ""), "role": "OrganizationHead", "state": org,
                                "start": (r.get("start") or "")[:10], "end": (r.get("end") or "")[:10], "office": "",
                                "office_en": label, "source": source})
                continue
            role = role_for(state, label, role_of_position(label))
            if not person or role is None:
                continue
            out.append({"person": person, "en": r.get("person", ""), "role": role, "state": state,
                        "start": (r.get("start") or "")[:10], "end": (r.get("end") or "")[:10], "office": "",
                        "office_en": r["position"], "source": source})
    return out


def extra_sources(folder: Path) -> tuple[list[dict], dict[str, str]]:
    """Every `<owner>+<repo>` folder under `folder` (copied byte for byte from public repositories; their
    commits in SOURCES.md there) -> rows, and a legend entry per repository."""
    commits = {}
    listing = folder / "SOURCES.md"
    if listing.exists():
        for line in listing.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) >= 3 and cells[1] == "html/holders21.csv":
                commits[cells[0]] = cells[2]
    rows, legend = [], {}
    for repo_dir in sorted(p for p in folder.iterdir() if p.is_dir() and "+" in p.name):
        repo = repo_dir.name.replace("+", "/", 1)
        code = "eps:" + repo.split("/", 1)[1]
        got = read_holders(repo_dir, code)
        if got:
            rows += got
            legend[code] = f"{repo} html/holders21.csv @ {commits.get(repo, '?')} (Wikidata query output, CC0)"
    return rows, legend


def apply_fixes(rows: list[dict]) -> list[dict]:
    out = []
    for r in rows:
        r = {**r, "state": STATE_ALIASES.get(r["state"], r["state"])}
        fix = FIXES.get((r["source"], r["person"]))
        if fix is not None:
            if fix[0] is None:
                continue
            r = {**r, "person": fix[0]}
        out.append(r)
    return out


def merge(rows: list[dict]) -> list[dict]:
    """One row per (person, role, state, start year): the most precise start of any table; the latest end,
    or none where a table lists the term as still open (a repository may give one term as several rows with
    one start: 2013-12-05 .. 2018, .. 2022, and open). An open term ends later where the next holder begins
    (build_entities.close_open_terms)."""
    best: dict[tuple, dict] = {}
    for r in rows:
        key = (r["person"], r["role"], r["state"], r["start"][:4])
        old = best.get(key)
        if old is None:
            best[key] = dict(r)
            continue
        if len(r["start"]) > len(old["start"]):
            old["start"] = r["start"]
        if r["source"] not in old["source"].split("+"):
            old["source"] += "+" + r["source"]
        old["end"] = "" if not (r["end"] and old["end"]) else max(r["end"], old["end"])
        old["office"] = old["office"] or r["office"]

    def sound(r: dict) -> bool:  # a row (or a merge of two) that ends before it starts is a source error
        n = min(len(r["start"]), len(r["end"]))
        return not r["end"] or r["end"][:n] >= r["start"][:n]
    return sorted(filter(sound, best.values()), key=lambda r: (r["state"], r["role"], r["start"], r["person"]))


def write_tsv(path: Path, header: str, cols: list[str], rows: list[dict]) -> None:
    lines = [header.rstrip("\n"), "# " + "\t".join(cols)]
    lines += ["\t".join(str(r.get(c, "") or "") for c in cols) for r in rows]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tables", required=True, help="the folder of the open tables (../shared/data/catalog)")
    p.add_argument("--extra", default=None,
                   help="a folder of further public files: <owner>+<repo>/ copies of every-politician-scrapers "
                        "country repositories (meta.json + html/holders21.csv) and a SOURCES.md with their commits")
    args = p.parse_args(argv)
    t = Path(args.tables)
    states, by_iso2 = read_country_codes(t / "country-codes" / "country-codes.csv")
    rows = (read_world_leaders(t / "world-leaders-2021" / "wikidata.csv")
            + read_foreign_ministers(t / "foreign-ministers-2023" / "wikidata.csv")
            + read_current_leaders(t / "world-leaders-current-2026", by_iso2))
    sources = dict(SOURCES)
    if args.extra:
        more, legend_more = extra_sources(Path(args.extra))
        rows += more
        sources.update(legend_more)
    rows = merge(apply_fixes(rows))
    legend = "\n".join(f"#   {k}: {v}" for k, v in sources.items())
    write_tsv(CATALOG / "officeholders.tsv",
              "# GENERATED by ontology/import_tables.py: do not edit; curate people.tsv instead.\n"
              "# Office holders with Wikidata ids. start/end: YYYY or YYYY-MM-DD (end empty: in office at the\n"
              "# table's date). source codes:\n" + legend,
              ["person", "en", "role", "state", "start", "end", "office", "office_en", "source"], rows)
    write_tsv(CATALOG / "state_codes.tsv",
              "# GENERATED by ontology/import_tables.py: ISO codes and the UN's Arabic names of each state.\n" + legend,
              ["qid", "iso2", "iso3", "m49", "en", "ar_short", "ar_formal", "source"], states)
    print(f"officeholders.tsv: {len(rows)} tenures of {len({r['person'] for r in rows})} people; "
          f"state_codes.tsv: {len(states)} states")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
