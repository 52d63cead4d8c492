"""Controlled vocabularies of a plan: pillars, resolutions, groups, formats, and the rest.

Each vocabulary is declared once, as (value, label) pairs. The value is what the plan
document stores (stable, English, snake_case); the label is what people read, and goes
through Flask-Babel so it can be translated (by way of `drafter.i18n`, which imports
Flask-Babel only inside an app). The same object gives the pydantic type
that validates a stored value, the choices a WTForms field offers, and the JSON Schema
of a value in a plan file (`Vocab.json_schema`: the allowed values with their English
labels, as `drafter schema` prints them).
"""

from __future__ import annotations

from typing import Annotated

from babel.core import get_global
from babel.numbers import get_territory_currencies
from pydantic import AfterValidator

from ..i18n import LANGUAGES, in_app
from ..i18n import lazy_gettext as _l


class Vocab:
    """A named, ordered list of (value, label) pairs."""

    def __init__(self, name: str, pairs: list[tuple[str, object]], describe=None):
        self.name = name
        self.pairs = pairs
        self.values = [value for value, _ in pairs]
        self._labels = dict(pairs)
        # value -> an English description of it, or None: for the JSON Schema only.
        self._describe = describe

    def label(self, value: str) -> str:
        return str(self._labels.get(value, value))

    def choices(self, blank: object | None = None) -> list:
        """Choices for a WTForms select; `blank` adds an empty first option."""
        from wtforms.fields.choices import SelectChoice

        head = [SelectChoice("", blank)] if blank is not None else []
        return head + [SelectChoice(value, label) for value, label in self.pairs]

    def check(self, value: str) -> str:
        if value not in self._labels:
            if len(self.values) > 30:
                raise ValueError(f"'{value}' is not a valid {self.name.replace('_', ' ')} code")
            allowed = ", ".join(self.values)
            raise ValueError(f"'{value}' is not one of: {allowed}")
        return value

    def json_schema(self) -> dict:
        """The JSON Schema of one value: a string, one of the values, each with its label.

        The values are given twice, in the two ways JSON Schema tools read them: `enum`,
        the values alone (what validators and code generators use), and `oneOf`, one
        `{"const": value, "title": label}` per value, the JSON Schema idiom for a labelled
        choice (what form builders such as react-jsonschema-form and JSON Forms show, and
        what a person reads). `x-vocabulary` names the list, so that the fields sharing
        one (`groups` on events and on levels) can be told. The labels are in English
        whatever the locale: the schema is a file-format standard, as the values are.
        """
        options = []
        for value, label in self.pairs:
            option = {"const": value, "title": english(label)}
            if self._describe is not None and (about := self._describe(value)):
                option["description"] = about
            options.append(option)
        return {"type": "string", "enum": list(self.values), "oneOf": options,
                "x-vocabulary": self.name}

    @property
    def type(self):
        """The pydantic type of one stored value of this vocabulary."""
        return Annotated[str, AfterValidator(self.check), VocabJsonSchema(self)]


class VocabJsonSchema:
    """A pydantic annotation giving a string field the JSON Schema of a vocabulary's value
    (`Vocab.json_schema`), made when a schema is asked for, not at import."""

    def __init__(self, vocab: Vocab, **extra):
        self.vocab = vocab
        self.extra = extra  # more keywords, e.g. a `default`

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        schema = handler(core_schema)
        schema.update(self.vocab.json_schema(), **self.extra)
        return schema


def english(text: object) -> str:
    """`text` (a label, lazily translated) in English, the language it is written in,
    even inside an app whose locale is another."""
    if in_app():
        from flask_babel import force_locale

        with force_locale("en"):
            return str(text)
    return str(text)


# The languages a plan can be written in, each named in itself (as the language menu
# names them): its reports print their headings, labels and dates in it.
DOCUMENT_LANGUAGES = Vocab("document_language", list(LANGUAGES.items()))

PLAN_TYPES = Vocab("plan_type", [
    ("national", _l("National action plan")),
    ("regional", _l("Regional action plan")),
    ("local", _l("Local action plan")),
])

RESOLUTIONS = Vocab("resolution", [
    (code, _l("Resolution %(code)s (%(year)s)", code=code, year=year))
    for code, year in [
        ("1325", 2000), ("1820", 2008), ("1888", 2009), ("1889", 2009), ("1960", 2010),
        ("2106", 2013), ("2122", 2013), ("2242", 2015), ("2467", 2019), ("2493", 2019),
    ]
])

ENDORSEMENT_LEVELS = Vocab("endorsement", [
    ("head_of_state", _l("Head of state or government")),
    ("cabinet", _l("Cabinet or council of ministers")),
    ("parliament", _l("Parliament")),
    ("minister", _l("A minister")),
    ("regional_council", _l("Council of a regional organisation")),
    ("senior_official", _l("A senior official")),
    ("none_yet", _l("Not yet endorsed")),
])

SECTORS = Vocab("sector", [
    ("gender", _l("Gender or women's affairs")),
    ("foreign_affairs", _l("Foreign affairs")),
    ("defence", _l("Defence")),
    ("interior", _l("Interior or police")),
    ("justice", _l("Justice")),
    ("finance", _l("Finance or planning")),
    ("local_government", _l("Local government")),
    ("health", _l("Health")),
    ("education", _l("Education")),
    ("social_welfare", _l("Social welfare")),
    ("parliament", _l("Parliament")),
    ("human_rights_body", _l("National human rights institution")),
    ("civil_society", _l("Civil society or women's organisation")),
    ("academia", _l("Academia")),
    ("un_or_donor", _l("UN agency or donor")),
    ("other", _l("Other")),
])

GROUPS = Vocab("group", [
    ("womens_organisations", _l("Women's organisations")),
    ("rural_women", _l("Rural women")),
    ("displaced_women", _l("Displaced and refugee women")),
    ("conflict_affected_women", _l("Women affected by conflict")),
    ("survivors", _l("Survivors of sexual violence")),
    ("youth", _l("Young women and youth")),
    ("women_with_disabilities", _l("Women with disabilities")),
    ("minority_women", _l("Minority and indigenous women")),
    ("human_rights_defenders", _l("Women human rights defenders")),
    ("women_veterans", _l("Women veterans and security personnel")),
    ("faith_traditional_leaders", _l("Faith and traditional leaders")),
    ("men_and_boys", _l("Men and boys")),
    ("academia", _l("Academia and researchers")),
    ("media", _l("Media")),
    ("government", _l("Government officials")),
])

CONSULTATION_FORMATS = Vocab("consultation_format", [
    ("workshop", _l("Workshop")),
    ("focus_group", _l("Focus group")),
    ("public_hearing", _l("Public hearing")),
    ("validation", _l("Validation workshop")),
    ("survey", _l("Survey")),
    ("online", _l("Online consultation")),
    ("interviews", _l("Interviews")),
    ("other", _l("Other")),
])

STANDARD_PILLARS = Vocab("pillar", [
    ("prevention", _l("Prevention")),
    ("participation", _l("Participation")),
    ("protection", _l("Protection")),
    ("relief_recovery", _l("Relief and recovery")),
])

DIMENSIONS = Vocab("dimension", [
    ("domestic", _l("Domestic")),
    ("external", _l("External (foreign policy, aid, peacekeeping)")),
    ("both", _l("Both")),
])

THEMES = Vocab("theme", [
    ("sgbv", _l("Sexual and gender-based violence")),
    ("political_participation", _l("Women in decision-making")),
    ("peace_processes", _l("Peace processes and mediation")),
    ("security_sector", _l("Security-sector reform")),
    ("justice", _l("Justice and transitional justice")),
    ("disarmament", _l("Arms control and disarmament")),
    ("early_warning", _l("Early warning and conflict prevention")),
    ("displacement", _l("Refugees and displaced people")),
    ("trafficking", _l("Human trafficking")),
    ("climate", _l("Climate and disasters")),
    ("violent_extremism", _l("Preventing violent extremism")),
    ("disability", _l("Disability")),
    ("youth", _l("Youth")),
    ("human_rights_defenders", _l("Human rights defenders")),
    ("economic_recovery", _l("Economic recovery and livelihoods")),
    ("health", _l("Health, including sexual and reproductive health")),
    ("men_and_boys", _l("Men and boys")),
    ("peacekeeping", _l("Peacekeeping and peace operations")),
])

INDICATOR_LEVELS = Vocab("indicator_level", [
    ("output", _l("Output")),
    ("outcome", _l("Outcome")),
])

DISAGGREGATIONS = Vocab("disaggregation", [
    ("sex", _l("Sex")),
    ("age", _l("Age")),
    ("disability", _l("Disability")),
    ("location", _l("Location")),
    ("displacement", _l("Displacement status")),
    ("ethnicity", _l("Ethnicity")),
])

FREQUENCIES = Vocab("frequency", [
    ("monthly", _l("Monthly")),
    ("quarterly", _l("Quarterly")),
    ("biannual", _l("Twice a year")),
    ("annual", _l("Every year")),
    ("biennial", _l("Every two years")),
    ("midterm_and_end", _l("At mid-term and at the end")),
    ("end", _l("At the end of the plan")),
])

FUNDING_SOURCES = Vocab("funding_source", [
    ("national_budget", _l("National budget (new allocation)")),
    ("ministry_budget", _l("Existing ministry budget line")),
    ("local_government", _l("Local government budget")),
    ("donor", _l("Bilateral donor")),
    ("un", _l("UN agency or fund")),
    ("regional_body", _l("Regional organisation")),
    ("private_or_cso", _l("Private sector or civil society")),
    ("unidentified", _l("Not yet identified")),
])

COST_CATEGORIES = Vocab("cost_category", [
    ("action", _l("An action of the plan")),
    ("coordination", _l("Coordination and secretariat")),
    ("monitoring_evaluation", _l("Monitoring, data and evaluation")),
    ("civil_society", _l("Civil-society participation and grants")),
    ("dissemination", _l("Dissemination and localisation")),
    ("other", _l("Other")),
])

REPORT_RECIPIENTS = Vocab("report_recipient", [
    ("cabinet", _l("Cabinet or head of government")),
    ("parliament", _l("Parliament")),
    ("public", _l("The public")),
    ("civil_society", _l("Civil society")),
    ("regional_body", _l("Regional organisation")),
    ("un", _l("United Nations")),
])

BUDGET_LINKS = Vocab("budget_link", [
    ("mtef", _l("Medium-term expenditure framework")),
    ("annual_budget", _l("Annual budget law")),
    ("gender_budget_tagging", _l("Gender budget tagging")),
    ("grb", _l("Gender-responsive budgeting")),
    ("earmarked_fund", _l("A dedicated fund")),
])

ANSWERS = Vocab("answer", [
    ("yes", _l("Yes")),
    ("no", _l("No")),
    ("not_stated", _l("Not stated")),
])

CONSULTATION_LEVELS = Vocab("consultation_level", [
    ("national", _l("National")),
    ("regional", _l("Regional or provincial")),
    ("district", _l("District or municipal")),
    ("community", _l("Community or village")),
    ("diaspora", _l("Diaspora or refugees abroad")),
    ("online", _l("Online")),
])

EVALUATION_KINDS = Vocab("evaluation_kind", [
    ("midterm", _l("Mid-term review")),
    ("final", _l("Final evaluation")),
    ("annual_review", _l("Annual review")),
    ("other", _l("Other evaluation")),
])

EVALUATION_STATUSES = Vocab("evaluation_status", [
    ("planned", _l("Planned")),
    ("done", _l("Done")),
])

ME_FRAMEWORK_PARTS = Vocab("me_framework_part", [
    ("results_framework", _l("Results framework or matrix")),
    ("logframe", _l("Logical framework (logframe)")),
    ("me_chapter", _l("Monitoring and evaluation chapter")),
    ("indicator_reference_sheets", _l("Indicator reference sheets")),
    ("monitoring_plan", _l("Monitoring plan with data collection")),
    ("baseline_study", _l("Baseline study")),
])

REGIONAL_FRAMEWORKS = Vocab("regional_framework", [
    ("au_crf", _l("African Union Continental Results Framework")),
    ("ecowas", _l("ECOWAS Plan of Action")),
    ("igad", _l("IGAD Regional Action Plan")),
    ("sadc", _l("SADC Regional Strategy")),
    ("icglr", _l("ICGLR declarations")),
    ("pacific_rap", _l("Pacific Regional Action Plan")),
    ("las", _l("League of Arab States Regional Strategy")),
    ("eu", _l("EU Action Plan on WPS")),
    ("nato", _l("NATO/EAPC Policy")),
    ("osce", _l("OSCE")),
    ("other", _l("Other")),
])

EXCHANGE_FORMS = Vocab("exchange_form", [
    ("twinning", _l("Twinning")),
    ("peer_review", _l("Peer review")),
    ("study_visit", _l("Study visit")),
    ("joint_training", _l("Joint training or academy")),
    ("technical_support", _l("Technical support")),
    ("network", _l("Network of focal points")),
])


def _tender_currencies() -> list[str]:
    """ISO 4217 codes that are legal tender somewhere today (no historic ones)."""
    codes = set()
    # The territories of CLDR's currency table, not of a locale: the same ones, without
    # loading the English locale's data (a tenth of a `drafter score`'s start-up).
    for territory in get_global("territory_currencies"):
        if territory.isalpha():
            codes.update(get_territory_currencies(territory, tender=True))
    return sorted(codes)


def _currency_name(code: str) -> str:
    """The English name of a currency ("US Dollar"), for the JSON Schema only: the English
    locale's data is loaded when a schema is made, never when a plan is read."""
    from babel.numbers import get_currency_name

    return get_currency_name(code, locale="en")


CURRENCIES = Vocab("currency", [(code, code) for code in _tender_currencies()],
                   describe=_currency_name)
