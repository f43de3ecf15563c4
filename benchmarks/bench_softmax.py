"""Time and memory of softmax_lib against scipy.special, printed as ratios.

Run:  python benchmarks/bench_softmax.py [--repeat N]

For each case the functions take turns in one process (so all see the same machine load):
in each turn a function is called twice and the second call is timed, so every timed call
follows a call of the same function, as in a loop that calls it again and again. (Timing
calls that follow the other library's would charge each with the other's leftovers: the
arrays the previous call wrote, still in cache and written back to memory while the next one
runs. scipy writes three arrays of the input's size, softmax_lib one.) The median of the
timed calls is compared: a ratio below 1 means softmax_lib is faster. Peak memory of one call
is measured with tracemalloc and shown as a multiple of the output's size (the output itself
counts as 1.0).
Targets, for softmax: time ratio <= 0.9 and memory <= 1.25x on every case.

log_softmax and online_softmax are reported on the same cases, with no target. log_softmax
pays for its accuracy (a second array for the exponentials). online_softmax is expected to be
slower in NumPy (a Python loop over blocks and more arithmetic per entry): it is there for
teaching and for data that arrives in pieces, not as the fast path.
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
    return [
        ("float64 2000x2000, axis=-1", a64, -1),
        ("float64 2000x2000, axis=0", a64, 0),
        ("float32 2000x2000, axis=-1", a64.astype(np.float32), -1),
        ("float16 2000x2000, axis=-1", a64.astype(np.float16), -1),
        ("float64 vector of 4M", rng.standard_normal(4_000_000), -1),
        ("float64 20000x10, axis=-1", rng.standard_normal((20_000, 10)), -1),
    ]


def peak_memory(func, x, axis) -> float:
    """Peak bytes allocated during one call, as a multiple of the output's size."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    out = func(x, axis=axis)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / out.nbytes


def median_times(funcs, x, axis, repeat: int) -> list[float]:
    """Median seconds per call of each function, over `repeat` turns of all of them.

    In each turn a function is called once untimed, then once timed: the timed call finds
    the caches and the allocator as that same function left them.
    """
    times = [[] for _ in funcs]
    for _ in range(repeat):
        for i, f in enumerate(funcs):
            f(x, axis=axis)
            t0 = time.perf_counter()
            f(x, axis=axis)
            times[i].append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def table(title, ours, against, all_cases, repeat, targets=False) -> bool:
    """Print one table: `ours` timed against each function of `against` (scipy's first).

    Columns: a time ratio per function of `against`, then the peak memory of `ours` and of
    scipy's function. With `targets`, each row says whether it meets them; returns whether all
    rows do.
    """
    columns = [f"vs {label}" for label in against] + ["memory", "scipy mem"]
    print(f"\n{title + ': case':<30}" + "".join(f" {c:>10}" for c in columns))
    all_ok = True
    for name, x, axis in all_cases:
        t_ours, *t_against = median_times([ours, *against.values()], x, axis, repeat)
        ratios = [t_ours / t for t in t_against]
        m_ours = peak_memory(ours, x, axis)
        m_scipy = peak_memory(next(iter(against.values())), x, axis)
        row = f"{name:<30}" + "".join(f" {v:>10.2f}" for v in [*ratios, m_ours, m_scipy])
        if targets:
            ok = ratios[0] <= TIME_TARGET and m_ours <= MEMORY_TARGET
            all_ok &= ok
            row += f"  {'ok' if ok else 'MISSED'}"
        print(row)
    return all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31, help="calls per function and case")
    args = parser.parse_args()
    all_cases = cases(np.random.default_rng(0))
    print(f"numpy {np.__version__}, scipy {scipy.__version__}; median of {args.repeat} calls")
    print(f"softmax targets: time ratio <= {TIME_TARGET}, memory <= {MEMORY_TARGET}x the output")
    scipy_softmax = {"scipy": scipy.special.softmax}
    all_ok = table(
        "softmax", softmax_lib.softmax, scipy_softmax, all_cases, args.repeat, targets=True
    )
    table(
        "log_softmax",
        softmax_lib.log_softmax,
        {"scipy": scipy.special.log_softmax},
        all_cases,
        args.repeat,
    )
    table(
        "online_softmax",
        softmax_lib.online_softmax,
        {**scipy_softmax, "softmax": softmax_lib.softmax},
        all_cases,
        args.repeat,
    )
    print("\nall softmax targets met" if all_ok else "\nsome softmax targets MISSED")
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
