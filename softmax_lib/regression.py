"""Softmax regression: a linear classifier trained with cross-entropy and gradient descent."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    as_labels,
    check_labels_in_range,
    positive_int,
    positive_real,
)
from .losses import cross_entropy, cross_entropy_grad

__all__ = ["gaussian_blobs", "fit_softmax_regression"]


def _features_and_labels(X, labels, names=("X", "labels")) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(X, labels)`` as a float (N, D) array and N integer labels, or raise."""
    X = as_float_array(X, names[0])
    if X.ndim != 2:
        raise ValueError(f"{names[0]} must be 2-D (N examples x D features); got shape {X.shape}")
    labels = as_labels(labels, names[1])
    if labels.shape != (X.shape[0],):
        raise ValueError(
            f"{names[1]} must have shape ({X.shape[0]},), one per row of {names[0]}; "
            f"got shape {labels.shape}"
        )
    return X, labels


def gaussian_blobs(
    centers: ArrayLike,
    n_per_class: int,
    spread: float = 1.0,
    rng: np.random.Generator | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""A labelled toy data set: a cloud of Gaussian points around each centre, shuffled.

    Parameters
    ----------
    centers : array_like, shape (K, D)
        One centre per class: class ``c`` is scattered around ``centers[c]``.
    n_per_class : int
        Points per class (at least 1).
    spread : float, optional
        Standard deviation of the noise along each axis (finite, >= 0).
    rng : numpy.random.Generator or int or None, optional
        The random generator to draw from (it advances), or a seed for a new one.

    Returns
    -------
    X : numpy.ndarray
        float64, shape ``(K * n_per_class, D)``.
    labels : numpy.ndarray
        int, shape ``(K * n_per_class,)``: the class of each row of `X`.

    Raises
    ------
    TypeError
        If `centers` are not real numbers, `n_per_class` is not an int or `spread` is not a
        real number.
    ValueError
        If `centers` is not 2-D with at least one row, `n_per_class` < 1, or `spread` is
        negative or not finite.

    Notes
    -----
    Each point is ``x = centers[c] + spread * e`` with ``e ~ N(0, I)``. The rows are shuffled,
    so any slice of them is a random sample (a train/validation split is a slice). Two
    calls with generators in the same state give the same points: the draws are
    ``rng.standard_normal((K * n_per_class, D))`` then ``rng.permutation(K * n_per_class)``.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import gaussian_blobs
    >>> X, labels = gaussian_blobs([[0.0, 0.0], [5.0, 5.0]], n_per_class=3, spread=0.0, rng=0)
    >>> X.shape, np.bincount(labels)
    ((6, 2), array([3, 3]))
    >>> np.array_equal(X[labels == 1], np.full((3, 2), 5.0))
    True
    """
    centers = as_float_array(centers, "centers")
    if centers.ndim != 2 or centers.shape[0] == 0:
        raise ValueError(f"centers must be 2-D with one row per class; got shape {centers.shape}")
    n = positive_int(n_per_class, "n_per_class")
    spread = positive_real(spread, "spread", allow_zero=True)
    rng = np.random.default_rng(rng)
    labels = np.repeat(np.arange(centers.shape[0]), n)  # 0, 0, ..., 1, 1, ..., K-1
    X = centers[labels] + spread * rng.standard_normal((labels.size, centers.shape[1]))
    order = rng.permutation(labels.size)
    return X[order], labels[order]


def fit_softmax_regression(
    X: ArrayLike,
    labels: ArrayLike,
    num_classes: int | None = None,
    *,
    learning_rate: float = 0.5,
    steps: int = 300,
    validation: tuple[ArrayLike, ArrayLike] | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    r"""Train ``logits = X @ W + b`` by full-batch gradient descent on the mean cross-entropy.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Training inputs, one example per row.
    labels : array_like of int, shape (N,)
        Their classes, in ``0 .. num_classes - 1``.
    num_classes : int, optional
        K, the number of classes. Default: ``labels.max() + 1``.
    learning_rate : float, optional
        The step size (positive).
    steps : int, optional
        The number of gradient-descent updates (at least 1).
    validation : tuple (X_val, labels_val), optional
        Held-out data whose loss is recorded after every step (never trained on).

    Returns
    -------
    W : numpy.ndarray
        float64, shape (D, K).
    b : numpy.ndarray
        float64, shape (K,).
    history : dict of str to numpy.ndarray
        ``"train"`` (and ``"validation"`` if given): the mean cross-entropy of the model
        before each update and after the last one, ``steps + 1`` values.

    Raises
    ------
    TypeError
        If inputs are not real numbers, labels are not integers, or `num_classes` or
        `steps` is not an int, or `learning_rate` not a real number.
    ValueError
        If `X` is not 2-D, shapes disagree, the training or validation set is empty, a label
        is out of range, `validation` is not a pair, or `learning_rate`, `steps` or
        `num_classes` is not positive.

    Notes
    -----
    Starting from W = 0 and b = 0 (every class gets probability 1/K, the loss is log K),
    each step follows the chain rule through ``Z = X W + b``:

    .. math:: G = \frac{\partial L}{\partial Z} = \frac{P - Y}{N}, \quad
              \frac{\partial L}{\partial W} = X^\top G, \quad
              \frac{\partial L}{\partial b} = \textstyle\sum_n G_n

    and updates ``W -= learning_rate * dW``, ``b -= learning_rate * db``. The loss is
    convex in (W, b), so a small enough step size cannot get stuck in a bad minimum.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import fit_softmax_regression
    >>> X = np.array([[-1.0], [-2.0], [1.0], [2.0]])
    >>> W, b, history = fit_softmax_regression(X, [0, 0, 1, 1], steps=100)
    >>> W.shape, b.shape, history["train"].shape
    ((1, 2), (2,), (101,))
    >>> print(f"{history['train'][0]:.4f} -> {history['train'][-1]:.4f}")
    0.6931 -> 0.0091
    >>> (X @ W + b).argmax(axis=1)
    array([0, 0, 1, 1])
    """
    X, labels = _features_and_labels(X, labels)
    if labels.size == 0:
        raise ValueError("cannot train on an empty training set")
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    k = positive_int(num_classes, "num_classes")
    check_labels_in_range(labels, k)
    learning_rate = positive_real(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise ValueError("validation must be a pair (X_val, labels_val)")
        X_val, labels_val = _features_and_labels(*validation, names=("X_val", "labels_val"))
        if X_val.shape[1] != X.shape[1] or labels_val.size == 0:
            raise ValueError(
                f"X_val must be a non-empty (M, {X.shape[1]}) array like X; got shape {X_val.shape}"
            )
        check_labels_in_range(labels_val, k)

    W, b = np.zeros((X.shape[1], k)), np.zeros(k)
    history = {"train": []} if validation is None else {"train": [], "validation": []}
    for step in range(steps + 1):
        logits = X @ W + b
        history["train"].append(cross_entropy(logits, labels))
        if validation is not None:
            history["validation"].append(cross_entropy(X_val @ W + b, labels_val))
        if step == steps:  # one more evaluation: the last entry is the final model
            break
        grad = cross_entropy_grad(logits, labels)  # (P - Y) / N, one row per example
        W -= learning_rate * (X.T @ grad)  # chain rule through Z = X W + b
        b -= learning_rate * grad.sum(axis=0)
    return W, b, {name: np.array(values) for name, values in history.items()}
