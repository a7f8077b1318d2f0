"""Command-line tools: `flask --app wsgi demo load`, `municipalities create`, `users create`,
`notifications send-digest`, `search reindex`, `reports rebuild`, `sites build` (the public
microsites, in sites/cli.py), `worker` and `mail deliver` (in webapp/worker.py)."""

import re

import click
from email_validator import EmailNotValidError, validate_email
from flask import Flask
from flask.cli import AppGroup

from webapp.extensions import db
from webapp.models import Municipality, Organisation, Role
from webapp.routing import RESERVED_SEGMENTS


def register_cli(app: Flask) -> None:
    app.cli.add_command(demo_cli)
    app.cli.add_command(municipalities_cli)
    app.cli.add_command(users_cli)
    from sites.cli import sites_cli

    app.cli.add_command(sites_cli)
    app.cli.add_command(notifications_cli)
    from webapp.privacy.cli import privacy_cli

    app.cli.add_command(privacy_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(reports_cli)
    from webapp.worker import mail_cli, worker_command

    app.cli.add_command(mail_cli)
    app.cli.add_command(worker_command)
    from webapp import backup  # noqa: F401  (adds `db backup` and `db restore`)
    from webapp.auth.cli import secrets_cli

    app.cli.add_command(secrets_cli)


demo_cli = AppGroup("demo", help="Demo data.")
municipalities_cli = AppGroup("municipalities", help="Municipalities (tenants).")
users_cli = AppGroup("users", help="User accounts.")
notifications_cli = AppGroup("notifications", help="E-mails to processors.")
search_cli = AppGroup("search", help="The full-text index.")
reports_cli = AppGroup("reports", help="The reports' monthly summaries.")

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Only load when there is no municipality yet.")
def demo_load(if_empty: bool) -> None:
    """Load the demo municipalities, users and signals (idempotent)."""
    from webapp.demo.loader import DEMO_PASSWORD, load_demo

    if if_empty and db.session.scalars(db.select(Municipality)).first():
        click.echo("The database holds data already: demo data not loaded.")
        return
    created = load_demo()
    db.session.commit()
    from webapp.reports import summary

    summary.refresh()
    if created:
        click.echo(f"Demo data loaded for: {', '.join(created)}.")
        click.echo(f"Every demo account has the password {DEMO_PASSWORD!r}.")
    else:
        click.echo("Demo data was loaded before: nothing to do.")


@municipalities_cli.command("create")
@click.option("--slug", required=True, help="Used in URLs, e.g. oud-turnhout.")
@click.option("--name", required=True)
@click.option("--contact-email")
@click.option("--public-url")
def municipalities_create(slug, name, contact_email, public_url) -> None:
    """Create a municipality with the default themes and target groups."""
    from webapp.admin.services import create_municipality

    slug = slug.strip().lower()
    if not SLUG_PATTERN.fullmatch(slug) or len(slug) > 60:
        raise click.ClickException(
            f"Slug {slug!r} is not usable in a URL: use at most 60 of a-z, 0-9 and single hyphens."
        )
    if slug in RESERVED_SEGMENTS:
        raise click.ClickException(f"Slug {slug!r} is a path of the application itself.")
    if db.session.scalars(db.select(Municipality).filter_by(slug=slug)).first():
        raise click.ClickException(f"A municipality with slug {slug!r} exists already.")
    municipality = create_municipality(slug, name.strip(), contact_email, public_url)
    db.session.commit()
    click.echo(f"Municipality {municipality.name} created at /{slug}/.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--municipality", "municipality_slug", help="Slug; ignored for the network role.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--organisation", help="Name of the organisation; created when new.")
@click.option("--password", help="Without it the user sets one through 'wachtwoord vergeten'.")
def users_create(email, name, municipality_slug, role, organisation, password) -> None:
    """Create a user with a role in a municipality."""
    from webapp.auth.forms import MIN_PASSWORD
    from webapp.auth.services import create_user, find_user

    role = Role(role)
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise click.ClickException(f"{email!r} is not a valid e-mail address: {error}") from None
    if find_user(email):
        raise click.ClickException(f"A user with e-mail {email} exists already.")
    if password is not None and len(password) < MIN_PASSWORD:
        raise click.ClickException(f"A password needs at least {MIN_PASSWORD} characters.")
    municipality = None
    if role != Role.NETWORK:
        if not municipality_slug:
            raise click.ClickException("--municipality is required for this role.")
        municipality = db.session.scalars(
            db.select(Municipality).filter_by(slug=municipality_slug)
        ).first()
        if municipality is None:
            raise click.ClickException(f"No municipality with slug {municipality_slug!r}.")
    org = None
    if organisation and municipality is not None:
        org = db.session.scalars(
            db.select(Organisation).filter_by(municipality_id=municipality.id, name=organisation)
        ).first() or Organisation(municipality=municipality, name=organisation)
    create_user(email, name, role, municipality, organisation=org, password=password)
    db.session.commit()
    where = f" in {municipality.name}" if municipality else ""
    click.echo(f"User {email} created as {role.value}{where}.")


@notifications_cli.command("send-digest")
def notifications_send_digest() -> None:
    """Queue for each digest processor the new signals in their scope (daily, e.g. by cron)."""
    from webapp.notifications import send_digests

    result = send_digests()
    click.echo(
        f"Digests sent: {result.sent}; nothing new for: {result.nothing_new}. "
        "They wait in the outbox for the worker (`flask --app wsgi worker`)."
    )


@search_cli.command("reindex")
def search_reindex() -> None:
    """Recompute the index terms of every signal and card (after the synonym list changed)."""
    from webapp import search
    from webapp.models import Signal, SignalCard

    signals = search.reindex_all(db.session, Signal)
    cards = search.reindex_all(db.session, SignalCard)
    db.session.commit()
    click.echo(f"{signals} signalen en {cards} fiches opnieuw geïndexeerd.")


@reports_cli.command("rebuild")
def reports_rebuild() -> None:
    """Recompute every signal's contribution to the report summaries from the raw tables."""
    from webapp.reports import summary

    click.echo(f"Rapportsamenvattingen opnieuw opgebouwd: {summary.rebuild()} signalen.")


@reports_cli.command("refresh")
def reports_refresh() -> None:
    """Apply the signals marked stale to the summaries (the worker loop does this every round)."""
    from webapp.reports import summary

    click.echo(f"Rapportsamenvattingen bijgewerkt: {summary.refresh()} signalen.")
