"""Identifiers for records: short, random, safe in file names and on a command line."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """A fresh 12-character lowercase hex id (48 random bits: ample for one person's data)."""
    return uuid.uuid4().hex[:12]
