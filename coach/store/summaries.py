"""Interview summaries: what Home, the agenda and the lists read, without notes or plans.

A summary is built when an interview is saved or read from the file, and replaced (never
changed in place) when it is saved again, so readers on any thread may share them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Document = dict[str, Any]

_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
#: Structured fields small enough to keep in summaries, because what is due next needs them:
#: the call's stage times (a mapping of flat mappings) and the actions (a list of them); and
#: the referrals, whose links to contacts a merge or a deletion must find without decoding
#: every interview.
SUMMARY_NESTED = frozenset({"stages", "actions", "referrals"})


def _flat(value: Any) -> bool:
    return type(value) is dict and all(type(v) in _SCALAR_TYPES for v in value.values())


def summary_of(doc: Mapping[str, Any], *, private: bool = False) -> Document:
    """What Home and lists read of an interview: no notes, no plan.

    The top-level scalars, the flat mappings (such as the thank-you's dates) and the small
    structured fields in `SUMMARY_NESTED`. ``private`` says ``doc`` is a fresh parse nobody
    else holds, so nothing needs copying.
    """
    summary: Document = {}
    for key, value in doc.items():
        kind = type(value)
        if kind in _SCALAR_TYPES:
            summary[key] = value
        elif kind is dict:
            if all(type(v) in _SCALAR_TYPES for v in value.values()):
                summary[key] = value if private else dict(value)
            elif key in SUMMARY_NESTED and all(map(_flat, value.values())):
                summary[key] = _copy_value(value) if not private else value
        elif kind is list and key in SUMMARY_NESTED and all(map(_flat, value)):
            summary[key] = value if private else _copy_value(value)
    return summary


def _copy_value(value: Any) -> Any:
    # Only the shapes `summary_of` keeps: flat mappings, and mappings or lists of them.
    if type(value) is dict:
        return {k: dict(v) if type(v) is dict else v for k, v in value.items()}
    return [dict(v) for v in value]


def copy_summary(summary: Mapping[str, Any]) -> Document:
    """A private copy of a summary that the caller may change."""
    return {
        k: _copy_value(v) if type(v) is dict or type(v) is list else v for k, v in summary.items()
    }


class SharedText:
    """Makes summaries share their short texts: one object per distinct status, name, day.

    A long history repeats the same few hundred short values thousands of times. Sharing them
    makes summaries smaller in memory, and the summary cache (which writes a shared object
    once and refers to it after) a third faster to read back.
    """

    #: Text up to this long is shared (ids and names, statuses, times; not notes).
    LONGEST = 40

    def __init__(self) -> None:
        self._pool: dict[str, str] = {}

    def share(self, summary: Document) -> Document:
        """``summary`` with its short texts replaced by shared equal ones (changed in place:
        call it on a summary nobody else holds yet)."""
        keep = self._pool.setdefault
        short = self.LONGEST
        for key, value in summary.items():
            kind = type(value)
            if kind is str:
                if len(value) <= short:
                    summary[key] = keep(value, value)
            elif kind is dict:
                for k, v in value.items():
                    if type(v) is dict:
                        self._flat(v)
                    elif type(v) is str and len(v) <= short:
                        value[k] = keep(v, v)
            elif kind is list:
                for item in value:
                    if type(item) is dict:
                        self._flat(item)
        return summary

    def _flat(self, values: dict[str, Any]) -> None:
        keep = self._pool.setdefault
        for k, v in values.items():
            if type(v) is str and len(v) <= self.LONGEST:
                values[k] = keep(v, v)
