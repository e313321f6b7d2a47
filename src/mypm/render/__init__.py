"""Renderers: the trace and the records around it as words, JSON/CSV, the terminal, workbooks
and web pages, in the user's language. They compute no figure."""
