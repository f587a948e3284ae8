"""The plan editor's screens (Renstra and Renja tree, indicators, targets, Rencana Aksi): thin views over
``planning.services.plan_editor`` and the read model in ``planning.editor.selectors``."""
