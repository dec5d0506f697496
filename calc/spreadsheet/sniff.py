"""What kind of file the bytes are, by content first and name second; clear refusals for what cannot be read.

An .xlsx is a zip holding xl/workbook.xml. The old binary formats (.xls, WPS .et) and a password-protected
.xlsx are OLE compound files; a password-protected one holds an "EncryptedPackage" stream. No openpyxl here.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from calc.validation import Problem

MAX_BYTES = 10 * 1024 * 1024  # a filled template is about 30 KB
MAX_EXPANDED = 100 * 1024 * 1024  # what its zip may unpack to (a zip bomb is refused before reading)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ett", ".csv", ".ods", ".xlsb")
XLSX, JSON = "xlsx", "json"


def _refusal(code: str, zh: str, en: str) -> dict[str, Any]:
    return Problem([], code, zh, en).as_dict()


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def looks_like_spreadsheet(name: str, head: bytes) -> bool:
    """Whether the CLI should hand this file to the spreadsheet layer (content, else the name's suffix)."""
    if head.startswith(OLE) or head.startswith(b"PK"):
        return True
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return False
    return name.lower().endswith(SPREADSHEET_SUFFIXES)


def refusal(data: bytes, name: str = "") -> dict[str, Any] | None:
    """None when `data` is an .xlsx openpyxl can be given; otherwise the problem that says why not."""
    lower = name.lower()
    if len(data) > MAX_BYTES:
        return _refusal(
            "too-large",
            f"文件过大（{_mb(len(data))} MB），最大 {_mb(MAX_BYTES)} MB。自评表格通常只有几十KB，请检查是否选错了文件。",
            f"The file is too large ({_mb(len(data))} MB; at most {_mb(MAX_BYTES)} MB). A filled template is a few "
            "dozen KB; please check that this is the right file.",
        )
    if data.startswith(OLE):
        if ENCRYPTED in data:
            return _refusal(
                "encrypted",
                "文件设置了打开密码，无法读取。请在Excel或WPS中取消密码（文件→信息→保护工作簿/文档加密）后另存为.xlsx再导入。",
                "The file is password-protected and cannot be read. Remove the password in Excel or WPS "
                "(File → Info → Protect Workbook / Encrypt) and save it as .xlsx again.",
            )
        return _refusal(
            "old-format",
            "这是旧版Excel（.xls）或WPS表格（.et）文件，无法读取。请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再导入。",
            "This is an old Excel (.xls) or WPS (.et) file, which cannot be read. Save it as an Excel "
            "workbook (.xlsx) in Excel or WPS (Save As) and import that.",
        )
    if not data.startswith(b"PK"):
        if lower.endswith(".csv") or lower.endswith(".txt"):
            return _refusal(
                "csv",
                "CSV文件无法导入（CSV只是导出的报表，不含填报结构）。请使用本站的.xlsx模板填写，或导入JSON自评文件。",
                "A CSV file cannot be imported (the CSV is an exported report without the entry structure). "
                "Fill in the site's .xlsx template, or import the JSON assessment file.",
            )
        return _refusal(
            "not-xlsx",
            "无法识别的文件：不是Excel工作簿（.xlsx），也不是自评JSON文件。",
            "Unrecognised file: neither an Excel workbook (.xlsx) nor an assessment JSON file.",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        expanded = sum(info.file_size for info in archive.infolist())
        if expanded > MAX_EXPANDED:
            return _refusal(
                "too-large",
                f"文件解压后过大（{_mb(expanded)} MB），无法读取。",
                f"The file unpacks to too much data ({_mb(expanded)} MB) and cannot be read.",
            )
        damaged = archive.testzip()
        mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        KeyError,
        RuntimeError,
        NotImplementedError,
    ):
        damaged = "?"
        names, mimetype = set(), b""
    if damaged:
        return _corrupt()
    if b"opendocument" in mimetype:
        return _refusal(
            "ods",
            "这是OpenDocument表格（.ods），无法读取。请在LibreOffice或WPS中另存为Excel工作簿（.xlsx）后再导入。",
            "This is an OpenDocument spreadsheet (.ods), which cannot be read. Save it as an Excel "
            "workbook (.xlsx) in LibreOffice or WPS and import that.",
        )
    if "xl/workbook.xml" not in names:
        return _refusal(
            "not-xlsx", "这个压缩文件不是Excel工作簿（.xlsx）。", "This zip file is not an Excel workbook (.xlsx)."
        )
    return None


def _corrupt() -> dict[str, Any]:
    return _refusal(
        "corrupt",
        "文件已损坏，无法打开（可能下载或复制不完整）。请重新保存或重新下载模板后再试。",
        "The file is damaged and cannot be opened (perhaps an incomplete download or copy). Save it "
        "again, or download the template again, and retry.",
    )


def corrupt() -> dict[str, Any]:
    """The refusal for a zip that openpyxl still cannot read as a workbook."""
    return _corrupt()
