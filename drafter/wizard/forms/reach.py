"""Forms for the plan's reach: localisation, regional links and twinning, review."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FormField

from ...plan import vocab as v
from .common import (
    RowForm,
    RowList,
    StepForm,
    answer,
    flag,
    lines,
    partial_date,
    prose,
    text,
    vocab_checkboxes,
    vocab_select,
    year,
)


class LocalisationForm(StepForm):
    groups = [
        (_l("Local implementation"), ["local_action_plans", "subnational_bodies",
                                      "localisation_guidelines"]),
        (_l("Dissemination"), ["languages", "dissemination_plan", "public_launch_date",
                               "published_online"]),
    ]
    local_action_plans = prose(_l("Local action plans"),
                               _l("Which provinces or districts will have their own plans."), rows=3)
    subnational_bodies = prose(_l("Sub-national coordination"), rows=3)
    localisation_guidelines = answer(_l("There are guidelines for localising the plan"))
    languages = lines(_l("Languages the plan is translated into"), _l("One per line."), rows=3)
    dissemination_plan = prose(_l("How the plan will be made known"), rows=3)
    public_launch_date = partial_date(_l("Date of the public launch"))
    published_online = answer(_l("The plan is published online"))


class PartnerRow(RowForm):
    partner = text(_l("Partner"))
    form = vocab_select(_l("Form of exchange"), v.EXCHANGE_FORMS)
    start_year = year(_l("Since"))
    mutual = flag(_l("Learning both ways"))
    civil_society_both_sides = flag(_l("Civil society on both sides"))
    description = prose(_l("Description"), rows=2)


class RegionalForm(StepForm):
    groups = [
        (_l("Regional framework"), ["regional_frameworks", "regional_links", "regional_reporting",
                                    "member_states_supported"]),
        (_l("Twinning and cross-learning"), ["partners"]),
    ]
    regional_frameworks = vocab_checkboxes(_l("Regional frameworks the plan answers to"),
                                           v.REGIONAL_FRAMEWORKS)
    regional_links = prose(_l("How the plan links to them"), rows=3)
    regional_reporting = answer(_l("The plan reports to a regional body"))
    member_states_supported = text(_l("Member states supported (regional plans)"))
    partners = RowList(FormField(PartnerRow), label=_l("Twinning and learning partners"),
                       min_entries=0, empty=_l("No partners yet."),
                       add_label=_l("Add a partner"))


class ReviewForm(StepForm):
    groups = [(_l("Review and revision"), ["lessons_from_previous", "review_clause",
                                           "revision_triggers", "successor_planned"])]
    lessons_from_previous = prose(_l("Lessons from the previous plan"), rows=4)
    review_clause = prose(_l("How the plan will be reviewed and revised"), rows=3)
    revision_triggers = prose(_l("What would prompt a revision"),
                              _l("New resolutions, a crisis, the findings of a review."), rows=3)
    successor_planned = answer(_l("A successor plan is planned"))

