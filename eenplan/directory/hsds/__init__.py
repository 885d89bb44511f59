# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Open Referral HSDS 3.0 export and import of the sociale kaart (see docs/hsds.md for the mapping).

- `vocabulary`: the derived identifiers and EenPlan's taxonomies (how our data without an HSDS field travels);
- `schema`: our JSON Schema of the document and its validator;
- `export`: the sociale kaart as an HSDS page of organizations;
- `importer`: such a page read back, checked record by record, imported all or nothing, with a report;
- `views`: the download and upload pages.
"""
