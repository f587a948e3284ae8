"""Stage 4, place: table rows -> ``main_table.Line`` -> ``plan_tree.Node``.

``main_table.read_lines`` places each row's figures in their fields by column (``placement`` when a
row's numbers must be matched to slots); ``plan_tree.build_tree`` tells sasaran, program, kegiatan and
sub kegiatan apart (codes, headings, nomenclature) and ``settle_budgets`` settles shifted quarters.
``sheet_place.SheetPlace`` names the place of every problem the later stages report.
"""
