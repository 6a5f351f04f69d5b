"""Admin viewsets of the registers: the shared base here, one module per register beside it.

Registration happens only in ``cems_registers/wagtail_hooks.py``.
"""

from .base import DueStateColumn, RegisterViewSet, escape_formula

__all__ = ["DueStateColumn", "RegisterViewSet", "escape_formula"]
