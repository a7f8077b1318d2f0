"""Partner pages whose cost must not grow with what a municipality gathers over the years
(bench/scale.py measures them at the size of a big city)."""

from datetime import timedelta

from tests.processing.test_queries import counted
from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import AgreementVersion, JoinRequest, Role, utcnow


def _versions(app, make, partners, agreement, authors: int) -> None:
    people = [make.user(Role.PROCESSOR, partners.municipality) for _ in range(authors)]
    with app.app_context():
        db.session.add_all(
            AgreementVersion(
                agreement_id=agreement.id,
                number=number,
                title=f"Versie {number}",
                body=f"Afspraak {number}.",
                status="active",
                engagement=1,
                author_id=person.id,
            )
            for number, person in enumerate(people, 1)
        )
        db.session.commit()


def test_the_versions_page_costs_the_same_queries_whatever_the_number_of_authors(
    app, client, login, make, partners
):
    login(partners.head)
    counts = {}
    for authors in (2, 12):
        agreement = make.agreement(partners.municipality, partners.partner)
        _versions(app, make, partners, agreement, authors)
        path = partners.url(f"overeenkomsten/{agreement.id}/versies")
        client.get(path)
        with counted(app) as statements:
            page = client.get(path)
        assert page.status_code == 200
        rows = parse(page).find("table").find_all("tr")[1:]
        assert len(rows) == authors
        counts[authors] = len(statements)
    assert counts[12] == counts[2]


def test_join_requests_list_every_pending_one_and_the_latest_decisions(
    app, client, login, partners
):
    now = utcnow()
    with app.app_context():
        for number in range(56):
            pending = number in (0, 55)
            db.session.add(
                JoinRequest(
                    municipality_id=partners.municipality.id,
                    idempotency_key=f"schaal-{number}",
                    organisation_name=f"Vereniging {number:02d}",
                    contact_name="Dirk",
                    contact_email=f"dirk{number}@example.org",
                    status="pending" if pending else "declined",
                    decided_at=None if pending else now - timedelta(hours=number),
                    created_at=now - timedelta(hours=number),
                )
            )
        db.session.commit()
    login(partners.head)

    page = text(client.get(partners.url("partners/aanvragen")))

    assert "Vereniging 00" in page and "Vereniging 55" in page
    assert "Vereniging 01" in page and "Vereniging 50" in page
    assert "Vereniging 51" not in page and "Vereniging 54" not in page
