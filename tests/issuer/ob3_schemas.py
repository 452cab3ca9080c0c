"""The official Open Badges 3.0 JSON Schemas, read from disk (no network), for any test.

Every schema of ``shared/standards/openbadges-3.0`` is reachable by its ``$id``, so a schema's
``$ref`` to another resolves locally.
"""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909

STANDARDS = (
    Path(
        os.environ.get(
            "DIVA_STANDARDS_DIR", Path(__file__).resolve().parents[3] / "shared/standards"
        )
    )
    / "openbadges-3.0"
)


def schema_validator(name: str) -> Draft201909Validator:
    """The validator of one official schema (``achievementcredential.json``, ``profile.json``)."""
    if not STANDARDS.exists():
        pytest.fail(f"the OB 3.0 schemas are missing: {STANDARDS}")
    documents = (
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(STANDARDS.glob("*.json"))
    )
    registry: Registry = Registry().with_resources(
        (d["$id"], Resource.from_contents(d, default_specification=DRAFT201909))
        for d in documents
        if "$id" in d
    )
    schema = json.loads((STANDARDS / name).read_text(encoding="utf-8"))
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(
        schema, registry=registry, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


def schema_errors(validator: Draft201909Validator, document: Any) -> list[str]:
    """Each error as ``[path]: message`` (empty when the document is valid)."""
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
