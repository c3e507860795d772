"""The names tests import from here; they live in support.py, which the benchmarks share."""

from support import CHROMIUM, CHROMIUM_ARGS, QuietHandler, fetch, free_port, serve, wait_for  # noqa: F401
