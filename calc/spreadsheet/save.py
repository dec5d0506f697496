"""Saving a workbook to bytes with fixed timestamps, so the same inputs always give the same file.

openpyxl's save_workbook stamps "modified" with the current time and the zip members with the clock;
here both come from `when` (the site's build date), and members are written in openpyxl's own order.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from typing import Any

from calc.spreadsheet import require_openpyxl


def workbook_bytes(workbook: Any, when: _dt.date) -> bytes:
    require_openpyxl()
    from openpyxl.writer.excel import ExcelWriter

    stamp = _dt.datetime(when.year, when.month, when.day)
    workbook.properties.created = workbook.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
