"""Labels and the cross-entropy loss, computed from logits."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    as_labels,
    check_labels_in_range,
    normalize_axis,
    positive_int,
)
from .activations import log_softmax, softmax

__all__ = ["one_hot", "cross_entropy", "cross_entropy_grad"]

_REDUCTIONS = ("mean", "sum", "none")


def one_hot(labels: ArrayLike, num_classes: int) -> np.ndarray:
    """Float one-hot rows for integer class labels.

    Built by hand in notebook 06 (`one_hot_by_hand`).

    Parameters
    ----------
    labels : array_like of int
        Class indices in ``0 .. num_classes - 1``, any shape.
    num_classes : int
        The number of classes K (positive).

    Returns
    -------
    numpy.ndarray
        float64 array of shape ``labels.shape + (num_classes,)`` with a single 1.0 per row.

    Raises
    ------
    TypeError
        If `labels` are not integers or `num_classes` is not an int.
    ValueError
        If `num_classes` < 1 or a label is outside ``0 .. num_classes - 1`` (the message
        names the label and K).

    Examples
    --------
    >>> from softmax_lib import one_hot
    >>> one_hot([0, 2, 1], 3)
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    """
    num_classes = positive_int(num_classes, "num_classes")
    labels = as_labels(labels)
    check_labels_in_range(labels, num_classes)
    return np.eye(num_classes)[labels]


def _check_reduction(z: np.ndarray, reduction: str) -> int:
    """Return the number of rows of `z` (classes last), the divisor of "mean".

    Raise if `reduction` is unknown, or is "mean" of an empty batch.
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}; got {reduction!r}")
    rows = math.prod(z.shape[:-1])
    if reduction == "mean" and rows == 0:
        raise ValueError("reduction='mean' of an empty batch is undefined")
    return rows


# Target rows must sum to 1 within this. Each entry carries up to eps/2 of rounding, so 100 eps
# admits rows of about 200 classes computed in the target's own dtype; 1e-6 admits float64 rows
# written with six decimals.
def _sum_tolerance(dtype) -> float:
    return max(1e-6, 100 * float(np.finfo(dtype).eps))


def _logits_and_target(logits, target, axis):
    """Return ``(z, labels, probs)``: the logits with the class axis last, and the target.

    Exactly one of `labels` and `probs` is set. Integer labels have the shape of `logits`
    without the class axis; probabilities (or one-hot rows) have the shape of `logits`, and
    come back with the class axis last too. Anything else is a `ValueError`.
    """
    z = as_float_array(logits, "logits")
    if z.ndim == 0:
        raise ValueError("logits must have a class axis; got a scalar")
    ax = normalize_axis(axis, z.ndim)
    z = np.moveaxis(z, ax, -1)
    k = z.shape[-1]
    t = np.asarray(target)
    if t.shape == z.shape[:-1] and t.ndim == z.ndim - 1:
        labels = as_labels(t, "target labels")
        check_labels_in_range(labels, k)
        return z, labels, None
    if t.ndim == z.ndim and np.moveaxis(t, ax, -1).shape == z.shape:
        y = np.moveaxis(as_float_array(t, "target"), ax, -1)
        if np.any(y < 0) or np.isnan(y).any():
            raise ValueError("target probabilities must be non-negative numbers")
        sums = y.sum(axis=-1)
        off = ~np.isclose(sums, 1.0, rtol=0, atol=_sum_tolerance(y.dtype))
        if off.any():
            bad = sums[off].flat[0]
            raise ValueError(f"target rows must sum to 1 (probabilities); a row sums to {bad:.6g}")
        return z, None, y
    raise ValueError(
        f"target of shape {t.shape} fits neither form for logits of shape {np.shape(logits)} "
        f"with class axis {axis}: integer labels need shape {z.shape[:-1]}, "
        f"probabilities the shape of the logits"
    )


def cross_entropy(
    logits: ArrayLike, target: ArrayLike, axis: int = -1, reduction: str = "mean"
) -> np.ndarray:
    r"""Cross-entropy loss between ``softmax(logits)`` and the targets, computed from logits.

    Built by hand in notebook 06 (`cross_entropy_from_logits`).

    Parameters
    ----------
    logits : array_like
        Raw scores, classes along `axis`.
    target : array_like
        Either integer class labels, with the shape of `logits` without the class axis, or
        probabilities (one-hot or soft rows summing to 1) with the shape of `logits`.
    axis : int, optional
        The class axis (default -1).
    reduction : {"mean", "sum", "none"}, optional
        Average over the rows, add them up, or return one loss per row.

    Returns
    -------
    numpy.ndarray or numpy.floating
        A scalar for "mean" and "sum"; for "none", one loss per row (the shape of `logits`
        without the class axis).

    Raises
    ------
    TypeError
        If `logits` are not real numbers, or labels are not integers.
    ValueError
        If a label is outside ``0 .. K-1``, the target's shape fits neither form, target
        probabilities are negative or do not sum to 1, `reduction` is unknown, or "mean" is
        asked of an empty batch.

    Notes
    -----
    .. math:: L = -\sum_c y_c \log p_c = \operatorname{logsumexp}(z) - z_{\text{true}}

    Using `log_softmax` keeps the loss finite where ``log(softmax(z))`` would give -inf or NaN.
    Classes with target 0 contribute nothing, even where their log-probability is -inf.
    The result has the logits' float dtype; float16 logits are computed in float32 (the
    log-probabilities, the sum and the mean) and the result is rounded once.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import cross_entropy
    >>> print(f"{cross_entropy([1.0, 3.0, 2.0], 1):.4f}")
    0.4076
    >>> print(f"{cross_entropy([[1.0, 3.0, 2.0]], [[0.0, 1.0, 0.0]]):.4f}")
    0.4076
    >>> np.round(cross_entropy([[0.0, 0.0], [0.0, 1000.0]], [0, 1], reduction="none"), 4)
    array([0.6931, 0.    ])
    """
    z, labels, y = _logits_and_target(logits, target, axis)
    _check_reduction(z, reduction)
    dtype = z.dtype
    if dtype == np.float16:  # float16: compute in float32, round once at the end
        z = z.astype(np.float32)
    logp = log_softmax(z, axis=-1)
    if labels is not None:
        # 0 - (rather than -): a loss of exactly 0 prints as 0.0, not -0.0
        per_row = 0.0 - np.take_along_axis(logp, labels[..., None], axis=-1)[..., 0]
    else:
        # a class with target 0 adds nothing, even where its log-probability is -inf
        terms = np.multiply(y, logp, out=np.zeros_like(logp), where=y > 0)
        per_row = 0.0 - np.sum(terms, axis=-1)
    loss = per_row
    if reduction == "sum":
        loss = per_row.sum()
    elif reduction == "mean":
        loss = per_row.mean()
    with np.errstate(over="ignore"):  # a float32 loss beyond float16's range rounds to inf
        return loss.astype(dtype, copy=False)


def cross_entropy_grad(logits: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    r"""Gradient of `cross_entropy` with respect to the logits: ``softmax(logits) - y``.

    Built by hand in notebook 06 (`cross_entropy_grad_by_hand`).

    Parameters
    ----------
    logits : array_like
        Raw scores, classes along the last axis.
    target : array_like
        Integer labels (shape of `logits` without the last axis) or probability rows (shape
        of `logits`), as in `cross_entropy`.
    reduction : {"mean", "sum", "none"}, optional
        "mean" divides by the number of rows N, as the mean loss does; "sum" and "none" do
        not ("none" gives each row the gradient of its own loss).

    Returns
    -------
    numpy.ndarray
        Same shape as `logits`.

    Raises
    ------
    TypeError, ValueError
        As `cross_entropy`.

    Notes
    -----
    ``dL/dz = p - y``: softmax pushes every class down in proportion to its probability and
    pulls the true class up by 1. Each row of the gradient sums to 0.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import cross_entropy_grad
    >>> np.round(cross_entropy_grad([1.0, 3.0, 2.0], 1), 4)
    array([ 0.09  , -0.3348,  0.2447])
    """
    z, labels, y = _logits_and_target(logits, target, -1)
    rows = _check_reduction(z, reduction)
    grad = softmax(z, axis=-1)
    if labels is not None:
        idx = labels[..., None]
        np.put_along_axis(grad, idx, np.take_along_axis(grad, idx, axis=-1) - 1, axis=-1)
    else:
        grad -= y
    if reduction == "mean":
        grad /= rows
    return grad
