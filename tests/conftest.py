from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def corpus_text(name: str) -> str:
    """The text of a corpus article by doc_id (searched in every corpus folder)."""
    hits = list(CORPUS.rglob(f"{name}.txt"))
    assert hits, name
    return hits[0].read_text(encoding="utf-8")
