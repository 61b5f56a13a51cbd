"""Demo knowledge base: a few articles (with translations) and macros per brand, in the
brand's customers' languages. Seeding a client that already has articles changes nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawasol.auth.actor import Actor
from tawasol.copilot.actions import do_create_article, do_create_macro
from tawasol.copilot.macro_history import record_use
from tawasol.copilot.schemas import ArticleIn, MacroIn
from tawasol.demo.corpus import ClientBrand
from tawasol.models.client import Client
from tawasol.models.conversation import Conversation
from tawasol.models.knowledge import KnowledgeArticle, Macro
from tawasol.models.vocabulary import ConversationStatus

# brand slug -> topics; each topic: tags (an intent label among them links the article to that
# intent, `copilot/intent_grounding.py`) and its versions [(language, title, body)]
Topic = tuple[list[str], list[tuple[str, str, str]]]
ARTICLES: dict[str, list[Topic]] = {
    "moujat-telecom": [
        (["recharge"], [
            ("fr", "Recharger sa ligne",
             "Rechargez votre ligne avec une carte de recharge, dans l'application Moujat ou à "
             "un guichet automatique. Composez *3 suivi du code de la carte.\n\n"
             "Le solde et la date de validité s'affichent en composant *1."),
            ("ary", "كيفاش تشارجي الخط",
             "تقدر تشارجي الخط ديالك بكارط ديال الشارج، من الأپليكاسيون ولا من الكيشي. ضرب *3 "
             "ومن بعد الكود ديال الكارط.\n\nباش تشوف الصولد ضرب *1."),
        ]),
        (["internet", "panne", "network_outage"], [
            ("fr", "Panne internet ou connexion lente",
             "Redémarrez votre box en la débranchant 30 secondes et vérifiez que le voyant "
             "fibre est vert.\n\nSi la connexion reste coupée, une intervention technique est "
             "planifiée sous 48 heures ; un SMS confirme le créneau."),
            ("ar", "انقطاع الإنترنت أو بطء الاتصال",
             "أعد تشغيل جهاز الراوتر بفصله لمدة 30 ثانية وتأكد من أن ضوء الألياف أخضر.\n\nإذا "
             "استمر الانقطاع تتم برمجة تدخل تقني خلال 48 ساعة وتصلك رسالة تؤكد الموعد."),
        ]),
        (["roaming"], [
            ("fr", "Utiliser son téléphone à l'étranger",
             "Activez l'itinérance depuis l'espace client avant de partir. Les appels et "
             "l'internet mobile sont facturés selon le pays ; le pass Europe coûte 99 DH."),
        ]),
    ],
    "zellige-airways": [
        (["equipaje"], [
            ("es", "Equipaje permitido",
             "La tarifa básica incluye un bulto de mano de 10 kg. La maleta facturada de 23 kg "
             "se añade desde Mis reservas hasta 3 horas antes del vuelo."),
            ("fr", "Bagages autorisés",
             "Le tarif de base comprend un bagage cabine de 10 kg. Le bagage en soute de 23 kg "
             "s'ajoute depuis Mes réservations jusqu'à 3 heures avant le vol."),
            ("en", "Baggage allowance",
             "The basic fare includes one 10 kg cabin bag. A 23 kg checked bag can be added "
             "from My bookings until 3 hours before the flight."),
        ]),
        (["cambio", "vuelo", "change_booking"], [
            ("es", "Cambiar la fecha del vuelo",
             "Puede cambiar la fecha desde Mis reservas hasta 24 horas antes de la salida. Se "
             "cobra la diferencia de tarifa; con la tarifa Flex el cambio es gratuito."),
            ("fr", "Changer la date du vol",
             "Vous pouvez changer la date depuis Mes réservations jusqu'à 24 heures avant le "
             "départ. La différence de tarif est facturée ; avec le tarif Flex c'est gratuit."),
        ]),
    ],
    "bazar-zwin": [
        (["commande", "annulation", "cancel_order"], [
            ("ar", "إلغاء الطلب",
             "يمكنك إلغاء طلبك ما دام لم يُشحن بعد من صفحة طلباتي ثم إلغاء.\n\nإذا كان الطرد قد "
             "شُحن، ارفضه عند التسليم ويتم استرداد المبلغ خلال 7 أيام."),
            ("ary", "كيفاش تلغي الكوموند",
             "تقدر تلغي الكوموند ديالك ما دام ما تصيفطاتش: دخل لـ الكوموندات ديالي، ختار "
             "الكوموند ودير إلغاء.\n\nإلا الكولي خرج، رفضو فاش يوصلك والفلوس كيرجعو فـ 7 أيام."),
            ("fr", "Annuler une commande",
             "Vous pouvez annuler votre commande tant qu'elle n'a pas été expédiée : ouvrez Mes "
             "commandes, choisissez la commande puis Annuler.\n\nSi le colis est déjà parti, "
             "refusez-le à la livraison : le remboursement suit sous 7 jours."),
        ]),
        (["livraison", "order_status"], [
            ("ary", "فين وصل الكولي ديالي",
             "كيوصلك رقم التتبع فـ SMS ملي كيخرج الكولي. التوصيل كياخد من 24 حتى 72 ساعة على "
             "حساب المدينة."),
            ("fr", "Suivre sa livraison",
             "Le numéro de suivi arrive par SMS dès l'expédition. La livraison prend 24 à 72 "
             "heures selon la ville."),
        ]),
    ],
}  # fmt: skip

# "intents": the conversations in which the demo's advisors applied the macro (`_seed_uses`),
# the history the next best action learns from.
MACROS: dict[str, list[dict[str, object]]] = {
    "moujat-telecom": [
        {"name": "Intervention planifiée", "add_tags": ["panne"], "set_status": "pending",
         "intents": ["network_outage"],
         "bodies": {"fr": "Bonjour {{contact.name}}, une intervention technique est planifiée "
                          "sous 48 heures. Vous recevrez un SMS avec le créneau. {{advisor.name}}",
                    "ary": "السلام {{contact.name}}، التقني غادي يدوز عندك فـ 48 ساعة. غادي "
                           "يوصلك ميساج فيه الوقت. {{advisor.name}}"}},
        {"name": "Clôture", "set_status": "resolved",
         "intents": ["billing_dispute", "cancel_subscription", "roaming", "sim_swap",
                     "plan_upgrade"],
         "bodies": {"fr": "Merci {{contact.name}}, je clôture la demande. Bonne journée !"}},
    ],
    "zellige-airways": [
        {"name": "Cambio confirmado", "add_tags": ["cambio"], "intents": ["change_booking"],
         "bodies": {"es": "Hola {{contact.name}}: su cambio de vuelo está confirmado. "
                          "{{advisor.name}}",
                    "fr": "Bonjour {{contact.name}}, votre changement de vol est confirmé. "
                          "{{advisor.name}}"}},
    ],
    "bazar-zwin": [
        {"name": "Annulation confirmée", "add_tags": ["annulation"], "set_status": "pending",
         "intents": ["cancel_order"],
         "bodies": {"ar": "مرحبا {{contact.name}}، تم إلغاء طلبك. {{advisor.name}}",
                    "ary": "السلام {{contact.name}}، الكوموند ديالك تلغات. {{advisor.name}}",
                    "fr": "Bonjour {{contact.name}}, votre commande est annulée."}},
        {"name": "Numéro de suivi", "add_tags": ["livraison"], "intents": ["order_status"],
         "bodies": {"ary": "السلام {{contact.name}}، رقم التتبع صيفطناه ليك فـ SMS.",
                    "fr": "Bonjour {{contact.name}}, le numéro de suivi vous a été envoyé "
                          "par SMS."}},
    ],
}  # fmt: skip


def seed_knowledge(session: Session, *, actor: Actor, brand: ClientBrand, client: Client) -> int:
    """Create the brand's articles and macros once; returns how many articles were made."""
    present = session.scalars(
        select(KnowledgeArticle.id).where(KnowledgeArticle.client_id == client.id)
    ).first()
    if present is not None:
        return 0
    made = 0
    for tags, versions in ARTICLES.get(brand.slug, []):
        original: int | None = None
        for language, title, body in versions:
            data = ArticleIn(client_id=client.id, title=title, body=body, language=language,
                             tags=tags, translation_of_id=original)  # fmt: skip
            article = do_create_article(session, actor=actor, client=client, data=data)
            original = original or article.id
            made += 1
    for definition in MACROS.get(brand.slug, []):
        fields = {k: v for k, v in definition.items() if k != "intents"}
        data = MacroIn.model_validate({"client_id": client.id, **fields})
        macro = do_create_macro(session, actor=actor, client=client, data=data)
        _seed_uses(session, macro=macro, intents=definition.get("intents", []))  # type: ignore[arg-type]
    return made


def _seed_uses(session: Session, *, macro: Macro, intents: list[str]) -> None:
    """The demo's advisors applied ``macro`` in the resolved conversations of ``intents``."""
    resolved = session.execute(
        select(Conversation.id, Conversation.assignee_id, Conversation.intent,
               Conversation.last_message_at)
        .where(Conversation.client_id == macro.client_id, Conversation.intent.in_(intents),
               Conversation.status == ConversationStatus.RESOLVED.value)
        .order_by(Conversation.id)
    ).all()  # fmt: skip
    for conversation_id, user_id, intent, when in resolved:
        use = record_use(
            session, macro_id=macro.id, client_id=macro.client_id,
            conversation_id=conversation_id, user_id=user_id, intent=intent,
        )  # fmt: skip
        use.created_at = when
