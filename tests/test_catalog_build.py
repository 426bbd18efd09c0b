"""The catalog's generators: ontology/import_tables.py (open tables -> officeholders.tsv) and
ontology/build_entities.py (tables -> entities.ttl): roles of offices, merging sources, titles, open terms."""
import importlib.util

from .conftest import ROOT


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "ontology" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


imp = _load("import_tables")
build = _load("build_entities")


def test_offices_map_to_roles():
    assert imp.role_of_office("Prime Minister of Albania") == "HeadOfGovernment"
    assert imp.role_of_office("King of Saudi Arabia") == "HeadOfState"
    assert imp.role_of_office("Federal Chancellor of Austria") == "HeadOfGovernment"
    assert imp.role_of_office("Governor-General of Canada") is None  # the monarch's representative
    assert imp.role_of_position("Minister of Foreign Affairs") == "ForeignMinister"
    assert imp.role_of_position("Minister of National Defence") == "DefenceMinister"
    assert imp.role_of_position("Crown Prince") == "CrownPrince"
    assert imp.role_of_position("Minister of Health") == "Minister"
    assert imp.role_of_position("ambassador to France") is None
    # Iran's president heads the government (the Supreme Leader is head of state)
    assert imp.role_for("Q794", "President", imp.role_of_position("President")) == "HeadOfGovernment"


def test_merge_keeps_the_precise_date_and_drops_rows_that_end_before_they_start():
    rows = [
        {"person": "Q1", "en": "A", "role": "HeadOfState", "state": "Q9", "start": "2015", "end": "", "office": "Q5",
         "office_en": "", "source": "wl2021"},
        {"person": "Q1", "en": "A", "role": "HeadOfState", "state": "Q9", "start": "2015-01-23", "end": "", "office": "",
         "office_en": "", "source": "eps:x"},
        {"person": "Q2", "en": "B", "role": "Minister", "state": "Q9", "start": "2020-05-01", "end": "2019-01-01",
         "office": "", "office_en": "", "source": "eps:x"},
    ]
    (one,) = imp.merge(rows)
    assert one["start"] == "2015-01-23" and one["office"] == "Q5" and one["source"] == "wl2021+eps:x"


def test_wrong_ids_of_a_source_are_corrected_and_state_aliases_applied():
    rows = imp.apply_fixes([{"person": "Q57641", "source": "wlc2026", "state": "Q458"},
                            {"person": "Q57792", "source": "wl2021", "state": "Q29999"}])
    assert rows == [{"person": "Q57792", "source": "wl2021", "state": "Q55"}]


def test_titles_are_cues_not_names():
    assert build.untitled("الشيخ تميم بن حمد آل ثاني") == "تميم بن حمد آل ثاني"
    assert build.untitled("ولي العهد الأمير محمد بن سلمان") == "محمد بن سلمان"
    assert build.untitled("الملك سلمان") == "الملك سلمان"  # one name alone is too common
    assert build.untitled("البابا فرنسيس") == "البابا فرنسيس"


def test_an_open_term_of_a_table_ends_where_the_next_holder_begins():
    held = {"Q1": {"en": "A", "tenures": [("HeadOfState", "Q9", "2021", "")]},
            "Q2": {"en": "B", "tenures": [("HeadOfState", "Q9", "2024-07-28", "")]},
            "Q3": {"en": "C", "tenures": [("Minister", "Q9", "2021", "")]},
            "Q4": {"en": "D", "tenures": [("Minister", "Q9", "2022", "")]}}
    build.close_open_terms(held, {"Q5": [("HeadOfState", "Q8", "2020-01-01", "")]})
    assert held["Q1"]["tenures"] == [("HeadOfState", "Q9", "2021", "2024-07-28")]
    assert held["Q2"]["tenures"] == [("HeadOfState", "Q9", "2024-07-28", "")]
    assert held["Q3"]["tenures"] == [("Minister", "Q9", "2021", "")]  # a cabinet has many ministers at once
    assert build._date_lit("2019") == '"2019"^^xsd:gYear' and build._date_lit("2019-05") == '"2019-05"^^xsd:gYearMonth'


def test_foreign_and_defence_ministries_under_their_many_names():
    for label in ("Federal Minister of Foreign Affairs", "Secretary of Foreign Affairs", "Minister for External Affairs",
                  "Minister of Europe and Foreign Affairs", "Minister of International Relations and Cooperation",
                  "Minister of Foreign Affairs, African Integration, La Francophonie, and Beninese Abroad"):
        assert imp.role_of_position(label) == "ForeignMinister", label
    assert imp.role_of_position("Minister of State for Foreign Affairs") == "Minister"  # a junior minister
    assert imp.role_of_position("Minister of Foreign Trade") == "Minister"
    assert imp.role_of_position("Secretary of National Defense") == "DefenceMinister"
    assert imp.role_for("Q843", "Foreign Secretary", "ForeignMinister") is None  # Pakistan's is a civil servant
