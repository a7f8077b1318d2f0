"""Municipality administration by the head processor: people and invitations."""

from email_validator import EmailNotValidError, validate_email
from flask import abort, flash, g, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from webapp import access
from webapp.admin import people
from webapp.admin.blueprint import bp
from webapp.extensions import db
from webapp.forms import FormBodyForm, with_prompt, without_nul
from webapp.ids import MAX_ID
from webapp.loading import found_or_404
from webapp.models import ENGAGEMENT_KINDS, Invitation, Role, User, UserEngagement
from webapp.pagination import page_number, paginate
from webapp.rendering import render_page

USER_ID = f"<int(max={MAX_ID}):user_id>"
INVITATION_ID = f"<int(max={MAX_ID}):invitation_id>"
MAX_LIST = 50
MAX_SEARCH = 200
NO_AGREEMENT = (
    "Kies een organisatie met een samenwerkingsovereenkomst: die bepaalt wat een "
    "signaalverwerker bij een sociale organisatie mag."
)


class RoleForm(FormBodyForm):
    role = SelectField(
        "Nieuwe rol",
        validators=[InputRequired("Kies een rol.")],
        invalid_choice_message="Kies een rol uit de lijst.",
    )


class InviteListForm(FormBodyForm):
    emails = TextAreaField(
        "E-mailadressen",
        filters=[without_nul],
        validators=[DataRequired("Plak minstens één e-mailadres.")],
    )
    role = SelectField(
        "Rol",
        validators=[InputRequired("Kies een rol.")],
        invalid_choice_message="Kies een rol uit de lijst.",
    )
    organisation = SelectField(
        "Organisatie (werkgever)",
        coerce=int,
        default=0,
        invalid_value_message="Kies een organisatie uit de lijst.",
        invalid_choice_message="Kies een organisatie uit de lijst.",
    )


def _role_choices() -> list[SelectChoice]:
    roles = access.invitable_roles(current_user, g.municipality)
    return [SelectChoice(role.value, role.label) for role in roles]


PEOPLE_PAGE_SIZE = 50


def _people(engagement: str | None, search: str) -> Select:
    """The people this user may see, with the given engagement, whose name or e-mail address
    holds `search`."""
    query = access.visible_people(current_user, g.municipality)
    if engagement:
        query = query.where(
            User.id.in_(
                select(UserEngagement.user_id).where(
                    UserEngagement.municipality_id == g.municipality.id,
                    UserEngagement.kind == engagement,
                )
            )
        )
    if search:
        needle = search.lower()
        query = query.where(
            or_(
                func.lower(User.name).contains(needle, autoescape=True),
                func.lower(User.email).contains(needle, autoescape=True),
            )
        )
    return query


@bp.get("/mensen")
def list_people():
    engagement = request.args.get("engagement") or None
    if engagement is not None and engagement not in ENGAGEMENT_KINDS:
        abort(400)
    search = " ".join((request.args.get("q") or "").split())[:MAX_SEARCH]
    listed = paginate(
        _people(engagement, search),
        page_number(),
        order_by=(User.name, User.id),
        options=(selectinload(User.memberships), selectinload(User.organisation)),
        size=PEOPLE_PAGE_SIZE,
    )
    args = {name: value for name, value in (("q", search), ("engagement", engagement)) if value}
    return render_page(
        "admin/people.html",
        people=listed.items,
        page=listed.number,
        pages=listed.pages,
        total=listed.total,
        args=args,
        search=search,
        roles_here=people.roles_here,
        engagements=people.engagements_by_person(g.municipality, [p.id for p in listed.items]),
        engagement_kinds=ENGAGEMENT_KINDS,
        chosen=engagement,
        manages_people=access.can_change_agreement_status(current_user, g.municipality),
        acts_for_people=access.acts_for_people(current_user, g.municipality),
    )


@bp.post(f"/mensen/{USER_ID}/rol")
def change_role(user_id: int):
    person = found_or_404(access.manageable_people(current_user, g.municipality), user_id)
    form = RoleForm()
    form.role.choices = _role_choices()
    back = _person_page(person)
    if person.id == current_user.id:
        flash("Je eigen rol verander je niet zelf: vraag het een andere hoofdverwerker.", "error")
        return redirect(back, 303)
    if not form.validate():
        flash("Kies een rol uit de lijst.", "error")
        return redirect(back, 303)
    role = Role(form.role.data)
    if role == Role.ORG_PROCESSOR and not (
        person.organisation_id and access.has_agreement(g.municipality, person.organisation_id)
    ):
        flash(f"{person.name} werkt niet voor een organisatie met een overeenkomst.", "error")
        return redirect(back, 303)
    people.change_role(person, g.municipality, role, current_user)
    db.session.commit()
    flash(f"{person.name} is nu {role.label}. Hun sessies zijn beëindigd.", "success")
    return redirect(back, 303)


def _person_page(person: User) -> str:
    """The person's page, where roles and deactivation are; the list for an erased account."""
    if person.erased_at is not None:
        return url_for("admin.list_people")
    return url_for("people.person", user_id=person.id)


class ConfirmDeactivateForm(FormBodyForm):
    confirm = BooleanField(
        "Ja, deactiveer dit account",
        id="deactiveren-bevestigen",  # the person page has a confirmation for erasure too
        validators=[DataRequired("Vink aan dat je dit account wil deactiveren.")],
    )


@bp.post(f"/mensen/{USER_ID}/deactiveren")
def deactivate_person(user_id: int):
    person = found_or_404(access.manageable_people(current_user, g.municipality), user_id)
    if person.id == current_user.id:
        flash("Je kan jezelf niet deactiveren.", "error")
        return redirect(_person_page(person), 303)
    if not person.active:
        flash(f"{person.name} is al gedeactiveerd.", "info")
        return redirect(_person_page(person), 303)
    form = ConfirmDeactivateForm()
    if not form.validate_on_submit():
        # No confirmation (an empty POST, a click without the checkbox): nothing happens.
        flash("Vink aan dat je dit account wil deactiveren: er is niets gewijzigd.", "error")
        return redirect(_person_page(person) + "#account", 303)
    elsewhere = people.deactivate(person, g.municipality, current_user)
    db.session.commit()
    if elsewhere:
        flash(
            f"{person.name} heeft geen rol meer in {g.municipality.name} en is overal "
            "afgemeld; de rollen in andere gemeenten blijven. Hun signalen en bijdragen blijven.",
            "success",
        )
        return redirect(url_for("admin.list_people"), 303)
    flash(
        f"{person.name} is gedeactiveerd en overal afgemeld. Hun signalen en bijdragen blijven. "
        "Je kan het account later heractiveren.",
        "success",
    )
    return redirect(_person_page(person), 303)


@bp.post(f"/mensen/{USER_ID}/heractiveren")
def reactivate_person(user_id: int):
    person = found_or_404(access.manageable_people(current_user, g.municipality), user_id)
    form = FormBodyForm()
    if not form.validate_on_submit():
        abort(400)
    if people.reactivate(person, g.municipality, current_user):
        db.session.commit()
        flash(f"{person.name} is heractiveerd en kan zich weer aanmelden.", "success")
    else:
        flash(f"{person.name} was niet gedeactiveerd.", "info")
    return redirect(_person_page(person), 303)


def _invitations() -> list[Invitation]:
    return db.session.scalars(
        access.manageable_invitations(current_user, g.municipality)
        .options(selectinload(Invitation.organisation))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(200)
    ).all()


def _prepare(form: InviteListForm) -> dict:
    form.role.choices = with_prompt("Kies een rol", _role_choices())
    organisations = {org.id: org for org in g.municipality.organisations}
    form.organisation.choices = [
        SelectChoice(0, "Geen organisatie of nog niet bekend"),
        *[SelectChoice(org.id, org.name) for org in organisations.values()],
    ]
    return organisations


@bp.route("/uitnodigingen/overzicht", methods=["GET", "POST"])
def list_invitations():
    # Most invitations are for givers: the form starts there (the prompt stays for the others).
    form = InviteListForm(role=Role.GIVER.value)
    organisations = _prepare(form)
    if request.method == "POST" and form.validate():
        emails = people.emails_in(form.emails.data)
        invalid = [e for e in emails if not _valid_email(e)]
        organisation = organisations.get(form.organisation.data)
        if invalid:
            form.emails.errors = [f"Deze adressen kloppen niet: {', '.join(invalid)}."]
        elif len(emails) > MAX_LIST:
            form.emails.errors = [f"Nodig hoogstens {MAX_LIST} mensen tegelijk uit."]
        elif form.role.data == Role.ORG_PROCESSOR.value and not (
            organisation and access.has_agreement(g.municipality, organisation.id)
        ):
            form.organisation.errors = [NO_AGREEMENT]
        else:
            people.invite_many(
                g.municipality, emails, Role(form.role.data), current_user, organisation
            )
            db.session.commit()
            flash(f"{len(emails)} uitnodiging(en) verstuurd.", "success")
            return redirect(url_for("admin.list_invitations"), 303)
    return render_page(
        "admin/invitations.html",
        status=400 if form.errors else 200,
        form=form,
        invitations=_invitations(),
        state=people.invitation_state,
    )


def _valid_email(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return len(address) <= 254


@bp.post(f"/uitnodigingen/{INVITATION_ID}/opnieuw")
def resend_invitation(invitation_id: int):
    invitation = found_or_404(
        access.manageable_invitations(current_user, g.municipality), invitation_id
    )
    if invitation.used_at is not None:
        flash("Deze uitnodiging is al aanvaard.", "info")
    else:
        people.resend(invitation, current_user)
        db.session.commit()
        flash(f"Er is een nieuwe link verstuurd naar {invitation.email}.", "success")
    return redirect(url_for("admin.list_invitations"), 303)


@bp.post(f"/uitnodigingen/{INVITATION_ID}/intrekken")
def revoke_invitation(invitation_id: int):
    invitation = found_or_404(
        access.manageable_invitations(current_user, g.municipality), invitation_id
    )
    if invitation.is_usable():
        people.revoke(invitation, current_user)
        db.session.commit()
        flash(f"De uitnodiging voor {invitation.email} is ingetrokken.", "success")
    else:
        flash("Deze uitnodiging werkte al niet meer.", "info")
    return redirect(url_for("admin.list_invitations"), 303)
