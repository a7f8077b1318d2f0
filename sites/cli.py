"""`flask --app wsgi sites build [SLUG ...|--all] [--stale] [--out DIR] [--jobs N] [--force]`."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from webapp.public.reader import PublicSource
from webapp.public.snapshot import unknown_slugs

sites_cli = AppGroup("sites", help="The public microsites of the municipalities.")

DEFAULT_OUT = Path("build/sites")


@sites_cli.command("build")
@click.argument("slugs", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every municipality (the default without SLUG).")
@click.option("--stale", is_flag=True, help="Only municipalities the app marked as changed.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Output directory; it also keeps the build state.",
)
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True)
@click.option("--force", is_flag=True, help="Rebuild even what did not change.")
def build_command(slugs, all_, stale, out, jobs, force) -> None:
    """Build the public sites and the overview; unchanged sites are skipped."""
    # Imported here, not at the top: every start of the app registers this command, and only
    # this command needs mkdocs and the theme.
    from sites.builder import build_sites

    if slugs and all_:
        raise click.UsageError("Give slugs or --all, not both.")
    if slugs:
        unknown = unknown_slugs(list(slugs))
        if unknown:
            raise click.ClickException(f"No municipality with slug: {', '.join(unknown)}.")
    summary = build_sites(
        out,
        PublicSource(),
        slugs=list(slugs) or None,
        stale=stale,
        jobs=jobs,
        force=force,
        echo=click.echo,
        app_url=current_app.config["BASE_URL"],
    )
    click.echo(
        f"Sites: {summary.built} built, {summary.unchanged} unchanged, {summary.failed} failed"
        f" (overview {summary.overview}) in {summary.seconds:.1f} s, output in {out}/."
    )
    if summary.withheld:
        click.echo(
            f"{len(summary.withheld)} records withheld: the personal-data guard flagged their "
            "text. Fix it, or have a head processor confirm it in the app, and build again."
        )
    if summary.failed or summary.withheld:
        raise SystemExit(1)
