"""Load the rule data in ``rules/`` once, compiled, for every stage that needs it."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml

from .lexicon import alternation
from .text import fold_words

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


def rules_dir() -> Path:
    """The rules folder: $VNFACTS_RULES if set, else the project's own ``rules/``."""
    return Path(os.environ.get("VNFACTS_RULES", DEFAULT_RULES_DIR))


@dataclass(eq=False)
class Rules:
    folder: Path
    numbers: dict[str, Any]
    units: dict[str, Any]
    not_figures: dict[str, Any]
    periods: dict[str, Any]
    places: dict[str, Any]
    models: dict[str, Any]
    scope: dict[str, Any]
    outlets: dict[str, Any]
    location_patterns: list[dict[str, Any]]
    compare: dict[str, Any] = None  # type: ignore[assignment]  # compare.yaml: check and conflicts
    links: dict[str, Any] = None  # type: ignore[assignment]  # links.yaml: how figures are tied to places, periods, models
    measures: dict[str, Any] = None  # type: ignore[assignment]  # measures.yaml: what a figure counts
    topics: dict[str, Any] = None  # type: ignore[assignment]  # topics.yaml: the topic scorer's cues

    # compiled forms, filled in by load()
    not_figure_res: list[regex.Pattern] = None  # type: ignore[assignment]  # not_figures.yaml patterns, in order
    identifier_before_re: regex.Pattern = None  # type: ignore[assignment]
    period_res: list[tuple[str, regex.Pattern]] = None  # type: ignore[assignment]
    article_end_res: list[regex.Pattern] = None  # type: ignore[assignment]
    box_res: list[regex.Pattern] = None  # type: ignore[assignment]
    never_text_res: list[regex.Pattern] = None  # type: ignore[assignment]
    dateline_res: list[regex.Pattern] = None  # type: ignore[assignment]


def _load_yaml(folder: Path, name: str) -> dict[str, Any]:
    with open(folder / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _load_jsonl(folder: Path, name: str) -> list[dict[str, Any]]:
    with open(folder / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=4)
def load(folder: str | Path | None = None) -> Rules:
    folder = Path(folder) if folder else rules_dir()
    r = Rules(
        folder=folder,
        numbers=_load_yaml(folder, "numbers.yaml"),
        units=_load_yaml(folder, "units.yaml"),
        not_figures=_load_yaml(folder, "not_figures.yaml"),
        periods=_load_yaml(folder, "periods.yaml"),
        places=_load_yaml(folder, "places.yaml"),
        models=_load_yaml(folder, "models.yaml"),
        scope=_load_yaml(folder, "scope.yaml"),
        outlets=_load_yaml(folder, "outlets.yaml"),
        location_patterns=_load_jsonl(folder, "locations.jsonl"),
        compare=_load_yaml(folder, "compare.yaml") if (folder / "compare.yaml").exists() else {},
        links=_load_yaml(folder, "links.yaml") if (folder / "links.yaml").exists() else {},
        measures=_load_yaml(folder, "measures.yaml") if (folder / "measures.yaml").exists() else {},
        topics=_load_yaml(folder, "topics.yaml") if (folder / "topics.yaml").exists() else {},
    )
    r.not_figure_res = [regex.compile(f"(?:{p})") for p in r.not_figures["patterns"].values()]
    exceptions = r.not_figures.get("identifier_not_after", {})
    words = [w for w in r.not_figures["identifier_before"] if w not in exceptions]
    guarded = [rf"(?<!(?<![\p{{L}}\p{{N}}]){alternation(before)}\s+){regex.escape(fold_words(w))}"
               for w, before in exceptions.items()]
    r.identifier_before_re = regex.compile(
        r"(?i)(?<![\p{L}\p{N}])(?:" + "|".join([alternation(words)] + guarded) + r")\.?\s*$"
    )
    r.period_res = [
        (e["bounds"], regex.compile(r"(?i)(?<![\p{L}\p{N}])(?:" + e["pattern"] + r")(?![\p{L}\p{N}])"))
        for e in r.periods["expressions"]
    ]
    r.article_end_res = [regex.compile("(?i)" + p) for p in r.scope["article_ends"]]
    r.box_res = [regex.compile("(?i)" + p) for p in r.scope.get("boxes", [])]
    r.never_text_res = [regex.compile("(?i)" + p) for p in r.scope["never_text"]]
    r.dateline_res = [regex.compile("(?i)" + p) for p in r.scope.get("datelines", [])]
    return r
