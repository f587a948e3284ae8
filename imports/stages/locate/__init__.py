"""Stage 2, locate: ``Workbook`` -> ``workbook_sections.MainTable`` (``find_main_table``).

Finds the E.81 table among the sheets by its header labels (``layout``: the label rows, K/Rp rows,
column numbers and their conventions), and the side sections around it (``read_side_sections``:
Indikator Tujuan/Sasaran, narratives, Rencana Aksi); ``tables`` reads the title block above it.
"""
