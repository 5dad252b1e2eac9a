"""Typed errors raised by the core; the CLI and the web app translate them for people.

Every error carries a one-line, user-facing Chinese/English message in ``str(err)``.
"""


class BaogaoError(Exception):
    """Base class: anything the core raises on purpose."""

    http_status = 400


class IngestError(BaogaoError):
    """A file could not be read as a report (empty, binary, corrupt, too large...)."""


class UnsupportedFormat(IngestError):
    """No reader accepts this file."""


class FileTooLarge(IngestError):
    """The file is bigger than the configured limit (BAOGAO_MAX_FILE_MB)."""

    http_status = 413


class ParseError(IngestError):
    """The reader recognised the format but the content is broken."""


class SkippedSource(IngestError):
    """A file that is deliberately not imported (e.g. a run manifest CSV)."""


class NotFound(BaogaoError):
    http_status = 404


class InvalidQuery(BaogaoError):
    """A search/filter string that cannot be answered; the message says why."""


class ConfigError(BaogaoError):
    """Settings are invalid; raised at start-up."""


class AuthError(BaogaoError):
    http_status = 401


class PermissionDenied(BaogaoError):
    http_status = 403


class Conflict(BaogaoError):
    http_status = 409


class RateLimited(BaogaoError):
    http_status = 429
