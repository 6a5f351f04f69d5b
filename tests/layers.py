"""Fixture layers: expensive database states built once per module and kept in savepoints.

A layer (the demo enterprise, its approved 2025 data, the 2025 run; the home page, the page
tree, its English translations) is built the first time a test of a module needs it, inside
one transaction held open for the module, each layer behind its own savepoint. Before each
database test the stack is brought to exactly the layers that test asks for (by the fixtures
in its closure, with their prerequisites): layers it does not need are rolled back to their
savepoint, missing ones are built. The test then runs in its own savepoint as usual, so what
it writes is rolled back and the next test sees the layers unchanged. Every test therefore
sees the same database as when each fixture built its state for it alone; the layer fixtures
hand out fresh instances read from the database, never an object an earlier test changed.

Declare a layer with :func:`layer` in a ``conftest.py`` (the decorated function builds the
state from the layers it requires; ``fresh`` re-reads it per test). The root conftest wires
:class:`Stack` before pytest-django's per-test transaction. Keep tests of a module that uses
layers free of module-scoped fixtures opening transactions of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

import pytest


@dataclass(frozen=True)
class Layer:
    name: str
    requires: tuple[str, ...]
    build: Callable[[dict[str, Any]], Any]
    fresh: Callable[[Any], Any]


#: Every declared layer, in declaration order (which is also the order they are stacked in).
LAYERS: dict[str, Layer] = {}


def _same(value: Any) -> Any:
    return value


def layer(name: str, *, requires: tuple[str, ...] = (), fresh: Callable[[Any], Any] = _same):
    """Declare the layer ``name`` built by the decorated function; return its fixture.

    The decorated function takes the dict of built layers (``requires`` among them) and
    returns the layer's value; the fixture named ``name`` returns ``fresh(value)`` to each
    test that asks for it.
    """

    def decorate(build: Callable[[dict[str, Any]], Any]):
        LAYERS[name] = Layer(name, tuple(requires), build, fresh)

        def fixture(db, _cems_layer_stack):
            return LAYERS[name].fresh(_cems_layer_stack.values[name])

        fixture.__name__ = name
        fixture.__doc__ = build.__doc__
        fixture.cems_layer = name
        return pytest.fixture(name=name)(fixture)

    return decorate


def needed(request: pytest.FixtureRequest) -> list[str]:
    """The layers the current test uses (with their prerequisites), in stacking order."""
    definitions = request.node._fixtureinfo.name2fixturedefs
    wanted = set()
    for fixture_name, defs in definitions.items():
        name = getattr(defs[-1].func, "cems_layer", None)
        if name and fixture_name == name:
            wanted.add(name)
    pending = list(wanted)
    while pending:
        for required in LAYERS[pending.pop()].requires:
            if required not in wanted:
                wanted.add(required)
                pending.append(required)
    return [name for name in LAYERS if name in wanted]


class Stack:
    """The layers built in the current module, each behind a savepoint of one transaction."""

    def __init__(self, blocker) -> None:
        self.blocker = blocker
        self.atomic = None
        self.built: list[tuple[str, str]] = []  # (layer, savepoint taken before building it)
        self.values: dict[str, Any] = {}

    def ensure(self, names: list[str]) -> None:
        """Roll back to the longest common prefix of what is built and ``names``; build the rest."""
        keep = 0
        while keep < min(len(self.built), len(names)) and self.built[keep][0] == names[keep]:
            keep += 1
        with self.blocker.unblock():
            if keep < len(self.built):
                transaction.savepoint_rollback(self.built[keep][1])
                for name, _sid in self.built[keep:]:
                    del self.values[name]
                del self.built[keep:]
            if not names:
                self.close()
                return
            if self.atomic is None:
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
            for name in names[keep:]:
                sid = transaction.savepoint()
                self.built.append((name, sid))
                self.values[name] = LAYERS[name].build(self.values)

    def close(self) -> None:
        """Roll back everything and leave the module's transaction."""
        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None
        self.built.clear()
        self.values.clear()
