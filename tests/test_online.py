"""What only online_softmax has: the block size, and the running max and sum behind it.

The contract it shares with `softmax` is tested on both in test_softmax_contract.py.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import logits, tolerance

from softmax_lib import online_softmax, softmax


# --- the block size does not change the answer ------------------------------------------------
@pytest.mark.parametrize("block_size", [1, 2, 4, 5, 6, 7, 1024])
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3, None, (0, 2)])
def test_agrees_with_softmax_for_every_axis_and_block_size(axis, block_size, logits_3d):
    # 4 and 5 do not divide 6; 7 and 1024 are larger than every axis; 1 is element by element
    got = online_softmax(logits_3d, axis=axis, block_size=block_size)
    np.testing.assert_allclose(got, softmax(logits_3d, axis=axis), rtol=1e-12, atol=0)


@pytest.mark.parametrize("shape", [(1,), (1000,), (3, 257), (257, 3), (2, 3, 100)])
@pytest.mark.parametrize("block_size", [1, 3, 64, 256, 1024, 5000])
def test_agrees_with_softmax_on_longer_axes(shape, block_size, rng):
    x = rng.normal(scale=20.0, size=shape)
    for axis in range(-len(shape), len(shape)):
        got = online_softmax(x, axis=axis, block_size=block_size)
        np.testing.assert_allclose(got, softmax(x, axis=axis), rtol=1e-12, atol=0)


@pytest.mark.parametrize("order", [np.sort, lambda v: np.sort(v)[::-1]])
def test_max_growing_at_every_step_is_still_accurate(order, rng):
    # increasing logits rescale the running sum at every element: the worst case for rounding
    x = order(rng.normal(scale=100.0, size=3000))
    np.testing.assert_allclose(online_softmax(x, block_size=1), softmax(x), rtol=1e-12, atol=0)


def test_default_block_size_and_one_block_for_the_whole_axis(rng):
    x = rng.normal(size=(3, 2500))  # three blocks of the default 1024
    np.testing.assert_allclose(online_softmax(x), softmax(x), rtol=1e-12)
    np.testing.assert_array_equal(
        online_softmax(x, block_size=2500), online_softmax(x, block_size=10**9)
    )


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
@pytest.mark.parametrize("block_size", [1, 2, 1024])
def test_narrow_dtypes_agree_with_softmax_for_every_block_size(dtype, block_size, logits_3d):
    x = logits_3d.astype(dtype)
    got = online_softmax(x, axis=1, block_size=block_size)
    np.testing.assert_allclose(got, softmax(x, axis=1), **tolerance(dtype))


def test_float16_accumulates_in_float32():
    # 4096 equal float16 entries: each probability is 2^-12, exact in float16; a float16
    # running sum would stop growing at 2048 (1 + 2048 rounds back to 2048)
    x = np.zeros(4096, dtype=np.float16)
    p = online_softmax(x, block_size=4096)
    assert p.dtype == np.float16
    np.testing.assert_array_equal(p, np.float16(2.0**-12))


# --- the block size argument ------------------------------------------------------------------
@pytest.mark.parametrize("bad", [0, -1, -1024])
def test_block_size_below_one_is_a_value_error(bad):
    with pytest.raises(ValueError, match=f"block_size must be at least 1; got {bad}"):
        online_softmax([1.0, 2.0], block_size=bad)


@pytest.mark.parametrize("bad", [2.0, "4", None, True, np.bool_(True), 1j])
def test_non_integer_block_size_is_a_type_error(bad):
    with pytest.raises(TypeError, match="block_size must be an int"):
        online_softmax([1.0, 2.0], block_size=bad)


def test_numpy_integer_block_size_works(logits_3d):
    got = online_softmax(logits_3d, block_size=np.int64(4))
    np.testing.assert_allclose(got, softmax(logits_3d), rtol=1e-12)


def test_block_size_is_keyword_only():
    with pytest.raises(TypeError):
        online_softmax([1.0, 2.0], -1, 2)


# --- properties (hypothesis) --------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(logits(max_side=9), st.integers(1, 12))
def test_property_agrees_with_softmax_in_every_dtype_and_scale(case, block_size):
    x, axis = case
    got = online_softmax(x, axis=axis, block_size=block_size)
    np.testing.assert_allclose(got, softmax(x, axis=axis), **tolerance(x.dtype))


@settings(max_examples=100, deadline=None)
@given(logits(np.float64, max_scale=1e4), st.integers(1, 12), st.integers(1, 12))
def test_property_block_size_does_not_matter(case, block_size, other_block_size):
    x, axis = case
    np.testing.assert_allclose(
        online_softmax(x, axis=axis, block_size=block_size),
        online_softmax(x, axis=axis, block_size=other_block_size),
        rtol=1e-12,
        atol=1e-300,
    )
