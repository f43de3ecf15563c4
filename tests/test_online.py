"""Tests for online_softmax: the same answers as softmax, whatever the block size."""

import numpy as np
import pytest
import scipy.special as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.exceptions import AxisError
from strategies import logits

from softmax_lib import online_softmax, softmax

RNG = np.random.default_rng(0)
X = RNG.normal(scale=5.0, size=(4, 5, 6))
# float16/32 agree to a few ulp; with block_size=1 the running sum adds one term at a time,
# whose rounding error grows with the number of terms (up to ~n * eps in float32)
TOL = {np.float16: 4e-3, np.float32: 1e-4, np.float64: 1e-12}


# --- agreement with softmax ------------------------------------------------------------
@pytest.mark.parametrize("block_size", [1, 2, 4, 5, 6, 7, 1024])
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3, None])
def test_agrees_with_softmax_for_every_axis_and_block_size(axis, block_size):
    # 4 and 5 do not divide 6; 7 and 1024 are larger than every axis; 1 is element by element
    got = online_softmax(X, axis=axis, block_size=block_size)
    np.testing.assert_allclose(got, softmax(X, axis=axis), rtol=1e-12, atol=0)
    np.testing.assert_allclose(got, sp.softmax(X, axis=axis), rtol=1e-12, atol=0)


@pytest.mark.parametrize("shape", [(1,), (1000,), (3, 257), (257, 3), (2, 3, 100)])
@pytest.mark.parametrize("block_size", [1, 3, 64, 256, 1024, 5000])
def test_agrees_with_softmax_on_longer_axes(shape, block_size):
    x = RNG.normal(scale=20.0, size=shape)
    for axis in range(-len(shape), len(shape)):
        got = online_softmax(x, axis=axis, block_size=block_size)
        np.testing.assert_allclose(got, softmax(x, axis=axis), rtol=1e-12, atol=0)


@pytest.mark.parametrize("order", [np.sort, lambda v: np.sort(v)[::-1]])
def test_max_growing_at_every_step_is_still_accurate(order):
    # increasing logits rescale the running sum at every element: the worst case for rounding
    x = order(RNG.normal(scale=100.0, size=3000))
    np.testing.assert_allclose(online_softmax(x, block_size=1), softmax(x), rtol=1e-12, atol=0)


def test_default_block_size_and_one_block_for_the_whole_axis():
    x = RNG.normal(size=(3, 2500))  # three blocks of the default 1024
    np.testing.assert_allclose(online_softmax(x), softmax(x), rtol=1e-12)
    np.testing.assert_array_equal(
        online_softmax(x, block_size=2500), online_softmax(x, block_size=10**9)
    )


def test_default_axis_is_last_not_whole_array():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(online_softmax(x).sum(axis=-1), [1.0, 1.0])
    np.testing.assert_allclose(online_softmax(x, axis=None).sum(), 1.0)


# --- dtypes --------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [[1, 3, 2], (1, 3, 2), [True, False, True], 5])
def test_lists_ints_and_bools_become_float64(value):
    assert online_softmax(value, axis=None).dtype == np.float64


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("block_size", [1, 2, 1024])
def test_float_dtypes_are_kept_and_agree_with_softmax(dtype, block_size):
    x = X.astype(dtype)
    got = online_softmax(x, axis=1, block_size=block_size)
    assert got.dtype == dtype
    np.testing.assert_allclose(got, softmax(x, axis=1), rtol=TOL[dtype], atol=TOL[dtype] / 10)


def test_float16_accumulates_in_float32():
    # 4096 equal float16 entries: each probability is 2^-12, exact in float16; a float16
    # running sum would stop growing at 2048 (1 + 2048 rounds back to 2048)
    x = np.zeros(4096, dtype=np.float16)
    p = online_softmax(x, block_size=4096)
    assert p.dtype == np.float16
    np.testing.assert_array_equal(p, np.float16(2.0**-12))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("block_size", [1, 2, 3])
def test_extreme_finite_inputs_give_finite_probabilities_without_warning(dtype, block_size):
    big = np.finfo(dtype).max
    x = np.array(
        [[-big, big, 0.0], [big, big, -big], [-big, -big, -big], [0.0, -big, big]], dtype=dtype
    )
    p = online_softmax(x, block_size=block_size)
    assert np.isfinite(p).all()
    np.testing.assert_array_equal(p[0], [0, 1, 0])
    np.testing.assert_array_equal(p[1], [0.5, 0.5, 0])
    np.testing.assert_allclose(p[2], [1 / 3] * 3, rtol=1e-3)
    np.testing.assert_array_equal(p[3], [0, 0, 1])


# --- the input is never modified; layouts --------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float16, np.float64])
def test_input_not_modified_and_read_only_works(dtype):
    x = X.astype(dtype)
    before = x.copy()
    x.setflags(write=False)
    online_softmax(x, axis=1, block_size=2)
    online_softmax(x, axis=None, block_size=7)
    np.testing.assert_array_equal(x, before)


def test_non_contiguous_input():
    x = np.asfortranarray(X)[:, ::2, 1::2]
    assert not x.flags.c_contiguous
    for axis in (0, 1, 2, None):
        got = online_softmax(x, axis=axis, block_size=2)
        np.testing.assert_allclose(
            got, online_softmax(np.ascontiguousarray(x), axis=axis, block_size=2), rtol=1e-15
        )
        np.testing.assert_allclose(got, softmax(x, axis=axis), rtol=1e-12)


@pytest.mark.parametrize("shape", [(0,), (0, 3), (3, 0), (2, 0, 4)])
def test_empty_input_gives_empty_output(shape):
    out = online_softmax(np.empty(shape), block_size=2)
    assert out.shape == shape and out.dtype == np.float64
    assert online_softmax(np.empty(shape, dtype=np.float32), axis=0).dtype == np.float32


def test_scalar_input():
    assert online_softmax(3.0, axis=None) == 1.0


# --- non-finite inputs ---------------------------------------------------------------------
@pytest.mark.parametrize("block_size", [1, 2, 3, 1024])
def test_minus_inf_is_a_mask(block_size):
    x = np.array([-np.inf, 1.0, -np.inf, 3.0, -np.inf])
    p = online_softmax(x, block_size=block_size)
    assert p[0] == 0 and p[2] == 0 and p[4] == 0
    np.testing.assert_allclose(p[[1, 3]], softmax([1.0, 3.0]), rtol=1e-15)


@pytest.mark.parametrize("block_size", [1, 2, 3, 1024])
def test_plus_inf_takes_the_limit(block_size):
    x = np.array([[0.0, np.inf, -np.inf, np.inf], [np.inf, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0]])
    p = online_softmax(x, block_size=block_size)
    np.testing.assert_array_equal(p[0], [0.0, 0.5, 0.0, 0.5])
    np.testing.assert_array_equal(p[1], [1.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(p[2], softmax(x[2]), rtol=1e-12)
    np.testing.assert_array_equal(p[:2], softmax(x[:2]))


@pytest.mark.parametrize("block_size", [1, 2, 3, 1024])
def test_nan_and_all_minus_inf_slices_are_nan_and_stay_in_their_slice(block_size):
    x = np.array(
        [
            [1.0, np.nan, 0.0, 2.0],
            [-np.inf] * 4,
            [1.0, 2.0, 3.0, 4.0],
            [np.nan, np.inf, -np.inf, 1.0],
        ]
    )
    p = online_softmax(x, block_size=block_size)
    assert np.isnan(p[[0, 1, 3]]).all()
    np.testing.assert_allclose(p[2], softmax(x[2]), rtol=1e-12)
    np.testing.assert_allclose(
        online_softmax(x, axis=0, block_size=block_size)[:, 2], softmax(x[:, 2])
    )


@pytest.mark.parametrize("block_size", [1, 2, 3])
def test_masks_before_the_first_finite_value(block_size):
    # the running max stays -inf for a while: the running sum must stay 0, not NaN
    x = np.array([-np.inf, -np.inf, -np.inf, -np.inf, 0.5, 2.0])
    np.testing.assert_allclose(online_softmax(x, block_size=block_size), softmax(x), rtol=1e-15)


# --- bad input -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad", [["a", "b"], np.array([1 + 2j, 3j]), np.array([None, 1.0], dtype=object)]
)
def test_non_numeric_input_is_a_type_error_naming_the_dtype(bad):
    with pytest.raises(TypeError, match=f"dtype {np.asarray(bad).dtype}"):
        online_softmax(bad)


def test_axis_out_of_range_and_not_an_int():
    with pytest.raises(AxisError):
        online_softmax(np.ones((2, 3)), axis=2)
    with pytest.raises(AxisError):
        online_softmax(np.ones((2, 3)), axis=-3)
    with pytest.raises(TypeError, match="axis"):
        online_softmax(np.ones((2, 3)), axis=1.0)


@pytest.mark.parametrize("bad", [0, -1, -1024])
def test_block_size_below_one_is_a_value_error(bad):
    with pytest.raises(ValueError, match=f"block_size must be at least 1; got {bad}"):
        online_softmax([1.0, 2.0], block_size=bad)


@pytest.mark.parametrize("bad", [2.0, "4", None, True, np.bool_(True), 1j])
def test_non_integer_block_size_is_a_type_error(bad):
    with pytest.raises(TypeError, match="block_size must be an int"):
        online_softmax([1.0, 2.0], block_size=bad)


def test_numpy_integer_block_size_works():
    np.testing.assert_allclose(online_softmax(X, block_size=np.int64(4)), softmax(X), rtol=1e-12)


def test_block_size_is_keyword_only():
    with pytest.raises(TypeError):
        online_softmax([1.0, 2.0], -1, 2)


def test_ragged_input_is_a_clear_value_error():
    with pytest.raises(ValueError, match="rectangular"):
        online_softmax([[1.0, 2.0], [3.0]])


# --- properties (hypothesis) -----------------------------------------------------------------
def cases(dtype=None, max_scale=None):
    """(x, axis, block_size): logits as in the softmax property tests, and a block size."""
    return st.tuples(logits(dtype, max_scale, max_side=9), st.integers(1, 12)).map(
        lambda t: (*t[0], t[1])
    )


@settings(max_examples=300, deadline=None)
@given(cases())
def test_property_sums_to_one_and_in_unit_interval(case):
    x, axis, block_size = case
    p = online_softmax(x, axis=axis, block_size=block_size)
    assert p.dtype == x.dtype and p.shape == x.shape
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()
    tol = 1e-3 if x.dtype == np.float16 else 1e-4 if x.dtype == np.float32 else 1e-12
    np.testing.assert_allclose(p.astype(np.float64).sum(axis=axis), 1.0, rtol=tol)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_property_agrees_with_softmax_in_every_dtype_and_scale(case):
    x, axis, block_size = case
    tol = TOL[x.dtype.type]
    got = online_softmax(x, axis=axis, block_size=block_size)
    np.testing.assert_allclose(got, softmax(x, axis=axis), rtol=tol, atol=tol / 10)


@settings(max_examples=300, deadline=None)
@given(cases(np.float64, max_scale=700.0))
def test_property_agrees_with_softmax_and_scipy_in_float64(case):
    x, axis, block_size = case
    got = online_softmax(x, axis=axis, block_size=block_size)
    np.testing.assert_allclose(got, softmax(x, axis=axis), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(got, sp.softmax(x, axis=axis), rtol=1e-12, atol=1e-300)


@settings(max_examples=100, deadline=None)
@given(cases(np.float64, max_scale=1e4), st.integers(1, 12))
def test_property_block_size_does_not_matter(case, other_block_size):
    x, axis, block_size = case
    np.testing.assert_allclose(
        online_softmax(x, axis=axis, block_size=block_size),
        online_softmax(x, axis=axis, block_size=other_block_size),
        rtol=1e-12,
        atol=1e-300,
    )
