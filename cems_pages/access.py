"""Who may read which page (4.3, 5.2, 7.3.3). Pure rules plus one request-level guard.

* Anonymous visitors (interested parties) read live pages that are public and not withdrawn:
  the home page, the policy, the scope, the glossary and any document marked public.
* Staff (anyone with access to the Wagtail admin: every role group, auditors included) read
  every live page, including internal and withdrawn documents.
* Nobody reads a draft on the public site (Wagtail routes only live pages).
"""

from django.http import Http404


def can_read_internal(user) -> bool:
    """Whether ``user`` may read internal and withdrawn documents (cached per user)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def is_publicly_visible(page) -> bool:
    """Anonymous visitors may read ``page`` (a specific page); issues no query."""
    return bool(getattr(page, "is_publicly_visible", page.live))


def page_access_response(request, page):
    """``None`` when ``request.user`` may read ``page``; else Http404.

    Withdrawn and internal documents answer 404 to everyone without admin access, anonymous
    visitors included, exactly like an address with no page (issue 13 §6: a login redirect
    told a prober which internal slugs exist). Staff reach them by logging in first: every
    page, the 404 page included, links to the login with ``next`` set to its address.
    """
    if is_publicly_visible(page) or can_read_internal(request.user):
        return None
    raise Http404
