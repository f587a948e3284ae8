"""Running an installation: backup and restore, login throttling helpers, logging."""
