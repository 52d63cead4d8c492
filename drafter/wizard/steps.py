"""The ordered registry of wizard steps: one entry per section of the plan document.

Adding a step is a form, an entry here, and (only if the generic page will not do) a
template. Steps whose content is a long list (actions, indicators, budget lines,
consultation events) declare a `collection`: the list is shown as a table and each item
is edited on its own page, which serves people better than one huge grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from .forms import framing, process, reach, resources, results
from .forms.common import CollectionStepForm, ItemForm, StepForm


@dataclass(frozen=True)
class Collection:
    attribute: str                 # the list in the section model, e.g. "items"
    form: type[ItemForm]
    noun: object                   # "action", shown in "Saved the action"
    heading: object                # "Actions", above the table of items
    add_label: object
    columns: tuple[tuple[str, object], ...]   # (field, heading) shown in the table


@dataclass(frozen=True)
class Step:
    key: str                       # also the section of the plan document it edits
    title: object
    form: type[StepForm]
    intro: object = ""
    collection: Collection | None = None
    areas: tuple[str, ...] = field(default_factory=tuple)  # checklist areas it feeds
    template: str = "wizard/step.html"
    # Fields asked once elsewhere: (field, section, field there). The page fills them in
    # from there while they are empty here, rather than asking twice.
    carried: tuple[tuple[str, str, str], ...] = ()


STEPS: list[Step] = [
    Step("about", _l("About the plan"), framing.AboutForm,
         _l("Who the plan belongs to, its period, and how it is adopted."), areas=("POL",)),
    Step("context", _l("Context analysis"), framing.ContextForm,
         _l("The situation the plan answers, and how it affects women and men differently."),
         areas=("CTX",)),
    Step("leadership", _l("Leadership and coordination"), framing.LeadershipForm,
         _l("Who leads the plan, who coordinates it, and who answers for it."),
         areas=("POL", "COA"), carried=(("lead_institution", "about", "lead_institution"),)),
    Step("consultation", _l("Consultation"), process.ConsultationForm,
         _l("Who drafted the plan and who was heard: in aggregate by level, and event by event."),
         collection=Collection("events", process.EventForm, _l("consultation event"), _l("Consultation events"),
                               _l("Add a consultation event"),
                               (("date", _l("Date")), ("place", _l("Place")),
                                ("region", _l("Region")), ("women", _l("Women")),
                                ("men", _l("Men")))),
         areas=("INC",)),
    Step("pillars", _l("Pillars and objectives"), results.PillarsForm,
         _l("The vision, the pillars and the strategic objectives under each."),
         areas=("RES", "THM")),
    Step("actions", _l("Actions"), CollectionStepForm,
         _l("What will be done under each objective, by whom and by when."),
         collection=Collection("items", results.ActionForm, _l("action"), _l("Actions"), _l("Add an action"),
                               (("code", _l("Code")), ("title", _l("Action")),
                                ("lead_institution", _l("Lead")), ("end", _l("End")))),
         areas=("RES", "THM")),
    Step("indicators", _l("Indicators"), results.IndicatorsForm,
         _l("How progress is measured: baselines, targets and sources."),
         collection=Collection("items", results.IndicatorForm, _l("indicator"), _l("Indicators"),
                               _l("Add an indicator"),
                               (("code", _l("Code")), ("statement", _l("Indicator")),
                                ("baseline", _l("Baseline")), ("target", _l("Target")))),
         areas=("MEL",)),
    Step("budget", _l("Budget and financing"), resources.BudgetForm,
         _l("What the plan costs, who pays, and what is secured."),
         collection=Collection("lines", resources.BudgetLineForm, _l("budget line"), _l("Budget lines"),
                               _l("Add a budget line"),
                               (("description", _l("Description")), ("amount", _l("Cost")),
                                ("secured", _l("Secured")), ("funder", _l("Funder")))),
         areas=("FIN",)),
    Step("monitoring", _l("Monitoring, evaluation and reporting"), resources.MonitoringForm,
         _l("Who monitors, how often, to whom, and when the plan is evaluated."),
         areas=("MEL", "COA")),
    Step("localisation", _l("Localisation and dissemination"), reach.LocalisationForm,
         _l("How the plan reaches provinces, districts and the people it is for."),
         areas=("LOC",)),
    Step("regional", _l("Regional links and twinning"), reach.RegionalForm,
         _l("The regional framework the plan answers to, and who it learns with."),
         areas=("REG",)),
    Step("review", _l("Review and revision"), reach.ReviewForm,
         _l("How the plan learns from the last one and is revised."), areas=("REV",)),
]

BY_KEY: dict[str, Step] = {step.key: step for step in STEPS}


def next_step(key: str) -> Step | None:
    index = [step.key for step in STEPS].index(key)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(key: str) -> Step | None:
    index = [step.key for step in STEPS].index(key)
    return STEPS[index - 1] if index > 0 else None
