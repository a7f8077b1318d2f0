"""Forms for meetings and their agenda."""

from datetime import UTC, date, datetime, time, timedelta

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from common.dutch import BRUSSELS
from webapp.editing import version_field
from webapp.forms import (
    REFERENCE_RE,
    DutchDateField,
    FormBodyForm,
    MultiCheckboxField,
    SingleLine,
    optional_id,
    tidy,
    title_field,
    with_prompt,
)
from webapp.labels import MEETING_KIND_LABELS
from webapp.review import ReviewMixin

KIND_CHOICES = [SelectChoice(kind.value, label) for kind, label in MEETING_KIND_LABELS.items()]


def brussels_to_utc(day: date, moment: time) -> datetime:
    """A date and time as people in Flanders enter them, as the UTC moment stored."""
    return datetime.combine(day, moment, tzinfo=BRUSSELS).astimezone(UTC)


def _plausible_day(form, field) -> None:
    if field.data is not None and not 2000 <= field.data.year <= 2100:
        raise ValidationError("Kies een datum tussen 2000 en 2100.")


def _after_start(form, field) -> None:
    if field.data is not None and form.starts.data is not None and field.data <= form.starts.data:
        raise ValidationError("Het einde ligt na het begin, op dezelfde dag.")


class MeetingForm(ReviewMixin, FormBodyForm):
    review_fields = ("title", "place", "description", "minutes")

    kind = SelectField(
        "Soort",
        choices=with_prompt("Kies een soort", KIND_CHOICES),
        validators=[DataRequired("Kies een soort.")],
        invalid_choice_message="Kies een soort uit de lijst.",
    )
    title = title_field("Geef de bijeenkomst een titel.")
    day = DutchDateField("Datum", validators=[InputRequired("Vul de datum in."), _plausible_day])
    starts = TimeField(
        "Begint om",
        validators=[InputRequired("Vul het beginuur in.")],
        invalid_value_message="Vul een uur in zoals 14:00.",
    )
    ends = TimeField(
        "Eindigt om",
        validators=[InputRequired("Vul het einduur in."), _after_start],
        invalid_value_message="Vul een uur in zoals 16:30.",
    )
    place = StringField(
        "Plaats",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=200, message="Een plaats heeft hoogstens 200 tekens."),
            SingleLine(),
        ],
    )
    description = TextAreaField(
        "Beschrijving",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=5000, message="Een beschrijving heeft hoogstens 5000 tekens."),
        ],
    )
    is_public = BooleanField(
        "Openbaar: op de publieke agenda, in de agendafeed en zichtbaar voor alle leden"
    )
    cards = MultiCheckboxField(
        "Signaalfiches op de agenda", coerce=int, invalid="Kies signaalfiches uit de lijst."
    )
    minutes = TextAreaField(
        "Verslag",
        filters=[tidy],
        validators=[
            Optional(),
            Length(max=20_000, message="Een verslag heeft hoogstens 20.000 tekens."),
        ],
    )
    minutes_public = BooleanField(
        "Verslag en beslissingen openbaar: bij een openbare bijeenkomst op de publieke agenda"
    )
    signals = MultiCheckboxField(
        "Signalen op de agenda", coerce=int, invalid="Kies signalen uit de lijst."
    )

    def period(self) -> tuple[datetime, datetime]:
        return (
            brussels_to_utc(self.day.data, self.starts.data),
            brussels_to_utc(self.day.data, self.ends.data),
        )


class EditMeetingForm(MeetingForm):
    version = version_field()


def _reference(form, field) -> None:
    if field.data and not REFERENCE_RE.fullmatch(field.data):
        raise ValidationError("Vul een referentie in zoals ABCD-EFGH.")


class AgendaItemForm(FormBodyForm):
    card_id = SelectField(
        "Signaalfiche",
        coerce=optional_id,
        validators=[Optional()],
        invalid_value_message="Kies een signaalfiche uit de lijst.",
        invalid_choice_message="Kies een signaalfiche uit de lijst.",
    )
    signal_reference = StringField(
        "Of een signaal, met zijn referentie",
        filters=[tidy],
        validators=[Optional(), Length(max=20), _reference],
    )
    # Sent by buttons on a signal's page instead of a typed reference.
    signal_id = HiddenField("Signaal")
    return_to = SelectField(
        "Terug naar",
        choices=[SelectChoice(v, v) for v in ("", "card", "signal", "meeting")],
        validators=[Optional()],
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.card_id.data is None and not self.signal_reference.data and not self.signal_id.data:
            self.card_id.errors.append(
                "Kies een signaalfiche of vul de referentie van een signaal in."
            )
            return False
        return True


class MeetingFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(
        "Soort", choices=[SelectChoice("", "Alle soorten"), *KIND_CHOICES], validators=[Optional()]
    )


def default_period() -> dict:
    """A new meeting's form starts two weeks from now, from 14:00 to 16:00."""
    start = datetime.now(BRUSSELS).date() + timedelta(days=14)
    return {"day": start, "starts": time(14, 0), "ends": time(16, 0)}
