# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Demo and bench data (*demodata*): the generator behind `manage.py seed_demo` and `manage.py demo_logins`.

It sits on top of every app (it fills their tables) and nothing imports it; it has no models of its own.
"""
