"""kg.catalog: loading a catalog file, terms known to the day, month or year, and who held an office when."""
from datetime import date

from kg.catalog import load_catalog

KGE = "https://w3id.org/kg-arabic/entity/"
KG = "https://w3id.org/kg-arabic/ontology#"

TTL = """@prefix kg: <https://w3id.org/kg-arabic/ontology#> . @prefix kge: <https://w3id.org/kg-arabic/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kge:Q1 a kg:State ; rdfs:label "دولة"@ar , "Land"@en .
kge:Q2 a kg:Person ; rdfs:label "Old Chief"@en ;
    kg:tenure [ a kg:Tenure ; kg:role kg:HeadOfState ; kg:ofState kge:Q1 ; kg:start "2010"^^xsd:gYear ; kg:end "2019"^^xsd:gYear ] .
kge:Q3 a kg:Person ; rdfs:label "رئيس جديد"@ar , "New Chief"@en ;
    kg:tenure [ a kg:Tenure ; kg:role kg:HeadOfState ; kg:ofState kge:Q1 ; kg:start "2019-03-05"^^xsd:date ] .
kge:Q4 a kg:Organization ; rdfs:label "منظمة"@ar , "Org"@en .
kge:Q5 a kg:Person ; rdfs:label "أمين عام"@ar , "Sec Gen"@en ;
    kg:tenure [ a kg:Tenure ; kg:role kg:OrganizationHead ; kg:ofOrganization kge:Q4 ; kg:start "2020-06"^^xsd:gYearMonth ] .
"""


def test_terms_by_year_and_the_holder_on_a_day(tmp_path):
    path = tmp_path / "cat.ttl"
    path.write_text(TTL, encoding="utf-8")
    cat = load_catalog(str(path))
    old = cat.entities[KGE + "Q2"]
    assert old.label_ar == "Old Chief"  # no Arabic name curated yet: the English label stands in
    (t,) = old.tenures
    assert (t.start, t.end, t.precise) == (date(2010, 1, 1), date(2019, 12, 31), False)
    # 2019: both terms cover the day; the one known to the day wins over the one known to the year
    assert cat.holder(KG + "HeadOfState", KGE + "Q1", date(2019, 6, 1)).iri == KGE + "Q3"
    assert cat.holder(KG + "HeadOfState", KGE + "Q1", date(2015, 6, 1)).iri == KGE + "Q2"
    assert cat.holder(KG + "HeadOfState", KGE + "Q1", None).iri == KGE + "Q3"  # the open term
    (org,) = cat.entities[KGE + "Q5"].tenures
    assert org.org and org.state == KGE + "Q4" and org.start == date(2020, 6, 1)
    # describe() gives the entity's triples and its tenure nodes' triples, as rdflib terms
    assert len(cat.describe(KGE + "Q3")) >= 6


def test_the_packaged_catalog_resolves_titles_by_date():
    cat = load_catalog()
    fm = KG + "ForeignMinister"
    assert cat.holder(fm, KGE + "Q159", date(2019, 5, 1)).label_en == "Sergey Lavrov"
    us = KG + "HeadOfState"
    assert cat.holder(us, KGE + "Q30", date(2017, 6, 1)).wikidata == "Q22686"
    assert cat.holder(us, KGE + "Q30", date(2022, 6, 1)).wikidata == "Q6279"
    assert cat.holder(KG + "CrownPrince", KGE + "Q851", date(2019, 1, 1)).wikidata == "Q6892571"
