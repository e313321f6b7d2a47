"""The workbooks mypm writes: forms, the scored workbook, status, compare, problems."""
