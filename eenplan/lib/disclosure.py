# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Disclosure control (*onthullingsbeheersing*): the one place that decides which figures of a report may be shown.

Every report of EenPlan (eenplan.reports' outcomes, the referral figures, the barriers log) passes its counts through
here before a template or an export sees them (DESIGN.md §5, invariant 6). It lives in `lib` because the feature apps
that publish figures of their own (referrals, collaboration) sit below `reports` and may not import it.

- **Primary suppression.** A cell that counts more than zero but fewer than `threshold()` (the setting
  `REPORT_SMALL_CELL`, 5 by default) is hidden. A zero describes nobody and is shown.
- **Secondary suppression.** A table publishes its row totals, column totals and grand total (each optional). A
  hidden cell could be recomputed from a total and the other cells of its row or column, or by combining several
  rows and columns. Seen as the table *with* its totals (an (R+1)×(C+1) table in which every row and column adds
  up), the hidden entries form a bipartite graph (rows and columns are the vertices, each hidden entry an edge);
  a hidden value can be recomputed exactly from the published ones if and only if its edge lies on no cycle of that
  graph (a *bridge*): the equations of the rows and columns leave exactly the cycles free. So more entries are
  hidden until no hidden entry is a bridge: for each bridge, the cheapest path of further entries (smallest values
  first; totals only when nothing else will do) that closes a cycle through it. Every entry chosen is positive, so
  the hidden values along each cycle can all move up or down by one: another table of whole, non-negative numbers
  with the same published figures exists for every hidden value, and nobody can tell which one is true.
- **Percentages and means** whose base is hidden or small are hidden (`share`, `mean`).

Totals a table does not publish are simply unknown to the reader: they are hidden entries from the start (never
shown, and never counted as primary suppressions). They need no protection of their own: that a reader can add up
the published cells of a row whose total is not shown discloses nothing (without this, every list with one small
figure would hide all its figures).

A figure derived only from published figures (a sum of published cells) discloses nothing new, so reports derive
coarser tables from a protected finer one (`derived_sum`) rather than protecting two linked tables separately.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings

DEFAULT_THRESHOLD = 5
# The cost of hiding a total as a complementary cell, on top of its value: a total is hidden only when no path of
# inner cells closes the cycle (readers rely on the totals).
TOTAL_PENALTY = 10**9


def threshold() -> int:
    """The smallest count a report may show (setting REPORT_SMALL_CELL, 5 by default)."""
    return int(getattr(settings, "REPORT_SMALL_CELL", DEFAULT_THRESHOLD))


def is_small(value: int, limit: int | None = None) -> bool:
    """A count that describes a handful: more than zero, fewer than the threshold."""
    return 0 < value < (threshold() if limit is None else limit)


@dataclass
class ProtectedTable:
    """A table as it may be published: None where a figure is hidden. `primary` marks the cells hidden because they
    are small themselves (the rest of the hidden cells protect them)."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    primary: set[tuple[int, int]] = field(default_factory=set)
    threshold: int = DEFAULT_THRESHOLD

    @property
    def hidden_count(self) -> int:
        return sum(value is None for row in self.cells for value in row)


def protect(
    values: Sequence[Sequence[int]],
    *,
    limit: int | None = None,
    row_totals: bool = True,
    column_totals: bool = True,
    grand_total: bool = True,
    suppress: bool = True,
) -> ProtectedTable:
    """Apply primary and secondary suppression to a table of counts (rows × columns of non-negative integers).

    `row_totals`, `column_totals`, `grand_total`: which totals the report publishes. `suppress=False` returns the
    table whole (for readers who may see every household behind it anyway)."""
    limit = threshold() if limit is None else limit
    rows = [[int(v) for v in row] for row in values]
    n_rows = len(rows)
    n_cols = len(rows[0]) if rows else 0
    if any(len(row) != n_cols for row in rows):
        raise ValueError("Every row of a table needs the same number of columns.")
    if any(v < 0 for row in rows for v in row):
        raise ValueError("A table of counts holds no negative numbers.")
    row_sums = [sum(row) for row in rows]
    col_sums = [sum(rows[r][c] for r in range(n_rows)) for c in range(n_cols)]
    grand = sum(row_sums)
    # The augmented table: row n_rows holds the column totals, column n_cols the row totals.
    grid = [[*row, row_sums[r]] for r, row in enumerate(rows)] + [[*col_sums, grand]]
    hidden: set[tuple[int, int]] = set()
    primary: set[tuple[int, int]] = set()
    if suppress:
        primary = {(r, c) for r in range(n_rows) for c in range(n_cols) if is_small(rows[r][c], limit)}
        hidden |= primary
        hidden |= _small_totals(grid, n_rows, n_cols, limit)
    unpublished: set[tuple[int, int]] = set()
    if not row_totals:
        unpublished |= {(r, n_cols) for r in range(n_rows)}
    if not column_totals:
        unpublished |= {(n_rows, c) for c in range(n_cols)}
    if not grand_total:
        unpublished.add((n_rows, n_cols))
    # A total left out is no secret (it may well follow from published cells); one hidden because it is small is.
    unpublished -= hidden
    hidden |= unpublished
    if suppress and primary:
        _secondary(grid, hidden, exempt=unpublished)
    shown = [[None if (r, c) in hidden else grid[r][c] for c in range(n_cols + 1)] for r in range(n_rows + 1)]
    return ProtectedTable(
        cells=[row[:n_cols] for row in shown[:n_rows]],
        row_totals=[row[n_cols] for row in shown[:n_rows]],
        column_totals=shown[n_rows][:n_cols] if n_rows or n_cols else [],
        total=shown[n_rows][n_cols],
        primary=primary,
        threshold=limit,
    )


def _small_totals(grid: list[list[int]], n_rows: int, n_cols: int, limit: int) -> set[tuple[int, int]]:
    """Totals that are small themselves are hidden too (a total of 3 describes three households)."""
    small = {(r, n_cols) for r in range(n_rows) if is_small(grid[r][n_cols], limit)}
    small |= {(n_rows, c) for c in range(n_cols) if is_small(grid[n_rows][c], limit)}
    if is_small(grid[n_rows][n_cols], limit):
        small.add((n_rows, n_cols))
    return small


def _secondary(grid: list[list[int]], hidden: set[tuple[int, int]], exempt: set[tuple[int, int]]) -> None:
    """Hide further positive entries until no hidden entry is a bridge of the graph of hidden entries, except the
    `exempt` ones (totals the report does not publish: knowing them tells nothing the published cells do not).

    The bridges are found once per round and closed in order, smallest first: closing one adds only entries that lie
    on a cycle with it, so no new bridge appears, and a bridge an earlier path already closed gets a path of hidden
    entries only (nothing added). So one round does what a search for the bridges after each path would do."""
    mask = [[(r, c) in hidden for c in range(len(grid[0]))] for r in range(len(grid))]
    while True:
        bridges = sorted(entry for entry in _bridges(grid, hidden) if entry not in exempt)
        if not bridges:
            return
        for bridge in bridges:
            path = _cheapest_cycle_path(grid, mask, bridge)
            whole_line = path is None
            if path is None:  # nothing can close a cycle (only zeros around it): hide the whole line instead
                r, c = bridge
                path = {(r, j) for j in range(len(grid[0]))} | {(i, c) for i in range(len(grid))}
            hidden |= path
            for i, j in path:
                mask[i][j] = True
            if whole_line:
                break  # a whole line may hold new bridges: find them anew


def _bridges(grid: list[list[int]], hidden: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The hidden entries whose value the published ones determine: the bridges of the bipartite graph of hidden
    entries (Tarjan's algorithm, iterative). Vertices: row r is r, column c is n_rows + c."""
    n_rows = len(grid)
    adjacency: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for entry in sorted(hidden):
        a, b = entry[0], n_rows + entry[1]
        adjacency.setdefault(a, []).append((b, entry))
        adjacency.setdefault(b, []).append((a, entry))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    found: list[tuple[int, int]] = []
    counter = 0
    for root in sorted(adjacency):
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[int, tuple[int, int] | None, int]] = [(root, None, 0)]
        while stack:
            node, via, index = stack[-1]
            neighbours = adjacency[node]
            if index < len(neighbours):
                stack[-1] = (node, via, index + 1)
                target, entry = neighbours[index]
                if entry == via:
                    continue
                if target in order:
                    if order[target] < low[node]:
                        low[node] = order[target]
                else:
                    order[target] = low[target] = counter
                    counter += 1
                    stack.append((target, entry, 0))
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                    if low[node] > order[parent] and via is not None:
                        found.append(via)
    return found


def _cheapest_cycle_path(
    grid: list[list[int]], mask: list[list[bool]], bridge: tuple[int, int]
) -> set[tuple[int, int]] | None:
    """The entries to hide so that `bridge` lies on a cycle: the cheapest path between its row and its column that
    does not use the bridge, through hidden entries (free, `mask`) and positive published ones (their value; a total
    costs TOTAL_PENALTY more). Dijkstra over the rows (vertex r) and columns (vertex n_rows + c) of the augmented
    table; equal distances are settled columns first, rows after, each in order."""
    n_rows, n_cols = len(grid), len(grid[0])
    last_row, last_col = n_rows - 1, n_cols - 1
    start, goal = bridge[0], n_rows + bridge[1]
    distance = {start: 0}
    came_from: dict[int, tuple[int, tuple[int, int]]] = {}
    done: set[int] = set()
    # Heap items (distance, 0 for a column / 1 for a row, index, vertex): the order the string vertices "c…" < "r…"
    # gave before, so the same path is chosen among equally cheap ones.
    queue: list[tuple[int, int, str, int]] = [(0, 1, str(start), start)]
    while queue:
        dist, _kind, _name, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        if node == goal:
            break
        if node < n_rows:
            r = node
            row_mask, row_values = mask[r], grid[r]
            entries = ((r, c, n_rows + c, row_mask[c], row_values[c]) for c in range(n_cols))
        else:
            c = node - n_rows
            entries = ((r, c, r, mask[r][c], grid[r][c]) for r in range(n_rows))
        for r, c, target, is_hidden, value in entries:
            if target in done or (r, c) == bridge:
                continue
            if is_hidden:
                step = 0
            elif value <= 0:
                continue
            else:
                step = value + (TOTAL_PENALTY if r == last_row or c == last_col else 0)
            candidate = dist + step
            known = distance.get(target)
            if known is None or candidate < known:
                distance[target] = candidate
                came_from[target] = (node, (r, c))
                if target < n_rows:
                    heapq.heappush(queue, (candidate, 1, str(target), target))
                else:
                    heapq.heappush(queue, (candidate, 0, str(target - n_rows), target))
    if goal not in done:
        return None
    path: set[tuple[int, int]] = set()
    node = goal
    while node != start:
        node, entry = came_from[node]
        path.add(entry)
    return path


def protect_list(
    values: Sequence[int], *, limit: int | None = None, total: bool = True, suppress: bool = True
) -> ProtectedTable:
    """One column of counts (a list of labels) with, optionally, its published total."""
    return protect(
        [[v] for v in values],
        limit=limit,
        row_totals=False,
        column_totals=total,
        grand_total=total,
        suppress=suppress,
    )


def derived_sum(parts: Sequence[int | None]) -> int | None:
    """A coarser figure made from published ones (e.g. an organisation from its services): shown only when every
    part is shown, so it tells nothing the finer table does not."""
    if any(part is None for part in parts):
        return None
    return sum(part for part in parts if part is not None)


def share(part: int | None, base: int | None, *, limit: int | None = None) -> int | None:
    """A whole percentage, hidden when the part or the base is hidden or the base is small."""
    limit = threshold() if limit is None else limit
    if part is None or base is None or base < limit:
        return None
    return round(100 * part / base)


def mean(amount: float | None, count: int | None, *, limit: int | None = None, digits: int = 1) -> float | None:
    """A mean over `count` people or households, hidden when the count is hidden or small."""
    limit = threshold() if limit is None else limit
    if amount is None or count is None or count < limit:
        return None
    return round(amount / count, digits)


# How a hidden figure reads, on the page and in an export (as Statistics Netherlands marks a secret figure). One mark
# for every hidden figure: marking the small ones apart ("< 5") would tell a reader which ones protect them.
HIDDEN = "x"


def shown(value: int | float | None) -> str:
    """How a published figure reads on the page and in an export: the number, or HIDDEN."""
    return HIDDEN if value is None else str(value)
