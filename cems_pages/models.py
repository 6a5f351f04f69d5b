"""Page models (clauses 3, 4.3, 4.4, 5.2, 7.3)."""
