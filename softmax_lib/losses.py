"""Labels and the cross-entropy loss, computed from logits."""

from __future__ import annotations

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


def _check_reduction(reduction: str) -> None:
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}; got {reduction!r}")


def _prepare(logits, target, axis):
    """Move the class axis last; return ``(z, labels, probs)`` with exactly one target form set.

    Integer labels have the shape of `logits` without the class axis; probabilities (or
    one-hot rows) have the shape of `logits`. Anything else is a `ValueError`.
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
        tol = max(1e-6, 100 * np.finfo(y.dtype).eps)
        if not np.allclose(sums, 1.0, rtol=0, atol=tol):
            bad = sums[~np.isclose(sums, 1.0, rtol=0, atol=tol)].flat[0]
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
    _check_reduction(reduction)
    z, labels, y = _prepare(logits, target, axis)
    logp = log_softmax(z, axis=-1)
    if labels is not None:
        per_row = (
            0.0 - np.take_along_axis(logp, labels[..., None], axis=-1)[..., 0]
        )  # 0 - : no -0.0
    else:
        # a class with target 0 adds nothing, even where its log-probability is -inf
        terms = np.multiply(y, logp, out=np.zeros_like(logp), where=y > 0)
        per_row = 0.0 - np.sum(terms, axis=-1)
    return _reduce(per_row, reduction)


def _reduce(per_row: np.ndarray, reduction: str):
    if reduction == "none":
        return per_row
    if reduction == "sum":
        return per_row.sum()
    if per_row.size == 0:
        raise ValueError("reduction='mean' of an empty batch is undefined")
    return per_row.mean()


def cross_entropy_grad(logits: ArrayLike, target: ArrayLike, reduction: str = "mean") -> np.ndarray:
    r"""Gradient of `cross_entropy` with respect to the logits: ``softmax(logits) - y``.

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
    _check_reduction(reduction)
    z, labels, y = _prepare(logits, target, -1)
    grad = softmax(z, axis=-1)
    if labels is not None:
        idx = labels[..., None]
        np.put_along_axis(grad, idx, np.take_along_axis(grad, idx, axis=-1) - 1, axis=-1)
    else:
        grad -= y
    if reduction == "mean":
        rows = grad.size // grad.shape[-1] if grad.shape[-1] else 0
        if rows == 0:
            raise ValueError("reduction='mean' of an empty batch is undefined")
        grad /= rows
    return grad
