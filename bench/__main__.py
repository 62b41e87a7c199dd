"""`make bench`: every benchmark in turn, each printing its own figures."""

import subprocess
import sys

BENCHMARKS = ["bench.pages", "bench.matching", "bench.mentoring_run", "bench.search"]


def main() -> int:
    failures = 0
    for module in BENCHMARKS:
        print(f"\n=== {module}")
        # Each benchmark in its own process: they configure Django differently and measure memory.
        failures += subprocess.call([sys.executable, "-m", module]) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
