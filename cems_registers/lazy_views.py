"""Views referenced by dotted path and imported at their first request (issue 13 §3).

URL patterns and admin hooks are read when Django starts (``django.setup()``, every
``manage.py`` command, every worker). A view module that imports pandas, pint, openpyxl or
xhtml2pdf would put those libraries on every start; :func:`lazy_view` keeps the module out
until the view is called. Used by the apps' ``wagtail_hooks.py`` and URL modules, so a
command line such as ``manage.py cems_account`` starts as fast as a plain Wagtail site
(T/CSES 146—2024 8.5 and 9.1 rest on data that is quick to submit and to read).
"""

from functools import cache
from importlib import import_module


@cache
def _resolve(target: str, as_view: bool):
    module, _, attribute = target.partition(":")
    obj = import_module(module)
    for part in attribute.split("."):
        obj = getattr(obj, part)
    return obj.as_view() if as_view else obj


def lazy_view(target: str, *, as_view: bool = False):
    """A view calling ``module:attribute`` (``attribute`` may be dotted), imported at the
    first request and kept; with ``as_view``, the attribute is a class-based view.

    Issues no query and imports nothing until the view is called.
    """

    def view(request, *args, **kwargs):
        return _resolve(target, as_view)(request, *args, **kwargs)

    view.lazy_target = target
    view.__name__ = view.__qualname__ = target.rpartition(":")[2].replace(".", "_")
    view.__module__ = target.partition(":")[0]
    return view


class LazyObject:
    """A class attribute holding ``module:attribute``, imported when first read, e.g. a
    viewset's ``index_view_class``, which Wagtail reads when it builds the URL patterns."""

    def __init__(self, target: str):
        self.target = target

    def __get__(self, instance, owner=None):
        return _resolve(self.target, False)


class LazyModule:
    """A module imported at the first attribute read (in methods that run on a request or
    when URL patterns are built, not at start-up)."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str):
        return getattr(import_module(self._name), attribute)
