# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""`python manage.py rotate_bsn_key [--batch-size N] [--max-batches N] [--check]`: BSNs under the newest key.

After a new key is put first in FIELD_ENCRYPTION_KEYS, this re-encrypts every stored BSN under it and renews the
lookup digest (the keyed hash that finds a resident by BSN) under it too. It works in batches of residents in id
order, each batch in its own transaction with its rows locked, so it can be stopped at any moment (or limited with
--max-batches) and simply run again: a resident whose BSN and digest are already under the newest key is skipped.
It reports counts and resident ids, never a BSN. `--check` only counts what is left and exits 1 when anything is.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction
from django.db.models.functions import Cast

from eenplan.households import crypto
from eenplan.households.models import Resident


class Command(BaseCommand):
    help = "Re-encrypt every stored BSN and renew its lookup digest under the newest key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Residents per transaction (default 500).")
        parser.add_argument(
            "--max-batches", type=int, default=None, help="Stop after this many batches; run again to go on."
        )
        parser.add_argument(
            "--check", action="store_true", help="Change nothing; count the BSNs not yet under the newest key."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = max(1, options["batch_size"])
        max_batches = options["max_batches"]
        check_only = options["check"]
        last_id = 0
        batches = rotated = current = 0
        while max_batches is None or batches < max_batches:
            with transaction.atomic():
                rows = list(
                    Resident.objects.select_for_update()
                    .filter(pk__gt=last_id)
                    .exclude(bsn="")
                    .order_by("pk")
                    # The stored token as it is, not decrypted by the field: to see which key it is under.
                    .annotate(token=Cast("bsn", output_field=models.TextField()))
                    .values_list("pk", "token", "bsn_digest")[:batch_size]
                )
                if not rows:
                    break
                batches += 1
                done_here = 0
                for pk, token, digest in rows:
                    if crypto.is_current(token) and digest == crypto.lookup_digest(crypto.decrypt(token)):
                        current += 1
                        continue
                    done_here += 1
                    if not check_only:
                        bsn = crypto.decrypt(token)
                        # The field encrypts under the newest key; `version` is left alone: the BSN did not change.
                        Resident.objects.filter(pk=pk).update(bsn=bsn, bsn_digest=crypto.lookup_digest(bsn))
                rotated += done_here
                last_id = rows[-1][0]
            verb = "to re-encrypt" if check_only else "re-encrypted"
            self.stdout.write(
                f"batch {batches}: residents up to #{last_id}: {done_here} {verb}, "
                f"{len(rows) - done_here} already under the newest key"
            )
            self.stdout.flush()
        finished = not Resident.objects.filter(pk__gt=last_id).exclude(bsn="").exists()
        if check_only:
            self.stdout.write(f"{rotated} BSNs still to re-encrypt, {current} under the newest key.")
            if rotated or not finished:
                sys.exit(1)
            return
        self.stdout.write(f"{rotated} BSNs re-encrypted, {current} were already under the newest key.")
        if finished:
            self.stdout.write(self.style.SUCCESS("Done: every stored BSN is under the newest key."))
        else:
            self.stdout.write(
                self.style.WARNING(f"Stopped after {batches} batches at resident #{last_id}; run again to go on.")
            )
