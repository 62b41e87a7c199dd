"""Mentor matching engine: an exact maximum-score assignment of mentees to mentors.

Pure Python + numpy + OR-Tools, no Django: the scoring code decides which (mentee, mentor) pairs are allowed and
what they are worth; this module only solves the assignment.

The problem is a min-cost flow. Every free mentee supplies one unit that reaches the sink either through a mentor
(arc capacity 1, cost -score) and that mentor's arc to the sink (capacity = places left), or through its own
"unmatched" bypass arc to the sink (cost 0). The flow is balanced, so `solve()` returns an assignment of maximum
total score.

Ties: among the assignments of maximum total score we take one that matches the most mentees (a pair worth 0
points still gives a mentee a mentor, which is the programme's point). This is exact, not a heuristic: a pair's
cost is -(score * B + 1) with B larger than the number of mentees, so one point of score always outweighs any
number of extra matches. The solver is deterministic for a given arc order, and arcs are built in sorted id order,
so the same input always gives the same answer whatever order its mappings were built in.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from itertools import repeat
from typing import Any, TypeVar

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

MenteeId = TypeVar("MenteeId", bound=Hashable)
MentorId = TypeVar("MentorId", bound=Hashable)


def id_sort_key(value: Any) -> tuple[str, Any]:
    # Ids may be ints (primary keys) or strings (external references), even mixed in one call.
    return (type(value).__name__, value)


def total_score(assignment: Mapping[Any, Any], scores: Mapping[tuple[Any, Any], int]) -> int:
    """Sum of the scores of the assigned pairs; a pair absent from `scores` (a locked one) counts 0."""
    return sum(int(scores.get(pair, 0)) for pair in assignment.items())


def assign(
    scores: Mapping[tuple[MenteeId, MentorId], int],
    capacity: Mapping[MentorId, int],
    *,
    locked: Iterable[tuple[MenteeId, MentorId]] = (),
    forbidden: Iterable[tuple[MenteeId, MentorId]] = (),
) -> dict[MenteeId, MentorId]:
    """Assignment of maximum total score (then of most matches), keyed by mentee in sorted id order.

    `scores` holds every allowed pair with a non-negative integer score; `capacity` the number of new mentees
    each mentor can take. Locked pairs are always in the result and use their mentor's capacity; forbidden
    pairs and pairs whose mentor is not in `capacity` are never used. Raises ValueError on inconsistent locks
    or bad scores or capacities.
    """
    problem = _Problem(scores, capacity, locked, forbidden)
    chosen = _solve_flow(problem)
    return problem.result(chosen)


def greedy_assign(
    scores: Mapping[tuple[MenteeId, MentorId], int],
    capacity: Mapping[MentorId, int],
    *,
    locked: Iterable[tuple[MenteeId, MentorId]] = (),
    forbidden: Iterable[tuple[MenteeId, MentorId]] = (),
) -> dict[MenteeId, MentorId]:
    """Baseline: take pairs by decreasing score (ties in id order) while mentee and mentor are free."""
    problem = _Problem(scores, capacity, locked, forbidden)
    mentee, mentor, score = problem.mentee, problem.mentor, problem.score
    order = np.lexsort((mentor, mentee, -score))  # last key is primary
    places = problem.places.tolist()
    taken = bytearray(len(problem.mentee_ids))
    chosen = []
    for i, m, t in zip(order.tolist(), mentee[order].tolist(), mentor[order].tolist()):
        if not taken[m] and places[t]:
            taken[m] = 1
            places[t] -= 1
            chosen.append(i)
    return problem.result(np.asarray(chosen, dtype=np.int64))


class _Problem:
    """Validated input as numpy arrays over the free mentees, in canonical (sorted id) order.

    mentee_ids / mentor_ids: sorted ids of the free mentees (not locked) and of the mentors with places left.
    mentee, mentor, score: one entry per usable pair, sorted by (mentee, mentor).
    places: places left per mentor once locked pairs are counted.
    """

    def __init__(self, scores, capacity, locked, forbidden):
        forbidden = set(forbidden)
        self.locked = self._check_locks(capacity, locked, forbidden)

        n = len(scores)
        if n:
            values = np.array(list(scores.values()))
            if values.dtype.kind not in "iu":
                raise ValueError("scores must be integers (within 64 bits)")
            if values.min() < 0:
                raise ValueError("scores must be non-negative")
            if values.max() >= 2**62:
                raise _too_large()
            values = values.astype(np.int64, copy=False)
            pair_mentees, pair_mentors = zip(*scores)
        else:
            values = np.zeros(0, dtype=np.int64)
            pair_mentees, pair_mentors = (), ()

        locked_per_mentor: dict[Any, int] = {}
        for mentor_id in self.locked.values():
            locked_per_mentor[mentor_id] = locked_per_mentor.get(mentor_id, 0) + 1
        mentor_places = {}
        for mentor_id, places in capacity.items():
            if int(places) != places or places < 0:
                raise ValueError(f"capacity of mentor {mentor_id!r} must be a non-negative integer, not {places!r}")
            left = int(places) - locked_per_mentor.get(mentor_id, 0)
            if left > 0:
                mentor_places[mentor_id] = left

        self.mentor_ids = sorted(mentor_places, key=id_sort_key)
        mentor_index = {mentor_id: i for i, mentor_id in enumerate(self.mentor_ids)}
        self.places = np.array([mentor_places[m] for m in self.mentor_ids], dtype=np.int64)
        self.mentee_ids = sorted(set(pair_mentees).difference(self.locked), key=id_sort_key)
        mentee_index = {mentee_id: i for i, mentee_id in enumerate(self.mentee_ids)}

        # One pass each over the pairs at C speed; unknown ids (locked mentees, full or unknown mentors) get -1.
        mentee = np.fromiter(map(mentee_index.get, pair_mentees, repeat(-1)), dtype=np.int64, count=n)
        mentor = np.fromiter(map(mentor_index.get, pair_mentors, repeat(-1)), dtype=np.int64, count=n)
        usable = (mentee >= 0) & (mentor >= 0)
        if forbidden:
            banned = [
                mentee_index[m] * len(self.mentor_ids) + mentor_index[t]
                for m, t in forbidden
                if m in mentee_index and t in mentor_index
            ]
            if banned:
                usable &= ~np.isin(mentee * len(self.mentor_ids) + mentor, banned)
        mentee, mentor, values = mentee[usable], mentor[usable], values[usable]
        order = np.lexsort((mentor, mentee))
        self.mentee, self.mentor, self.score = mentee[order], mentor[order], values[order]

    @staticmethod
    def _check_locks(capacity, locked, forbidden: set) -> dict:
        result: dict[Any, Any] = {}
        per_mentor: dict[Any, int] = {}
        for mentee_id, mentor_id in locked:
            if mentee_id in result:
                if result[mentee_id] == mentor_id:
                    continue  # the same lock given twice is no contradiction
                raise ValueError(
                    f"mentee {mentee_id!r} is locked to two mentors: {result[mentee_id]!r} and {mentor_id!r}"
                )
            if (mentee_id, mentor_id) in forbidden:
                raise ValueError(f"pair ({mentee_id!r}, {mentor_id!r}) is both locked and forbidden")
            result[mentee_id] = mentor_id
            per_mentor[mentor_id] = per_mentor.get(mentor_id, 0) + 1
        for mentor_id, count in per_mentor.items():
            if mentor_id not in capacity:
                raise ValueError(f"mentor {mentor_id!r} has locked mentees but no capacity entry")
            if count > capacity[mentor_id]:
                raise ValueError(
                    f"mentor {mentor_id!r} has {count} locked mentees but a capacity of {capacity[mentor_id]}"
                )
        return result

    def result(self, chosen: np.ndarray) -> dict:
        pairs = dict(self.locked)
        mentee_ids, mentor_ids = self.mentee_ids, self.mentor_ids
        for m, t in zip(self.mentee[chosen].tolist(), self.mentor[chosen].tolist()):
            pairs[mentee_ids[m]] = mentor_ids[t]
        return {mentee_id: pairs[mentee_id] for mentee_id in sorted(pairs, key=id_sort_key)}


def _solve_flow(problem: _Problem) -> np.ndarray:
    """Indices (into the problem's pair arrays) of the pairs in an optimal assignment."""
    pairs = len(problem.score)
    if not pairs:
        return np.zeros(0, dtype=np.int64)
    mentees, mentors = len(problem.mentee_ids), len(problem.mentor_ids)
    sink = mentees + mentors

    tie_break = mentees + 1  # more than any possible number of matches
    # OR-Tools rejects costs whose scaled values could overflow int64 (BAD_COST_RANGE); this first check only
    # keeps numpy's multiplication below from wrapping around silently.
    if int(problem.score.max()) >= 2**62 // tie_break:
        raise _too_large()
    cost = -(problem.score * tie_break + 1)

    # Nodes: mentees 0..M-1, mentors M..M+K-1, sink M+K. Arc order: pairs, mentor->sink, bypasses.
    mentee_nodes = np.arange(mentees, dtype=np.int32)
    tails = np.concatenate(
        (problem.mentee.astype(np.int32), np.arange(mentees, sink, dtype=np.int32), mentee_nodes)
    )
    heads = np.concatenate(
        (
            (problem.mentor + mentees).astype(np.int32),
            np.full(mentors + mentees, sink, dtype=np.int32),
        )
    )
    capacities = np.concatenate(
        (np.ones(pairs, dtype=np.int64), problem.places, np.ones(mentees, dtype=np.int64))
    )
    costs = np.concatenate((cost, np.zeros(mentors + mentees, dtype=np.int64)))

    flow = SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(
        np.append(mentee_nodes, np.int32(sink)),
        np.append(np.ones(mentees, dtype=np.int64), np.int64(-mentees)),
    )
    status = flow.solve()
    if status == SimpleMinCostFlow.BAD_COST_RANGE:
        raise _too_large()
    if status != SimpleMinCostFlow.OPTIMAL:
        raise RuntimeError(f"min-cost flow solver failed with status {status!r}")
    return np.flatnonzero(flow.flows(np.arange(pairs, dtype=np.int32)))


def _too_large() -> ValueError:
    return ValueError("scores are too large for an exact solve with this many mentees; scale them down")
