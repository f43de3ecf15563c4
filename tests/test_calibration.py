"""Unit and property tests for reliability_bins, expected_calibration_error and fit_temperature."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softmax_lib import (
    cross_entropy,
    expected_calibration_error,
    fit_temperature,
    reliability_bins,
    softmax,
)

PROBS = np.array([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.6, 0.4]])
LABELS = np.array([0, 0, 1, 0])


def _calibrated_sample(n, k, scale, seed):
    """Logits and labels drawn from softmax(logits): a perfectly calibrated model."""
    rng = np.random.default_rng(seed)
    z = scale * rng.standard_normal((n, k))
    p = softmax(z)
    labels = (rng.random((n, 1)) > np.cumsum(p, axis=1)).sum(axis=1)
    return z, np.minimum(labels, k - 1)


def _ece_by_loop(probs, labels, n_bins):
    """The definition, one bin at a time."""
    conf, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    total = 0.0
    for m in range(n_bins):
        lo, hi = m / n_bins, (m + 1) / n_bins
        in_bin = (conf > lo) & (conf <= hi) if m > 0 else conf <= hi
        if in_bin.any():
            total += in_bin.sum() * abs(correct[in_bin].mean() - conf[in_bin].mean())
    return total / len(labels)


def test_bins_worked_example():
    conf, acc, count = reliability_bins(PROBS, LABELS, n_bins=5)
    np.testing.assert_allclose(conf, [np.nan, np.nan, 0.6, 0.75, 0.9])
    np.testing.assert_allclose(acc, [np.nan, np.nan, 1.0, 0.5, 1.0])
    np.testing.assert_array_equal(count, [0, 0, 1, 2, 1])
    assert np.issubdtype(count.dtype, np.integer)


def test_bin_edges_are_right_closed_and_zero_and_one_included():
    probs = np.array([[0.5, 0.5], [1.0, 0.0], [0.75, 0.25]])
    _, _, count = reliability_bins(probs, [0, 0, 0], n_bins=2)
    np.testing.assert_array_equal(count, [1, 2])  # 0.5 in (0, 0.5]; 0.75 and 1.0 in (0.5, 1]
    _, _, count = reliability_bins([[0.3, 0.3, 0.3]], [0], n_bins=10)  # 0.3 sits on an edge
    np.testing.assert_array_equal(np.flatnonzero(count), [2])  # (0.2, 0.3]
    _, _, count = reliability_bins([[0.0, 0.0]], [0], n_bins=4)  # all-zero row: bin 1
    np.testing.assert_array_equal(count, [1, 0, 0, 0])


def test_one_bin_is_overall_confidence_and_accuracy():
    conf, acc, count = reliability_bins(PROBS, LABELS, n_bins=1)
    np.testing.assert_allclose(conf, [PROBS.max(axis=1).mean()])
    np.testing.assert_allclose(acc, [0.75])
    np.testing.assert_array_equal(count, [4])
    ece = expected_calibration_error(PROBS, LABELS, n_bins=1)
    np.testing.assert_allclose(ece, 0.0, atol=1e-15)  # mean confidence 0.75, accuracy 0.75


def test_ece_worked_example_and_extremes():
    assert f"{expected_calibration_error(PROBS, LABELS, n_bins=5):.4f}" == "0.2500"
    sure = np.eye(3)[[0, 1, 2]]
    assert expected_calibration_error(sure, [0, 1, 2]) == 0.0  # sure and right
    assert expected_calibration_error(sure, [1, 2, 0]) == 1.0  # sure and wrong
    uniform = np.full((6, 3), 1 / 3)  # confidence 1/3, argmax always 0, right 1 time in 3
    assert expected_calibration_error(uniform, [0, 1, 2, 0, 1, 2]) < 1e-15
    assert isinstance(expected_calibration_error(PROBS, LABELS), float)


def test_empty_input():
    conf, acc, count = reliability_bins(np.zeros((0, 3)), np.array([], dtype=int), n_bins=3)
    assert np.isnan(conf).all() and np.isnan(acc).all()
    np.testing.assert_array_equal(count, [0, 0, 0])
    with pytest.raises(ValueError, match="ECE of an empty set"):
        expected_calibration_error(np.zeros((0, 3)), [])


def test_calibrated_sample_has_small_ece_and_scaling_makes_it_large():
    z, labels = _calibrated_sample(20000, 4, 2.0, seed=0)
    assert expected_calibration_error(softmax(z), labels) < 0.02
    assert expected_calibration_error(softmax(3 * z), labels) > 0.1  # over-confident


def test_bins_and_ece_errors():
    with pytest.raises(ValueError, match=r"probs must be 2-D .* got shape \(2,\)"):
        reliability_bins([0.5, 0.5], [0])
    with pytest.raises(ValueError, match=r"got shape \(2, 0\)"):
        reliability_bins(np.zeros((2, 0)), [0, 0])
    with pytest.raises(ValueError, match=r"labels must have shape \(4,\).*got shape \(3,\)"):
        reliability_bins(PROBS, LABELS[:3])
    with pytest.raises(TypeError, match="labels must be integers.*dtype float64"):
        reliability_bins(PROBS, LABELS.astype(float))
    with pytest.raises(ValueError, match="label 2 is out of range for 2 classes"):
        reliability_bins(PROBS, [0, 1, 2, 0])
    with pytest.raises(TypeError, match="probs must contain real numbers.*complex128"):
        reliability_bins(PROBS + 0j, LABELS)
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\] \(logits\?.*got 2.5"):
        reliability_bins([[2.5, -1.0]], [0])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*got -0.1"):
        reliability_bins([[1.1 - 1, -0.1]], [0])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*got nan"):
        expected_calibration_error([[np.nan, 1.0]], [0])
    with pytest.raises(ValueError, match="n_bins must be at least 1; got 0"):
        expected_calibration_error(PROBS, LABELS, n_bins=0)
    with pytest.raises(TypeError, match="n_bins must be an int; got 10.0"):
        reliability_bins(PROBS, LABELS, n_bins=10.0)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 60),
    k=st.integers(1, 6),
    n_bins=st.integers(1, 25),
    scale=st.sampled_from([0.1, 1.0, 5.0, 50.0]),
    seed=st.integers(0, 2**16),
)
def test_ece_matches_the_definition_and_lies_in_unit_interval(n, k, n_bins, scale, seed):
    rng = np.random.default_rng(seed)
    probs = softmax(scale * rng.standard_normal((n, k)))
    labels = rng.integers(0, k, size=n)
    conf, acc, count = reliability_bins(probs, labels, n_bins)
    assert count.sum() == n
    filled = count > 0
    assert np.all((conf[filled] > 0) & (conf[filled] <= 1))
    assert np.all((acc[filled] >= 0) & (acc[filled] <= 1))
    ece = expected_calibration_error(probs, labels, n_bins)
    assert 0.0 <= ece <= 1.0
    np.testing.assert_allclose(ece, _ece_by_loop(probs, labels, n_bins), rtol=1e-12, atol=1e-15)


def test_fit_temperature_closed_form():
    logits = [[2.0, 0.0], [0.0, 2.0], [2.0, 0.0], [0.0, 2.0]]
    # right 3 times in 4 with margin 2: the NLL is lowest where sigmoid(2 / T) = 3/4
    np.testing.assert_allclose(fit_temperature(logits, [0, 1, 0, 0]), 2 / np.log(3), rtol=1e-5)


@pytest.mark.parametrize("factor", [0.5, 1.0, 4.0])
def test_fit_temperature_undoes_a_scaling_of_calibrated_logits(factor):
    z, labels = _calibrated_sample(20000, 3, 2.0, seed=1)
    t = fit_temperature(factor * z, labels)
    np.testing.assert_allclose(t, factor, rtol=0.05)
    assert expected_calibration_error(softmax(factor * z / t), labels) < 0.02


def test_fit_temperature_is_the_minimum_of_the_nll():
    z, labels = _calibrated_sample(500, 3, 3.0, seed=2)
    t = fit_temperature(2 * z, labels)
    grid = np.linspace(0.5 * t, 1.5 * t, 101)
    best = grid[np.argmin([cross_entropy(2 * z / g, labels) for g in grid])]
    assert abs(best - t) <= grid[1] - grid[0]


def test_fit_temperature_does_not_change_accuracy():
    z, labels = _calibrated_sample(300, 5, 1.0, seed=3)
    t = fit_temperature(5 * z, labels)
    np.testing.assert_array_equal((5 * z / t).argmax(axis=1), z.argmax(axis=1))


def test_fit_temperature_all_correct_goes_to_the_lower_bound():
    logits = np.array([[3.0, 0.0], [0.0, 1.0]])
    t = fit_temperature(logits, [0, 1], bounds=(0.1, 10.0))
    np.testing.assert_allclose(t, 0.1, atol=1e-4)
    t = fit_temperature(logits, [0, 1], bounds=[0.5, 2])  # a list works too
    np.testing.assert_allclose(t, 0.5, atol=1e-4)


def test_fit_temperature_errors():
    z = np.zeros((3, 2))
    with pytest.raises(ValueError, match=r"logits must be 2-D .* got shape \(2,\)"):
        fit_temperature([1.0, 2.0], [0, 1])
    with pytest.raises(ValueError, match=r"labels must have shape \(3,\)"):
        fit_temperature(z, [0, 1])
    with pytest.raises(ValueError, match="label 2 is out of range for 2 classes"):
        fit_temperature(z, [0, 1, 2])
    with pytest.raises(TypeError, match="labels must be integers"):
        fit_temperature(z, [0.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="cannot fit a temperature on an empty set"):
        fit_temperature(np.zeros((0, 2)), np.array([], dtype=int))
    with pytest.raises(ValueError, match=r"bounds must be a pair \(low, high\); got 5.0"):
        fit_temperature(z, [0, 1, 0], bounds=5.0)
    with pytest.raises(ValueError, match="each bound must be positive and finite; got 0"):
        fit_temperature(z, [0, 1, 0], bounds=(0, 10))
    with pytest.raises(ValueError, match="each bound must be positive and finite; got inf"):
        fit_temperature(z, [0, 1, 0], bounds=(1.0, np.inf))
    with pytest.raises(TypeError, match="each bound must be a real number; got 'a'"):
        fit_temperature(z, [0, 1, 0], bounds=("a", 2.0))
    with pytest.raises(ValueError, match=r"bounds must satisfy low < high; got \(2.0, 1.0\)"):
        fit_temperature(z, [0, 1, 0], bounds=(2.0, 1.0))
