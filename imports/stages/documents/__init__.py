"""Stage 6, documents: the tree and the side tables -> ``planning.documents.PlanDocument``.

``row_documents.build_documents`` (rows and indicators), ``side_tables`` and ``action_plan`` (the
Indikator Tujuan/Sasaran, narratives, Rencana Aksi), ``aggregation_decisions`` (how each indicator
combines its quarters), ``document_frame`` (pemda, PD, year, quarter and Renstra years against the
title), ``cell_limits`` (every field checked against its column's limit before any write).
"""
