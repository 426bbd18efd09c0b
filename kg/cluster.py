"""Extraction (NER, linking, events) fanned out over a Dask cluster: a LocalCluster of N worker processes
(`kg build --workers N`) or an existing cluster (`--scheduler ADDRESS`; its workers need `kg` installed).

Each worker process loads the pipeline (Stanza model, catalog) once, in a worker plugin, and keeps it in a
module-level cache; it limits torch to its share of the machine's cores. Articles travel in chunks whose
size is a multiple of the pipeline's NER batch, so every NER batch holds the same sentences as in a
single-process build, and since extraction is article-local the results are identical to one.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from .doc import Article, Doc
from .errors import KgError

NER_BATCH = 16  # Pipeline.process_many's batch
CHUNK = 4 * NER_BATCH  # articles per task
CONNECT_TIMEOUT = "15s"  # to reach a --scheduler

_PIPELINES: dict[str, object] = {}


def _pipeline(ner: str):
    from .pipeline import Pipeline
    if ner not in _PIPELINES:
        _PIPELINES[ner] = Pipeline(ner=ner)
    return _PIPELINES[ner]


def extract_chunk(articles: list[Article], ner: str) -> list[Doc]:
    """The task a worker runs: a chunk of articles through the (cached) pipeline, slimmed for the trip back."""
    from .state import slim
    return [slim(d) for d in _pipeline(ner).process_many(articles, batch=NER_BATCH)]


def _torch_threads(n: int) -> None:
    os.environ["KG_NER_THREADS"] = str(n)  # read by kg.ner.stanza_ner when it loads the model
    try:
        import torch
        torch.set_num_threads(n)
    except ImportError:
        pass


def _plugin(ner: str, workers_per_host: dict[str, int]):
    from distributed.diagnostics.plugin import WorkerPlugin

    class KgWorker(WorkerPlugin):
        """Give torch this worker's share of its host's cores, then load the pipeline once."""

        name = f"kg-pipeline-{ner}"

        def setup(self, worker):
            host = worker.address.rsplit(":", 1)[0]
            _torch_threads(max(1, (os.cpu_count() or 1) // workers_per_host.get(host, 1)))
            _pipeline(ner)

    return KgWorker()  # defined here so that importing kg.cluster does not import distributed


def extract_distributed(articles: list[Article], ner: str, workers: int | None = None,
                        scheduler: str | None = None) -> Iterator[Doc]:
    """Yield the articles' Docs, in input order, computed on a Dask cluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KgError("--workers / --scheduler need Dask: pip install 'dask[distributed]'") from None
    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)  # keep the console to kg's own messages
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as e:
                raise KgError(f"cannot connect to the Dask scheduler at {scheduler} ({e})") from None
        else:
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        with client:
            per_host: dict[str, int] = {}
            for addr in client.scheduler_info()["workers"]:
                host = addr.rsplit(":", 1)[0]
                per_host[host] = per_host.get(host, 0) + 1
            client.register_plugin(_plugin(ner, per_host))
            chunks = [articles[i:i + CHUNK] for i in range(0, len(articles), CHUNK)]
            futures = client.map(extract_chunk, chunks, ner=ner, pure=False)
            for fut in futures:  # in order; later chunks keep running meanwhile
                yield from fut.result()
                fut.release()
    finally:
        if cluster is not None:
            cluster.close()
