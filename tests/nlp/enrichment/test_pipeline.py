"""The enrichment pipeline on real models: languages, personal data kept out of the models,
sentiment and offensive language, an intent model, and every model's version."""

from __future__ import annotations

import threading

import pytest

from tawasol.nlp.embeddings import HashingEmbedder
from tawasol.nlp.enrichment.pipeline import CASCADE, FAST, FULL, Enricher, default_enricher
from tawasol.nlp.intent import CascadeIntentModel, IntentConfig, train, train_cascade
from tawasol.nlp.intent.cascade import ALWAYS, E5, LEXICAL, NEVER

MESSAGES = [
    "salam, bghit nlghi l abonnement dyali, 3yit mn had service khayb",
    "Bonjour, mon numéro est le 06 12 34 56 78, merci de me rappeler",
    "espèce de connard, vous êtes des voleurs",
    "Merci beaucoup, tout fonctionne parfaitement !",
]


@pytest.mark.parametrize("profile", [FAST, CASCADE, FULL])
def test_reads_each_message_with_every_model(profile: str) -> None:
    darija, phone, insult, thanks = Enricher(profile).enrich(MESSAGES)
    assert (darija.language.primary, darija.language.secondary) == ("ary", "fr")
    assert darija.sentiment.label == "negative"
    assert phone.language.primary == "fr" and phone.pii_types == ("PHONE",)
    assert "06 12" not in phone.redacted_text and "[PHONE]" in phone.redacted_text
    assert insult.is_offensive and not thanks.is_offensive
    assert thanks.sentiment.label == "positive"
    versions = thanks.versions
    assert versions["language"].startswith("tawasol-lid/") and versions["pii"]
    assert ("emb=multilingual-e5" in versions["sentiment"]) is (profile == FULL)
    assert versions["intent"] is None and thanks.intent is None
    assert versions["path"] == (E5 if profile == FULL else LEXICAL)


def test_models_read_the_redacted_copy() -> None:
    seen: list[str] = []

    class Spy:
        version = "spy/1"
        labels = ["a", "b"]
        embedder_version = None

        def predict(self, texts: list[str]) -> list[None]:
            seen.extend(texts)
            return [None] * len(texts)

    Enricher(FAST).enrich(["Mon IBAN est FR7630006000011234567890189"], intent_model=Spy())  # type: ignore[arg-type]
    assert seen == ["Mon IBAN est [IBAN]"]


def test_intent_model_and_its_version_travel_with_the_result() -> None:
    examples = [(f"je veux résilier mon abonnement {i}", "cancel") for i in range(6)]
    examples += [(f"ma facture est trop élevée ce mois {i}", "billing") for i in range(6)]
    model = train(examples, config=IntentConfig(embedding_weight=0.0))
    (analysis,) = Enricher(FAST).enrich(["je veux résilier l'abonnement"], intent_model=model)
    assert analysis.intent is not None and analysis.intent.best_guess == "cancel"
    assert analysis.versions["intent"] == model.version


def test_models_load_once_across_threads() -> None:
    enricher = Enricher(FAST)
    threads = [threading.Thread(target=enricher.load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first = (enricher._sentiment, enricher._offensive, enricher._identifier)
    enricher.load()
    assert (enricher._sentiment, enricher._offensive, enricher._identifier) == first
    assert all(model is not None for model in first)


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="profile"):
        Enricher("turbo")


CANCEL = ["je veux résilier mon abonnement", "bghit nlghi l abonnement", "annulez mon contrat"]
CANCEL += ["résiliation de ma ligne svp", "I want to cancel my plan", "quiero cancelar el contrato"]
BILLING = ["ma facture est trop élevée", "erreur sur la facture", "l facture ghalya bzaf"]
BILLING += ["pourquoi ce montant sur ma facture", "my bill is wrong", "mi factura es incorrecta"]


@pytest.fixture(scope="module")
def cascade() -> CascadeIntentModel:
    examples = [(t, "cancel") for t in CANCEL] + [(t, "billing") for t in BILLING]
    model = train_cascade(examples, embedder=HashingEmbedder())
    assert isinstance(model, CascadeIntentModel)
    return model


def _forced(model: CascadeIntentModel, cut: float) -> CascadeIntentModel:
    return CascadeIntentModel(
        lexical=model.lexical, full=model.full, escalate_below=cut, metrics={}
    )


def test_cascade_reads_unsure_messages_with_the_e5_models(cascade: CascadeIntentModel) -> None:
    text = ["je veux résilier l'abonnement, c'est nul"]
    (deep,) = Enricher(CASCADE).enrich(text, intent_model=_forced(cascade, ALWAYS))
    (cheap,) = Enricher(CASCADE).enrich(text, intent_model=_forced(cascade, NEVER))
    assert deep.versions["path"] == E5 and deep.intent is not None and deep.intent.path == E5
    assert cheap.versions["path"] == LEXICAL and cheap.intent is not None
    assert "emb=multilingual-e5" in deep.versions["sentiment"]
    assert "emb=none" in cheap.versions["sentiment"] and "emb=none" in cheap.versions["offensive"]
    assert (
        deep.as_dict()["path"] == E5 and cheap.versions["intent"] == _forced(cascade, NEVER).version
    )
    # a conversation whose intent is already read never pays for the encoder again
    (settled,) = Enricher(CASCADE).enrich(
        text, intent_model=_forced(cascade, ALWAYS), settled=[True]
    )
    assert settled.versions["path"] == LEXICAL


@pytest.mark.parametrize(("profile", "path"), [(FAST, LEXICAL), (FULL, E5)])
def test_other_profiles_use_one_stage_of_the_cascade(
    cascade: CascadeIntentModel, profile: str, path: str
) -> None:
    (analysis,) = Enricher(profile).enrich(["ma facture est fausse"], intent_model=cascade)
    assert analysis.intent is not None and analysis.intent.path == path
    assert analysis.versions["path"] == path and analysis.versions["intent"] == cascade.version


def test_the_default_profile_is_the_cascade(monkeypatch: pytest.MonkeyPatch) -> None:
    import tawasol.nlp.enrichment.pipeline as pipeline

    monkeypatch.delenv(pipeline.PROFILE_ENV, raising=False)
    monkeypatch.setattr(pipeline, "_default", None)
    assert default_enricher().profile == CASCADE
