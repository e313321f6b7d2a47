"""Everything that touches Excel files (openpyxl): entry templates, the reader and the writer."""
