# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Running EenPlan: database outage page, request and task logs without personal data, Prometheus metrics."""
