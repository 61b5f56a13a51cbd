"""Hand-written grammatical markers of Arabic-script Darija and of Mashriqi Arabic dialects.

Darija and MSA share most of their vocabulary, so a few hundred training sentences cannot teach
a classifier which words matter. These markers encode that knowledge directly: weighted word
lists shipped in `data/` (ديال, هاد, غادي, بزاف ... for Darija; ده, هيك, الحين ... for the
Egyptian, Levantine and Gulf dialects that must not be mistaken for it) and two morphological
patterns of Darija morphology: the progressive verb prefix (كيدير, كتقول, كنشوف, تيقول), the
negation circumfix ما...ش (ماكيعرفش), the plural pronoun suffixes -هوم/-كوم and bare -و plurals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tawasol.nlp.language.corpus import MARKER_FILES
from tawasol.nlp.language.scripts import ARABIC
from tawasol.nlp.language.tokens import normalise_word

DARIJA_MARKERS_FILE, MASHRIQI_MARKERS_FILE = MARKER_FILES

PROGRESSIVE_VERB_WEIGHT = 0.7
KNOWN_VERB_PROGRESSIVE_WEIGHT = 0.9
NEGATED_VERB_WEIGHT = 0.8
PRONOUN_SUFFIX_WEIGHT = 1.0
PLURAL_VERB_WEIGHT = 0.2
JOINED_FI_WEIGHT = 0.2
MOROCCAN_GAF = "ڭ"
MOROCCAN_GAF_WEIGHT = 1.0
TEEN_NUMBER_WEIGHT = 1.0
INDEFINITE_ARTICLE_WEIGHT = 0.8
SPLIT_NEGATION_WEIGHT = 0.8
FUTURE_VERB_WEIGHT = 0.6
MODAL_VERB_WEIGHT = 0.6

_PROGRESSIVE_VERB = re.compile(r"^[وف]?(?:كا?[يتن]|تي)\w{3,}$")
_NEGATED_VERB = re.compile(r"^(?:ما\w{2,}|م[كينع]\w{2,})ش$")
# Joined ف+ال (فالسوق, فالعادة), frequent in written Darija.
_JOINED_FI = re.compile(r"^فال\w{3,}$")
# Darija plural pronoun suffixes: ديالهوم, راسهوم, عندكوم (MSA: -هم, -كم).
_PLURAL_PRONOUN_SUFFIX = re.compile(r"^\w{2,}(?:هوم|كوم)$")
# Imperfect plural verbs ending in -و where MSA writes -ون/-وا: يقدرو, ينظمو, كيخدمو.
_PLURAL_VERB = re.compile(r"^[وف]?[يتن]\w{2,}و$")
# Darija numbers 11-19 end in -طاش/-تاش (حداش, تلطاش, خمستاش), MSA has عشر.
_TEEN_NUMBER = re.compile(r"^\w{2,}(?:طاش|تاش)$")
# Future tense with the prefix غ- (غيكون, غنمشي, غتقول); MSA غير/غيوم/غياب/غنية excluded.
_FUTURE_VERB = re.compile(r"^[وف]?غ[يتن](?![راوبي])\w{2,}$")
# "can" + bare imperfect (يقدر يدير, تقدر تصنف, قدرو يوصلو); MSA says يمكن أن / يستطيع أن
# and uses يقدر for "estimates/appreciates", before a noun.
_MODAL_CAN = re.compile(r"^[وف]?(?:ك[يتن]|[يتن])?قدر[وي]?$")
_BARE_IMPERFECT = re.compile(r"^[يتن]\w{2,}$")
# MSA words and common names that look like a Darija progressive verb.
_NOT_PROGRESSIVE = frozenset(
    [
        "كتابة",
        "كتابه",
        "كتابات",
        "كتابي",
        "كتابها",
        "كتابك",
        "كيفية",
        "كيفيه",
        "كنيسة",
        "كنيسه",
        "كنائس",
        "كتيبة",
        "كتيبه",
        "كيلومتر",
        "كيلومترات",
        "كيلوغرام",
        "كيميائي",
        "كيميائية",
        "كيميائيه",
        "كتائب",
        "كاتبة",
        "كاتبه",
        "كاتدرائية",
        "كيانات",
        "كينيا",
        "كتاكيت",
        "كتكوت",
        "كتكوتة",
        "كاتوليك",
        "كاثوليك",
        "كاثوليكية",
        "تيارات",
        "تيسير",
    ]
)
_NOT_NEGATED = frozenset(["مشمش", "منعش", "مدهش", "مدهشة", "مرعش", "مرتعش"])
_NOT_PLURAL_VERB = frozenset(["يونيو", "يوليو", "تورنتو", "تانغو", "نيو", "تيمو", "توكيو", "تاكو"])


# Markers that, behind a و/ف, usually form another word (وراه 'behind him', وداك).
_BARE_ONLY = frozenset(["راه", "راها", "داك", "ديك", "لي", "ليا", "تما"])


@dataclass(frozen=True, slots=True)
class MarkerLexicon:
    """Weighted marker words, keyed by normalised form."""

    weights: dict[str, float]

    def weight(self, norm: str) -> float:
        """Weight of the word, or of the word without a leading conjunction و/ف."""
        found = self.weights.get(norm)
        if found is None and len(norm) > 3 and norm[0] in "وف" and norm[1:] not in _BARE_ONLY:
            found = self.weights.get(norm[1:])
        return found or 0.0


def _parse(content: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for raw in content.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, _, weight = line.rpartition(" ")
        weights[normalise_word(word.strip(), ARABIC)] = float(weight)
    return weights


@lru_cache(maxsize=4)
def load_markers(file_name: str) -> MarkerLexicon:
    """A shipped marker lexicon, parsed once."""
    package = resources.files("tawasol.nlp.language").joinpath("data")
    return MarkerLexicon(weights=_parse(package.joinpath(file_name).read_text("utf-8")))


def is_progressive_verb(norm: str) -> bool:
    """Darija present/progressive verb: ك(ا)- or تي- before the person prefix (كيدير, كنشوف)."""
    bare = norm[1:] if norm[0] in "وف" else norm
    return bool(_PROGRESSIVE_VERB.match(norm)) and bare not in _NOT_PROGRESSIVE


def progressive_stem(norm: str) -> str:
    """The imperfect verb behind the progressive prefix: كيدير -> يدير, كاتقول -> تقول."""
    bare = norm[1:] if norm[0] in "وف" else norm
    return bare[2:] if bare.startswith(("كا", "تي")) else bare[1:]


def is_negated_verb(norm: str) -> bool:
    """Verb negated with the ما...ش circumfix (ماكيعرفش, مابغيتش, مكانش)."""
    return bool(_NEGATED_VERB.match(norm)) and norm not in _NOT_NEGATED


def has_plural_pronoun_suffix(norm: str) -> bool:
    """Darija -هوم / -كوم pronoun suffix (ديالهوم, عندكوم)."""
    return bool(_PLURAL_PRONOUN_SUFFIX.match(norm))


def is_plural_verb(norm: str) -> bool:
    """Imperfect plural verb written with a bare -و (يقدرو), as Darija does."""
    return bool(_PLURAL_VERB.match(norm)) and norm not in _NOT_PLURAL_VERB


def is_teen_number(norm: str) -> bool:
    """Darija number from 11 to 19 (حداش, طناش, تلطاش, سبعطاش)."""
    return bool(_TEEN_NUMBER.match(norm))


def pair_weight(previous: str, current: str) -> float:
    """Darija evidence of two consecutive tokens: the indefinite واحد ال- (واحد الراجل), the
    negation circumfix written apart (ما حققوش, ما كانش) and "can" before a bare imperfect
    (يقدر يعني, تقدر تصنف)."""
    if previous == "واحد" and current.startswith("ال") and len(current) > 3:
        return INDEFINITE_ARTICLE_WEIGHT
    if previous in ("ما", "وما") and len(current) > 3 and current.endswith("ش"):
        return SPLIT_NEGATION_WEIGHT if current not in _NOT_NEGATED else 0.0
    if _MODAL_CAN.match(previous) and _BARE_IMPERFECT.match(current):
        return MODAL_VERB_WEIGHT
    return 0.0


def darija_marker_weight(
    norm: str, lexicon: MarkerLexicon, known_word: Callable[[str], bool]
) -> float:
    """How strongly one Arabic-script token marks Darija (0 when it does not).

    A progressive verb counts fully when the verb behind its prefix is a known word (كيدير ->
    يدير), and half otherwise, since names such as كيري or كيندال have the same shape.
    """
    listed = lexicon.weight(norm)
    if listed:
        return listed
    if is_progressive_verb(norm):
        known = known_word(progressive_stem(norm))
        return KNOWN_VERB_PROGRESSIVE_WEIGHT if known else PROGRESSIVE_VERB_WEIGHT
    if is_negated_verb(norm):
        return NEGATED_VERB_WEIGHT
    if has_plural_pronoun_suffix(norm):
        return PRONOUN_SUFFIX_WEIGHT
    if is_teen_number(norm):
        return TEEN_NUMBER_WEIGHT
    if MOROCCAN_GAF in norm:
        return MOROCCAN_GAF_WEIGHT
    if is_plural_verb(norm):
        return PLURAL_VERB_WEIGHT
    if _FUTURE_VERB.match(norm):
        return FUTURE_VERB_WEIGHT
    if _JOINED_FI.match(norm):
        return JOINED_FI_WEIGHT
    return 0.0
