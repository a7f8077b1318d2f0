"""The report filters: plain GET parameters, so the URL carries them."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import MonthField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from webapp.reports import periods


class ReportFilterForm(FlaskForm):
    class Meta:
        csrf = False

    periode = SelectField("Periode", validators=[Optional()])
    # A range of one's own, in whole months; it takes the place of the chosen period.
    van = MonthField("Of een eigen periode: van", validators=[Optional()])
    tot = MonthField("tot en met", validators=[Optional()])
    thema = SelectField("Thema", validators=[Optional()])
    doelgroep = SelectField("Doelgroep", validators=[Optional()])

    def offer(self, today: date, themes: list[str], target_groups: list[str]) -> None:
        self.periode.choices = [
            SelectChoice(value, label, optgroup=group)
            for group, options in periods.choices(today)
            for value, label in options
        ]
        # A range of one's own comes back in links and exports as a period of its own.
        requested = periods.Period.parse(self.periode.data or "")
        if requested is not None and requested.slug not in {c.value for c in self.periode.choices}:
            self.periode.choices.append(
                SelectChoice(requested.slug, requested.label, optgroup="Eigen periode")
            )
        self.thema.choices = [SelectChoice("", "Alle thema's"), *map(_named, themes)]
        self.doelgroep.choices = [SelectChoice("", "Alle doelgroepen"), *map(_named, target_groups)]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if bool(self.van.data) != bool(self.tot.data):
            self.tot.errors = [
                *self.tot.errors,
                "Vul voor een eigen periode zowel de begin- als de eindmaand in.",
            ]
            return False
        if self.tot.data and periods.Period.between(self.van.data, self.tot.data) is None:
            self.tot.errors = [
                *self.tot.errors,
                "De eindmaand valt na de beginmaand, hoogstens tien jaar later.",
            ]
            return False
        return valid

    def chosen_period(self, today: date) -> periods.Period:
        if self.van.data and self.tot.data:
            return periods.Period.between(self.van.data, self.tot.data)
        chosen = periods.Period.parse(self.periode.data or "")
        return chosen or periods.Period.containing(today, "jaar")


def _named(name: str) -> SelectChoice:
    return SelectChoice(name, name)
