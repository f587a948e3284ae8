"""Stage 7, load: what loading the ``PlanDocument`` would do that a person must confirm.

``confirmations``: values the file would delete, and a title naming another PD or pemda.  The load
itself is ``planning.services.documents.document_load``, called by ``imports.services.import_report``
in the same transaction as the dry run's checks (all or nothing).
"""
