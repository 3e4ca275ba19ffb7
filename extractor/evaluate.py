"""Score extracted facts against gold files (FACTS.md, "How rows are matched against gold").

figures: equal values and units sharing a content word; repeats of a value and unit count once.
locations: equal folded name and equal level; province scored on matched rows.
On matched figures, kind and qualifier are scored as accuracies over every matched figure; the
links, location (the place it is tied to), subject (its model) and period (its ISO bounds), only
where the gold or the extractor names one: both empty counts for nothing, so silence earns no
credit (FACTS.md, "How rows are matched against gold").
models: names sharing at least 60% of their words (of the longer name).
Precision, recall and F1 are micro-averaged over all gold documents.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .text import fold_key, fold_words, unit_words

# what is compared on every matched figure: its kind and qualifier
_FIGURE_FIELDS = {
    "kind": lambda f: f.get("kind") or "",
    "qualifier": lambda f: f.get("qualifier") or "",
}
_UNIT_WORDS = ("tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn",
               "thôn", "bản", "làng", "ấp", "khu", "tổ dân phố", "đặc khu")


def _place_key(name: str) -> str:
    """A place link's comparison key: folded, a leading unit word on either side ignored."""
    words = fold_words(name)
    for w in sorted(_UNIT_WORDS, key=len, reverse=True):
        if words.startswith(w + " ") and len(words) > len(w) + 1:
            words = words[len(w) + 1:]
            break
    return fold_key(words)


def _period_key(f: dict) -> str:
    start, end = f.get("period_start") or "", f.get("period_end") or ""
    return f"{start}..{end}" if start or end else ""


# the links of a matched figure, scored only where either side names one
LINKS = ("location", "subject", "period")
ACCURACIES = (*_FIGURE_FIELDS, *LINKS, "province", "province_2025", "topic")


def _link_agrees(what: str, g: dict, p: dict) -> bool | None:
    """Whether a matched figure's link agrees with the gold; None when neither names one."""
    if what == "location":
        a, b = _place_key(g.get("location") or ""), _place_key(p.get("location") or "")
    elif what == "subject":
        a, b = g.get("subject") or "", p.get("subject") or ""
        if a and b:
            return _model_match(a, b)
    else:
        a, b = _period_key(g), _period_key(p)
    if not a and not b:
        return None
    return a == b


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in ("figures", "locations", "models")})
    agree: Counter = field(default_factory=Counter)  # kind/qualifier/province agreement counts
    total: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    link_misses: list[str] = field(default_factory=list)  # wrong location / subject / period links
    by_topic: dict[str, Score] = field(default_factory=dict)  # figures, by the article's gold topic
    # per (link, evidence): links right and links scored, so a reader sees how sure each rule is
    by_evidence: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    n_docs: int = 0

    def accuracy(self, what: str) -> float:
        return self.agree[what] / self.total[what] if self.total[what] else 0.0

    def as_dict(self) -> dict:
        out = {k: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                   "tp": s.tp, "fp": s.fp, "fn": s.fn} for k, s in self.scores.items()}
        out["accuracy"] = {k: round(self.accuracy(k), 3) for k in ACCURACIES}
        out["figures_by_topic"] = {t: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                                       "f1": round(s.f1, 3), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                                   for t, s in sorted(self.by_topic.items())}
        out["links_by_evidence"] = {f"{what}: {ev}": {"right": r, "scored": n}
                                    for (what, ev), (r, n) in sorted(self.by_evidence.items())}
        out["documents"] = self.n_docs
        return out

    def evidence_table(self) -> str:
        """Each link's rules ranked by how often they were scored, with how often they were right."""
        lines = []
        for what in LINKS:
            rows = sorted(((ev, r, n) for (w, ev), (r, n) in self.by_evidence.items() if w == what),
                          key=lambda x: (-x[2], x[0]))
            if rows:
                lines.append(f"{what} links by evidence: " + ", ".join(f"{ev} {r}/{n}" for ev, r, n in rows))
        return "\n".join(lines)

    def table(self) -> str:
        lines = [f"{'kind':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for k, s in self.scores.items():
            lines.append(f"{k:<10} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
        lines.append("accuracy on matched rows: " + ", ".join(
            f"{k} {self.accuracy(k):.3f} ({self.agree[k]}/{self.total[k]})" for k in ACCURACIES))
        for t, s in sorted(self.by_topic.items()):
            lines.append(f"figures in {t} articles: precision {s.precision:.3f}, recall {s.recall:.3f}, F1 {s.f1:.3f} "
                         f"({s.tp} tp, {s.fp} fp, {s.fn} fn)")
        lines.append(f"documents: {self.n_docs}")
        return "\n".join(lines)


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _model_match(a: str, b: str) -> bool:
    wa, wb = fold_words(a).split(), fold_words(b).split()
    if not wa or not wb:
        return False
    common = sum((Counter(wa) & Counter(wb)).values())
    return common / max(len(wa), len(wb)) >= 0.6


def _dedupe_figures(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        key = (float(r["value"]) if r.get("value") is not None else None, fold_words(r.get("unit") or ""))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def score_document(gold: dict, predicted: list[dict], report: Report, topic: str | None = None) -> None:
    """Score one article; ``topic`` is the topic the extractor gave it (documents.csv), scored
    against the gold's when both are known."""
    doc_id = gold["doc_id"]
    report.n_docs += 1
    if gold.get("topic") and topic is not None:
        report.total["topic"] += 1
        report.agree["topic"] += int(gold["topic"] == topic)
        if gold["topic"] != topic:
            report.misses.append(f"{doc_id}\twrong topic\t-\tgold {gold['topic']} / got {topic}")
    figures_before = Score(**vars(report.scores["figures"]))
    # figures
    g_figs = _dedupe_figures(gold.get("figures", []))
    p_figs = _dedupe_figures([p for p in predicted if p["kind"] in ("member_count", "outcome")])
    used = set()
    s = report.scores["figures"]
    for g in g_figs:
        hit = None
        for i, p in enumerate(p_figs):
            if i not in used and _same_value(g["value"], p["value"]) and unit_words(g["unit"]) & unit_words(p["unit"]):
                hit = i
                break
        if hit is None:
            s.fn += 1
            report.misses.append(f"{doc_id}\tmissed figure\t{g['surface']}\t{g['value']} {g['unit']}")
            continue
        used.add(hit)
        s.tp += 1
        p = p_figs[hit]
        for what, value in _FIGURE_FIELDS.items():
            report.total[what] += 1
            report.agree[what] += int(value(g) == value(p))
            if value(g) != value(p):
                report.misses.append(f"{doc_id}\twrong {what}\t{g['surface']}\tgold {value(g)} / got {value(p)}")
        for what in LINKS:
            ok = _link_agrees(what, g, p)
            if ok is None:
                continue
            report.total[what] += 1
            report.agree[what] += int(ok)
            tally = report.by_evidence.setdefault((what, p.get(what + "_evidence") or "-"), [0, 0])
            tally[0] += int(ok)
            tally[1] += 1
            if not ok:
                shown = (lambda f: _period_key(f) or "-") if what == "period" else (lambda f: f.get(what) or "-")
                line = f"{doc_id}\twrong {what}\t{g['surface']}\tgold {shown(g)} / got {shown(p)}"
                report.misses.append(line)
                report.link_misses.append(line + f"\tevidence: {p.get(what + '_evidence') or '-'}")
    for i, p in enumerate(p_figs):
        if i not in used:
            s.fp += 1
            report.misses.append(f"{doc_id}\tspurious figure\t{p.get('surface')}\t{p['value']} {p['unit']}")
    if gold.get("topic"):
        after, part = report.scores["figures"], report.by_topic.setdefault(gold["topic"], Score())
        part.tp += after.tp - figures_before.tp
        part.fp += after.fp - figures_before.fp
        part.fn += after.fn - figures_before.fn
    # locations
    s = report.scores["locations"]
    g_locs = {(fold_key(l["name"]), l["level"]): l for l in gold.get("locations", [])}
    p_locs = {(fold_key(p["name"]), p["level"]): p for p in predicted if p["kind"] == "location"}
    for key, g in g_locs.items():
        if key in p_locs:
            s.tp += 1
            report.total["province"] += 1
            ok = fold_key(g.get("province") or "") == fold_key(p_locs[key].get("province") or "")
            report.agree["province"] += int(ok)
            if not ok:
                report.misses.append(f"{doc_id}\twrong province\t{g['name']}\tgold {g.get('province')} / got {p_locs[key].get('province')}")
            if g.get("province_2025") is not None:  # gold written before the 2025 columns has none
                report.total["province_2025"] += 1
                ok = fold_key(g["province_2025"] or "") == fold_key(p_locs[key].get("province_2025") or "")
                report.agree["province_2025"] += int(ok)
                if not ok:
                    report.misses.append(f"{doc_id}\twrong province_2025\t{g['name']}\tgold {g['province_2025']} / got "
                                         f"{p_locs[key].get('province_2025')}")
        else:
            s.fn += 1
            report.misses.append(f"{doc_id}\tmissed location\t{g['name']} ({g['level']})")
    for key, p in p_locs.items():
        if key not in g_locs:
            s.fp += 1
            report.misses.append(f"{doc_id}\tspurious location\t{p['name']} ({p['level']})")
    # models
    s = report.scores["models"]
    p_models = [p["name"] for p in predicted if p["kind"] == "model"]
    used = set()
    for g in gold.get("models", []):
        hit = next((i for i, p in enumerate(p_models) if i not in used and _model_match(g["name"], p)), None)
        if hit is None:
            s.fn += 1
            report.misses.append(f"{doc_id}\tmissed model\t{g['name']}")
        else:
            used.add(hit)
            s.tp += 1
    for i, p in enumerate(p_models):
        if i not in used:
            s.fp += 1
            report.misses.append(f"{doc_id}\tspurious model\t{p}")


def load_gold(gold_dir: str | Path) -> list[dict]:
    out = []
    for path in sorted(Path(gold_dir).rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "figures" in data:
            data.setdefault("doc_id", path.stem)
            out.append(data)
    return out


def load_predictions(facts_jsonl: str | Path) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    with open(facts_jsonl, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                by_doc[row["doc_id"]].append(row)
    return by_doc


def load_topics(facts_jsonl: str | Path) -> dict[str, str]:
    """doc_id -> topic, from the documents.csv beside a facts.jsonl (empty when there is none)."""
    import csv

    path = Path(facts_jsonl).with_name("documents.csv")
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["doc_id"]: r.get("topic", "") for r in csv.DictReader(fh) if r.get("topic")}


def evaluate(gold_dir: str | Path, facts_jsonl: str | Path) -> Report:
    report = Report()
    predicted = load_predictions(facts_jsonl)
    topics = load_topics(facts_jsonl)
    for gold in load_gold(gold_dir):
        score_document(gold, predicted.get(gold["doc_id"], []), report, topics.get(gold["doc_id"]))
    return report
