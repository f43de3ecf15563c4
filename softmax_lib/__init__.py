"""softmax_lib: the small, readable reference library behind the softmax notebooks.

Each notebook builds an idea from scratch, then points here for the version that does it
properly; every public function's docstring names the notebook (and the function) that
builds it by hand. Everything is importable from the package itself::

    from softmax_lib import softmax, log_softmax, cross_entropy
"""

from .activations import hardmax, log_softmax, logsumexp, naive_softmax, sigmoid, softmax
from .calibration import expected_calibration_error, fit_temperature, reliability_bins
from .gradients import numerical_gradient, softmax_jacobian
from .losses import cross_entropy, cross_entropy_grad, one_hot
from .online import online_softmax
from .regression import fit_softmax_regression, gaussian_blobs

__version__ = "0.1.0"

__all__ = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "naive_softmax",
    "sigmoid",
    "hardmax",
    "one_hot",
    "cross_entropy",
    "cross_entropy_grad",
    "softmax_jacobian",
    "numerical_gradient",
    "online_softmax",
    "gaussian_blobs",
    "fit_softmax_regression",
    "reliability_bins",
    "expected_calibration_error",
    "fit_temperature",
]
