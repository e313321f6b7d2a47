"""The season folder: one folder per assessment season, holding its configuration, the rules it
scores by, the forms sent out, every file returned, the results, and the ledger that records
them all (see docs/en/season.md).

Above the jobs and below the words: it uses the core, the readers and the jobs, never the
catalogue or the renderers; it returns records and raises MypmError subclasses.
"""
