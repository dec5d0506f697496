"""Scoring core for the Pinglu online-market demonstration-zone assessment (平政办发〔2023〕21号 附件2).

Standard library only and free of I/O at import, so the same source runs under CPython (site build,
command line, tests) and Pyodide (the browser). The rules themselves are data: `calc/ruleset.json`,
compiled from `data/` by `python -m tools.compile_data`.

Entry points:
- `validate(assessment)` → list of problems (each with zh and en messages)
- `score(assessment)` → report dict (sub-items, indicators, categories, total, pass, gap to pass, and
  `scope`: the result of the unit the file is for, see calc/unit_report.py)
- `compare(old, new)` → progress between two assessments (calc/compare.py)
- `merge(named_assessments)` → combined county assessment and conflicts
- `template(unit=None, years=…)` → a blank assessment
"""

from calc.contract import FORMAT_NAME, FORMAT_VERSION
from calc.merge import merge
from calc.scoring import score
from calc.template import template
from calc.validation import validate

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "merge", "score", "template", "validate"]
