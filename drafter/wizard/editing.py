"""Editing operations of the wizard, shared by the views and tests: build forms for a
step or an item, fill in choices that depend on the rest of the plan, and apply an
item's change to its section.
"""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from ..plan.globals import global_indicator_choices
from ..plan.schema import SECTION_MODELS, Model, PlanDocument
from .binding import apply_limits, model_values
from .steps import Step


def row_label(row) -> str:
    """How a row is named in a choice or a message: its code, then its title."""
    code = getattr(row, "code", "") or ""
    title = getattr(row, "title", "") or getattr(row, "statement", "") or ""
    return " ".join(part for part in (code, title) if part) or _("(untitled)")


def fill_choices(form, document: PlanDocument) -> None:
    """Choices that come from the plan itself: objectives, actions, pillars."""
    blank = [SelectChoice("", _("Choose…"))]
    objectives = [SelectChoice(o.id, row_label(o)) for o in document.pillars.objectives]
    actions = [SelectChoice(a.id, row_label(a)) for a in document.actions.items]
    if "objective_id" in form and "title" in form:  # an action
        form.objective_id.choices = blank + objectives
    if "action_id" in form:  # a budget line
        form.action_id.choices = blank + actions
    if "measures" in form:  # an indicator
        form.measures.choices = blank + [
            SelectChoice(f"objective:{o.value}", o.label, optgroup=_("Objectives")) for o in objectives
        ] + [SelectChoice(f"action:{a.value}", a.label, optgroup=_("Actions")) for a in actions]
        form.global_indicator.choices = blank + global_indicator_choices()
    if "objectives" in form:  # the pillars step: each objective row chooses a pillar
        pillars = [SelectChoice(p.id, p.name or _("(unnamed pillar)"))
                   for p in document.pillars.pillars]
        form.objectives.row_choices = {"pillar_id": blank + pillars}
        for entry in form.objectives.entries:
            entry.form.pillar_id.choices = blank + pillars


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
