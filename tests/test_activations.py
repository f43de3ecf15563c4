"""Unit tests for log_softmax, logsumexp, naive_softmax, sigmoid and hardmax, and for what only
`softmax` has (temperature, accuracy). The contract softmax shares with online_softmax is in
test_softmax_contract.py."""

import mpmath
import numpy as np
import pytest
import scipy.special as sp
from numpy.exceptions import AxisError
from strategies import tolerance

from softmax_lib import (
    activations,
    hardmax,
    log_softmax,
    logsumexp,
    naive_softmax,
    sigmoid,
    softmax,
)

STABLE = [softmax, log_softmax]
AXES = [0, 1, 2, -1, -3, None, (0, 1), (1, 2), (0, 2), (0, 1, 2)]


# --- agreement with scipy -------------------------------------------------------------
@pytest.mark.parametrize("axis", AXES)
def test_log_softmax_agrees_with_scipy(axis, logits_3d):
    # scipy's log_softmax computes x - logsumexp(x), whose absolute error is a few ulp of
    # logsumexp: where a log-probability is near 0, scipy is the less accurate of the two
    # (see test_log_softmax_accurate_near_zero_where_scipy_cancels), so allow that much.
    atol = 4 * np.finfo(float).eps * np.abs(sp.logsumexp(logits_3d, axis=axis)).max()
    got = log_softmax(logits_3d, axis=axis)
    np.testing.assert_allclose(got, sp.log_softmax(logits_3d, axis=axis), rtol=1e-12, atol=atol)


@pytest.mark.parametrize("axis", AXES)
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_agrees_with_scipy(axis, keepdims, logits_3d):
    got = logsumexp(logits_3d, axis=axis, keepdims=keepdims)
    want = sp.logsumexp(logits_3d, axis=axis, keepdims=keepdims)
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_sigmoid_agrees_with_expit():
    x = np.linspace(-800, 800, 2001)
    np.testing.assert_allclose(
        sigmoid(x), sp.expit(x), rtol=1e-12, atol=1e-300
    )  # expit flushes subnormals
    assert sigmoid(np.float32(-1000)).dtype == np.float32


@pytest.mark.parametrize("axis", [0, -1, None, (0, 2)])
def test_naive_softmax_matches_for_small_logits(axis, logits_3d):
    np.testing.assert_allclose(
        naive_softmax(logits_3d, axis=axis), softmax(logits_3d, axis=axis), rtol=1e-12
    )


def test_naive_softmax_overflows_for_large_logits():
    with pytest.warns(RuntimeWarning):
        out = naive_softmax([123.0, 456.0, 789.0])
    assert out[0] == 0 and out[1] == 0 and np.isnan(out[2])


# --- dtypes -----------------------------------------------------------------------------
@pytest.mark.parametrize("value", [[1, 3, 2], (1, 3, 2), [True, False, True]])
@pytest.mark.parametrize("func", [log_softmax, naive_softmax, sigmoid, hardmax])
def test_lists_ints_and_bools_become_float64(func, value):
    assert func(value).dtype == np.float64


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("func", [log_softmax, naive_softmax, sigmoid, hardmax, logsumexp])
def test_float_dtypes_are_kept(func, dtype):
    assert func(np.array([1.0, 3.0, 2.0], dtype=dtype)).dtype == dtype


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_extreme_finite_inputs_stay_finite_in_log_space(dtype):
    big = np.finfo(dtype).max
    x = np.array([[-big, big, 0.0], [big, big, -big], [-big, -big, -big]], dtype=dtype)
    lp = log_softmax(x)
    assert np.isfinite(lp[:, 1]).all()
    np.testing.assert_array_equal(lp[0, 1], 0.0)
    assert np.isfinite(logsumexp(x)).all()


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
        # both inherit the rounding of x - max (up to |x - max| eps / 2 after exp); softmax then
        # multiplies by 1/sum where scipy divides, one rounding more
        assert mine <= max(theirs, 4.0) + 1


def test_log_softmax_accurate_near_zero_where_scipy_cancels():
    # one dominant logit: its log-probability is -(tiny), which x - logsumexp(x) rounds to 0
    for gap in (20.0, 40.0, 100.0, 700.0):
        x = np.array([0.0, -gap, -gap - 1.0, -gap - 3.5])
        want = _mp_log_softmax(x)
        got = log_softmax(x)
        assert np.max(_ulps(got, want)) <= 25, (gap, got, want)
    x = np.array([0.0, -40.0])
    assert _ulps(sp.log_softmax(x), _mp_log_softmax(x))[0] > 1e15  # scipy loses it all


def test_log_softmax_corrects_the_rounding_of_x_minus_max(rng):
    # a small top logit and others of magnitude 30 to 45: x - max rounds (by up to |x| eps/2),
    # which without the TwoSum correction costs the top log-probability up to about 30 ulp
    for _ in range(100):
        x = np.array([rng.uniform(0.01, 1), -rng.uniform(30, 45), -rng.uniform(300, 700)])
        want = _mp_log_softmax(x)[0]
        assert _ulps(log_softmax(x)[0], want) <= 2
        assert _ulps(log_softmax(x[None, :], axis=(0, 1))[0, 0], want) <= 2


def test_log_softmax_accuracy_over_random_inputs():
    rng = np.random.default_rng(2)
    for _ in range(50):
        x = rng.normal(scale=rng.choice([0.1, 1.0, 10.0, 100.0]), size=rng.integers(2, 9))
        assert np.max(_ulps(log_softmax(x), _mp_log_softmax(x))) <= 25


# --- large arrays go block by block --------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(
    "shape, axis",
    [((1999, 700), -1), ((6, 701, 200), (1, 2)), ((40, 333, 77), -1), ((80_000, 7), -1)],
)
@pytest.mark.parametrize("temperature", [1.0, 0.3])
def test_large_arrays_block_by_block_equal_the_whole_array_at_once(
    rng, monkeypatch, dtype, shape, axis, temperature
):
    # arrays over softmax's block size (2 MiB) are computed a block of slices at a time; the
    # result must be the one the same steps give on the whole array at once, with non-finite
    # slices in several blocks (up to the rounding of the sums: np.einsum adds a long slice
    # in another order when it is alone in its block)
    x = rng.normal(scale=3.0, size=shape).astype(dtype)
    assert x.nbytes > activations._CACHE_BLOCK_BYTES
    flat = x.reshape(-1, *x.shape[-2:]) if axis == (1, 2) else x.reshape(-1, x.shape[-1])
    flat[3, 0] = np.inf
    flat[-2, 1] = np.nan
    flat[len(flat) // 2] = -np.inf
    flat[len(flat) // 3, :2] = np.inf
    got = softmax(x, axis=axis, temperature=temperature)
    monkeypatch.setattr(activations, "_CACHE_BLOCK_BYTES", 2**62)  # one block
    at_once = softmax(x, axis=axis, temperature=temperature)
    np.testing.assert_allclose(got, at_once, **tolerance(dtype))
    assert got.dtype == dtype
    # and it is softmax: scipy's answer on the finite slices
    slice_axes = tuple(range(1, flat.ndim))
    finite = np.isfinite(flat).all(axis=slice_axes)
    expected = sp.softmax(flat[finite].astype(np.float64) / temperature, axis=slice_axes)
    np.testing.assert_allclose(got.reshape(flat.shape)[finite], expected, **tolerance(dtype))


def test_large_array_in_fortran_order_or_strided(rng):
    # the blocks are then strided, and the sums add in another order: a few eps apart
    x = rng.normal(size=(1000, 600))
    want = softmax(x)
    np.testing.assert_allclose(softmax(np.asfortranarray(x)), want, **tolerance(x.dtype))
    np.testing.assert_allclose(softmax(np.repeat(x, 2, axis=1)[:, ::2]), want, **tolerance(x.dtype))


# --- the input is never modified ---------------------------------------------------------
@pytest.mark.parametrize("temperature", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("func", STABLE)
def test_input_not_modified_and_read_only_works(func, temperature, logits_3d):
    x = logits_3d.copy()
    x.setflags(write=False)
    func(x, axis=1, temperature=temperature)
    np.testing.assert_array_equal(x, logits_3d)


@pytest.mark.parametrize("func", [log_softmax, logsumexp, hardmax])
@pytest.mark.parametrize("axis", [1, None, (0, 2)])
def test_non_contiguous_input(func, axis, logits_3d):
    x = np.asfortranarray(logits_3d)[:, ::2, 1::2]
    assert not x.flags.c_contiguous
    want = func(np.ascontiguousarray(x), axis=axis)
    np.testing.assert_allclose(func(x, axis=axis), want, rtol=1e-15)


# --- empty input -------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(0,), (0, 3), (3, 0)])
@pytest.mark.parametrize("func", [log_softmax, naive_softmax, hardmax, sigmoid])
def test_empty_input_gives_empty_output(func, shape):
    out = func(np.empty(shape))
    assert out.shape == shape


def test_logsumexp_of_nothing_is_minus_inf():
    assert logsumexp([]) == -np.inf
    np.testing.assert_array_equal(logsumexp(np.empty((2, 0))), [-np.inf, -np.inf])
    assert logsumexp(np.empty((0, 3))).shape == (0,)
    assert logsumexp(np.empty((2, 0)), keepdims=True).shape == (2, 1)
    np.testing.assert_array_equal(logsumexp(np.empty((2, 0, 3)), axis=(1, 2)), [-np.inf] * 2)
    assert logsumexp(np.empty((0, 3), dtype=np.float16), axis=0).dtype == np.float16


def test_logsumexp_tuple_axes_shapes():
    x = np.zeros((2, 3, 4))
    assert logsumexp(x, axis=(0, 2)).shape == (3,)
    assert logsumexp(x, axis=(0, 2), keepdims=True).shape == (1, 3, 1)
    assert logsumexp(x, axis=None, keepdims=True).shape == (1, 1, 1)
    np.testing.assert_allclose(logsumexp(x, axis=(2, 0)), np.log(8.0), rtol=1e-15)


# --- non-finite inputs -------------------------------------------------------------------
def test_minus_inf_is_a_mask_in_log_space():
    x = np.array([1.0, -np.inf, 3.0, -np.inf])
    lp = log_softmax(x)
    assert lp[1] == -np.inf and lp[3] == -np.inf
    np.testing.assert_allclose(lp[[0, 2]], log_softmax([1.0, 3.0]), rtol=1e-15)
    np.testing.assert_allclose(logsumexp(x), logsumexp([1.0, 3.0]), rtol=1e-15)


def test_plus_inf_takes_the_limit_in_log_space():
    x = np.array([[0.0, np.inf, -np.inf, np.inf], [1.0, 2.0, 3.0, 4.0]])
    lp = log_softmax(x)
    np.testing.assert_array_equal(lp[0], [-np.inf, np.log(0.5), -np.inf, np.log(0.5)])
    np.testing.assert_allclose(lp[1], sp.log_softmax(x[1]), rtol=1e-12)
    np.testing.assert_array_equal(logsumexp(x)[0], np.inf)


def test_nan_and_all_minus_inf_slices_are_nan_and_stay_in_their_slice():
    x = np.array([[1.0, np.nan, 0.0], [-np.inf, -np.inf, -np.inf], [1.0, 2.0, 3.0]])
    out = log_softmax(x)
    assert np.isnan(out[:2]).all()
    np.testing.assert_allclose(out[2], log_softmax(x[2]))
    lse = logsumexp(x)
    assert np.isnan(lse[0]) and lse[1] == -np.inf and np.isfinite(lse[2])
    h = hardmax(x)
    assert np.isnan(h[0]).all()
    np.testing.assert_array_equal(h[2], [0, 0, 1])


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_logsumexp_of_nan_and_minus_inf_is_nan_along_any_axis(dtype):
    # only -inf and a NaN: the max may skip the NaN (-inf), but the slice is still NaN
    x = np.array([[-np.inf, -np.inf, 1.0], [np.nan, -np.inf, -np.inf]], dtype=dtype)
    lse = logsumexp(x, axis=0)
    assert np.isnan(lse[0]) and lse[1] == -np.inf and lse[2] == 1.0
    assert np.isnan(logsumexp(x.T, axis=1)[0])
    assert np.isnan(logsumexp(x[:, :2], axis=(0, 1)))


@pytest.mark.parametrize("func", [log_softmax, logsumexp])
def test_nan_next_to_a_large_value_gives_nan_without_a_warning(func):
    # pyproject.toml turns every RuntimeWarning into an error
    assert np.isnan(func([np.nan, 1000.0])).all()
    assert np.isnan(func(np.array([[1000.0, np.nan]], dtype=np.float32), axis=(0, 1))).all()


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


def test_temperature_larger_than_float16_range():
    x = np.array([3.0, 1.0], dtype=np.float16)
    p = softmax(x, temperature=1e6)
    assert p.dtype == np.float16
    np.testing.assert_allclose(p, [0.5, 0.5], atol=1e-3)
    np.testing.assert_array_equal(softmax(x, temperature=1e-9), [1.0, 0.0])
    np.testing.assert_array_equal(softmax(x, temperature=1e-300), [1.0, 0.0])


def test_temperature_with_extreme_logits_and_infinities():
    big = np.finfo(np.float64).max
    x = np.array([[big, 0.9 * big, -big], [0.0, np.inf, np.inf]])
    np.testing.assert_array_equal(softmax(x, temperature=0.5), [[1, 0, 0], [0, 0.5, 0.5]])
    np.testing.assert_array_equal(log_softmax(x, temperature=0.25)[:, 0], [0.0, -np.inf])


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
@pytest.mark.parametrize("func", STABLE)
def test_non_numeric_temperature_is_a_type_error(func, bad):
    with pytest.raises(TypeError, match="temperature"):
        func([1.0, 2.0], temperature=bad)


def test_hardmax_first_index_wins_a_tie_and_works_along_any_axis():
    np.testing.assert_array_equal(hardmax([2.0, 5.0, 5.0]), [0, 1, 0])
    z = np.array([[1.0, 3.0, 2.0], [4.0, 0.0, 2.0]])
    np.testing.assert_array_equal(hardmax(z, axis=0), [[0, 1, 1], [1, 0, 0]])
    np.testing.assert_array_equal(hardmax(z, axis=None), [[0, 0, 0], [1, 0, 0]])
    np.testing.assert_array_equal(hardmax(z[None], axis=(0, 2)), hardmax(z)[None])


# --- bad input -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad", [["a", "b"], np.array([1 + 2j, 3j]), np.array([None, 1.0], dtype=object)]
)
@pytest.mark.parametrize("func", [log_softmax, logsumexp, naive_softmax, sigmoid, hardmax])
def test_non_numeric_input_is_a_type_error_naming_the_dtype(func, bad):
    with pytest.raises(TypeError, match=f"dtype {np.asarray(bad).dtype}"):
        func(bad)


@pytest.mark.parametrize("func", [log_softmax, logsumexp, naive_softmax, hardmax])
@pytest.mark.parametrize("axis", [2, -3, (0, 2)])
def test_axis_out_of_range_is_an_axis_error_naming_it(func, axis):
    with pytest.raises(AxisError, match="axis -?[23] is out of bounds"):
        func(np.ones((2, 3)), axis=axis)


@pytest.mark.parametrize("func", [log_softmax, logsumexp, naive_softmax, hardmax])
def test_repeated_axis_is_a_value_error_naming_it(func):
    with pytest.raises(ValueError, match=r"axis=\(1, -1\) names axis 1 twice"):
        func(np.ones((2, 3)), axis=(1, -1))


@pytest.mark.parametrize("func", [log_softmax, logsumexp, naive_softmax, hardmax])
def test_non_integer_axis_is_a_type_error(func):
    with pytest.raises(TypeError, match="axis must be an int, a tuple of ints or None"):
        func(np.ones((2, 3)), axis=1.0)
