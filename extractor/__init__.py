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

# The public names, imported when first used (PEP 562): `import extractor` stays light, so
# `vnfacts eval`, `check` and `serve` start without loading spaCy and underthesea.
_LAZY = {"run_batch": "batch", "check_claim": "check", "find_conflicts": "conflicts", "extract": "pipeline",
         "extract_df": "pipeline", "iter_results": "pipeline", "process": "pipeline", "FACT_COLUMNS": "records",
         "Fact": "records", "write_report": "report"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")


__all__ = ["extract", "extract_df", "iter_results", "process", "run_batch", "write_report", "check_claim",
           "find_conflicts", "Fact", "FACT_COLUMNS", "__version__"]
