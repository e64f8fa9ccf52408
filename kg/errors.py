"""kg's exceptions.  The CLI maps them to exit codes in one place (kg.cli)."""


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """A document or input path cannot be read; the message names it and says why."""

    def __init__(self, doc_id: str, reason: str):
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason


class UsageError(KgError):
    """The user asked for something that cannot be done (unknown query, bad parameter...)."""


class EndpointError(KgError):
    """A SPARQL endpoint failed or could not be reached."""
