"""Policy domains (issue 21): a processor follows domains; the inbox filters on them, the
new-signal mails follow them, and an assignment is mailed to the assignee."""

import pytest

from tests.signals.helpers import parse, text
from webapp.extensions import db
from webapp.models import Signal, Theme, processor_domain


def _theme(app, town, slug: str) -> int:
    with app.app_context():
        theme_id = db.session.scalar(
            db.select(Theme.id).where(
                Theme.municipality_id == town.municipality.id, Theme.slug == slug
            )
        )
        db.session.remove()
        return theme_id


def _follow(app, user, *theme_ids):
    with app.app_context():
        for theme_id in theme_ids:
            db.session.execute(processor_domain.insert().values(user_id=user.id, theme_id=theme_id))
        db.session.commit()
        db.session.remove()


def _followed(app, user) -> list[int]:
    with app.app_context():
        found = sorted(
            db.session.scalars(
                db.select(processor_domain.c.theme_id).where(processor_domain.c.user_id == user.id)
            )
        )
        db.session.remove()
        return found


@pytest.mark.parametrize("who", ["head", "processor"])
def test_a_processor_chooses_the_domains_to_follow(app, as_user, town, other_town, who):
    client = as_user(getattr(town, who))
    youth, housing = _theme(app, town, "jeugd"), _theme(app, town, "wonen")

    response = client.post(
        town.url("verwerken/beleidsdomeinen"), data={"domains": [youth, housing]}
    )

    assert response.status_code == 303
    assert _followed(app, getattr(town, who)) == sorted([youth, housing])
    page = parse(client.get(town.url("verwerken/beleidsdomeinen")))
    checked = {
        n.attrs["value"] for n in page.find_all("input", name="domains") if "checked" in n.attrs
    }
    assert checked == {str(youth), str(housing)}
    # Another municipality's theme is no choice here.
    refused = client.post(
        town.url("verwerken/beleidsdomeinen"), data={"domains": [_theme(app, other_town, "jeugd")]}
    )
    assert refused.status_code == 400
    assert "Kies beleidsdomeinen uit de lijst." in text(refused)
    assert _followed(app, getattr(town, who)) == sorted([youth, housing])
    # Following nothing again.
    assert client.post(town.url("verwerken/beleidsdomeinen"), data={}).status_code == 303
    assert _followed(app, getattr(town, who)) == []


def test_the_inbox_shows_the_signals_of_my_domains(app, as_user, make, town, update_signal):
    youth, housing = _theme(app, town, "jeugd"), _theme(app, town, "wonen")
    _follow(app, town.processor, youth)
    make.signal(town.municipality, town.giver, title="Jeugdhuis sluit", themes=("jeugd",))
    make.signal(town.municipality, town.giver, title="Huurprijzen stijgen", themes=("wonen",))
    moved = make.signal(town.municipality, town.giver, title="Kot te duur", themes=("wonen",))
    update_signal(moved, domain_id=youth)
    elsewhere = make.signal(town.municipality, town.giver, title="Speelplein", themes=("jeugd",))
    update_signal(elsewhere, domain_id=housing)

    client = as_user(town.processor)
    mine = text(client.get(town.inbox("domain=mijn-domeinen")))
    housing_page = text(client.get(town.inbox("domain=wonen")))

    assert "Jeugdhuis sluit" in mine and "Kot te duur" in mine
    assert "Huurprijzen stijgen" not in mine and "Speelplein" not in mine
    assert "Huurprijzen stijgen" in housing_page and "Speelplein" in housing_page
    assert "Jeugdhuis sluit" not in housing_page
    # The head follows nothing: "mine" is every signal for them, and not the colleague's counts.
    head_page = text(as_user(town.head).get(town.inbox("domain=mijn-domeinen")))
    assert "Huurprijzen stijgen" in head_page and "Jeugdhuis sluit" in head_page


def test_new_signal_mails_follow_the_domains(app, make, town, set_notify, outbox):
    from webapp import notifications

    set_notify(town.head, "immediate")
    set_notify(town.processor, "immediate")
    _follow(app, town.processor, _theme(app, town, "wonen"))
    youth = make.signal(town.municipality, town.giver, title="Jeugdhuis sluit", themes=("jeugd",))
    housing = make.signal(town.municipality, town.giver, title="Huur", themes=("wonen",))

    with app.test_request_context():
        for ref in (youth, housing):
            notifications.signal_submitted(db.session.get(Signal, ref.id))
        db.session.commit()
        from webapp import outbox as mail_outbox

        mail_outbox.deliver_due()

    sent = sorted((m["Subject"].strip(), m.envelope_recipients[0]) for m in outbox)
    assert sent == [
        ("Nieuw signaal in Kortrijk: Huur", town.head.email),
        ("Nieuw signaal in Kortrijk: Huur", town.processor.email),
        ("Nieuw signaal in Kortrijk: Jeugdhuis sluit", town.head.email),
    ]


def test_the_digest_follows_the_domains(app, make, town, set_notify, outbox):
    set_notify(town.head, "none")
    set_notify(town.processor, "digest")
    _follow(app, town.processor, _theme(app, town, "jeugd"))
    make.signal(town.municipality, town.giver, title="Jeugdhuis sluit", themes=("jeugd",))
    make.signal(town.municipality, town.giver, title="Huurprijzen stijgen", themes=("wonen",))

    result = app.test_cli_runner().invoke(args=["notifications", "send-digest"])

    assert result.exit_code == 0, result.output
    [message] = outbox
    assert message.envelope_recipients == [town.processor.email]
    body = message.get_content()
    assert "Jeugdhuis sluit" in body and "Huurprijzen stijgen" not in body


def test_assigning_a_signal_mails_the_assignee(app, as_user, make, town, outbox):
    signal = make.signal(town.municipality, town.giver, title="Jeugdhuis sluit")
    youth = _theme(app, town, "jeugd")

    response = as_user(town.head).post(
        town.handle(signal, "toewijzen"),
        data={"assignee": str(town.processor.id), "domain": str(youth)},
    )

    assert response.status_code == 303
    [message] = outbox
    assert message.envelope_recipients == [town.processor.email]
    assert message["Subject"].strip() == "Signaal aan jou toegewezen: Jeugdhuis sluit"
    body = message.get_content()
    assert "Hanne Hoofd" in body and "beleidsdomein Jeugd" in body
    assert "Gezinnen vinden geen plaats" not in body  # never the signal's text


def test_taking_a_signal_oneself_sends_nothing(app, as_user, make, town, outbox):
    signal = make.signal(town.municipality, town.giver)
    as_user(town.processor).post(
        town.handle(signal, "toewijzen"), data={"assignee": str(town.processor.id)}
    )
    with app.app_context():
        assert db.session.get(Signal, signal.id).assignee_id == town.processor.id
        db.session.remove()
    assert outbox == []


def test_a_bulk_assignment_mails_the_assignee(app, as_user, make, town, outbox):
    first = make.signal(town.municipality, town.giver, title="Eerste")
    second = make.signal(town.municipality, town.giver, title="Tweede")

    as_user(town.head).post(
        town.url("verwerken/bulk"),
        data={
            "signal_ids": [first.id, second.id],
            "assignee": str(town.processor.id),
            "confirm": "1",
        },
    )

    subjects = sorted(m["Subject"].strip() for m in outbox)
    assert subjects == ["Signaal aan jou toegewezen: Eerste", "Signaal aan jou toegewezen: Tweede"]
