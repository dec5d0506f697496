"""What the .xlsx templates add to the build, and how large they are (not a test: it prints figures).

    python -m benchmarks.bench_xlsx [runs]
Makes every template (county and each unit, Chinese and English) as the build does, `runs` times (default
3), and prints the median time, then the sizes; then reads the county report workbook back and scores it.
"""

from __future__ import annotations

import datetime
import json
import statistics
import sys
import time

import calc
from calc.spreadsheet.located import score_workbook
from calc.spreadsheet.report_xlsx import report_bytes
from calc.spreadsheet.template_xlsx import template_bytes
from site_macros.downloads import template_years, units_with_templates
from tools.datasource import ROOT

WHEN = datetime.date(2026, 1, 15)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    units = [None, *units_with_templates()]
    years = template_years(WHEN)
    times, sizes = [], {}
    for _ in range(runs):
        start = time.perf_counter()
        for lang in ("zh", "en"):
            for unit in units:
                sizes[(unit, lang)] = len(template_bytes(unit, years, lang, WHEN))
        times.append(time.perf_counter() - start)
    print(
        f"{len(sizes)} templates ({len(units)} × zh, en): median {statistics.median(times):.2f} s "
        f"over {runs} runs (min {min(times):.2f} s, max {max(times):.2f} s)"
    )
    values = sorted(sizes.values())
    print(
        f"sizes: county zh {sizes[(None, 'zh')] / 1024:.1f} KB, en {sizes[(None, 'en')] / 1024:.1f} KB; "
        f"units {values[0] / 1024:.1f}–{values[-1] / 1024:.1f} KB; all {sum(values) / 1024:.0f} KB"
    )
    example = json.loads((ROOT / "examples" / "county-complete.json").read_text(encoding="utf-8"))
    data = report_bytes(example, calc.score(example), "zh", when=WHEN)
    start = time.perf_counter()
    report, _ = score_workbook(data, "report.xlsx")
    print(
        f"county report workbook {len(data) / 1024:.1f} KB; read back and scored in "
        f"{time.perf_counter() - start:.2f} s (total {report['total']})"
    )


if __name__ == "__main__":
    main()
