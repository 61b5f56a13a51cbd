"""Keeping attachment bytes on disk, content-addressed, within the inbox's size limits.

Files are named by their SHA-256 under `<data dir>/attachments/`, so the same file received
twice (a refetch, a forwarded thread) is stored once, and writing is idempotent: a retry after
a crash rewrites nothing. A file over the limit is described (name, type, size, hash) and
flagged, not stored; the message itself is always kept.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tawasol.channels.base import AttachmentMeta
from tawasol.channels.email.body import PartAttachment
from tawasol.channels.email.sniff import DANGEROUS

MB = 1024 * 1024


@dataclass(frozen=True)
class EmailAttachmentMeta(AttachmentMeta):
    """What the message row keeps about one attachment (its `attachments` JSON)."""

    declared_type: str | None = None
    content_id: str | None = None  # the `cid:` an inline image is referenced by in the HTML
    inline: bool = False
    dangerous: bool = False  # executable or active content: download only, never inline
    skipped: str | None = None  # why the bytes were not stored (too large)


def attachment_path(data_dir: Path, sha256: str) -> Path:
    return data_dir / "attachments" / sha256


def _write_once(path: Path, data: bytes) -> None:
    if path.exists() and path.stat().st_size == len(data):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)  # atomic: readers never see half a file
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def store_attachments(
    parts: list[PartAttachment],
    *,
    data_dir: Path,
    max_attachment_bytes: int = 10 * MB,
    max_message_bytes: int = 30 * MB,
) -> tuple[list[EmailAttachmentMeta], list[str]]:
    """Metadata for every attachment, and flags for those left out because of their size."""
    kept: list[EmailAttachmentMeta] = []
    flags: list[str] = []
    budget = max_message_bytes
    for part in parts:
        sha = hashlib.sha256(part.data).hexdigest()
        size = len(part.data)
        skipped = None
        if size > max_attachment_bytes:
            skipped = f"larger than {max_attachment_bytes} bytes"
        elif size > budget:
            skipped = f"message attachments exceed {max_message_bytes} bytes"
        if skipped:
            flags.append(f"attachment: {part.filename} not stored ({skipped})")
        else:
            _write_once(attachment_path(data_dir, sha), part.data)
            budget -= size
        kept.append(
            EmailAttachmentMeta(
                filename=part.filename,
                content_type=part.content_type,
                size=size,
                storage_key=None if skipped else f"attachments/{sha}",
                sha256=sha,
                declared_type=part.declared_type,
                content_id=part.content_id,
                inline=part.inline,
                dangerous=part.content_type in DANGEROUS,
                skipped=skipped,
            )
        )
    return kept, flags
