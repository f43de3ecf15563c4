"""Shared test settings: every RuntimeWarning is a failure unless a test expects it."""

import warnings

import pytest


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        yield
