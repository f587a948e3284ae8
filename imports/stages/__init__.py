"""The importer's stages, one package each, with plain data between them (issue 9, point 5).

Read the folders top to bottom; each stage takes the previous one's dataclasses and returns its own:

1. ``read/``      bytes -> ``Workbook`` (sheets of cells, bounded by the cells really present)
2. ``locate/``    ``Workbook`` -> ``MainTable`` (the E.81 table, its header rows, the sections around it)
3. ``map/``       ``MainHeader`` -> ``ColumnMap`` (a meaning, a confidence and a reason per column); a
                  ``ColumnMap`` a person confirmed replaces the detection and the stages after it rerun
4. ``place/``     rows -> ``Line`` (figures placed by column) -> ``Node`` tree (levels, codes, budgets)
5. ``reconcile``  lines + sheet -> ``Reconciliation`` (every numeric cell placed or listed, printed
                  totals recomputed; a sheet not read right is refused here, before anything is written)
6. ``documents/`` tree + side tables -> ``PlanDocument`` (rows, indicators, Rencana Aksi, decisions)
7. ``load/``      what a load would delete or overwrite, to confirm; the load itself is
                  ``planning.services.documents.document_load``, called by ``imports.services``

``imports.pipeline.parse_e81`` runs stages 2-4 and 6; ``imports.services.import_report`` runs them all
(reconcile included) in one transaction.  Shared by the stages: ``imports.cells`` (reading one cell's
text and numbers), ``imports.problems`` (problems named by their place), ``imports.nomenclature``.
"""
