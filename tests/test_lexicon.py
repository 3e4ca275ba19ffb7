"""The lexicon compiler (extractor/lexicon.py): one place turns every word list into a regex, with
its matching said by the caller. Real entries of rules/ as examples."""
from __future__ import annotations

import pytest

from extractor.lexicon import LETTER_AFTER, LETTER_BEFORE, alternation, words_re
from extractor.rules import load


@pytest.mark.parametrize("words, text, found", [
    # links.yaml address_before: the longest entry wins at a position ("trú tại", not "trú")
    (["trú", "trú tại", "thường trú tại"], "Nguyễn Văn A, thường trú tại xã X", "thường trú tại"),
    # folded: old-style tones in the list match the normalised text ("hoà giải" -> "hòa giải")
    (["tổ hoà giải"], "Huyện có 46 tổ hòa giải.", "tổ hòa giải"),
    # any case by default: a sentence's first word
    (["cả nước"], "Cả nước có 191 vụ.", "Cả nước"),
    # whole words: "an ninh" is not inside "an ninhx", nor "hộ" inside "hội"
    (["hộ"], "Hội phụ nữ giúp 5 hộ nghèo.", "hộ"),
])
def test_a_word_list_matches_whole_words_longest_first(words, text, found):
    m = words_re(words).search(text)
    assert m is not None and m.group() == found


def test_matching_as_written_when_asked():
    # periods.yaml name_openers are capitalised: "Đề án" opens a name, "đề án" in running text does not
    openers = words_re(["Đề án", "Cúp"], fold=False, ignore_case=False)
    assert openers.search("Thực hiện Đề án 06") and not openers.search("các đề án khác")


def test_letters_only_boundaries_let_digits_touch():
    # models.yaml lists: a digit may touch an entry ("5tự quản" is a typo the text has), a letter may not
    cue = words_re(["tự quản"], before=LETTER_BEFORE, after=LETTER_AFTER)
    assert cue.search("5tự quản") and not cue.search("xtự quản")


def test_an_empty_list_compiles_to_nothing():
    assert words_re([]) is None


def test_alternation_keeps_each_entry_once_longest_first():
    assert alternation(["trú", "trú tại", "trú"]) == "(?:trú\\ tại|trú)"


def test_every_cue_list_of_the_rules_compiles():
    rules = load()
    lists = [rules.links["address_before"], rules.links["scene_cues"], rules.models["movement_cues"],
             rules.periods["targets"], rules.periods["report_verbs"], rules.units["member_cues_after"]]
    for words in lists:
        rx = words_re(words)
        assert all(rx.search(w) for w in words), words  # each entry finds itself
