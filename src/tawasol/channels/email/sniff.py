"""Content types from the bytes themselves: a declared type is what the sender claims, and a
".png" that starts with "MZ" is an executable whatever its header says."""

from __future__ import annotations

import io
import zipfile

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .doc, .xls, .msg
    (b"MZ", "application/x-msdownload"),
    (b"\x7fELF", "application/x-executable"),
    (b"%!PS", "application/postscript"),
    (b"BM", "image/bmp"),
]
_OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
EXTENSIONS = {
    "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
    "image/webp": ".webp", "application/zip": ".zip", "text/calendar": ".ics",
    "text/plain": ".txt", "text/html": ".html", "message/rfc822": ".eml",
    _OOXML["word/"]: ".docx", _OOXML["xl/"]: ".xlsx", _OOXML["ppt/"]: ".pptx",
}  # fmt: skip
# Types a browser may run or render as a page: never shown inline, flagged to the advisor.
DANGEROUS = {
    "application/x-msdownload", "application/x-executable", "text/html", "image/svg+xml",
}  # fmt: skip


def _zip_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "application/zip"
    if "[Content_Types].xml" in names:
        for prefix, content_type in _OOXML.items():
            if any(name.startswith(prefix) for name in names):
                return content_type
    if "mimetype" in names:
        return "application/vnd.oasis.opendocument"
    return "application/zip"


def _text_type(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"begin:vcalendar"):
        return "text/calendar"
    if stripped.startswith(b"begin:vcard"):
        return "text/vcard"
    if stripped.startswith((b"<svg", b"<?xml")) and b"<svg" in stripped[:1024]:
        return "image/svg+xml"
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return "text/plain" if controls <= len(head) // 100 else None


def _is_bmp(head: bytes) -> bool:
    return len(head) > 18 and int.from_bytes(head[14:18], "little") in (12, 40, 56, 108, 124)


def sniff_content_type(data: bytes) -> str:
    head = data[:2048]
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    for magic, content_type in _SIGNATURES:
        if head.startswith(magic):
            if magic == b"BM" and not _is_bmp(head):
                continue  # "BM" is too short to trust alone: text may start with it
            return content_type
    return _text_type(head) or "application/octet-stream"
