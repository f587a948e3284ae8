"""Services: every state change of the plan and its realisation, each in one transaction with its
audit record.  The screens, the API, the importers, the admin and the commands call these."""
