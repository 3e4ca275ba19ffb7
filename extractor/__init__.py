"""vnfacts: checkable facts (places, models, member counts, outcome figures) from Vietnamese
press articles, each grounded to the characters it came from.

    >>> from extractor import extract
    >>> facts = extract(text, doc_id="a1")

One plain function a task: ``extract`` (one text), ``run_batch`` (whole archives into an output
folder), ``write_report`` (the review page), ``check_claim`` and ``find_conflicts`` (a claim or
the whole table against the facts).
"""
from __future__ import annotations

__version__ = "0.1.0"

from .batch import run_batch  # noqa: E402
from .check import check_claim  # noqa: E402
from .conflicts import find_conflicts  # noqa: E402
from .pipeline import extract, extract_df, iter_results, process  # noqa: E402
from .records import FACT_COLUMNS, Fact  # noqa: E402
from .report import write_report  # noqa: E402

__all__ = ["extract", "extract_df", "iter_results", "process", "run_batch", "write_report", "check_claim",
           "find_conflicts", "Fact", "FACT_COLUMNS", "__version__"]
