"""Stage 5, find: one finder a kind of mention, each a small module with one job.

figures (numbers with units), periods (the time a figure covers), places, models.
Each finder takes a SegmentedDocument and returns mentions with offsets into its text.
"""
from __future__ import annotations

from ..records import FigureMention, Mentions, SegmentedDocument
from . import figures, locations, models, periods


def find_all(seg: SegmentedDocument, rules=None) -> Mentions:
    places, generic = locations.find_places(seg, rules)
    figs = figures.find_figures(seg, rules)
    return Mentions(
        figures=figs,
        periods=periods.find_periods(seg, rules, sentences=period_sentences(seg, figs)),
        places=places,
        models=models.find_models(seg, rules),
        generic_places=generic,
    )


def period_sentences(seg: SegmentedDocument, figs: list[FigureMention]) -> set[int]:
    """The sentences whose periods a figure can take: its own, and those before it in its
    paragraph (a period there governs the sentences after it)."""
    last: dict[int, int] = {}  # paragraph -> its last sentence with a figure
    for f in figs:
        p = seg.sentences[f.sentence].paragraph
        last[p] = max(last.get(p, -1), f.sentence)
    return {s.index for s in seg.sentences if s.index <= last.get(s.paragraph, -1)}
