"""Errors a user can meet. Each carries a one-line message a clerk can act on.

The command line prints `str(error)` and exits 2; the UI shows it in a message box. Nothing
outside this hierarchy should ever reach a user as a traceback.
"""


class GovperfError(Exception):
    """Base of every error whose message is meant for the user."""


class ValidationError(GovperfError):
    """Input breaks a rule of the domain (negative hours, unknown department, ...)."""


class NotFoundError(GovperfError):
    """A record named by the user does not exist."""


class ConflictError(GovperfError):
    """The change would duplicate or contradict a record that already exists."""


class StoreError(GovperfError):
    """The store file cannot be used: missing, not a database, corrupt, or too new."""


class PermissionDeniedError(GovperfError):
    """The acting person's roles do not allow the action (domain/permissions.py's table)."""
