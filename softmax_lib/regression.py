"""Softmax regression: a linear classifier trained with cross-entropy and gradient descent."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    check_labels_in_range,
    examples_and_labels,
    non_negative_real,
    positive_int,
    positive_real,
)
from .losses import cross_entropy, cross_entropy_grad

__all__ = ["gaussian_blobs", "fit_softmax_regression"]


def gaussian_blobs(
    centers: ArrayLike,
    n_per_class: int,
    spread: float = 1.0,
    rng: np.random.Generator | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""A labelled toy data set: a cloud of Gaussian points around each centre, shuffled.

    Used in notebooks 07 and 08.

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
    spread = non_negative_real(spread, "spread")
    rng = np.random.default_rng(rng)
    labels = np.repeat(np.arange(centers.shape[0]), n)  # 0, 0, ..., 1, 1, ..., K-1
    X = centers[labels] + spread * rng.standard_normal((labels.size, centers.shape[1]))
    order = rng.permutation(labels.size)
    return X[order], labels[order]


def _validation_set(validation, num_features: int, num_classes: int):
    """Return ``(X_val, labels_val)`` checked against the training data's shape, or raise."""
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise ValueError("validation must be a pair (X_val, labels_val)")
    X_val, labels_val = examples_and_labels(*validation, names=("X_val", "labels_val"))
    if X_val.shape[1] != num_features or labels_val.size == 0:
        raise ValueError(
            f"X_val must be a non-empty (M, {num_features}) array like X; got shape {X_val.shape}"
        )
    check_labels_in_range(labels_val, num_classes)
    return X_val, labels_val


def fit_softmax_regression(
    X: ArrayLike,
    labels: ArrayLike,
    num_classes: int | None = None,
    *,
    learning_rate: float = 0.5,
    steps: int = 300,
    l2: float = 0.0,
    batch_size: int | None = None,
    seed: int | np.random.Generator | None = 0,
    validation: tuple[ArrayLike, ArrayLike] | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    r"""Train ``logits = X @ W + b`` by gradient descent on the mean cross-entropy plus L2.

    Built by hand in notebook 07 (`loss_and_grads`).

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
        The number of updates (at least 1).
    l2 : float, optional
        The strength of the penalty ``l2 / 2 * ||W||^2`` (non-negative; the bias is not
        penalised). Default 0: plain cross-entropy.
    batch_size : int, optional
        Rows per update, in ``1 .. N``. Default None: every update uses all N rows
        (full-batch gradient descent).
    seed : int or numpy.random.Generator or None, optional
        Seeds ``np.random.default_rng(seed)``, which draws the minibatches: the same seed gives
        the same weights. Unused for full batches.
    validation : tuple (X_val, labels_val), optional
        Held-out data whose objective is recorded after every step (never trained on).

    Returns
    -------
    W : numpy.ndarray
        float64, shape (D, K).
    b : numpy.ndarray
        float64, shape (K,).
    history : dict of str to numpy.ndarray
        ``"train"`` (and ``"validation"`` if given): the objective (mean cross-entropy plus
        the penalty) on all of that data, before each update and after the last one,
        ``steps + 1`` values. The penalty is the same in both, so the gap between them is
        the gap in cross-entropy. (To compare models trained with different `l2`, compare
        their `cross_entropy` on held-out data: the penalty says nothing about new data.)

    Raises
    ------
    TypeError
        If inputs are not real numbers, labels are not integers, `num_classes`, `steps` or
        `batch_size` is not an int, or `learning_rate` or `l2` is not a real number.
    ValueError
        If `X` is not 2-D, shapes disagree, the training or validation set is empty, a label
        is out of range, `validation` is not a pair, `learning_rate`, `steps` or
        `num_classes` is not positive, `l2` is negative or not finite, or `batch_size` is
        not in ``1 .. N``.

    Notes
    -----
    The objective is the mean cross-entropy of the N rows plus an L2 penalty on the weights,
    with :math:`\lambda` = `l2`:

    .. math:: L(W, b) = \frac{1}{N} \sum_n \big(\operatorname{logsumexp}(z_n) - z_{n, y_n}\big)
              + \frac{\lambda}{2} \lVert W \rVert^2, \qquad z_n = x_n W + b .

    Starting from W = 0 and b = 0 (every class gets probability 1/K, the loss is log K),
    each step takes a batch of B rows (all N of them, or ``rng.choice(N, size=batch_size,
    replace=False)``: distinct rows, drawn afresh for every step) and follows the chain rule
    through ``Z = X W + b``:

    .. math:: G = \frac{\partial L}{\partial Z} = \frac{P - Y}{B}, \quad
              \frac{\partial L}{\partial W} = X^\top G + \lambda W, \quad
              \frac{\partial L}{\partial b} = \textstyle\sum_n G_n

    then updates ``W -= learning_rate * dW``, ``b -= learning_rate * db``. The history is
    measured on all the rows after every step, which costs more than a small minibatch
    update itself.

    The objective is convex in (W, b). Adding one vector to every column of W changes no
    probability, so without the penalty the minimisers (if any) form a whole family, and
    with classes that a linear rule separates there is no minimum at all: the weights grow
    without end. With ``l2 > 0`` (and every class among the labels) there is exactly one
    minimising W, b unique up to a constant added to every entry, the minimiser that
    ``sklearn.linear_model.LogisticRegression(C=1 / (l2 * N))`` finds.

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

    The penalty keeps the weights small, and minibatches of 2 rows give the same weights
    for the same seed:

    >>> W2, _, _ = fit_softmax_regression(X, [0, 0, 1, 1], steps=100, l2=0.1)
    >>> print(f"|W| without L2 {np.abs(W).max():.4f}, with l2=0.1 {np.abs(W2).max():.4f}")
    |W| without L2 2.0090, with l2=0.1 0.9236
    >>> runs = [fit_softmax_regression(X, [0, 0, 1, 1], batch_size=2, seed=1)[0] for _ in "ab"]
    >>> np.array_equal(*runs)
    True
    """
    X, labels = examples_and_labels(X, labels)
    n = labels.size
    if n == 0:
        raise ValueError("cannot train on an empty training set")
    if num_classes is None:
        num_classes = int(labels.max()) + 1
    k = positive_int(num_classes, "num_classes")
    check_labels_in_range(labels, k)
    learning_rate = positive_real(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    l2 = non_negative_real(l2, "l2")
    if batch_size is not None:
        batch_size = positive_int(batch_size, "batch_size")
        if batch_size > n:
            raise ValueError(
                f"batch_size must be at most N = {n} (the training rows); got {batch_size}"
            )
    if validation is not None:
        X_val, labels_val = _validation_set(validation, X.shape[1], k)
    rng = np.random.default_rng(seed)

    def objective(logits, y, W):
        return cross_entropy(logits, y) + 0.5 * l2 * np.sum(W * W)  # the bias is not penalised

    W, b = np.zeros((X.shape[1], k)), np.zeros(k)
    history = {"train": []} if validation is None else {"train": [], "validation": []}
    for step in range(steps + 1):
        logits = X @ W + b
        history["train"].append(objective(logits, labels, W))
        if validation is not None:
            history["validation"].append(objective(X_val @ W + b, labels_val, W))
        if step == steps:  # one more evaluation: the last entry is the final model
            break
        if batch_size is None:  # full batch: reuse the logits just computed
            Xb, yb, logits_b = X, labels, logits
        else:  # a fresh random minibatch of distinct rows
            rows = rng.choice(n, size=batch_size, replace=False)
            Xb, yb = X[rows], labels[rows]
            logits_b = Xb @ W + b
        grad = cross_entropy_grad(logits_b, yb)  # (P - Y) / B, one row per example
        W -= learning_rate * (Xb.T @ grad + l2 * W)  # chain rule through Z = X W + b, plus L2
        b -= learning_rate * grad.sum(axis=0)
    return W, b, {name: np.array(values) for name, values in history.items()}
