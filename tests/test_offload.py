"""NER in a child process (kg/ner/offload.py): the same mentions as in-process, errors that say what
happened, a child that ends with its parent, and a caller's script that needs no main guard."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.corpus import read_corpus
from kg.errors import KgError
from kg.ner.offload import NerProcess, ner_process
from kg.pipeline import Pipeline
from kg.state import Entry, doc_to_json

from .conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]


def test_child_finds_what_the_in_process_model_finds():
    articles = read_corpus(str(SEEDS)).articles
    here = [doc_to_json(d) for d in Pipeline(ner="stanza").process_many(articles, batch=2)]
    there = [doc_to_json(d) for d in Pipeline(ner="stanza", ner_process=True).process_many(articles, batch=2)]
    assert there == here
    assert sum(d.count('"source": "stanza"') for d in there) > 20  # the model's mentions, not only rules'


def test_child_error_reaches_the_caller():
    child = NerProcess("no-such-recogniser")
    try:
        with pytest.raises(KgError, match="unknown NER recogniser 'no-such-recogniser'"):
            child.result(child.submit([["x"]]))
    finally:
        child.close()


def test_killed_child_is_a_clear_error_and_is_replaced():
    child = ner_process("stanza")
    child.proc.kill()
    child.proc.wait()
    with pytest.raises(KgError, match="the NER process stopped"):
        child.result(child.submit([["موسكو"]]))
    fresh = ner_process("stanza")
    assert fresh is not child
    assert len(fresh.result(fresh.submit([["زار", "بوتين", "موسكو"]]))[0]) == 3


def test_child_ends_with_its_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent("""
        import sys, time
        from kg.ner.offload import ner_process
        child = ner_process("stanza")
        print(child.proc.pid, flush=True)
        time.sleep(600)
    """))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    pid = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(200):  # its stdin ends with the parent: it leaves within moments
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the NER child outlived its parent")


def test_build_from_a_script_without_a_main_guard(tmp_path):
    """multiprocessing's spawn would re-run this script in the child; a plain subprocess does not."""
    script = tmp_path / "mybuild.py"
    script.write_text(textwrap.dedent(f"""
        from kg.build import build
        print("RUN", flush=True)
        r = build({str(SEEDS)!r}, {str(tmp_path / 'out')!r}, progress=False)
        print("ARTICLES", r.articles)
    """))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KG_NER_PROCESS": "1"}
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.count("RUN") == 1 and "ARTICLES 5" in proc.stdout
