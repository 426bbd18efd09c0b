"""The Stanza recogniser in a process of its own, so that NER overlaps the rest of the pipeline.

NER keeps about 1.5 cores of a 2-core machine busy (torch's threads in the LSTM, one core in Stanza's
Python around it); linking, dates and events are pure Python on one core, under the GIL. In one process
the two take turns; with the model in a child process, batch k+1 is tagged while batch k is linked, and a
build's wall time comes closer to NER's alone (bench/pipeline_overhead.py). Only token strings go over and
BIOES tags come back, computed by the same recogniser on the same batches, so the mentions are exactly those
of the in-process recogniser (tests/test_offload.py).

The child is `python -m kg.ner.offload NAME`, talking pickles over its stdin/stdout: a plain subprocess
rather than multiprocessing, whose spawn re-imports the caller's main script (a user's script without an
`if __name__ == "__main__"` guard would start builds recursively) and whose fork is unsafe once torch's
threads exist. It is started once per process and recogniser (the model loads once) and ends with its
parent: at exit, or when the parent is killed (its stdin reaches end of file).
"""
from __future__ import annotations

import atexit
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from kg.errors import KgError

OFFLOADABLE = ("stanza", "stanza-official")  # recognisers with tag_tokens (the gazetteer is cheap in-process)

_CHILDREN: dict[str, NerProcess] = {}
_LOCK = threading.Lock()


def wanted(name: str) -> bool:
    """Whether `name` runs in a child process: a Stanza recogniser, at least 2 cores, a Python interpreter
    to start (not so when embedded), and KG_NER_PROCESS not 0."""
    return (name in OFFLOADABLE and (os.cpu_count() or 1) >= 2 and bool(sys.executable)
            and os.environ.get("KG_NER_PROCESS", "1") != "0")


class NerProcess:
    """One child process holding recogniser `name`. `submit` sends a batch of sentences and returns a ticket;
    `result(ticket)` returns its tags. Batches are answered in the order they were sent."""

    def __init__(self, name: str):
        self.name = name
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])  # where `kg` is importable from, installed or not
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen([sys.executable, "-m", "kg.ner.offload", name], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.sent = 0
        self.answers: dict[int, tuple[bool, object]] = {}
        self.received = 0

    def alive(self) -> bool:
        return self.proc.poll() is None

    def submit(self, sentences: list[list[str]]) -> int:
        try:
            pickle.dump(sentences, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            self._stopped()
        self.sent += 1
        return self.sent - 1

    def result(self, ticket: int) -> list[list[str]]:
        while ticket not in self.answers:
            try:
                self.answers[self.received] = pickle.load(self.proc.stdout)
            except (EOFError, OSError, pickle.UnpicklingError):
                self._stopped()
            self.received += 1
        ok, payload = self.answers.pop(ticket)
        if not ok:
            raise payload  # the child's own error (a KgError for a missing model, say)
        return payload

    def _stopped(self):
        code = self.proc.wait()
        raise KgError(f"the NER process stopped (exit code {code}; killed for memory?); "
                      "run again, or set KG_NER_PROCESS=0 to run NER in the main process")

    def close(self) -> None:
        try:
            self.proc.stdin.close()  # end of file: the child leaves its loop
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def ner_process(name: str) -> NerProcess:
    """The shared child process for recogniser `name`, started on first use (again if it died)."""
    with _LOCK:
        child = _CHILDREN.get(name)
        if child is None or not child.alive():
            child = _CHILDREN[name] = NerProcess(name)
        return child


@atexit.register
def _close_all() -> None:
    with _LOCK:
        for child in _CHILDREN.values():
            child.close()
        _CHILDREN.clear()


def _serve(name: str) -> None:
    """The child: load the recogniser, then answer batches until stdin ends. A reader thread drains stdin
    so that the parent, which sends the next batch before reading this answer, never waits on a full pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it then closes our stdin
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, not into the answers
    inbox: queue.Queue = queue.Queue()

    def read() -> None:
        while True:
            try:
                inbox.put(pickle.load(sys.stdin.buffer))
            except (EOFError, OSError, pickle.UnpicklingError):
                inbox.put(None)
                return

    threading.Thread(target=read, daemon=True).start()
    try:
        from kg.ner import get_recognizer
        recognizer, error = get_recognizer(name), None
    except Exception as e:  # sent back with each batch, so the parent shows the real message
        recognizer, error = None, e
    while (batch := inbox.get()) is not None:
        try:
            answer = (True, recognizer.tag_tokens(batch)) if error is None else (False, error)
        except Exception as e:
            answer = (False, e)
        try:
            try:
                data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an error that does not pickle goes back as its message
                data = pickle.dumps((False, RuntimeError(f"NER failed: {answer[1]!r}")))
            out.write(data)
            out.flush()
        except (BrokenPipeError, OSError):
            return  # the parent is gone


if __name__ == "__main__":
    _serve(sys.argv[1])
