"""One contract, two algorithms: every test here runs on `softmax` and on `online_softmax`
with block sizes 1, 3 and the default (1024)."""

import functools
import warnings

import numpy as np
import pytest
import scipy.special as sp
from hypothesis import given, settings
from numpy.exceptions import AxisError
from strategies import DTYPES, logits, tolerance

from softmax_lib import online_softmax, softmax

SOFTMAXES = [
    softmax,
    functools.partial(online_softmax, block_size=1),
    functools.partial(online_softmax, block_size=3),
    online_softmax,
]
IDS = ["softmax", "online_1", "online_3", "online_default"]
each_softmax = pytest.mark.parametrize("func", SOFTMAXES, ids=IDS)


def scipy_softmax(x, axis):
    """scipy's softmax in float64; its x - max overflows (harmlessly) for +-finfo.max."""
    with np.errstate(over="ignore"):
        return sp.softmax(np.asarray(x, dtype=np.float64), axis=axis)


# --- agreement with scipy ----------------------------------------------------------------
@each_softmax
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -3, None, (0, 1), (1, 2), (0, 2), (2, 0, 1)])
def test_agrees_with_scipy_along_any_axis_or_axes(func, axis, logits_3d):
    np.testing.assert_allclose(func(logits_3d, axis), sp.softmax(logits_3d, axis), rtol=1e-12)


@each_softmax
def test_default_axis_is_last_not_whole_array(func):
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(func(x).sum(axis=-1), [1.0, 1.0])
    np.testing.assert_allclose(func(x), sp.softmax(x, axis=-1), rtol=1e-12)
    assert not np.allclose(func(x), sp.softmax(x))  # scipy's default normalises everything
    np.testing.assert_allclose(func(x, axis=None), sp.softmax(x), rtol=1e-12)


@each_softmax
@pytest.mark.parametrize("axis", [(0, 1), (1, 2)])
def test_several_axes_are_one_slice(func, axis, logits_3d):
    p = func(logits_3d, axis=axis)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-12)
    assert p.shape == logits_3d.shape


# --- dtypes ------------------------------------------------------------------------------
@each_softmax
@pytest.mark.parametrize("value", [[1, 3, 2], (1, 3, 2), [True, False, True]])
def test_lists_ints_and_bools_become_float64(func, value):
    assert func(value).dtype == np.float64


@each_softmax
@pytest.mark.parametrize("dtype", DTYPES)
def test_float_dtypes_are_kept(func, dtype, logits_3d):
    x = logits_3d.astype(dtype)
    p = func(x, axis=1)
    assert p.dtype == dtype
    np.testing.assert_allclose(p, sp.softmax(x.astype(np.float64), axis=1), **tolerance(dtype))


@each_softmax
@pytest.mark.parametrize("dtype", DTYPES)
def test_extreme_finite_inputs_give_finite_probabilities(func, dtype):
    big = np.finfo(dtype).max
    x = np.array(
        [[-big, big, 0.0], [big, big, -big], [-big, -big, -big], [0.0, -big, big]], dtype=dtype
    )
    p = func(x)
    assert np.isfinite(p).all()
    np.testing.assert_array_equal(p[0], [0, 1, 0])
    np.testing.assert_array_equal(p[1], [0.5, 0.5, 0])
    np.testing.assert_allclose(p[2], [1 / 3] * 3, rtol=1e-3)
    np.testing.assert_array_equal(p[3], [0, 0, 1])


# --- the input is never modified; layouts and sizes --------------------------------------------
@each_softmax
@pytest.mark.parametrize("dtype", [np.float16, np.float64])
def test_input_not_modified_and_read_only_works(func, dtype, logits_3d):
    x = logits_3d.astype(dtype)
    before = x.copy()
    x.setflags(write=False)
    func(x, axis=1)
    func(x, axis=None)
    func(x, axis=(0, 2))
    np.testing.assert_array_equal(x, before)


@each_softmax
@pytest.mark.parametrize("axis", [0, 1, 2, None, (0, 2)])
def test_non_contiguous_input(func, axis, logits_3d):
    x = np.asfortranarray(logits_3d)[:, ::2, 1::2]
    assert not x.flags.c_contiguous
    want = func(np.ascontiguousarray(x), axis=axis)
    np.testing.assert_allclose(func(x, axis=axis), want, rtol=1e-15)


@each_softmax
@pytest.mark.parametrize("shape", [(0,), (0, 3), (3, 0), (2, 0, 4)])
def test_empty_input_gives_empty_output(func, shape):
    out = func(np.empty(shape))
    assert out.shape == shape and out.dtype == np.float64
    assert func(np.empty(shape, dtype=np.float32), axis=0).dtype == np.float32


@each_softmax
def test_scalar_input_with_axis_none(func):
    assert func(3.0, axis=None) == 1.0


# --- non-finite inputs -----------------------------------------------------------------------
@each_softmax
def test_minus_inf_is_a_mask(func):
    x = np.array([-np.inf, 1.0, -np.inf, 3.0, -np.inf])
    p = func(x)
    assert p[0] == 0 and p[2] == 0 and p[4] == 0
    np.testing.assert_allclose(p[[1, 3]], sp.softmax([1.0, 3.0]), rtol=1e-15)


@each_softmax
def test_masks_before_the_first_finite_value(func):
    # online: the running max stays -inf for a while, and the running sum must stay 0, not NaN
    x = np.array([-np.inf, -np.inf, -np.inf, -np.inf, 0.5, 2.0])
    np.testing.assert_allclose(func(x), sp.softmax(x), rtol=1e-15)


@each_softmax
def test_plus_inf_takes_the_limit(func):
    x = np.array([[0.0, np.inf, -np.inf, np.inf], [np.inf, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0]])
    p = func(x)
    np.testing.assert_array_equal(p[0], [0.0, 0.5, 0.0, 0.5])
    np.testing.assert_array_equal(p[1], [1.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(p[2], sp.softmax(x[2]), rtol=1e-12)
    with np.errstate(invalid="ignore"):  # scipy differs here: NaN (documented in softmax's Notes)
        assert np.isnan(sp.softmax(x[0])).all()


@each_softmax
def test_nan_and_all_minus_inf_slices_are_nan_and_stay_in_their_slice(func):
    x = np.array(
        [
            [1.0, np.nan, 0.0, 2.0],
            [-np.inf] * 4,
            [1.0, 2.0, 3.0, 4.0],
            [np.nan, np.inf, -np.inf, 1.0],
        ]
    )
    p = func(x)
    assert np.isnan(p[[0, 1, 3]]).all()
    np.testing.assert_allclose(p[2], sp.softmax(x[2]), rtol=1e-12)
    np.testing.assert_allclose(func(x, axis=0)[:, 2], sp.softmax(x[:, 2]), rtol=1e-12)


@each_softmax
@pytest.mark.parametrize("x", [[np.nan, 1000.0], [1000.0, np.nan, -1000.0], [np.nan, -np.inf]])
def test_nan_next_to_large_values_gives_nan_without_a_warning(func, x):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p = func(x)
    assert not [str(w.message) for w in caught]
    assert np.isnan(p).all()


# --- bad input -------------------------------------------------------------------------------
@each_softmax
@pytest.mark.parametrize(
    "bad", [["a", "b"], np.array([1 + 2j, 3j]), np.array([None, 1.0], dtype=object)]
)
def test_non_numeric_input_is_a_type_error_naming_the_dtype(func, bad):
    with pytest.raises(TypeError, match=f"dtype {np.asarray(bad).dtype}"):
        func(bad)


@each_softmax
@pytest.mark.parametrize("axis", [2, -3, (0, 2), (-3,)])
def test_axis_out_of_range_is_an_axis_error_naming_it(func, axis):
    with pytest.raises(AxisError, match="axis -?[23] is out of bounds for array of dimension 2"):
        func(np.ones((2, 3)), axis=axis)


@each_softmax
@pytest.mark.parametrize("axis", [(1, 1), (0, -2), (1, 0, -1)])
def test_repeated_axis_is_a_value_error_naming_it(func, axis):
    with pytest.raises(ValueError, match=r"axis=\(.*\) names axis [01] twice"):
        func(np.ones((2, 3)), axis=axis)


@each_softmax
@pytest.mark.parametrize("axis", [1.0, "1", [0, 1], (0, 1.0), True])
def test_non_integer_axis_is_a_type_error(func, axis):
    with pytest.raises(TypeError, match="axis must be an int, a tuple of ints or None"):
        func(np.ones((2, 3)), axis=axis)


@each_softmax
def test_ragged_input_is_a_clear_value_error(func):
    with pytest.raises(ValueError, match="rectangular"):
        func([[1.0, 2.0], [3.0]])


# --- properties (hypothesis) -------------------------------------------------------------------
@each_softmax
@settings(max_examples=150, deadline=None)
@given(case=logits())
def test_property_sums_to_one_and_in_unit_interval(func, case):
    x, axis = case
    p = func(x, axis=axis)
    assert p.dtype == x.dtype and p.shape == x.shape
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()
    sums = p.astype(np.float64).sum(axis=axis)
    np.testing.assert_allclose(sums, 1.0, rtol=10 * tolerance(x.dtype)["rtol"])


@each_softmax
@settings(max_examples=150, deadline=None)
@given(case=logits())
def test_property_agrees_with_scipy_in_float64_within_the_dtype_tolerance(func, case):
    x, axis = case
    want = scipy_softmax(x, axis)
    np.testing.assert_allclose(func(x, axis=axis), want, **tolerance(x.dtype))
