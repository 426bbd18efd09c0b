"""The command line: clear one-line errors, no tracebacks, nothing half-written."""
import json

import pytest

from .conftest import SEEDS, run_kg


def _one_line_error(proc):
    assert proc.returncode != 0
    err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(err) == 1, proc.stderr
    assert err[0].startswith("kg: error:")
    assert "Traceback" not in proc.stderr


def test_missing_path(tmp_path):
    proc = run_kg("build", tmp_path / "nope", "--out", tmp_path / "out", "--ner", "gazetteer", "-q")
    _one_line_error(proc)
    assert "no such file or directory" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_empty_directory(tmp_path):
    (tmp_path / "in").mkdir()
    proc = run_kg("build", tmp_path / "in", "--out", tmp_path / "out", "--ner", "gazetteer", "-q")
    _one_line_error(proc)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, data", [
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ("binary.txt", b"\x00\x01\x02\x03" * 10),
    ("latin1.txt", "Un texte en fran\u00e7ais, d\u00e9j\u00e0 vu, tr\u00e8s ordinaire.".encode("latin-1")),
])
def test_bad_single_file(tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data)
    proc = run_kg("build", f, "--out", tmp_path / "out", "--ner", "gazetteer", "-q")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("kg: error:")
    assert not (tmp_path / "out").exists()


def test_bad_input_leaves_previous_build_intact(tmp_path):
    out = tmp_path / "out"
    ok = run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q")
    assert ok.returncode == 0, ok.stderr
    before = (out / "facts.jsonl").read_bytes()
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.txt").write_bytes(b"\x00\xff" * 50)
    proc = run_kg("build", tmp_path / "bad", "--out", out, "--ner", "gazetteer", "-q")
    assert proc.returncode == 2
    assert (out / "facts.jsonl").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]


def test_partial_corpus_builds_and_reports(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text((SEEDS / "001_69ba63237cfbfb00.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00" * 10)
    proc = run_kg("build", src, "--out", tmp_path / "out", "--ner", "gazetteer", "-q")
    assert proc.returncode == 1
    assert "skipped" in proc.stderr and "bad.txt" in proc.stderr
    assert (tmp_path / "out" / "facts.jsonl").exists()


def test_query_formats(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q").returncode == 0
    q = 'PREFIX kg: <https://w3id.org/kg-arabic/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }'
    table = run_kg("query", q, "--graph", out)
    assert table.returncode == 0 and "5" in table.stdout
    js = run_kg("query", q, "--graph", out, "--format", "json")
    assert json.loads(js.stdout) == [{"n": "5"}]
    csv = run_kg("query", q, "--graph", out, "--format", "csv")
    assert csv.stdout.splitlines() == ["n", "5"]
    named = run_kg("query", "ties", "--graph", out, "--param", "a=Q159", "--param", "b=Q423", "--format", "json")
    assert named.returncode == 0, named.stderr
    assert json.loads(named.stdout)
    bad = run_kg("query", "SELECT WHERE {", "--graph", out)
    _one_line_error(bad)
    missing = run_kg("query", "ties", "--graph", tmp_path / "nothing")
    _one_line_error(missing)


def test_validate_command(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q").returncode == 0
    proc = run_kg("validate", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SHACL: conforms" in proc.stdout and "HermiT: consistent" in proc.stdout


def test_parameters_that_could_only_give_no_rows_are_refused(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q").returncode == 0
    for param, words in (("type=Banana", "not an event or agreement type"),
                         ("a=Q999999999", "no entity of the graph has that id")):
        proc = run_kg("query", "ties", "--graph", out, "--param", param)
        _one_line_error(proc)
        assert words in proc.stderr
    proc = run_kg("query", "new_since", "--graph", out, "--param", "since=2025-13-01")
    _one_line_error(proc)
    assert "a real one" in proc.stderr
    ok = run_kg("query", "ties", "--graph", out, "--param", "type=meeting", "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout)


def test_version_remove_summary_and_no_lock_beside_the_build(tmp_path):
    from kg import __version__
    assert run_kg("--version").stdout.strip() == f"kg {__version__}"
    out = tmp_path / "out"
    assert run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing beside the build (.out.lock)
    proc = run_kg("remove", "000_3425f4e51bf89d5c", "--out", out)
    assert proc.returncode == 0 and proc.stdout.startswith(f"kg remove → {out}")
    proc = run_kg("validate", out, "--no-reasoner")
    assert proc.returncode == 0


def test_every_command_names_the_build_with_out(tmp_path):
    """`--out OUT` names the build for every command, as for build and remove; the positional form stays."""
    out = tmp_path / "out"
    assert run_kg("build", SEEDS, "--out", out, "--ner", "gazetteer", "-q").returncode == 0
    for args in (["query", "entities", "--out", out, "--format", "json"],
                 ["network", "--out", out, "--format", "json"],
                 ["validate", "--out", out, "--no-reasoner"],
                 ["eval", "--out", out, "--gold", SEEDS.parent / "tests" / "gold" / "seeds"],
                 ["viz", "--out", out, "-o", tmp_path / "g.html"]):
        proc = run_kg(*args)
        assert proc.returncode == 0, (args, proc.stderr)
    assert run_kg("viz", out, "-o", tmp_path / "p.html").returncode == 0             # positional, as before
    assert run_kg("query", "entities", "--graph", out).returncode == 0               # the old option, as before
    _one_line_error(run_kg("viz", out, "--out", tmp_path / "elsewhere"))             # two different builds
