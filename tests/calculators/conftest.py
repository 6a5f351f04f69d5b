"""Fixtures of the calculators' Django tests (the pure core's tests need none)."""

import pytest

from .factories import enterprise_registers


@pytest.fixture
def enterprise(db):
    """The demo enterprise's facilities and emission sources."""
    return enterprise_registers()
