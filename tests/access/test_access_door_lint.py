# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The door enforced by the build: no view reads a household-scoped model's manager by itself.

Every view module outside `eenplan/access` (each `views*.py` / `*_views.py`, and every module a URL pattern routes
to) is read as source. It fails where it touches the manager of a model registered with `eenplan.access.registry`
(`Goal.objects…`, `Goal._default_manager`, `get_object_or_404(Goal, …)`, or the related manager from its parent,
`plan.goals…`, `household.residents…`) other than as the argument of the door:
`decision.scoped(Goal.objects…)` (rows of the decided household, in its categories and covered residents),
`visible_rows(user, …)` or `assigned_rows(user, …)` (lists). Creating a row (`Goal.objects.create`) reads none and
is allowed. The registered models are read from the registry when the test runs, so a newly registered model is
held at once. The few exceptions are listed in EXCEPTIONS, each with its reason.
"""

from __future__ import annotations

import ast
import pathlib
import sys
from dataclasses import dataclass

from django.db.models import ForeignKey
from django.urls import get_resolver

from eenplan.access.registry import registered_models
from tests.url_walk import walk

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "eenplan"
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
DOOR_CALLS = frozenset({"scoped", "visible_rows", "assigned_rows", "organisation_rows"})  # the last: API clients
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})
WRITES_ONLY = frozenset({"create", "bulk_create"})

# The one list of exceptions: "module:function:Model" → why the view may touch the manager itself.
EXCEPTIONS: dict[str, str] = {}


@dataclass(frozen=True)
class Touch:
    module: str
    function: str
    model: str
    line: int

    @property
    def key(self) -> str:
        return f"{self.module}:{self.function}:{self.model}"

    def __str__(self) -> str:
        return f"{self.module}:{self.line} in {self.function}(): {self.model}"


def view_modules() -> dict[str, pathlib.Path]:
    """Module name → file of every view module outside eenplan/access."""
    modules: dict[str, pathlib.Path] = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or path.is_relative_to(PACKAGE / "access"):
            continue
        if path.name.startswith("views") or path.name.endswith("_views.py"):
            modules[".".join(path.relative_to(ROOT).with_suffix("").parts)] = path
    for _name, pattern in walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "") or ""
        if module.startswith("eenplan.") and not module.startswith("eenplan.access"):
            file = getattr(sys.modules[module], "__file__", None)
            if file:
                modules[module] = pathlib.Path(file)
    return modules


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self, module: str, models: set[str], related: dict[str, tuple[str, str]] | None = None) -> None:
        self.module = module
        self.models = models
        self.related = related or {}
        self.touches: list[Touch] = []
        self.functions: list[str] = []
        self.door_depth = 0

    def _note(self, model: str, node: ast.AST) -> None:
        if not self.door_depth:
            self.touches.append(Touch(self.module, self.functions[-1] if self.functions else "", model, node.lineno))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Call(self, node: ast.Call) -> None:
        called = _name_of(node.func)
        if called in DOOR_CALLS:
            self.visit(node.func)
            self.door_depth += 1
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                self.visit(argument)
            self.door_depth -= 1
            return
        if called in SHORTCUTS and node.args and _name_of(node.args[0]) in self.models:
            self._note(str(_name_of(node.args[0])), node)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES_ONLY
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "objects"
        ):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                self.visit(argument)
            return
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        owner = _name_of(node.value)
        if node.attr in MANAGERS and owner in self.models:
            self._note(owner, node)
        elif node.attr in {"_default_manager", "_base_manager"}:
            self._note(f"{owner or '?'} (any model)", node)
        elif node.attr in self.related and owner == self.related[node.attr][1].lower():
            self._note(f"{self.related[node.attr][0]} (as {owner}.{node.attr})", node)
        self.generic_visit(node)


def manager_touches(
    source: str, module: str, models: set[str], related: dict[str, tuple[str, str]] | None = None
) -> list[Touch]:
    finder = _Finder(module, models, related)
    finder.visit(ast.parse(source))
    return finder.touches


def registered_names() -> set[str]:
    return {model.__name__ for model in registered_models()}


def related_managers() -> dict[str, tuple[str, str]]:
    """Accessor name → (registered model, its parent model) for the related managers that lead from a parent to
    registered rows: `residents` → (Resident, Household), `goals` → (Goal, Plan). Caught where the receiver is named
    after the parent (`household.residents`, `plan.goals`), so `form.goals` is left alone."""
    related = {}
    for model in registered_models():
        for field in model._meta.get_fields():
            if isinstance(field, ForeignKey) and field.remote_field.related_name != "+":
                related[field.remote_field.get_accessor_name()] = (model.__name__, field.related_model.__name__)
    return related


def test_the_registry_is_read_at_test_time():
    assert {"Resident", "Plan", "Goal", "Action", "Referral", "Assessment", "Intake"} <= registered_names()


def _all_touches() -> list[Touch]:
    models, related = registered_names(), related_managers()
    return [
        touch
        for module, path in sorted(view_modules().items())
        for touch in manager_touches(path.read_text(), module, models, related)
    ]


def test_no_view_touches_a_household_scoped_manager_outside_the_door():
    touches = [touch for touch in _all_touches() if touch.key not in EXCEPTIONS]
    assert not touches, "views that read household-scoped rows past the door: " + "; ".join(map(str, touches))


def test_every_exception_still_exists_and_says_why():
    keys = {touch.key for touch in _all_touches()}
    assert all(reason.strip() for reason in EXCEPTIONS.values())
    assert set(EXCEPTIONS) <= keys, "exceptions that no longer occur: " + ", ".join(sorted(set(EXCEPTIONS) - keys))


# The lint itself: each rule caught and each door let through, on a few lines of source.

SOURCE = """
def page(request, household, decision):
    a = Goal.objects.filter(plan__household=household)
    b = get_object_or_404(Goal, pk=1)
    c = decision.scoped(Goal.objects.filter(plan__is_active=True))
    d = visible_rows(request.user, Action.objects.all())
    e = Goal.objects.create(plan=None)
    f = model._default_manager.all()
    g = Household.objects.all()
    h = plan.goals.all()
    i = form.goals
    j = decision.scoped(plan.goals.all())
"""


def test_the_lint_catches_a_direct_manager_a_shortcut_and_a_dynamic_default_manager():
    touches = manager_touches(SOURCE, "m", {"Goal", "Action"}, {"goals": ("Goal", "Plan")})
    assert [(t.function, t.model, t.line) for t in touches] == [
        ("page", "Goal", 3),
        ("page", "Goal", 4),
        ("page", "model (any model)", 8),
        ("page", "Goal (as plan.goals)", 10),
    ]
