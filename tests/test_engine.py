"""The Extractor: one object owns the rules and every component built from them; a rules folder
means the same through every entry point (the Python API, the CLI's extract and check, the spaCy
component, $VNFACTS_RULES)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from extractor.engine import Extractor
from extractor.rules import DEFAULT_RULES_DIR

# dev (map2025-dev N01): the day news was given dates nothing, by rules/periods.yaml report_verbs
REPORT = ("Ngày 18/2/2026, Phòng Cảnh sát hình sự Công an tỉnh Lâm Đồng cho biết, đơn vị này bắt giữ "
          "2 đối tượng cướp giật tài sản.")


@pytest.fixture(scope="module")
def no_report_rules(tmp_path_factory) -> Path:
    """A researcher's copy of rules/ that says nothing of report days."""
    folder = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    periods = yaml.safe_load((folder / "periods.yaml").read_text(encoding="utf-8"))
    periods["report_verbs"] = []
    (folder / "periods.yaml").write_text(yaml.safe_dump(periods, allow_unicode=True), encoding="utf-8")
    return folder


def period_of(facts) -> tuple[str, str]:
    fig = next(f for f in facts if f.surface.startswith("2 đối tượng"))
    return fig.period_start, fig.period_end


def test_an_extractor_owns_its_rules_and_components(no_report_rules):
    default, custom = Extractor(), Extractor(no_report_rules)
    assert period_of(default.extract(REPORT)) == ("", "")
    assert period_of(custom.extract(REPORT)) == ("2026-02-18", "2026-02-18")
    # each component was built from its own Extractor's rules, none shared
    assert custom.periods.rules is custom.rules and custom.linker.periods is custom.periods
    assert default.periods is not custom.periods and default.figures.lex is not custom.figures.lex
    assert period_of(default.extract(REPORT)) == ("", "")  # the custom one left the default as it was


def test_for_rules_gives_one_extractor_per_rules_folder(no_report_rules):
    assert Extractor.for_rules() is Extractor.for_rules(None)
    assert Extractor.for_rules(str(no_report_rules)) is Extractor.for_rules(no_report_rules)
    assert Extractor.for_rules(no_report_rules) is not Extractor.for_rules()


def test_the_spacy_component_reads_with_the_rules_of_its_config(no_report_rules):
    import spacy

    import extractor.spacy_component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vnfacts", config={"rules": str(no_report_rules)})
    doc = nlp(REPORT)
    assert period_of(doc._.facts) == ("2026-02-18", "2026-02-18")


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True,
                          env=env, cwd=Path(__file__).resolve().parent.parent)


def test_rules_flag_and_environment_mean_the_same_for_extract_and_check(no_report_rules, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(REPORT, encoding="utf-8")
    by_flag, by_env = tmp_path / "flag", tmp_path / "env"
    assert _cli("extract", str(text), "-o", str(by_flag), "-q", "--rules", str(no_report_rules)).returncode == 0
    env = dict(os.environ, VNFACTS_RULES=str(no_report_rules))
    assert _cli("extract", str(text), "-o", str(by_env), "-q", env=env).returncode == 0
    flag_rows = (by_flag / "facts.jsonl").read_text(encoding="utf-8")
    assert flag_rows == (by_env / "facts.jsonl").read_text(encoding="utf-8")
    fig = next(json.loads(l) for l in flag_rows.splitlines() if json.loads(l)["surface"].startswith("2 đối tượng"))
    assert (fig["period_start"], fig["period_end"]) == ("2026-02-18", "2026-02-18")
    # check reads the claim with the same rules: the day is the claim's period, and the table's
    claim = "Ngày 18/2/2026, Công an tỉnh Lâm Đồng cho biết, bắt giữ 2 đối tượng cướp giật tài sản."
    custom = _cli("check", claim, "--facts", str(by_flag), "--json", "--rules", str(no_report_rules))
    default = _cli("check", claim, "--facts", str(by_flag), "--json")
    custom_claim = json.loads(custom.stdout)["figures"][0]["figure"]
    default_claim = json.loads(default.stdout)["figures"][0]["figure"]
    assert custom_claim["period_start"] == "2026-02-18" and default_claim["period_start"] == ""
