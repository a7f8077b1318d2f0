"""`flask --app wsgi privacy purge [--dry-run] [SLUG ...]` and `privacy retention SLUG ...`."""

import click
from flask.cli import AppGroup

from webapp.extensions import db
from webapp.models import Municipality
from webapp.privacy import retention

privacy_cli = AppGroup("privacy", help="Privacy: retention periods and the purge.")


def _municipalities(slugs: tuple[str, ...]) -> list[Municipality]:
    query = db.select(Municipality).order_by(Municipality.slug)
    if slugs:
        query = query.where(Municipality.slug.in_(slugs))
    found = list(db.session.scalars(query))
    missing = set(slugs) - {m.slug for m in found}
    if missing:
        raise click.UsageError(f"Unknown municipality: {', '.join(sorted(missing))}")
    return found


@privacy_cli.command("purge")
@click.argument("slugs", nargs=-1)
@click.option("--dry-run", is_flag=True, help="Only print what would be removed.")
def purge(slugs: tuple[str, ...], dry_run: bool) -> None:
    """Remove personal data whose retention period ended (every municipality by default)."""
    total = 0
    for municipality in _municipalities(slugs):
        result = retention.purge(municipality, dry_run=dry_run)
        total += result.total
        click.echo(result.line())
        if dry_run:
            db.session.rollback()
        else:
            db.session.commit()
    verb = "would be removed" if dry_run else "removed"
    click.echo(f"{total} items {verb}.")


@privacy_cli.command("retention")
@click.argument("slug")
@click.option("--contact-email-days", type=click.IntRange(min=1))
@click.option("--closed-links-days", type=click.IntRange(min=1))
@click.option("--inactive-account-days", type=click.IntRange(min=1))
@click.option("--default", "use_default", is_flag=True, help="Back to the global periods.")
def set_retention(slug: str, use_default: bool, **days) -> None:
    """Show, or set, a municipality's own retention periods (in days)."""
    (municipality,) = _municipalities((slug,))
    chosen = {name: value for name, value in days.items() if value is not None}
    if use_default:
        chosen = dict.fromkeys(retention.PERIODS)
    if chosen:
        retention.set_periods(municipality, **chosen)
        db.session.commit()
    periods = retention.periods_for(municipality)
    click.echo(
        f"{municipality.slug}: contact addresses {periods.contact_email_days} days, "
        f"links of closed signals {periods.closed_links_days} days, "
        f"inactive accounts {periods.inactive_account_days} days"
    )
