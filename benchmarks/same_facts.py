"""Do two revisions write the same facts? Byte for byte, on the corpus and the archive's first articles.

    python benchmarks/same_facts.py REV_A REV_B [--archive PATH] [--docs 5000] [--workers 2]

Each revision is checked out on its own (``git worktree``, detached, in a temporary folder) and
runs ``python -m extractor extract`` from there, as a user would from a clone of it, once on
``corpus/`` and once on the first ``--docs`` archive articles. Then ``facts.jsonl`` and
``documents.csv`` of the two are compared byte for byte. For a speed step the answer must be
"identical"; when they differ the first differing documents are listed, with what changed.

Exit status: 0 identical, 1 different, 2 a revision could not be checked out or run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "archive" / "baomoi-2017.jsonl.gz"
OUTPUTS = ("facts.jsonl", "documents.csv")


def checkout(rev: str, into: Path) -> Path:
    """A detached worktree of ``rev`` (a commit, a branch, HEAD); the working tree's uncommitted
    state is not part of any revision, so 'WORKTREE' means the current folder as it is."""
    if rev == "WORKTREE":
        return ROOT
    tree = into / rev.replace("/", "_")
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), rev],
                   check=True, capture_output=True, text=True)
    return tree


def run(tree: Path, inputs: list[str], out: Path, extra: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("VNFACTS_RULES", None)  # each revision with its own rules/
    cmd = [sys.executable, "-m", "extractor", "extract", *inputs, "-o", str(out), "-q", *extra]
    proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1: some input failed, and has its row in errors.csv
        raise RuntimeError(f"{' '.join(cmd)} in {tree} exited {proc.returncode}: {proc.stderr[-2000:]}")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def facts_by_doc(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                out[json.loads(line)["doc_id"]].append(line)
    return out


def explain(a: Path, b: Path, limit: int = 10) -> list[str]:
    """The first documents whose facts differ, and the first field that differs in each."""
    fa, fb = facts_by_doc(a / "facts.jsonl"), facts_by_doc(b / "facts.jsonl")
    lines = []
    for doc in sorted(set(fa) | set(fb)):
        if fa.get(doc) == fb.get(doc):
            continue
        ra, rb = fa.get(doc, []), fb.get(doc, [])
        what = f"{len(ra)} vs {len(rb)} rows"
        for x, y in zip(ra, rb):
            if x != y:
                dx, dy = json.loads(x), json.loads(y)
                field = next((k for k in dx if dx.get(k) != dy.get(k)), "?")
                what += f"; first change: {field} {dx.get(field)!r} -> {dy.get(field)!r} ({dx.get('surface')!r})"
                break
        lines.append(f"  {doc}: {what}")
        if len(lines) >= limit:
            break
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("rev_a")
    p.add_argument("rev_b", help="a commit, branch or tag; WORKTREE for the current folder as it is")
    p.add_argument("--archive", default=str(ARCHIVE))
    p.add_argument("--docs", type=int, default=5000, help="archive articles to compare (0: none)")
    p.add_argument("--workers", type=int, default=2)
    args = p.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="vnfacts-same-"))
    trees = []
    try:
        for rev in (args.rev_a, args.rev_b):
            trees.append(checkout(rev, tmp))
        jobs = [("corpus", ["corpus"], [])]
        if args.docs:
            jobs.append(("archive", [args.archive], ["--limit", str(args.docs), "--workers", str(args.workers)]))
        same = True
        for name, inputs, extra in jobs:
            outs = []
            for rev, tree in zip((args.rev_a, args.rev_b), trees):
                out = tmp / f"out-{name}-{len(outs)}"
                run(tree, inputs, out, extra)  # relative inputs are the revision's own (corpus/)
                outs.append(out)
            for fname in OUTPUTS:
                da, db = digest(outs[0] / fname), digest(outs[1] / fname)
                n = sum(1 for _ in open(outs[0] / fname, encoding="utf-8")) if (outs[0] / fname).exists() else 0
                verdict = "identical" if da == db else "DIFFERENT"
                print(f"{name} {fname}: {verdict} ({n} lines, sha256 {da[:12]}{'' if da == db else ' vs ' + db[:12]})")
                same &= da == db
            if digest(outs[0] / "facts.jsonl") != digest(outs[1] / "facts.jsonl"):
                print("\n".join(explain(outs[0], outs[1])))
        print(f"{args.rev_a} vs {args.rev_b}: {'identical facts' if same else 'the facts differ'}")
        return 0 if same else 1
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        print(f"error: {getattr(exc, 'stderr', '') or exc}", file=sys.stderr)
        return 2
    finally:
        for tree in trees:
            if tree != ROOT:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                               capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
