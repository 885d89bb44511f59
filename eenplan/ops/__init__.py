"""Running EenPlan: database outage page, request and task logs without personal data, Prometheus metrics."""
