"""Shared by every stage: how many cores this process may run on (the validation child and black's
workers are only worth forking when there is a second one)."""

from __future__ import annotations

import os


def available() -> int:
    """The cores this process may run on: its CPU affinity where the platform has one, else all."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
