"""Softmax and its relatives: the stable reference versions the notebooks point to.

`softmax`, `log_softmax` and `logsumexp` are written as the textbook steps, one comment per
step; each step that is more than one NumPy call is a small helper below, named for what it
does. Three of them (`_max_over`, `_sum_over`, `_cache_sized_blocks`) are there for speed only
and say what they gain.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, check_temperature, normalize_axes

__all__ = ["softmax", "log_softmax", "logsumexp", "naive_softmax", "sigmoid", "hardmax"]

Axis = int | tuple[int, ...] | None

# float16 is computed in float32 a block of about this many entries at a time: 256 KB, a
# cache-sized piece whose float32 copies cost under 0.1x the float16 output in memory.
_FLOAT16_BLOCK = 2**16

# `softmax` works on large arrays a block of about this many bytes at a time (see
# `_cache_sized_blocks`).
_CACHE_BLOCK_BYTES = 2**21

# `log_softmax` corrects the rounding of x - m when the mass outside the top entry, `rest`, is
# below this. Without the correction the top log-probability, -log1p(rest), is off by up to
# ln(K / rest) ulp (each e^z inherits z's rounding error, up to |z| eps/2, and Jensen bounds
# the e^z-weighted mean |z| by ln(K / rest)). Down to rest = 2^-10 that is at most 7 + ln K
# ulp (21 for a million classes), inside the promised 25; below, the correction is needed.
_DOMINANT = 2.0**-10


def _max_over(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """``np.max`` over `axes`, keeping them as length 1.

    Speed only: NumPy reduces a short last axis one row at a time. For K <= 16 classes and at
    least 1000 rows, K - 1 whole-column ``np.maximum`` calls are 2-30x faster (measured:
    20000 x 10, 0.60 -> 0.15 ms); with fewer rows or more classes, ``np.max`` wins.

    Over leading axes only (not the last), ``np.fmax.reduce`` is faster than ``np.max``
    (measured: 2000 x 2000 along axis 0, 2.0 -> 1.15 ms; float32 0.44 -> 0.24 ms). It skips a
    NaN that ``np.max`` would return, which changes no result here: a NaN entry stays NaN in
    x - m, and makes the sum, and so every entry, of its slice NaN all the same. Only a max of
    -inf no longer proves a slice all -inf (it may hold NaN too), so `logsumexp` checks.
    """
    if x.ndim - 1 not in axes:
        return np.fmax.reduce(x, axis=axes, keepdims=True)
    k = x.shape[-1]
    if axes != (x.ndim - 1,) or k > 16 or x.size < 1000 * k:
        return np.max(x, axis=axes, keepdims=True)
    top = x[..., :1].copy()
    for j in range(1, k):
        np.maximum(top, x[..., j : j + 1], out=top)
    return top


def _sum_over(z: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """``np.sum`` over `axes`, keeping them as length 1.

    Speed only: over the last axes of a C-ordered array, ``np.einsum`` adds each row in one
    vectorised loop (measured: 2000 x 2000, 1.46 -> 0.79 ms; 20000 x 10, 0.28 -> 0.06 ms; a
    vector of 4M, 1.97 -> 0.82 ms). Over leading axes ``np.sum`` is the faster of the two.
    """
    kept = tuple(1 if i in axes else n for i, n in enumerate(z.shape))
    if not axes or axes != tuple(range(z.ndim - len(axes), z.ndim)) or not z.flags.c_contiguous:
        return np.sum(z, axis=axes, keepdims=True)
    k = math.prod(z.shape[i] for i in axes)
    return np.einsum("ij->i", z.reshape(-1, k)).reshape(kept)


def _minus_max(x: np.ndarray, m: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``x - m`` into `out` (by default a new array: `x` is never modified), without warnings.

    Two differences do not fit and are expected: below -max one overflows to -inf, and
    e^-inf = 0 is then the right answer; where `m` is infinite, inf - inf gives NaN, which is
    the answer for a slice holding a NaN or only -inf, and which the +inf step below replaces.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return np.subtract(x, m, out=np.empty_like(x) if out is None else out)


def _plus_inf_entries_share_the_mass(z: np.ndarray, x: np.ndarray, m: np.ndarray) -> None:
    """In slices whose max is +inf, set ``z = 0`` at the +inf entries (in place).

    That is the limit as those entries grow together: each gets e^0 = 1, so they share the
    mass equally; the finite entries already hold x - inf = -inf (probability 0).
    """
    if (m == np.inf).any():
        np.copyto(z, 0.0, where=(x == np.inf) & (m == np.inf))


def _divide_by_temperature(z: np.ndarray, t: float) -> None:
    """``z /= t`` in place, dividing in (at least) float64: `t` need not fit in float32.

    `z` holds x - m <= 0, so the quotient can only overflow towards -inf, where e^z = 0 is
    the right answer.
    """
    if t != 1:
        with np.errstate(over="ignore"):
            np.divide(z, t, out=z, dtype=np.result_type(z.dtype, np.float64))


def _exp_split_at_the_top(z: np.ndarray, axes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For shifted logits `z` (max 0): ``(e, ties, rest)``, the sum of e^z in two parts.

    ``e = exp(z)`` with the top entries set to 0, ``ties`` the number of top entries (each
    contributes e^0 = 1 exactly) and ``rest`` the sum of `e`. Then
    ``log(sum(exp(z))) = log1p(rest + ties - 1)`` keeps every bit of a tiny `rest`, which
    ``log(ties + rest)`` would round away (as ``x - logsumexp(x)`` does: scipy issue #19521).
    """
    top = z == 0
    e = np.exp(z)
    e[top] = 0.0
    return e, np.count_nonzero(top, axis=axes, keepdims=True), _sum_over(e, axes)


def _rounding_error_of_shift(x: np.ndarray, m: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The exact error ``c = (x - m) - z`` of the rounded difference ``z = x - m`` (TwoSum).

    Knuth's TwoSum recovers, with float operations only, the part of a sum that rounding
    dropped. Since e^(z + c) = e^z (1 + c) to first order, adding ``sum(e^z * c)`` to the
    rest gives it back. Where `z` is not finite (masks, non-finite slices), c = 0.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # non-finite z only: set to 0 below
        back = z - x  # the -m that z really holds
        c = (x - (z - back)) - (m + back)
    c[~np.isfinite(c)] = 0.0
    return c


def _blocks_of_slices(x: np.ndarray, axes, entries: int) -> list[tuple[slice, ...]]:
    """Indices that cut `x` into blocks of whole slices, of about `entries` entries each.

    The cut is along the first axis that is not reduced. An array of at most `entries`
    entries, or one whose every axis is reduced (a single slice), is one block, ``()``.
    """
    free = [i for i in range(x.ndim) if i not in axes]
    if not free or x.size <= entries:
        return [()]
    cut = free[0]
    step = max(1, entries * x.shape[cut] // x.size)
    return [(slice(None),) * cut + (slice(i, i + step),) for i in range(0, x.shape[cut], step)]


def _cache_sized_blocks(x: np.ndarray, axes) -> list[tuple[slice, ...]]:
    """Blocks of whole slices of about `_CACHE_BLOCK_BYTES`, when the classes are the last axes.

    Speed only: a block stays in cache through all of softmax's steps, where the whole array
    would be read from memory again by each step (measured, 2000 x 2000 along the last axis:
    float64 8.1 -> 6.8 ms, float32 4.4 -> 4.1 ms). Classes on a leading axis would make the
    blocks strided columns, which are slower, so such an array is one block.
    """
    if axes != tuple(range(x.ndim - len(axes), x.ndim)):
        return [()]
    return _blocks_of_slices(x, axes, _CACHE_BLOCK_BYTES // x.itemsize)


def _float16_in_float32(func, x: np.ndarray, axes, out_shape, **kwargs) -> np.ndarray:
    """``func(x, axes, **kwargs)`` for float16 `x`, computed in float32 and rounded once.

    float16 keeps 11 bits: rounding x - m, exp and the sum in float16 costs up to 8 ulp, while
    one rounding of the float32 result costs at most 1. The float32 copy is made one block of
    slices at a time (cut along the first axis that is not reduced), so it takes little memory.
    """
    out = np.empty(out_shape, dtype=np.float16)
    for block in _blocks_of_slices(x, axes, _FLOAT16_BLOCK):
        # a result beyond float16 (a log-probability below -65504) rounds to -inf, as it should
        with np.errstate(over="ignore"):
            out[block] = func(x[block].astype(np.float32), axes, **kwargs)
    return out


def _classes_last(x: np.ndarray, axes) -> tuple[np.ndarray, tuple[int, ...]]:
    """``(rows, moved_shape)``: `x` with `axes` moved to the end and merged into one.

    ``rows[..., j]`` is class j of every slice. A view when the classes are one axis, a copy
    when several axes must be merged; `_classes_back` undoes it.
    """
    ends = tuple(range(x.ndim - len(axes), x.ndim))
    moved = np.moveaxis(x, axes, ends)
    k = math.prod(x.shape[i] for i in axes)
    return moved.reshape(moved.shape[: x.ndim - len(axes)] + (k,)), moved.shape


def _classes_back(rows: np.ndarray, moved_shape: tuple[int, ...], axes) -> np.ndarray:
    """Undo `_classes_last`: split the last axis and move the classes back to `axes`."""
    ends = tuple(range(len(moved_shape) - len(axes), len(moved_shape)))
    return np.moveaxis(rows.reshape(moved_shape), ends, axes)


def softmax(x: ArrayLike, axis: Axis = -1, *, temperature: float = 1.0) -> np.ndarray:
    r"""Softmax of `x` along `axis`: probabilities that are positive and sum to 1.

    Built by hand in notebook 04 (`stable_softmax`).

    Parameters
    ----------
    x : array_like
        Scores (logits). Lists, ints and bools become float64; float16/32/64 keep their dtype.
    axis : int, tuple of ints or None, optional
        The axis that holds the classes (default -1, the last). Several axes normalise over
        all of them at once; ``None`` normalises the whole array, which is
        `scipy.special.softmax`'s default.
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
        If `x` is not real-valued (complex, strings, objects), or `axis` is not an int, a
        tuple of ints or None.
    numpy.exceptions.AxisError
        If an axis is out of range.
    ValueError
        If an axis is named twice, or `temperature` is not positive and finite.

    Notes
    -----
    .. math:: \mathrm{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}, \quad m = \max_j x_j

    Subtracting the maximum changes nothing mathematically and keeps every exponent <= 0, so
    finite inputs of any size give finite results with no warning. The temperature divides
    x - m (the same as dividing x first, since T > 0), which cannot overflow upwards. The work
    happens in one new array (subtract into it, exponentiate and scale in place), for a large
    array one cache-sized block of slices at a time; `x` is never modified. float16 input is
    computed in float32 and rounded once, within 1 ulp.

    Non-finite inputs: -inf is a mask (probability exactly 0); +inf entries share the mass
    equally (the limit; `scipy.special.softmax` returns NaN there); a NaN, or a slice of all
    -inf, makes that slice NaN and leaves the other slices alone. No input gives a warning.

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
    >>> softmax(np.zeros((2, 2, 2)), axis=(1, 2))[0]
    array([[0.25, 0.25],
           [0.25, 0.25]])
    """
    # Validate: a float array, the class axes, a positive finite temperature.
    x = as_float_array(x)
    axes = normalize_axes(axis, x.ndim)
    t = check_temperature(temperature)
    if x.size == 0:
        return np.empty_like(x)
    if x.ndim == 0:  # one number: a slice of one class (NumPy's steps below want an array)
        return softmax(x.reshape(1), temperature=t).reshape(())
    # float16: compute in float32, round once.
    if x.dtype == np.float16:
        return _float16_in_float32(softmax, x, axes, x.shape, temperature=t)
    # The steps write into `out`, a block of whole slices at a time (a small array is one).
    out = np.empty_like(x)
    for block in _cache_sized_blocks(x, axes):
        xb, z = x[block], out[block]
        # Subtract the max: the largest exponent becomes e^0 = 1, so exp cannot overflow.
        m = _max_over(xb, axes)
        _minus_max(xb, m, out=z)
        # Non-finite slices: +inf entries share the mass (NaN or all -inf slices are NaN already).
        _plus_inf_entries_share_the_mass(z, xb, m)
        del m  # not needed any more: the memory of the sums below takes its place
        # Divide by the temperature (after the shift: (x - m) / T <= 0 cannot overflow upwards).
        _divide_by_temperature(z, t)
        # Exponentiate, in place.
        np.exp(z, out=z)
        # Normalise: one division per slice (1 / sum, in place), then a multiplication per entry.
        total = _sum_over(z, axes)
        z *= np.divide(1.0, total, out=total)
    return out


def log_softmax(x: ArrayLike, axis: Axis = -1, *, temperature: float = 1.0) -> np.ndarray:
    r"""Logarithm of `softmax`, computed without ever taking the log of a probability.

    Built by hand in notebook 04 (`log_softmax`).

    Parameters
    ----------
    x : array_like
        Scores (logits).
    axis : int, tuple of ints or None, optional
        The class axis or axes (default -1); ``None`` means the whole array.
    temperature : float, optional
        Positive and finite; computes ``log_softmax(x / temperature)``.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as `x`; every entry <= 0.

    Raises
    ------
    TypeError
        If `x` is not real-valued, or `axis` is not an int, a tuple of ints or None.
    numpy.exceptions.AxisError
        If an axis is out of range.
    ValueError
        If an axis is named twice, or `temperature` is not positive and finite.

    Notes
    -----
    With ``z = x - max(x)``, ``log softmax(x) = z - log(sum(exp(z)))``. The sum is
    ``1 + rest`` (the top entry gives e^0 = 1), and ``log1p(rest)`` keeps full accuracy when
    one logit dominates and a log-probability is close to 0, where ``x - logsumexp(x)``
    cancels (scipy issue #19521). There the rounding of ``x - max(x)`` itself shows in the
    last bits of `rest`, so when `rest` is below 2^-10 it is corrected with TwoSum's exact
    rounding error, and the log-probability of a dominant logit stays within 25 ulp. The
    correction is made at temperature 1 only: at another temperature (x - m) / T rounds once
    more, by as much, and that error the correction cannot see.

    Probabilities that underflow to 0 in `softmax` still have finite log-probabilities here.
    -inf gives -inf; +inf entries give ``log(1/k)``; a NaN or all -inf slice is NaN. float16
    input is computed in float32 and rounded once.

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
    # Validate: a float array, the class axes, a positive finite temperature.
    x = as_float_array(x)
    axes = normalize_axes(axis, x.ndim)
    t = check_temperature(temperature)
    if x.size == 0:
        return np.empty_like(x)
    if x.ndim == 0:  # one number: a slice of one class (NumPy's steps below want an array)
        return log_softmax(x.reshape(1), temperature=t).reshape(())
    # float16: compute in float32, round once.
    if x.dtype == np.float16:
        return _float16_in_float32(log_softmax, x, axes, x.shape, temperature=t)
    # Subtract the max: the largest exponent becomes e^0 = 1, so exp cannot overflow.
    m = _max_over(x, axes)
    z = _minus_max(x, m)
    # Non-finite slices: +inf entries share the mass (a NaN or all -inf slice is NaN already).
    _plus_inf_entries_share_the_mass(z, x, m)
    # Divide by the temperature (after the shift: (x - m) / T <= 0 cannot overflow upwards).
    _divide_by_temperature(z, t)
    # Exponentiate into a second array, the top entries (e^0 = 1 each) counted apart.
    e, ties, rest = _exp_split_at_the_top(z, axes)
    # One logit dominates: add back what rounding x - m took from the rest (TwoSum).
    if t == 1 and np.any(rest < _DOMINANT):
        rest += _sum_over(e * _rounding_error_of_shift(x, m, z), axes)
    # Normalise: subtract log(sum(exp(z))) = log1p(rest + ties - 1).
    rest += ties - 1
    z -= np.log1p(rest)
    return z


def logsumexp(x: ArrayLike, axis: Axis = -1, keepdims: bool = False) -> np.ndarray:
    r"""``log(sum(exp(x)))`` along `axis`, without overflow.

    Built by hand in notebook 04 (`logsumexp`).

    Parameters
    ----------
    x : array_like
        Real values.
    axis : int, tuple of ints or None, optional
        Axis or axes to reduce (default -1); ``None`` reduces the whole array.
    keepdims : bool, optional
        Keep the reduced axes with length 1, so the result broadcasts against `x`.

    Returns
    -------
    numpy.ndarray
        `x`'s shape without the reduced axes (or with them as length 1). A 0-d array for 1-D
        input.

    Raises
    ------
    TypeError
        If `x` is not real-valued, or `axis` is not an int, a tuple of ints or None.
    numpy.exceptions.AxisError
        If an axis is out of range.
    ValueError
        If an axis is named twice.

    Notes
    -----
    .. math:: \log \sum_j e^{x_j} = m + \log \sum_j e^{x_j - m}, \quad m = \max_j x_j

    The second term is computed as in `log_softmax`, as ``log1p`` of the mass outside the top
    entries. `log_softmax`'s TwoSum correction is not needed here: it moves the result by
    less than the rounding error of m + log(...) itself, except where that sum nearly
    cancels, and there the result is as sensitive to the last bits of `x`.

    The sum of nothing is 0, so an empty slice gives -inf, and so does a slice of all -inf.
    +inf anywhere gives +inf; NaN gives NaN. float16 input is computed in float32 and rounded
    once.

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
    >>> print(f"{logsumexp(np.zeros((3, 4)), axis=(0, 1)):.4f}")  # log 12
    2.4849
    """
    # Validate: a float array and the axes to reduce.
    x = as_float_array(x)
    axes = normalize_axes(axis, x.ndim)
    kept = tuple(1 if i in axes else n for i, n in enumerate(x.shape))
    shape = kept if keepdims else tuple(n for i, n in enumerate(x.shape) if i not in axes)
    # Empty slices: the sum of nothing is 0, and log 0 = -inf.
    if any(x.shape[i] == 0 for i in axes):
        return np.full(shape, -np.inf, dtype=x.dtype)
    if x.size == 0:
        return np.empty(shape, dtype=x.dtype)
    if x.ndim == 0:  # one number: a slice of one class (NumPy's steps below want an array)
        return logsumexp(x.reshape(1))
    # float16: compute in float32, round once.
    if x.dtype == np.float16:
        return _float16_in_float32(logsumexp, x, axes, kept, keepdims=True).reshape(shape)
    # Subtract the max: the largest exponent becomes e^0 = 1, so exp cannot overflow.
    m = _max_over(x, axes)
    z = _minus_max(x, m)
    # Non-finite slices: +inf entries share the mass (a NaN or all -inf slice is NaN already).
    _plus_inf_entries_share_the_mass(z, x, m)
    # Exponentiate and sum, the top entries apart, then add the max back.
    _, ties, rest = _exp_split_at_the_top(z, axes)
    rest += ties - 1
    lse = m + np.log1p(rest)
    # A slice of all -inf holds no mass at all: log 0 = -inf (not the NaN of -inf - -inf).
    # (A max of -inf may also be a slice of -inf and NaN, which stays NaN: see _max_over.)
    if (m == -np.inf).any():
        np.copyto(lse, -np.inf, where=np.all(x == -np.inf, axis=axes, keepdims=True))
    return lse.reshape(shape)


def naive_softmax(x: ArrayLike, axis: Axis = -1) -> np.ndarray:
    r"""The textbook softmax, ``exp(x) / sum(exp(x))``, kept on purpose to show it failing.

    Built by hand in notebook 02 (`softmax_scratch`).

    Parameters
    ----------
    x : array_like
        Scores (logits).
    axis : int, tuple of ints or None, optional
        The class axis or axes (default -1); ``None`` means the whole array.

    Returns
    -------
    numpy.ndarray
        Same shape as `x`.

    Raises
    ------
    TypeError
        If `x` is not real-valued, or `axis` is not an int, a tuple of ints or None.
    numpy.exceptions.AxisError
        If an axis is out of range.
    ValueError
        If an axis is named twice.

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
    axes = normalize_axes(axis, x.ndim)
    e = np.exp(x)
    return e / np.sum(e, axis=axes, keepdims=True)


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""The logistic sigmoid ``1 / (1 + exp(-x))``, stable for any magnitude.

    Built by hand in notebook 03 (`stable_sigmoid`).

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
    float16 input is computed in float32 and rounded once, within 1 ulp.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import sigmoid
    >>> sigmoid([0.0, -1000.0, 1000.0])
    array([0.5, 0. , 1. ])
    """
    x = as_float_array(x)
    # float16: compute in float32, round once.
    wide = np.float32 if x.dtype == np.float16 else x.dtype
    # Exponentiate -|x| <= 0 only, so exp cannot overflow.
    e = np.exp(-np.abs(x, dtype=wide))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


def hardmax(x: ArrayLike, axis: Axis = -1) -> np.ndarray:
    r"""One-hot vector of the argmax along `axis` (the first index wins a tie).

    Built by hand in notebook 01 (`hardmax_by_hand`).

    Parameters
    ----------
    x : array_like
        Scores.
    axis : int, tuple of ints or None, optional
        The class axis or axes (default -1); ``None`` means the whole array.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as `x`: 1.0 at the argmax of each slice, 0.0 elsewhere; a
        slice that holds a NaN is all NaN (no largest value exists).

    Raises
    ------
    TypeError
        If `x` is not real-valued, or `axis` is not an int, a tuple of ints or None.
    numpy.exceptions.AxisError
        If an axis is out of range.
    ValueError
        If an axis is named twice.

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
    axes = normalize_axes(axis, x.ndim)
    rows, moved_shape = _classes_last(x, axes)  # one slice per row, its classes along the last axis
    out = np.zeros_like(rows)
    if rows.size:
        np.put_along_axis(out, np.argmax(rows, axis=-1)[..., None], 1.0, axis=-1)
        out[np.isnan(rows).any(axis=-1)] = np.nan
    return _classes_back(out, moved_shape, axes)
