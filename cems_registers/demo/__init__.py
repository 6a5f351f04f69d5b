"""Demo records for every register (see enterprise.py for the shared enterprise)."""
