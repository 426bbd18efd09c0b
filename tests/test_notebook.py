"""notebooks/explore.ipynb runs from top to bottom on the seeds' build, and is committed without outputs."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_notebook_runs(seeds_build, monkeypatch):
    nbclient = pytest.importorskip("nbclient")
    out, _ = seeds_build
    monkeypatch.setenv("KG_OUT", str(out))  # the kernel inherits it: no second build
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws the figures as PNG
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()  # raises on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
    assert "Russia" in text and "Kim Jong Un" in text
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2  # the timeline and the network
    assert any("<iframe srcdoc=" in o.get("data", {}).get("text/html", "") for o in outputs)


def test_jupyter_to_open_the_notebook_is_installed_with_dev():
    import shutil
    import subprocess
    import sys
    from pathlib import Path
    exe = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or shutil.which("jupyter")
    assert exe, "pip install -e '.[dev]' installs Jupyter (notebook)"
    r = subprocess.run([exe, "notebook", "--version"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip()[:1].isdigit(), r.stderr
