"""Forms for how the plan is made: the consultation step and one consultation event."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FormField

from ...plan import vocab as v
from .common import (
    ItemForm,
    RowForm,
    RowList,
    StepForm,
    answer,
    count,
    flag,
    partial_date,
    prose,
    text,
    vocab_checkboxes,
    vocab_select,
)


# The row below has a field named `count`, which hides the function inside its class.
whole_number = count


class LevelRow(RowForm):
    """Consultations at one level, told in aggregate ("52 district consultations")."""

    level = vocab_select(_l("Level"), v.CONSULTATION_LEVELS)
    count = whole_number(_l("Consultations"))
    participants = whole_number(_l("Participants"))
    women = whole_number(_l("Of whom women"))
    places = text(_l("Places"), _l("For example: all 14 provinces"))
    groups = vocab_checkboxes(_l("Groups heard"), v.GROUPS)


class ConsultationForm(StepForm):
    groups = [
        (_l("The drafting body"), ["drafting_body", "civil_society_on_drafting_body",
                                   "sectors_on_drafting_body"]),
        (_l("The process"), ["process_summary", "how_input_was_used", "draft_published",
                             "validation_workshop_date"]),
        (_l("Consultations in aggregate"), ["levels"]),
    ]
    drafting_body = text(_l("Who drafted the plan"),
                         _l("For example: an inter-ministerial working group with civil society"))
    civil_society_on_drafting_body = answer(_l("Civil society sat on the drafting body"))
    sectors_on_drafting_body = vocab_checkboxes(_l("Sectors on the drafting body"), v.SECTORS)
    process_summary = prose(_l("How the consultation was run"), rows=4)
    how_input_was_used = prose(_l("How what people said was used"), rows=4)
    draft_published = answer(_l("The draft was published for comment"))
    validation_workshop_date = partial_date(_l("Date of the validation workshop"))
    levels = RowList(FormField(LevelRow), label=_l("Consultations by level"),
                     description=_l("When the plan counts its consultations rather than "
                                    "listing each one: one row per level, for example "
                                    "“52 district consultations with 3,100 participants”. "
                                    "List single events below."),
                     min_entries=0, empty=_l("No consultations counted by level yet."),
                     add_label=_l("Add a level"))


class EventForm(ItemForm):
    # `layout`, not `groups`: this form has a field named `groups`, which would replace
    # the list of headings (the macro render_groups reads `layout` first).
    layout = [
        (_l("When and where"), ["date", "place", "region", "in_capital", "format"]),
        (_l("Who took part"), ["women", "men", "groups", "organisations"]),
        (_l("What was heard"), ["summary"]),
    ]
    date = partial_date(_l("Date"))
    place = text(_l("Place"))
    region = text(_l("Region"), _l("Choose one of the regions listed on “About the plan”, "
                                   "or type another."))
    in_capital = flag(_l("Held in the capital"))
    format = vocab_select(_l("Format"), v.CONSULTATION_FORMATS)
    women = count(_l("Number of women"))
    men = count(_l("Number of men"))
    groups = vocab_checkboxes(_l("Groups represented"), v.GROUPS)
    organisations = text(_l("Organisations represented"))
    summary = prose(_l("Summary of what was said"), rows=4)
