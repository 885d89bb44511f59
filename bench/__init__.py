# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The load bench (README.md here). A package so that the server the bench starts can load `bench.server_timing`."""
