"""Rules on the context analysis: a gendered conflict analysis, a baseline with a map of
existing work, and a review of laws and policies against CEDAW and the resolutions.

These read free text, so they judge it only by length and, for the gender lens, by
whether the analysis speaks of women, men, girls and boys at all.
"""

from __future__ import annotations

import re

from ..i18n import _
from .base import RuleResult, check, combine, covered, text_length
from .plan import Plan
from .registry import rule

GENDER_TERMS = ["women", "men", "girls", "boys"]


def words_used(text: str, terms: list[str]) -> set[str]:
    """Which of `terms` occur in `text` as whole words (so "women" does not count as "men")."""
    text = text.casefold()
    return {term for term in terms
            if re.search(rf"\b{re.escape(term.casefold())}\b", text)}


@rule
def context_analysis(plan: Plan, *, min_chars: int = 800,
                     gender_terms: list[str] = GENDER_TERMS) -> RuleResult:
    """A conflict analysis and an account of how insecurity affects women, men, girls and
    boys differently, rather than resolution text copied in."""
    context = plan.context
    text = f"{context.conflict_analysis} {context.gendered_impacts}"
    return combine([
        text_length(context.conflict_analysis, min_chars,
                    _("Conflict analysis: %(chars)d characters."),
                    _("There is no conflict or insecurity analysis.")),
        text_length(context.gendered_impacts, min_chars,
                    _("Gendered impacts: %(chars)d characters."),
                    _("The different impacts on women, men, girls and boys are not analysed.")),
        (covered(words_used(text, gender_terms), gender_terms,
                 _("The analysis speaks of %(done)d of %(total)d groups")), 0.5),
    ])


@rule
def baseline_mapping(plan: Plan, *, min_chars: int = 300) -> RuleResult:
    """Sex-disaggregated baseline data and a map of existing programmes and actors."""
    context = plan.context
    return combine([
        text_length(context.baseline_summary, min_chars,
                    _("Baseline summary: %(chars)d characters."),
                    _("There is no baseline summary.")),
        check(context.sex_disaggregated_baseline, _("The baseline data are sex-disaggregated."),
              _("The baseline data are not sex-disaggregated.")),
        check(context.assessment_year is not None,
              _("Baseline assessed in %(year)s.", year=context.assessment_year),
              _("The year of the baseline assessment is not given.")),
        text_length(context.existing_programmes, min_chars,
                    _("Existing programmes mapped: %(chars)d characters."),
                    _("Existing programmes and actors are not mapped.")),
    ])


@rule
def legal_review(plan: Plan, *, min_chars: int = 300) -> RuleResult:
    """Laws and policies reviewed against CEDAW (including GR 30) and the WPS resolutions."""
    context = plan.context
    return combine([
        (text_length(context.legal_policy_review, min_chars,
                     _("Legal and policy review: %(chars)d characters."),
                     _("There is no review of laws and policies.")), 2.0),
        check(context.cedaw_gr30_considered, _("CEDAW General Recommendation 30 is considered."),
              _("CEDAW General Recommendation 30 is not considered.")),
    ])
