"""float16 is computed in float32 and rounded once: within 1 ulp of the float64 answer rounded
to float16, for every function that takes logits, over random shapes, scales and axes."""

import functools

import numpy as np
import pytest
import scipy.special as sp

from softmax_lib import cross_entropy, log_softmax, logsumexp, online_softmax, sigmoid, softmax

SCALES = [1e-3, 1e-2, 1.0, 10.0, 100.0, 1e4]


def ulps(got, want64):
    """Distance from `got` (float16) to `want64` rounded to float16, in units of its spacing."""
    with np.errstate(over="ignore"):  # a float64 answer beyond float16 rounds to +-inf
        want = np.asarray(want64, dtype=np.float64).astype(np.float16)
    assert got.dtype == np.float16 and got.shape == want.shape
    same = (got == want) | (np.isnan(got) & np.isnan(want))
    with np.errstate(invalid="ignore"):  # inf - inf where both are infinite: `same` covers it
        d = np.abs(got.astype(np.float64) - want) / np.spacing(np.abs(want)).astype(np.float64)
    return np.where(same, 0.0, d)


def random_logits(rng, scale):
    shape = tuple(rng.integers(1, 40, size=rng.integers(1, 4)))
    big = float(np.finfo(np.float16).max)
    return np.clip(scale * rng.standard_normal(shape), -big, big).astype(np.float16)


def _online(block_size):
    return functools.partial(online_softmax, block_size=block_size)


# (our function, the float64 reference from scipy)
NORMALISERS = {
    "softmax": (softmax, sp.softmax),
    "log_softmax": (log_softmax, sp.log_softmax),
    "logsumexp": (logsumexp, sp.logsumexp),
    "online_softmax_1": (_online(1), sp.softmax),
    "online_softmax_3": (_online(3), sp.softmax),
    "online_softmax": (online_softmax, sp.softmax),
}


@pytest.mark.parametrize("name", NORMALISERS)
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("axis", [0, -1])
def test_within_one_ulp_of_float64(name, scale, axis, rng):
    ours, reference = NORMALISERS[name]
    for _ in range(10):
        x = random_logits(rng, scale)
        want = reference(x.astype(np.float64), axis=axis)
        assert np.max(ulps(ours(x, axis=axis), want)) <= 1


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp", "online_softmax"])
def test_within_one_ulp_along_several_axes(name, rng):
    ours, reference = NORMALISERS[name]
    x = (10 * rng.standard_normal((6, 50, 70))).astype(np.float16)
    for axis in [(0, 1), (1, 2), (0, 2), None]:
        assert np.max(ulps(ours(x, axis=axis), reference(x.astype(np.float64), axis=axis))) <= 1


def test_small_probabilities_along_axis_0():
    # the case that was 2 ulp off when the sum of exponentials was added up in float16
    x = np.random.default_rng(3).uniform(0, 0.01, size=(32, 20)).astype(np.float16)
    assert np.max(ulps(log_softmax(x, axis=0), sp.log_softmax(x.astype(float), axis=0))) <= 1
    assert np.max(ulps(softmax(x, axis=0), sp.softmax(x.astype(float), axis=0))) <= 1


def test_big_float16_arrays_are_computed_block_by_block(rng):
    # more entries than one float32 block (2^16): the blocks must tile the array exactly
    x = (5 * rng.standard_normal((700, 300))).astype(np.float16)
    for axis in (0, 1, (0, 1)):
        want = sp.softmax(x.astype(np.float64), axis=axis)
        assert np.max(ulps(softmax(x, axis=axis), want)) <= 1


@pytest.mark.parametrize("scale", SCALES + [6e4])
def test_sigmoid_within_one_ulp(scale, rng):
    x = random_logits(rng, scale)
    assert np.max(ulps(sigmoid(x), sp.expit(x.astype(np.float64)))) <= 1


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_cross_entropy_within_one_ulp(scale, reduction, rng):
    for _ in range(10):
        n, k = rng.integers(1, 200), rng.integers(2, 30)
        z = (scale * rng.standard_normal((n, k))).astype(np.float16)
        labels = rng.integers(0, k, size=n)
        per_row = -sp.log_softmax(z.astype(np.float64), axis=-1)[np.arange(n), labels]
        want = {"mean": per_row.mean(), "sum": per_row.sum(), "none": per_row}[reduction]
        got = cross_entropy(z, labels, reduction=reduction)
        assert np.max(ulps(np.asarray(got), want)) <= 1


def test_float16_temperature_within_one_ulp(rng):
    x = random_logits(rng, 10.0)
    for t in (0.3, 2.5):
        want = sp.softmax(x.astype(np.float64) / t, axis=-1)
        assert np.max(ulps(softmax(x, temperature=t), want)) <= 1
