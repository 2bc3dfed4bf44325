"""pytest fixtures the test files share, made to measure: a module binds
``series = series_fixture(rows, seed)`` and ``chart = chart_fixture(width,
height)``."""

import pytest

import candlewick

from .series import random_walk


def series_fixture(rows, seed):
    """A fixture named ``series``: ``random_walk(rows, seed)``."""

    @pytest.fixture
    def series():
        return random_walk(rows, seed=seed)

    return series


def chart_fixture(width, height):
    """A fixture named ``chart``: a default Chart of width x height, closed
    after the test."""

    @pytest.fixture
    def chart():
        with candlewick.Chart(width, height) as c:
            yield c

    return chart
