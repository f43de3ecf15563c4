"""Unit tests for softmax, log_softmax, logsumexp, naive_softmax, sigmoid and hardmax."""

import mpmath
import numpy as np
import pytest
import scipy.special as sp
from numpy.exceptions import AxisError

from softmax_lib import hardmax, log_softmax, logsumexp, naive_softmax, sigmoid, softmax

RNG = np.random.default_rng(0)
X = RNG.normal(scale=5.0, size=(4, 5, 6))
STABLE = [softmax, log_softmax]
SCIPY = {softmax: sp.softmax, log_softmax: sp.log_softmax}


# --- agreement with scipy -------------------------------------------------------------
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3, None])
@pytest.mark.parametrize("func", STABLE)
def test_agrees_with_scipy(func, axis):
    # scipy's log_softmax computes x - logsumexp(x), whose absolute error is a few ulp of
    # logsumexp: where a log-probability is near 0, scipy is the less accurate of the two
    # (see test_log_softmax_accurate_near_zero_where_scipy_cancels), so allow that much.
    atol = (
        4 * np.finfo(float).eps * np.abs(sp.logsumexp(X, axis=axis)).max()
        if func is log_softmax
        else 0
    )
    np.testing.assert_allclose(func(X, axis=axis), SCIPY[func](X, axis=axis), rtol=1e-12, atol=atol)


@pytest.mark.parametrize("axis", [0, 1, -1, None])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_agrees_with_scipy(axis, keepdims):
    got = logsumexp(X, axis=axis, keepdims=keepdims)
    want = sp.logsumexp(X, axis=axis, keepdims=keepdims)
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_default_axis_is_last_not_whole_array():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(softmax(x).sum(axis=-1), [1.0, 1.0])
    np.testing.assert_allclose(softmax(x), sp.softmax(x, axis=-1), rtol=1e-12)
    assert not np.allclose(softmax(x), sp.softmax(x))  # scipy's default normalises everything


def test_sigmoid_agrees_with_expit():
    x = np.linspace(-800, 800, 2001)
    np.testing.assert_allclose(
        sigmoid(x), sp.expit(x), rtol=1e-12, atol=1e-300
    )  # expit flushes subnormals
    assert sigmoid(np.float32(-1000)).dtype == np.float32


def test_naive_softmax_matches_for_small_logits_and_overflows_for_large():
    np.testing.assert_allclose(naive_softmax(X, axis=0), softmax(X, axis=0), rtol=1e-12)
    with pytest.warns(RuntimeWarning):
        out = naive_softmax([123.0, 456.0, 789.0])
    assert out[0] == 0 and out[1] == 0 and np.isnan(out[2])


# --- dtypes -----------------------------------------------------------------------------
@pytest.mark.parametrize("value", [[1, 3, 2], (1, 3, 2), [True, False, True]])
@pytest.mark.parametrize("func", [softmax, log_softmax, naive_softmax, sigmoid, hardmax])
def test_lists_ints_and_bools_become_float64(func, value):
    assert func(value).dtype == np.float64


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("func", [softmax, log_softmax, naive_softmax, sigmoid, hardmax, logsumexp])
def test_float_dtypes_are_kept(func, dtype):
    assert func(np.array([1.0, 3.0, 2.0], dtype=dtype)).dtype == dtype


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_extreme_finite_inputs_give_finite_probabilities_without_warning(dtype):
    big = np.finfo(dtype).max
    x = np.array([[-big, big, 0.0], [big, big, -big], [-big, -big, -big]], dtype=dtype)
    p = softmax(x)
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p.astype(np.float64).sum(axis=-1), 1.0, rtol=1e-3)
    np.testing.assert_array_equal(p[0], [0, 1, 0])
    np.testing.assert_array_equal(p[1], [0.5, 0.5, 0])
    assert np.isfinite(log_softmax(x)[:, 1]).all()
    assert np.isfinite(logsumexp(x)).all()


def test_temperature_larger_than_float16_range():
    x = np.array([3.0, 1.0], dtype=np.float16)
    p = softmax(x, temperature=1e6)
    assert p.dtype == np.float16
    np.testing.assert_allclose(p, [0.5, 0.5], atol=1e-3)
    np.testing.assert_array_equal(softmax(x, temperature=1e-9), [1.0, 0.0])


# --- accuracy against a high-precision reference ---------------------------------------
def _mp_log_softmax(x):
    with mpmath.workdps(800):  # enough digits to resolve log-probabilities as small as e^-700
        xs = [mpmath.mpf(float(v)) for v in x]
        lse = mpmath.log(mpmath.fsum(mpmath.exp(v) for v in xs))
        return np.array([float(v - lse) for v in xs])


def _mp_softmax(x):
    with mpmath.workdps(60):
        xs = [mpmath.mpf(float(v)) for v in x]
        s = mpmath.fsum(mpmath.exp(v) for v in xs)
        return np.array([float(mpmath.exp(v) / s) for v in xs])


def _ulps(got, want):
    return np.abs(got - want) / np.spacing(np.abs(want))


def test_softmax_as_accurate_as_scipy():
    rng = np.random.default_rng(1)
    for scale in (1.0, 30.0, 300.0):
        x = rng.normal(scale=scale, size=8)
        want = _mp_softmax(x)
        mine = np.max(_ulps(softmax(x), want))
        theirs = np.max(_ulps(sp.softmax(x), want))
        assert mine <= max(theirs, 4.0)


def test_log_softmax_accurate_near_zero_where_scipy_cancels():
    # one dominant logit: its log-probability is -(tiny), which x - logsumexp(x) rounds to 0
    for gap in (20.0, 40.0, 100.0, 700.0):
        x = np.array([0.0, -gap, -gap - 1.0, -gap - 3.5])
        want = _mp_log_softmax(x)
        got = log_softmax(x)
        assert np.max(_ulps(got, want)) <= 25, (gap, got, want)
    x = np.array([0.0, -40.0])
    assert _ulps(sp.log_softmax(x), _mp_log_softmax(x))[0] > 1e15  # scipy loses it all


def test_log_softmax_accuracy_over_random_inputs():
    rng = np.random.default_rng(2)
    for _ in range(50):
        x = rng.normal(scale=rng.choice([0.1, 1.0, 10.0, 100.0]), size=rng.integers(2, 9))
        assert np.max(_ulps(log_softmax(x), _mp_log_softmax(x))) <= 25


# --- the input is never modified ---------------------------------------------------------
@pytest.mark.parametrize("temperature", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("func", STABLE)
def test_input_not_modified_and_read_only_works(func, temperature):
    x = X.copy()
    x.setflags(write=False)
    func(x, axis=1, temperature=temperature)
    np.testing.assert_array_equal(x, X)


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp, hardmax])
def test_non_contiguous_input(func):
    x = np.asfortranarray(X)[:, ::2, 1::2]
    assert not x.flags.c_contiguous
    np.testing.assert_allclose(func(x, axis=1), func(np.ascontiguousarray(x), axis=1), rtol=1e-15)
    np.testing.assert_allclose(func(x, axis=None), func(np.ascontiguousarray(x), axis=None))


# --- empty input -------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(0,), (0, 3), (3, 0)])
@pytest.mark.parametrize("func", [softmax, log_softmax, naive_softmax, hardmax, sigmoid])
def test_empty_input_gives_empty_output(func, shape):
    out = func(np.empty(shape))
    assert out.shape == shape


def test_logsumexp_of_nothing_is_minus_inf():
    assert logsumexp([]) == -np.inf
    np.testing.assert_array_equal(logsumexp(np.empty((2, 0))), [-np.inf, -np.inf])
    assert logsumexp(np.empty((0, 3))).shape == (0,)
    assert logsumexp(np.empty((2, 0)), keepdims=True).shape == (2, 1)


# --- non-finite inputs -------------------------------------------------------------------
def test_minus_inf_is_a_mask():
    x = np.array([1.0, -np.inf, 3.0, -np.inf])
    p = softmax(x)
    assert p[1] == 0 and p[3] == 0
    np.testing.assert_allclose(p[[0, 2]], softmax([1.0, 3.0]), rtol=1e-15)
    lp = log_softmax(x)
    assert lp[1] == -np.inf and lp[3] == -np.inf
    np.testing.assert_allclose(lp[[0, 2]], log_softmax([1.0, 3.0]), rtol=1e-15)


def test_plus_inf_takes_the_limit():
    x = np.array([[0.0, np.inf, -np.inf, np.inf], [1.0, 2.0, 3.0, 4.0]])
    p = softmax(x)
    np.testing.assert_array_equal(p[0], [0.0, 0.5, 0.0, 0.5])
    np.testing.assert_allclose(p[1], softmax(x[1]))
    lp = log_softmax(x)
    np.testing.assert_array_equal(lp[0], [-np.inf, np.log(0.5), -np.inf, np.log(0.5)])
    assert logsumexp(x)[0] == np.inf
    with np.errstate(invalid="ignore"):  # scipy differs here: NaN (documented in softmax's Notes)
        assert np.isnan(sp.softmax(x[0])).all()


def test_nan_and_all_minus_inf_slices_are_nan_and_stay_in_their_slice():
    x = np.array([[1.0, np.nan, 0.0], [-np.inf, -np.inf, -np.inf], [1.0, 2.0, 3.0]])
    for func in (softmax, log_softmax):
        out = func(x)
        assert np.isnan(out[:2]).all()
        np.testing.assert_allclose(out[2], func(x[2]))
    lse = logsumexp(x)
    assert np.isnan(lse[0]) and lse[1] == -np.inf and np.isfinite(lse[2])
    h = hardmax(x)
    assert np.isnan(h[0]).all()
    np.testing.assert_array_equal(h[2], [0, 0, 1])


def test_sigmoid_extremes_and_nan():
    out = sigmoid([-np.inf, -1000.0, 0.0, 1000.0, np.inf, np.nan])
    np.testing.assert_array_equal(out[:5], [0.0, 0.0, 0.5, 1.0, 1.0])
    assert np.isnan(out[5])


# --- temperature and hardmax ---------------------------------------------------------------
def test_temperature_scales_logits():
    z = np.array([3.0, 1.0, 0.2])
    for t in (0.1, 0.5, 2.0, 10.0):
        np.testing.assert_allclose(softmax(z, temperature=t), softmax(z / t), rtol=1e-12)
        np.testing.assert_allclose(log_softmax(z, temperature=t), log_softmax(z / t), rtol=1e-12)


def test_small_temperature_approaches_hardmax_and_large_approaches_uniform():
    z = np.array([[3.0, 1.0, 0.2], [0.0, 2.0, 1.0]])
    np.testing.assert_allclose(softmax(z, temperature=1e-3), hardmax(z), atol=1e-12)
    np.testing.assert_allclose(softmax(z, temperature=1e6), np.full_like(z, 1 / 3), atol=1e-6)


@pytest.mark.parametrize("bad", [0, -1.0, np.inf, np.nan])
@pytest.mark.parametrize("func", STABLE)
def test_bad_temperature_is_a_value_error(func, bad):
    with pytest.raises(ValueError, match="temperature"):
        func([1.0, 2.0], temperature=bad)


@pytest.mark.parametrize("bad", ["1", None, True, 1j])
def test_non_numeric_temperature_is_a_type_error(bad):
    with pytest.raises(TypeError, match="temperature"):
        softmax([1.0, 2.0], temperature=bad)


def test_hardmax_first_index_wins_a_tie_and_works_along_any_axis():
    np.testing.assert_array_equal(hardmax([2.0, 5.0, 5.0]), [0, 1, 0])
    z = np.array([[1.0, 3.0, 2.0], [4.0, 0.0, 2.0]])
    np.testing.assert_array_equal(hardmax(z, axis=0), [[0, 1, 1], [1, 0, 0]])
    np.testing.assert_array_equal(hardmax(z, axis=None), [[0, 0, 0], [1, 0, 0]])


# --- bad input -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad", [["a", "b"], np.array([1 + 2j, 3j]), np.array([None, 1.0], dtype=object)]
)
@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp, naive_softmax, sigmoid, hardmax])
def test_non_numeric_input_is_a_type_error_naming_the_dtype(func, bad):
    with pytest.raises(TypeError, match=f"dtype {np.asarray(bad).dtype}"):
        func(bad)


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp, naive_softmax, hardmax])
def test_axis_out_of_range(func):
    with pytest.raises(AxisError):
        func(np.ones((2, 3)), axis=2)
    with pytest.raises(AxisError):
        func(np.ones((2, 3)), axis=-3)


@pytest.mark.parametrize("func", [softmax, log_softmax, logsumexp])
def test_non_integer_axis_is_a_type_error(func):
    with pytest.raises(TypeError, match="axis"):
        func(np.ones((2, 3)), axis=1.0)


def test_ragged_input_is_a_clear_value_error():
    with pytest.raises(ValueError, match="rectangular"):
        softmax([[1.0, 2.0], [3.0]])
