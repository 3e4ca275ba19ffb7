"""The pipeline: read -> clean -> segment -> find -> resolve -> write, one stage a module."""
from __future__ import annotations

from typing import Iterable, Iterator

from .engine import Extractor
from .read import iter_documents
from .records import Document, DocumentResult, Fact, InputError


def process(doc: Document, rules=None, keep_topic: str | None = None) -> DocumentResult:
    """Run every stage on one document, with the Extractor of ``rules`` (see ``engine.Extractor``).
    An exception becomes an error result, never a crash."""
    return Extractor.for_rules(rules).process(doc, keep_topic)


def extract(text: str, doc_id: str = "doc", rules=None, date: str = "") -> list[Fact]:
    """Facts of one article's text, as typed records (see ``records.Fact`` and FACTS.md); ``date``
    (YYYY[-MM[-DD]]) is the article's when its text shows none, as ``vnfacts extract --date``."""
    return Extractor.for_rules(rules).extract(text, doc_id, date)


def extract_df(text: str, doc_id: str = "doc", rules=None, date: str = ""):
    """The same facts as :func:`extract`, as a pandas DataFrame with the output columns."""
    import pandas as pd

    from .records import FACT_COLUMNS

    return pd.DataFrame([f.to_dict() for f in extract(text, doc_id, rules, date)], columns=FACT_COLUMNS)


def iter_results(paths: Iterable[str], rules=None, limit: int | None = None, **read_options) -> Iterator[DocumentResult]:
    """Results for every input under ``paths``: a DocumentResult per document, errors included."""
    ex = Extractor.for_rules(rules)
    for n, item in enumerate(iter_documents(paths, **read_options)):
        if limit is not None and n >= limit:
            return
        if isinstance(item, InputError):
            yield DocumentResult(item.doc_id, item.source, "error", error=item)
        else:
            yield ex.process(item)
