"""The policy's one set of processing roles is exactly the roles that can process signals:
what sessions, two-factor, notifications and the processors' pages take from it."""

from webapp import access
from webapp.extensions import db
from webapp.models import Engagement, Municipality, Role, User


def test_the_processing_roles_are_the_roles_that_process(app, make):
    place = make.municipality()
    organisation = make.organisation(place)
    make.agreement(place, organisation, Engagement.BROAD_MANDATE)
    people = {role: make.user(role, place, organisation=organisation) for role in Role}
    with app.test_request_context():
        municipality = db.session.get(Municipality, place.id)
        processing = {
            role
            for role, person in people.items()
            if access.processing_scope(db.session.get(User, person.id), municipality)
        }
    assert processing == access.PROCESSING_ROLES
    assert access.PROCESSORS < access.PROCESSING_ROLES


def test_an_organisation_processor_without_an_agreement_holds_the_role_but_does_not_process(
    app, make
):
    place = make.municipality()
    person = make.user(Role.ORG_PROCESSOR, place, organisation=make.organisation(place))
    with app.test_request_context():
        user = db.session.get(User, person.id)
        assert any(m.role in access.PROCESSING_ROLES for m in user.memberships)
        assert access.processing_scope(user, db.session.get(Municipality, place.id)) is None
