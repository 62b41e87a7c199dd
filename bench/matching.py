"""Matching engine benchmark: `python -m bench.matching` (also called from `make bench`).

Generated instances (fixed seed, so every run solves the same graphs): M mentees, K mentors with capacity
uniform in 1..5, D distinct allowed mentors per mentee drawn uniformly, scores uniform in 0..1000.
Each instance is solved in a child process so that its memory figure is its own:
- time: building the arrays + the OR-Tools solve + reading the result, i.e. one `assign` call;
- rss peak: how far the process's resident set rose above what it held before the call (Linux VmHWM after
  resetting it; the OR-Tools graph lives in C++ and is invisible to tracemalloc);
- py peak: tracemalloc's peak of Python allocations during one extra (untimed) call;
- the total score of `assign` against `greedy_assign` on the same instance, and how many mentees each matched.
"""

import gc
import multiprocessing
import os
import statistics
import sys
import time
import tracemalloc

import numpy as np

from backstage.mentoring.matching import assign, greedy_assign, total_score

SEED = 20240606
INSTANCES = [
    # label, mentees, mentors, allowed mentors per mentee, timed runs
    ("5k x 1k, 20 per mentee", 5_000, 1_000, 20, 3),
    ("5k x 1k, 50 per mentee", 5_000, 1_000, 50, 3),
    ("50k x 10k, 20 per mentee", 50_000, 10_000, 20, int(os.environ.get("BENCH_MATCHING_BIG_RUNS", "3"))),
    ("50k x 10k, 50 per mentee", 50_000, 10_000, 50, 1),
]
TARGET_SECONDS = 10.0  # 50,000 mentees x 10,000 mentors with 20 candidates each


def generate(mentees: int, mentors: int, per_mentee: int, seed: int = SEED):
    rng = np.random.default_rng(seed)
    capacity_values = rng.integers(1, 6, size=mentors)
    # Distinct mentors per mentee: draw, then redraw only the rows that repeated a mentor.
    chosen = rng.integers(0, mentors, size=(mentees, per_mentee))
    while True:
        ordered = np.sort(chosen, axis=1)
        repeated = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
        if not len(repeated):
            break
        chosen[repeated] = rng.integers(0, mentors, size=(len(repeated), per_mentee))
    points = rng.integers(0, 1001, size=mentees * per_mentee)
    # Ids as the database would hand them over: positive ints, mentors and mentees in separate tables.
    mentee_ids = np.repeat(np.arange(1, mentees + 1), per_mentee).tolist()
    mentor_ids = (chosen.ravel() + 1).tolist()
    scores = dict(zip(zip(mentee_ids, mentor_ids), points.tolist()))
    capacity = dict(zip(range(1, mentors + 1), capacity_values.tolist()))
    return scores, capacity


def _rss_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")  # resets VmHWM to the current RSS
        return True
    except OSError:
        return False


def _measure(mentees: int, mentors: int, per_mentee: int, runs: int, queue) -> None:
    scores, capacity = generate(mentees, mentors, per_mentee)
    gc.collect()
    times, rss_peaks, result = [], [], None
    for _ in range(runs):
        result = None
        gc.collect()
        can_reset = _reset_peak_rss()
        before = _rss_kib("VmRSS")
        started = time.perf_counter()
        result = assign(scores, capacity)
        times.append(time.perf_counter() - started)
        peak = _rss_kib("VmHWM")
        if can_reset and before is not None and peak is not None:
            rss_peaks.append(peak - before)
    tracemalloc.start()
    assign(scores, capacity)
    py_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    started = time.perf_counter()
    greedy = greedy_assign(scores, capacity)
    greedy_time = time.perf_counter() - started
    queue.put(
        {
            "pairs": len(scores),
            "places": sum(capacity.values()),
            "times": times,
            "rss_peak_mib": max(rss_peaks) / 1024 if rss_peaks else None,
            "py_peak_mib": py_peak / 2**20,
            "score": total_score(result, scores),
            "matched": len(result),
            "greedy_score": total_score(greedy, scores),
            "greedy_matched": len(greedy),
            "greedy_time": greedy_time,
        }
    )


def main() -> int:
    context = multiprocessing.get_context("spawn")
    print(f"matching: assign (exact min-cost flow, OR-Tools) against greedy_assign; seed {SEED}")
    header = (
        f"{'instance':<26}{'pairs':>10}{'assign s':>10}{'runs':>6}{'rss MiB':>9}{'py MiB':>8}"
        f"{'matched':>9}{'greedy m.':>10}{'score':>12}{'greedy score':>14}{'ratio':>8}{'greedy s':>10}"
    )
    print(header)
    verdict = 0
    for label, mentees, mentors, per_mentee, runs in INSTANCES:
        queue = context.Queue()
        child = context.Process(target=_measure, args=(mentees, mentors, per_mentee, runs, queue))
        child.start()
        figures = queue.get()
        child.join()
        seconds = statistics.median(figures["times"])
        rss = f"{figures['rss_peak_mib']:.0f}" if figures["rss_peak_mib"] is not None else "n/a"
        print(
            f"{label:<26}{figures['pairs']:>10,}{seconds:>10.2f}{len(figures['times']):>6}{rss:>9}"
            f"{figures['py_peak_mib']:>8.0f}{figures['matched']:>9,}{figures['greedy_matched']:>10,}"
            f"{figures['score']:>12,}{figures['greedy_score']:>14,}"
            f"{figures['score'] / figures['greedy_score']:>8.4f}{figures['greedy_time']:>10.2f}",
            flush=True,
        )
        if (mentees, mentors, per_mentee) == (50_000, 10_000, 20) and seconds > TARGET_SECONDS:
            print(f"  over the {TARGET_SECONDS:.0f} s target")
            verdict = 1
    print("assign s: median wall time of the timed runs (build + solve); rss MiB: peak RSS rise during one call;")
    print("py MiB: tracemalloc peak during one call; ratio: assign's total score / greedy's")
    return verdict


if __name__ == "__main__":
    sys.exit(main())
