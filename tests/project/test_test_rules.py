# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The tests' own rules (docs/architecture.md, "Tests"): every test file lives in a folder per app, no test module
imports another test module (shared helpers live in helper modules), and each fixture is defined once."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts)


def is_test_module(module: str) -> bool:
    return module.rsplit(".", 1)[-1].startswith("test_")


def imported_test_modules(source: str) -> list[str]:
    """The test modules (test_*) this source imports, by dotted name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if is_test_module(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if is_test_module(node.module):
                found.append(node.module)
            else:
                found += [f"{node.module}.{alias.name}" for alias in node.names if is_test_module(alias.name)]
    return found


def is_fixture(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return ast.unparse(target) in {"pytest.fixture", "fixture"}


def fixture_names(source: str) -> list[str]:
    """The names of the fixtures this source defines (a `name=` given to the decorator wins)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                if is_fixture(decorator):
                    given = [
                        k.value.value
                        for k in getattr(decorator, "keywords", [])
                        if k.arg == "name" and isinstance(k.value, ast.Constant)
                    ]
                    names.append(given[0] if given else node.name)
    return names


def fixture_definitions() -> dict[str, list[str]]:
    definitions = collections.defaultdict(list)
    for path in python_files():
        for name in fixture_names(path.read_text()):
            definitions[name].append(path.relative_to(TESTS).as_posix())
    return definitions


def test_every_test_file_lives_in_a_folder():
    loose = sorted(path.name for path in TESTS.glob("test_*.py"))
    assert not loose, f"move these into tests/<app>/: {loose}"


def test_no_test_module_imports_another_test_module():
    found = {
        path.relative_to(TESTS).as_posix(): modules
        for path in python_files()
        if (modules := imported_test_modules(path.read_text()))
    }
    assert not found, f"put what they share in a helper module (tests/url_walk.py, tests/access_helpers.py): {found}"


def test_each_fixture_is_defined_once():
    twice = {name: files for name, files in fixture_definitions().items() if len(files) > 1}
    assert not twice, f"one definition each, shared ones in tests/cast.py or tests/<app>/conftest.py: {twice}"


def test_the_import_check_finds_an_imported_test_module():
    source = "from tests.access.test_access_log import tamper\nfrom tests.browser import test_flows\nimport tests.util"
    assert imported_test_modules(source) == ["tests.access.test_access_log", "tests.browser.test_flows"]


def test_the_fixture_check_finds_plain_named_and_called_fixtures():
    source = (
        "import pytest\n"
        "@pytest.fixture\ndef anna(): ...\n"
        "@pytest.fixture(name='bram')\ndef _bram(): ...\n"
        "@pytest.fixture(autouse=True)\ndef clean(): ...\n"
        "def helper(): ...\n"
    )
    assert fixture_names(source) == ["anna", "bram", "clean"]


def _asks_for_a_transaction(node: ast.expr) -> bool:
    """`pytest.mark.django_db(transaction=True, …)`, also inside a list (a module's pytestmark)."""
    if isinstance(node, ast.List | ast.Tuple):
        return any(_asks_for_a_transaction(element) for element in node.elts)
    return isinstance(node, ast.Call) and any(
        keyword.arg == "transaction" and isinstance(keyword.value, ast.Constant) and keyword.value.value is True
        for keyword in node.keywords
    )


def mixed_transactional(source: str) -> bool:
    """Whether a module holds both transactional tests and others (outside the browser tests, which run apart).

    pytest-django runs transactional tests after the others because their flush empties the reference data
    (categories, instruments) until the next transactional test restores it; `--dist loadfile` keeps a file together,
    so a transactional test in a file of ordinary ones runs among them and the files after it fail."""
    tree = ast.parse(source)
    for statement in tree.body:
        is_pytestmark = isinstance(statement, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "pytestmark" for target in statement.targets
        )
        if is_pytestmark and _asks_for_a_transaction(statement.value):  # type: ignore[attr-defined]
            return False  # every test of the module is transactional
    tests = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]
    transactional = [test for test in tests if any(_asks_for_a_transaction(d) for d in test.decorator_list)]
    return bool(transactional) and len(transactional) < len(tests)


def test_a_transactional_test_has_a_module_of_transactional_tests():
    mixed = [
        str(path.relative_to(TESTS))
        for path in python_files()
        if path.name.startswith("test_") and "browser" not in path.parts and mixed_transactional(path.read_text())
    ]
    assert not mixed, f"transactional tests among ordinary ones (move them to a module of their own): {mixed}"


def test_the_transaction_check_finds_a_mixed_module():
    source = (
        "import pytest\n"
        "@pytest.mark.django_db(transaction=True)\ndef test_a(): pass\n"
        "@pytest.mark.django_db\ndef test_b(): pass\n"
    )
    assert mixed_transactional(source)
    assert not mixed_transactional("import pytest\npytestmark = [pytest.mark.django_db(transaction=True)]\n" + source)
