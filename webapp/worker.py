"""The long-running worker beside the web servers: `flask --app wsgi mail deliver [--loop]`.

One pass sends the due mail of the outbox. With --loop it keeps doing that every few seconds
(at once while a full batch was due),
and also rebuilds the public microsites the app marked stale, in this process (the app is
imported once, so a card published in the app shows on its site within seconds), records a
failed build for the head processor and retries it on the next round. It also refreshes the
report summaries with the signals marked stale, so a report rarely has to do that itself.
"""

import logging
import signal
import time
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import delete, select

from webapp import outbox
from webapp.extensions import db
from webapp.models import Municipality, SiteBuildFailure, utcnow
from webapp.reports import summary

log = logging.getLogger(__name__)

mail_cli = AppGroup("mail", help="The mail outbox.")


def rebuild_stale_sites(out: Path) -> dict[str, int]:
    """Build the stale microsites; remember failures per municipality, forget them on success."""
    from sites.builder import build_sites

    summary = build_sites(out, stale=True, echo=log.info)
    ids = dict(db.session.execute(select(Municipality.slug, Municipality.id)).all())
    for result in summary.results:
        municipality_id = ids.get(result.slug)
        if municipality_id is None:
            continue
        failure = db.session.get(SiteBuildFailure, municipality_id)
        if result.status == "failed":
            if failure is None:
                failure = SiteBuildFailure(municipality_id=municipality_id, attempts=0)
                db.session.add(failure)
            failure.attempts += 1
            failure.error = (result.error or "onbekende fout")[-500:]
            failure.failed_at = utcnow()
        elif failure is not None:
            db.session.delete(failure)
    db.session.commit()
    return {"built": summary.built, "failed": summary.failed}


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


@mail_cli.command("deliver")
@click.option(
    "--loop", is_flag=True, help="Keep running: mail, stale microsites and report summaries."
)
@click.option(
    "--interval", type=float, default=2.0, show_default=True, help="Seconds between rounds."
)
@click.option(
    "--sites-out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/sites"),
    show_default=True,
    help="Where the microsites are built (with --loop).",
)
@click.option("--no-sites", is_flag=True, help="Only mail, no microsite builds.")
def deliver_command(loop: bool, interval: float, sites_out: Path, no_sites: bool) -> None:
    """Send the due mail of the outbox (one pass, or --loop)."""
    if not loop:
        result = outbox.deliver_due()
        click.echo(f"Mail: {result.sent} sent, {result.failed} failed (retried later).")
        return
    stop = Stop()
    last_purge = 0.0
    click.echo(f"Mail worker started (every {interval:g} s); stop with Ctrl+C.")
    while not stop.requested:
        backlog = False
        try:
            result = outbox.deliver_due()
            # A full batch means more mail is due: the next round starts at once.
            backlog = result.sent + result.failed >= outbox.BATCH
            if result.sent or result.failed:
                click.echo(f"Mail: {result.sent} sent, {result.failed} failed.")
            refreshed = summary.refresh()
            if refreshed:
                click.echo(f"Reports: summaries refreshed for {refreshed} signal(s).")
            if not no_sites:
                built = rebuild_stale_sites(sites_out)
                if built["built"] or built["failed"]:
                    click.echo(f"Sites: {built['built']} built, {built['failed']} failed.")
            if time.monotonic() - last_purge > 60:
                purge_throttle_counters()
                last_purge = time.monotonic()
        except Exception:  # the database may be away for a while: try again next round
            log.exception("Worker round failed")
            db.session.rollback()
        finally:
            db.session.remove()
        if backlog:
            continue
        for _ in range(int(interval * 10)):
            if stop.requested:
                break
            time.sleep(0.1)
    click.echo("Mail worker stopped.")
