"""Property tests (hypothesis): the identities every softmax must satisfy, on many inputs."""

import numpy as np
import scipy.special as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies import logits

from softmax_lib import cross_entropy, cross_entropy_grad, log_softmax, logsumexp, softmax


def _sum(p, axis):
    return p.astype(np.float64).sum(axis=axis)


@settings(max_examples=300, deadline=None)
@given(logits())
def test_sums_to_one_and_in_unit_interval(case):
    x, axis = case
    p = softmax(x, axis=axis)
    assert p.dtype == x.dtype and p.shape == x.shape
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()
    tol = 1e-3 if x.dtype == np.float16 else 1e-5 if x.dtype == np.float32 else 1e-12
    np.testing.assert_allclose(_sum(p, axis), 1.0, rtol=tol)


@settings(max_examples=200, deadline=None)
@given(logits(np.float64, max_scale=1e4), st.floats(-1e4, 1e4))
def test_shift_invariance(case, c):
    x, axis = case
    np.testing.assert_allclose(
        softmax(x + c, axis=axis), softmax(x, axis=axis), rtol=1e-9, atol=1e-300
    )


@settings(max_examples=200, deadline=None)
@given(logits())
def test_argmax_preserved(case):
    x, axis = case
    p = softmax(x, axis=axis)
    # the largest logit gets the largest probability (ties in p allowed where exp rounds equal)
    idx = np.expand_dims(np.argmax(x, axis=axis), axis) if axis is not None else np.argmax(x)
    top = np.take_along_axis(p, idx, axis=axis) if axis is not None else p.reshape(-1)[idx]
    assert np.all(top == np.max(p, axis=axis, keepdims=axis is not None))


@settings(max_examples=300, deadline=None)
@given(logits(np.float64, max_scale=700.0))
def test_agrees_with_scipy(case):
    x, axis = case
    np.testing.assert_allclose(
        softmax(x, axis=axis), sp.softmax(x, axis=axis), rtol=1e-12, atol=1e-300
    )
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
