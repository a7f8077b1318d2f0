"""`sites build`: decide which sites need building, build them (in parallel), report.

The parent process reads each municipality's public snapshot through a `Source` (the app's
public read model, sites/source.py) and compares its fingerprint (snapshot + texts + generator
code) with the one recorded at the last build. Only the sites that differ are handed to mkdocs,
in worker processes when `jobs > 1`; the parent goes on reading the next municipality meanwhile.
Nothing is ever written to the database, and nothing here imports Flask or the app.
"""

import shutil
import time
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

from sites import content, render
from sites.source import Source
from sites.state import BuildState, code_digest, fingerprint, locked

OVERVIEW_KEY = "_overzicht"  # never a slug: slugs hold only a-z, 0-9 and hyphens


@dataclass
class Result:
    slug: str
    status: str  # built, unchanged or failed
    seconds: float = 0.0
    size: int = 0
    error: str = ""


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)
    # Records the personal-data guard kept off the sites (webapp/public/guard.py), one line each.
    withheld: list[str] = field(default_factory=list)
    seconds: float = 0.0
    overview: str = "unchanged"

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def built(self) -> int:
        return self.count("built")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def size(self) -> int:
        return sum(result.size for result in self.results)


@dataclass
class Task:
    slug: str
    snapshot: dict
    texts: dict
    fingerprint: str
    generation: int
    headline: dict
    started: float
    withheld: list[str] = field(default_factory=list)


def build_sites(
    out: Path,
    source: Source,
    slugs: list[str] | None = None,
    stale: bool = False,
    jobs: int = 1,
    force: bool = False,
    now: datetime | None = None,
    content_dir: Path = content.CONTENT_DIR,
    echo: Callable[[str], None] = print,
    app_url: str | None = None,
    overview: bool = True,
) -> Summary:
    """Build the sites of `slugs` (every municipality when None) and the overview.

    `app_url`: where the app runs; each page then links to its submit and join-request forms.
    `overview`: False leaves the overview alone (the worker that holds its lease builds it).
    """
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    out = out.resolve()
    summary = Summary()
    with locked(out, on_wait=lambda: echo("Another build of this directory runs: waiting.")):
        state = BuildState(out)
        states = state.read_all()
        places = source.places(slugs)
        if stale:
            places = [
                place
                for place in places
                if not (out / place.slug / "index.html").is_file()
                or (states.get(place.slug) or {}).get("generation") != place.generation
            ]
        runner = _Runner(out, jobs, state, summary, len(places), echo)
        code = code_digest() + source.code_digest()
        try:
            for place in places:
                slug = place.slug
                try:
                    texts = content.load_texts(slug, content_dir)
                    reading = source.read(place, now)
                    snapshot = reading.snapshot
                    snapshot["app_url"] = f"{app_url.rstrip('/')}/{slug}" if app_url else None
                    confirmed = source.confirmations_digest(reading)
                except Exception as error:  # one broken municipality must not stop the rest
                    runner.report(Result(slug, "failed", error=_describe(error)))
                    continue
                print_ = fingerprint(snapshot, content.digest(texts), code, confirmed)
                previous = states.get(slug)
                if (
                    not force
                    and previous is not None
                    and previous.get("fingerprint") == print_
                    and (out / slug / "index.html").is_file()
                ):
                    if previous.get("generation") != place.generation:
                        state.write(slug, {**previous, "generation": place.generation})
                    # The guard's verdict depends only on what the fingerprint covers.
                    _withheld(summary, slug, previous.get("withheld", []), echo)
                    runner.report(Result(slug, "unchanged"))
                    continue
                try:
                    withheld = source.screen(reading, now)
                    headline = source.headline(snapshot)
                except Exception as error:
                    runner.report(Result(slug, "failed", error=_describe(error)))
                    continue
                _withheld(summary, slug, withheld, echo)
                task = Task(
                    slug, snapshot, texts, print_, place.generation, headline, time.perf_counter()
                )
                task.withheld = withheld
                runner.submit(task)
            runner.finish()
        finally:
            runner.close()
            source.end_reading()
        if slugs is None and not stale:
            _prune(out, state, {place.slug for place in places})
        if overview:
            summary.overview = _build_overview(out, state, code, force, content_dir, app_url)
    summary.seconds = time.perf_counter() - started
    return summary


class _Runner:
    """Builds tasks in this process, or in a pool of processes once there are two or more."""

    def __init__(self, out, jobs, state, summary, total, echo):
        self.out, self.jobs, self.state, self.summary = out, jobs, state, summary
        self.total, self.echo = total, echo
        self.waiting: list[Task] = []
        self.running: dict[Future, Task] = {}
        self.pool: ProcessPoolExecutor | None = None

    def report(self, result: Result) -> None:
        self.summary.results.append(result)
        done = len(self.summary.results)
        width = len(str(self.total))
        line = f"[{done:>{width}}/{self.total}] {result.slug:<24} "
        if result.status == "built":
            line += f"built in {result.seconds:.2f} s ({result.size / 1024:.0f} KB)"
        elif result.status == "failed":
            line += f"FAILED: {result.error}"
        else:
            line += "unchanged"
        self.echo(line)

    def submit(self, task: Task) -> None:
        if self.jobs <= 1:
            self._run_here(task)
            return
        self.waiting.append(task)
        if self.pool is None and len(self.waiting) < 2:
            return  # one site alone is built here: starting processes would cost more
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=get_context("spawn"))
        for waiting in self.waiting:
            # render.build_site, not a function of this module: the workers then import
            # mkdocs and the theme only, never the app.
            future = self.pool.submit(render.build_site, waiting.snapshot, waiting.texts, self.out)
            self.running[future] = waiting
        self.waiting.clear()
        self._collect(block=len(self.running) > 4 * self.jobs)

    def _run_here(self, task: Task) -> None:
        try:
            size = render.build_site(task.snapshot, task.texts, self.out)
        except Exception as error:
            self.report(Result(task.slug, "failed", error=_describe(error)))
        else:
            self._done(task, size)

    def _collect(self, block: bool) -> None:
        if not self.running:
            return
        done, _ = wait(self.running, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
            task = self.running.pop(future)
            try:
                size = future.result()
            except Exception as error:
                self.report(Result(task.slug, "failed", error=_describe(error)))
            else:
                self._done(task, size)

    def _done(self, task: Task, size: int) -> None:
        self.state.write(
            task.slug,
            {
                "fingerprint": task.fingerprint,
                "generation": task.generation,
                "headline": task.headline,
                "withheld": task.withheld,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
        self.report(Result(task.slug, "built", time.perf_counter() - task.started, size))

    def finish(self) -> None:
        for task in self.waiting:
            self._run_here(task)
        self.waiting.clear()
        while self.running:
            self._collect(block=True)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _withheld(summary: Summary, slug: str, lines: list[str], echo) -> None:
    """Report the records the personal-data guard kept off this site (webapp/public/guard.py)."""
    for line in lines:
        echo(f"{slug}: {line}")
    summary.withheld.extend(f"{slug}: {line}" for line in lines)


def _prune(out: Path, state: BuildState, slugs: set[str]) -> None:
    """Remove the sites of municipalities that no longer exist."""
    for slug in state.read_all():
        if slug != OVERVIEW_KEY and slug not in slugs:
            shutil.rmtree(out / slug, ignore_errors=True)
            state.forget(slug)


def _build_overview(
    out: Path, state: BuildState, code: str, force: bool, content_dir, app_url=None
) -> str:
    states = state.read_all()
    headlines = sorted(
        (s["headline"] for slug, s in states.items() if slug != OVERVIEW_KEY and "headline" in s),
        key=lambda h: (h["name"].casefold(), h["slug"]),
    )
    headlines = [h for h in headlines if (out / h["slug"] / "index.html").is_file()]
    texts = content.load_texts(None, content_dir)
    print_ = fingerprint(headlines, content.digest(texts), code, app_url or "")
    previous = states.get(OVERVIEW_KEY)
    if (
        not force
        and previous
        and previous.get("fingerprint") == print_
        and (out / "index.html").is_file()
    ):
        return "unchanged"
    render.build_overview(headlines, texts, out, app_url)
    state.write(OVERVIEW_KEY, {"fingerprint": print_})
    return "built"


def _describe(error: Exception) -> str:
    message = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {message[0] if message else ''}"
    if not isinstance(error, render.BuildFailed):
        frame = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
        if frame:
            text += f" ({Path(frame[0].filename).name}:{frame[0].lineno})"
    return text
