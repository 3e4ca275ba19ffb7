"""The topic of an article: `security` or `other`, with a score, from cue words and weights that
are data in ``rules/topics.yaml`` (FACTS.md, Documents)."""
from __future__ import annotations


from .lexicon import words_re
from .text import fold_words


class TopicScorer:
    def __init__(self, rules):
        cfg = rules.topics or {}
        self.cfg = cfg
        cues = {fold_words(str(k)): float(v) for k, v in (cfg.get("cues") or {}).items()}
        self.weights = cues
        self.cue_re = words_re(cues, fold=False)  # the keys are folded already

    def score(self, title: str, body: str) -> tuple[str, float]:
        """(topic, topic_score in 0..1) for an article's title and in-scope body text."""
        if self.cue_re is None:
            return "other", 0.0
        cfg = self.cfg
        cap, title_weight = cfg.get("max_per_cue", 4), cfg.get("title_weight", 3)
        counts: dict[str, int] = {}
        total = 0.0
        for text, weight in ((title, title_weight), (body, 1)):
            for m in self.cue_re.finditer(text):
                cue = fold_words(m.group())
                counts[cue] = counts.get(cue, 0) + 1
                if counts[cue] <= cap:
                    total += self.weights.get(cue, 0) * weight
        norm = cfg.get("length_scale", 2) + len(body) / cfg.get("chars_per_unit", 400)
        value = total / norm
        topic_score = round(value / (value + 1), 3)
        return ("security" if topic_score >= cfg.get("threshold", 0.5) else "other"), topic_score
