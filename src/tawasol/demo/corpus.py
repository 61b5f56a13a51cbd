"""Multilingual demo corpus used by ``tawasol demo`` to seed a realistic instance.

The story: a Moroccan outsourcing operator runs the contact center of three fictional
client brands (a telecom operator, an airline and an online shop). This module provides

- ``CLIENT_BRANDS``: the three brands, their branding and inbox channels;
- ``advisor_profiles()``: twenty advisors with languages, channel capacities and certifications;
- ``conversation_scripts()``: deterministic customer conversations in Darija (Arabic script and
  Arabizi), French–Darija code-switching, French, Modern Standard Arabic, Spanish and English.

Pure standard library, no I/O: the same ``(client_kind, count, seed)`` always yields the same
scripts. Texts live in ``corpus_texts_*.py``; they were written for Tawasol and every name,
number and address is fictional (e-mails use the reserved ``example.*`` domains).
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from tawasol.demo import corpus_texts_airline, corpus_texts_ecommerce, corpus_texts_telecom
from tawasol.demo import corpus_texts_common as common
from tawasol.demo.corpus_texts_common import VARIANTS, KindTexts

TIMEZONE = "Africa/Casablanca"
CHANNELS: tuple[str, ...] = ("email", "webchat", "whatsapp", "sms", "voice", "api")
SENTIMENTS: tuple[str, ...] = ("negative", "neutral", "positive")
STATUSES: tuple[str, ...] = ("open", "pending", "resolved", "closed")

# Share of each language variant, in percent (see corpus_texts_common for the variant keys).
LANGUAGE_MIX: dict[str, int] = {
    "ary-Arab": 20,
    "ary-Latn": 20,
    "ary-fr": 15,
    "fr": 20,
    "ar": 10,
    "es": 8,
    "en": 7,
}

# variant -> (ISO 639 language, ISO 15924 script, secondary language)
VARIANT_LANGUAGE: dict[str, tuple[str, str, str | None]] = {
    "ary-Arab": ("ary", "Arab", None),
    "ary-Latn": ("ary", "Latn", None),
    "ary-fr": ("ary", "Latn", "fr"),
    "fr": ("fr", "Latn", None),
    "ar": ("ar", "Arab", None),
    "es": ("es", "Latn", None),
    "en": ("en", "Latn", None),
}


@dataclass(frozen=True)
class ClientBrand:
    """A fictional client brand whose customers the operator serves."""

    name: str
    slug: str
    kind: str
    locale: str
    timezone: str
    branding: dict[str, str] = field(hash=False)
    channels: tuple[str, ...]


CLIENT_BRANDS: tuple[ClientBrand, ...] = (
    ClientBrand(
        name="Moujat Telecom",
        slug="moujat-telecom",
        kind="telecom",
        locale="fr",
        timezone=TIMEZONE,
        branding={"primary_color": "#1B7F5C", "logo_text": "MOUJAT"},
        channels=("email", "webchat", "whatsapp", "sms", "voice"),
    ),
    ClientBrand(
        name="Zellige Airways",
        slug="zellige-airways",
        kind="airline",
        locale="es",
        timezone=TIMEZONE,
        branding={"primary_color": "#0E4C92", "logo_text": "ZELLIGE"},
        channels=("email", "webchat", "whatsapp", "voice"),
    ),
    ClientBrand(
        name="Bazar Zwin",
        slug="bazar-zwin",
        kind="ecommerce",
        locale="ar",
        timezone=TIMEZONE,
        branding={"primary_color": "#D9480F", "logo_text": "BAZAR ZWIN"},
        channels=("email", "webchat", "whatsapp", "api"),
    ),
)

_KIND_TEXTS: dict[str, KindTexts] = {
    "telecom": corpus_texts_telecom.TEXTS,
    "airline": corpus_texts_airline.TEXTS,
    "ecommerce": corpus_texts_ecommerce.TEXTS,
}

INTENTS: dict[str, tuple[str, ...]] = {kind: texts.intents for kind, texts in _KIND_TEXTS.items()}


def brand_for_kind(client_kind: str) -> ClientBrand:
    """Return the demo brand of the given kind ("telecom", "airline" or "ecommerce")."""
    for brand in CLIENT_BRANDS:
        if brand.kind == client_kind:
            return brand
    raise ValueError(f"unknown client kind {client_kind!r}; expected one of {sorted(_KIND_TEXTS)}")


# --------------------------------------------------------------------------- advisors


@dataclass(frozen=True)
class AdvisorProfile:
    """A contact-center advisor: languages (ISO code -> 1..5), channel capacities, brands."""

    full_name: str
    email: str
    languages: dict[str, int] = field(hash=False)
    channels: dict[str, int] = field(hash=False)
    client_slugs: tuple[str, ...]


# One advisor per row: full name, languages ("code:level" with level 1..5), channels
# ("channel:max concurrent conversations") and the client kinds the advisor is certified for
# ("*" = all three brands).
_ADVISORS: tuple[tuple[str, str, str, str], ...] = (
    ("Salma Bennani", "fr:5 ary:5 ar:4 en:3", "webchat:3 whatsapp:3 email:5", "*"),
    ("Youssef El Amrani", "fr:4 ary:5 ar:4", "voice:1 webchat:2", "telecom ecommerce"),
    ("Khadija Ouazzani", "fr:5 ary:5 ar:5", "email:6 webchat:3", "airline ecommerce"),
    ("Anas Tahiri", "es:5 fr:4 ary:5 ar:3", "webchat:3 whatsapp:3 voice:1", "telecom airline"),
    ("Meryem Alaoui", "fr:5 ary:5 ar:3 en:4", "email:5 voice:1", "airline"),
    ("Hamza Berrada", "fr:4 ary:5 ar:3", "voice:1 sms:4", "telecom"),
    ("Imane Chraibi", "fr:5 ary:5 ar:4 en:4", "webchat:3 whatsapp:3 email:5", "*"),
    ("Omar Lahlou", "fr:4 ary:5 ar:5", "whatsapp:4 email:4", "telecom ecommerce"),
    ("Soukaina El Khattabi", "es:4 fr:4 ary:5 ar:4", "webchat:3 whatsapp:3", "airline ecommerce"),
    ("Mehdi Kettani", "fr:5 en:5 ary:4 ar:2", "email:5 voice:1", "airline"),
    ("Nadia Haddaoui", "fr:5 ary:5 ar:4", "webchat:3 whatsapp:3 email:4", "ecommerce"),
    ("Zakaria Boukhris", "fr:4 ary:5 ar:3", "voice:1 webchat:2", "telecom"),
    ("Hajar Naciri", "fr:5 ary:5 ar:4 es:3", "webchat:3 whatsapp:3 voice:1", "telecom airline"),
    ("Ilyas Azzouzi", "es:5 ary:5 fr:3 ar:3 en:3", "webchat:3 whatsapp:3", "airline ecommerce"),
    ("Loubna Sebti", "fr:5 ary:5 ar:4", "email:6 whatsapp:3", "telecom ecommerce"),
    ("Rachid Ait Ouahmane", "fr:4 ary:5 ar:4", "voice:1 sms:5", "telecom"),
    ("Ghizlane Lamrani", "fr:5 ary:5 en:3", "webchat:3 whatsapp:3 email:4", "airline ecommerce"),
    ("Othmane Benjelloun", "fr:5 ary:4 en:4 ar:3", "email:5 webchat:3", "ecommerce"),
    ("Asmae Rifi", "es:5 fr:4 ary:5 ar:4", "webchat:3 whatsapp:3 voice:1", "telecom ecommerce"),
    ("Badr Zniber", "fr:4 ary:5 ar:4", "webchat:3 whatsapp:3 email:5 voice:1", "*"),
)


def advisor_profiles() -> list[AdvisorProfile]:
    """Return the twenty demo advisors (fresh objects on every call)."""
    slugs = {brand.kind: brand.slug for brand in CLIENT_BRANDS}
    return [
        AdvisorProfile(
            full_name=name,
            email=_advisor_email(name),
            languages=_levels(languages),
            channels=_levels(channels),
            client_slugs=tuple(slugs[kind] for kind in _certified_kinds(kinds)),
        )
        for name, languages, channels, kinds in _ADVISORS
    ]


def _certified_kinds(spec: str) -> list[str]:
    return [brand.kind for brand in CLIENT_BRANDS] if spec == "*" else spec.split()


def _levels(spec: str) -> dict[str, int]:
    """Parse "fr:5 ary:4" into {"fr": 5, "ary": 4}."""
    return {key: int(value) for key, value in (item.split(":") for item in spec.split())}


def _advisor_email(full_name: str) -> str:
    first, *last = full_name.split()
    return f"{_ascii_token(first)}.{_ascii_token(''.join(last))}@tawasol.demo"


def _ascii_token(text: str) -> str:
    """Lowercase ASCII letters and digits only ("Ait Ouahmane" -> "aitouahmane")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if ch.isascii() and ch.isalnum())


# --------------------------------------------------------------------------- scripts


@dataclass(frozen=True)
class Turn:
    """One message: ``direction`` is "inbound" (customer) or "outbound" (advisor)."""

    direction: str
    text: str


@dataclass(frozen=True)
class CustomerProfile:
    """A fictional customer; ``phone`` is E.164."""

    full_name: str
    email: str
    phone: str


@dataclass(frozen=True)
class ConversationScript:
    """A scripted conversation used to seed the demo instance."""

    language: str
    script: str
    secondary_language: str | None
    subject: str
    intent: str
    sentiment: str
    channel: str
    customer: CustomerProfile
    turns: tuple[Turn, ...]
    status_hint: str


def conversation_scripts(*, client_kind: str, count: int, seed: int) -> list[ConversationScript]:
    """Return ``count`` conversation scripts for a client kind, deterministic for ``seed``.

    The language mix follows ``LANGUAGE_MIX`` exactly (largest-remainder rounding), in a
    seed-dependent order.
    """
    if client_kind not in _KIND_TEXTS:
        raise ValueError(
            f"unknown client kind {client_kind!r}; expected one of {sorted(_KIND_TEXTS)}"
        )
    if count < 0:
        raise ValueError("count must be >= 0")
    rng = random.Random(f"tawasol-demo:{client_kind}:{seed}")
    return [_build_script(client_kind, variant, rng) for variant in _variant_plan(count, rng)]


def _variant_plan(count: int, rng: random.Random) -> list[str]:
    quotas = {variant: count * share // 100 for variant, share in LANGUAGE_MIX.items()}
    leftovers = count - sum(quotas.values())
    by_remainder = sorted(VARIANTS, key=lambda v: (-(count * LANGUAGE_MIX[v] % 100), rng.random()))
    for variant in by_remainder[:leftovers]:
        quotas[variant] += 1
    plan = [variant for variant in VARIANTS for _ in range(quotas[variant])]
    rng.shuffle(plan)
    return plan


_STATUS_WEIGHTS = (0.2, 0.2, 0.35, 0.25)
_CHANNEL_WEIGHTS = {"email": 3.0, "webchat": 3.0, "whatsapp": 3.5, "sms": 0.5, "voice": 1.0}
_DEFAULT_SENTIMENT = (0.45, 0.4, 0.15)

# Conversation shapes per status; every one starts inbound, resolved/closed end outbound.
_TURN_PLANS: dict[str, tuple[tuple[str, ...], ...]] = {
    "open": (("opening", "ask", "info"), ("opening", "ask", "info", "escalation", "nudge")),
    "pending": (("opening", "ask"), ("opening", "ask", "info", "escalation")),
    "resolved": (
        ("opening", "resolution"),
        ("opening", "ask", "info", "resolution"),
        ("opening", "ask", "info", "resolution", "thanks", "closing"),
    ),
    "closed": (
        ("opening", "ask", "info", "resolution", "thanks", "closing"),
        ("opening", "resolution", "thanks", "closing"),
    ),
}
_INBOUND_STEPS = frozenset({"opening", "info", "nudge", "thanks"})
_STEP_TABLES: dict[str, common.VariantTable] = {
    "ask": common.ASKS,
    "info": common.FOLLOW_UPS,
    "escalation": common.ESCALATIONS,
    "nudge": common.NUDGES,
    "thanks": common.THANKS,
    "closing": common.CLOSINGS,
}


def _build_script(kind: str, variant: str, rng: random.Random) -> ConversationScript:
    texts = _KIND_TEXTS[kind]
    brand = brand_for_kind(kind)
    intent = rng.choice(texts.intents)
    sentiment = _weighted(rng, SENTIMENTS, texts.sentiment_weights.get(intent, _DEFAULT_SENTIMENT))
    status = _weighted(rng, STATUSES, _STATUS_WEIGHTS)
    channels = [c for c in brand.channels if c in _CHANNEL_WEIGHTS]
    channel = _weighted(rng, channels, [_CHANNEL_WEIGHTS[c] for c in channels])
    customer, first_name = _make_customer(variant, rng)
    slots = _slots(kind, variant, customer, first_name, rng)
    turns = _compose_turns(texts, variant, intent, sentiment, status, slots, rng)
    language, script, secondary = VARIANT_LANGUAGE[variant]
    return ConversationScript(
        language=language,
        script=script,
        secondary_language=secondary,
        subject=rng.choice(texts.subjects[intent][variant]).format_map(slots),
        intent=intent,
        sentiment=sentiment,
        channel=channel,
        customer=customer,
        turns=turns,
        status_hint=status,
    )


def _weighted(rng: random.Random, options: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(options, weights=weights, k=1)[0]


def _compose_turns(
    texts: KindTexts,
    variant: str,
    intent: str,
    sentiment: str,
    status: str,
    slots: dict[str, str],
    rng: random.Random,
) -> tuple[Turn, ...]:
    openings = texts.openings[intent][variant]
    problem = rng.randrange(len(openings))
    turns = []
    for step in rng.choice(_TURN_PLANS[status]):
        if step == "opening":
            text = _first_message(openings[problem].format_map(slots), variant, sentiment, rng)
        elif step == "resolution":
            answer = rng.choice(texts.answers[intent][problem])
            text = texts.resolutions[intent][variant][answer].format_map(slots)
        else:
            text = rng.choice(_STEP_TABLES[step][variant]).format_map(slots)
        direction = "inbound" if step in _INBOUND_STEPS else "outbound"
        turns.append(Turn(direction=direction, text=_capitalize_first(text)))
    return tuple(turns)


def _first_message(problem: str, variant: str, sentiment: str, rng: random.Random) -> str:
    """Greeting (most of the time), problem statement, then an optional emotional line.

    Problem statements are written to follow a greeting such as "Bonjour," so they start in
    lowercase; they are capitalised after a full-stop greeting or when there is no greeting.
    """
    parts = []
    if rng.random() < 0.85:
        greeting = rng.choice(common.GREETINGS[variant])
        parts.append(greeting)
        if greeting.endswith((".", "!", "?")):
            problem = _capitalize_first(problem)
    parts.append(problem)
    if sentiment == "negative" and rng.random() < 0.8:
        parts.append(rng.choice(common.NEGATIVE_LINES[variant]))
    elif sentiment == "positive" and rng.random() < 0.8:
        parts.append(rng.choice(common.POSITIVE_LINES[variant]))
    return " ".join(parts)


def _capitalize_first(text: str) -> str:
    """Uppercase the first letter unless the text opens with a digit (Arabizi "3andi", "350 DH")."""
    for index, char in enumerate(text):
        if char.isdigit():
            return text
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


# --------------------------------------------------------------------------- customers & slots


def _make_customer(variant: str, rng: random.Random) -> tuple[CustomerProfile, str]:
    """Return a customer and the first name to use in replies (Arabic spelling if needed)."""
    if variant == "es":
        first = rng.choice(common.SPANISH_FIRST_NAMES)
        last = rng.choice(common.SPANISH_LAST_NAMES)
        phone = "+346" + _digits(rng, 8)
        display = first
    elif variant == "en" and rng.random() < 0.6:
        first = rng.choice(common.ENGLISH_FIRST_NAMES)
        last = rng.choice(common.ENGLISH_LAST_NAMES)
        phone = _moroccan_mobile(rng)
        display = first
    else:
        first, arabic_first = rng.choice(common.MOROCCAN_FIRST_NAMES)
        last = rng.choice(common.MOROCCAN_LAST_NAMES)
        phone = _moroccan_mobile(rng)
        display = arabic_first if VARIANT_LANGUAGE[variant][1] == "Arab" else first
    customer = CustomerProfile(
        full_name=f"{first} {last}", email=_customer_email(first, last, rng), phone=phone
    )
    return customer, display


def _customer_email(first: str, last: str, rng: random.Random) -> str:
    f, lst = _ascii_token(first), _ascii_token(last)
    local = rng.choice(
        (
            f"{f}.{lst}",
            f"{f}{lst}{rng.randint(1, 99)}",
            f"{f[0]}.{lst}",
            f"{f}_{lst}{rng.randint(70, 99)}",
        )
    )
    return f"{local}@{rng.choice(('example.com', 'example.org', 'example.net'))}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# Two-digit mobile prefixes allocated in the Moroccan numbering plan (valid for phonenumbers).
_MOBILE_PREFIXES = ("61", "62", "63", "64", "65", "66", "67", "69", "70", "71", "76", "77", "78")


def _moroccan_mobile(rng: random.Random) -> str:
    return f"+212{rng.choice(_MOBILE_PREFIXES)}{_digits(rng, 7)}"


def _local_phone(e164: str, rng: random.Random) -> str:
    """Render a phone the way a customer would type it ("06 12 34 56 78", "612 34 56 78")."""
    if e164.startswith("+34"):
        n = e164[3:]
        return f"{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}"
    national = "0" + e164[4:]
    pairs = [national[i : i + 2] for i in range(0, 10, 2)]
    return rng.choice((" ".join(pairs), national, ".".join(pairs)))


def _slots(
    kind: str, variant: str, customer: CustomerProfile, first_name: str, rng: random.Random
) -> dict[str, str]:
    texts = _KIND_TEXTS[kind]
    col = VARIANTS.index(variant)
    month_table, date_fmt, amount_fmt, plan_fmt = common.FORMATS[variant]
    phone_local = _local_phone(customer.phone, rng)
    line = _local_phone(_moroccan_mobile(rng), rng)  # the line in question, not the contact
    low, high = texts.amount_range
    amount = rng.randint(low, high)
    day, month = rng.randint(1, 28), rng.choice(common.MONTHS[month_table])
    refs = {"telecom": line, "airline": _pnr(rng), "ecommerce": f"CMD-{_digits(rng, 7)}"}
    return {
        "first_name": first_name,
        "ref": refs[kind],
        "ref_label": texts.ref_labels[variant],
        "phone_local": phone_local,
        "email": customer.email,
        "ticket": f"INC-{_digits(rng, 6)}",
        "amount": amount_fmt.format(n=amount),
        "amount2": amount_fmt.format(n=max(low, amount * rng.randint(40, 70) // 100)),
        "date": date_fmt.format(day="1er" if day == 1 and variant == "fr" else day, month=month),
        "days": str(rng.randint(3, 9)),
        "hours": str(rng.randint(2, 6)),
        "city": rng.choice(common.CITIES)[col],
        "origin": rng.choice(common.CITIES)[col],
        "dest": rng.choice(common.DESTINATIONS)[col],
        "in_country": rng.choice(common.IN_COUNTRIES)[col],
        "plan": plan_fmt.format(n=rng.choice((99, 149, 199, 249, 299, 399))),
        "flight": f"ZW {rng.randint(100, 989)}",
        "product": rng.choice(common.PRODUCTS)[col],
        "tracking": f"TRK{_digits(rng, 10)}",
    }


def _pnr(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))


__all__ = [
    "CHANNELS",
    "CLIENT_BRANDS",
    "INTENTS",
    "LANGUAGE_MIX",
    "SENTIMENTS",
    "STATUSES",
    "TIMEZONE",
    "VARIANT_LANGUAGE",
    "AdvisorProfile",
    "ClientBrand",
    "ConversationScript",
    "CustomerProfile",
    "Turn",
    "advisor_profiles",
    "brand_for_kind",
    "conversation_scripts",
]
