# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The project stands on its own: licence headers on every source file, documentation links that resolve inside the
repository, a valid publiccode.yaml, and dependencies that are explained and pinned with hashes."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def load_spdx() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spdx", REPO / "scripts" / "spdx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


spdx = load_spdx()


# SPDX headers


def test_every_python_and_shell_file_carries_the_spdx_header():
    missing = [str(path.relative_to(REPO)) for path in spdx.files_without_header(REPO)]
    assert not missing, f"run `python scripts/spdx.py`: {len(missing)} file(s) without a header, such as {missing[:5]}"


def test_the_header_goes_after_a_shebang(tmp_path):
    script = tmp_path / "tool.sh"
    script.write_text("#!/usr/bin/env bash\nset -e\n")
    spdx.add_headers(tmp_path, [tmp_path])
    assert script.read_text().splitlines() == ["#!/usr/bin/env bash", *spdx.HEADER, "set -e"]


def test_the_header_goes_before_a_module_docstring(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('"""Docstring."""\n\nimport os\n')
    spdx.add_headers(tmp_path, [tmp_path])
    assert module.read_text().splitlines()[:3] == [*spdx.HEADER, '"""Docstring."""']


def test_the_header_keeps_an_encoding_declaration_on_the_first_two_lines(tmp_path):
    module = tmp_path / "old.py"
    module.write_text("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n")
    spdx.add_headers(tmp_path, [tmp_path])
    assert module.read_text().splitlines()[:4] == ["#!/usr/bin/env python", "# -*- coding: utf-8 -*-", *spdx.HEADER]


def test_adding_headers_twice_changes_nothing_the_second_time(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "__init__.py").write_text("")
    assert len(spdx.add_headers(tmp_path, [tmp_path])) == 2
    assert spdx.add_headers(tmp_path, [tmp_path]) == []


def test_templates_and_other_files_get_no_header(tmp_path):
    (tmp_path / "page.html").write_text("<!DOCTYPE html>\n")
    (tmp_path / "style.css").write_text("body {}\n")
    assert spdx.add_headers(tmp_path, [tmp_path]) == []


# Documentation links


def documentation_files() -> list[Path]:
    top = [REPO / name for name in ("README.md", "SECURITY.md", "CHANGELOG.md")]
    return [*top, *sorted((REPO / "docs").glob("*.md")), REPO / "bench" / "README.md"]


def local_links(markdown: Path) -> list[str]:
    links = LINK.findall(markdown.read_text(encoding="utf-8"))
    return [link for link in links if not re.match(r"^(https?:|mailto:|#)", link)]


@pytest.mark.parametrize("markdown", documentation_files(), ids=lambda path: str(path.relative_to(REPO)))
def test_documentation_links_resolve_to_files_in_the_repository(markdown):
    broken = []
    for link in local_links(markdown):
        target = (markdown.parent / link.split("#", 1)[0]).resolve()
        if not target.is_relative_to(REPO) or not target.exists():
            broken.append(link)
    assert not broken, f"{markdown.relative_to(REPO)} links outside the repository or to nothing: {broken}"


def test_the_readme_links_to_the_domain_invariants_and_performance_docs():
    links = set(local_links(REPO / "README.md"))
    assert {"docs/domain.md", "docs/invariants.md", "docs/performance.md"} <= links


# publiccode.yaml


def test_publiccode_yaml_parses_and_names_the_eupl():
    data = yaml.safe_load((REPO / "publiccode.yaml").read_text(encoding="utf-8"))
    assert data["legal"]["license"] == "EUPL-1.2"


def test_publiccode_yaml_describes_the_software_in_dutch_and_english():
    data = yaml.safe_load((REPO / "publiccode.yaml").read_text(encoding="utf-8"))
    assert set(data["localisation"]["availableLanguages"]) == {"nl", "en"}
    for language in ("nl", "en"):
        description = data["description"][language]
        assert len(description["shortDescription"]) <= 150
        assert 150 <= len(description["longDescription"]) <= 10000


def test_the_licence_file_is_the_eupl():
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (REPO / "LICENSE").read_text(encoding="utf-8")


# Dependencies


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def pins(lock: str) -> dict[str, str]:
    found = {}
    for line in (REPO / lock).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def direct(group: str) -> list[Requirement]:
    project = pyproject()["project"]
    specs = project["dependencies"] if group == "runtime" else project["optional-dependencies"][group]
    return [Requirement(spec) for spec in specs]


@pytest.mark.parametrize(
    ("lock", "groups"), [("requirements.lock", ["runtime"]), ("requirements-dev.lock", ["runtime", "dev"])]
)
def test_every_direct_dependency_is_pinned_in_the_lock_within_its_range(lock, groups):
    pinned = pins(lock)
    wrong = []
    for group in groups:
        for requirement in direct(group):
            version = pinned.get(canonicalize_name(requirement.name))
            if version is None or not requirement.specifier.contains(version, prereleases=True):
                wrong.append(f"{requirement} (locked: {version})")
    assert not wrong, f"run `make lock`: {lock} does not satisfy {wrong}"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_pin_in_the_lock_carries_a_hash(lock):
    text = (REPO / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert entries
    assert all("--hash=sha256:" in entry for entry in entries if PIN.match(entry))


def test_the_build_backend_is_in_the_runtime_lock():
    (backend,) = pyproject()["build-system"]["requires"]
    assert canonicalize_name(Requirement(backend).name) in pins("requirements.lock")


def test_every_direct_dependency_says_why_it_is_there():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    blocks = re.findall(r"^(?:dependencies|dev) = \[\n(.*?)^\]", text, flags=re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(lines) == len(direct("runtime")) + len(direct("dev"))
    unexplained = [line.strip() for line in lines if not re.search(r'",\s+# \S', line)]
    assert not unexplained, f"give each dependency a one-line reason: {unexplained}"
