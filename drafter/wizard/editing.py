"""Editing operations of the wizard, shared by the views and tests: build forms for a
step or an item, fill in choices that depend on the rest of the plan, and apply an
item's change to its section.
"""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ..plan.fields import PARTIAL_DATE
from ..plan.globals import global_indicator_choices
from ..plan.schema import SECTION_MODELS, Model, PlanDocument
from .binding import apply_limits, is_blank, model_values
from .forms.common import REMOVED_CHOICE
from .steps import BY_KEY, Step

# Fields that name a row which has neither a code nor a title, in order of preference.
NAME_FIELDS = ("name", "institution", "partner", "risk", "description", "place", "funder")


def _texts(row):
    """A row's text fields by name, "" for any other: the row may be a model, or a row of
    a file being imported (a dict that may hold anything)."""
    def text(name: str) -> str:
        value = row.get(name) if isinstance(row, dict) else getattr(row, name, None)
        return value if isinstance(value, str) else ""
    return text


def row_label(row) -> str:
    """How a row is named in a choice or a message: its code, then its title."""
    text = _texts(row)
    return " ".join(part for part in (text("code"), text("title") or text("statement"))
                    if part) or _("(untitled)")


def row_name(row, position: int | None = None) -> str:
    """How a row is named where it is listed or mentioned: its code and title, else what
    it is called (with its date, for an event), else its date, else its place in its
    list ("row 3", `position` counting from 0), never its id."""
    text = _texts(row)
    if text("code") or text("title") or text("statement"):
        return row_label(row)
    date = row.get("date") if isinstance(row, dict) else getattr(row, "date", None)
    # A date is text ("2025", "2025-04", "2025-04-08"), as typed: a row of a file is named
    # by it only if it is one (the import may be refusing it).
    when = date.isoformat() if hasattr(date, "isoformat") else \
        date if isinstance(date, str) and PARTIAL_DATE.fullmatch(date) else ""
    for name in NAME_FIELDS:
        if text(name):
            return f"{text(name)} ({when})" if when else text(name)
    if when:
        return when
    return _("row %(n)s", n=position + 1) if position is not None else _("(untitled)")


def fill_choices(form, document: PlanDocument) -> None:
    """Choices that come from the plan itself: objectives, actions, pillars."""
    blank = [SelectChoice("", _("Choose…"))]
    objectives = [SelectChoice(o.id, row_label(o)) for o in document.pillars.objectives]
    actions = [SelectChoice(a.id, row_label(a)) for a in document.actions.items]
    if "objective_id" in form and "title" in form:  # an action
        form.objective_id.choices = blank + objectives
    if "action_id" in form:  # a budget line
        form.action_id.choices = blank + actions
        # Amounts are in the plan's one currency, chosen on the budget step: shown beside them.
        unit = document.budget.currency or _("no currency chosen yet")
        form.amount.unit = form.secured.unit = unit
    if "total_cost" in form:  # the budget step: the plan's money as a whole
        # In the currency chosen above it on the same page (once saved, by its code).
        unit = document.budget.currency or _("in the currency chosen above")
        for name in ("total_cost", "total_secured", "dedicated_budget_amount",
                     "dedicated_budget_secured"):
            form[name].unit = unit
    if "measures" in form:  # an indicator
        form.measures.choices = blank + [
            SelectChoice(f"objective:{o.value}", o.label, optgroup=_("Objectives")) for o in objectives
        ] + [SelectChoice(f"action:{a.value}", a.label, optgroup=_("Actions")) for a in actions]
        form.global_indicator.choices = blank + global_indicator_choices()
    if "objectives" in form:  # the pillars step: each objective row chooses a pillar
        _pillar_choices(form, document, blank)
    if "region" in form:  # a consultation event: the regions named on "About the plan"
        form.region.suggestions = document.about.regions


def _pillar_choices(form, document: PlanDocument, blank: list) -> None:
    """Each objective chooses among the pillar rows of the same form (as typed, when it
    was posted): a pillar added on the page can be chosen, one removed cannot. A removed
    pillar that an objective still names stays among its choices, under its saved name,
    so that the page shows what was chosen next to the message asking for another."""
    unnamed = _("(unnamed pillar)")
    current = {}
    for entry in form.pillars.entries:
        row = entry.form
        if row.id.data and any(not is_blank(row[name].data) for name in row._fields
                               if name != "id"):
            current[row.id.data] = (row["name"].data or "").strip() or unnamed
    saved = {pillar.id: pillar.name or unnamed for pillar in document.pillars.pillars}
    choices = blank + [SelectChoice(key, name) for key, name in current.items()]
    form.objectives.row_choices = {"pillar_id": choices}
    for entry in form.objectives.entries:
        field = entry.form.pillar_id
        field.allowed, field.former = set(current), saved
        chosen = field.data
        if chosen and chosen not in current:
            gone = str(REMOVED_CHOICE).replace("{name}", saved.get(chosen, chosen))
            field.choices = choices + [SelectChoice(chosen, gone)]
        else:
            field.choices = choices


def carry_over(form, step: Step, document: PlanDocument) -> None:
    """Fill the step's fields that are asked once elsewhere (the lead institution, on
    "About the plan") while they are empty here, saying where the answer came from."""
    for name, section, source in step.carried:
        value = getattr(getattr(document, section), source)
        if value and not form[name].data:
            form[name].data = value
            form[name].description = _("Filled in from “%(step)s”: change it here if "
                                       "it is not the same.", step=BY_KEY[section].title)


def step_form(step: Step, section: Model, version: int, status: str, formdata=None):
    """The step's form, from what was posted or else from the saved section."""
    if formdata is not None:
        form = step.form(formdata=formdata)
    else:
        data = model_values(section, step.form)
        form = step.form(formdata=None, data={**data, "version": str(version),
                                              "complete": status == "complete"})
    apply_limits(form, SECTION_MODELS[step.key])
    return form


def item_form(step: Step, item: Model | None, version: int, formdata=None):
    form_class = step.collection.form
    if formdata is not None:
        form = form_class(formdata=formdata)
    else:
        data = model_values(item, form_class) if item is not None else {}
        form = form_class(formdata=None, data={**data, "version": str(version)})
    apply_limits(form, item_model(step))
    return form


def find_item(section: Model, step: Step, item_id: str):
    for item in getattr(section, step.collection.attribute):
        if item.id == item_id:
            return item
    return None


def with_item(section: Model, step: Step, item: Model) -> Model:
    """The section with `item` replacing the row of the same id, or appended."""
    items = list(getattr(section, step.collection.attribute))
    for index, existing in enumerate(items):
        if existing.id == item.id:
            items[index] = item
            break
    else:
        items.append(item)
    return section.model_copy(update={step.collection.attribute: items})


def without_item(section: Model, step: Step, item_id: str) -> Model:
    items = [row for row in getattr(section, step.collection.attribute) if row.id != item_id]
    return section.model_copy(update={step.collection.attribute: items})


def item_model(step: Step) -> type[Model]:
    """The pydantic model of one item of the step's collection."""
    section_model = SECTION_MODELS[step.key]
    annotation = section_model.model_fields[step.collection.attribute].annotation
    return annotation.__args__[0]
