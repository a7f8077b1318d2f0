"""The report filters: plain GET parameters, so the URL carries them."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from webapp.reports import periods


class ReportFilterForm(FlaskForm):
    class Meta:
        csrf = False

    periode = SelectField("Periode", validators=[Optional()])
    thema = SelectField("Thema", validators=[Optional()])
    doelgroep = SelectField("Doelgroep", validators=[Optional()])

    def offer(self, today: date, themes: list[str], target_groups: list[str]) -> None:
        self.periode.choices = [
            SelectChoice(value, label, optgroup=group)
            for group, options in periods.choices(today)
            for value, label in options
        ]
        self.thema.choices = [SelectChoice("", "Alle thema's"), *map(_named, themes)]
        self.doelgroep.choices = [SelectChoice("", "Alle doelgroepen"), *map(_named, target_groups)]

    def chosen_period(self, today: date) -> periods.Period:
        chosen = periods.Period.parse(self.periode.data or "")
        return chosen or periods.Period.containing(today, "jaar")


def _named(name: str) -> SelectChoice:
    return SelectChoice(name, name)
