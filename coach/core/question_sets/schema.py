"""The JSON Schema (draft 2020-12) of the question-set format, for editors' YAML plugins.

Generated from the format's key tables, the same ones validation reads, so the two cannot
drift apart. Editors parse YAML with ordinary typing, so here ``minutes`` is a number and the
rest is text; the loader itself reads every value as text and checks the same rules.
"""

from __future__ import annotations

from typing import Any

from coach.core.question_set import DEFAULT_PRIORITY, PRIORITIES
from coach.core.question_sets.format import (
    EXTENSION_DESCRIPTION,
    EXTENSION_PREFIX,
    LEVELS,
    QUESTION_SET,
    Key,
    Level,
)
from coach.core.question_sets.validation import ID_PATTERN

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string", "minLength": 1}


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of one question-set file as a JSON-ready dict."""
    return {
        "$schema": SCHEMA_URI,
        "title": "coach question set",
        **_level(QUESTION_SET),
        "$defs": {level.name: _level(level) for level in LEVELS if level is not QUESTION_SET},
    }


def _level(level: Level) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "description": level.description,
        "required": [key.name for key in level.keys if key.required],
        "additionalProperties": False,
        "properties": {key.name: _key(key) for key in level.keys},
    }
    if level.own_notes:
        notes = {**_TEXT, "description": EXTENSION_DESCRIPTION}
        schema["patternProperties"] = {f"^{EXTENSION_PREFIX}": notes}
    return schema


def _key(key: Key) -> dict[str, Any]:
    value: dict[str, Any]
    match key.holds:
        case "id":
            value = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
        case "line" | "text":
            value = dict(_TEXT)
        case "minutes":
            value = {"type": "number", "exclusiveMinimum": 0}
        case "priority":
            value = {"enum": list(PRIORITIES), "default": DEFAULT_PRIORITY}
        case "texts":
            value = {"type": "array", "items": dict(_TEXT)}
        case "entries":
            assert key.entries is not None
            value = {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": f"#/$defs/{key.entries.name}"},
            }
    return {**value, "description": key.description}
