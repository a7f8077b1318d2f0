"""The demo sites, built once per test session with published data, markers and hostile markup.

Tests that only read the built output share this build; tests that change data build their own
small sites in a temporary directory.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sites.builder import Summary, build_sites
from tests.sites import markers
from tests.sites.public_data import add_public_data
from webapp.demo.loader import load_demo
from webapp.extensions import db
from webapp.models import Meeting, Municipality
from webapp.public.reader import PublicSource


@dataclass
class Built:
    out: Path
    summary: Summary
    lines: list[str]
    planted: dict
    public_meetings: dict[str, set[int]] = field(default_factory=dict)

    def html_pages(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))

    def files(self) -> list[Path]:
        return sorted(p for p in self.out.rglob("*") if p.is_file())


@pytest.fixture(scope="session")
def built(app, tmp_path_factory) -> Built:
    out = tmp_path_factory.mktemp("sites")
    lines: list[str] = []
    with app.app_context():
        load_demo()
        add_public_data()
        planted = markers.plant("kortrijk")
        markers.plant_hostile("gent")
        db.session.commit()
        public_meetings = {}
        for municipality in db.session.scalars(db.select(Municipality)):
            public_meetings[municipality.slug] = set(
                db.session.scalars(
                    db.select(Meeting.id).where(
                        Meeting.municipality_id == municipality.id, Meeting.is_public.is_(True)
                    )
                )
            )
        summary = build_sites(out, PublicSource(), jobs=2, echo=lines.append)
        db.session.remove()
    return Built(out, summary, lines, planted, public_meetings)
