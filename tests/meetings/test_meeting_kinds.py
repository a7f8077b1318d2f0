"""The meeting kinds of the seeds: signaaldag, werksessie, actiedag and netwerkmoment."""

from tests.signals.helpers import parse
from webapp.labels import MEETING_KIND_LABELS
from webapp.models import MeetingKind


def test_every_kind_of_the_seeds_is_offered(client, login, town):
    login(town.head)
    form = parse(client.get(town.url("agenda/nieuw")))
    offered = {option.text() for option in form.find("select", name="kind").find_all("option")}
    assert {"Signaaldag", "Werksessie", "Actiedag", "Netwerkmoment", "Overleg"} <= offered


def test_an_action_day_is_stored_and_shown(client, login, town, make):
    make.meeting(
        town.municipality, title="Actiedag rechten", public=True, kind=MeetingKind.ACTION_DAY
    )
    login(town.giver)
    agenda = client.get(town.url("agenda")).get_data(as_text=True)
    assert "Actiedag rechten" in agenda
    assert "Actiedag" in agenda.replace("Actiedag rechten", "")


def test_every_kind_has_a_label():
    assert set(MEETING_KIND_LABELS) == set(MeetingKind)
