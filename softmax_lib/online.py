"""Online softmax: the normaliser in one pass, with a running maximum and a rescaled sum."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, normalize_axes, positive_int
from .activations import Axis, _classes_back, _classes_last

__all__ = ["online_softmax"]


def _exp_minus_max(a: np.ndarray, m: np.ndarray, dtype) -> np.ndarray:
    """``exp(a - m)`` in one new `dtype` array, for `m` >= every entry of its row of `a`.

    Every exponent is <= 0, so nothing overflows. Where `m` is infinite the difference is
    spelled out as the limit says: an entry equal to a +inf max gives e^0 = 1 (the +inf
    entries share the mass), and a row whose max is -inf (masks only) gives e^-inf = 0, no
    mass at all. A NaN max keeps its row NaN.
    """
    # a - m overflows (to -inf) only where the exact value is below -max: exp(-inf) = 0 is then
    # right; inf - inf is invalid only where m is infinite, and is replaced just below.
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.subtract(a, m, dtype=dtype)
    if not np.isfinite(m).all():
        np.copyto(z, 0, where=a == np.inf)
        np.copyto(z, -np.inf, where=np.broadcast_to(m == -np.inf, z.shape))
    return np.exp(z, out=z)


def _rescale_factor(m_old: np.ndarray, m_new: np.ndarray) -> np.ndarray:
    """``e^(m_old - m_new)``: what the old running sum is multiplied by when the max grows.

    1 where the max did not change, including an infinite max that stays infinite (there
    ``inf - inf`` is NaN, so those entries are set explicitly).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        alpha = np.exp(m_old - m_new)
    np.copyto(alpha, 1, where=m_old == m_new)
    return alpha


def online_softmax(x: ArrayLike, axis: Axis = -1, *, block_size: int = 1024) -> np.ndarray:
    r"""Softmax of `x` along `axis`, its normaliser found in one pass over the data.

    Built by hand in notebook 09 (`online_py`).

    The same result as `softmax`, computed the way attention kernels and streaming code do
    it (Milakov & Gimelshein, 2018, arXiv:1805.02867): the positions along `axis` are read
    in blocks of `block_size`, once each, keeping for every slice a running maximum `m` and
    a running sum `d` of ``exp(x - m)``; the sum is rescaled whenever the maximum grows.
    One more pass then writes the normalised output ``exp(x - m) / d``.

    Parameters
    ----------
    x : array_like
        Scores (logits). Lists, ints and bools become float64; float16/32/64 keep their dtype.
    axis : int, tuple of ints or None, optional
        The axis that holds the classes (default -1, the last). Several axes are read as one,
        in C order; ``None`` normalises the whole array, as in `softmax`.
    block_size : int, optional
        How many positions along `axis` are read at once (default 1024). Any positive int
        works, including 1 (element by element) and more than the axis' length (one block).
        In NumPy, larger blocks mean fewer trips around the Python loop, so they run faster.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as `x`, equal to ``softmax(x, axis)`` up to rounding.

    Raises
    ------
    TypeError
        If `x` is not real-valued, `block_size` is not an int, or `axis` is not an int, a
        tuple of ints or None.
    numpy.exceptions.AxisError
        If an axis is out of range.
    ValueError
        If an axis is named twice, or `block_size` is less than 1.

    See Also
    --------
    softmax : the stable version, which reads the data three times (max, sum, output).

    Notes
    -----
    After block :math:`B_j` of a slice, with :math:`m_0 = -\infty` and :math:`d_0 = 0`:

    .. math::

        m_j = \max\bigl(m_{j-1}, \max_{i \in B_j} x_i\bigr), \qquad
        d_j = d_{j-1}\, e^{m_{j-1} - m_j} + \sum_{i \in B_j} e^{x_i - m_j}

    so :math:`d_j = \sum_{i \in B_1 \cup \dots \cup B_j} e^{x_i - m_j}` at every step, and
    every exponent is <= 0. The stable `softmax` needs two passes before it knows the
    normaliser (one for the max, one for the sum) and a third to write the output; here the
    normaliser takes one pass and the output a second. In NumPy this is slower than
    `softmax` (a Python loop over blocks and extra arithmetic); what it saves is reads of
    memory, which is what limits a GPU kernel, and it works on data that arrives in pieces
    and is seen only once.

    float16 input is accumulated (and exponentiated) in float32 and rounded once, within
    1 ulp. The edge cases are those of `softmax`: -inf is a mask, +inf entries share the mass
    equally, a NaN or a slice of all -inf makes that slice NaN; no input gives a warning, and
    `x` is never modified.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import online_softmax, softmax
    >>> np.round(online_softmax([1.0, 3.0, 2.0], block_size=1), 4)
    array([0.09  , 0.6652, 0.2447])
    >>> x = np.random.default_rng(0).normal(size=(4, 10))
    >>> np.allclose(online_softmax(x, block_size=3), softmax(x), rtol=1e-12)
    True
    >>> online_softmax([0.0, -np.inf, np.inf, np.inf])
    array([0. , 0. , 0.5, 0.5])
    """
    x = as_float_array(x)
    block = positive_int(block_size, "block_size")
    axes = normalize_axes(axis, x.ndim)
    if x.size == 0:
        return np.empty_like(x)
    rows, moved_shape = _classes_last(x, axes)  # rows[..., j]: class j of every slice
    wide = np.float32 if x.dtype == np.float16 else x.dtype  # float16: float32, rounded once
    m = np.full(rows.shape[:-1] + (1,), -np.inf, dtype=wide)  # running max: nothing seen yet
    d = np.zeros_like(m)  # running sum of exp(x - m)
    for start in range(0, rows.shape[-1], block):
        blk = rows[..., start : start + block]
        m_new = np.maximum(m, np.max(blk, axis=-1, keepdims=True))
        d *= _rescale_factor(m, m_new)  # old terms were e^(x - m); now they are e^(x - m_new)
        d += np.sum(_exp_minus_max(blk, m_new, wide), axis=-1, keepdims=True)
        m = m_new
    # The normaliser is known: a second pass writes the output.
    np.copyto(d, np.nan, where=d == 0)  # only a slice of all -inf has d = 0: 0/0 is NaN
    out = _exp_minus_max(rows, m, wide)
    out *= 1 / d
    return _classes_back(out.astype(x.dtype, copy=False), moved_shape, axes)
