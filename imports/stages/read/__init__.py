"""Stage 1, read: a file's bytes -> ``readers.Workbook`` (``readers.read_workbook``).

The format is told by content, not by extension (an .xls under an .xlsx name is read as .xls);
``spreadsheet_guard`` and ``cell_extent`` bound what a workbook may ask for before any cell is built;
``archive`` opens zips (a pemda's history) through the same guards.
"""
