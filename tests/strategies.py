"""Shared by the tests: per-dtype tolerances and the hypothesis strategies for logits."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

DTYPES = [np.float16, np.float32, np.float64]

# How far (relative) two correct answers may differ in each dtype: float16 is computed in
# float32 and rounded once (two results may round 1 ulp = 2^-10 apart); float32 sums of many
# rounded terms; float64 as scipy at 1e-12. ATOL covers probabilities near the subnormals.
RTOL = {np.float16: 2e-3, np.float32: 1e-5, np.float64: 1e-12}
ATOL = {np.float16: 1e-7, np.float32: 1e-37, np.float64: 1e-300}


def tolerance(dtype) -> dict:
    """``dict(rtol=..., atol=...)`` for `np.testing.assert_allclose` in `dtype`."""
    dtype = np.dtype(dtype).type
    return {"rtol": RTOL[dtype], "atol": ATOL[dtype]}


def axes_of(ndim: int, tuples: bool = True):
    """An `axis` argument for an array of `ndim` dimensions: None, an int or a tuple of ints."""
    single = st.sampled_from([None, *range(-ndim, ndim)])
    if not tuples:
        return single
    several = st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True)
    return single | several.map(tuple)


@st.composite
def logits(draw, dtype=None, max_scale=None, max_side=6, tuples=True):
    """``(x, axis)``: an array of any small shape and dtype, values up to a drawn scale."""
    dtype = dtype or draw(st.sampled_from(DTYPES))
    shape = draw(array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=max_side))
    top = float(np.finfo(dtype).max) if max_scale is None else max_scale
    scale = draw(st.sampled_from([1e-3, 1.0, 10.0, 100.0, 1e4, top]))
    scale = min(scale, top)
    unit = draw(arrays(np.float64, shape, elements=st.floats(-1, 1)))
    x = (unit * scale).astype(dtype)
    return x, draw(axes_of(len(shape), tuples))


@st.composite
def mixed_non_finite(draw, dtype=None):
    """``(x, axis)``: NaN, +-inf, +-finfo.max and ordinary values mixed in the same slices."""
    dtype = dtype or draw(st.sampled_from(DTYPES))
    big = float(np.finfo(dtype).max)
    special = st.sampled_from([np.nan, np.inf, -np.inf, big, -big, big / 2, 0.0])
    values = special | st.floats(-big, big, width=np.finfo(dtype).bits)
    shape = draw(array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5))
    x = draw(arrays(dtype, shape, elements=values))
    return x, draw(axes_of(len(shape)))
