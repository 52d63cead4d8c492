"""Rules on the context analysis: a gendered conflict analysis, a baseline with a map of
existing work, and a review of laws and policies against CEDAW and the resolutions.

These read prose for what a reviewer looks for in it (see `reading.py`): the groups
affected, the places, figures with their years, named laws and the gaps found. The
checklist says what to look for; the defaults here are the CSAG checklist's.
"""

from __future__ import annotations

import re

from ...i18n import N_
from ..i18n import _
from .base import RuleResult, answered, check, combine, covered
from .plan import Plan
from .reading import Reading, read, read_field
from .registry import rule

GENDER_TERMS = ["women", "men", "girls", "boys"]

CONFLICT_TERMS = ["conflict", "war", "violence", "insecur", "armed", "fighting", "displace",
                  "extremis", "crisis", "tension", "unrest", "militia", "insurgen", "terror",
                  "disaster", "climate", "coup", "riot", "trafficking"]

ANALYSIS = Reading.model_validate({"look_for": [
    {"what": N_("the conflict or insecurity analysed"), "terms": CONFLICT_TERMS},
    {"what": N_("affected groups"), "signals": ["groups"], "at_least": 2},
    "places",
    "dated_figures",
]})

BASELINE = Reading.model_validate({"wanted": 3, "look_for": [
    {"what": N_("figures"), "signals": ["figures"], "at_least": 2},
    {"what": N_("the year of the data"), "signals": ["years"]},
    {"what": N_("who the figures are about"), "signals": ["groups"],
     "terms": ["women", "men", "girls", "boys"]},
    {"what": N_("where the data come from"), "signals": ["institutions"],
     "terms": ["survey", "census", "assessment", "study", "records", "statistic", "register",
               "database", "data"]},
]})

PROGRAMMES = Reading.model_validate({"wanted": 3, "look_for": [
    {"what": N_("named organisations or programmes"), "signals": ["institutions"]},
    {"what": N_("where they work"), "signals": ["places"]},
    {"what": N_("how many or how much"), "signals": ["figures", "money"]},
    {"what": N_("the gaps or overlaps found"), "terms": [
        "gap", "overlap", "duplicat", "nothing reaches", "no service", "lack", "missing",
        "not covered", "few"]},
]})

LEGAL = Reading.model_validate({"look_for": [
    {"what": N_("named laws or policies"), "signals": ["laws"], "at_least": 2},
    {"what": N_("their years"), "signals": ["years"]},
    {"what": N_("the gaps found"), "terms": [
        "gap", "does not", "do not", "no law", "no provision", "lacks", "lack of", "missing",
        "not cover", "discriminat", "amend", "weak", "loophole", "contradict", "not yet",
        "fails", "silent"]},
]})


def words_used(text: str, terms: list[str]) -> set[str]:
    """Which of `terms` occur in `text` as whole words (so "women" does not count as "men")."""
    text = text.casefold()
    return {term for term in terms
            if re.search(rf"\b{re.escape(term.casefold())}\b", text)}


@rule
def context_analysis(plan: Plan, *, analysis: Reading = ANALYSIS,
                     gender_terms: list[str] = GENDER_TERMS) -> RuleResult:
    """A conflict analysis and an account of how insecurity affects women, men, girls and
    boys differently, naming the groups affected, the places and figures with their
    years, rather than resolution text copied in."""
    context = plan.context
    texts = [(_("Conflict analysis"), plan.text(context.conflict_analysis)),
             (_("Gendered impacts"), plan.text(context.gendered_impacts))]
    # Plans write the two as one chapter as often as two: read them together.
    content = read(texts, analysis, _("There is no conflict or insecurity analysis, and the "
                                      "different impacts on women, men, girls and boys are "
                                      "not analysed."),
                   title=_("Context analysis"))
    real = " ".join(text.text for _name, text in texts if text.real)
    return combine([
        (content, 2.0),
        (covered(words_used(real, gender_terms), gender_terms,
                 _("The analysis speaks of %(done)d of %(total)d groups")), 0.5),
    ])


@rule
def baseline_mapping(plan: Plan, *, baseline: Reading = BASELINE,
                     programmes: Reading = PROGRAMMES) -> RuleResult:
    """Sex-disaggregated baseline data and a map of existing programmes and actors."""
    context = plan.context
    return combine([
        read_field(plan, context.baseline_summary, baseline, _("Baseline summary"),
                   _("There is no baseline summary.")),
        answered(context.sex_disaggregated_baseline,
                 _("The baseline data are sex-disaggregated."),
                 _("No: the plan says its baseline data are not sex-disaggregated."),
                 _("The plan does not say whether its baseline data are sex-disaggregated.")),
        check(context.assessment_year is not None,
              _("Baseline assessed in %(year)s.", year=context.assessment_year),
              _("The year of the baseline assessment is not given.")),
        read_field(plan, context.existing_programmes, programmes,
                   _("Map of existing programmes"),
                   _("Existing programmes and actors are not mapped.")),
    ])


@rule
def legal_review(plan: Plan, *, review: Reading = LEGAL) -> RuleResult:
    """Laws and policies reviewed against CEDAW (including GR 30) and the WPS resolutions:
    named laws with their years, and the gaps found in them."""
    context = plan.context
    return combine([
        (read_field(plan, context.legal_policy_review, review, _("Legal and policy review"),
                    _("There is no review of laws and policies.")), 2.0),
        answered(context.cedaw_gr30_considered,
                 _("CEDAW General Recommendation 30 is considered."),
                 _("No: the plan says CEDAW General Recommendation 30 was not considered."),
                 _("The plan does not say whether CEDAW General Recommendation 30 was "
                   "considered.")),
    ])
