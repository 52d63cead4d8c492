"""What every form route of the app takes, read from its URL map and its WTForms classes,
and the strategy that draws a post for each (`FormTargets.cases`); and every page (GET
rule), with the query parameters the app reads (`FormTargets.page_cases`).

A route that reads `request.form` by hand says its fields in `PLAIN_FORMS`; a new POST
route that nobody has described makes `tests/test_fuzz.py` fail until it is.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    FieldList,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectFieldBase,
)

from drafter.access import ROLES
from drafter.auth.views import LoginForm, PasswordForm, SignupForm
from drafter.plan.globals import global_indicator_choices
from drafter.plan.schema import SECTION_MODELS
from drafter.plans.views import NewPlanForm
from drafter.wizard.forms.common import LinesField, MultiCheckboxField
from drafter.wizard.steps import BY_KEY
from fuzz_strategies import (
    DEEP,
    ENCODINGS,
    ITEM_OF,
    MISSING,
    NAMELESS,
    ODD_IDS,
    ROW_INDICES,
    STEP_KEYS,
    FieldSpec,
    FormCase,
    Raw,
    Ref,
    any_text,
    pairs_for,
    short_text,
)

def _kind(field) -> str:
    if isinstance(field, FieldList):
        return "rows"
    if isinstance(field, MultiCheckboxField):
        return "multi"
    if isinstance(field, LinesField):
        return "lines"
    if isinstance(field, SelectFieldBase):
        return "choice"
    for kind, cls in (("bool", BooleanField), ("date", DateField), ("decimal", DecimalField),
                      ("int", IntegerField), ("hidden", HiddenField), ("email", EmailField),
                      ("password", PasswordField)):
        if isinstance(field, cls):
            return kind
    return "text"


DYNAMIC_CHOICES = {
    "objective_id": ["o1", "zz"], "action_id": ["a1", "zz"], "pillar_id": ["participation", "zz"],
    "measures": ["objective:o1", "action:a1", "action:zz", "objective:", "o1"],
}


def _spec(name: str, field) -> FieldSpec:
    kind = "version" if name == "version" else _kind(field)
    if kind == "rows":
        row_form = field.unbound_field.args[0]()
        return FieldSpec(name, kind, row=tuple(_spec(n, f) for n, f in row_form._fields.items()))
    choices: list[str] = []
    if kind in ("choice", "multi"):
        choices = [str(choice[0]) for choice in field.iter_choices() if choice[0]]
        choices += DYNAMIC_CHOICES.get(name, [])
        if name == "global_indicator":
            choices += [str(choice.value) for choice in global_indicator_choices()]
    return FieldSpec(name, kind, tuple(choices))


def form_specs(form_class) -> tuple[FieldSpec, ...]:
    form = form_class(formdata=None, meta={"csrf": False})
    return tuple(_spec(name, field) for name, field in form._fields.items())


def _plain(*names: str, **kinds: tuple[str, ...] | str) -> tuple[FieldSpec, ...]:
    """Specs of a view that reads `request.form` itself."""
    specs = [FieldSpec(name, "text") for name in names]
    for name, kind in kinds.items():
        specs.append(FieldSpec(name, "choice", tuple(kind)) if isinstance(kind, tuple)
                     else FieldSpec(name, kind))
    return tuple(specs)


BACK = ("step", "section", "all")
ROLE_CHOICES = tuple(ROLES)
# Routes whose views read request.form by hand (no WTForms class to look at).
PLAIN_FORMS = {
    "auth.logout": (), "auth.end_devices": (), "plans.delete": (), "plans.import_plan": _plain("file"),
    "language.choose": _plain("next", language=("en", "fr", "es", "ar", "pt", "de", "")),
    "members.invite": _plain(role=ROLE_CHOICES, email="email"),
    "members.change_role": _plain(role=ROLE_CHOICES), "members.remove": (),
    "members.accept": (), "wizard.delete_item": _plain(version="version"),
    "scorecard.choose_checklist": _plain(checklist=("csag-2012", "first-plan-minimum")),
    "review.section_comments": _plain("body", back=BACK), "review.reply": _plain("body", back=BACK),
    "review.resolve": _plain(back=BACK), "review.reopen": _plain(back=BACK),
    # One criterion's plain fields (/assessments/<criterion>), or the page's, one set per
    # criterion (/assessments), with the area whose Save was pressed.
    "review.assess": _plain("reason", "reason-POL-1", "reason-INC-1", agrees=("yes", "no"),
                            status=("met", "partly_met", "not_met"),
                            area=("POL", "INC", "../x", ""),
                            **{f"{name}-{criterion}": choices for criterion in ("POL-1", "INC-1")
                               for name, choices in (("agrees", ("yes", "no", "maybe")),
                                                     ("status", ("met", "partly_met", "not_met",
                                                                 "odd")))}),
    "history.save": _plain("name"), "history.restore": (),
    # "Try again" after a report could not be made: the button posts no field.
    "reports.draft_pdf": (), "reports.gap_report_pdf": (), "reports.draft_docx": (),
    "workshops.summary_pdf": (), "workshops.debrief_zip": (),
    "workshops.new": _plain("name", starts_on="date", ends_on="date",
                            scenario=("sample:weak", "empty", "plan:1", "plan:x", "zz",
                                      *(f"plan:{odd}" for odd in ODD_IDS)),
                            checklist=("csag-2012", "first-plan-minimum", "nope")),
    "workshops.join": _plain(code=(Ref("code"), "k7-pq x4", "")),
    "workshops.join_team": _plain("new_team", "your_name", team=("new", "1", "999", "zz")),
    "workshops.add_team": _plain("add-name"), "workshops.rename_team": _plain("rename-name"),
    "workshops.set_max_teams": _plain(max_teams=("1", "3", "40", "200", "0", "201", "x", "")),
    "workshops.reset_team": (), "workshops.remove_team": (), "workshops.lock": (), "workshops.unlock": (),
}
WTFORMS = {"auth.login": LoginForm, "auth.signup": SignupForm,
           "auth.change_password": PasswordForm, "plans.new": NewPlanForm}
# Query parameters some page reads (`request.args`); every page is sent a few of them.
QUERY = ("from", "to", "a", "b", "add", "show", "sort", "next", "email", "code")
# The step form's own controls, which a row button may name too.
CONTROLS = ("csrf_token", "version", "complete", "later")


class FormTargets:
    """Every POST rule of the app with what it takes, read from the app's URL map."""

    def __init__(self, app):
        self.app = app
        self.rules = sorted((rule for rule in app.url_map.iter_rules() if "POST" in rule.methods),
                            key=lambda rule: (rule.endpoint, rule.rule))
        self.page_rules = sorted((rule for rule in app.url_map.iter_rules()
                                  if "GET" in rule.methods and rule.endpoint != "static"),
                                 key=lambda rule: (rule.endpoint, rule.rule))
        with app.test_request_context():
            self.steps = {key: form_specs(BY_KEY[key].form) for key in STEP_KEYS}
            self.items = {key: form_specs(BY_KEY[key].collection.form) for key in ITEM_OF}
            self.wtforms = {endpoint: form_specs(cls) for endpoint, cls in WTFORMS.items()}

    def endpoints(self) -> set[str]:
        return {rule.endpoint for rule in self.rules}

    def pages(self) -> set[str]:
        return {rule.endpoint for rule in self.page_rules}

    def unknown(self) -> set[str]:
        """POST endpoints nobody has said the fields of: the test fails on these."""
        known = set(PLAIN_FORMS) | set(WTFORMS) | {"wizard.step", "wizard.item", "wizard.resolve"}
        return self.endpoints() - known

    def specs(self, endpoint: str, section: str | None) -> tuple[FieldSpec, ...]:
        if endpoint == "wizard.step":
            # A row button may name any field of the form, a list or not, with any index.
            fields = self.steps.get(section, ())
            names = tuple(spec.name for spec in fields) + CONTROLS
            lists = tuple(spec.name for spec in fields if spec.kind == "rows")
            return fields + _plain(
                complete="bool", later="text", unlink=("confirm", "back", "x"),
                add_row=lists * 3 + names,
                remove_row=tuple(f"{name}-{index}" for name in lists * 3 + names
                                 for index in ROW_INDICES))
        if endpoint == "wizard.item":
            return self.items.get(section, self.steps.get(section, ())) + _plain(another="text")
        if endpoint == "wizard.resolve":
            # A choice per difference ("keep-field-<name>"), or "keep" for all of one's own.
            choices = {f"keep-field-{spec.name}": ("mine", "saved", "both")
                       for spec in self.steps.get(section, ())}
            return _plain(version="version", base="version", keep=("mine", "saved"), **choices)
        return self.wtforms.get(endpoint) or PLAIN_FORMS[endpoint]

    def cases(self, endpoints: set[str] | None = None) -> st.SearchStrategy[FormCase]:
        rules = [rule for rule in self.rules if endpoints is None or rule.endpoint in endpoints]
        return st.sampled_from(rules).flatmap(self._case)

    def _case(self, rule) -> st.SearchStrategy[FormCase]:
        @st.composite
        def case(draw):
            args = {name: draw(ARGUMENTS[name](rule.endpoint)) for name in sorted(rule.arguments)}
            if args.get("item_id") == "the section's own":
                args["item_id"] = ITEM_OF.get(args.get("section"), "zz")
            pairs = draw(pairs_for(self.specs(rule.endpoint, args.get("section"))))
            if rule.endpoint == "wizard.resolve":
                pairs.append(("payload", draw(resolve_payloads(args["section"]))))
            encoding = draw(st.sampled_from(ENCODINGS))
            if encoding == "multipart" and draw(st.integers(0, 7)) == 0:
                pairs.append((NAMELESS, draw(short_text)))
            return FormCase(rule.endpoint, args, pairs, encoding=encoding,
                            as_role="reviewer" if rule.endpoint == "review.assess" else "owner",
                            token=draw(st.sampled_from(["valid"] * 4 + ["missing"])),
                            site=draw(st.sampled_from(["same-origin"] * 2 + ["cross-site", ""])))

        return case()

    def page_cases(self, endpoints: set[str] | None = None) -> st.SearchStrategy[FormCase]:
        """GET requests to every page, with odd ids in the URL and odd query values."""
        rules = [rule for rule in self.page_rules
                 if endpoints is None or rule.endpoint in endpoints]
        return st.sampled_from(rules).flatmap(self._page_case)

    def _page_case(self, rule) -> st.SearchStrategy[FormCase]:
        @st.composite
        def case(draw):
            args = {name: draw(ARGUMENTS[name](rule.endpoint)) for name in sorted(rule.arguments)}
            if args.get("item_id") == "the section's own":
                args["item_id"] = ITEM_OF.get(args.get("section"), "zz")
            # Each parameter the app reads a quarter of the time, and a name it does not.
            query = [(name, draw(query_values)) for name in QUERY
                     if draw(st.integers(0, 3)) == 0]
            query += draw(st.lists(st.tuples(short_text, query_values), max_size=1))
            return FormCase(rule.endpoint, args, query, method="GET",
                            as_role="reviewer" if rule.endpoint == "review.assess" else "owner")

        return case()


def _ref_or(reference: str, *others) -> st.SearchStrategy:
    """Mostly the world's own id; sometimes another, or one no column holds or int()
    reads (a quarter of the time: each of those is answered before any view runs)."""
    return st.sampled_from([Ref(reference)] * 18 + list(others)
                           + [Raw(odd) for odd in ODD_IDS[:7]])


# What a query value may be: an odd id, revisions' "current", a field's name, the
# world's own ids, anything.
query_values = st.one_of(
    st.sampled_from(ODD_IDS),
    st.sampled_from(["current", "1", "2", "all", "name", "score", "members", "objectives",
                     "title", "csrf_token"]),
    st.sampled_from([Ref("revision_id"), Ref("team_id")]),
    any_text)

ARGUMENTS = {
    "plan_id": lambda endpoint: _ref_or("plan_id", MISSING),
    "section": lambda endpoint: st.sampled_from(
        (list(ITEM_OF) * 6 if endpoint in ("wizard.item", "wizard.delete_item") else [])
        + STEP_KEYS + ["nope"]),
    "item_id": lambda endpoint: st.sampled_from(
        ["the section's own"] * 6 + ["new"] * 3 + list(ITEM_OF.values()) + ["zz"]),
    "user_id": lambda endpoint: st.sampled_from(
        [Ref("user:editor"), Ref("user:viewer"), Ref("user:stranger"), Ref("user:owner"),
         MISSING, Raw(ODD_IDS[0]), Raw("²")]),
    "token": lambda endpoint: _ref_or("token", "not-a-token"),
    "thread_id": lambda endpoint: _ref_or("thread_id", MISSING),
    "revision_id": lambda endpoint: _ref_or("revision_id", MISSING),
    # None: the assessment page's own form, which posts every criterion at once.
    "criterion": lambda endpoint: st.sampled_from(["POL-1", "INC-1", "MEL-1", "RES-2", "NOPE-9",
                                                   None, None]),
    "workshop_id": lambda endpoint: _ref_or("workshop_id", MISSING),
    "team_id": lambda endpoint: _ref_or("team_id", MISSING),
    "code": lambda endpoint: _ref_or("code", "NOCODE", "k7-pq x4"),
}


def resolve_payloads(section: str) -> st.SearchStrategy[str]:
    """What a conflict page posts back: the saved section (as it should), a JSON object of
    the section's own field names holding anything, a nest deeper than any stack, or
    any text."""
    model = SECTION_MODELS.get(section)
    names = list(model.model_fields) if model else ["x"]
    objects = st.dictionaries(st.sampled_from(names), st.one_of(
        st.none(), st.booleans(), st.integers(), short_text, st.lists(short_text, max_size=2)),
        max_size=4).map(json.dumps)
    return st.one_of(st.just(Ref("section_json")), st.just(Ref("section_json")), objects,
                     st.sampled_from(DEEP), any_text)
