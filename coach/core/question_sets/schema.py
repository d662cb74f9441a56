"""The JSON Schema (draft 2020-12) of the question-set format, for editors' YAML plugins.

Editors parse YAML with ordinary typing, so here ``minutes`` is a number and the rest is text;
the loader itself reads every value as text and checks the same rules.
"""

from __future__ import annotations

from typing import Any

from coach.core.question_set import PRIORITIES

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def _text(description: str, min_length: int = 1) -> dict[str, Any]:
    return {"type": "string", "minLength": min_length, "description": description}


def _minutes(description: str) -> dict[str, Any]:
    return {"type": "number", "exclusiveMinimum": 0, "description": description}


def _texts(description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "description": description,
    }


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of one question-set file as a JSON-ready dict."""
    ident = {"type": "string", "pattern": "^[a-z0-9-]+$"}
    question = {
        "type": "object",
        "description": "One question, asked in the order written.",
        "required": ["id", "text"],
        "additionalProperties": False,
        "properties": {
            "id": {
                **ident,
                "description": "Unique within the set: lower-case letters, digits, '-'.",
            },
            "text": _text("The question as you would ask it."),
            "priority": {
                "enum": list(PRIORITIES),
                "default": "should",
                "description": "must: ask it whatever happens; should: ask if time allows; "
                "could: a spare, for when the talk runs ahead.",
            },
            "minutes": _minutes("Time to budget for this question, in minutes."),
            "probes": _texts("Short prompts to dig deeper once they have answered."),
            "tags": _texts("Free labels for finding and filtering questions."),
        },
    }
    section = {
        "type": "object",
        "description": "A titled group of questions.",
        "required": ["id", "title", "questions"],
        "additionalProperties": False,
        "properties": {
            "id": {**ident, "description": "Lower-case letters, digits and '-'."},
            "title": _text("Shown as the heading of this part of the call."),
            "questions": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/question"},
                "description": "The questions of this section, in order.",
            },
        },
    }
    return {
        "$schema": SCHEMA_URI,
        "title": "coach question set",
        "description": "A set of questions for one kind of informational interview.",
        "type": "object",
        "required": ["id", "title", "sections"],
        "additionalProperties": False,
        "patternProperties": {
            "^x-": {
                "type": "string",
                "description": "Your own notes; coach keeps but ignores them.",
            }
        },
        "properties": {
            "id": {
                **ident,
                "description": "Names the set; a set of yours with a built-in's id replaces it.",
            },
            "title": _text("The name shown when you pick a set."),
            "description": _text("What the set is for and when to use it.", min_length=0),
            "minutes": _minutes("The length of call this set is written for, in minutes."),
            "sections": {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/section"},
                "description": "The parts of the conversation, in order.",
            },
        },
        "$defs": {"section": section, "question": question},
    }
