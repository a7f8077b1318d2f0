"""A supra-local file and the network's feedback show on the public card page of the
microsite; a card outside a file or a draft shows nothing of it."""

from webapp.extensions import db
from webapp.models import Municipality, SignalCard, SupralocalStatus, User, utcnow
from webapp.network import services
from webapp.public.snapshot import collect


def _file(app, town, other_town, make, network_user):
    mine = make.card(town.municipality, title="Dure schoolkosten", published=True)
    theirs = make.card(other_town.municipality, title="Schoolfactuur te hoog", published=True)
    with app.app_context():
        head = db.session.get(User, town.head.id)
        for ref in (mine, theirs):
            services.refer_card(db.session.get(SignalCard, ref.id), head, "Vlaamse regeling nodig.")
        analyst = db.session.get(User, network_user.id)
        file, _ = services.create_file(analyst, "Schoolkosten", "", [mine.id, theirs.id], "t1")
        services.change_file(file, analyst, SupralocalStatus.RAISED, "Op de agenda bij Onderwijs.")
        db.session.commit()
    return mine, theirs


def test_the_snapshot_carries_the_file_and_its_feedback(app, make, town, other_town):
    from webapp.models import Role

    mine, _ = _file(app, town, other_town, make, make.user(Role.NETWORK))
    loose = make.card(town.municipality, title="Los", published=True)
    with app.app_context():
        data = collect(db.session.get(Municipality, town.municipality.id), utcnow())
    cards = {card["id"]: card for card in data["cards"]}
    supralocal = cards[mine.id]["supralocal"]
    assert supralocal["title"] == "Schoolkosten"
    assert supralocal["status_label"] == "aangekaart bij Vlaamse of federale overheid"
    assert "Op de agenda bij Onderwijs." in supralocal["feedback"][0]["body"]
    assert "supralocal" not in cards[loose.id]


def test_the_public_card_page_shows_it(app, make, town, other_town, tmp_path):
    from webapp.models import Role

    mine, _ = _file(app, town, other_town, make, make.user(Role.NETWORK))
    result = app.test_cli_runner().invoke(
        args=["sites", "build", town.slug, "--out", str(tmp_path), "--force"]
    )
    assert result.exit_code == 0, result.output
    pages = [p.read_text() for p in (tmp_path / town.slug).rglob("index.html")]
    card_page = next(page for page in pages if "<h1>Dure schoolkosten</h1>" in page)
    assert "Schoolkosten" in card_page and "Op de agenda bij Onderwijs." in card_page
