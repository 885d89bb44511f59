# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Small helpers shared by every app, written once: form rendering and status, optimistic locking, the request's user.

`lib` imports no EenPlan app except `eenplan.accounts.models` (for the `User` type); every app may import `lib`.
"""
