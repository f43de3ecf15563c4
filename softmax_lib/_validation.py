"""Input checks shared by every public function (one place, so every error reads the same)."""

from __future__ import annotations

import numbers

import numpy as np
from numpy.exceptions import AxisError


def as_float_array(x, name: str = "x") -> np.ndarray:
    """Return `x` as a real floating-point array without copying when it already is one.

    Lists, tuples, Python numbers, integers and booleans become float64; float16, float32,
    float64 (and longdouble) keep their dtype. Anything else is a `TypeError` naming the dtype.
    """
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {exc}") from None
    if arr.dtype == np.bool_ or np.issubdtype(arr.dtype, np.integer):
        return arr.astype(np.float64)
    if np.issubdtype(arr.dtype, np.floating):
        return arr
    raise TypeError(
        f"{name} must contain real numbers (integer, bool or float); got dtype {arr.dtype}"
    )


def normalize_axis(axis, ndim: int) -> int:
    """Return `axis` as a non-negative int, or raise `AxisError`/`TypeError`."""
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"axis must be an int or None; got {axis!r}")
    if not -ndim <= axis < ndim:
        raise AxisError(int(axis), ndim)
    return int(axis) % ndim


def flatten_for_axis(x: np.ndarray, axis) -> tuple[np.ndarray, int]:
    """Return `(array, axis)` to reduce over; `axis=None` means the whole array (as in scipy)."""
    if axis is None:
        return x.reshape(-1), 0
    return x, normalize_axis(axis, x.ndim)


def positive_int(value, name: str) -> int:
    """Return `value` as an int, or raise if it is not an integer >= 1."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int; got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1; got {value}")
    return int(value)


def positive_real(value, name: str, allow_zero: bool = False) -> float:
    """Return `value` as a float, or raise if it is not a finite number > 0 (>= 0 if allowed)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    v = float(value)
    if not (np.isfinite(v) and (v > 0 or (allow_zero and v == 0))):
        kind = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be {kind} and finite; got {value!r}")
    return v


def check_temperature(temperature) -> float:
    """Return the temperature as a float, or raise if it is not a positive finite number."""
    return positive_real(temperature, "temperature")


def as_labels(labels, name: str = "labels") -> np.ndarray:
    """Return integer class labels as an int array, or raise a `TypeError` naming the dtype."""
    arr = np.asarray(labels)
    if arr.size == 0 and arr.dtype == np.float64:  # an empty list: no labels at all
        return arr.astype(np.intp)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"{name} must be integers (class indices); got dtype {arr.dtype}")
    return arr


def check_labels_in_range(labels: np.ndarray, num_classes: int) -> None:
    """Raise `ValueError` naming the first label outside ``0 .. num_classes - 1``."""
    bad = (labels < 0) | (labels >= num_classes)
    if bad.any():
        first = labels[bad].flat[0]
        raise ValueError(
            f"label {first} is out of range for {num_classes} classes "
            f"(expected 0..{num_classes - 1})"
        )
