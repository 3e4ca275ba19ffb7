"""The README's two set-up commands are what CI proves: keep them in step with .ci/run."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, re.S)][:2]


def test_ci_runs_the_readme_test_command():
    main_cmd, test_cmd = readme_commands()
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    ci_cmds = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci_cmds == [test_cmd]
    assert "pytest" in test_cmd and "vnfacts extract corpus -o out" in main_cmd
    # the browser the report's tests drive is installed before pytest runs
    steps = [s.strip() for s in test_cmd.split("&&")]
    assert steps.index("sh tests/install-browser.sh") < steps.index("python -m pytest -q")
    assert (ROOT / "tests/install-browser.sh").is_file()


def test_readme_main_job_runs(tmp_path):
    """The main job's command (after its install step, which CI's own install covers)."""
    main_cmd = readme_commands()[0]
    job = main_cmd.split("&&")[-1].strip().replace(" -o out", f" -o {tmp_path / 'out'}")
    proc = subprocess.run(job, shell=True, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    import pandas as pd

    table = pd.read_parquet(tmp_path / "out" / "facts.parquet")
    lines = (tmp_path / "out" / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(table) == len(lines) > 1000  # every row of the corpus in both, the same number
    assert {"000_1eae1c15021009c4", "E1", "N01"} <= set(table["doc_id"])


def test_readme_accuracy_table_is_what_the_code_measures_now():
    """The README's accuracy numbers are measured, not written by hand: after a rule change,
    `python benchmarks/accuracy.py --write` brings them up to date."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import accuracy
    finally:
        sys.path.pop(0)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- accuracy -->\n", 1)[1].split("\n\n", 1)[0]
    assert block == accuracy.table()


def test_every_gold_article_has_its_own_id():
    """Two gold files with one doc_id would score one article's facts against the other's gold
    (the extractor names the second "X~2"): every id in corpus/ is unique, and is its file's name."""
    import json
    from collections import Counter

    golds = sorted(ROOT.glob("corpus/*/*.json"))
    ids = Counter(json.loads(p.read_text(encoding="utf-8"))["doc_id"] for p in golds)
    assert len(golds) > 150 and [i for i, n in ids.items() if n > 1] == []
    assert all(json.loads(p.read_text(encoding="utf-8"))["doc_id"] == p.stem for p in golds)
