"""What calc and the browser must agree on, in one place.

The assessment file's name and version, the regions and their names, the range of the assessed years, the
example years, the states of a sub-item and of an indicator with their words in both languages, and the
filling states of the form. The
site build writes calc.api.browser_contract() (these, with the input limit) into the self-scoring page's
form.json and into each calculator's data-config (hooks/pyodide_assets.py, site_macros/calculator.py); the
page's scripts read it from there (assets/javascripts/engine/contract.js) and keep no copy.
"""

from __future__ import annotations

FORMAT_NAME = "pinglu-online-market-assessment"
FORMAT_VERSION = 1

REGIONS = ("east", "central", "west")
DEFAULT_REGION = "central"  # 山西省 is in the central region (指标4)
# As written in a sentence (指标4: 东部地区2亿元以上 …) and as a choice in a list.
REGION_NAMES = {"east": ("东部", "eastern"), "central": ("中部", "central"), "west": ("西部", "western")}
REGION_LABELS = {
    "east": {"zh": "东部地区", "en": "Eastern region"},
    "central": {"zh": "中部地区", "en": "Central region"},
    "west": {"zh": "西部地区", "en": "Western region"},
}

# The assessed years are two consecutive years, the first of them from YEARS[0] to YEARS[1] (so the second
# is at most YEARS[1] + 1): calc.validation refuses others, and the page's year box offers these.
YEARS = (2000, 2099)

# The years a blank file is made for when no one says which (the worked examples, the CLI's default).
EXAMPLE_FIRST_YEAR = 2024

# A number of points, as calc's texts and the page's write it: "5分" (within a Chinese sentence, as the plan
# writes it), "1 point", "5 points".
POINT_WORDS = {"zh": {"one": "{n}分", "other": "{n}分"}, "en": {"one": "{n} point", "other": "{n} points"}}


def points_text(n: int | float | str, lang: str) -> str:
    words = POINT_WORDS["en" if lang == "en" else "zh"]
    return (words["one"] if str(n) == "1" else words["other"]).format(n=n)


# A sub-item's state (calc.rulekind's results), also the gap-to-pass cost order (calc/gap.py); an
# indicator is "met", "partial" or "open" (no points); "invalid" is a value calc could not read, "conflict" a
# figure the merged files give differently (calc.disputes).
MET, PARTIAL, UNMET, MISSING_DATA, UNDEFINED_DATA = "met", "partial", "unmet", "missing", "undefined"
MET_NOT_COUNTED, INDICATOR_OPEN, INVALID, CONFLICT = "met-not-counted", "open", "invalid", "conflict"
STATE_LABELS: dict[str, dict[str, str]] = {
    MET: {"zh": "达标", "en": "met"},
    PARTIAL: {"zh": "部分得分", "en": "partly met"},
    UNMET: {"zh": "未达标", "en": "not met"},
    MISSING_DATA: {"zh": "缺少数据", "en": "data missing"},
    UNDEFINED_DATA: {"zh": "无法计算", "en": "cannot be computed"},
    INVALID: {"zh": "数值有误", "en": "invalid value"},
    MET_NOT_COUNTED: {"zh": "达标（不重复计分）", "en": "met (not counted twice)"},
    INDICATOR_OPEN: {"zh": "未得分", "en": "no points"},
    CONFLICT: {"zh": "有冲突", "en": "conflict"},
}

# How far an indicator is filled in (calc.unit_report's indicator states, and "conflict" for a disputed
# figure): the form's index, each indicator's heading and the tracker of received files.
PROGRESS_LABELS: dict[str, dict[str, str]] = {
    "done": {"zh": "已填完", "en": "answered"},
    "partial": {"zh": "部分填写", "en": "partly answered"},
    "open": {"zh": "未填", "en": "not answered"},
    "invalid": {"zh": "有误", "en": "invalid value"},
    "conflict": {"zh": "有冲突", "en": "conflict"},
}
