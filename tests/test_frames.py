"""The event frames (kg/lexicon/frames): checked against the ontology at load, one per event class, and each
frame's examples extracted as it says (our own sentences, catalog recogniser)."""
from datetime import date
from importlib import resources

import pytest

from kg.codes import subclasses_of
from kg.doc import Article
from kg.extract.lexicon import FLAGS, frames, load_frames, read_frames
from kg.pipeline import Pipeline

WD = "https://w3id.org/kg-arabic/entity/"
EXAMPLES = [(f.type, k, ex) for f in frames().values() for k, ex in enumerate(f.examples)]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(ner="gazetteer")


def test_every_event_class_has_a_frame_and_every_frame_an_example():
    classes = {f.cls for f in frames().values()}
    assert classes == subclasses_of("Event") - {"Event"}
    assert all(f.examples for f in frames().values())
    assert all(f.flags <= set(FLAGS) for f in frames().values())


@pytest.mark.parametrize("typ,k,ex", EXAMPLES, ids=[f"{t}-{k}" for t, k, _ in EXAMPLES])
def test_frame_example(pipe, typ, k, ex):
    doc = pipe.process(Article(id="ex", text=ex["text"], published=date(2024, 5, 15)))
    found = [e for e in doc.events if e.type == typ]
    assert found, f"no {typ} in {[e.type for e in doc.events]}"
    ev = found[0]
    assert sorted(s.removeprefix(WD) for s in ev.states) == sorted(ex["states"])
    assert ev.date == ex["date"]
    if "place" in ex:
        assert ev.place == WD + ex["place"]
    for role in ("agent", "target"):  # who acts, who is acted on (none for a meeting's sides)
        assert sorted(x.removeprefix(WD) for x in ev.roles.get(role, [])) == sorted(ex.get(role, [])), role


def _frame_file(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = '''type = "Visit"
class = "Visit"
family = "visit"
order = 1
about = "x"
colour = "#000000"
flags = []
[[triggers]]
stems = ["زار"]
'''


def test_a_frame_naming_an_unknown_class_fails_at_load(tmp_path):
    folder = _frame_file(tmp_path, "banana.toml", GOOD.replace('class = "Visit"', 'class = "Banana"'))
    with pytest.raises(ValueError, match=r"banana.toml: class 'Banana' is not an event class"):
        read_frames(folder, "frames")


def test_a_frame_with_an_unknown_flag_or_a_missing_key_fails_at_load(tmp_path):
    with pytest.raises(ValueError, match=r"a.toml: unknown flags \['flies'\]"):
        read_frames(_frame_file(tmp_path, "a.toml", GOOD.replace("flags = []", 'flags = ["flies"]')), "frames")
    (tmp_path / "a.toml").unlink()
    with pytest.raises(ValueError, match=r"b.toml: missing colour"):
        read_frames(_frame_file(tmp_path, "b.toml", GOOD.replace('colour = "#000000"\n', "")), "frames")


def test_frames_keep_their_triggers_in_order():
    loaded = load_frames()
    assert [f.order for f, _ in loaded] == sorted(f.order for f, _ in loaded)
    visit = next(t for f, t in loaded if f.type == "Visit")
    assert visit[0].frame.type == "Visit" and visit[0].has("travel")


def test_marked_query_class_lists_follow_the_ontology():
    """A marked VALUES list is rewritten from the ontology when the library loads (a new class needs no edit of
    the .rq); the file's own list, what a user copying the .rq gets, names only classes the ontology has."""
    import re

    from kg.queries import current_classes, library

    assert "kg:Sanction" in library()["events"].sparql
    for f in resources.files("kg.queries").iterdir():
        if f.name.endswith(".rq"):
            text = f.read_text(encoding="utf-8")
            for line in text.splitlines():
                if "# classes:" in line:
                    listed = set(re.findall(r"kg:(\w+)", line.split("#")[0]))
                    root = line.rsplit("# classes:", 1)[1].split()
                    assert listed <= subclasses_of(*root), f"{f.name}: {listed - subclasses_of(*root)}"
            assert current_classes(current_classes(text)) == current_classes(text)
