# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""The household pages: "Mijn huishoudens", the household page, registering households and editing residents.

They live above `access` (every view goes through the door) and above the feature apps whose rows they show;
`households` itself sits below `access` and holds only the models, validators and forms.
"""
