from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# Debian's Chromium, driven headless by Playwright (tests/install-browser.sh installs it); the
# background-networking flags keep it from calling out of this closed machine
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def corpus_text(name: str) -> str:
    """The text of a corpus article by doc_id (searched in every corpus folder)."""
    hits = list(CORPUS.rglob(f"{name}.txt"))
    assert hits, name
    return hits[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the page tests (the review page, the served pages)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "run tests/install-browser.sh"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
