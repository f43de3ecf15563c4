"""Unit tests for gaussian_blobs and fit_softmax_regression."""

import numpy as np
import pytest

from softmax_lib import (
    cross_entropy,
    cross_entropy_grad,
    fit_softmax_regression,
    gaussian_blobs,
    numerical_gradient,
)

CENTERS = np.array([[-2.0, -1.0], [2.0, -1.0], [0.0, 2.0]])


def test_blobs_shapes_labels_and_shuffle():
    X, labels = gaussian_blobs(CENTERS, n_per_class=50, spread=1.0, rng=1)
    assert X.shape == (150, 2) and X.dtype == np.float64
    assert labels.shape == (150,) and np.issubdtype(labels.dtype, np.integer)
    np.testing.assert_array_equal(np.bincount(labels), [50, 50, 50])
    assert not np.all(np.diff(labels) >= 0), "rows are shuffled"
    for c in range(3):  # each cloud sits around its centre
        np.testing.assert_allclose(X[labels == c].mean(axis=0), CENTERS[c], atol=0.5)


def test_blobs_documented_draws_and_generator_state():
    rng = np.random.default_rng(7)
    X, labels = gaussian_blobs(CENTERS, 4, spread=0.5, rng=rng)
    ref = np.random.default_rng(7)
    want_labels = np.repeat(np.arange(3), 4)
    want = CENTERS[want_labels] + 0.5 * ref.standard_normal((12, 2))
    order = ref.permutation(12)
    np.testing.assert_array_equal(X, want[order])
    np.testing.assert_array_equal(labels, want_labels[order])
    assert rng.random() == ref.random(), "the caller's generator advanced by the same draws"


def test_blobs_seed_reproducible_and_zero_spread():
    a = gaussian_blobs(CENTERS, 5, rng=3)
    b = gaussian_blobs(CENTERS, 5, rng=3)
    np.testing.assert_array_equal(a[0], b[0])
    X, labels = gaussian_blobs([[1, 2]], 3, spread=0)  # int centres, one class
    np.testing.assert_array_equal(X, [[1.0, 2.0]] * 3)
    np.testing.assert_array_equal(labels, [0, 0, 0])


def test_blobs_errors():
    with pytest.raises(ValueError, match=r"centers must be 2-D .* got shape \(2,\)"):
        gaussian_blobs([1.0, 2.0], 3)
    with pytest.raises(ValueError, match=r"got shape \(0, 2\)"):
        gaussian_blobs(np.zeros((0, 2)), 3)
    with pytest.raises(TypeError, match="centers must contain real numbers.*dtype <U1"):
        gaussian_blobs([["a", "b"]], 3)
    with pytest.raises(TypeError, match="n_per_class must be an int; got 2.5"):
        gaussian_blobs(CENTERS, 2.5)
    with pytest.raises(ValueError, match="n_per_class must be at least 1; got 0"):
        gaussian_blobs(CENTERS, 0)
    with pytest.raises(ValueError, match="spread must be non-negative and finite; got -1.0"):
        gaussian_blobs(CENTERS, 3, spread=-1.0)
    with pytest.raises(TypeError, match="spread must be a real number; got 'wide'"):
        gaussian_blobs(CENTERS, 3, spread="wide")


def _data():
    X, labels = gaussian_blobs(CENTERS, 40, spread=1.2, rng=0)
    return X[:80], labels[:80], X[80:], labels[80:]


def test_fit_matches_a_hand_written_loop():
    X, labels, X_val, labels_val = _data()
    W, b, history = fit_softmax_regression(
        X, labels, learning_rate=0.3, steps=25, validation=(X_val, labels_val)
    )
    W_ref, b_ref = np.zeros((2, 3)), np.zeros(3)
    for _ in range(25):
        g = cross_entropy_grad(X @ W_ref + b_ref, labels)
        W_ref -= 0.3 * X.T @ g
        b_ref -= 0.3 * g.sum(axis=0)
    np.testing.assert_allclose(W, W_ref, rtol=1e-12)
    np.testing.assert_allclose(b, b_ref, rtol=1e-12)
    assert set(history) == {"train", "validation"}
    assert history["train"].shape == history["validation"].shape == (26,)
    np.testing.assert_allclose(history["train"][-1], cross_entropy(X @ W + b, labels))
    np.testing.assert_allclose(history["validation"][-1], cross_entropy(X_val @ W + b, labels_val))


def test_fit_starts_at_log_k_descends_and_learns():
    X, labels, X_val, labels_val = _data()
    W, b, history = fit_softmax_regression(X, labels, steps=200)
    assert set(history) == {"train"}
    np.testing.assert_allclose(history["train"][0], np.log(3))
    assert np.all(np.diff(history["train"]) <= 1e-12), "small steps on a convex loss only go down"
    assert np.mean((X_val @ W + b).argmax(axis=1) == labels_val) > 0.7  # chance is 1/3


def test_fit_reaches_the_minimum_where_the_gradient_vanishes():
    X, labels, _, _ = _data()
    W, b, _ = fit_softmax_regression(X, labels, learning_rate=1.0, steps=3000)

    def loss(params):
        return cross_entropy(X @ params[:2] + params[2], labels)

    grad = numerical_gradient(loss, np.vstack([W, b]))
    np.testing.assert_allclose(grad, 0.0, atol=1e-5)
    # dL/db = 0 at the minimum: the mean predicted probability of each class is its frequency
    p = np.exp(X @ W + b)
    p /= p.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(p.mean(axis=0), np.bincount(labels) / labels.size, atol=1e-5)


def test_fit_num_classes_and_int_inputs():
    W, b, _ = fit_softmax_regression([[0], [1]], [0, 1], num_classes=4, steps=3)
    assert W.shape == (1, 4) and b.shape == (4,)
    assert b[2] == b[3] < 0, "classes never seen are pushed down equally"


def test_fit_errors():
    X, labels = np.zeros((4, 2)), np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"X must be 2-D .* got shape \(4,\)"):
        fit_softmax_regression(np.zeros(4), labels)
    with pytest.raises(ValueError, match=r"labels must have shape \(4,\).*got shape \(3,\)"):
        fit_softmax_regression(X, labels[:3])
    with pytest.raises(TypeError, match="labels must be integers.*dtype float64"):
        fit_softmax_regression(X, labels.astype(float))
    with pytest.raises(TypeError, match="X must contain real numbers.*complex128"):
        fit_softmax_regression(X + 0j, labels)
    with pytest.raises(ValueError, match="empty training set"):
        fit_softmax_regression(np.zeros((0, 2)), np.array([], dtype=int))
    with pytest.raises(ValueError, match="label 2 is out of range for 2 classes"):
        fit_softmax_regression(X, [0, 1, 2, 0], num_classes=2)
    with pytest.raises(ValueError, match="label -1"):
        fit_softmax_regression(X, [0, 1, -1, 0])
    with pytest.raises(TypeError, match="num_classes must be an int; got 2.0"):
        fit_softmax_regression(X, labels, num_classes=2.0)
    with pytest.raises(ValueError, match="learning_rate must be positive and finite; got 0"):
        fit_softmax_regression(X, labels, learning_rate=0)
    with pytest.raises(ValueError, match="learning_rate must be positive and finite; got inf"):
        fit_softmax_regression(X, labels, learning_rate=np.inf)
    with pytest.raises(TypeError, match="learning_rate must be a real number; got True"):
        fit_softmax_regression(X, labels, learning_rate=True)
    with pytest.raises(ValueError, match="steps must be at least 1; got 0"):
        fit_softmax_regression(X, labels, steps=0)
    with pytest.raises(TypeError, match="steps must be an int; got 10.0"):
        fit_softmax_regression(X, labels, steps=10.0)


def test_fit_validation_errors():
    X, labels = np.zeros((4, 2)), np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"validation must be a pair \(X_val, labels_val\)"):
        fit_softmax_regression(X, labels, validation=X)
    with pytest.raises(ValueError, match=r"X_val must be a non-empty \(M, 2\) array.*\(3, 3\)"):
        fit_softmax_regression(X, labels, validation=(np.zeros((3, 3)), [0, 1, 0]))
    with pytest.raises(ValueError, match=r"X_val must be a non-empty .*\(0, 2\)"):
        fit_softmax_regression(X, labels, validation=(np.zeros((0, 2)), np.array([], dtype=int)))
    with pytest.raises(ValueError, match=r"labels_val must have shape \(2,\)"):
        fit_softmax_regression(X, labels, validation=(np.zeros((2, 2)), [0]))
    with pytest.raises(ValueError, match="label 5 is out of range for 2 classes"):
        fit_softmax_regression(X, labels, validation=(np.zeros((1, 2)), [5]))
