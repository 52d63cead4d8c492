"""Forms for the framing of a plan: about the plan, context analysis, leadership."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FormField, SelectField

from ...plan import vocab as v
from .common import (
    RowForm,
    RowList,
    StepForm,
    answer,
    count,
    lines,
    partial_date,
    percent,
    prose,
    text,
    vocab_checkboxes,
    vocab_select,
    year,
)


class AboutForm(StepForm):
    groups = [
        (_l("The plan"), ["country_or_organisation", "plan_type", "title", "language",
                          "period_start", "period_end", "generation", "lead_institution",
                          "resolutions"]),
        (_l("Adoption"), ["adopting_authority", "adoption_instrument", "adoption_date",
                          "foreword_by"]),
        (_l("Where the plan applies"), ["capital", "regions", "policy_links"]),
    ]
    country_or_organisation = text(_l("Country or organisation"),
                                   _l("For a regional plan, the regional organisation."))
    plan_type = vocab_select(_l("Type of plan"), v.PLAN_TYPES)
    title = text(_l("Title of the plan"),
                 _l("For example: Second National Action Plan on Women, Peace and Security"))
    language = SelectField(_l("Language of the plan"), choices=v.DOCUMENT_LANGUAGES.choices(),
                           default="en", description=_l(
                               "Its PDF and Word drafts and its gap report are printed in this "
                               "language, whatever language you use NAP Drafter in."))
    period_start = year(_l("First year of the plan"))
    period_end = year(_l("Last year of the plan"), _l("Most plans run for three to five years."))
    generation = count(_l("Which plan is this?"), _l("1 for a first plan, 2 for a second, and so on."))
    lead_institution = text(_l("Lead institution"))
    resolutions = vocab_checkboxes(
        _l("Resolutions the plan implements"), v.RESOLUTIONS,
        _l("A plan should answer the whole agenda, not resolution 1325 alone."))
    adopting_authority = text(_l("Adopted by"),
                              _l("For example: Council of Ministers"))
    adoption_instrument = text(_l("Instrument of adoption"),
                               _l("For example: Cabinet decision No. 14/2026"))
    adoption_date = partial_date(_l("Date of adoption"))
    foreword_by = text(_l("Foreword by"), _l("The senior leader who signs the foreword."))
    capital = text(_l("Capital city"), _l("Used to tell consultations in the capital from those outside it."))
    regions = lines(_l("Regions, provinces or member states"),
                    _l("One per line. Consultation reach is measured against this list."))
    policy_links = prose(_l("Links to national policies and laws"),
                         _l("The gender policy, development plan and laws this plan builds on."), rows=4)



class ContextForm(StepForm):
    groups = [
        (_l("Conflict and its impact"), ["conflict_analysis", "gendered_impacts"]),
        (_l("Baseline"), ["baseline_summary", "sex_disaggregated_baseline", "assessment_year",
                          "existing_programmes"]),
        (_l("Laws and policies"), ["legal_policy_review", "cedaw_gr30_considered"]),
        (_l("Scope"), ["domestic_dimension", "external_dimension"]),
    ]
    conflict_analysis = prose(_l("Conflict and security situation"),
                              _l("History, current risks and drivers of conflict and insecurity."))
    gendered_impacts = prose(_l("How conflict affects women, men, girls and boys differently"))
    baseline_summary = prose(_l("Baseline findings"),
                             _l("What the assessment found, in figures where you have them."))
    sex_disaggregated_baseline = answer(_l("The baseline data is broken down by sex"))
    assessment_year = year(_l("Year of the baseline assessment"))
    existing_programmes = prose(_l("Existing programmes and actors"), rows=4)
    legal_policy_review = prose(_l("Review of laws and policies"),
                                _l("Measured against CEDAW and the WPS resolutions, with gaps named."),
                                rows=4)
    cedaw_gr30_considered = answer(_l("The review considers CEDAW General Recommendation 30"))
    domestic_dimension = answer(_l("The plan acts at home (domestic dimension)"))
    external_dimension = answer(_l("The plan acts abroad: foreign policy, aid, peacekeeping"))


class MemberRow(RowForm):
    institution = text(_l("Institution"))
    sector = vocab_select(_l("Sector"), v.SECTORS)


class RiskRow(RowForm):
    risk = prose(_l("Risk"), rows=2)
    mitigation = prose(_l("Mitigation"), rows=2)


class LeadershipForm(StepForm):
    groups = [
        (_l("Leadership"), ["lead_institution", "focal_point", "secretariat",
                            "endorsement_level"]),
        (_l("Coordination body"), ["coordination_body", "body_terms_of_reference",
                                   "body_meeting_frequency", "members", "civil_society_seats",
                                   "civil_society_share"]),
        (_l("Accountability"), ["parliament_role", "accountability", "capacity_building"]),
        (_l("Risks"), ["risks"]),
    ]
    lead_institution = text(_l("Lead institution"))
    focal_point = text(_l("Focal point"), _l("The office or post that answers for the plan day to day."))
    secretariat = text(_l("Secretariat and staff time"))
    endorsement_level = vocab_select(_l("Highest level of endorsement"), v.ENDORSEMENT_LEVELS)
    coordination_body = text(_l("Name of the coordination body"),
                             _l("For example: National Steering Committee on Women, Peace and Security"))
    body_terms_of_reference = answer(_l("The body has written terms of reference"))
    body_meeting_frequency = vocab_select(_l("How often the body meets"), v.FREQUENCIES)
    members = RowList(FormField(MemberRow), label=_l("Members of the body"), min_entries=0,
                      empty=_l("No members yet."), add_label=_l("Add a member"))
    civil_society_seats = count(_l("Seats held by civil society"))
    civil_society_share = percent(_l("Share of seats held by civil society"),
                                _l("When the plan gives a share rather than a number of seats."))
    parliament_role = prose(_l("Role of parliament"), rows=3)
    accountability = prose(_l("Who reports to whom"),
                           _l("Lines of accountability, and what happens when an action is not delivered."),
                           rows=3)
    capacity_building = prose(_l("Training and capacity building"),
                              _l("Who will be trained on women, peace and security, and how."), rows=3)
    risks = RowList(FormField(RiskRow), label=_l("Implementation risks"), min_entries=0,
                    empty=_l("No risks yet."), add_label=_l("Add a risk"))
