"""A small multilingual knowledge base (written for these tests) and labelled queries.

Each topic has articles in several languages (translations of one another); a query is
answered when an article of its topic is in the top 3."""

from __future__ import annotations

# topic -> [(language, title, body)]
ARTICLES: dict[str, list[tuple[str, str, str]]] = {
    "cancel_order": [
        (
            "fr",
            "Annuler une commande",
            "Vous pouvez annuler votre commande tant qu'elle n'a pas été expédiée. Ouvrez Mes "
            "commandes, choisissez la commande puis Annuler.\n\nSi la commande est déjà partie, "
            "refusez le colis à la livraison : le remboursement suit sous 7 jours.",
        ),
        (
            "ary",
            "كيفاش تلغي الكوموند",
            "تقدر تلغي الكوموند ديالك ما دام ما تصيفطاتش. دخل لـ الكوموندات ديالي، ختار الكوموند "
            "ودير إلغاء.\n\nإلا الكوموند خرجات، رفض الكولي فاش يوصلك والفلوس كيرجعو فـ 7 أيام.",
        ),
        (
            "es",
            "Cancelar un pedido",
            "Puede cancelar su pedido mientras no haya sido enviado. Abra Mis pedidos, elija el "
            "pedido y pulse Cancelar.",
        ),
    ],
    "track_delivery": [
        (
            "fr",
            "Suivre ma livraison",
            "Le numéro de suivi est envoyé par SMS et par e-mail dès l'expédition du colis. La "
            "livraison prend 24 à 72 heures selon la ville.\n\nSi le colis n'est pas arrivé après "
            "5 jours, contactez-nous avec le numéro de suivi.",
        ),
        (
            "ar",
            "تتبع الشحنة",
            "يصلك رقم التتبع عبر رسالة نصية وبريد إلكتروني عند شحن الطرد. يستغرق التوصيل من 24 "
            "إلى 72 ساعة حسب المدينة.",
        ),
        (
            "en",
            "Track my delivery",
            "The tracking number is sent by text message and e-mail as soon as the parcel ships. "
            "Delivery takes 24 to 72 hours depending on the city.",
        ),
    ],
    "refund": [
        (
            "fr",
            "Retour et remboursement",
            "Vous disposez de 14 jours pour retourner un article. Le remboursement est fait sur "
            "le moyen de paiement d'origine sous 7 jours ouvrés après réception du retour.",
        ),
        (
            "ar",
            "الإرجاع واسترداد المبلغ",
            "لديك 14 يوما لإرجاع المنتج. يتم استرداد المبلغ إلى وسيلة الدفع الأصلية خلال 7 أيام "
            "عمل بعد استلام المرتجع.",
        ),
        (
            "es",
            "Devoluciones y reembolsos",
            "Tiene 14 días para devolver un artículo. El reembolso se hace en el medio de pago "
            "original en 7 días hábiles.",
        ),
    ],
    "password": [
        (
            "fr",
            "Mot de passe oublié",
            "Sur la page de connexion, cliquez sur Mot de passe oublié. Un lien de "
            "réinitialisation valable 30 minutes est envoyé à votre adresse e-mail.",
        ),
        (
            "en",
            "Forgot your password",
            "On the sign-in page, click Forgot password. A reset link valid for 30 minutes is "
            "sent to your e-mail address.",
        ),
    ],
    "recharge": [
        (
            "fr",
            "Recharger mon forfait",
            "Rechargez votre ligne avec une carte de recharge, par l'application ou au guichet "
            "automatique. Composez *3 suivi du code de la carte.",
        ),
        (
            "ary",
            "شارج الفورفي ديالك",
            "تقدر تشارجي الخط ديالك بكارط ديال الشارج، من الأپليكاسيون ولا من الكيشي. ضرب *3 "
            "ومن بعد الكود ديال الكارط.",
        ),
    ],
    "roaming": [
        (
            "fr",
            "Utiliser mon téléphone à l'étranger",
            "Activez l'itinérance (roaming) depuis l'espace client avant de voyager. Les appels "
            "et l'internet mobile à l'étranger sont facturés selon le pays de destination.",
        ),
        (
            "es",
            "Usar el móvil en el extranjero",
            "Active el roaming desde el área de cliente antes de viajar. Las llamadas y los datos "
            "en el extranjero se cobran según el país.",
        ),
    ],
    "internet_outage": [
        (
            "fr",
            "Panne internet ou connexion lente",
            "Redémarrez votre box en la débranchant 30 secondes. Vérifiez que le voyant fibre est "
            "vert.\n\nSi la connexion reste coupée, une intervention technique est planifiée sous "
            "48 heures.",
        ),
        (
            "ar",
            "انقطاع الإنترنت أو بطء الاتصال",
            "أعد تشغيل جهاز الراوتر بفصله لمدة 30 ثانية. تأكد من أن ضوء الألياف أخضر.",
        ),
    ],
    "invoice": [
        (
            "fr",
            "Payer ma facture",
            "La facture est disponible le 5 de chaque mois dans l'espace client. Vous pouvez la "
            "payer par carte bancaire, par prélèvement ou en agence.",
        ),
        (
            "en",
            "Pay my bill",
            "Your bill is available on the 5th of each month in your account. Pay it by card, "
            "direct debit or in a shop.",
        ),
    ],
}

# (query, language, expected topic)
QUERIES: list[tuple[str, str, str]] = [
    ("je veux annuler ma commande", "fr", "cancel_order"),
    ("bghit nlghi lcommande", "ary", "cancel_order"),
    ("بغيت نلغي الكوموند", "ary", "cancel_order"),
    ("quiero cancelar mi pedido", "es", "cancel_order"),
    ("how do I cancel my order", "en", "cancel_order"),
    ("أريد إلغاء طلبي", "ar", "cancel_order"),
    ("où est mon colis ? toujours pas livré", "fr", "track_delivery"),
    ("fin wsal lcolis dyali", "ary", "track_delivery"),
    ("فين وصل الكولي ديالي", "ary", "track_delivery"),
    ("where is my parcel, tracking number", "en", "track_delivery"),
    ("¿dónde está mi paquete?", "es", "track_delivery"),
    ("comment être remboursé d'un article retourné", "fr", "refund"),
    ("bghit nrjje3 lmontoj o nakhod flousi", "ary", "refund"),
    ("أريد استرجاع المبلغ", "ar", "refund"),
    ("quiero devolver un artículo y el reembolso", "es", "refund"),
    ("refund for a returned item", "en", "refund"),
    ("j'ai oublié mon mot de passe", "fr", "password"),
    ("I forgot my password", "en", "password"),
    ("نسيت كلمة المرور", "ar", "password"),
    ("nsit lmot de passe dyali", "ary", "password"),
    ("comment recharger ma ligne", "fr", "recharge"),
    ("kifach ncharji lkhat dyali", "ary", "recharge"),
    ("كيفاش نشارجي الخط", "ary", "recharge"),
    ("activer le roaming pour un voyage", "fr", "roaming"),
    ("¿cómo uso mi móvil en el extranjero?", "es", "roaming"),
    ("internet coupé depuis ce matin", "fr", "internet_outage"),
    ("lconnexion 9at3a 3ndi", "ary", "internet_outage"),
    ("الإنترنت مقطوع عندي", "ar", "internet_outage"),
    ("my internet is down", "en", "internet_outage"),
    ("comment payer ma facture", "fr", "invoice"),
    ("how can I pay my bill", "en", "invoice"),
    ("كيفاش نخلص الفاتورة", "ary", "invoice"),
]
