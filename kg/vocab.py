"""RDF vocabulary, for the modules that know RDF (docs/design.md): those that write it or mint its IRIs (graph,
summary, merged, ids, link) and those that read it (store, the views, serve); the extractor never does.

`KG` is an rdflib DefinedNamespace generated from ontology/kg.ttl: a typo in a term is an AttributeError,
not a silent new IRI (tests/test_vocab.py checks the two stay in step).
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY = "https://w3id.org/kg-arabic/ontology#"
BASE = "https://w3id.org/kg-arabic/"


class KG(DefinedNamespace):
    _NS = Namespace(ONTOLOGY)
    _fail = True

    agent: URIRef
    Agreement: URIRef
    Article: URIRef
    City: URIRef
    CrownPrince: URIRef
    DefenceMinister: URIRef
    DefenseTreaty: URIRef
    Deployment: URIRef
    Entity: URIRef
    Event: URIRef
    ForeignMinister: URIRef
    FriendshipTreaty: URIRef
    Gift: URIRef
    governmentBodyOf: URIRef
    HeadOfGovernment: URIRef
    HistoricalEvent: URIRef
    HeadOfState: URIRef
    Invitation: URIRef
    Leader: URIRef
    Meeting: URIRef
    Mention: URIRef
    LegislatureSpeaker: URIRef
    Minister: URIRef
    MilitaryParade: URIRef
    MilitaryCommander: URIRef
    MilitarySupport: URIRef
    MissileLaunch: URIRef
    NewsAgency: URIRef
    Organization: URIRef
    OrganizationHead: URIRef
    OtherAgreement: URIRef
    OtherEntity: URIRef
    OtherEvent: URIRef
    PartnershipAgreement: URIRef
    Person: URIRef
    Place: URIRef
    Region: URIRef
    Role: URIRef
    Signing: URIRef
    Spokesperson: URIRef
    State: URIRef
    Statement: URIRef
    Summit: URIRef
    SupranationalUnion: URIRef
    Talks: URIRef
    Tenure: URIRef
    Treaty: URIRef
    VicePresident: URIRef
    Visit: URIRef
    agreement: URIRef
    articleCount: URIRef
    articleId: URIRef
    capitalOf: URIRef
    confidence: URIRef
    contentHash: URIRef
    date: URIRef
    datePrecision: URIRef
    demonym: URIRef
    end: URIRef
    endOffset: URIRef
    evidence: URIRef
    firstReported: URIRef
    inArticle: URIRef
    involvesState: URIRef
    lastReported: URIRef
    leaderOf: URIRef
    locatedIn: URIRef
    mentionCount: URIRef
    mentionKind: URIRef
    mentionOf: URIRef
    mentionedIn: URIRef
    cameo: URIRef
    ofOrganization: URIRef
    ofState: URIRef
    organization: URIRef
    participant: URIRef
    party: URIRef
    plover: URIRef
    partyTo: URIRef
    place: URIRef
    role: URIRef
    seatOfGovernmentOf: URIRef
    sentence: URIRef
    sentenceStart: URIRef
    signatory: URIRef
    signedOn: URIRef
    source: URIRef
    sourceCount: URIRef
    start: URIRef
    startOffset: URIRef
    status: URIRef
    target: URIRef
    tenure: URIRef
    text: URIRef
    title: URIRef
    triggerText: URIRef


KGE = Namespace(BASE + "entity/")  # catalog and discovered entities
KGEV = Namespace(BASE + "event/")
KGAG = Namespace(BASE + "agreement/")
KGA = Namespace(BASE + "article/")
KGM = Namespace(BASE + "mention/")
KGG = Namespace(BASE + "graph/")  # named graphs: graph/article/<id>, graph/catalog
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")

PREFIXES = {"kg": ONTOLOGY, "kge": str(KGE), "kgev": str(KGEV), "kgag": str(KGAG), "kga": str(KGA),
            "kgm": str(KGM), "wd": str(WD), "schema": str(SCHEMA), "sem": str(SEM), "prov": str(PROV)}
