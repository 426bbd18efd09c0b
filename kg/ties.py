"""Ties over time: the states and persons that events and agreements link, each tie with a date.

``ties_view`` reads a built graph through SPARQL: the actors of each event (``kg:participant``,
``kg:involvesState``) or agreement (``kg:party``, ``kg:signatory``) that are a State or a Person.
Every pair of actors of the same event is one tie, except a leader and the state they lead (that
pair says nothing).  :func:`kg.ties_page.write_ties_html` draws them as an offline page with a time bar,
one edge per pair, play and panels.

A tie's date ``YYYY[-MM[-DD]]`` covers a span of months (a year-only date covers its twelve months);
``in_period`` is the rule the page applies when the window moves: the span overlaps the window.
"""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from .errors import KgError
from .codes import codes_of, tie_kind
from .store import run_queries, run_query
from .extract.lexicon import frames
from .views import PREFIX

__all__ = ["ties_view", "pair_kind", "parse_states", "month_span", "in_period", "EDGE_COLORS", "NODE_CLASSES"]

_Q = PREFIX + "PREFIX schema: <https://schema.org/>\n"
_ROLES = "VALUES ?role { kg:participant kg:involvesState kg:party kg:signatory }"

ACTORS = _Q + """
SELECT DISTINCT ?ev ?actor WHERE { %s VALUES ?cls { kg:State kg:Person } ?ev ?role ?actor . ?actor a ?cls . }
""" % _ROLES
SIDES = _Q + """
SELECT DISTINCT ?ev ?role ?x WHERE { VALUES ?role { kg:agent kg:target } ?ev ?role ?x . }
"""
TIES = _Q + """
SELECT ?ev (GROUP_CONCAT(DISTINCT STRAFTER(STR(?c), "#"); separator=" ") AS ?classes)
       (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?date) (SAMPLE(?st) AS ?status)
WHERE { %s ?ev ?role ?x ; a ?c . FILTER(STRSTARTS(STR(?c), STR(kg:)))
        OPTIONAL { ?ev rdfs:label ?l } OPTIONAL { ?ev kg:status ?st }
        OPTIONAL { ?ev kg:date ?d0 } OPTIONAL { ?ev kg:signedOn ?d1 } BIND(STR(COALESCE(?d0, ?d1)) AS ?d) }
GROUP BY ?ev
""" % _ROLES
EVIDENCE = _Q + """
SELECT DISTINCT ?ev ?sentence ?aid ?headline ?url ?published WHERE {
  ?ev kg:evidence ?m . ?m kg:sentence ?sentence ; kg:inArticle ?a . ?a kg:articleId ?aid .
  OPTIONAL { ?a schema:headline ?headline } OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:datePublished ?published } }
"""  # sorted here, not in SPARQL: Oxigraph compares long strings slowly (7 s of 30,000 sentences at 45,000 articles)
PEOPLE_AND_STATES = _Q + """
SELECT ?x (SAMPLE(?c) AS ?cls) (SAMPLE(?ar) AS ?label_ar) (SAMPLE(?en) AS ?label_en)
       (GROUP_CONCAT(DISTINCT STR(?s); separator=" ") AS ?leads)
WHERE { VALUES ?c { kg:State kg:Person } ?x a ?c .
        OPTIONAL { ?x rdfs:label ?ar FILTER(lang(?ar) = "ar") }
        OPTIONAL { ?x rdfs:label ?en FILTER(lang(?en) = "en") }
        OPTIONAL { ?x kg:leaderOf ?s } }
GROUP BY ?x
"""

#: Node classes, in legend order: (colour, vis shape).  A Leader is a Person with kg:leaderOf.
NODE_CLASSES: dict[str, tuple[str, str]] = {
    "State": ("#4e79a7", "square"),
    "Leader": ("#e15759", "diamond"),
    "Person": ("#f1a2a3", "dot"),
}
#: Tie colour by event/agreement class: diplomacy blue/green, military red/orange, agreements purple.
EDGE_COLORS: dict[str, str] = {
    **{f.cls: f.colour for f in frames().values()},  # each event frame's colour (kg/lexicon/frames)
    "Treaty": "#9467bd", "DefenseTreaty": "#54278f", "FriendshipTreaty": "#c5b0d5",
    "PartnershipAgreement": "#e377c2", "OtherAgreement": "#b07aa1",
}
_AGREEMENT_TYPES = {"Agreement", "Treaty", "DefenseTreaty", "FriendshipTreaty", "PartnershipAgreement",
                    "OtherAgreement"}
_EVIDENCE_MAX = 3          # sentences per tooltip; the rest is counted
#: As in kg.network: an event the articles deny or only speculate about ties nobody.
DEFAULT_STATUSES = ("occurred", "planned")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")


# --------------------------------------------------------------------------- dates

def month_span(date: str | None) -> tuple[int, int] | None:
    """``YYYY[-MM[-DD]]`` -> (first, last) month as ``year * 12 + month - 1``; None if undated."""
    m = _DATE.match(date or "")
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        k = year * 12 + int(m.group(2)) - 1
        return k, k
    return year * 12, year * 12 + 11


def month_key(month: str) -> int:
    """``YYYY-MM`` (or ``YYYY``: its first month) -> month number as in :func:`month_span`."""
    span = month_span(month)
    if span is None:
        raise ValueError(f"not a YYYY-MM month: {month!r}")
    return span[0]


def in_period(edge: dict, lo: int | None, hi: int | None, undated: bool = True) -> bool:
    """Whether a tie shows for the period [lo, hi] (month numbers; None = open): its span overlaps it."""
    span = month_span(edge.get("date"))
    if span is None:
        return undated
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


# --------------------------------------------------------------------------- data

def _state_iri(token: str, store=None) -> str:
    from .queries import RESOLVE
    from .vocab import KGE

    token = token.strip()
    if token[:1] == "Q" and token[1:].isdigit():
        return str(KGE[token])
    if token.startswith(("http://", "https://")):
        return token
    found = sorted(r[0] for r in run_query(store, RESOLVE, {"name": token})[1]) if store is not None else []
    if len(found) != 1:
        raise KgError(f"--states: {token!r} is not a Wikidata id (Q159), an IRI or the name of one entity"
                      + (f" ({len(found)} entities have that name)" if found else ""))
    return found[0]


def parse_states(text: str | None, store=None) -> set[str] | None:
    """``"Q159,Q423"`` (or names, resolved in ``store``: ``"روسيا,North Korea"``) -> entity IRIs; empty -> None."""
    tokens = [t for t in (text or "").split(",") if t.strip()]
    return {_state_iri(t, store) for t in tokens} or None


def _side(roles: dict[str, str], actor: str, leads: set[str]) -> str | None:
    """An actor's side in an event: its own role, else that of a state it leads (Putin with Russia)."""
    return roles.get(actor) or next((roles[s] for s in sorted(leads) if s in roles), None)


def pair_kind(etype: str, side_a: str | None, side_b: str | None) -> str:
    """The tie an event makes between two of its actors, by their sides (agent / target / none known).

    A conflict act (an attack, a sanction, an accusation...) sets its agent against its target; two actors
    on its acting side act together (a joint strike or joint sanctions: cooperation), and a display of
    force (PLOVER MOBILIZE: a parade, drills, a launch) ties those who take part in it together unless one
    is its target. Any other pair of a conflict act, or a pair of any other event, takes the event type's
    own kind (:func:`kg.codes.tie_kind`).
    """
    kind = tie_kind(etype)
    if kind != "conflict":
        return kind
    if {side_a, side_b} == {"agent", "target"}:
        return "conflict"
    if side_a == side_b == "agent" or (codes_of(etype)[0] == "MOBILIZE" and "target" not in (side_a, side_b)):
        return "cooperation"
    return "neutral" if side_a == side_b == "target" else kind


def ties_view(store, states: set[str] | None = None,
              statuses: tuple[str, ...] | None = DEFAULT_STATUSES) -> tuple[list[dict], list[dict]]:
    """(nodes, edges) of the ties view; with ``states`` (IRIs), only events/agreements involving one of them.

    An event involves a state when the state is an actor or one of its actors leads it (a person given
    in ``states`` selects the events they take part in).  Only events
    with one of ``statuses`` make ties (None: all; an event without a status counts as occurred).
    Nodes carry ``class`` (State, Leader, Person) and ``label_en``; edges carry ``type``, ``kind``
    (Event, Agreement), ``tie`` (cooperation, conflict, agreement, neutral: :func:`pair_kind`),
    ``date``, ``status``, ``event``, ``evidence`` (sentence, article, published, source) and the
    plain-text ``title``.
    """
    people, actor_rows, side_rows, evidence_rows, tie_rows = run_queries(
        store, [PEOPLE_AND_STATES, ACTORS, SIDES, EVIDENCE, TIES])
    info = {x: (cls.rsplit("#", 1)[-1], ar, en, set((leads or "").split())) for x, cls, ar, en, leads in people}

    actors: dict[str, set[str]] = defaultdict(set)
    for ev, actor in actor_rows:
        actors[ev].add(actor)

    sides: dict[str, dict[str, str]] = defaultdict(dict)      # event -> actor -> agent | target
    for ev, role, x in side_rows:
        sides[ev][x] = role.rsplit("#", 1)[-1]

    evidence: dict[str, list[dict]] = defaultdict(list)
    for ev, sentence, aid, headline, url, published in sorted(evidence_rows, key=lambda r: (r[0], r[2], r[1])):
        evidence[ev].append({"sentence": sentence, "article": aid, "published": published or None,
                             "source": ", ".join(x for x in (published, headline, url) if x)})

    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    for ev, classes, label, date, status in sorted(tie_rows, key=lambda r: (r[3] or "", r[0])):
        names = classes.split()
        etype = next((c for c in names if c not in ("Event", "Agreement")), names[0] if names else "OtherEvent")
        kind = "Agreement" if etype in _AGREEMENT_TYPES else "Event"
        members = sorted(a for a in actors.get(ev, ()) if a in info)
        involved = set(members)                     # the actors and the states their leaders lead
        for a in members:
            involved |= info[a][3]
        if (states and not involved & states) or (statuses and (status or "occurred") not in statuses):
            continue
        ev_lines = [f"«{x['sentence']}»\n— {x['article']}" + (f" ({x['source']})" if x["source"] else "")
                    for x in evidence.get(ev, [])]
        more = len(ev_lines) - _EVIDENCE_MAX
        title = "\n".join(
            [f"{etype} · {date or 'undated'}" + (f" · {status}" if status and status != "occurred" else ""),
             label or ev]
            + ev_lines[:_EVIDENCE_MAX] + ([f"(+{more} more)"] if more > 0 else []))
        for a, b in combinations(members, 2):
            if b in info[a][3] or a in info[b][3]:      # a leader and their own state: no tie
                continue
            edges.append({"source": a, "target": b, "type": etype, "kind": kind,
                          "tie": pair_kind(etype, _side(sides[ev], a, info[a][3]), _side(sides[ev], b, info[b][3])),
                          "date": date or None, "status": status or "occurred", "label": label or etype,
                          "title": title, "event": ev, "evidence": evidence.get(ev, [])})
            for x in (a, b):
                if x not in nodes:
                    cls, ar, en, leads = info[x]
                    cls = "Leader" if cls == "Person" and leads else cls
                    lead_names = [info[s][1] or info[s][2] or s for s in sorted(leads) if s in info]
                    tip = [ar or en or x, en if ar and en else "", cls
                           + (f" of {', '.join(lead_names)}" if lead_names else ""), x]
                    nodes[x] = {"id": x, "label": ar or en or x.rsplit("/", 1)[-1], "label_en": en,
                                "class": cls, "title": "\n".join(t for t in tip if t)}
    return list(nodes.values()), edges
