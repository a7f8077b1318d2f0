"""Forms of the processor's work: inbox filters, handling a signal, bulk changes, settings."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from webapp.forms import DutchDateField, FormBodyForm, tidy, with_prompt, without_nul
from webapp.models import SignalStatus
from webapp.review import ReviewMixin

NOBODY = "niemand"
# The inbox's domain filter: the policy domains the processor follows (issue 21).
MINE = "mijn-domeinen"
SORTS = {
    "nieuwste": "nieuwste eerst",
    "oudste": "oudste eerst",
    "meest-versterkt": "meest versterkt",
}
NOTIFY_CHOICES = [
    SelectChoice("immediate", "Meteen: één e-mail per nieuw signaal"),
    SelectChoice("digest", "Eén keer per dag: een overzicht van de nieuwe signalen"),
    SelectChoice("none", "Geen e-mails"),
]
# Dates outside this range are typing errors, and far ones overflow date arithmetic.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2999, 12, 31)
STATUS_CHOICES = [SelectChoice(s.value, s.label) for s in SignalStatus]


INVALID_CHOICE = "Kies een waarde uit de lijst."


class Select(SelectField):
    """A select whose refusals are in Dutch."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        kwargs.setdefault("invalid_value_message", INVALID_CHOICE)
        super().__init__(label, validators, **kwargs)


def _sensible_date(form, field) -> None:
    if field.data is not None and not FIRST_DAY <= field.data <= LAST_DAY:
        raise ValidationError("Kies een datum tussen 2000 en 2999.")


def _flag(form, field) -> None:
    """A checkbox in the URL: absent or "1"; anything else is no value a form sends."""
    if field.raw_data not in ([], [""], ["1"]):
        raise ValidationError("Ongeldige waarde.")


def _date_field(label: str) -> DateField:
    return DutchDateField(label, validators=[Optional(), _sensible_date])


class _UrlForm(FlaskForm):
    """Filters are plain GET parameters, so the URL carries them."""

    class Meta:
        csrf = False

    def validate_until(self, field) -> None:
        since = getattr(self, "since", None)
        if since is not None and since.data and field.data and field.data < since.data:
            raise ValidationError("De einddatum ligt vóór de begindatum.")


class InboxFilterForm(_UrlForm):
    q = StringField("Zoeken", filters=[without_nul], validators=[Optional(), Length(max=200)])
    status = Select(
        "Status", choices=[SelectChoice("", "Alle statussen"), *STATUS_CHOICES], default=""
    )
    theme = Select("Thema", default="")
    target_group = Select("Doelgroep", default="")
    organisation = Select("Organisatie van de gever", default="")
    assignee = Select("Toegewezen aan", default="")
    domain = Select("Beleidsdomein", default="")
    since = _date_field("Gegeven vanaf")
    until = _date_field("Gegeven tot en met")
    unhandled = BooleanField("Enkel nog niet opgepakt", validators=[_flag])
    sort = Select(
        "Sorteren",
        choices=[SelectChoice(value, label) for value, label in SORTS.items()],
        default="nieuwste",
    )

    def set_choices(self, themes, target_groups, organisations, assignees) -> None:
        self.theme.choices = [SelectChoice("", "Alle thema's")] + [
            SelectChoice(t.slug, t.name) for t in themes
        ]
        self.domain.choices = [
            SelectChoice("", "Alle beleidsdomeinen"),
            SelectChoice(MINE, "Mijn beleidsdomeinen"),
        ] + [SelectChoice(t.slug, t.name) for t in themes]
        self.target_group.choices = [SelectChoice("", "Alle doelgroepen")] + [
            SelectChoice(t.slug, t.name) for t in target_groups
        ]
        self.organisation.choices = [SelectChoice("", "Alle organisaties")] + [
            SelectChoice(str(o.id), o.name) for o in organisations
        ]
        self.assignee.choices = [
            SelectChoice("", "Iedereen"),
            SelectChoice(NOBODY, "Niemand"),
        ] + [SelectChoice(str(u.id), u.name) for u in assignees]

    def url_args(self, include_status: bool = True) -> dict[str, str]:
        """The filters as they go in a link: only those that differ from the default."""
        args = {
            "q": (self.q.data or "").strip(),
            "status": self.status.data if include_status else "",
            "theme": self.theme.data,
            "target_group": self.target_group.data,
            "organisation": self.organisation.data,
            "assignee": self.assignee.data,
            "domain": self.domain.data,
            "since": self.since.data.isoformat() if self.since.data else "",
            "until": self.until.data.isoformat() if self.until.data else "",
            "unhandled": "1" if self.unhandled.data else "",
            "sort": "" if self.sort.data == "nieuwste" else self.sort.data,
        }
        return {name: value for name, value in args.items() if value}


def _note_field(label: str, id: str, maximum: int = 2000) -> TextAreaField:
    return TextAreaField(
        label,
        id=id,
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=maximum, message=f"Een toelichting heeft hoogstens {maximum} tekens."),
        ],
    )


def _reason_given(form, message: str) -> bool:
    """Not retaining a signal takes a reason. Checked after the fields: Optional() on an empty
    note would stop any validator of the note itself and clear its errors."""
    if form.status.data == SignalStatus.NOT_RETAINED.value and not form.note.data:
        form.note.errors.append(message)
        return False
    return True


# Explicit ids: these forms share a page with each other and with the inbox filters, and a
# page holds each id once.
class StatusForm(ReviewMixin, FormBodyForm):
    review_fields = ("note",)
    review_id = "status"

    status = Select(
        "Nieuwe status",
        id="nieuwe-status",
        choices=with_prompt("Kies een status", STATUS_CHOICES),
        validators=[DataRequired("Kies een status.")],
    )
    note = _note_field("Toelichting", id="status-toelichting")
    referred_to = Select("Doorverwezen naar", id="doorverwezen-naar", default="")

    def set_organisations(self, organisations) -> None:
        self.referred_to.choices = [SelectChoice("", "Kies een organisatie")] + [
            SelectChoice(str(o.id), o.name) for o in organisations
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.status.data == SignalStatus.REFERRED.value and not self.referred_to.data:
            self.referred_to.errors = [
                *self.referred_to.errors,
                "Kies de organisatie waarnaar je het signaal doorverwijst.",
            ]
            valid = False
        return _reason_given(self, "Zeg waarom het signaal niet weerhouden wordt.") and valid


class AssignForm(FormBodyForm):
    assignee = Select("Verwerker", id="verwerker", default="")
    domain = Select("Beleidsdomein", id="beleidsdomein", default="")

    def set_choices(self, assignees, themes) -> None:
        self.assignee.choices = [SelectChoice("", "Niemand")] + [
            SelectChoice(str(u.id), u.name) for u in assignees
        ]
        self.domain.choices = [SelectChoice("", "Geen")] + [
            SelectChoice(str(t.id), t.name) for t in themes
        ]


class NoteForm(ReviewMixin, FormBodyForm):
    review_fields = ("body",)
    review_id = "notitie"

    body = TextAreaField(
        "Nieuwe interne notitie",
        id="notitie",
        filters=[tidy],
        validators=[
            DataRequired("Schrijf je notitie."),
            Length(max=5000, message="Een notitie heeft hoogstens 5000 tekens."),
        ],
    )


class FeedbackForm(ReviewMixin, FormBodyForm):
    review_fields = ("body",)
    review_id = "terugkoppeling"

    body = TextAreaField(
        "Terugkoppeling",
        id="terugkoppeling-tekst",
        filters=[tidy],
        validators=[
            DataRequired("Schrijf je terugkoppeling."),
            Length(max=5000, message="Een terugkoppeling heeft hoogstens 5000 tekens."),
        ],
    )


class IdListField(SelectMultipleField):
    """Row ids from checkboxes: numbers only, within the range of a database id."""

    def pre_validate(self, form) -> None:
        pass  # which ids count is for the access policy to decide, not for a list of choices

    def process_formdata(self, valuelist) -> None:
        ids = []
        for value in valuelist:
            if not (value.isascii() and value.isdigit() and 0 < int(value) < 2**31):
                raise ValueError("Ongeldige selectie.")
            ids.append(int(value))
        self.data = list(dict.fromkeys(ids))


MAX_BULK = 100


class BulkForm(ReviewMixin, FormBodyForm):
    review_fields = ("note",)
    review_id = "bulk"

    signal_ids = IdListField("Signalen")
    status = Select(
        "Nieuwe status",
        id="bulk-status",
        choices=[SelectChoice("", "Niet wijzigen"), *STATUS_CHOICES],
        default="",
    )
    note = _note_field("Toelichting bij de nieuwe status", id="bulk-toelichting")
    assignee = Select("Toewijzen aan", id="bulk-verwerker", default="")
    filters = HiddenField(validators=[Optional(), Length(max=2000)])
    confirm = HiddenField()

    def set_choices(self, assignees) -> None:
        self.assignee.choices = [
            SelectChoice("", "Niet wijzigen"),
            SelectChoice(NOBODY, "Niemand (toewijzing weghalen)"),
        ] + [SelectChoice(str(u.id), u.name) for u in assignees]

    def validate_signal_ids(self, field) -> None:
        if len(field.data or []) > MAX_BULK:
            raise ValidationError(f"Kies hoogstens {MAX_BULK} signalen tegelijk.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.status.data and not self.assignee.data:
            self.assignee.errors.append("Kies een nieuwe status of iemand om aan toe te wijzen.")
            valid = False
        return _reason_given(self, "Zeg waarom de signalen niet weerhouden worden.") and valid


class NotificationForm(FormBodyForm):
    notify = RadioField(
        "Wanneer wil je een e-mail over nieuwe signalen?",
        choices=NOTIFY_CHOICES,
        validators=[DataRequired("Kies hoe je op de hoogte wilt blijven.")],
    )


class AuditFilterForm(_UrlForm):
    actor = Select("Wie", default="")
    action = Select("Soort wijziging", default="")
    since = _date_field("Vanaf")
    until = _date_field("Tot en met")

    def set_choices(self, actors, actions: dict[str, str]) -> None:
        self.actor.choices = [SelectChoice("", "Iedereen")] + [
            SelectChoice(str(u.id), u.name) for u in actors
        ]
        self.action.choices = [SelectChoice("", "Alle wijzigingen")] + [
            SelectChoice(code, label) for code, label in actions.items()
        ]

    def url_args(self) -> dict[str, str]:
        args = {
            "actor": self.actor.data,
            "action": self.action.data,
            "since": self.since.data.isoformat() if self.since.data else "",
            "until": self.until.data.isoformat() if self.until.data else "",
        }
        return {name: value for name, value in args.items() if value}
