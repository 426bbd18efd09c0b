"""One exception type for every user-facing failure: the CLI prints its message as one line and exits non-zero."""


class KgError(Exception):
    """A problem with the user's input or environment, described in one precise English sentence."""

    exit_code = 2
