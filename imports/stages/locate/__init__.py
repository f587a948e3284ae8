"""Stage 2, locate: ``Workbook`` -> ``workbook_sections.MainTable`` (``find_main_table``).

Finds the E.81 table among the sheets by its header labels (``layout``: the label rows, K/Rp rows,
column numbers and their conventions), and the side sections around it (``read_side_sections``:
Indikator Tujuan/Sasaran, narratives, Rencana Aksi); ``tables`` reads the title block above it.
``sheet_join`` joins a table split over two sheets (K on one, Rp on the other) into one, row by row,
keeping where each of its cells really is (``MainTable.join``).
"""
