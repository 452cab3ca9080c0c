"""Domain errors: every one carries a message a person can read, never a traceback."""


class DivaError(Exception):
    """Base of every error DIVA reports to a person."""


class DomainError(DivaError):
    """A rule of the skill model was broken (a level outside 1-4, an invalid transition...)."""


class StoreError(DivaError):
    """A data file could not be used. The message names the file; the file is left untouched."""


class FrameworkError(DivaError):
    """A competency framework file is malformed."""


class NotFoundError(DivaError):
    """A player, experience or request that was asked for does not exist."""
