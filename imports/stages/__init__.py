"""The importer's stages, each with plain data between them (issue 9, point 5):

1. **read** (``imports.readers``, guarded by ``imports.spreadsheet_guard``): bytes -> ``Workbook``
   (sheets of cells, bounded);
2. **locate** (``imports.workbook_sections``, labels in ``imports.layout``): the E.81 table and its
   header rows -> ``MainTable``;
3. **map** (``imports.stages.map``): the header -> ``ColumnMap`` (``imports.column_map``), a meaning and
   a confidence per column; a ``ColumnMap`` given by a person replaces the detection;
4. **place** (``imports.main_table``, ``imports.placement``, ``imports.plan_tree``): the rows -> lines
   with their figures, levels and tree;
5. **reconcile** (``imports.reconcile``): every numeric cell placed or listed, printed totals recomputed;
6. **documents** (``imports.row_documents``, ``imports.side_tables``, ``imports.action_plan``,
   ``imports.aggregation_decisions``): the tree -> ``PlanDocument``;
7. **load** (``imports.services`` -> ``planning.services.documents.document_load``).

``imports.sheet_e81.parse_e81`` runs stages 2-6 in order; ``imports.services.import_report`` all.
"""
