"""Unit tests for one_hot, cross_entropy and cross_entropy_grad."""

import numpy as np
import pytest

from softmax_lib import (
    cross_entropy,
    cross_entropy_grad,
    log_softmax,
    numerical_gradient,
    one_hot,
    softmax,
)

LABELS = np.array([0, 3, 1, 1, 2, 0])


@pytest.fixture
def Z():
    """Six rows of logits for four classes, scale 3 (LABELS are their classes)."""
    return np.random.default_rng(3).normal(scale=3.0, size=(6, 4))


def test_one_hot():
    np.testing.assert_array_equal(one_hot([0, 2, 1], 3), [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    assert one_hot(np.array([[0, 1]]), 2).shape == (1, 2, 2)
    assert one_hot([], 3).shape == (0, 3)
    assert one_hot([1], 2).dtype == np.float64


def test_one_hot_errors():
    with pytest.raises(ValueError, match="label 3 .* 3 classes"):
        one_hot([0, 3], 3)
    with pytest.raises(ValueError, match="label -1"):
        one_hot([-1], 3)
    with pytest.raises(TypeError, match="dtype float64"):
        one_hot([0.0, 1.0], 3)
    with pytest.raises(TypeError, match="dtype bool"):
        one_hot([True], 3)
    with pytest.raises(ValueError, match="num_classes"):
        one_hot([0], 0)
    with pytest.raises(TypeError, match="num_classes"):
        one_hot([0], 3.0)


def test_worked_example():
    assert f"{cross_entropy([1.0, 3.0, 2.0], 1):.4f}" == "0.4076"
    np.testing.assert_allclose(
        cross_entropy([1.0, 3.0, 2.0], 1), -np.log(softmax([1.0, 3.0, 2.0])[1])
    )


def test_labels_and_one_hot_targets_agree(Z):
    a = cross_entropy(Z, LABELS, reduction="none")
    b = cross_entropy(Z, one_hot(LABELS, 4), reduction="none")
    np.testing.assert_allclose(a, b, rtol=1e-14)
    np.testing.assert_allclose(a, -log_softmax(Z)[np.arange(6), LABELS], rtol=1e-14)
    np.testing.assert_allclose(cross_entropy(Z, LABELS), a.mean())
    np.testing.assert_allclose(cross_entropy(Z, LABELS, reduction="sum"), a.sum())


def test_int_one_hot_rows_count_as_probabilities(Z):
    y = np.eye(4, dtype=int)[LABELS]
    np.testing.assert_allclose(cross_entropy(Z, y), cross_entropy(Z, LABELS))


def test_class_axis(Z):
    np.testing.assert_allclose(
        cross_entropy(Z.T, LABELS, axis=0, reduction="none"),
        cross_entropy(Z, LABELS, reduction="none"),
    )
    y = one_hot(LABELS, 4)
    np.testing.assert_allclose(cross_entropy(Z.T, y.T, axis=0), cross_entropy(Z, y))


def test_soft_targets(Z):
    y = np.full((6, 4), 0.1 / 4) + 0.9 * one_hot(LABELS, 4)  # label smoothing, eps = 0.1
    want = -(y * log_softmax(Z)).sum(axis=-1).mean()
    np.testing.assert_allclose(cross_entropy(Z, y), want, rtol=1e-14)


def test_finite_for_extreme_logits_and_masked_classes():
    z = np.array([[1000.0, -1000.0, 0.0], [0.0, -np.inf, 1.0]])
    loss = cross_entropy(z, [1, 2], reduction="none")
    np.testing.assert_allclose(loss, [2000.0, -log_softmax([0.0, 1.0])[1]])
    # a masked class with target 0 contributes nothing (0 * -inf would be NaN)
    assert np.isfinite(cross_entropy(z, [[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]]))


def test_float32_logits_keep_their_dtype(Z):
    assert cross_entropy(Z.astype(np.float32), LABELS).dtype == np.float32


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_gradient_is_p_minus_y_and_matches_finite_differences(reduction, Z):
    g = cross_entropy_grad(Z, LABELS, reduction=reduction)
    num = numerical_gradient(lambda v: cross_entropy(v, LABELS, reduction=reduction), Z)
    np.testing.assert_allclose(g, num, rtol=1e-6, atol=1e-9)
    scale = 1 / 6 if reduction == "mean" else 1.0
    np.testing.assert_allclose(g, scale * (softmax(Z) - one_hot(LABELS, 4)), rtol=1e-14)
    np.testing.assert_allclose(g.sum(axis=-1), 0.0, atol=1e-15)


def test_gradient_with_soft_targets_and_none(Z):
    y = softmax(Z[::-1])
    np.testing.assert_allclose(
        cross_entropy_grad(Z, y, reduction="none"), softmax(Z) - y, rtol=1e-14
    )
    num = numerical_gradient(lambda v: cross_entropy(v, y), Z)
    np.testing.assert_allclose(cross_entropy_grad(Z, y), num, rtol=1e-6, atol=1e-9)


def test_gradient_of_a_single_row():
    np.testing.assert_allclose(
        cross_entropy_grad([1.0, 3.0, 2.0], 1), softmax([1.0, 3.0, 2.0]) - [0, 1, 0], rtol=1e-14
    )


@pytest.mark.parametrize("func", [cross_entropy, cross_entropy_grad])
def test_errors(func, Z):
    with pytest.raises(ValueError, match="label 4 .* 4 classes"):
        func(Z, [0, 1, 2, 3, 4, 0])
    with pytest.raises(ValueError, match="label -1"):
        func(Z, [0, 1, 2, 3, -1, 0])
    with pytest.raises(TypeError, match="dtype float64"):
        func(Z, LABELS.astype(float))
    with pytest.raises(ValueError, match="fits neither form"):
        func(Z, [0, 1, 2])
    with pytest.raises(ValueError, match="fits neither form"):
        func(Z, np.zeros((6, 3)))
    with pytest.raises(ValueError, match="non-negative"):
        func(Z, np.full((6, 4), 0.5) - one_hot(LABELS, 4))
    with pytest.raises(ValueError, match="sum to 1"):
        func(Z, np.full((6, 4), 0.5))
    with pytest.raises(ValueError, match="reduction"):
        func(Z, LABELS, reduction="average")
    with pytest.raises(ValueError, match="empty batch"):
        func(np.empty((0, 4)), np.empty(0, dtype=int))
    with pytest.raises(TypeError, match="dtype <U1"):
        func(["a", "b"], 0)


def test_target_rows_may_be_off_by_the_rounding_of_their_dtype():
    # 100 eps: 1.2e-5 in float32, but 1e-6 in float64 (rows written with six decimals)
    y = np.full((2, 4), 0.25)
    y[:, 0] -= 5e-6
    z = np.zeros((2, 4))
    np.testing.assert_allclose(cross_entropy(z, y.astype(np.float32)), np.log(4), rtol=1e-5)
    with pytest.raises(ValueError, match="a row sums to 0.999995"):
        cross_entropy(z, y)
