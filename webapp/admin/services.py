"""Creating municipalities with their defaults."""

from webapp.admin.defaults import DEFAULT_TARGET_GROUPS, DEFAULT_THEMES
from webapp.extensions import db
from webapp.models import Municipality, TargetGroup, Theme


def create_municipality(
    slug: str,
    name: str,
    contact_email: str | None = None,
    public_url: str | None = None,
    coordinator_name: str | None = None,
) -> Municipality:
    """A new municipality with the default themes and target groups."""
    municipality = Municipality(
        slug=slug,
        name=name,
        contact_email=contact_email,
        public_url=public_url,
        coordinator_name=coordinator_name,
    )
    municipality.themes = [
        Theme(slug=s, name=n, position=i) for i, (s, n) in enumerate(DEFAULT_THEMES)
    ]
    municipality.target_groups = [
        TargetGroup(slug=s, name=n, position=i) for i, (s, n) in enumerate(DEFAULT_TARGET_GROUPS)
    ]
    db.session.add(municipality)
    db.session.flush()
    from webapp.network.themes import map_defaults  # the network's vocabulary of themes

    map_defaults(municipality)
    return municipality
