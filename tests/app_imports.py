# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Which eenplan apps an app imports, read from its source (the one table of allowed imports is checked with it)."""

from __future__ import annotations

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "eenplan"


def app_imports(app: str) -> set[str]:
    """The eenplan apps (and project modules) that this app or module of eenplan imports, itself left out."""
    base = PACKAGE / app
    files = [base.with_suffix(".py")] if not base.is_dir() else list(base.rglob("*.py"))
    found = set()
    for path in files:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "eenplan":
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eenplan."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("eenplan."))
    return found - {app}


def imports(app: str) -> set[str]:
    """As app_imports, without the shared helpers of `lib` (which every app but accounts may use)."""
    shared = {"lib"} if app != "accounts" else set()  # lib imports accounts.models, so accounts may not import lib
    return app_imports(app) - shared


def apps() -> set[str]:
    """Every app (package) and top-level module under eenplan/."""
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return packages | modules
