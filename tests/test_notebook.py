"""notebooks/explore.ipynb runs top to bottom, offline, and draws its map."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def test_explore_notebook_runs_and_draws_the_map(monkeypatch):
    monkeypatch.delenv("VNFACTS_OUT", raising=False)  # the bundled corpus
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    from extractor import iter_results

    with_facts = sum(1 for r in iter_results([str(ROOT / "corpus")]) if r.facts)
    assert f"facts from {with_facts} documents (corpus/)" in text and "provinces on the map" in text
    assert "of figures have a measure, in" in text
