"""Readers: the workbook package, number formats, entry rows, scored workbooks read back, and
unit lists. They give the core its inputs and say no word (problems are codes)."""
