"""Softmax and its relatives: the stable reference versions the notebooks point to."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, check_temperature, flatten_for_axis, normalize_axis

__all__ = ["softmax", "log_softmax", "logsumexp", "naive_softmax", "sigmoid", "hardmax"]


def _reduce(ufunc: np.ufunc, x: np.ndarray, axis: int, dtype=None) -> np.ndarray:
    """``ufunc.reduce`` along `axis`, keeping the axis (length 1).

    NumPy reduces a short axis (a few classes, many rows) one slice at a time, which is slow;
    there, K whole-array ufunc calls over the K positions of the axis do the same much faster.
    """
    k = x.shape[axis]
    if k > 16 or x.size < 1024 * k:
        return ufunc.reduce(x, axis=axis, keepdims=True, dtype=dtype)

    def position(j):
        return x[(slice(None),) * axis + (slice(j, j + 1),)]

    out = position(0).astype(dtype or x.dtype)
    for j in range(1, k):
        ufunc(out, position(j), out=out)
    return out


def _sum(x: np.ndarray, axis: int) -> np.ndarray:
    """Sum along `axis`, keeping the axis: the denominator of softmax.

    For a batch, along the last axis (or the first of a matrix), a matrix-vector product with
    ones sums in one BLAS pass, several times faster than ``np.sum``. float16 is summed in
    float32.
    """
    if x.dtype in (np.float32, np.float64) and x.ndim >= 2:
        ones = np.ones(x.shape[axis], dtype=x.dtype)
        if axis == x.ndim - 1:
            return np.expand_dims(x @ ones, -1)
        if axis == 0 and x.ndim == 2:
            return (ones @ x)[None, :]
    return _reduce(np.add, x, axis, dtype=np.float32 if x.dtype == np.float16 else None)


def _shifted(x: np.ndarray, axis: int, temperature: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(z, m)``: ``z = x/T - max(x/T)`` along `axis` in a new array, and that max.

    Subtract the max: the largest exponent becomes e^0 = 1, so exp cannot overflow and the
    sum of exponentials is at least 1. Slices whose max is not finite are set to what the
    limit says: +inf entries share the mass (z = 0, the rest -inf); a slice of all -inf is
    undefined (z = NaN); a NaN max makes its slice NaN by itself.
    """
    # divide in (at least) float64: T itself need not fit in float16
    wide = np.result_type(x.dtype, np.float64)
    if temperature > 1:
        x = np.divide(x, temperature, dtype=wide).astype(x.dtype, copy=False)  # cannot overflow
    m = _reduce(np.maximum, x, axis)
    finite = np.isfinite(m)
    all_finite = bool(finite.all())
    m_safe = m if all_finite else np.where(finite, m, 0)
    # x - m overflows (to -inf) only where the exact value is below -max, and exp(-inf) = 0 is
    # then the right answer; the same holds for dividing by T < 1.
    with np.errstate(over="ignore"):
        z = np.subtract(x, m_safe, out=x if temperature > 1 else None)
        if temperature < 1:
            np.divide(z, temperature, out=z, dtype=wide)
    if not all_finite:
        pos = np.broadcast_to(m == np.inf, z.shape)
        np.copyto(z, np.where(z == np.inf, 0.0, -np.inf).astype(z.dtype), where=pos)
        np.copyto(z, np.nan, where=np.broadcast_to(m == -np.inf, z.shape))
    return z, m


def _log_sum_exp_shifted(z: np.ndarray, axis: int, x=None, m=None) -> np.ndarray:
    """Return ``log(sum(exp(z)))`` along `axis` (keepdims) for `z` whose max is 0.

    Each top entry contributes exactly e^0 = 1, so the sum is ``ties + rest``; computing
    ``log1p(rest + ties - 1)`` keeps full accuracy when `rest` is tiny, where ``log(1 + rest)``
    would round it away (the cancellation in ``x - logsumexp(x)``). Given the `x` and `m` that
    `z` came from, `rest` is also corrected for the rounding of ``x - m`` where it is tiny.
    """
    not_top = z != 0
    ties = z.shape[axis] - np.count_nonzero(not_top, axis=axis, keepdims=True)
    e = np.exp(z)
    rest = np.sum(e, axis=axis, keepdims=True, where=not_top)
    if x is not None and np.any(rest < 2.0**-10):
        rest += _subtraction_error_term(x, m, z, e, axis, not_top)
    return np.log1p(rest + (ties - 1)).astype(z.dtype, copy=False)


def _subtraction_error_term(x, m, z, e, axis, where):
    """Return sum(e^z * c), c = (x - m) - z being the exact rounding error of ``z = x - m``.

    One logit dominating means log p_top = -log1p(rest) is tiny and every last bit of `rest`
    shows; e^(z + c) = e^z (1 + c) restores the bits that rounding ``x - m`` lost (TwoSum).
    """
    with np.errstate(invalid="ignore", over="ignore"):  # only non-finite z give inf/NaN here
        back = z - x
        c = (x - (z - back)) - (m + back)
    return np.sum(e * c, axis=axis, keepdims=True, where=where & np.isfinite(c))


def softmax(x: ArrayLike, axis: int | None = -1, *, temperature: float = 1.0) -> np.ndarray:
    r"""Softmax of `x` along `axis`: probabilities that are positive and sum to 1.

    Parameters
    ----------
    x : array_like
        Scores (logits). Lists, ints and bools become float64; float16/32/64 keep their dtype.
    axis : int or None, optional
        The axis that holds the classes (default -1, the last). ``None`` normalises the whole
        array, which is `scipy.special.softmax`'s default.
    temperature : float, optional
        Positive and finite. Computes ``softmax(x / temperature)``: T < 1 sharpens towards
        `hardmax`, T > 1 flattens towards uniform.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as `x`.

    Raises
    ------
    TypeError
        If `x` is not real-valued (complex, strings, objects).
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `temperature` is not positive and finite.

    Notes
    -----
    .. math:: \mathrm{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}, \quad m = \max_j x_j

    Subtracting the maximum changes nothing mathematically and keeps every exponent <= 0, so
    finite inputs of any size give finite results with no warning. The work happens in one
    new array (subtract into it, exponentiate and divide in place); `x` is never modified.

    Non-finite inputs: -inf is a mask (probability exactly 0); +inf entries share the mass
    equally (the limit; `scipy.special.softmax` returns NaN there); a NaN, or a slice of all
    -inf, makes that slice NaN and leaves the other slices alone.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import softmax
    >>> np.round(softmax([1.0, 3.0, 2.0]), 4)
    array([0.09  , 0.6652, 0.2447])
    >>> softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    >>> softmax([0.0, -np.inf, np.inf, np.inf])
    array([0. , 0. , 0.5, 0.5])
    """
    x = as_float_array(x)
    t = check_temperature(temperature)
    flat, ax = flatten_for_axis(x, axis)
    if flat.size == 0:
        return np.empty_like(x)
    out, m = _shifted(flat, ax, t)
    del m  # keep peak memory at one array plus a row of sums
    np.exp(out, out=out)
    out *= 1 / _sum(out, ax)  # one division per slice, then a multiplication per entry
    return out.reshape(x.shape)


def log_softmax(x: ArrayLike, axis: int | None = -1, *, temperature: float = 1.0) -> np.ndarray:
    r"""Logarithm of `softmax`, computed without ever taking the log of a probability.

    Parameters
    ----------
    x : array_like
        Scores (logits).
    axis : int or None, optional
        The class axis (default -1); ``None`` means the whole array.
    temperature : float, optional
        Positive and finite; computes ``log_softmax(x / temperature)``.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as `x`; every entry <= 0.

    Raises
    ------
    TypeError
        If `x` is not real-valued.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `temperature` is not positive and finite.

    Notes
    -----
    With ``z = x - max(x)``, ``log softmax(x) = z - log(sum(exp(z)))``. The sum is
    ``1 + rest`` (the top entry gives e^0 = 1), and ``log1p(rest)`` keeps full accuracy when
    one logit dominates and a log-probability is close to 0, where ``x - logsumexp(x)``
    cancels (scipy issue #19521). Probabilities that underflow to 0 in `softmax` still have
    finite log-probabilities here. -inf gives -inf; +inf entries give ``log(1/k)``.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import log_softmax
    >>> np.round(log_softmax([1.0, 3.0, 2.0]), 4)
    array([-2.4076, -0.4076, -1.4076])
    >>> log_softmax([0.0, -1000.0])
    array([    0., -1000.])
    >>> float(log_softmax([0.0, -40.0])[0])  # -e^-40, where 0 - logsumexp gives 0.0
    -4.248354255291589e-18
    """
    x = as_float_array(x)
    t = check_temperature(temperature)
    flat, ax = flatten_for_axis(x, axis)
    if flat.size == 0:
        return np.empty_like(x)
    z, m = _shifted(flat, ax, t)
    z -= _log_sum_exp_shifted(z, ax, *((flat, m) if t == 1 else ()))
    return z.reshape(x.shape)


def logsumexp(x: ArrayLike, axis: int | None = -1, keepdims: bool = False) -> np.ndarray:
    r"""``log(sum(exp(x)))`` along `axis`, without overflow.

    Parameters
    ----------
    x : array_like
        Real values.
    axis : int or None, optional
        Axis to reduce (default -1); ``None`` reduces the whole array.
    keepdims : bool, optional
        Keep the reduced axis with length 1, so the result broadcasts against `x`.

    Returns
    -------
    numpy.ndarray
        `x`'s shape without `axis` (or with it as length 1). A 0-d array for 1-D input.

    Raises
    ------
    TypeError
        If `x` is not real-valued.
    numpy.exceptions.AxisError
        If `axis` is out of range.

    Notes
    -----
    .. math:: \log \sum_j e^{x_j} = m + \log \sum_j e^{x_j - m}, \quad m = \max_j x_j

    The sum of nothing is 0, so an empty slice gives -inf, and so does a slice of all -inf.
    +inf anywhere gives +inf; NaN gives NaN.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import logsumexp
    >>> print(f"{logsumexp([1.0, 3.0, 2.0]):.4f}")
    3.4076
    >>> print(f"{logsumexp([1000.0, 1000.0]):.4f}")  # 1000 + log 2, no overflow
    1000.6931
    >>> logsumexp(np.zeros((2, 0)))
    array([-inf, -inf])
    """
    x = as_float_array(x)
    flat, ax = flatten_for_axis(x, axis)
    if axis is None:
        out_shape = (1,) * x.ndim if keepdims else ()
    else:
        out_shape = tuple(1 if i == ax else n for i, n in enumerate(x.shape) if keepdims or i != ax)
    if flat.shape[ax] == 0:
        return np.full(out_shape, -np.inf, dtype=x.dtype)
    if flat.size == 0:
        return np.empty(out_shape, dtype=x.dtype)
    z, m = _shifted(flat, ax)
    lse = m + _log_sum_exp_shifted(z, ax)
    np.copyto(lse, -np.inf, where=m == -np.inf)  # the sum of exp(-inf) is 0: log 0 = -inf
    return lse.reshape(out_shape)


def naive_softmax(x: ArrayLike, axis: int | None = -1) -> np.ndarray:
    r"""The textbook softmax, ``exp(x) / sum(exp(x))``, kept on purpose to show it failing.

    Parameters
    ----------
    x : array_like
        Scores (logits).
    axis : int or None, optional
        The class axis (default -1); ``None`` means the whole array.

    Returns
    -------
    numpy.ndarray
        Same shape as `x`.

    Raises
    ------
    TypeError
        If `x` is not real-valued.
    numpy.exceptions.AxisError
        If `axis` is out of range.

    Notes
    -----
    Correct for small logits, but ``exp`` overflows to inf above about 709.78 in float64
    (88.72 in float32, 11.09 in float16), and inf / inf is NaN, with a `RuntimeWarning`.
    Use `softmax` for real work.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import naive_softmax
    >>> np.round(naive_softmax([1.0, 3.0, 2.0]), 4)
    array([0.09  , 0.6652, 0.2447])
    """
    x = as_float_array(x)
    if axis is not None:
        normalize_axis(axis, x.ndim)
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""The logistic sigmoid ``1 / (1 + exp(-x))``, stable for any magnitude.

    Parameters
    ----------
    x : array_like
        Real values.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as `x`, values in [0, 1].

    Raises
    ------
    TypeError
        If `x` is not real-valued.

    Notes
    -----
    Only ever exponentiates ``-|x|``: for x >= 0 it uses ``1 / (1 + e^{-x})``, for x < 0 the
    equal ``e^{x} / (1 + e^{x})``, so ``exp`` never overflows. Matches `scipy.special.expit`.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import sigmoid
    >>> sigmoid([0.0, -1000.0, 1000.0])
    array([0.5, 0. , 1. ])
    """
    x = as_float_array(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


def hardmax(x: ArrayLike, axis: int | None = -1) -> np.ndarray:
    r"""One-hot vector of the argmax along `axis` (the first index wins a tie).

    Parameters
    ----------
    x : array_like
        Scores.
    axis : int or None, optional
        The class axis (default -1); ``None`` means the whole array.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as `x`: 1.0 at the argmax of each slice, 0.0 elsewhere; a
        slice that holds a NaN is all NaN (no largest value exists).

    Raises
    ------
    TypeError
        If `x` is not real-valued.
    numpy.exceptions.AxisError
        If `axis` is out of range.

    Notes
    -----
    The limit of ``softmax(x / T)`` as T -> 0 when the maximum is unique. It is piecewise
    constant, so its derivative is 0 almost everywhere: nothing to learn from.

    Examples
    --------
    >>> from softmax_lib import hardmax
    >>> hardmax([1.0, 3.0, 2.0])
    array([0., 1., 0.])
    >>> hardmax([[2.0, 2.0, 1.0], [0.0, 1.0, 5.0]])
    array([[1., 0., 0.],
           [0., 0., 1.]])
    """
    x = as_float_array(x)
    flat, ax = flatten_for_axis(x, axis)
    out = np.zeros_like(flat)
    if flat.size == 0:
        return out.reshape(x.shape)
    idx = np.expand_dims(np.argmax(flat, axis=ax), ax)
    np.put_along_axis(out, idx, 1.0, axis=ax)
    np.copyto(out, np.nan, where=np.isnan(flat).any(axis=ax, keepdims=True))
    return out.reshape(x.shape)
