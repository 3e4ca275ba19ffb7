"""vnfacts: checkable facts (places, models, member counts, outcome figures) from Vietnamese
press articles, each grounded to the characters it came from.

    >>> from extractor import extract
    >>> facts = extract(text, doc_id="a1")
"""
from __future__ import annotations

__version__ = "0.1.0"

from .pipeline import extract, extract_df, iter_results, process  # noqa: E402
from .records import FACT_COLUMNS, Fact  # noqa: E402

__all__ = ["extract", "extract_df", "iter_results", "process", "Fact", "FACT_COLUMNS", "__version__"]
