"""The rule registry: rule name -> function, and the parameters each rule accepts.

A checklist names rules by their function name. Registering happens through the
`@rule` decorator, which also lets a rule be called with a bare `PlanDocument`
(tests, notebooks) as well as with the shared `Plan` view the scorer builds once.
Parameters are keyword-only arguments with defaults; their type hints are what the
checklist loader checks a YAML `params:` mapping against.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict, create_model

from ...plan.schema import PlanDocument
from .base import RuleResult
from .plan import Plan

RULES: dict[str, Callable[..., RuleResult]] = {}


def rule(function: Callable[..., RuleResult]) -> Callable[..., RuleResult]:
    """Register `function` under its own name; its first argument is the plan."""

    @functools.wraps(function)
    def run(plan: Plan | PlanDocument, **params) -> RuleResult:
        view = plan if isinstance(plan, Plan) else Plan(plan)
        result = function(view, **params)
        # Clamp once here so no rule can leak a score outside 0..1.
        return RuleResult(min(1.0, max(0.0, float(result.score))), result.evidence)

    if function.__name__ in RULES:
        raise ValueError(f"rule '{function.__name__}' is registered twice")
    for name, parameter in list(inspect.signature(function).parameters.items())[1:]:
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or \
                parameter.default is inspect.Parameter.empty:
            raise TypeError(f"rule '{function.__name__}': parameter '{name}' must be "
                            "keyword-only with a default")
    RULES[function.__name__] = run
    return run


@functools.cache
def params_model(name: str) -> type[BaseModel]:
    """A pydantic model of rule `name`'s parameters, built from its signature.

    Unknown parameters are refused (extra="forbid") and known ones are type-checked
    against the function's hints, so a checklist cannot pass a rule what it ignores.
    """
    function = inspect.unwrap(RULES[name])
    hints = typing.get_type_hints(function, include_extras=True)
    fields = {param: (hints.get(param, typing.Any), spec.default)
              for param, spec in list(inspect.signature(function).parameters.items())[1:]}
    return create_model(f"{name}_params", __config__=ConfigDict(extra="forbid", strict=False),
                        **fields)


def rule_docs() -> dict[str, str]:
    """Each rule's first docstring paragraph as one line, for `check-checklist` and the
    help pages."""
    return {name: " ".join((inspect.getdoc(function) or "").split("\n\n")[0].split())
            for name, function in sorted(RULES.items())}
