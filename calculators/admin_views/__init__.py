"""Admin views of activity data and accounting runs (8.5, 6.3.1, 9.1); URLs in ``urls.py``.

Thin: forms parse the request, services do the work, selectors read.
"""
