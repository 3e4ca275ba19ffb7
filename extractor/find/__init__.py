"""Stage 5, find: one finder a kind of mention, each a small module with one job.

figures (numbers with units), periods (the time a figure covers), places, models.
Each finder takes a SegmentedDocument and returns mentions with offsets into its text.
"""
from __future__ import annotations

from ..records import FigureMention, Mentions, SegmentedDocument



def find_all(seg: SegmentedDocument, rules=None) -> Mentions:
    """Every mention of a document, with the finders of ``rules``' Extractor."""
    from ..engine import Extractor

    return Extractor.for_rules(rules).find(seg)


def period_sentences(seg: SegmentedDocument, figs: list[FigureMention]) -> set[int]:
    """The sentences whose periods a figure can take: its own, and those before it in its
    paragraph (a period there governs the sentences after it)."""
    last: dict[int, int] = {}  # paragraph -> its last sentence with a figure
    for f in figs:
        p = seg.sentences[f.sentence].paragraph
        last[p] = max(last.get(p, -1), f.sentence)
    return {s.index for s in seg.sentences if s.index <= last.get(s.paragraph, -1)}
