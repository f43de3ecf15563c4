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


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def normalize_axis(axis, ndim: int) -> int:
    """Return one `axis` as a non-negative int, or raise `TypeError`/`AxisError`."""
    if not _is_int(axis):
        raise TypeError(f"axis must be an int; got {axis!r}")
    if not -ndim <= axis < ndim:
        raise AxisError(int(axis), ndim)
    return int(axis) % ndim


def normalize_axes(axis, ndim: int) -> tuple[int, ...]:
    """Return `axis` (an int, a tuple of ints or None) as a sorted tuple of non-negative ints.

    ``None`` means every axis: the whole array, as in scipy. An axis out of range is an
    `AxisError`, an axis named twice a `ValueError`, anything else a `TypeError`.
    """
    if axis is None:
        return tuple(range(ndim))
    many = isinstance(axis, tuple)
    if not (_is_int(axis) or (many and all(_is_int(a) for a in axis))):
        raise TypeError(f"axis must be an int, a tuple of ints or None; got {axis!r}")
    axes = [normalize_axis(a, ndim) for a in (axis if many else (axis,))]
    for i, a in enumerate(axes):
        if a in axes[:i]:
            raise ValueError(f"axis={axis!r} names axis {a} twice")
    return tuple(sorted(axes))


def positive_int(value, name: str) -> int:
    """Return `value` as an int, or raise if it is not an integer >= 1."""
    if not _is_int(value):
        raise TypeError(f"{name} must be an int; got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1; got {value}")
    return int(value)


def _real(value, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    return float(value)


def positive_real(value, name: str) -> float:
    """Return `value` as a float, or raise if it is not a finite number > 0."""
    v = _real(value, name)
    if not (np.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be positive and finite; got {value!r}")
    return v


def non_negative_real(value, name: str) -> float:
    """Return `value` as a float, or raise if it is not a finite number >= 0."""
    v = _real(value, name)
    if not (np.isfinite(v) and v >= 0):
        raise ValueError(f"{name} must be non-negative and finite; got {value!r}")
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


def examples_and_labels(
    examples, labels, names: tuple[str, str] = ("X", "labels"), *, columns_are_classes=False
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(examples, labels)``: a float (N, M) array, one example per row, and N labels.

    `names` are the two arguments' names, as the messages use them. With
    ``columns_are_classes=True`` the M columns are the classes (scores or probabilities): there
    must be at least one, and every label must be one of ``0 .. M - 1``. Otherwise the
    columns are features, and the caller checks the labels against its number of classes.
    """
    rows_name, labels_name = names
    examples = as_float_array(examples, rows_name)
    columns = "K classes" if columns_are_classes else "D features"
    if examples.ndim != 2 or (columns_are_classes and examples.shape[1] == 0):
        raise ValueError(
            f"{rows_name} must be 2-D (N examples x {columns}); got shape {examples.shape}"
        )
    labels = as_labels(labels, labels_name)
    if labels.shape != (examples.shape[0],):
        raise ValueError(
            f"{labels_name} must have shape ({examples.shape[0]},), one per row of {rows_name}; "
            f"got shape {labels.shape}"
        )
    if columns_are_classes:
        check_labels_in_range(labels, examples.shape[1])
    return examples, labels
