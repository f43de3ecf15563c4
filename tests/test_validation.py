"""The shared input checks: every public function's errors come from these."""

import numpy as np
import pytest
from numpy.exceptions import AxisError

from softmax_lib._validation import (
    examples_and_labels,
    non_negative_real,
    normalize_axes,
    positive_real,
)


def test_normalize_axes():
    assert normalize_axes(None, 3) == (0, 1, 2)
    assert normalize_axes(-1, 3) == (2,)
    assert normalize_axes((2, 0), 3) == (0, 2)
    assert normalize_axes((np.int64(-1),), 2) == (1,)
    assert normalize_axes(None, 0) == ()
    with pytest.raises(AxisError, match="axis 3 is out of bounds for array of dimension 3"):
        normalize_axes((0, 3), 3)
    with pytest.raises(ValueError, match=r"axis=\(0, -3\) names axis 0 twice"):
        normalize_axes((0, -3), 3)
    with pytest.raises(TypeError, match=r"a tuple of ints or None; got \[0, 1\]"):
        normalize_axes([0, 1], 3)


def test_non_negative_and_positive_reals():
    assert non_negative_real(0, "spread") == 0.0
    assert positive_real(2, "eps") == 2.0
    with pytest.raises(ValueError, match="spread must be non-negative and finite; got -1"):
        non_negative_real(-1, "spread")
    with pytest.raises(ValueError, match="eps must be positive and finite; got 0"):
        positive_real(0, "eps")
    with pytest.raises(TypeError, match="spread must be a real number; got True"):
        non_negative_real(True, "spread")


def test_examples_and_labels_for_features():
    X, labels = examples_and_labels([[1, 2], [3, 4], [5, 6]], [0, 7, 2])
    assert X.dtype == np.float64 and X.shape == (3, 2) and labels.tolist() == [0, 7, 2]
    X, labels = examples_and_labels(np.zeros((0, 2)), [])
    assert X.shape == (0, 2) and labels.shape == (0,)
    with pytest.raises(ValueError, match=r"X must be 2-D \(N examples x D features\)"):
        examples_and_labels(np.zeros(3), [0, 1, 2])
    with pytest.raises(
        ValueError, match=r"labels_val must have shape \(2,\), one per row of X_val"
    ):
        examples_and_labels(np.zeros((2, 2)), [0], ("X_val", "labels_val"))
    with pytest.raises(TypeError, match="labels must be integers .* dtype float64"):
        examples_and_labels(np.zeros((2, 2)), [0.0, 1.0])


def test_examples_and_labels_for_classes():
    probs = np.full((2, 3), 1 / 3)
    assert examples_and_labels(probs, [0, 2], ("probs", "labels"), columns_are_classes=True)
    with pytest.raises(ValueError, match=r"probs must be 2-D \(N examples x K classes\)"):
        examples_and_labels(np.zeros((2, 0)), [0, 0], ("probs", "y"), columns_are_classes=True)
    with pytest.raises(ValueError, match="label 3 is out of range for 3 classes"):
        examples_and_labels(probs, [0, 3], ("probs", "labels"), columns_are_classes=True)
