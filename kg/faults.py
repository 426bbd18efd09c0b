"""Fault injection for the crash tests: with KG_CRASH_AT=NAME in the environment, the process kills itself
with SIGKILL when it reaches the point NAME (the same death as `kill -9`: no cleanup, no finally)."""
from __future__ import annotations

import os
import signal

_AT = os.environ.get("KG_CRASH_AT")


def crash_point(name: str) -> None:
    if _AT is not None and _AT == name:
        os.kill(os.getpid(), signal.SIGKILL)
