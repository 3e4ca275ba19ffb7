"""Whole archives: documents in chunks, on one process, local processes or Dask; resumable.

The input stream (``read.iter_documents``) is cut into chunks of ``chunk_size`` documents, in
input order. Each chunk is one task: a worker runs the pipeline on its documents and renders
the part's tables (``write.render_part``); the parent saves each part as it arrives and, at the
end, merges the parts in order. Chunks are the same whatever the engine or the number of
workers, so the merged tables are too. With ``resume``, finished parts (those with a ``.done``
marker) are kept and only the rest is run: a killed run (even ``kill -9``) loses at most the
chunks in flight.
"""
from __future__ import annotations

import concurrent.futures as cf
import concurrent.futures.process  # noqa: F401  (cf.process.BrokenProcessPool)
import gzip
import itertools
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__
from .records import KINDS, DocumentResult, InputError
from .write import Part, PartStore, render_part, write_sqlite

ENGINES = ("local", "dask")


class ResumeMismatch(ValueError):
    """``--resume`` on an output folder made from other inputs or options."""


@dataclass
class BatchSummary:
    n_docs: int = 0
    n_facts: int = 0
    n_errors: int = 0
    n_parts: int = 0
    resumed_parts: int = 0
    resumed_docs: int = 0
    kinds: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    elapsed: float = 0.0

    def add(self, counts: dict) -> None:
        self.n_parts += 1
        self.n_docs += counts["n_docs"]
        self.n_facts += counts["n_facts"]
        self.n_errors += counts["n_errors"]
        for k, n in counts["kinds"].items():
            self.kinds[k] = self.kinds.get(k, 0) + n


@dataclass(frozen=True)
class Task:
    """What every chunk's task is run with: the rules folder, and the topic whose facts are kept
    (``--topic``; None keeps all)."""

    rules_dir: str | None = None
    topic: str | None = None


def process_chunk(index: int, items: list, task: Task | str | None = None) -> Part:
    """A worker's task: the pipeline on every item of one chunk, rendered as a Part."""
    from .engine import Extractor

    task = task if isinstance(task, Task) else Task(rules_dir=task)
    ex = Extractor.for_rules(task.rules_dir)  # the worker's one Extractor, built on its first chunk
    results = [
        DocumentResult(item.doc_id, item.source, "error", error=item) if isinstance(item, InputError)
        else ex.process(item, keep_topic=task.topic)
        for item in items
    ]
    try:
        return render_part(index, results)
    except Exception:  # one result the tables cannot hold: find it, make it an error row
        return render_part(index, [_renderable(index, r) for r in results])


def _renderable(index: int, result: DocumentResult) -> DocumentResult:
    try:
        render_part(index, [result])
        return result
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"
        return DocumentResult(result.doc_id, result.source, "error", n_chars=result.n_chars,
                              error=InputError(result.doc_id, result.source, "write", "exception", detail))


def failed_part(index: int, items: list, exc: BaseException) -> Part:
    """When a worker dies on a chunk, every document of it becomes an error row."""
    message = f"the worker failed on this chunk: {type(exc).__name__}: {exc}"
    return render_part(index, (
        DocumentResult(item.doc_id, item.source, "error", n_chars=len(getattr(item, "text", "")),
                       error=InputError(item.doc_id, item.source, "batch", "worker_failed", message))
        for item in items))


def chunked(items: Iterable, size: int) -> Iterator[tuple[int, list]]:
    it = iter(items)
    for index in itertools.count():
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield index, chunk


def count_documents(inputs: Iterable, limit: int | None = None, fmt: str | None = None) -> int | None:
    """How many documents the inputs (``read.expand``'s items) hold, when that is cheap to know
    (for the progress bar's ETA): files and JSON Lines lines are counted, Parquet rows read from
    the footer; CSV, WARC and standard input are not known in advance (None, or ``limit``)."""
    from .read import STDIN, format_of

    total = 0
    for path in inputs:
        kind = "error" if isinstance(path, InputError) else None if path == STDIN else \
            fmt or format_of(path) or "txt"
        if kind in ("error", "txt", "html") or (kind and not Path(path).exists()):
            total += 1
        elif kind == "jsonl":
            opener = gzip.open if str(path).endswith(".gz") else open
            try:
                with opener(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                total += 1
        elif kind == "parquet":
            import pyarrow.parquet as pq

            try:
                total += pq.ParquetFile(path).metadata.num_rows
            except Exception:  # unreadable: one error row
                total += 1
        else:
            return limit
        if limit is not None and total >= limit:
            return limit
    return total


class _Progress:
    """tqdm on stderr: documents/s and ETA; silent with ``quiet``."""

    def __init__(self, total: int | None, initial: int, quiet: bool):
        from tqdm import tqdm

        self.quiet = quiet
        self.shown_errors = 0
        self.bar = tqdm(total=total, initial=initial, unit="doc", desc="vnfacts", file=sys.stderr,
                        disable=quiet, dynamic_ncols=True, smoothing=0.05)

    def part(self, part: Part) -> None:
        self.bar.update(part.n_docs)
        for err in part.errors:
            if self.quiet:
                break
            self.shown_errors += 1
            if self.shown_errors <= 20:
                self.bar.write(f"error: {err.doc_id}: {err.reason}: {err.message}", file=sys.stderr)
            elif self.shown_errors == 21:
                self.bar.write("error: ... (more in errors.csv)", file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _local_pool(workers: int):
    import multiprocessing as mp

    # forkserver: safe beside the parent's threads, and workers share the parent's imports
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    ctx.set_forkserver_preload(["extractor.pipeline"])
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_exit_with_parent,
                                  initargs=(os.getpid(),))


def _exit_with_parent(parent: int) -> None:
    """In a worker: leave when the batch's process is gone (``kill -9`` leaves no one to stop us)."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass

    threading.Thread(target=watch, daemon=True).start()


class _Runner:
    """Chunks on a pool (processes, Dask, or this process), ``max_in_flight`` at a time; each
    part is handed to ``on_part`` as it arrives. A chunk whose task fails is tried once more
    (on a fresh pool when the pool broke: a worker died); failing again, its documents become
    error rows (reason ``worker_failed``), and the batch goes on."""

    def __init__(self, make_pool: Callable, wait_first: Callable, task, max_in_flight: int,
                 on_part: Callable[[Part], None], shutdown: Callable | None = None, broken: tuple = ()):
        self.make_pool, self.wait_first, self.task = make_pool, wait_first, task
        self.max_in_flight, self.on_part, self.shutdown, self.broken = max_in_flight, on_part, shutdown, broken
        self.pool, self.generation = make_pool(), 0
        self.pending: dict = {}

    def run(self, chunks) -> None:
        try:
            for index, items in chunks:
                while len(self.pending) >= self.max_in_flight:
                    self._settle_some()
                self._submit(index, items, 0)
            while self.pending:
                self._settle_some()
        finally:
            if self.shutdown:
                self.shutdown(self.pool)

    def _renew(self, generation: int) -> None:
        """A fresh pool for a broken one, once however many of its tasks report it."""
        if generation == self.generation:
            old, self.pool = self.pool, self.make_pool()
            self.generation += 1
            if self.shutdown:
                self.shutdown(old)

    def _submit(self, index: int, items: list, attempt: int) -> None:
        for _ in range(2):
            try:
                fut = self.pool.submit(process_chunk, index, items, self.task)
            except self.broken as exc:
                self._renew(self.generation)
                error = exc
                continue
            self.pending[fut] = (index, items, attempt, self.generation)
            return
        self.on_part(failed_part(index, items, error))

    def _settle_some(self) -> None:
        for fut in self.wait_first(list(self.pending)):
            index, items, attempt, generation = self.pending.pop(fut)
            try:
                part = fut.result()
            except Exception as exc:  # the worker died or the task raised: never lose the chunk
                if isinstance(exc, self.broken):
                    self._renew(generation)
                if attempt == 0:
                    self._submit(index, items, 1)
                else:
                    self.on_part(failed_part(index, items, exc))
                continue
            self.on_part(part)  # outside the try: a failure to save is not a worker's failure


def _fingerprint(inputs: Iterable, rules_dir: str | None) -> dict:
    """What a resumed run must find unchanged: every input file (size, time) and the rules."""
    import hashlib

    from . import rules as rules_mod
    from .read import STDIN

    digest = hashlib.sha1()
    for path in inputs:
        if isinstance(path, Path):
            try:
                st = path.stat()
                digest.update(f"{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "replace"))
            except OSError:
                digest.update(f"{path}\0missing\n".encode("utf-8", "replace"))
        elif path == STDIN:
            digest.update(b"<stdin>\n")
    rules = hashlib.sha1()
    folder = Path(rules_dir) if rules_dir else rules_mod.rules_dir()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            rules.update(f.name.encode() + b"\0" + f.read_bytes())
    return {"inputs": digest.hexdigest(), "rules": rules.hexdigest()}


def run_batch(paths: list[str], out_dir: str | Path, *, workers: int = 1, engine: str = "local",
              scheduler: str | None = None, chunk_size: int = 200, limit: int | None = None,
              resume: bool = False, sqlite: str | Path | None = None, rules_dir: str | None = None,
              quiet: bool = False, keep_parts: bool = False, topic: str | None = None,
              **read_options) -> BatchSummary:
    """Run the pipeline over every document under ``paths`` into ``out_dir`` (see module doc)."""
    from .read import expand, iter_documents

    started = time.perf_counter()
    store = PartStore(out_dir)
    inputs = list(expand(paths, exclude=[out_dir]))  # walked once: for the fingerprint and the count
    manifest = {"vnfacts": __version__, "paths": [p if p == "-" else str(Path(p).resolve()) for p in paths],
                "limit": limit, "chunk_size": chunk_size, "rules": str(Path(rules_dir).resolve()) if rules_dir else None,
                "read_options": read_options, "topic": topic, **_fingerprint(inputs, rules_dir)}
    finished: dict[int, dict] = {}
    completed = _read_json(Path(out_dir) / "run.json")
    previous = store.manifest() if store.dir.exists() else completed.get("manifest")
    if resume and previous is not None and previous != manifest:
        changed = sorted(k for k in manifest if previous.get(k) != manifest[k])
        raise ResumeMismatch(f"{out_dir} was started with other inputs, rules or options ({', '.join(changed)}); "
                             "run without --resume to start over")
    if resume and completed.get("manifest") == manifest and not store.dir.exists():
        summary = BatchSummary(**{k: v for k, v in completed["summary"].items() if k != "elapsed"})
        summary.resumed_parts, summary.resumed_docs = summary.n_parts, summary.n_docs
        if sqlite:
            write_sqlite(out_dir, sqlite)
        return summary  # that run had finished: nothing to redo
    if resume and previous is not None:
        finished = store.done()
    else:
        store.reset(manifest)
        (Path(out_dir) / "run.json").unlink(missing_ok=True)

    summary = BatchSummary()
    for counts in finished.values():
        summary.add(counts)
    summary.resumed_parts, summary.resumed_docs = len(finished), summary.n_docs
    total = count_documents(inputs, limit, read_options.get("fmt")) if not quiet else None
    progress = _Progress(total, summary.n_docs, quiet)

    def on_part(part: Part) -> None:
        store.save(part)
        summary.add(part.counts())
        progress.part(part)

    items = iter_documents(paths, exclude=[out_dir], **read_options)
    if limit is not None:
        items = itertools.islice(items, limit)
    chunks = ((i, c) for i, c in chunked(items, chunk_size) if i not in finished)
    task = Task(rules_dir, topic)
    try:
        if engine == "dask":
            _run_dask(chunks, task, workers, scheduler, on_part)
        elif workers > 1:
            _Runner(lambda: _local_pool(workers), _wait_first_local, task, 2 * workers, on_part,
                    shutdown=lambda pool: pool.shutdown(wait=False, cancel_futures=True),
                    broken=(cf.process.BrokenProcessPool,)).run(chunks)
        else:
            _Runner(lambda: _InProcess(), lambda fs: fs, task, 1, on_part).run(chunks)
    finally:
        progress.close()
    store.merge(store.done())
    if sqlite:
        write_sqlite(out_dir, sqlite)
    summary.elapsed = time.perf_counter() - started
    (Path(out_dir) / "run.json").write_text(json.dumps({"manifest": manifest, "summary": asdict(summary)}, indent=1))
    if not keep_parts:
        store.remove()
    return summary


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


class _InProcess:
    """The one-process engine: each task runs at once, in this process, through the same loop."""

    @staticmethod
    def submit(fn, *args) -> cf.Future:
        fut = cf.Future()
        try:
            fut.set_result(fn(*args))
        except Exception as exc:
            fut.set_exception(exc)
        return fut


def _wait_first_local(futures):
    return cf.wait(futures, return_when=cf.FIRST_COMPLETED).done


def _run_dask(chunks, task: Task, workers: int, scheduler: str | None, on_part) -> None:
    """Dask distributed: an existing cluster at ``scheduler``, or a LocalCluster of ``workers``."""
    import logging

    from distributed import Client, LocalCluster, wait

    logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               silence_logs=logging.WARNING, scheduler_kwargs={"dashboard": False})
        client = Client(cluster)
    n_workers = max(len(client.scheduler_info().get("workers", {})), workers, 1)

    class _Pool:  # Client.submit, with tasks never cached as "pure"
        submit = staticmethod(lambda fn, *args: client.submit(fn, *args, pure=False))

    try:
        _Runner(lambda: _Pool(), lambda fs: wait(fs, return_when="FIRST_COMPLETED").done,
                task, 2 * n_workers, on_part).run(chunks)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
