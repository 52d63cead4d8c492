"""Between a WTForms form and a section of the plan document.

The form collects and coerces what was typed; the section's pydantic model decides what
is allowed. `bind` builds the model from the form and, when the model refuses, puts each
error back on the field it belongs to (rows included), so the page can show them next to
what the person typed.
"""

from __future__ import annotations

from typing import Any

from flask_babel import format_number
from flask_babel import gettext as _
from pydantic import ValidationError
from wtforms import Field, FieldList, FormField
from wtforms.form import BaseForm

from ..plan.fields import Model, new_id
from .forms.common import unanswered

# Form fields that are controls, not content.
CONTROL_FIELDS = {"csrf_token", "version", "complete"}


def is_blank(value: Any) -> bool:
    return value in (None, "", [], False)


def is_blank_field(field: Field, value: Any) -> bool:
    """Blank as typed in `field`: an answer left at "not stated" says nothing either."""
    return is_blank(value) or unanswered(field, value)


def form_values(form: BaseForm) -> tuple[dict, dict[str, list[int]]]:
    """The form's content as model data, with blank rows dropped.

    Returns the data and, for each row list, which form entry each kept row came from,
    so that a model error on row i can be shown on the right entry.
    """
    data: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    for name, field in form._fields.items():
        if name in CONTROL_FIELDS:
            continue
        if isinstance(field, FieldList) and isinstance(field.unbound_field.field_class, type) \
                and issubclass(field.unbound_field.field_class, FormField):
            rows, indices = [], []
            for index, entry in enumerate(field.entries):
                row = dict(entry.form.data)
                if all(is_blank_field(entry.form[key], value)
                       for key, value in row.items() if key != "id"):
                    continue
                row = {key: (None if value == "" and key != "id" else value)
                       for key, value in row.items()}
                row["id"] = row.get("id") or new_id()
                entry.form.id.data = row["id"]
                rows.append(_clean_row(entry.form, row))
                indices.append(index)
            data[name], kept[name] = rows, indices
        else:
            data[name] = _clean(field, field.data)
    return data, kept


def _clean(field: Field, value: Any) -> Any:
    # Text fields give "" for nothing typed; choices give "" for "Choose…": both mean None,
    # except for text, where the document stores "".
    if value == "" and field.type in ("OptionalSelectField", "RowChoiceField"):
        return None
    if value is None and field.type in ("StringField", "TextAreaField"):
        return ""
    if isinstance(value, str) and "\r" in value:
        # Browsers send text areas with Windows line endings; store one kind only, so
        # an unchanged paragraph saves unchanged.
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _clean_row(row_form: BaseForm, row: dict) -> dict:
    return {key: _clean(row_form[key], value) for key, value in row.items()}


def model_values(model: Model, form_class) -> dict:
    """The model as data the form can be built from (`form_class(data=...)`)."""
    data = model.model_dump(mode="python")
    hook = getattr(form_class, "from_model", None)
    return hook(data) if hook else data


def bind(form: BaseForm, model_class: type[Model], base: Model | None = None) -> Model | None:
    """The model built from `form` over `base`, or None with errors put on the form.

    `base` supplies the fields the form does not show (for example a step's list of
    items), so saving a form never drops content kept elsewhere.
    """
    data, kept = form_values(form)
    hook = getattr(form, "to_model", None)
    if hook:
        data = hook(data)
    merged = {**(base.model_dump(mode="python") if base is not None else {}), **data}
    coerced_ok = form.validate()  # coercion errors ("not a number") and CSRF
    try:
        model = model_class.model_validate(merged)
    except ValidationError as exc:
        attach_errors(form, exc, kept)
        return None
    return model if coerced_ok else None


def attach_errors(form: BaseForm, exc: ValidationError, kept: dict[str, list[int]]) -> None:
    """Put each pydantic error on the form field it names; others go to `form.form_errors`."""
    for error in exc.errors():
        message = friendly_message(error)
        field = _field_at(form, list(error["loc"]), kept)
        if field is None:
            form.form_errors.append(message)
        elif message not in field.errors:
            if isinstance(field.errors, tuple):
                field.errors = list(field.errors)
            field.errors.append(message)


def friendly_message(error: dict) -> str:
    """A plain, translated sentence for one pydantic error."""
    context = error.get("ctx") or {}
    kind = error["type"]
    if kind == "string_too_long":
        # The browser does not cut a long paste (the inputs carry no maxlength), so the
        # person learns here how much too long it is.
        typed = error.get("input")
        return _("Use at most %(max)s characters; you typed %(typed)s",
                 max=format_number(context.get("max_length")),
                 typed=format_number(len(typed) if isinstance(typed, str) else 0))
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter %(limit)s or more", limit=context.get("ge", context.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return _("Enter %(limit)s or less", limit=context.get("le", context.get("lt")))
    if kind == "decimal_max_places":
        return _("Use at most two decimal places")
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return _("Enter a smaller amount")
    if kind == "too_long":
        return _("There are too many rows here (at most %(max)s)", max=context.get("max_length"))
    return _(error["msg"].removeprefix("Value error, "))


def _field_at(form: BaseForm, loc: list, kept: dict[str, list[int]]) -> Field | None:
    if not loc or loc[0] not in form._fields:
        # Fields of a form that renames them (an indicator's "measures") land here.
        aliases = getattr(form, "error_aliases", {})
        if loc and loc[0] in aliases:
            return form[aliases[loc[0]]]
        return None
    field = form[loc[0]]
    if isinstance(field, FieldList) and len(loc) >= 2 and isinstance(loc[1], int):
        indices = kept.get(loc[0], [])
        if loc[1] >= len(indices):
            return field
        entry = field.entries[indices[loc[1]]]
        if len(loc) >= 3 and isinstance(entry, FormField) and loc[2] in entry.form._fields:
            return entry.form[loc[2]]
        return field
    return field


def max_length(model_class: type[Model], name: str) -> int | None:
    """The longest text the model takes in field `name`, if it sets one."""
    info = model_class.model_fields.get(name)
    for item in info.metadata if info else []:
        if getattr(item, "max_length", None):
            return item.max_length
    return None


def apply_limits(form: BaseForm, model_class: type[Model]) -> None:
    """Give text inputs the model's length limit as `data-maxlength`: the page's script
    counts the characters as the limit nears, and the server refuses a longer text with
    a message. Not as `maxlength`, with which the browser cuts a long paste silently."""
    for name, field in form._fields.items():
        if isinstance(field, FieldList):
            row_model = _row_model(model_class, name)
            if row_model is not None:
                for entry in field.entries:
                    apply_limits(entry.form, row_model)
                field.row_model = row_model
            continue
        limit = max_length(model_class, name)
        if limit and field.type in ("StringField", "TextAreaField", "LinesField"):
            field.render_kw = {**(field.render_kw or {}), "data-maxlength": limit}


def _row_model(model_class: type[Model], name: str) -> type[Model] | None:
    info = model_class.model_fields.get(name)
    args = getattr(info.annotation, "__args__", ()) if info else ()
    return args[0] if args and isinstance(args[0], type) and issubclass(args[0], Model) else None
