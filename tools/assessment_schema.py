"""Write schema/assessment.schema.json: the JSON Schema of the assessment file, generated from data/.

Every fact key gets its own precise sub-schema, so the schema documents the whole format. The scoring
core's validator (calc/validation.py) is the authority; tests check that both accept the examples and
that this file is current.  python -m tools.assessment_schema [--check]
"""

from __future__ import annotations

import json
import sys
from typing import Any

from calc.assessment import MAX_TEXT
from calc.contract import FORMAT_NAME, FORMAT_VERSION, REGIONS, YEARS
from calc.ruleset import default_ruleset
from tools.datasource import ROOT

SCHEMA_PATH = ROOT / "schema" / "assessment.schema.json"
NUMBER = {
    "oneOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*[+-]?[0-9０-９,]*[.．]?[0-9０-９]+\s*%?\s*$"}]
}


def _value_schema(fact: dict[str, Any]) -> dict[str, Any]:
    kind = fact["kind"]
    if kind == "flag":
        return {"type": ["boolean", "null"]}
    if kind == "count":
        return {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]}
    if kind == "number":
        bounds = {k: fact[k] for k in ("min", "max") if k in fact}
        return {
            "oneOf": [
                {"type": "number", **{("minimum" if k == "min" else "maximum"): v for k, v in bounds.items()}},
                {"type": "null"},
            ]
        }
    if kind in ("ratio", "growth"):
        pair = ("numerator", "denominator") if kind == "ratio" else ("current", "previous")
        return {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {"percent": NUMBER},
                    "required": ["percent"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {pair[0]: NUMBER, pair[1]: NUMBER},
                    "required": list(pair),
                    "additionalProperties": False,
                },
                {"type": "null"},
            ]
        }
    return {
        "oneOf": [
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "year", "sales_wan_yuan"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string", "minLength": 1},
                        "year": {"type": "integer"},
                        "sales_wan_yuan": NUMBER,
                    },
                },
            },
            {"type": "null"},
        ]
    }


def build_schema() -> dict[str, Any]:
    ruleset = default_ruleset()
    facts: dict[str, Any] = {}
    for key, fact in ruleset.facts.items():
        value = _value_schema(fact)
        if fact.get("per_year"):
            value = {
                "oneOf": [
                    {"type": "object", "patternProperties": {"^[0-9]{4}$": value}, "additionalProperties": False},
                    {"type": "null"},
                ]
            }
        label = fact["label"]
        facts[key] = {"description": f"指标{ruleset.fact_indicator[key]} {label['zh']} / {label['en']}", **value}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "assessment.schema.json",
        "title": "平陆县网络市场监管与服务示范区创建评估 自评文件 / Pinglu demonstration-zone self-assessment file",
        "description": "One county or unit self-assessment against the 41 indicators of 平政办发〔2023〕21号 附件2. "
        "Facts left null are 'not entered'. National reference facts left null use the site's default.",
        "type": "object",
        "required": ["format", "version", "years", "facts"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "format": {"const": FORMAT_NAME},
            "version": {"const": FORMAT_VERSION},
            "scope": {
                "oneOf": [
                    {
                        "type": "object",
                        "properties": {"kind": {"const": "county"}},
                        "required": ["kind"],
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "properties": {"kind": {"const": "unit"}, "unit": {"enum": sorted(ruleset.units)}},
                        "required": ["kind", "unit"],
                        "additionalProperties": False,
                    },
                ]
            },
            "years": {
                "type": "array",
                "items": {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1] + 1},
                "minItems": 2,
                "maxItems": 2,
                "description": "近2年: the two most recent full years, consecutive",
            },
            "region": {"enum": list(REGIONS), "default": "central"},
            "facts": {"type": "object", "properties": facts, "additionalProperties": False},
            "evidence": {
                "type": "object",
                "patternProperties": {
                    "^([1-9]|[1-3][0-9]|4[01])$": {"type": ["string", "null"], "maxLength": MAX_TEXT}
                },
                "additionalProperties": False,
            },
            "disputes": {
                "type": "array",
                "description": "Written by a merge (python -m calc merge, or the page's merge): each figure the merged files give differently, left out of facts and kept here with every file's value. A dispute is open while facts holds no value for its figure; choosing or typing one settles it. The report scores each value (report.disputes) and lists open disputes in the gap to pass.",
                "items": {
                    "type": "object",
                    "required": ["key", "year", "values"],
                    "additionalProperties": False,
                    "properties": {
                        "key": {"enum": sorted(ruleset.facts)},
                        "year": {
                            "type": ["integer", "null"],
                            "description": "The year of a per-year figure; null otherwise.",
                        },
                        "values": {
                            "type": "array",
                            "minItems": 2,
                            "items": {
                                "type": "object",
                                "required": ["source", "value"],
                                "additionalProperties": False,
                                "properties": {
                                    "source": {"type": "string", "description": "The file the value came from."},
                                    "value": {
                                        "description": "The value as that file gives it, in the form of facts[key]."
                                    },
                                },
                            },
                        },
                    },
                },
            },
            "meta": {
                "type": "object",
                "description": "Free space for notes about the file; calc scores none of it. The keys below are written by the site and by python -m calc.",
                "properties": {
                    "exported": {
                        "type": "string",
                        "description": "When the file was exported from the self-scoring page (ISO 8601, UTC), or when a spreadsheet was last saved. The county's tracker shows it once the file is merged.",
                    },
                    "merged_from": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Written by a merge: the files combined, in order.",
                    },
                    "merged_files": {
                        "type": "array",
                        "description": "Written by a merge: each file combined, with the unit its scope names (null for a county file) and when it was exported; a merged county file merged again passes its own list on. The coordinator's tracker (calc/tracker.py) reads it.",
                        "items": {
                            "type": "object",
                            "required": ["source"],
                            "properties": {
                                "source": {"type": "string"},
                                "unit": {"type": ["string", "null"]},
                                "exported": {"type": ["string", "null"]},
                            },
                        },
                    },
                    "invalid_values": {
                        "type": "array",
                        "description": "Written by the page's export when values calc refused remain: each field with calc's message.",
                        "items": {
                            "type": "object",
                            "properties": {"field": {"type": "string"}, "message": {"type": "object"}},
                        },
                    },
                    "source": {
                        "type": "string",
                        "description": '"xlsx" for an assessment read from a filled-in template.',
                    },
                    "template_version": {
                        "type": "string",
                        "description": "The version of the template it was read from.",
                    },
                },
            },
        },
    }


def render() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    if "--check" in sys.argv:
        sys.exit(0 if current == render() else 1)
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print("wrote", SCHEMA_PATH.relative_to(ROOT))
