"""Check your own code: run a function you wrote against the cases a correct one handles.

Each ``check_*`` function calls your function on a small battery of inputs (a vector, a batch
of rows, large logits, rows whose maxima differ by hundreds, masked ``-inf`` entries, ...),
compares what it returns with the reference, and returns a :class:`Report`: ``.passed``,
``.failures`` (one plain sentence each, naming the input, what went wrong and a hint), shown as
✓/✗ lines in a notebook. Your function raising an error or a warning is a finding, never an
error of the check itself. With ``strict=True`` a failing check raises ``AssertionError`` with
the same sentences (that is how an autograder uses it).

Inputs are NumPy arrays of float64 with the classes on the last axis, as in the notebooks; a
function that computes in float32 still passes (values are compared to a relative 1e-5).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .activations import log_softmax, softmax

__all__ = [
    "Report",
    "check_cross_entropy_grad",
    "check_log_softmax",
    "check_softmax",
    "check_softmax_jacobian",
]

RTOL, ATOL = 1e-5, 1e-12  # float32 arithmetic passes; a wrong formula does not


@dataclass
class Report:
    """What a check found: one (passed, sentence) line per case, in the order they ran."""

    title: str
    lines: list[tuple[bool, str]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(ok for ok, _ in self.lines)

    @property
    def failures(self) -> list[str]:
        return [sentence for ok, sentence in self.lines if not ok]

    def __repr__(self) -> str:
        failed = len(self.failures)
        head = (
            f"{self.title}: all {len(self.lines)} checks passed"
            if not failed
            else f"{self.title}: {failed} of {len(self.lines)} checks failed"
        )
        return "\n".join([head] + [f"{'✓' if ok else '✗'} {text}" for ok, text in self.lines])


def _show(a) -> str:
    """A short, stable text of an array for a message."""
    text = np.array2string(np.asarray(a), precision=4, suppress_small=True, separator=", ")
    return " ".join(text.split())


def _call(fn: Callable, *args):
    """``fn(*copies of args)`` as (result as a float array or None, problem sentence or None)."""
    copies = [np.array(a, copy=True) for a in args]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = fn(*copies)
        except Exception as error:  # the learner's code failing is a finding
            return None, f"raised {type(error).__name__}: {error}".rstrip(": ")
    if out is None:
        return None, "returned None (is a `return` missing?)"
    try:
        out = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        return None, f"returned {type(out).__name__}, not an array of numbers"
    for original, copy in zip(args, copies, strict=True):
        if not np.array_equal(original, copy, equal_nan=True):
            return out, (
                f"changed its input from {_show(original)} to {_show(copy)}: compute into a new "
                "array (`x = x - m`, not `x -= m`)"
            )
    if caught:
        return out, f'warned "{caught[0].message}"'
    return out, None


def _safely(test, got) -> bool:
    """A diagnosis that cannot itself fail on a strange result."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return bool(test(got))
        except Exception:
            return False


def _close(got, want) -> bool:
    return got.shape == np.shape(want) and np.allclose(got, want, rtol=RTOL, atol=ATOL)


def _equals(wrong):
    """A diagnosis: the result is this typical wrong answer."""
    return lambda got: _close(got, wrong)


class _Checker:
    """Runs the cases of one check and collects the report."""

    def __init__(self, fn: Callable, check: str) -> None:
        self.fn = fn
        self.name = getattr(fn, "__name__", "fn")
        self.report = Report(f"{check}({self.name})")

    def case(self, ok: bool, sentence: str) -> bool:
        self.report.lines.append((ok, sentence))
        return ok

    def runs(self, *args, shape) -> bool:
        """The simplest input: the function must run and return the right shape. If it does
        not, the report holds only this finding (the other checks need a working function)."""
        got, problem = _call(self.fn, *args)
        shown = ", ".join(_show(a) for a in args)
        if got is None:
            self.case(False, f"{self.name}({shown}) {problem}: the other checks run once it works")
            return False
        if got.shape != shape:
            self.case(False, f"{self.name}({shown}) returned shape {got.shape}, expected {shape}")
            return False
        return True

    def values(self, label: str, *args, want, hint: str = "", advice: str = "", diagnose=()):
        """A case whose result must equal `want`. `diagnose` holds (test, sentence) pairs: when
        test(result) is true, the sentence names the typical mistake. Otherwise `hint` is added
        when the result is not finite or the function warned, and `advice` always."""
        got, problem = _call(self.fn, *args)
        if got is None:
            return self.case(False, f"{label}: {self.name} {problem}")
        if problem is None and _close(got, want):
            return self.case(True, label)
        named = next((sentence for test, sentence in diagnose if _safely(test, got)), None)
        broken = problem is not None or not np.all(np.isfinite(got) | ~np.isfinite(want))
        if problem and "overflow" in problem:
            hint = SHIFT_HINT  # exp of a large logit: the first fix, whatever else is wrong
        help_ = named or (hint if broken and hint else advice)
        if problem:
            why = problem
        elif named:
            return self.case(False, f"{label}: {named}")
        elif got.shape != np.shape(want):
            why = f"returned shape {got.shape}, expected {np.shape(want)}"
        elif got.ndim < 2:
            why = f"gave {_show(got)}, expected {_show(want)}"
        else:
            rows = got.reshape(-1, got.shape[-1]), np.reshape(want, (-1, got.shape[-1]))
            row = next(r for r in range(len(rows[0])) if not _close(rows[0][r], rows[1][r]))
            why = f"gave {_show(rows[0][row])} for row {row}, expected {_show(rows[1][row])}"
        return self.case(False, f"{label}: {self.name} {why}" + (f": {help_}" if help_ else ""))

    def leaves_input_unchanged(self, *args) -> bool:
        got, problem = _call(self.fn, *args)
        changed = problem is not None and problem.startswith("changed its input")
        return self.case(
            not changed, f"{self.name} {problem}" if changed else "its input stays unchanged"
        )

    def done(self, strict: bool) -> Report:
        if strict and not self.report.passed:
            raise AssertionError("\n".join([self.report.title, *self.report.failures]))
        return self.report


VECTOR = np.array([1.0, 3.0, 2.0])
BATCH = np.array([[1.0, 3.0, 2.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0], [2.0, 2.0, 8.0]])
LARGE = np.array([1000.0, 3000.0, 2000.0])
FAR_APART = np.array([[0.0, 1.0, 2.0], [800.0, 801.0, 802.0]])
MASKED = np.array([[-np.inf, 1.0, 2.0], [0.5, -np.inf, -1.0]])
LOG_HINT = (
    "log(softmax(x)) rounds tiny probabilities to 0 and log(0) = -inf; "
    "compute x - max - log(sum(exp(x - max)))"
)
SHIFT_HINT = "subtract the largest logit before exp (that changes nothing but keeps exp ≤ 1)"


def _sums_to_one(a, axis=None) -> bool:
    return bool(np.allclose(np.sum(a, axis=axis), 1.0, rtol=RTOL))


# Typical ways a batch goes wrong when the function normalises over the wrong axis
WRONG_AXIS = [
    (
        lambda got: _sums_to_one(got) and not _sums_to_one(got, axis=-1),
        "the whole batch sums to 1, not each row: sum over the last axis (axis=-1) "
        "with keepdims=True",
    ),
    (
        lambda got: _sums_to_one(got, axis=0) and not _sums_to_one(got, axis=-1),
        "each column sums to 1, not each row: the classes are on the last axis (axis=-1)",
    ),
]
KEEPDIMS_HINT = "reduce along the last axis with keepdims=True, so each row uses its own values"
# A row whose logits are all far below the batch's largest one comes out NaN or all zero
ROW_LOST = [
    (
        lambda got: not np.all(np.isfinite(got[0])) or np.all(got[0] == 0),
        "rows 0 and 1 differ by 800 and row 0 came out NaN or 0: subtract each row's own max "
        "(x.max(axis=-1, keepdims=True)), not the max of the whole batch",
    )
]


def _cases_of_a_function_of_rows(
    check: _Checker, reference, *, large_hint: str, masked: str, probabilities=None, extra=()
) -> None:
    """The battery shared by softmax and log-softmax: a vector, a batch of rows, a shift, large
    logits, rows far apart, -inf masks, the input unchanged (and `extra` (label, x) cases).
    `probabilities` turns a result into probabilities, to name a wrong axis."""
    if not check.runs(VECTOR, shape=VECTOR.shape):
        return
    to_p = probabilities or (lambda got: got)
    check.values(f"a vector {_show(VECTOR)}", VECTOR, want=reference(VECTOR))
    check.values(
        "a batch of 4 rows (classes on the last axis)",
        BATCH,
        want=reference(BATCH),
        diagnose=[(lambda got, t=test: t(to_p(got)), why) for test, why in WRONG_AXIS],
        advice=KEEPDIMS_HINT,
    )
    for label, x in extra:
        check.values(label, x, want=reference(x), hint=large_hint)
    shifted = BATCH + 100.0
    check.values("adding 100 to every logit changes nothing", shifted, want=reference(BATCH))
    check.values("large logits", LARGE, want=reference(LARGE), hint=large_hint)
    check.values(
        "rows whose maxima differ by 800", FAR_APART, want=reference(FAR_APART), diagnose=ROW_LOST
    )
    check.values(masked, MASKED, want=reference(MASKED))
    check.leaves_input_unchanged(BATCH)


def check_softmax(fn: Callable, *, strict: bool = False) -> Report:
    """Check a softmax you wrote: ``fn(x)`` for an array `x` of logits, classes on the last axis.

    Parameters
    ----------
    fn : callable
        Your function: ``fn(x)`` returns the probabilities, the same shape as `x`.
    strict : bool, optional
        Raise ``AssertionError`` (with the same sentences) if a check fails.

    Returns
    -------
    Report
        ``.passed``, ``.failures``; shown as ✓/✗ lines.

    Examples
    --------
    >>> import numpy as np
    >>> def naive(x):
    ...     e = np.exp(x)
    ...     return e / e.sum(axis=-1, keepdims=True)
    >>> report = check_softmax(naive)
    >>> report.passed
    False
    >>> print(report.failures[0])
    large logits: naive warned "overflow encountered in exp": subtract the largest logit
    before exp (that changes nothing but keeps exp ≤ 1)
    """
    check = _Checker(fn, "check_softmax")
    _cases_of_a_function_of_rows(
        check,
        softmax,
        large_hint=SHIFT_HINT,
        masked="-inf logits (masked classes) get probability exactly 0",
    )
    return check.done(strict)


def check_log_softmax(fn: Callable, *, strict: bool = False) -> Report:
    """Check a log-softmax you wrote: ``fn(x)`` returns log(softmax(x)), classes on the last axis.

    Parameters
    ----------
    fn : callable
        Your function: ``fn(x)`` returns the log-probabilities, the same shape as `x`.
    strict : bool, optional
        Raise ``AssertionError`` (with the same sentences) if a check fails.

    Returns
    -------
    Report
        ``.passed``, ``.failures``; shown as ✓/✗ lines.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import softmax
    >>> report = check_log_softmax(lambda x: np.log(softmax(x)))
    >>> print(report.failures[0])
    one logit 1000 above the other: <lambda> warned "divide by zero encountered in log":
    log(softmax(x)) rounds tiny probabilities to 0 and log(0) = -inf; compute
    x - max - log(sum(exp(x - max)))
    """
    check = _Checker(fn, "check_log_softmax")
    _cases_of_a_function_of_rows(
        check,
        log_softmax,
        large_hint=LOG_HINT,
        masked="-inf logits (masked classes) get log-probability -inf, the others stay right",
        probabilities=np.exp,
        extra=[("one logit 1000 above the other", np.array([0.0, 1000.0]))],
    )
    return check.done(strict)


def _one_hot(labels, k):
    return np.eye(k)[labels]


LABELS = np.array([1, 0, 2, 2])


def check_cross_entropy_grad(fn: Callable, *, strict: bool = False) -> Report:
    """Check a gradient you wrote: ``fn(logits, labels)`` is the gradient of the **mean**
    cross-entropy of a batch with respect to its logits (shape N × K, one row per example).

    Parameters
    ----------
    fn : callable
        Your function: ``fn(logits, labels)`` with logits of shape (N, K) and integer labels of
        shape (N,); returns ``(softmax(logits) - one_hot(labels)) / N``.
    strict : bool, optional
        Raise ``AssertionError`` (with the same sentences) if a check fails.

    Returns
    -------
    Report
        ``.passed``, ``.failures``; shown as ✓/✗ lines.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import softmax
    >>> def no_mean(z, labels):
    ...     return softmax(z) - np.eye(z.shape[1])[labels]
    >>> print(check_cross_entropy_grad(no_mean).failures[0])
    a batch of 4 rows: every entry is N = 4 times too large: the gradient of the mean loss
    divides by the number of rows
    """
    check = _Checker(fn, "check_cross_entropy_grad")
    z = BATCH
    n, k = z.shape
    want = (softmax(z) - _one_hot(LABELS, k)) / n
    one = z[:1], LABELS[:1]
    if check.runs(*one, shape=(1, k)):
        check.values("one row", *one, want=softmax(one[0]) - _one_hot(one[1], k))
        check.values(
            "a batch of 4 rows",
            z,
            LABELS,
            want=want,
            diagnose=[
                (
                    _equals(want * n),
                    "every entry is N = 4 times too large: the gradient of the mean loss "
                    "divides by the number of rows",
                ),
                (_equals(-want), "the sign is flipped: the gradient is p - y, not y - p"),
                (
                    _equals(softmax(z) / n),
                    "the one-hot part is missing: subtract 1 at each row's true class (p - y)",
                ),
            ],
        )
        got, _ = _call(fn, z, LABELS)
        if got is not None and got.shape == z.shape:
            sums = got.sum(axis=-1)
            check.case(
                bool(np.allclose(sums, 0.0, atol=1e-9)),
                "every row sums to 0 (p and y both sum to 1)"
                if np.allclose(sums, 0.0, atol=1e-9)
                else f"row sums are {_show(sums)}, but p - y sums to 0 in every row",
            )
        big = np.vstack([LARGE, FAR_APART[1]])
        labels = np.array([0, 2])
        check.values(
            "large logits",
            big,
            labels,
            want=(softmax(big) - _one_hot(labels, 3)) / 2,
            hint="compute p with a stable softmax (subtract each row's max)",
        )
        check.values(
            "-inf logits (masked classes) get gradient 0",
            MASKED,
            np.array([2, 0]),
            want=(softmax(MASKED) - _one_hot(np.array([2, 0]), 3)) / 2,
        )
        check.leaves_input_unchanged(z, LABELS)
    return check.done(strict)


def check_softmax_jacobian(fn: Callable, *, strict: bool = False) -> Report:
    """Check a softmax Jacobian you wrote: ``fn(x)`` for a 1-D `x` of K logits returns the K × K
    matrix ``J[i, j] = ∂p_i/∂x_j = p_i (δ_ij - p_j)``.

    Parameters
    ----------
    fn : callable
        Your function of one vector of logits.
    strict : bool, optional
        Raise ``AssertionError`` (with the same sentences) if a check fails.

    Returns
    -------
    Report
        ``.passed``, ``.failures``; shown as ✓/✗ lines.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import softmax
    >>> def diagonal_only(x):
    ...     p = softmax(x)
    ...     return np.diag(p * (1 - p))
    >>> print(check_softmax_jacobian(diagonal_only).failures[0])
    logits [1., 3., 2.]: the off-diagonal entries are missing: softmax is not element-wise,
    so ∂p_i/∂x_j = -p_i p_j for i ≠ j
    """

    def jacobian(x):
        p = softmax(x)
        return np.diag(p) - np.outer(p, p)

    check = _Checker(fn, "check_softmax_jacobian")
    if check.runs(VECTOR, shape=(3, 3)):
        want = jacobian(VECTOR)
        p = softmax(VECTOR)
        check.values(
            f"logits {_show(VECTOR)}",
            VECTOR,
            want=want,
            diagnose=[
                (
                    _equals(np.diag(np.diag(want))),
                    "the off-diagonal entries are missing: softmax is not element-wise, so "
                    "∂p_i/∂x_j = -p_i p_j for i ≠ j",
                ),
                (_equals(-want), "the sign is flipped: J = diag(p) - p pᵀ"),
                (_equals(-np.outer(p, p)), "diag(p) is missing: J = diag(p) - p pᵀ"),
            ],
        )
        got, _ = _call(fn, VECTOR)
        if got is not None and got.shape == want.shape:
            check.case(
                bool(np.allclose(got.sum(axis=1), 0.0, atol=1e-9)),
                "every row sums to 0 (the probabilities always sum to 1)",
            )
        five = np.array([0.5, -1.0, 2.0, 0.0, 1.5])
        check.values("5 logits", five, want=jacobian(five))
        check.values("large logits", LARGE, want=jacobian(LARGE), hint=SHIFT_HINT)
        masked = MASKED[0]
        check.values(
            "a -inf logit (masked class): its row and column are 0",
            masked,
            want=jacobian(masked),
        )
        check.leaves_input_unchanged(VECTOR)
    return check.done(strict)
