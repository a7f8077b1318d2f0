"""The microsite's "Wie werkt mee?": every organisation with its way of taking part and each
active agreement, and on every page the way into the app's submit and join-request forms."""

from sites.builder import build_sites
from tests.signals.helpers import parse
from webapp.extensions import db
from webapp.models import AgreementStatus, Engagement
from webapp.public.reader import PublicSource


def test_every_organisation_and_active_agreement_and_links_on_every_page(
    app, make, partners, tmp_path
):
    make.agreement(partners.municipality, partners.partner, Engagement.OWN_STAFF)
    overleg = make.organisation(partners.municipality, name="Buurthuis Overleg")
    make.agreement(partners.municipality, overleg, Engagement.CONSULTATION)
    draft_only = make.organisation(partners.municipality, name="School In Opmaak")
    draft = make.agreement(
        partners.municipality, draft_only, Engagement.STAFF_SIGNAL, AgreementStatus.DRAFT
    )
    with app.app_context():
        summary = build_sites(
            tmp_path,
            PublicSource(),
            slugs=["partnerstad"],
            echo=lambda line: None,
            app_url="https://app.example",
        )
        db.session.remove()
    assert summary.failed == 0

    site = tmp_path / "partnerstad"
    html = (site / "wie-werkt-mee" / "index.html").read_text()
    text = parse(html).text()
    assert "CAW Partnerstad" in text and "signaalverwerker van eigen personeel" in text
    assert "Buurthuis Overleg" in text and "draagt bij via overleg" in text
    # Listed as an organisation, but its draft agreement is not public.
    assert "School In Opmaak" in text
    assert html.count('href="overeenkomst-') + html.count("/overeenkomst-") == 2
    assert not (site / "wie-werkt-mee" / f"overeenkomst-{draft.id}").exists()

    for path in site.rglob("*.html"):
        html = path.read_text()
        assert 'href="https://app.example/partnerstad/signalen/nieuw"' in html, path
        assert 'href="https://app.example/partnerstad/meedoen"' in html, path
