"""Stage 5, find: one finder a kind of mention, each a small module with one job.

figures (numbers with units), periods (the time a figure covers), places, models.
Each finder takes a SegmentedDocument and returns mentions with offsets into its text.
"""
from __future__ import annotations

from ..records import Mentions, SegmentedDocument
from . import figures, locations, models, periods


def find_all(seg: SegmentedDocument, rules=None) -> Mentions:
    places, generic = locations.find_places(seg, rules)
    return Mentions(
        figures=figures.find_figures(seg, rules),
        periods=periods.find_periods(seg, rules),
        places=places,
        models=models.find_models(seg, rules),
        generic_places=generic,
    )
