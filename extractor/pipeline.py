"""The pipeline: read -> clean -> segment -> find -> resolve -> write, one stage a module."""
from __future__ import annotations

import traceback
from functools import lru_cache
from typing import Iterable, Iterator

from . import rules as rules_mod
from .clean import clean
from .find import find_all
from .read import iter_documents
from .records import Document, DocumentResult, Fact, InputError
from .resolve import resolve
from .segment import segment
from .topic import TopicScorer


def process(doc: Document, rules=None, keep_topic: str | None = None) -> DocumentResult:
    """Run every stage on one document. An exception becomes an error result, never a crash.
    With ``keep_topic`` ("security"), an article of another topic keeps its document row and
    no facts."""
    rules = rules or rules_mod.load()
    stage = "clean"
    try:
        cleaned = clean(doc, rules)
        stage = "topic"
        body = " ".join(cleaned.norm[s:e] for s, e in cleaned.paragraphs)
        cleaned.meta.topic, cleaned.meta.topic_score = _scorer(rules).score(cleaned.meta.title, body)
        if keep_topic and cleaned.meta.topic != keep_topic:
            return DocumentResult(doc.doc_id, doc.source, "ok", facts=[], meta=cleaned.meta,
                                  n_chars=len(doc.text), text=doc.text)
        stage = "segment"
        seg = segment(cleaned)
        stage = "find"
        found = find_all(seg, rules)
        stage = "resolve"
        facts = resolve(seg, found, rules)
    except Exception as exc:  # one bad article must not stop a batch
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        err = InputError(doc.doc_id, doc.source, stage, "exception", detail)
        return DocumentResult(doc.doc_id, doc.source, "error", error=err, n_chars=len(doc.text), text=doc.text)
    return DocumentResult(doc.doc_id, doc.source, "ok", facts=facts, meta=cleaned.meta,
                          n_chars=len(doc.text), text=doc.text)


@lru_cache(maxsize=4)
def _scorer(rules) -> TopicScorer:
    return TopicScorer(rules)


def extract(text: str, doc_id: str = "doc", rules=None) -> list[Fact]:
    """Facts of one article's text, as typed records (see ``records.Fact`` and FACTS.md)."""
    result = process(Document(doc_id=doc_id, text=text), rules)
    if result.error is not None:
        raise RuntimeError(f"{doc_id}: {result.error.message}")
    return result.facts


def extract_df(text: str, doc_id: str = "doc", rules=None):
    """The same facts as :func:`extract`, as a pandas DataFrame with the output columns."""
    import pandas as pd

    from .records import FACT_COLUMNS

    return pd.DataFrame([f.to_dict() for f in extract(text, doc_id, rules)], columns=FACT_COLUMNS)


def iter_results(paths: Iterable[str], rules=None, limit: int | None = None, **read_options) -> Iterator[DocumentResult]:
    """Results for every input under ``paths``: a DocumentResult per document, errors included."""
    rules = rules or rules_mod.load()
    for n, item in enumerate(iter_documents(paths, **read_options)):
        if limit is not None and n >= limit:
            return
        if isinstance(item, InputError):
            yield DocumentResult(item.doc_id, item.source, "error", error=item)
        else:
            yield process(item, rules)
