#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Put the SPDX licence header at the top of every source file of EenPlan.

    python scripts/spdx.py            add the header where it is missing, print the files changed
    python scripts/spdx.py --check    change nothing; list the files without a header, exit 1 if there are any
    python scripts/spdx.py PATH ...   only these files or folders (default: the whole repository, see below)

The header is two comment lines, in the REUSE convention:

    # SPDX-License-Identifier: EUPL-1.2
    # SPDX-FileCopyrightText: 2026 EenPlan contributors

Which files: every `.py` and `.sh` file under eenplan/, tests/, bench/ and scripts/ (migrations included), plus
manage.py and .ci/run. A shebang line stays first, and so does a Python encoding declaration after it; the header
follows them. Files that already carry an SPDX-License-Identifier in their first lines are left alone, so running
the script twice changes nothing.

Templates, CSS, JavaScript and the documentation get no header: a comment at the top of a template either reaches
the page that is sent (HTML comments) or has to sit before `{% extends %}`, and the vendored front-end files are
not ours. The LICENSE file at the root covers every file of the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

LICENSE_ID = "EUPL-1.2"
COPYRIGHT = "2026 EenPlan contributors"
HEADER = [f"# SPDX-License-Identifier: {LICENSE_ID}", f"# SPDX-FileCopyrightText: {COPYRIGHT}"]

REPO = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("eenplan", "tests", "bench", "scripts")
SUFFIXES = (".py", ".sh")
SINGLE_FILES = ("manage.py", ".ci/run")
SKIP_PARTS = {"__pycache__", "node_modules", ".venv", "static", "locale"}
# A header counts when it is in the first few lines (after a shebang and an encoding declaration).
HEADER_WITHIN_LINES = 5
ENCODING_LINE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


def source_files(root: Path = REPO, paths: Iterable[Path] | None = None) -> Iterator[Path]:
    """The files that must carry the header: under `paths` if given, else the repository's source folders."""
    if paths is None:
        paths = [root / name for name in SOURCE_DIRS] + [root / name for name in SINGLE_FILES]
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and file.suffix in SUFFIXES and not SKIP_PARTS.intersection(file.parts):
                    yield file


def has_header(text: str) -> bool:
    """True when the SPDX licence identifier is among the first lines."""
    return any("SPDX-License-Identifier:" in line for line in text.splitlines()[:HEADER_WITHIN_LINES])


def with_header(text: str) -> str:
    """The text with the header after any shebang and encoding line; unchanged when it already has one."""
    if has_header(text):
        return text
    lines = text.splitlines(keepends=True)
    keep = 0
    if lines and lines[0].startswith("#!"):
        keep = 1
    if len(lines) > keep and ENCODING_LINE.match(lines[keep]):
        keep += 1
    head = lines[:keep]
    if head and not head[-1].endswith("\n"):
        head[-1] += "\n"
    return "".join(head) + "".join(line + "\n" for line in HEADER) + "".join(lines[keep:])


def files_without_header(root: Path = REPO, paths: Iterable[Path] | None = None) -> list[Path]:
    return [file for file in source_files(root, paths) if not has_header(file.read_text(encoding="utf-8"))]


def add_headers(root: Path = REPO, paths: Iterable[Path] | None = None) -> list[Path]:
    """Add the header where it is missing; returns the files changed. File modes (the executable bit) are kept."""
    changed = []
    for file in files_without_header(root, paths):
        file.write_text(with_header(file.read_text(encoding="utf-8")), encoding="utf-8")
        changed.append(file)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file lacks the header")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the repository's sources)")
    args = parser.parse_args(argv)
    paths = [path.resolve() for path in args.paths] or None
    files = files_without_header(REPO, paths) if args.check else add_headers(REPO, paths)
    for file in files:
        print(file.relative_to(REPO) if file.is_relative_to(REPO) else file)
    if args.check and files:
        print(f"{len(files)} file(s) without the SPDX header; run: python scripts/spdx.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
