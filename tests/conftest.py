import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold" / "seeds"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once per test session with the default pipeline (bundled Stanza NER)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds") / "out"
    result = build(str(SEEDS), str(out), progress=False)
    return out, result


def run_kg(*args, cwd=None, timeout=600):
    """Run the installed `kg` command as a user would; returns CompletedProcess."""
    import subprocess

    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
