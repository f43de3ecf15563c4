"""Calibration: do softmax confidences match how often the model is right?"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import examples_and_labels, positive_int, positive_real
from .losses import cross_entropy

__all__ = ["reliability_bins", "expected_calibration_error", "fit_temperature"]


def reliability_bins(
    probs: ArrayLike, labels: ArrayLike, n_bins: int = 10
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Mean confidence, accuracy and number of predictions in each confidence bin.

    The numbers behind a reliability diagram: predictions are grouped by their confidence
    (the largest probability of their row) into `n_bins` equal-width bins over [0, 1].

    Built by hand in notebook 08 (`reliability_by_hand`).

    Parameters
    ----------
    probs : array_like, shape (N, K)
        Predicted probabilities, one row per example (for instance ``softmax(logits)``).
    labels : array_like of int, shape (N,)
        The true classes, in ``0 .. K-1``.
    n_bins : int, optional
        The number of bins M (at least 1).

    Returns
    -------
    confidence : numpy.ndarray
        Shape (M,): the mean confidence of the predictions in each bin (NaN if empty).
    accuracy : numpy.ndarray
        Shape (M,): the fraction of them whose argmax is the true class (NaN if empty).
    count : numpy.ndarray
        Shape (M,), int: how many predictions fall in each bin.

    Raises
    ------
    TypeError
        If `probs` are not real numbers, labels are not integers or `n_bins` is not an int.
    ValueError
        If `probs` is not 2-D, holds a value outside [0, 1] or NaN (logits passed by
        mistake?), `labels` do not match its rows or lie outside ``0 .. K-1``, or
        `n_bins` < 1.

    Notes
    -----
    Bin m (m = 1 .. M) holds the predictions with confidence in :math:`((m-1)/M, m/M]`
    (the first bin also holds 0):

    .. math:: \mathrm{conf}(B_m) = \frac{1}{|B_m|}\sum_{i \in B_m} \max_k p_{ik}, \qquad
              \mathrm{acc}(B_m) = \frac{1}{|B_m|}\sum_{i \in B_m} [\hat y_i = y_i]

    A calibrated model has ``accuracy == confidence`` in every bin. With K classes the
    confidence is at least 1/K, so the bins below 1/K stay empty.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import reliability_bins
    >>> probs = [[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.6, 0.4]]
    >>> confidence, accuracy, count = reliability_bins(probs, [0, 0, 1, 0], n_bins=5)
    >>> confidence
    array([ nan,  nan, 0.6 , 0.75, 0.9 ])
    >>> accuracy
    array([nan, nan, 1. , 0.5, 1. ])
    >>> count
    array([0, 0, 1, 2, 1])
    """
    probs, labels = examples_and_labels(
        probs, labels, ("probs", "labels"), columns_are_classes=True
    )
    n_bins = positive_int(n_bins, "n_bins")
    outside = np.isnan(probs) | (probs < 0) | (probs > 1)
    if outside.any():
        raise ValueError(
            f"probs must be probabilities in [0, 1] (logits? apply softmax first); "
            f"got {float(probs[outside].flat[0])}"
        )
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    inner_edges = np.linspace(0.0, 1.0, n_bins + 1)[1:-1]
    which = np.searchsorted(inner_edges, confidence, side="left")  # bin m holds (m-1)/M < c <= m/M
    count = np.bincount(which, minlength=n_bins)

    def mean_per_bin(values: np.ndarray) -> np.ndarray:
        total = np.bincount(which, weights=values, minlength=n_bins)
        return np.divide(total, count, out=np.full(n_bins, np.nan), where=count > 0)

    return mean_per_bin(confidence), mean_per_bin(correct.astype(np.float64)), count


def expected_calibration_error(probs: ArrayLike, labels: ArrayLike, n_bins: int = 10) -> float:
    r"""Expected calibration error (ECE): the average gap between confidence and accuracy.

    Built by hand in notebook 08 (`ece_by_hand`).

    Parameters
    ----------
    probs : array_like, shape (N, K)
        Predicted probabilities, one row per example.
    labels : array_like of int, shape (N,)
        The true classes.
    n_bins : int, optional
        The number of equal-width confidence bins M (at least 1).

    Returns
    -------
    float
        In [0, 1]; 0 means confidence equals accuracy in every bin.

    Raises
    ------
    TypeError, ValueError
        As `reliability_bins`; also a `ValueError` for an empty set (N = 0).

    Notes
    -----
    With the bins of `reliability_bins` (Guo et al., 2017, arXiv:1706.04599):

    .. math:: \mathrm{ECE} = \sum_{m=1}^{M} \frac{|B_m|}{N}
              \left|\mathrm{acc}(B_m) - \mathrm{conf}(B_m)\right|

    Each bin's gap is weighted by its share of the predictions; empty bins add nothing.
    The value depends on M, and a small N leaves a noisy estimate in each bin.

    Examples
    --------
    >>> from softmax_lib import expected_calibration_error
    >>> probs = [[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.6, 0.4]]
    >>> print(f"{expected_calibration_error(probs, [0, 0, 1, 0], n_bins=5):.4f}")
    0.2500
    """
    confidence, accuracy, count = reliability_bins(probs, labels, n_bins)
    if count.sum() == 0:
        raise ValueError("the ECE of an empty set of predictions is undefined")
    filled = count > 0
    gaps = np.abs(accuracy[filled] - confidence[filled])
    return float(np.sum(count[filled] * gaps) / count.sum())


def fit_temperature(
    logits: ArrayLike, labels: ArrayLike, bounds: tuple[float, float] = (0.05, 20.0)
) -> float:
    r"""The temperature T that minimises the cross-entropy of ``softmax(logits / T)``.

    Temperature scaling (Guo et al., 2017): fit this one number on held-out data, never on
    the training data, then use ``softmax(logits / T)`` as the calibrated probabilities.

    Built by hand in notebook 08 (`nll_at_temperature`).

    Parameters
    ----------
    logits : array_like, shape (N, K)
        The model's logits on held-out examples.
    labels : array_like of int, shape (N,)
        Their true classes.
    bounds : tuple of float, optional
        ``(low, high)``, with 0 < low < high, both finite: the interval searched.

    Returns
    -------
    float
        T in `bounds`. T > 1 softens an over-confident model, T < 1 sharpens an
        under-confident one; the argmax, hence the accuracy, is the same for every T > 0.

    Raises
    ------
    TypeError, ValueError
        As `cross_entropy` for the logits and labels; also if `logits` is not 2-D or empty,
        or `bounds` is not a pair of positive, finite, increasing numbers.
    ImportError
        If SciPy is not installed (the search is ``scipy.optimize.minimize_scalar``).

    Notes
    -----
    .. math:: T^\ast = \arg\min_{T > 0} \; -\frac{1}{N}\sum_{n} \log
              \mathrm{softmax}(z_n / T)_{y_n}

    With :math:`\beta = 1/T` the loss is convex in :math:`\beta` (log-sum-exp of a linear
    function minus a linear one), so as a function of T it has a single minimum and a
    bounded scalar search (Brent's method) finds it. If every held-out prediction is
    correct, the loss keeps falling as T -> 0 and the result sits at the lower bound: a
    sign that the data are too few or were seen in training.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import fit_temperature
    >>> logits = [[2.0, 0.0], [0.0, 2.0], [2.0, 0.0], [0.0, 2.0]]
    >>> T = fit_temperature(logits, [0, 1, 0, 0])  # right 3 times in 4: want sigmoid(2/T) = 3/4
    >>> print(f"{T:.4f} {2 / np.log(3):.4f}")
    1.8205 1.8205
    """
    logits, labels = examples_and_labels(
        logits, labels, ("logits", "labels"), columns_are_classes=True
    )
    if labels.size == 0:
        raise ValueError("cannot fit a temperature on an empty set")
    if not isinstance(bounds, (tuple, list)) or len(bounds) != 2:
        raise ValueError(f"bounds must be a pair (low, high); got {bounds!r}")
    low, high = (positive_real(t, "each bound") for t in bounds)
    if not low < high:
        raise ValueError(f"bounds must satisfy low < high; got {bounds!r}")
    from scipy.optimize import minimize_scalar  # SciPy only for this search

    def nll(t: float) -> float:
        return cross_entropy(logits / t, labels)

    result = minimize_scalar(nll, bounds=(low, high), method="bounded", options={"xatol": 1e-6})
    return float(result.x)
