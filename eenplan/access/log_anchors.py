# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Anchors of the access log: signed checkpoints kept outside the database (ACCESS_LOG_ANCHOR_DIR).

An anchor names the newest entry at the time it was made (id and hash), how many entries the log held up to it and
how many of those were legacy (unkeyed), when it was made, and the key it is signed with. It is a JSON file written
once (O_EXCL, read-only) and never changed. Because every entry's hash covers all entries before it, one anchor
fixes the whole log up to its entry: verify_access_log finds an entry rewritten before it, removed before it, or
removed after it when the anchor names an entry that no longer exists (the newest entries cut off).

The signature is HMAC-SHA256 under a key derived for anchors from the log key (log_hash.anchor_signature).
"""

from __future__ import annotations

import datetime
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eenplan.access import log_hash

FORMAT = "eenplan-access-log-anchor/1"
FIELDS = {"format": str, "entry_id": int, "entry_hash": str, "entries": int, "legacy_entries": int, "created": str}


@dataclass(frozen=True)
class Anchor:
    name: str
    entry_id: int
    entry_hash: str
    entries: int
    legacy_entries: int
    created: str
    key_id: str

    def mismatch(self, entry_hash: str, entries: int) -> str:
        """What differs between this anchor and the log at its entry (`entries`: the number up to it)."""
        if entry_hash != self.entry_hash:
            return f"entry #{self.entry_id} has another hash than anchored (entry rewritten)"
        if entries != self.entries:
            return f"{entries} entries up to #{self.entry_id}, anchored were {self.entries} (entries removed or added)"
        return ""


@dataclass(frozen=True)
class AnchorProblem:
    name: str
    problem: str


def _payload(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, separators=(",", ":"))


def _parse(name: str, text: str) -> Anchor | AnchorProblem:
    try:
        data = json.loads(text)
    except ValueError:
        return AnchorProblem(name, "not readable as an anchor (file changed)")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return AnchorProblem(name, "not an anchor of this format (file changed)")
    signature, key_id = data.pop("signature", None), data.get("key_id")
    wrong_type = [key for key, kind in FIELDS.items() if type(data.get(key)) is not kind]
    if wrong_type or not isinstance(signature, str) or not isinstance(key_id, str):
        return AnchorProblem(name, "fields missing or of the wrong kind (file changed)")
    try:
        key = log_hash.key_by_id(key_id)
    except log_hash.UnknownKey:
        return AnchorProblem(name, f"signed with key {key_id}, which ACCESS_LOG_KEYS does not hold")
    if not hmac.compare_digest(signature, log_hash.anchor_signature(key, _payload(data))):
        return AnchorProblem(name, "the signature does not match (anchor forged or changed)")
    return Anchor(
        name=name,
        entry_id=data["entry_id"],
        entry_hash=data["entry_hash"],
        entries=data["entries"],
        legacy_entries=data["legacy_entries"],
        created=data["created"],
        key_id=key_id,
    )


def load(directory: Path) -> tuple[list[Anchor], list[AnchorProblem]]:
    """Every anchor file (*.json) in the folder, checked; a missing folder holds no anchors."""
    anchors: list[Anchor] = []
    problems: list[AnchorProblem] = []
    if not directory.is_dir():
        return anchors, problems
    for path in sorted(directory.glob("*.json")):
        parsed = _parse(path.name, path.read_text(encoding="utf-8", errors="replace"))
        if isinstance(parsed, Anchor):
            anchors.append(parsed)
        else:
            problems.append(parsed)
    return anchors, problems


def write(
    directory: Path,
    *,
    entry_id: int,
    entry_hash: str,
    entries: int,
    legacy_entries: int,
    now: datetime.datetime | None = None,
) -> Path:
    """Write one new anchor, signed with the current key; never overwrites a file (FileExistsError)."""
    key = log_hash.current_key()
    now = now or datetime.datetime.now(datetime.UTC)
    values: dict[str, Any] = {
        "format": FORMAT,
        "entry_id": entry_id,
        "entry_hash": entry_hash,
        "entries": entries,
        "legacy_entries": legacy_entries,
        "created": now.isoformat(),
        "key_id": key.key_id,
    }
    document = {**values, "signature": log_hash.anchor_signature(key, _payload(values))}
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"anchor-{now:%Y%m%dT%H%M%S%fZ}-{entry_id}.json"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(json.dumps(document, sort_keys=True, indent=2) + "\n")
        file.flush()
        os.fsync(file.fileno())
    return path
