"""Forms for resources and accountability: budget, a budget line, monitoring."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FormField

from ...plan import vocab as v
from .common import (
    ItemForm,
    OptionalSelectField,
    RowForm,
    RowList,
    StepForm,
    answer,
    count,
    percent,
    prose,
    text,
    vocab_checkboxes,
    vocab_select,
    year,
)
from .common import amount as money


class BudgetForm(StepForm):
    groups = [
        (_l("Currency and budget cycle"), ["currency", "budget_links", "budget_cycle_notes"]),
        (_l("The cost of the plan as a whole"), [
            "costing_done", "total_cost", "total_secured", "dedicated_budget",
            "dedicated_budget_name", "dedicated_budget_amount", "dedicated_budget_secured"]),
        (_l("Financing"), ["funding_gap_statement", "resource_mobilisation"]),
    ]
    currency = vocab_select(_l("Currency"), v.CURRENCIES, _l("The ISO code, for example USD or EUR."))
    budget_links = vocab_checkboxes(_l("How the plan is tied to the national budget"), v.BUDGET_LINKS)
    budget_cycle_notes = prose(_l("Notes on the budget cycle"), rows=3)
    funding_gap_statement = prose(_l("Funding gap"),
                                  _l("What is not yet funded, and the plan to close the gap."), rows=3)
    resource_mobilisation = prose(_l("Resource mobilisation"), rows=3)
    costing_done = answer(_l("The plan has been costed"),
                          _l("Whether the plan says what it will cost, in total or per action."))
    total_cost = money(_l("Total cost of the plan"),
                       _l("As the plan states it, when it gives a total."))
    total_secured = money(_l("Of which secured"),
                          _l("Committed in budgets or agreements, in total."))
    dedicated_budget = answer(_l("There is a dedicated fund or budget line"),
                              _l("A fund, or a line in the national budget, for this plan."))
    dedicated_budget_name = text(_l("Name of the fund or budget line"))
    dedicated_budget_amount = money(_l("Amount of the fund or budget line"))
    dedicated_budget_secured = money(_l("Of which secured"),
                                     _l("The part of the fund or budget line committed."))


class BudgetLineForm(ItemForm):
    groups = [
        (_l("What is costed"), ["category", "action_id", "description"]),
        (_l("Cost and funding"), ["amount", "funding_source", "funder", "secured"]),
    ]
    # Every budget line has a kind (the document's default is "an action"): no blank
    # "Choose…" to leave it on, which the document would refuse with a puzzling message.
    category = OptionalSelectField(_l("Kind of cost"), choices=v.COST_CATEGORIES.choices(),
                                   default="action")
    action_id = OptionalSelectField(_l("Action"), choices=[],
                                    description=_l("For the cost of an action of the plan."))
    description = text(_l("Description"))
    amount = money(_l("Cost"))
    funding_source = vocab_select(_l("Funding source"), v.FUNDING_SOURCES)
    funder = text(_l("Funder"), _l("The ministry, donor or fund by name."))
    secured = money(_l("Amount secured"), _l("Committed in a budget or agreement."))


class EvaluationRow(RowForm):
    kind = vocab_select(_l("Kind"), v.EVALUATION_KINDS)
    status = vocab_select(_l("Status"), v.EVALUATION_STATUSES)
    year = year(_l("Year"))
    independent = answer(_l("Independent"))
    by = text(_l("Carried out by"))


class MonitoringForm(StepForm):
    groups = [
        (_l("Monitoring body"), ["monitoring_body", "civil_society_on_body",
                                 "civil_society_seats", "civil_society_share"]),
        (_l("Monitoring and evaluation framework"), ["me_framework", "me_framework_parts",
                                                     "me_framework_where"]),
        (_l("Reporting"), ["reporting_frequency", "report_recipients", "reports_public",
                           "shadow_reports_recognised", "data_collection"]),
        (_l("Evaluation"), ["evaluations", "use_of_findings"]),
    ]
    monitoring_body = text(_l("Who monitors the plan"))
    civil_society_on_body = answer(_l("Civil society sits on the monitoring body"))
    civil_society_seats = count(_l("Seats held by civil society"))
    civil_society_share = percent(_l("Share of seats held by civil society"),
                                _l("When the plan gives a share rather than a number of seats."))
    me_framework = answer(_l("The plan has a monitoring and evaluation framework"),
                          _l("A results framework, logframe or M&E chapter that says how "
                             "progress is measured and reported."))
    me_framework_parts = vocab_checkboxes(_l("What the framework includes"),
                                          v.ME_FRAMEWORK_PARTS)
    me_framework_where = text(_l("Where it is in the plan"),
                              _l("For example: Annex 2, pages 45 to 60"))
    reporting_frequency = vocab_select(_l("How often progress is reported"), v.FREQUENCIES)
    report_recipients = vocab_checkboxes(_l("Reports go to"), v.REPORT_RECIPIENTS)
    reports_public = answer(_l("Progress reports are published"))
    shadow_reports_recognised = answer(_l("Civil-society shadow reports are recognised"))
    data_collection = prose(_l("How data is collected"), rows=3)
    evaluations = RowList(FormField(EvaluationRow), label=_l("Reviews and evaluations"),
                          min_entries=0, empty=_l("No review or evaluation yet."),
                          add_label=_l("Add a review or evaluation"))
    use_of_findings = prose(_l("How findings will be used"), rows=3)
