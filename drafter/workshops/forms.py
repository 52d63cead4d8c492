"""The workshop forms: starting a workshop, joining one, naming a team, capping the teams."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, StopValidation

from .service import CODE_LENGTH, MOST_TEAMS_ALLOWED, TEAM_NAME_MAX, WORKSHOP_NAME_MAX


class NewWorkshopForm(FlaskForm):
    name = StringField(_l("Name of the workshop"), description=_l(
        "For example: Drafting workshop for the second National Action Plan, Lakeside Hotel"),
        validators=[InputRequired(_l("Enter a name for the workshop")),
                    Length(max=WORKSHOP_NAME_MAX)])
    starts_on = DateField(_l("First day"), validators=[Optional()],
                          description=_l("Optional."))
    ends_on = DateField(_l("Last day"), validators=[Optional()], description=_l("Optional."))
    scenario = SelectField(_l("Scenario: the plan every team starts from"), description=_l(
        "Each team gets its own copy, taken now; you can reset a team to it later."),
        validate_choice=False)
    checklist = SelectField(_l("Checklist the teams are scored against"), validate_choice=False)


class JoinForm(FlaskForm):
    code = StringField(_l("Workshop code"), description=_l(
        "The %(n)s letters and digits the trainer shows, for example K7PQX4.", n=CODE_LENGTH),
        validators=[InputRequired(_l("Enter the workshop code")), Length(max=40)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})


class JoinTeamForm(FlaskForm):
    team = RadioField(_l("Your team"), validate_choice=False, coerce=str,
                      validators=[InputRequired(_l("Choose your team, or start a new one"))])
    new_team = StringField(_l("Name of the new team"), validators=[Length(max=TEAM_NAME_MAX)],
                           description=_l("For example: Team Coastal Provinces"))
    your_name = StringField(_l("Your name"), description=_l(
        "Shown to your team and the trainer next to what you change. No e-mail address or "
        "password is needed."), validators=[Length(max=200)],
        render_kw={"autocomplete": "name"})


class TeamNameForm(FlaskForm):
    name = StringField(_l("Team name"), validators=[
        InputRequired(_l("Enter a team name")), Length(max=TEAM_NAME_MAX)])


class _TeamCountField(IntegerField):
    """A whole number; text that is none is left to the validator, which says what to type
    (once: the field's own message would come on top)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None


def _from_1_to_most(form, field):
    # Translated now, as a plain string: the field-error macro shows strings only.
    if field.data is None or not 1 <= field.data <= MOST_TEAMS_ALLOWED:
        raise StopValidation(_("Enter a number of teams from 1 to %(most)s.",
                               most=MOST_TEAMS_ALLOWED))


class MaxTeamsForm(FlaskForm):
    max_teams = _TeamCountField(_l("At most this many teams"), description=_l(
        "Neither participants nor you can start a team beyond this. From 1 to %(most)s.",
        most=MOST_TEAMS_ALLOWED), validators=[_from_1_to_most],
        render_kw={"min": 1, "max": MOST_TEAMS_ALLOWED, "inputmode": "numeric"})
