"""Exceptions the CLI catches, in a module of their own so that commands that
do not build (``kg query``) need not import the extraction pipeline."""


class BuildError(Exception):
    """The build as a whole cannot run (missing folder, nothing to read)."""


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C or SIGTERM came while the outputs were renamed into place: the
    new output is complete (its cache index is not; the next build redoes it)."""
