"""Generate ontology/entities.ttl (the entity catalog, ABox) from the hand-edited tables in ontology/catalog/.

    python ontology/build_entities.py            # rewrite ontology/entities.ttl
    python ontology/build_entities.py --check    # exit 1 if entities.ttl is not up to date

No network, no third-party imports: the tables are the source of truth; entities.ttl is committed output.

Tables (tab-separated, UTF-8, '#' starts a comment line, '|' separates list items, '-' or empty = none):
  states.tsv  qid en ar ar_alts en_alts demonyms capital
  cities.tsv  id en ar ar_alts en_alts locatedIn capitalOf seatOfGovernmentOf
  places.tsv  id class en ar ar_alts en_alts locatedIn seatOfGovernmentOf
  orgs.tsv    id class en ar ar_alts en_alts [body_of]  (body_of: the state a government body, army or agency acts for)
  named_events.tsv  id en ar ar_alts en_alts       (wars, pandemics: kg:HistoricalEvent)
  people.tsv  id en ar ar_alts en_alts tenures
              tenures: ';'-separated  Role@STATE@start[@end]  (Role without the kg: prefix; dates YYYY-MM-DD)
An id is a Wikidata QID (Q123 -> kge:Q123 owl:sameAs wd:Q123) or a slug n-foo (kge:n-foo, no sameAs) where
no id could be verified.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATALOG = HERE / "catalog"
OUT = HERE / "entities.ttl"

PREFIXES = """@prefix kg:   <https://w3id.org/kg-arabic/ontology#> .
@prefix kge:  <https://w3id.org/kg-arabic/entity/> .
@prefix wd:   <http://www.wikidata.org/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""

ROLES = {"HeadOfState", "HeadOfGovernment", "ForeignMinister", "DefenceMinister", "Spokesperson"}
LEADER_ROLES = {"HeadOfState", "HeadOfGovernment"}
CLASSES = {"State", "City", "Place", "Person", "Organization", "NewsAgency", "Region", "SupranationalUnion",
           "HistoricalEvent"}

# Arabic harakat etc. are stripped from labels (kg.text.normalize drops them anyway); kept local so the
# generator has no import of the package.
_HARAKAT = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}


def _fold(s: str) -> str:
    table = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و"}
    return " ".join("".join(table.get(c, c) for c in s if c not in _HARAKAT).lower().split())


def read_table(name: str, ncols: int) -> list[list[str]]:
    rows = []
    path = CATALOG / name
    if not path.exists():
        return rows
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) > ncols:
            raise ValueError(f"{name}:{lineno}: {len(cols)} columns, expected {ncols}: {line!r}")
        cols += [""] * (ncols - len(cols))
        rows.append(cols)
    return rows


def items(cell: str) -> list[str]:
    if not cell or cell == "-":
        return []
    return [x.strip() for x in cell.split("|") if x.strip()]


def iri(ident: str) -> str:
    if ident.startswith("Q") and ident[1:].isdigit():
        return f"kge:{ident}"
    if ident.startswith("n-"):
        return f"kge:{ident}"
    raise ValueError(f"bad id {ident!r}")


def lit(text: str, lang: str | None = None) -> str:
    text = "".join(c for c in text if c not in _HARAKAT) if lang == "ar" else text
    esc = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{esc}"@{lang}' if lang else f'"{esc}"'


class Entity:
    def __init__(self, ident: str, cls: str, en: str, ar: str):
        if cls not in CLASSES:
            raise ValueError(f"{ident}: unknown class {cls}")
        self.id, self.cls, self.en, self.ar = ident, cls, en, ar
        self.ar_alts: list[str] = []
        self.en_alts: list[str] = []
        self.demonyms: list[str] = []
        self.props: list[tuple[str, str]] = []  # (predicate, object already in Turtle syntax)
        self.tenures: list[str] = []

    def add_alts(self, ar_alts: list[str], en_alts: list[str]) -> None:
        seen = {_fold(self.ar)} | {_fold(a) for a in self.ar_alts}
        for a in ar_alts:
            if _fold(a) not in seen:
                seen.add(_fold(a))
                self.ar_alts.append(a)
        seen_en = {self.en.lower()} | {e.lower() for e in self.en_alts}
        for e in en_alts:
            if e.lower() not in seen_en:
                seen_en.add(e.lower())
                self.en_alts.append(e)

    def turtle(self) -> str:
        lines = [f"{iri(self.id)} a kg:{self.cls} ;"]
        lines.append(f"    rdfs:label {lit(self.ar, 'ar')} , {lit(self.en, 'en')} ;")
        alts = [lit(a, "ar") for a in self.ar_alts] + [lit(e, "en") for e in self.en_alts]
        if alts:
            lines.append(f"    skos:altLabel {' , '.join(alts)} ;")
        if self.demonyms:
            lines.append(f"    kg:demonym {' , '.join(lit(d, 'ar') for d in self.demonyms)} ;")
        for p, o in self.props:
            lines.append(f"    {p} {o} ;")
        if self.tenures:
            lines.append("    kg:tenure " + " ,\n        ".join(self.tenures) + " ;")
        if self.id.startswith("Q"):
            lines.append(f"    owl:sameAs wd:{self.id} ;")
        lines[-1] = lines[-1][:-2] + " ."
        return "\n".join(lines)


def build() -> str:
    entities: dict[str, Entity] = {}

    def new(ident: str, cls: str, en: str, ar: str) -> Entity:
        if ident in entities:
            raise ValueError(f"duplicate id {ident}")
        if not en or not ar:
            raise ValueError(f"{ident}: needs ar and en labels")
        e = Entity(ident, cls, en, ar)
        entities[ident] = e
        return e

    states = read_table("states.tsv", 7)
    for qid, en, ar, ar_alts, en_alts, dem, _cap in states:
        e = new(qid, "State", en, ar)
        e.add_alts(items(ar_alts), items(en_alts))
        e.demonyms = items(dem)
    for ident, en, ar, ar_alts, en_alts, loc, cap, seat in read_table("cities.tsv", 8):
        e = new(ident, "City", en, ar)
        e.add_alts(items(ar_alts), items(en_alts))
        for s in items(cap):
            e.props.append(("kg:capitalOf", iri(s)))
        for s in items(seat):
            e.props.append(("kg:seatOfGovernmentOf", iri(s)))
        for s in items(loc):
            e.props.append(("kg:locatedIn", iri(s)))
    for ident, cls, en, ar, ar_alts, en_alts, loc, seat in read_table("places.tsv", 8):
        e = new(ident, cls, en, ar)
        e.add_alts(items(ar_alts), items(en_alts))
        for s in items(seat):
            e.props.append(("kg:seatOfGovernmentOf", iri(s)))
        for s in items(loc):
            e.props.append(("kg:locatedIn", iri(s)))
    for ident, cls, en, ar, ar_alts, en_alts, body_of in read_table("orgs.tsv", 7):
        e = new(ident, cls, en, ar)
        e.add_alts(items(ar_alts), items(en_alts))
        if body_of and body_of != "-":
            e.props.append(("kg:governmentBodyOf", iri(body_of)))
    for ident, en, ar, ar_alts, en_alts in read_table("named_events.tsv", 5):
        e = new(ident, "HistoricalEvent", en, ar)
        e.add_alts(items(ar_alts), items(en_alts))
    for ident, en, ar, ar_alts, en_alts, tenures in read_table("people.tsv", 6):
        e = new(ident, "Person", en, ar)
        e.add_alts(items(ar_alts), items(en_alts))
        led: list[str] = []
        for t in [t.strip() for t in tenures.split(";") if t.strip()]:
            parts = t.split("@")
            if len(parts) not in (3, 4) or parts[0] not in ROLES:
                raise ValueError(f"{ident}: bad tenure {t!r}")
            role, state, start = parts[:3]
            end = parts[3] if len(parts) == 4 and parts[3] else None
            body = f"[ a kg:Tenure ; kg:role kg:{role} ; kg:ofState {iri(state)} ; kg:start \"{start}\"^^xsd:date"
            if end:
                body += f" ; kg:end \"{end}\"^^xsd:date"
            e.tenures.append(body + " ]")
            if role in LEADER_ROLES and state not in led:
                led.append(state)
        for s in led:
            e.props.append(("kg:leaderOf", iri(s)))

    # each state's foreign and defence ministries, named by rule from its nisba (وزارة الخارجية الصينية,
    # الخارجية الصينية, الدبلوماسية الصينية): the news cites them as speakers for the state. A ministry the
    # tables already list (the Pentagon, the State Department) is not generated again.
    taken = {_fold(n) for e in entities.values() for n in [e.ar, *e.ar_alts]}
    for qid, en, ar, ar_alts, en_alts, dem, _cap in states:
        nisba = items(dem)[:1]
        if not nisba:
            continue
        fem = " ".join("ال" + w + "ة" for w in nisba[0].split())
        for kind, en_name, ar_names, en_alt in (
                ("mfa", f"Ministry of Foreign Affairs of {en}",
                 [f"وزارة الخارجية {fem}", f"الخارجية {fem}", f"الدبلوماسية {fem}", f"وزارة خارجية {ar}"], f"{en} foreign ministry"),
                ("mod", f"Ministry of Defence of {en}",
                 [f"وزارة الدفاع {fem}", f"الدفاع {fem}", f"وزارة دفاع {ar}"], f"{en} defence ministry")):
            if any(_fold(n) in taken for n in ar_names):
                continue
            e = new(f"n-{kind}-{qid}", "Organization", en_name, ar_names[0])
            e.add_alts(ar_names[1:], [en_alt])
            e.props.append(("kg:governmentBodyOf", iri(qid)))

    # referential integrity: every object IRI we point to is defined here
    for e in entities.values():
        for _p, o in e.props:
            if o.startswith("kge:") and o[4:] not in entities:
                raise ValueError(f"{e.id}: {_p} points to undefined {o}")
    for qid, *_rest, cap in states:
        if cap and cap != "-" and entities.get(cap) is None:
            raise ValueError(f"{qid}: capital {cap} not in cities.tsv")

    header = (
        "# GENERATED by ontology/build_entities.py from ontology/catalog/*.tsv: edit the tables, not this file.\n"
        "# Entity catalog (ABox): states, cities, places, organisations, news agencies, people with tenures.\n"
    )
    order = ["State", "SupranationalUnion", "City", "Region", "Place", "Organization", "NewsAgency", "Person", "HistoricalEvent"]
    blocks = []
    for cls in order:
        ents = [e for e in entities.values() if e.cls == cls]
        if not ents:
            continue
        blocks.append(f"# ---- kg:{cls} ({len(ents)})")
        blocks.extend(e.turtle() for e in ents)
    return header + PREFIXES + "\n" + "\n\n".join(blocks) + "\n"


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print("entities.ttl is stale: run python ontology/build_entities.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
