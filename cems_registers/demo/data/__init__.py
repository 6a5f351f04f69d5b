"""The demo enterprise's register records as data, one module per register group; no Django.

Rows are plain dicts whose keys are the model's field names, so the loader
(:mod:`cems_registers.demo.loaders`) can map them without a per-field line. Conventions:

* a date field holding an ``int`` is that many days from today (negative: in the past), so
  some records are always overdue and some due soon; a ``datetime.date`` is a fixed date;
* a foreign key or many-to-many field holding a ``str`` (or a list of them) is the natural
  key of the target: a user key of the ``users`` dict (``"rep"``, ``"keeper"`` …), a
  facility or source code (:mod:`cems_registers.demo.enterprise`), an opportunity, objective
  or finding code, or the ``key`` of an obligation or responsibility row;
* a decimal field holding a ``str`` is a :class:`~decimal.Decimal`;
* ``"{year}"`` in a title is the current year;
* ``*_DEFAULTS`` hold the fields every row of one register shares;
* keys that are no field (``key``, and child rows such as ``actions``) are read by the loader.

The natural key each register is found by is named beside its list (``#: … by title``);
a second load finds every record and creates nothing.
"""
