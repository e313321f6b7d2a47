"""The jobs: one call per job (score, status, compare, diff), each returning records for a
renderer; they read inputs through the readers and say no word."""
