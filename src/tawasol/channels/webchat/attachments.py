"""Files a visitor sends: size-limited, typed by their bytes, stored once by content hash.

The declared content type and file name are the sender's claims: the type is sniffed from
the first bytes and only kinds a browser will not run are taken (images, PDF). Files live
under `<data_dir>/attachments/<sha256>`; the widget gets a signed reference to put in its
message, so a file uploaded to one inbox cannot be attached through another.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tawasol.auth.signing import sign, unsign
from tawasol.channels.base import AttachmentMeta
from tawasol.errors import ApiError, Invalid

REF_PURPOSE = "attachment"
CHUNK = 64 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
]
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
              "image/webp": ".webp", "application/pdf": ".pdf"}  # fmt: skip


class AttachmentTooLarge(ApiError):
    status_code = 413
    code = "attachment_too_large"


class UnsupportedAttachment(ApiError):
    status_code = 415
    code = "unsupported_attachment"


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    filename: str
    content_type: str
    size: int

    @property
    def storage_key(self) -> str:
        return f"attachments/{self.sha256}"

    def meta(self) -> AttachmentMeta:
        return AttachmentMeta(
            filename=self.filename, content_type=self.content_type, size=self.size,
            storage_key=self.storage_key, sha256=self.sha256,
        )  # fmt: skip


def caption(filenames: list[str]) -> str:
    """The text of a file-only message, so advisors' lists still say what it carries."""
    return ", ".join(f"📎 {name}" for name in filenames)


def sniff(head: bytes) -> str | None:
    for magic, content_type in _SIGNATURES:
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def safe_filename(name: str | None, content_type: str) -> str:
    """A display name that is no path, no control character and not absurdly long."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE_NAME.sub("_", base).strip(" .")[:150]
    return base or f"fichier{EXTENSIONS.get(content_type, '')}"


def attachment_path(data_dir: Path, sha256: str) -> Path:
    if not _SHA256.match(sha256):
        raise Invalid("not an attachment reference", code="invalid_attachment")
    return data_dir / "attachments" / sha256


def store_upload(
    source: BinaryIO, *, filename: str | None, data_dir: Path, limit: int
) -> StoredFile:
    """Copy the upload into the store, refusing it past `limit` bytes or of a refused type."""
    folder = data_dir / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    digest, size, head = hashlib.sha256(), 0, b""
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as temp:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise AttachmentTooLarge(
                        f"the file exceeds the limit of {limit} bytes", limit=limit
                    )
                if len(head) < 16:
                    head += chunk[: 16 - len(head)]
                digest.update(chunk)
                temp.write(chunk)
        if size == 0:
            raise Invalid("the file is empty", code="empty_attachment")
        content_type = sniff(head)
        if content_type is None:
            raise UnsupportedAttachment(
                "only images (PNG, JPEG, GIF, WebP) and PDF documents can be sent here",
                allowed=sorted(EXTENSIONS),
            )
        sha = digest.hexdigest()
        os.replace(temp_name, folder / sha)  # same bytes, same name: a re-upload is harmless
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return StoredFile(sha, safe_filename(filename, content_type), content_type, size)


def sign_reference(secret_key: str, *, inbox_id: int, stored: StoredFile) -> str:
    body = {"i": inbox_id, "h": stored.sha256, "n": stored.filename,
            "t": stored.content_type, "s": stored.size}  # fmt: skip
    return sign(secret_key, REF_PURPOSE, body)


def read_reference(secret_key: str, *, inbox_id: int, ref: str) -> StoredFile:
    body = unsign(secret_key, REF_PURPOSE, ref)
    if body is None or body.get("i") != inbox_id:
        raise Invalid("an attachment reference is invalid; upload the file again",
                      code="invalid_attachment")  # fmt: skip
    try:
        return StoredFile(str(body["h"]), str(body["n"]), str(body["t"]), int(body["s"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise Invalid("an attachment reference is invalid", code="invalid_attachment") from exc
