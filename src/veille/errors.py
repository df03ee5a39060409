"""One exception tree. Every message says what happened, why, and how to fix it."""

from __future__ import annotations


class VeilleError(Exception):
    """Base of every error veille raises on purpose."""


class InputError(VeilleError):
    """A page that cannot be read or processed. ``source`` names it; ``reason`` is a short typed code
    (empty, too_large, not_text, undecodable, no_article, missing, unreadable, bad_record)."""

    def __init__(self, source: str, reason: str, message: str):
        self.source, self.reason, self.message = source, reason, message
        super().__init__(f"{source}: {message}")


class ConfigError(VeilleError):
    """Invalid configuration value, with the valid choices when there are some."""


class StoreFullError(VeilleError):
    """The store's disk (or the database's size limit) is full; the transaction in progress was rolled
    back and everything committed before it is intact."""


class StoreUnavailableError(VeilleError):
    """The store stopped answering (a PostgreSQL server down or unreachable) and did not come back in the
    time allowed; the batch in progress was not stored, everything committed before it is intact."""


class PipelineError(VeilleError):
    """A pipeline that cannot work as built (a stage needs what no earlier stage assigns)."""


class MissingExtraError(VeilleError):
    """An optional part is not installed; the message gives the install command."""

    def __init__(self, extra: str, module: str):
        super().__init__(
            f"this needs the optional part '{extra}' (module {module!r} is missing); "
            f"install it with: pip install 'veille[{extra}]'"
        )


def require(module: str, extra: str):
    """Import an optional module or raise MissingExtraError naming the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(extra, module) from exc
