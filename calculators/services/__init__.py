"""Writes of the calculators app (6.3, 8.5, 9.1): datasets, runs, factor sets, reports.

One module per entity; each service is ``<entity>_<action>``, keyword-only, and cleans before
it saves.
"""
