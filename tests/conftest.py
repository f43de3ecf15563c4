"""Shared fixtures. (Every RuntimeWarning is already an error: pyproject.toml's filterwarnings.)"""

import numpy as np
import pytest


@pytest.fixture
def rng():
    """A fresh generator with the same seed in every test: data never depend on test order."""
    return np.random.default_rng(0)


@pytest.fixture
def logits_3d(rng):
    """A (4, 5, 6) array of logits of scale 5: three axes of different lengths."""
    return rng.normal(scale=5.0, size=(4, 5, 6))
