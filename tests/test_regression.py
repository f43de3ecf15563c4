"""Unit tests for gaussian_blobs and fit_softmax_regression."""

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from softmax_lib import (
    cross_entropy,
    cross_entropy_grad,
    fit_softmax_regression,
    gaussian_blobs,
    numerical_gradient,
    softmax,
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


def objective(X, labels, W, b, l2):
    """What fit_softmax_regression minimises, written out independently."""
    return cross_entropy(X @ W + b, labels) + l2 / 2 * np.sum(W**2)


@pytest.mark.parametrize("l2", [0.0, 0.1])
def test_fit_reaches_the_minimum_where_the_gradient_vanishes(l2):
    X, labels, _, _ = _data()
    W, b, history = fit_softmax_regression(X, labels, learning_rate=1.0, steps=3000, l2=l2)
    np.testing.assert_allclose(history["train"][-1], objective(X, labels, W, b, l2), rtol=1e-12)

    def loss(params):
        return objective(X, labels, params[:2], params[2], l2)

    grad = numerical_gradient(loss, np.vstack([W, b]))
    np.testing.assert_allclose(grad, 0.0, atol=1e-5)
    # dL/db = 0 at the minimum: the mean predicted probability of each class is its frequency
    p = np.exp(X @ W + b)
    p /= p.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(p.mean(axis=0), np.bincount(labels) / labels.size, atol=1e-5)


def test_fit_records_the_penalised_objective():
    X, labels, X_val, labels_val = _data()
    W, b, history = fit_softmax_regression(
        X, labels, steps=20, l2=0.3, validation=(X_val, labels_val)
    )
    np.testing.assert_allclose(history["train"][0], np.log(3))  # W = 0: no penalty yet
    np.testing.assert_allclose(history["train"][-1], objective(X, labels, W, b, 0.3), rtol=1e-12)
    np.testing.assert_allclose(
        history["validation"][-1], objective(X_val, labels_val, W, b, 0.3), rtol=1e-12
    )
    assert np.all(np.diff(history["train"]) <= 1e-12), "small full-batch steps only go down"
    W0, _, _ = fit_softmax_regression(X, labels, steps=20)
    assert np.linalg.norm(W) < np.linalg.norm(W0), "the penalty keeps the weights smaller"


def test_fit_l2_gradient_passes_a_gradient_check():
    """Read the gradient off one update, (W1 - W2) / learning_rate, and check it numerically."""
    X, labels, _, _ = _data()
    lr, l2 = 0.1, 0.7
    W1, b1, _ = fit_softmax_regression(X, labels, learning_rate=lr, steps=1, l2=l2)
    W2, b2, _ = fit_softmax_regression(X, labels, learning_rate=lr, steps=2, l2=l2)
    got = np.vstack([(W1 - W2) / lr, (b1 - b2) / lr])  # the gradient the update used at W1, b1
    want = numerical_gradient(
        lambda params: objective(X, labels, params[:2], params[2], l2), np.vstack([W1, b1])
    )
    rel = np.linalg.norm(got - want) / (np.linalg.norm(got) + np.linalg.norm(want))
    assert rel < 1e-7, rel
    assert np.abs(got[:2] - (got[:2] - l2 * W1)).max() > 0.01, "the L2 term matters here"


def test_fit_minibatches_are_the_documented_draws():
    X, labels, _, _ = _data()
    W, b, history = fit_softmax_regression(
        X, labels, learning_rate=0.3, steps=15, l2=0.05, batch_size=8, seed=4
    )
    rng = np.random.default_rng(4)
    W_ref, b_ref = np.zeros((2, 3)), np.zeros(3)
    for _ in range(15):
        rows = rng.choice(len(labels), size=8, replace=False)
        g = cross_entropy_grad(X[rows] @ W_ref + b_ref, labels[rows])
        W_ref -= 0.3 * (X[rows].T @ g + 0.05 * W_ref)
        b_ref -= 0.3 * g.sum(axis=0)
    np.testing.assert_allclose(W, W_ref, rtol=1e-12)
    np.testing.assert_allclose(b, b_ref, rtol=1e-12)
    assert history["train"].shape == (16,)
    np.testing.assert_allclose(history["train"][-1], objective(X, labels, W, b, 0.05), rtol=1e-12)


def test_fit_minibatches_same_seed_same_weights():
    X, labels, _, _ = _data()

    def fit(**kwargs):
        return fit_softmax_regression(X, labels, steps=50, batch_size=5, **kwargs)[0]

    np.testing.assert_array_equal(fit(seed=1), fit(seed=1))
    np.testing.assert_array_equal(fit(seed=1), fit(seed=np.random.default_rng(1)))
    assert not np.allclose(fit(seed=1), fit(seed=2)), "another seed draws other minibatches"
    # a batch of all N rows is full-batch gradient descent (up to the order of the sum)
    W_all, _, _ = fit_softmax_regression(X, labels, steps=50, batch_size=len(labels))
    W_full, _, _ = fit_softmax_regression(X, labels, steps=50)
    np.testing.assert_allclose(W_all, W_full, rtol=1e-10)


def test_fit_agrees_with_scikit_learn_on_the_digits():
    """Same objective: LogisticRegression minimises C * sum(cross-entropy) + ||W||^2 / 2."""
    digits = load_digits()  # 1,797 images of 8 x 8 pixels, bundled with scikit-learn
    X = digits.data / 16  # pixels in [0, 1]
    X_train, labels, X_test = X[:1200], digits.target[:1200], X[1200:]
    mean = X_train.mean(axis=0)
    X_train, X_test = X_train - mean, X_test - mean  # centred: gradient descent converges fast
    l2, n = 1e-2, len(labels)
    with threadpool_limits(1):  # small products: extra BLAS threads only contend on a busy machine
        W, b, _ = fit_softmax_regression(X_train, labels, learning_rate=4.0, steps=300, l2=l2)
        model = LogisticRegression(C=1 / (l2 * n), tol=1e-10, max_iter=10_000)
        model.fit(X_train, labels)
    G = cross_entropy_grad(X_train @ W + b, labels)
    grad = np.concatenate([(X_train.T @ G + l2 * W).ravel(), G.sum(axis=0)])
    assert np.linalg.norm(grad) < 1e-6, "converged: the gradient of the objective vanishes"
    np.testing.assert_allclose(softmax(X_test @ W + b), model.predict_proba(X_test), atol=1e-3)
    np.testing.assert_allclose(W, model.coef_.T, atol=1e-4)  # with L2, one minimiser


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


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"l2": -0.1}, ValueError, "l2 must be non-negative and finite; got -0.1"),
        ({"l2": np.inf}, ValueError, "l2 must be non-negative and finite; got inf"),
        ({"l2": np.nan}, ValueError, "l2 must be non-negative and finite; got nan"),
        ({"l2": "strong"}, TypeError, "l2 must be a real number; got 'strong'"),
        ({"batch_size": 0}, ValueError, "batch_size must be at least 1; got 0"),
        ({"batch_size": 5}, ValueError, r"batch_size must be at most N = 4 .*; got 5"),
        ({"batch_size": 2.0}, TypeError, "batch_size must be an int; got 2.0"),
        ({"batch_size": True}, TypeError, "batch_size must be an int; got True"),
    ],
)
def test_fit_l2_and_batch_size_errors(kwargs, error, message):
    X, labels = np.zeros((4, 2)), np.array([0, 1, 0, 1])
    with pytest.raises(error, match=message):
        fit_softmax_regression(X, labels, **kwargs)


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
