"""Property tests (hypothesis): the identities every softmax must satisfy, on many inputs.

The properties softmax shares with online_softmax (sums to one, agreement with scipy) are in
test_softmax_contract.py; the float16 accuracy in ulps is in test_float16.py.
"""

import functools
import warnings

import numpy as np
import scipy.special as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies import logits, mixed_non_finite, tolerance

from softmax_lib import (
    cross_entropy,
    cross_entropy_grad,
    log_softmax,
    logsumexp,
    online_softmax,
    sigmoid,
    softmax,
)


@settings(max_examples=200, deadline=None)
@given(logits(np.float64, max_scale=1e4), st.floats(-1e4, 1e4))
def test_shift_invariance(case, c):
    x, axis = case
    np.testing.assert_allclose(
        softmax(x + c, axis=axis), softmax(x, axis=axis), rtol=1e-9, atol=1e-300
    )


@settings(max_examples=200, deadline=None)
@given(logits(tuples=False))
def test_argmax_preserved(case):
    x, axis = case
    p = softmax(x, axis=axis)
    # the largest logit gets the largest probability (ties in p allowed where exp rounds equal)
    idx = np.expand_dims(np.argmax(x, axis=axis), axis) if axis is not None else np.argmax(x)
    top = np.take_along_axis(p, idx, axis=axis) if axis is not None else p.reshape(-1)[idx]
    assert np.all(top == np.max(p, axis=axis, keepdims=axis is not None))


@settings(max_examples=300, deadline=None)
@given(logits(np.float64, max_scale=700.0))
def test_log_softmax_and_logsumexp_agree_with_scipy(case):
    x, axis = case
    # scipy's logsumexp (before 1.15) and its x - logsumexp(x) have an absolute error of a few
    # eps times the logits' size: where the exact value is near 0 they are the less accurate
    atol = 4 * np.finfo(float).eps * max(1.0, np.max(np.abs(x)))
    np.testing.assert_allclose(
        logsumexp(x, axis=axis), sp.logsumexp(x, axis=axis), rtol=1e-12, atol=atol
    )
    np.testing.assert_allclose(
        log_softmax(x, axis=axis), sp.log_softmax(x, axis=axis), rtol=1e-12, atol=atol
    )


@settings(max_examples=200, deadline=None)
@given(logits(np.float32, max_scale=1e4))
def test_float32_agrees_with_float64(case):
    x, axis = case
    np.testing.assert_allclose(
        softmax(x, axis=axis), softmax(x.astype(np.float64), axis=axis), atol=1e-6
    )


@settings(max_examples=200, deadline=None)
@given(logits(np.float64, max_scale=1e4))
def test_log_softmax_is_log_of_softmax_where_finite(case):
    x, axis = case
    p = softmax(x, axis=axis)
    ok = p > 1e-300
    np.testing.assert_allclose(log_softmax(x, axis=axis)[ok], np.log(p[ok]), rtol=1e-10, atol=1e-15)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 5), st.integers(2, 6), st.data())
def test_cross_entropy_gradient_rows_sum_to_zero(n, k, data):
    z = data.draw(arrays(np.float64, (n, k), elements=st.floats(-50, 50)))
    labels = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    g = cross_entropy_grad(z, labels, reduction="sum")
    np.testing.assert_allclose(g.sum(axis=-1), 0.0, atol=1e-12)
    assert np.isfinite(cross_entropy(z, labels)) and cross_entropy(z, labels) >= 0


# --- any input at all: no warning, and the documented result --------------------------------
def _rows(x, axis):
    """The slices of `x` along `axis` as the rows of a 2-D array (and how to undo it)."""
    axes = tuple(range(x.ndim)) if axis is None else np.atleast_1d(axis) % x.ndim
    axes = tuple(int(a) for a in axes)
    ends = tuple(range(x.ndim - len(axes), x.ndim))
    moved = np.moveaxis(x, axes, ends)
    k = int(np.prod([x.shape[a] for a in axes]))

    def back(rows):
        return np.moveaxis(rows.reshape(moved.shape), ends, axes)

    return moved.reshape(-1, k), back


def _documented(row):
    """(softmax, log_softmax, logsumexp) of one float64 slice, as the docstrings define them."""
    if np.isnan(row).any() or (row == -np.inf).all():  # undefined: NaN (all -inf: lse = -inf)
        lse = np.nan if np.isnan(row).any() else -np.inf
        return np.full_like(row, np.nan), np.full_like(row, np.nan), lse
    if (row == np.inf).any():  # +inf entries share the mass equally
        top = row == np.inf
        k = np.count_nonzero(top)
        return np.where(top, 1 / k, 0.0), np.where(top, -np.log(k), -np.inf), np.inf
    kept = row > -np.inf  # -inf is a mask: the rest is an ordinary softmax
    p, logp = np.zeros_like(row), np.full_like(row, -np.inf)
    with np.errstate(over="ignore"):  # scipy's x - max overflows (harmlessly) for +-finfo.max
        p[kept], logp[kept] = sp.softmax(row[kept]), sp.log_softmax(row[kept])
        return p, logp, sp.logsumexp(row[kept])


def _as(dtype, values):
    with np.errstate(over="ignore"):  # beyond float16/32: +-inf, as rounding says
        return np.asarray(values, dtype=np.float64).astype(dtype)


def _without_warnings(func, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = func(*args, **kwargs)
    assert not [str(w.message) for w in caught], func
    return out


@settings(max_examples=400, deadline=None)
@given(mixed_non_finite(), st.integers(1, 4))
def test_any_mix_of_nan_inf_and_huge_values_gives_the_documented_result_without_warning(
    case, block_size
):
    x, axis = case
    rows, back = _rows(x.astype(np.float64), axis)
    want = [_documented(r) for r in rows]
    want_p = _as(x.dtype, back(np.array([w[0] for w in want])))
    want_logp = _as(x.dtype, back(np.array([w[1] for w in want])))
    want_lse = _as(x.dtype, np.array([w[2] for w in want]))
    finite = np.abs(x[np.isfinite(x)].astype(np.float64))
    # scipy's x - logsumexp(x) is off by a few eps times the logits' size near 0
    log_atol = 4 * float(np.finfo(x.dtype).eps) * max(1.0, finite.max(initial=0.0))
    tol = tolerance(x.dtype)

    online = functools.partial(online_softmax, block_size=block_size)
    for func in (softmax, online):
        p = _without_warnings(func, x, axis=axis)
        np.testing.assert_allclose(p, want_p, **tol)
    logp = _without_warnings(log_softmax, x, axis=axis)
    np.testing.assert_allclose(logp, want_logp, rtol=tol["rtol"], atol=log_atol)
    lse = _without_warnings(logsumexp, x, axis=axis)
    np.testing.assert_allclose(lse.reshape(-1), want_lse, rtol=tol["rtol"], atol=log_atol)
    with np.errstate(over="ignore"):
        want_sigmoid = _as(x.dtype, sp.expit(x.astype(np.float64)))
    np.testing.assert_allclose(_without_warnings(sigmoid, x), want_sigmoid, **tol)
