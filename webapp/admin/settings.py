"""Municipality settings by the head processor: the coordinator and contact shown on the public
site, and the themes and target groups (add, rename, retire without breaking old signals)."""

import re
import unicodedata

from flask import flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms import EmailField, StringField, URLField
from wtforms.validators import URL, DataRequired, Email, Length, Optional

from common.personal_data import guard as privacy_guard
from webapp import access, audit, publication
from webapp.admin.blueprint import bp
from webapp.extensions import db
from webapp.forms import FormBodyForm, tidy
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.models import TargetGroup, Theme
from webapp.models.municipality import term_key
from webapp.rendering import render_page

TERM_ID = f"<int(max={MAX_ID}):term_id>"
KINDS = {"themas": Theme, "doelgroepen": TargetGroup}
KIND_LABELS = {"themas": "thema", "doelgroepen": "doelgroep"}


class SettingsForm(FormBodyForm):
    coordinator_name = StringField(
        "Naam van de coördinator",
        filters=[tidy],
        validators=[Optional(), Length(max=120, message="Hoogstens 120 tekens.")],
    )
    contact_email = EmailField(
        "Publiek contactadres",
        filters=[tidy],
        validators=[
            DataRequired("Vul het contactadres in: de publieke site toont het."),
            Length(max=254, message="Een e-mailadres heeft hoogstens 254 tekens."),
            Email("Vul een geldig e-mailadres in.", check_deliverability=False),
        ],
    )
    public_url = URLField(
        "Lokale pagina over Lokaal Signaal",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=300, message="Hoogstens 300 tekens."),
            URL(require_tld=True, message="Vul een volledig webadres in, beginnend met https://."),
        ],
    )


class TermForm(FormBodyForm):
    name = StringField(
        "Naam",
        filters=[tidy],
        validators=[
            DataRequired("Vul een naam in."),
            Length(max=80, message="Een naam heeft hoogstens 80 tekens."),
        ],
    )


@bp.route("/instellingen", methods=["GET", "POST"])
def settings():
    municipality = g.municipality
    form = SettingsForm(obj=municipality) if request.method == "GET" else SettingsForm()
    if request.method == "POST" and form.validate() and _publishable(form):
        municipality.coordinator_name = form.coordinator_name.data or None
        municipality.contact_email = form.contact_email.data
        municipality.public_url = form.public_url.data or None
        audit.record(
            municipality,
            current_user,
            "municipality.settings",
            municipality,
            "Contactgegevens van de gemeente gewijzigd.",
        )
        db.session.commit()
        flash(
            "De instellingen zijn opgeslagen. De publieke site toont ze binnen enkele minuten.",
            "success",
        )
        return redirect(url_for("admin.settings"), 303)
    return render_page("admin/settings.html", form=form, status=400 if form.errors else 200)


def _publishable(form: SettingsForm) -> bool:
    """The public site shows these settings: what the guard flags in them (beyond the address
    and the name they are meant to hold) is fixed first (webapp/publication.py)."""
    clean = True
    for name in ("coordinator_name", "contact_email", "public_url"):
        findings = publication.findings_in(name, form[name].data or "")
        if findings:
            kinds = ", ".join(f"{n} × {label}" for label, n in privacy_guard.summary(findings))
            form[name].errors = [
                *form[name].errors,
                f"Dit lijkt op persoonsgegevens ({kinds}) en de publieke site toont het. "
                "Pas het aan.",
            ]
            clean = False
    return clean


def _flag_public_name(name: str) -> None:
    """A theme's name is public (the site's figures): warn when the guard flags it, since the
    site leaves it out until it is renamed."""
    findings = publication.findings_in("name", name)
    if findings:
        kinds = ", ".join(f"{n} × {label}" for label, n in privacy_guard.summary(findings))
        flash(
            f"De naam lijkt op persoonsgegevens ({kinds}). De publieke site laat hem weg tot je "
            "hem aanpast.",
            "error",
        )


def _terms(kind: str):
    model = KINDS[kind]
    return access.municipality_terms(current_user, g.municipality, model)


def _terms_page(status: int = 200, editing: tuple[str, int] | None = None, **forms):
    """The themes and target groups as two lists; `editing` opens the rename form of one term
    (the link "Naam wijzigen", a plain GET without JavaScript); `forms` hold refused forms."""
    if editing is None:
        kind, _, number = (request.args.get("wijzig") or "").partition("-")
        if kind in KINDS and number.isascii() and number.isdigit() and len(number) < 10:
            editing = (kind, int(number))
    return render_page(
        "admin/terms.html",
        status=status,
        themes=db.session.scalars(_terms("themas").order_by(Theme.position, Theme.id)).all(),
        groups=db.session.scalars(
            _terms("doelgroepen").order_by(TargetGroup.position, TargetGroup.id)
        ).all(),
        editing=editing,
        add_forms={kind: forms.get(f"add_{kind}") or TermForm(formdata=None) for kind in KINDS},
        rename_form=forms.get("rename") or None,
        kind_labels=KIND_LABELS,
    )


@bp.get("/instellingen/themas-en-doelgroepen")
def list_terms():
    return _terms_page()


def _slug(name: str, kind: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:50] or "term"
    model = KINDS[kind]
    taken = set(db.session.scalars(_terms(kind).with_only_columns(model.slug)))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _duplicate(kind: str, form: TermForm, term=None) -> bool:
    """Whether the municipality has another theme (target group) of that name, whatever its
    case or spacing; if so, the field says so."""
    model = KINDS[kind]
    query = _terms(kind).where(model.name_key == term_key(form.name.data))
    if term is not None:
        query = query.where(model.id != term.id)
    other = db.session.scalars(query).first()
    if other is None:
        return False
    form.name.errors = [*form.name.errors, _duplicate_message(kind, other)]
    return True


def _duplicate_message(kind: str, other) -> str:
    message = f"Er is al een {KIND_LABELS[kind]} “{other.name}”. Kies een andere naam."
    if other.retired:
        message += " Die is niet meer in gebruik: je kan hem hieronder weer in gebruik nemen."
    return message


def _changed(kind: str, term, verb: str, what: str) -> bool:
    """Audit a change to a theme or target group and commit it (the data version moves with
    it). False when the database refused it: someone gave another term that name meanwhile."""
    audit.record(
        g.municipality,
        current_user,
        f"{KINDS[kind].__tablename__}.{verb}",
        term,
        f"{KIND_LABELS[kind].capitalize()} {what}",
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


@bp.post("/instellingen/<any(themas, doelgroepen):kind>")
def add_term(kind: str):
    form = TermForm()
    if not form.validate() or _duplicate(kind, form):
        return _terms_page(400, **{f"add_{kind}": form})
    model = KINDS[kind]
    last = db.session.scalar(_terms(kind).with_only_columns(db.func.max(model.position)))
    term = model(
        municipality_id=g.municipality.id,
        slug=_slug(form.name.data, kind),
        name=form.name.data,
        position=(last or 0) + 1,
    )
    db.session.add(term)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        _duplicate(kind, form)
        return _terms_page(400, **{f"add_{kind}": form})
    name = term.name
    if not _changed(kind, term, "add", f"“{name}” toegevoegd."):
        _duplicate(kind, form)
        return _terms_page(400, **{f"add_{kind}": form})
    flash(f"“{name}” is toegevoegd.", "success")
    _flag_public_name(name)
    return redirect(url_for("admin.list_terms") + f"#{kind}-titel", 303)


@bp.post(f"/instellingen/<any(themas, doelgroepen):kind>/{TERM_ID}/naam")
def rename_term(kind: str, term_id: int):
    term = found_or_404(_terms(kind), term_id)
    form = TermForm()
    if not form.validate() or _duplicate(kind, form, term):
        return _terms_page(400, editing=(kind, term.id), rename=form)
    old = term.name
    # The slug stays: links and filters with the old name keep working.
    term.name = form.name.data
    new = term.name
    if not _changed(kind, term, "rename", f"“{old}” heet nu “{new}”."):
        term = found_or_404(_terms(kind), term_id)
        _duplicate(kind, form, term)
        return _terms_page(400, editing=(kind, term.id), rename=form)
    flash(f"“{old}” heet nu “{new}”." if old != new else f"“{new}” hield dezelfde naam.", "success")
    _flag_public_name(new)
    return redirect(url_for("admin.list_terms") + f"#{kind}-{term.id}", 303)


@bp.post(f"/instellingen/<any(themas, doelgroepen):kind>/{TERM_ID}/in-gebruik")
def toggle_term(kind: str, term_id: int):
    term = found_or_404(_terms(kind), term_id)
    retire = request.form.get("retired") == "1"
    if term.retired != retire:
        term.retired = retire
        state = "niet meer in gebruik" if retire else "weer in gebruik"
        _changed(kind, term, "retire", f"“{term.name}” is {state}.")
    if retire:
        flash(
            f"“{term.name}” is niet meer te kiezen voor nieuwe signalen. Oude signalen houden het.",
            "success",
        )
    else:
        flash(f"“{term.name}” is weer te kiezen.", "success")
    return redirect(url_for("admin.list_terms") + f"#{kind}-{term.id}", 303)
