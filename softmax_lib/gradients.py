"""Derivatives: the softmax Jacobian and a finite-difference check for any gradient."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, positive_real
from .activations import softmax

__all__ = ["softmax_jacobian", "numerical_gradient"]


def softmax_jacobian(x: ArrayLike) -> np.ndarray:
    r"""Jacobian of `softmax` along the last axis: ``J = diag(p) - p p^T``.

    Built by hand in notebook 05 (`jacobian_by_hand`).

    Parameters
    ----------
    x : array_like
        Logits, classes along the last axis: shape (K,) or a batch (..., K).

    Returns
    -------
    numpy.ndarray
        Shape (K, K) for 1-D input, (..., K, K) for a batch: ``J[..., i, j] = dp_i / dx_j``.

    Raises
    ------
    TypeError
        If `x` is not real-valued.
    ValueError
        If `x` is a scalar (no class axis).

    Notes
    -----
    .. math:: \frac{\partial p_i}{\partial x_j} = p_i(\delta_{ij} - p_j)

    J is symmetric, its rows sum to 0 (the outputs always sum to 1) and it is singular:
    ``J @ ones = 0``, because adding a constant to every logit changes nothing.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import softmax_jacobian
    >>> np.round(softmax_jacobian([0.0, 0.0]), 4)
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    x = as_float_array(x)
    if x.ndim == 0:
        raise ValueError("softmax_jacobian needs a class axis; got a scalar")
    p = softmax(x, axis=-1)
    jac = -p[..., :, None] * p[..., None, :]
    k = np.arange(p.shape[-1])
    jac[..., k, k] += p
    return jac


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: ArrayLike, eps: float = 1e-6
) -> np.ndarray:
    r"""Central-difference gradient of a scalar function `f` at `x`, for gradient checks.

    Built by hand in notebook 05 (`central_difference`).

    Parameters
    ----------
    f : callable
        Takes an array shaped like `x` and returns a scalar.
    x : array_like
        Where to differentiate. Not modified: `f` is evaluated on a float64 copy.
    eps : float, optional
        Step size (positive). 1e-6 balances truncation error (~eps^2) against rounding
        error (~1e-16 / eps) in float64.

    Returns
    -------
    numpy.ndarray
        float64, same shape as `x`.

    Raises
    ------
    TypeError
        If `x` is not real-valued or `f` is not callable.
    ValueError
        If `eps` is not positive and finite, or `f` does not return a scalar.

    Notes
    -----
    .. math::

        \frac{\partial f}{\partial x_i}
        \approx \frac{f(x + \epsilon e_i) - f(x - \epsilon e_i)}{2\epsilon}

    Costs 2 evaluations of `f` per entry of `x`: fine for checking, far too slow for training.

    Examples
    --------
    >>> import numpy as np
    >>> from softmax_lib import numerical_gradient
    >>> np.round(numerical_gradient(lambda v: np.sum(v ** 2), [1.0, -2.0]), 6)
    array([ 2., -4.])
    """
    if not callable(f):
        raise TypeError(f"f must be callable; got {type(f).__name__}")
    eps = positive_real(eps, "eps")
    xc = np.array(as_float_array(x), dtype=np.float64)  # a copy: the caller's x stays as it was

    def value(v):
        out = np.asarray(f(v))
        if out.size != 1:
            raise ValueError(f"f must return a scalar; got an array of shape {out.shape}")
        return float(out.reshape(()))

    grad = np.empty_like(xc)
    flat, gflat = xc.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        orig = flat[i]
        flat[i] = orig + eps
        up = value(xc)
        flat[i] = orig - eps
        down = value(xc)
        flat[i] = orig
        gflat[i] = (up - down) / (2 * eps)
    return grad
