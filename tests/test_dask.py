"""Extraction on a Dask cluster gives exactly the single-process build."""
import pytest

from kg.build import build

from .conftest import SEEDS

pytest.importorskip("distributed")
COMPARED = ("dataset.nq", "facts.jsonl", "graph.ttl")


def same_outputs(a, b):
    for name in COMPARED:
        assert sorted((a / name).read_bytes().splitlines()) == sorted((b / name).read_bytes().splitlines()), name
    assert (a / "dataset.nq").read_bytes() == (b / "dataset.nq").read_bytes()  # the same order, too


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "out"
    build(str(SEEDS), str(out), ner="gazetteer", progress=False)
    return out


def test_local_cluster_matches_single_process(tmp_path, single, monkeypatch):
    monkeypatch.setattr("kg.cluster.CHUNK", 2)  # several tasks, spread over both workers
    out = tmp_path / "out"
    r = build(str(SEEDS), str(out), ner="gazetteer", progress=False, workers=2)
    assert r.articles == 5
    same_outputs(out, single)


def test_existing_scheduler(tmp_path, single):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "out"
        build(str(SEEDS), str(out), ner="gazetteer", progress=False, scheduler=cluster.scheduler_address)
    same_outputs(out, single)


def test_worker_cache_and_threads(monkeypatch):
    from kg import cluster

    monkeypatch.setattr(cluster, "_PIPELINES", {})
    assert cluster._pipeline("gazetteer") is cluster._pipeline("gazetteer")  # loaded once per worker process
    import os

    import torch
    monkeypatch.setenv("KG_NER_THREADS", "4")
    before = torch.get_num_threads()
    try:
        cluster._torch_threads(1)
        assert torch.get_num_threads() == 1 and os.environ["KG_NER_THREADS"] == "1"
    finally:
        torch.set_num_threads(before)


def test_bad_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    from kg.errors import KgError

    monkeypatch.setattr("kg.cluster.CONNECT_TIMEOUT", "2s")

    with pytest.raises(KgError, match="scheduler"):
        build(str(SEEDS), str(tmp_path / "out"), ner="gazetteer", progress=False, scheduler="tcp://127.0.0.1:1")
    assert not (tmp_path / "out").exists()


def test_default_model_matches_single_process(tmp_path):
    """The bundled Stanza model: the same facts on 2 workers as in one process (NER batches are kept whole)."""
    from kg.ner.stanza_ner import MODEL_DIR, MODEL_NAME

    if not (MODEL_DIR / MODEL_NAME).is_file():
        pytest.skip("the bundled NER model is not there")
    a, b = tmp_path / "single", tmp_path / "dask"
    build(str(SEEDS), str(a), progress=False)
    build(str(SEEDS), str(b), progress=False, workers=2)
    same_outputs(a, b)
