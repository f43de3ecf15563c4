"""Hypothesis strategies shared by the property tests."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

DTYPES = st.sampled_from([np.float16, np.float32, np.float64])


@st.composite
def logits(draw, dtype=None, max_scale=None, max_side=6):
    """An array of any small shape and dtype, values up to a drawn scale, and an axis."""
    dtype = dtype or draw(DTYPES)
    shape = draw(array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=max_side))
    top = float(np.finfo(dtype).max) if max_scale is None else max_scale
    scale = draw(st.sampled_from([1e-3, 1.0, 10.0, 100.0, 1e4, top]))
    scale = min(scale, top)
    unit = draw(arrays(np.float64, shape, elements=st.floats(-1, 1)))
    x = (unit * scale).astype(dtype)
    axis = draw(st.sampled_from([None, *range(-len(shape), len(shape))]))
    return x, axis
