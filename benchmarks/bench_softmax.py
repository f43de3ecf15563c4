"""Time and memory of softmax_lib against scipy.special, printed as ratios.

Run:  python benchmarks/bench_softmax.py [--repeat N]

For each case the two functions are called alternately in one process (so both see the same
machine load) and the median of the per-call times is compared: a ratio below 1 means
softmax_lib is faster. Peak extra memory of one call is measured with tracemalloc and shown
as a multiple of the output's size (the output itself counts as 1.0).
Targets: time ratio <= 0.9 and extra memory <= 1.25x on every case.

online_softmax is reported on the same cases, as time ratios against scipy and against
softmax_lib.softmax, with no target: in NumPy it is expected to be slower (a Python loop over
blocks and more arithmetic per entry). It is there for teaching and for data that arrives in
pieces, not as the fast path.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np
import scipy.special

import softmax_lib

TIME_TARGET = 0.9
MEMORY_TARGET = 1.25


def cases(rng: np.random.Generator):
    """(name, array, axis) for every shape the targets are set on."""
    a64 = rng.standard_normal((2000, 2000))
    yield "float64 2000x2000, axis=-1", a64, -1
    yield "float64 2000x2000, axis=0", a64, 0
    yield "float32 2000x2000, axis=-1", a64.astype(np.float32), -1
    yield "float64 vector of 4M", rng.standard_normal(4_000_000), -1
    yield "float64 20000x10, axis=-1", rng.standard_normal((20_000, 10)), -1


def peak_memory(func, x, axis) -> float:
    """Peak bytes allocated during one call, as a multiple of the output's size."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    out = func(x, axis=axis)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / out.nbytes


def median_times(funcs, x, axis, repeat: int) -> list[float]:
    """Median seconds per call of each function, calling them in turn `repeat` times."""
    times = [[] for _ in funcs]
    for f in funcs:  # warm up caches and page faults
        f(x, axis=axis)
    for _ in range(repeat):
        for i, f in enumerate(funcs):
            t0 = time.perf_counter()
            f(x, axis=axis)
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def compare(name, ours, theirs, x, axis, repeat, extra=()):
    t_ours, t_theirs, *t_extra = median_times([ours, theirs, *extra], x, axis, repeat)
    ratio = t_ours / t_theirs
    m_ours, m_theirs = peak_memory(ours, x, axis), peak_memory(theirs, x, axis)
    ok = ratio <= TIME_TARGET and m_ours <= MEMORY_TARGET
    row = f"{name:<30} {ratio:>10.2f} {m_ours:>10.2f} {m_theirs:>11.2f}"
    row += "".join(f" {t / t_theirs:>10.2f}" for t in t_extra)
    print(row + f"  {'ok' if ok else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31, help="calls per function and case")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"numpy {np.__version__}, scipy {scipy.__version__}; median of {args.repeat} calls")
    print(f"targets: time ratio <= {TIME_TARGET}, extra memory <= {MEMORY_TARGET}x the output\n")
    header = f"{'softmax: case':<30} {'time ratio':>10} {'memory':>10} {'scipy mem':>11}"
    print(header)
    all_ok = True
    for name, x, axis in cases(rng):
        all_ok &= compare(name, softmax_lib.softmax, scipy.special.softmax, x, axis, args.repeat)
    print(f"\n{'log_softmax: case':<30} {'time ratio':>10} {'memory':>10} {'scipy mem':>11}")
    for name, x, axis in cases(rng):
        t = median_times([softmax_lib.log_softmax, scipy.special.log_softmax], x, axis, args.repeat)
        print(
            f"{name:<30} {t[0] / t[1]:>10.2f}"
            f" {peak_memory(softmax_lib.log_softmax, x, axis):>10.2f}"
            f" {peak_memory(scipy.special.log_softmax, x, axis):>11.2f}"
        )
    print(f"\n{'online_softmax: case':<30} {'vs scipy':>10} {'vs softmax':>10} {'memory':>10}")
    for name, x, axis in cases(rng):
        t = median_times(
            [softmax_lib.online_softmax, scipy.special.softmax, softmax_lib.softmax],
            x,
            axis,
            args.repeat,
        )
        print(
            f"{name:<30} {t[0] / t[1]:>10.2f} {t[0] / t[2]:>10.2f}"
            f" {peak_memory(softmax_lib.online_softmax, x, axis):>10.2f}"
        )
    print("\nall softmax targets met" if all_ok else "\nsome softmax targets MISSED")
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
