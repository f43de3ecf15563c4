"""Unit tests for softmax_jacobian and numerical_gradient."""

import numpy as np
import pytest

from softmax_lib import numerical_gradient, softmax, softmax_jacobian

Z = np.array([1.0, 3.0, 2.0, -0.5])


def test_jacobian_formula_and_properties():
    p = softmax(Z)
    jac = softmax_jacobian(Z)
    np.testing.assert_allclose(jac, np.diag(p) - np.outer(p, p), rtol=1e-15)
    np.testing.assert_allclose(jac, jac.T)
    np.testing.assert_allclose(jac.sum(axis=1), 0.0, atol=1e-16)
    np.testing.assert_allclose(jac @ np.ones(4), 0.0, atol=1e-16)
    assert np.linalg.matrix_rank(jac) == 3


def test_jacobian_matches_finite_differences():
    jac = softmax_jacobian(Z)
    for i in range(4):
        num = numerical_gradient(lambda v, i=i: softmax(v)[i], Z)
        np.testing.assert_allclose(jac[i], num, atol=1e-9)


def test_jacobian_batch():
    batch = np.random.default_rng(4).normal(size=(2, 3, 5))
    jac = softmax_jacobian(batch)
    assert jac.shape == (2, 3, 5, 5)
    np.testing.assert_allclose(jac[1, 2], softmax_jacobian(batch[1, 2]), rtol=1e-15)


def test_jacobian_errors():
    with pytest.raises(ValueError, match="scalar"):
        softmax_jacobian(1.0)
    with pytest.raises(TypeError, match="dtype"):
        softmax_jacobian(["a"])


def test_numerical_gradient_does_not_change_x_and_keeps_shape():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    g = numerical_gradient(lambda v: np.sum(v**3), x)
    np.testing.assert_array_equal(x, before)
    assert g.shape == x.shape
    np.testing.assert_allclose(g, 3 * x**2, rtol=1e-8)


def test_numerical_gradient_of_int_input_and_read_only_input():
    x = np.arange(3)
    x.setflags(write=False)
    np.testing.assert_allclose(numerical_gradient(lambda v: v @ v, x), 2 * x, atol=1e-7)


def test_numerical_gradient_errors():
    with pytest.raises(ValueError, match="scalar"):
        numerical_gradient(lambda v: v, [1.0, 2.0])
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(np.sum, [1.0], eps=0.0)
    with pytest.raises(TypeError, match="eps"):
        numerical_gradient(np.sum, [1.0], eps="small")
    with pytest.raises(TypeError, match="callable"):
        numerical_gradient(3, [1.0])
