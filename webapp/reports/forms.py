"""The report filters: plain GET parameters, so the URL carries them."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import Optional

from webapp.reports import periods


class ReportFilterForm(FlaskForm):
    class Meta:
        csrf = False

    periode = SelectField("Periode", validators=[Optional()])
    thema = SelectField("Thema", validators=[Optional()])
    doelgroep = SelectField("Doelgroep", validators=[Optional()])

    def offer(self, today: date, themes: list[str], target_groups: list[str]) -> None:
        self.periode.choices = {label: options for label, options in periods.choices(today)}
        self.thema.choices = [("", "Alle thema's"), *[(name, name) for name in themes]]
        self.doelgroep.choices = [("", "Alle doelgroepen"), *[(n, n) for n in target_groups]]

    def chosen_period(self, today: date) -> periods.Period:
        chosen = periods.Period.parse(self.periode.data or "")
        return chosen or periods.Period.containing(today, "jaar")
