"""Activating an agreement says truthfully when the public sees it, without jargon; an
agreement that starts or ends on a later day moves its site's data version on that day."""

from datetime import UTC, date, datetime, timedelta

import pytest

from common.dutch import long_date
from tests.partners.conftest import set_agreement
from tests.signals.helpers import parse
from tests.sites.test_site_state import generation
from webapp.extensions import db
from webapp.models import Agreement, AgreementStatus, Engagement, SiteState
from webapp.partners import services


@pytest.fixture
def draft(make, partners):
    return make.agreement(
        partners.municipality, partners.partner, Engagement.OWN_STAFF, AgreementStatus.DRAFT
    )


def _activate(client, partners, agreement) -> str:
    url = partners.url(f"overeenkomsten/{agreement.id}")
    response = client.post(url + "/status", data={"status": "active"}, follow_redirects=True)
    assert response.status_code == 200
    messages = parse(response).find_all("p", class_="flash flash-success")
    assert messages
    return messages[-1].text()


def test_a_future_start_says_the_day_it_appears(app, client, login, partners, draft):
    starts = services.today() + timedelta(days=12)
    set_agreement(app, draft.id, starts_on=starts)
    login(partners.head)

    message = _activate(client, partners, draft)

    assert "bouw" not in message
    assert f"Ze gaat in op {long_date(starts)}" in message
    assert "vanaf die dag op de publieke site van Partnerstad" in message


def test_a_start_today_or_none_appears_now(app, client, login, partners, draft):
    login(partners.head)
    message = _activate(client, partners, draft)
    assert message == (
        "De overeenkomst is actief en staat binnen enkele minuten op de publieke site van "
        "Partnerstad."
    )


def test_a_past_end_date_is_said_not_hidden(app, client, login, partners, draft):
    ended = services.today() - timedelta(days=3)
    set_agreement(app, draft.id, starts_on=ended - timedelta(days=30), ends_on=ended)
    login(partners.head)
    message = _activate(client, partners, draft)
    assert f"haar einddatum ({long_date(ended)}) is voorbij" in message
    assert "toont ze niet" in message


def test_the_messages_follow_the_public_scope(app, partners, draft):
    """Whatever the message promises, the public site's own scope agrees on that day."""
    from webapp.public import scopes

    day = date(2027, 3, 1)
    cases = {
        (None, None): True,
        (day, None): True,
        (day + timedelta(days=1), None): False,
        (None, day - timedelta(days=1)): False,
        (None, day): True,
    }
    with app.app_context():
        agreement = db.session.get(Agreement, draft.id)
        agreement.status = AgreementStatus.ACTIVE.value
        for (starts, ends), public in cases.items():
            agreement.starts_on, agreement.ends_on = starts, ends
            db.session.flush()
            shown = (
                agreement
                in db.session.scalars(scopes.active_agreements(agreement.municipality, day)).all()
            )
            message = services.activation_message(agreement, day)
            assert shown is public, (starts, ends)
            assert ("binnen enkele minuten" in message) is public, message
        db.session.rollback()
        db.session.remove()


def test_the_start_day_moves_the_data_version_once(app, partners, draft):
    starts = date(2027, 3, 10)
    set_agreement(
        app, draft.id, status=AgreementStatus.ACTIVE.value, starts_on=starts, ends_on=None
    )
    the_day_before = datetime(2027, 3, 9, 12, tzinfo=UTC)
    that_morning = datetime(2027, 3, 10, 6, tzinfo=UTC)
    with app.app_context():
        # The last write was before the start day.
        db.session.get(SiteState, partners.municipality.id).changed_at = datetime(
            2027, 3, 1, tzinfo=UTC
        )
        db.session.commit()
        assert services.refresh_sites_for_agreement_turns(the_day_before) == set()
        db.session.remove()
    before = generation(app, partners.municipality)
    with app.app_context():
        moved = services.refresh_sites_for_agreement_turns(that_morning)
        db.session.remove()
    assert moved == {partners.municipality.id}
    assert generation(app, partners.municipality) == before + 1
    with app.app_context():
        # The version moved after the start: nothing more to do that day or later.
        db.session.get(SiteState, partners.municipality.id).changed_at = that_morning
        db.session.commit()
        assert (
            services.refresh_sites_for_agreement_turns(that_morning + timedelta(days=40)) == set()
        )
        db.session.remove()


def test_the_day_after_the_end_moves_the_data_version(app, partners, draft):
    set_agreement(
        app,
        draft.id,
        status=AgreementStatus.ACTIVE.value,
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 3, 10),
    )
    with app.app_context():
        db.session.get(SiteState, partners.municipality.id).changed_at = datetime(
            2027, 3, 2, tzinfo=UTC
        )
        db.session.commit()
        on_the_last_day = datetime(2027, 3, 10, 20, tzinfo=UTC)
        assert services.municipalities_with_agreement_turns(on_the_last_day) == set()
        # 11 March 00:30 in Brussels is still 10 March in UTC: the Belgian day counts.
        after = datetime(2027, 3, 10, 23, 30, tzinfo=UTC)
        assert services.municipalities_with_agreement_turns(after) == {partners.municipality.id}
        db.session.remove()
