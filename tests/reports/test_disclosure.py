# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""Disclosure control (eenplan/lib/disclosure.py): every small cell is hidden, and no hidden value can be found
again from the published cells and totals — neither row by row and column by column, nor by combining all the
equations of the table (exact linear algebra over the rationals), and for every hidden value another table of whole,
non-negative numbers with the same published figures exists."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eenplan.lib import disclosure
from eenplan.lib.disclosure import ProtectedTable, protect, protect_list

LIMIT = 5

# Tables of counts with many small cells among larger ones, as a neighbourhood report has.
counts = st.one_of(st.integers(0, 4), st.integers(0, 60))
tables = st.integers(1, 6).flatmap(
    lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=7)
)


def _augmented(values: list[list[int]], table: ProtectedTable) -> tuple[list[list[int]], list[list[int | None]]]:
    """The true and the published table with their totals: row totals as the last column, column totals as the
    last row, the grand total in the corner."""
    truth = [[*row, sum(row)] for row in values]
    truth.append([sum(col) for col in zip(*truth, strict=True)])
    published = [[*row, total] for row, total in zip(table.cells, table.row_totals, strict=True)]
    published.append([*table.column_totals, table.total])
    return truth, published


def _lines(n_rows: int, n_cols: int) -> list[list[tuple[tuple[int, int], int]]]:
    """Every equation of the augmented table as (entry, coefficient) pairs that add up to zero."""
    lines = []
    for r in range(n_rows + 1):
        lines.append([((r, c), 1) for c in range(n_cols)] + [((r, n_cols), -1)])
    for c in range(n_cols + 1):
        lines.append([((r, c), 1) for r in range(n_rows)] + [((n_rows, c), -1)])
    return lines


def _recomputable_by_lines(truth: list[list[int]], published: list[list[int | None]]) -> set[tuple[int, int]]:
    """What a reader finds with pencil and paper: a row or column with one unknown gives it; repeat."""
    known = {(r, c): v for r, row in enumerate(published) for c, v in enumerate(row) if v is not None}
    found: set[tuple[int, int]] = set()
    changed = True
    while changed:
        changed = False
        for line in _lines(len(truth) - 1, len(truth[0]) - 1):
            unknown = [(entry, coef) for entry, coef in line if entry not in known]
            if len(unknown) == 1:
                (entry, coef) = unknown[0]
                rest = sum(known[e] * k for e, k in line if e != entry)
                known[entry] = -rest // coef
                found.add(entry)
                changed = True
    return found


def _determined_by_algebra(published: list[list[int | None]]) -> set[tuple[int, int]]:
    """The hidden entries that all equations together fix: reduce the equations over the hidden entries to row
    echelon form (exact fractions); an entry is fixed when a reduced equation holds it alone."""
    hidden = [(r, c) for r, row in enumerate(published) for c, v in enumerate(row) if v is None]
    index = {entry: i for i, entry in enumerate(hidden)}
    matrix = []
    for line in _lines(len(published) - 1, len(published[0]) - 1):
        vector = [Fraction(0)] * len(hidden)
        for entry, coef in line:
            if entry in index:
                vector[index[entry]] += coef
        if any(vector):
            matrix.append(vector)
    pivot_row = 0
    pivots = []
    for col in range(len(hidden)):
        pivot = next((i for i in range(pivot_row, len(matrix)) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[pivot_row], matrix[pivot] = matrix[pivot], matrix[pivot_row]
        lead = matrix[pivot_row][col]
        matrix[pivot_row] = [v / lead for v in matrix[pivot_row]]
        for i in range(len(matrix)):
            if i != pivot_row and matrix[i][col] != 0:
                factor = matrix[i][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[pivot_row], strict=True)]
        pivots.append(col)
        pivot_row += 1
    return {hidden[col] for row in matrix[:pivot_row] for col in range(len(hidden)) if _alone(row, col)}


def _alone(row: list[Fraction], col: int) -> bool:
    return row[col] != 0 and all(v == 0 for i, v in enumerate(row) if i != col)


def _other_table(truth: list[list[int]], published: list[list[int | None]], entry: tuple[int, int]) -> bool:
    """Is there another table of whole non-negative numbers with the same published figures but another value at
    `entry`? Searched as a cycle of hidden entries through it (rows and columns alternating), moved by one."""
    hidden = {(r, c) for r, row in enumerate(published) for c, v in enumerate(row) if v is None}
    # Breadth-first from the entry's column back to its row over hidden entries other than the entry itself.
    start, goal = ("c", entry[1]), ("r", entry[0])
    previous: dict[tuple[str, int], tuple[tuple[str, int], tuple[int, int]]] = {}
    frontier = [start]
    seen = {start}
    while frontier and goal not in seen:
        step = []
        for kind, i in frontier:
            for e in sorted(hidden - {entry}):
                if (kind == "c" and e[1] == i) or (kind == "r" and e[0] == i):
                    target = ("r", e[0]) if kind == "c" else ("c", e[1])
                    if target not in seen:
                        seen.add(target)
                        previous[target] = ((kind, i), e)
                        step.append(target)
        frontier = step
    if goal not in seen:
        return False
    n_rows, n_cols = len(truth) - 1, len(truth[0]) - 1
    signs = _cycle_signs([entry, *_ordered_cycle(previous, start, goal)], n_rows, n_cols)
    for direction in (1, -1):
        other = [row[:] for row in truth]
        for e, s in signs.items():
            other[e[0]][e[1]] += s * direction
        if all(v >= 0 for row in other for v in row) and _consistent(other) and _same_published(other, published):
            return other[entry[0]][entry[1]] != truth[entry[0]][entry[1]]
    return False


def _ordered_cycle(previous, start, goal) -> list[tuple[int, int]]:
    path = []
    node = goal
    while node != start:
        node, e = previous[node]
        path.append(e)
    return path


def _cycle_signs(cycle: list[tuple[int, int]], n_rows: int, n_cols: int) -> dict[tuple[int, int], int]:
    """Changes of ±1 along the cycle that keep every row and column adding up: walking the cycle, each pair of
    consecutive entries shares a line, and the second must cancel the first in that line."""
    signs = {cycle[0]: 1}
    for previous_entry, entry in itertools.pairwise(cycle):
        shared_row = previous_entry[0] == entry[0]
        line_coef = (lambda e: -1 if e[1] == n_cols else 1) if shared_row else (lambda e: -1 if e[0] == n_rows else 1)
        signs[entry] = -signs[previous_entry] * line_coef(previous_entry) * line_coef(entry)
    return signs


def _consistent(table: list[list[int]]) -> bool:
    n_rows, n_cols = len(table) - 1, len(table[0]) - 1
    rows_ok = all(sum(table[r][:n_cols]) == table[r][n_cols] for r in range(n_rows + 1))
    cols_ok = all(sum(table[r][c] for r in range(n_rows)) == table[n_rows][c] for c in range(n_cols + 1))
    return rows_ok and cols_ok


def _same_published(table: list[list[int]], published: list[list[int | None]]) -> bool:
    return all(v is None or table[r][c] == v for r, row in enumerate(published) for c, v in enumerate(row))


@given(tables)
@settings(max_examples=300, deadline=None)
def test_every_cell_under_the_threshold_is_hidden(values):
    table = protect(values, limit=LIMIT)
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            if 0 < value < LIMIT:
                assert table.cells[r][c] is None


@given(tables)
@settings(max_examples=300, deadline=None)
def test_no_hidden_value_can_be_recomputed_row_by_row_or_column_by_column(values):
    table = protect(values, limit=LIMIT)
    truth, published = _augmented(values, table)
    assert _recomputable_by_lines(truth, published) == set()


@given(tables)
@settings(max_examples=300, deadline=None)
def test_no_hidden_value_follows_from_all_equations_together(values):
    table = protect(values, limit=LIMIT)
    _truth, published = _augmented(values, table)
    assert _determined_by_algebra(published) == set()


@given(tables)
@settings(max_examples=200, deadline=None)
def test_every_hidden_value_has_another_table_with_the_same_published_figures(values):
    table = protect(values, limit=LIMIT)
    truth, published = _augmented(values, table)
    hidden = [(r, c) for r, row in enumerate(published) for c, v in enumerate(row) if v is None]
    for entry in hidden:
        assert _other_table(truth, published, entry), entry


@given(tables)
@settings(max_examples=200, deadline=None)
def test_published_figures_are_the_true_ones(values):
    table = protect(values, limit=LIMIT)
    truth, published = _augmented(values, table)
    assert _same_published(truth, published)


@given(st.lists(counts, min_size=1, max_size=12))
@settings(max_examples=200, deadline=None)
def test_a_list_with_its_total_hides_a_second_figure_beside_a_single_small_one(values):
    table = protect_list(values, limit=LIMIT)
    truth, published = _augmented([[v] for v in values], table)
    # The list publishes no row totals (each would repeat its figure): only the figures and the total count.
    figures = {(r, 0) for r in range(len(values))} | {(len(values), 0)}
    assert _recomputable_by_lines(truth, published) & figures == set()
    assert _determined_by_algebra(published) & figures == set()


@given(st.lists(counts, min_size=1, max_size=12))
@settings(max_examples=200, deadline=None)
def test_a_list_hides_its_small_figures_and_at_most_one_more(values):
    """Not everything: beside the small figures a list with its total needs one more hidden figure at most (when a
    single small one would follow from the total), and a list without its total none."""
    small = sum(0 < v < LIMIT for v in values)
    with_total = protect_list(values, limit=LIMIT)
    assert sum(cell is None for (cell,) in with_total.cells) <= max(small, 2 if small else 0)
    without_total = protect_list(values, limit=LIMIT, total=False)
    assert sum(cell is None for (cell,) in without_total.cells) == small


def test_a_small_figure_in_a_list_hides_the_next_smallest_and_keeps_the_rest():
    table = protect_list([3, 5, 6], limit=LIMIT)
    assert (table.cells, table.total) == ([[None], [None], [6]], 14)


def test_a_single_small_cell_in_a_row_takes_the_next_smallest_with_it():
    table = protect([[3, 20, 40], [30, 25, 50]], limit=LIMIT)
    assert table.cells[0] == [None, None, 40]
    assert table.cells[1][0] is None and table.cells[1][1] is None  # the column needs a second one too
    assert table.row_totals == [63, 105]


def test_the_dumbbell_that_two_per_line_would_miss_is_closed():
    """Two blocks that each hide a cycle, joined by one hidden cell: every line has two hidden cells, yet the
    joining cell would follow from the equations. The algebra test above catches it; here it is by hand."""
    values = [
        [1, 1, 0, 0, 50],
        [1, 1, 2, 0, 50],
        [0, 0, 1, 1, 50],
        [0, 0, 1, 1, 50],
        [50, 50, 50, 50, 50],
    ]
    table = protect(values, limit=LIMIT)
    _truth, published = _augmented(values, table)
    assert _determined_by_algebra(published) == set()


def test_without_suppression_the_table_is_whole():
    table = protect([[1, 2], [3, 4]], limit=LIMIT, suppress=False)
    assert table.cells == [[1, 2], [3, 4]]
    assert table.total == 10


def test_a_zero_is_shown():
    table = protect([[0, 40], [30, 25]], limit=LIMIT)
    assert table.cells == [[0, 40], [30, 25]]


def test_the_threshold_is_a_setting(settings):
    settings.REPORT_SMALL_CELL = 10
    table = protect([[7, 40, 30], [30, 25, 50]])
    assert table.cells[0][0] is None


@pytest.mark.parametrize(
    ("part", "base", "expected"),
    [(3, 10, 30), (None, 10, None), (3, None, None), (2, 4, None)],
)
def test_a_share_is_hidden_when_its_base_is_hidden_or_small(part, base, expected):
    assert disclosure.share(part, base, limit=LIMIT) == expected


def test_a_mean_over_a_handful_is_hidden():
    assert disclosure.mean(12, 4, limit=LIMIT) is None
    assert disclosure.mean(12, 6, limit=LIMIT) == 2.0


def test_a_sum_of_published_parts_is_published_only_when_every_part_is():
    assert disclosure.derived_sum([3, 4]) == 7
    assert disclosure.derived_sum([3, None]) is None
