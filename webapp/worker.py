"""The worker beside the web servers: `flask --app wsgi worker`.

It works in rounds, every `--interval` seconds (2 by default), and starts the next round at once
when a round found a full batch of mail due. Each round, in this order:

1. mail: sends up to `outbox.BATCH` due mails of the outbox; a failed one is retried later
   (30 s, doubling up to 6 h) and shows to the head processor.
2. report summaries: applies the signals marked stale to the reports' monthly summaries, so a
   report rarely has to do that itself.
3. public sites (unless `--no-sites`): rebuilds up to `--sites-per-round` microsites the app
   marked stale, and the overview, with links to the app at BASE_URL. Each site is leased in the
   database first (webapp/site_lease.py): two workers never build the same site at once. A
   failed build is recorded for the head processor and retried the next round.
4. throttle counters: once a minute, deletes the expired login and reset counters.

The app is imported once, so a card published in the app shows on its site within seconds.
SIGTERM or SIGINT ends the worker after the current round. `flask --app wsgi mail deliver`
sends one batch of mail and stops.
"""

import logging
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import delete, select

from webapp import outbox, site_lease
from webapp.extensions import db
from webapp.models import Municipality, SiteBuildFailure, SiteState, utcnow
from webapp.privacy import requests as privacy_requests
from webapp.public.reader import PublicSource
from webapp.reports import summary

log = logging.getLogger(__name__)

mail_cli = AppGroup("mail", help="The mail outbox.")

SITES_PER_ROUND = 20
PURGE_EVERY = 60.0
REMIND_EVERY = 600.0  # privacy requests near their deadline: a reminder once per request
# The overview's lease; never a slug (slugs hold only a-z, 0-9 and hyphens).
OVERVIEW_SITE = "_overzicht"
# This process's name on the leases it takes.
_HOLDER = site_lease.new_holder()


@dataclass
class SiteRound:
    built: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    overview: str = "unchanged"


def stale_sites(out: Path) -> list[str]:
    """The slugs whose site in `out` is missing or older than the app's stale mark.

    The ones that failed last come last, so that a site that keeps failing holds up no other.
    """
    from sites.state import BuildState

    states = BuildState(out).read_all()
    marks = dict(db.session.execute(select(SiteState.municipality_id, SiteState.generation)).all())
    failing = set(db.session.scalars(select(SiteBuildFailure.municipality_id)))
    rows = db.session.execute(select(Municipality.id, Municipality.slug)).all()
    stale = [
        (municipality_id in failing, slug)
        for municipality_id, slug in rows
        if not (out / slug / "index.html").is_file()
        or (states.get(slug) or {}).get("generation") != marks.get(municipality_id, 0)
    ]
    return [slug for _, slug in sorted(stale)]


def rebuild_stale_sites(
    out: Path, holder: str | None = None, limit: int = SITES_PER_ROUND
) -> SiteRound:
    """Build the stale microsites this worker can lease; remember failures per municipality."""
    from sites.builder import build_sites  # mkdocs and the theme: only where sites are built

    holder = holder or _HOLDER
    busy = site_lease.held_by_others(holder)
    wanted = [slug for slug in stale_sites(out) if slug not in busy][:limit]
    db.session.rollback()  # no read transaction held open while building
    taken = site_lease.take([*wanted, OVERVIEW_SITE], holder)
    if not taken:
        return SiteRound()
    slugs = [slug for slug in taken if slug != OVERVIEW_SITE]
    try:
        built = build_sites(
            out,
            PublicSource(),
            slugs=slugs,
            stale=True,
            echo=log.info,
            app_url=current_app.config["BASE_URL"],
            overview=OVERVIEW_SITE in taken,
        )
    finally:
        site_lease.release(taken, holder)
    ids = dict(db.session.execute(select(Municipality.slug, Municipality.id)).all())
    result = SiteRound(overview=built.overview)
    for outcome in built.results:
        municipality_id = ids.get(outcome.slug)
        if outcome.status == "built":
            result.built.append(outcome.slug)
        elif outcome.status == "failed":
            result.failed.append(outcome.slug)
        if municipality_id is None:
            continue
        failure = db.session.get(SiteBuildFailure, municipality_id)
        if outcome.status == "failed":
            if failure is None:
                failure = SiteBuildFailure(municipality_id=municipality_id, attempts=0)
                db.session.add(failure)
            failure.attempts += 1
            failure.error = (outcome.error or "onbekende fout")[-500:]
            failure.failed_at = utcnow()
        elif failure is not None:
            db.session.delete(failure)
    db.session.commit()
    return result


def purge_throttle_counters() -> None:
    from webapp.models import ThrottleCounter

    db.session.execute(delete(ThrottleCounter).where(ThrottleCounter.expires_at <= time.time()))
    db.session.commit()


class Stop:
    """Ends the loop after the current round on SIGTERM or SIGINT."""

    def __init__(self):
        self.requested = False
        signal.signal(signal.SIGTERM, self.request)
        signal.signal(signal.SIGINT, self.request)

    def request(self, *_):
        self.requested = True


@dataclass
class Worker:
    sites_out: Path | None  # None: no site builds
    sites_per_round: int = SITES_PER_ROUND
    last_purge: float = float("-inf")
    last_reminders: float = float("-inf")

    def round(self) -> bool:
        """One round of every task; True when more mail is due at once."""
        sent = outbox.deliver_due()
        if sent.sent or sent.failed:
            click.echo(f"Mail: {sent.sent} sent, {sent.failed} failed.")
        refreshed = summary.refresh()
        if refreshed:
            click.echo(f"Reports: summaries refreshed for {refreshed} signal(s).")
        if self.sites_out is not None:
            sites = rebuild_stale_sites(self.sites_out, limit=self.sites_per_round)
            if sites.built or sites.failed:
                click.echo(
                    f"Sites: built {', '.join(sites.built) or 'none'};"
                    f" failed {', '.join(sites.failed) or 'none'}."
                )
        if time.monotonic() - self.last_reminders > REMIND_EVERY:
            reminded = privacy_requests.send_reminders()
            if reminded.requests:
                click.echo(f"Privacy requests: {reminded.requests} near their deadline, reminded.")
            self.last_reminders = time.monotonic()
        if time.monotonic() - self.last_purge > PURGE_EVERY:
            purge_throttle_counters()
            # An agreement that starts or ends on a day no write touches: its site follows.
            from webapp.partners.services import refresh_sites_for_agreement_turns

            refresh_sites_for_agreement_turns()
            self.last_purge = time.monotonic()
        # A full batch means more mail is due: the next round starts at once.
        return sent.sent + sent.failed >= outbox.BATCH


@click.command("worker")
@click.option(
    "--interval", type=float, default=2.0, show_default=True, help="Seconds between rounds."
)
@click.option(
    "--sites-out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/sites"),
    show_default=True,
    help="Where the microsites are built.",
)
@click.option("--no-sites", is_flag=True, help="No microsite builds (mail and summaries only).")
@click.option(
    "--sites-per-round",
    type=click.IntRange(1),
    default=SITES_PER_ROUND,
    show_default=True,
    help="At most this many stale microsites built per round.",
)
@click.option("--once", is_flag=True, help="One round, then stop.")
def worker_command(
    interval: float, sites_out: Path, no_sites: bool, sites_per_round: int, once: bool
) -> None:
    """Send mail, refresh report summaries, rebuild stale microsites, purge counters."""
    worker = Worker(None if no_sites else sites_out, sites_per_round)
    stop = Stop()
    click.echo(f"Worker started (a round every {interval:g} s); stop with Ctrl+C.")
    while not stop.requested:
        backlog = False
        try:
            backlog = worker.round()
        except Exception:  # the database may be away for a while: try again next round
            log.exception("Worker round failed")
            db.session.rollback()
            if once:
                raise SystemExit(1) from None
        finally:
            db.session.remove()
        if once:
            break
        if backlog:
            continue
        for _ in range(int(interval * 10)):
            if stop.requested:
                break
            time.sleep(0.1)
    click.echo("Worker stopped.")


@mail_cli.command("deliver")
@click.option("--loop", is_flag=True, hidden=True)
def deliver_command(loop: bool) -> None:
    """Send one batch of the due mail of the outbox (the worker does this every round)."""
    if loop:
        raise click.UsageError("`mail deliver --loop` is now `flask --app wsgi worker`.")
    result = outbox.deliver_due()
    click.echo(f"Mail: {result.sent} sent, {result.failed} failed (retried later).")
