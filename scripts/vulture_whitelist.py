"""Names vulture (``make lint``, 80 % confidence) reports as unused that the frameworks use.

Each is a parameter whose name a caller fixes; listing a name here marks it used everywhere.
"""
# ruff: noqa: B018, F821

schema_editor  # RunPython functions and ``ensure_schedules(apps, schema_editor)``
serve_args  # Wagtail's ``before_serve_page`` hook signature
serve_kwargs  # Wagtail's ``before_serve_page`` hook signature
next_url  # Wagtail's ``register_page_listing_buttons`` hook signature
protocol  # Django's ``Sitemap._urls(page, protocol, domain)``
domain  # Django's ``Sitemap._urls(page, protocol, domain)``
original_response  # django-axes ``AXES_LOCKOUT_CALLABLE`` signature
view_func  # Django's middleware ``process_view(request, view_func, view_args, view_kwargs)``
mtime_ns  # cems_registers.pdf._file_digest_of: part of the lru_cache key, not read
