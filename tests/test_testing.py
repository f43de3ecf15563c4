"""softmax_lib.testing: right implementations pass, each common mistake fails with a sentence
that says which mistake it is, and the check itself never raises because the function did."""

import numpy as np
import pytest
import scipy.special as sp

from softmax_lib import cross_entropy_grad, log_softmax, softmax, softmax_jacobian
from softmax_lib.testing import (
    check_cross_entropy_grad,
    check_log_softmax,
    check_softmax,
    check_softmax_jacobian,
)


# --- softmax ------------------------------------------------------------------------------
def textbook_softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def float32_softmax(x):
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def no_max_subtracted(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def global_max(x):
    e = np.exp(x - np.max(x))
    return e / e.sum(axis=-1, keepdims=True)


def whole_array_sum(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / e.sum()


def column_sum(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def no_keepdims(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1)  # (4, 3) / (4,) cannot broadcast


def in_place(x):
    x -= np.max(x, axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


def not_written_yet(x):
    raise NotImplementedError


def forgot_return(x):
    np.exp(x)


RIGHT_SOFTMAX = [
    textbook_softmax,
    float32_softmax,
    softmax,
    lambda x: sp.softmax(x, axis=-1),
]


@pytest.mark.parametrize("fn", RIGHT_SOFTMAX, ids=["textbook", "float32", "softmax_lib", "scipy"])
def test_right_softmaxes_pass(fn):
    report = check_softmax(fn)
    assert report.passed, report
    assert "all" in repr(report) and "✗" not in repr(report)
    check_softmax(fn, strict=True)


@pytest.mark.parametrize(
    ("fn", "says"),
    [
        (no_max_subtracted, "subtract the largest logit"),
        (global_max, "subtract each row's own max"),
        (whole_array_sum, "the whole batch sums to 1"),
        (column_sum, "each column sums to 1"),
        (no_keepdims, "could not be broadcast"),
        (in_place, "changed its input"),
        (not_written_yet, "raised NotImplementedError"),
        (forgot_return, "returned None"),
    ],
)
def test_each_softmax_mistake_is_named(fn, says):
    report = check_softmax(fn)
    assert not report.passed
    assert any(says in failure for failure in report.failures), report
    assert "✗" in repr(report)
    with pytest.raises(AssertionError, match="check_softmax"):
        check_softmax(fn, strict=True)


def test_a_function_that_does_not_run_gets_one_finding_not_a_traceback():
    report = check_softmax(not_written_yet)
    assert len(report.lines) == 1 and "the other checks run once it works" in report.failures[0]


# --- log_softmax --------------------------------------------------------------------------
def textbook_log_softmax(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def log_of_softmax(x):
    return np.log(textbook_softmax(x))


def log_softmax_no_max(x):
    return x - np.log(np.sum(np.exp(x), axis=-1, keepdims=True))


@pytest.mark.parametrize(
    "fn",
    [textbook_log_softmax, log_softmax, lambda x: sp.log_softmax(x, axis=-1)],
    ids=["textbook", "softmax_lib", "scipy"],
)
def test_right_log_softmaxes_pass(fn):
    assert check_log_softmax(fn).passed, check_log_softmax(fn)


@pytest.mark.parametrize(
    ("fn", "says"),
    [
        (log_of_softmax, "log(softmax(x)) rounds tiny probabilities to 0"),
        (log_softmax_no_max, "subtract the largest logit"),
    ],
)
def test_each_log_softmax_mistake_is_named(fn, says):
    report = check_log_softmax(fn)
    assert any(says in failure for failure in report.failures), report


# --- the gradient of the mean cross-entropy -------------------------------------------------
def textbook_grad(logits, labels):
    p = textbook_softmax(logits)
    p[np.arange(len(labels)), labels] -= 1
    return p / len(labels)


def grad_without_mean(logits, labels):
    return textbook_grad(logits, labels) * len(labels)


def grad_sign_flipped(logits, labels):
    return -textbook_grad(logits, labels)


def grad_without_y(logits, labels):
    return textbook_softmax(logits) / len(labels)


def grad_with_naive_softmax(logits, labels):
    p = no_max_subtracted(logits)
    p[np.arange(len(labels)), labels] -= 1
    return p / len(labels)


@pytest.mark.parametrize("fn", [textbook_grad, cross_entropy_grad], ids=["textbook", "library"])
def test_right_gradients_pass(fn):
    assert check_cross_entropy_grad(fn).passed, check_cross_entropy_grad(fn)


@pytest.mark.parametrize(
    ("fn", "says"),
    [
        (grad_without_mean, "N = 4 times too large"),
        (grad_sign_flipped, "the sign is flipped"),
        (grad_without_y, "the one-hot part is missing"),
        (grad_with_naive_softmax, "subtract the largest logit"),
    ],
)
def test_each_gradient_mistake_is_named(fn, says):
    report = check_cross_entropy_grad(fn)
    assert any(says in failure for failure in report.failures), report


# --- the Jacobian -------------------------------------------------------------------------
def textbook_jacobian(x):
    p = textbook_softmax(x)
    return np.diag(p) - np.outer(p, p)


def diagonal_only(x):
    p = textbook_softmax(x)
    return np.diag(p * (1 - p))


def jacobian_without_diag(x):
    p = textbook_softmax(x)
    return -np.outer(p, p)


def jacobian_of_naive_softmax(x):
    p = no_max_subtracted(x)
    return np.diag(p) - np.outer(p, p)


def jacobian_as_a_vector(x):
    p = textbook_softmax(x)
    return p * (1 - p)


@pytest.mark.parametrize("fn", [textbook_jacobian, softmax_jacobian], ids=["textbook", "library"])
def test_right_jacobians_pass(fn):
    assert check_softmax_jacobian(fn).passed, check_softmax_jacobian(fn)


@pytest.mark.parametrize(
    ("fn", "says"),
    [
        (diagonal_only, "the off-diagonal entries are missing"),
        (jacobian_without_diag, "diag(p) is missing"),
        (jacobian_of_naive_softmax, "subtract the largest logit"),
        (jacobian_as_a_vector, "returned shape (3,)"),
    ],
)
def test_each_jacobian_mistake_is_named(fn, says):
    report = check_softmax_jacobian(fn)
    assert any(says in failure for failure in report.failures), report
