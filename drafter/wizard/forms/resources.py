"""Forms for resources and accountability: budget, a budget line, monitoring."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...plan import vocab as v
from .common import (
    ItemForm,
    OptionalSelectField,
    StepForm,
    count,
    flag,
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
        (_l("Financing"), ["funding_gap_statement", "resource_mobilisation"]),
    ]
    currency = vocab_select(_l("Currency"), v.CURRENCIES, _l("The ISO code, for example USD or EUR."))
    budget_links = vocab_checkboxes(_l("How the plan is tied to the national budget"), v.BUDGET_LINKS)
    budget_cycle_notes = prose(_l("Notes on the budget cycle"), rows=3)
    funding_gap_statement = prose(_l("Funding gap"),
                                  _l("What is not yet funded, and the plan to close the gap."), rows=3)
    resource_mobilisation = prose(_l("Resource mobilisation"), rows=3)


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


class MonitoringForm(StepForm):
    groups = [
        (_l("Monitoring body"), ["monitoring_body", "civil_society_seats"]),
        (_l("Reporting"), ["reporting_frequency", "report_recipients", "reports_public",
                           "shadow_reports_recognised", "data_collection"]),
        (_l("Evaluation"), ["midterm_review_year", "final_evaluation_year",
                            "independent_evaluation", "use_of_findings"]),
    ]
    monitoring_body = text(_l("Who monitors the plan"))
    civil_society_seats = count(_l("Seats held by civil society"))
    reporting_frequency = vocab_select(_l("How often progress is reported"), v.FREQUENCIES)
    report_recipients = vocab_checkboxes(_l("Reports go to"), v.REPORT_RECIPIENTS)
    reports_public = flag(_l("Progress reports are published"))
    shadow_reports_recognised = flag(_l("Civil-society shadow reports are recognised"))
    data_collection = prose(_l("How data is collected"), rows=3)
    midterm_review_year = year(_l("Year of the mid-term review"))
    final_evaluation_year = year(_l("Year of the final evaluation"))
    independent_evaluation = flag(_l("Evaluations are independent"))
    use_of_findings = prose(_l("How findings will be used"), rows=3)
