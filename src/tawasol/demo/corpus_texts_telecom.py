# ruff: noqa: E501  (prose tables: one message per line reads better than wrapped fragments)
"""Demo corpus texts for the telecom operator brand.

Customer problem statements, advisor resolutions and e-mail subjects per intent and per
language variant (see ``corpus_texts_common.VARIANTS``). Original texts written for Tawasol.
"""

from __future__ import annotations

from tawasol.demo.corpus_texts_common import KindTexts, one_per_variant

_OPENINGS = {
    "billing_dispute": {
        "ary-Arab": (
            "جاتني فاتورة ديال {amount} وأنا العادة كنخلص {amount2}. شنو هاد الزيادة؟",
            "تقطعو ليا {amount} من الرصيد بلا ما نعرف علاش، ما درت حتى اشتراك.",
            "الفاتورة ديال {date} فيها خدمات عمري ما طلبتها، بغيت تشرحو ليا.",
            "خلصت الفاتورة نهار {date} وباقي كيبان ليا بلي عليا {amount}.",
        ),
        "ary-Latn": (
            "jatni facture dyal {amount} w ana dima kankhalles {amount2}. 3lach had ziyada?",
            "t9ta3 lia {amount} mn solde bla ma n3ref 3lach, ma dert 7ta abonnement.",
            "facture dyal {date} fiha services 3omri ma tlebthom, bghit tfasro lia.",
            "khallest facture nhar {date} w ba9i kayban lia 3liya {amount}.",
        ),
        "ary-fr": (
            "jatni une facture de {amount} alors que normalement kankhelles {amount2}, chnou had l'augmentation?",
            "t9at3o lia {amount} men le solde sans raison, ma activit 7ta service.",
            "la facture dyal {date} fiha des options que j'ai jamais demandées, bghit explication.",
            "j'ai payé la facture le {date} w mazal affiché que je dois {amount}.",
        ),
        "fr": (
            "je viens de recevoir une facture de {amount} alors que je paie habituellement {amount2}. Pouvez-vous m'expliquer cet écart ?",
            "{amount} ont été débités de mon solde sans que j'aie souscrit à quoi que ce soit.",
            "ma facture du {date} comporte des services que je n'ai jamais demandés.",
            "j'ai réglé ma facture le {date} mais mon espace client indique toujours un impayé de {amount}.",
        ),
        "ar": (
            "وصلتني فاتورة بقيمة {amount} بينما أدفع عادة {amount2}. أرجو توضيح سبب هذا الفرق.",
            "تم خصم {amount} من رصيدي دون أن أشترك في أي خدمة.",
            "تتضمن فاتورة {date} خدمات لم أطلبها قط.",
        ),
        "es": (
            "me ha llegado una factura de {amount} cuando normalmente pago {amount2}. ¿Me pueden explicar la diferencia?",
            "me han descontado {amount} del saldo sin haber contratado nada.",
            "la factura del {date} incluye servicios que nunca he pedido.",
        ),
        "en": (
            "I just got a bill for {amount}, but I usually pay {amount2}. Can you explain the difference?",
            "{amount} was deducted from my balance even though I didn't subscribe to anything.",
            "my bill from {date} includes services I never asked for.",
        ),
    },
    "network_outage": {
        "ary-Arab": (
            "الانترنيت مقطوع عندي هادي {days} أيام ف{city}، والو ما خدام.",
            "الريزو ضعيف بزاف فالدار، ما كنقدرش حتى نعيط.",
            "الفيبر ما خدامش من البارح، والضو ديال الروتور كيضوي بالحمر.",
            "الكونيكسيون بطيئة بزاف من نهار {date}، ما بقيتش نقدر نخدم من الدار.",
        ),
        "ary-Latn": (
            "l'internet ma5damch 3andi hadi {days} ayam f {city}, walo.",
            "reseau d3if bzaf f dar, ma kan9derch 7ta n3ayet.",
            "la fibre ma khdamach mn lbare7, w dow dyal routeur kayched l7mer.",
            "connexion bti2a bzaf mn nhar {date}, ma n9derch nkhdem mn dar.",
        ),
        "ary-fr": (
            "l'internet coupé 3andi depuis {days} jours f {city}, walou.",
            "le réseau faible bzaf f dar, ma kan9derch n3ayet normal.",
            "la fibre ma khdamach depuis hier, w le voyant dyal routeur rouge.",
            "la connexion lente bzaf depuis le {date}, ma n9derch nkhdem en télétravail.",
        ),
        "fr": (
            "je n'ai plus d'internet depuis {days} jours à {city}.",
            "le réseau est très faible chez moi, je n'arrive même pas à passer un appel.",
            "ma fibre ne fonctionne plus depuis hier soir et le voyant de la box est rouge.",
            "la connexion est extrêmement lente depuis le {date}, impossible de télétravailler.",
        ),
        "ar": (
            "انقطعت خدمة الإنترنت لدي منذ {days} أيام في {city}.",
            "التغطية ضعيفة جدا في منزلي ولا أستطيع إجراء المكالمات.",
            "الألياف البصرية لا تعمل منذ أمس، ومؤشر جهاز الراوتر أحمر.",
        ),
        "es": (
            "llevo {days} días sin internet en {city}.",
            "la cobertura en mi casa es malísima, no puedo ni llamar.",
            "la fibra no funciona desde anoche y la luz del router está en rojo.",
        ),
        "en": (
            "I've had no internet for {days} days in {city}.",
            "the signal at home is so weak I can't even make a call.",
            "my fibre has been down since last night and the router light is red.",
        ),
    },
    "cancel_subscription": {
        "ary-Arab": (
            "بغيت نلغي الاشتراك ديالي، شنو خاصني ندير؟",
            "غادي نسافر ونبدل البلاد، بغيت نسد الخط قبل {date}.",
            "بغيت نحبس الأبونمون ديال الفيبر، ما بقيتش محتاجو.",
        ),
        "ary-Latn": (
            "bghit nlghi l'abonnement dyali, chnou khasni ndir? 3afak.",
            "ghadi nsafer w nbeddel lblad, bghit nsed la ligne 9bel {date}.",
            "bghit n7bes abonnement dyal fibre, ma b9itch m7taj lih.",
        ),
        "ary-fr": (
            "bghit nrésilier mon abonnement, chnou les démarches?",
            "ghadi nsafer définitivement, bghit nfermer la ligne avant le {date}.",
            "bghit nannuler l'abonnement fibre, ma b9itch m7tajo.",
        ),
        "fr": (
            "je souhaite résilier mon abonnement. Quelle est la marche à suivre ?",
            "je pars m'installer à l'étranger et je voudrais fermer ma ligne avant le {date}.",
            "je voudrais mettre fin à mon abonnement fibre, je n'en ai plus l'utilité.",
        ),
        "ar": (
            "أرغب في إلغاء اشتراكي. ما هي الإجراءات المطلوبة؟",
            "سأنتقل للعيش خارج المغرب وأود إغلاق خطي قبل {date}.",
            "أريد إنهاء اشتراك الألياف البصرية لأنني لم أعد بحاجة إليه.",
        ),
        "es": (
            "quiero dar de baja mi contrato. ¿Qué tengo que hacer?",
            "me vuelvo a España y necesito cerrar la línea antes del {date}.",
            "quiero cancelar la fibra, ya no la necesito.",
        ),
        "en": (
            "I'd like to cancel my subscription. What do I need to do?",
            "I'm moving abroad and want to close my line before {date}.",
            "I want to end my fibre contract, I don't need it anymore.",
        ),
    },
    "roaming": {
        "ary-Arab": (
            "أنا دابا {in_country} والتيليفون ما فيه حتى ريزو، واش الرومينغ ماشي مفعل؟",
            "غادي نكون {in_country} من نهار {date}، بغيت نعرف شحال كيكلف الرومينغ.",
            "رجعت من السفر ولقيت فالفاتورة {amount} ديال الرومينغ، هادشي بزاف!",
        ),
        "ary-Latn": (
            "ana daba {in_country} w tilifoun ma fih 7ta reseau, wach roaming machi mfa3el?",
            "ghadi nkoun {in_country} mn nhar {date}, bghit n3ref ch7al kaykellef roaming.",
            "rje3t mn safar w l9it f facture {amount} dyal roaming, hadchi bzaf!",
        ),
        "ary-fr": (
            "ana daba {in_country} w le téléphone ma fih 7ta réseau, wach le roaming désactivé?",
            "ghadi nkoun {in_country} à partir du {date}, bghit n3ref les tarifs dyal roaming.",
            "rje3t men voyage w l9it {amount} de roaming f la facture, c'est énorme!",
        ),
        "fr": (
            "je suis actuellement {in_country} et mon téléphone n'a aucun réseau. L'itinérance est-elle activée ?",
            "je serai {in_country} à partir du {date} et j'aimerais connaître les tarifs d'itinérance.",
            "à mon retour de voyage, j'ai trouvé {amount} de frais de roaming sur ma facture, c'est énorme !",
        ),
        "ar": (
            "أنا حاليا {in_country} وهاتفي بدون شبكة. هل خدمة التجوال مفعلة؟",
            "سأكون {in_country} ابتداء من {date} وأود معرفة أسعار التجوال.",
            "بعد عودتي من السفر وجدت في الفاتورة {amount} كرسوم تجوال، وهذا مبلغ مبالغ فيه.",
        ),
        "es": (
            "estoy {in_country} y el móvil no tiene cobertura. ¿Tengo el roaming activado?",
            "voy a estar {in_country} a partir del {date}, ¿cuánto cuesta el roaming?",
            "al volver del viaje me he encontrado {amount} de roaming en la factura, es muchísimo.",
        ),
        "en": (
            "I'm currently {in_country} and my phone has no signal at all. Is roaming enabled?",
            "I'll be {in_country} from {date}. How much does roaming cost?",
            "I got back from a trip and found {amount} in roaming charges on my bill. That's way too much!",
        ),
    },
    "sim_swap": {
        "ary-Arab": (
            "ضاع ليا التيليفون والبوصة فيه، بغيت نوقف الخط ونجيب بوصة جديدة.",
            "البوصة ديالي تخسرات، كتبان ليا رسالة بلي ما صالحاش.",
            "بغيت ندوز من البوصة العادية للإيسيم، واش ممكن؟",
            "تسرق ليا التيليفون البارح ف{city}، عافاك بلوكيو الخط دغيا.",
        ),
        "ary-Latn": (
            "da3 lia tilifoun w puce fih, bghit nw9ef la ligne w nakhod puce jdida.",
            "la puce dyali t5asrat, kayban lia message bli ma sal7ach.",
            "bghit ndouz mn puce 3adia l eSIM, wach momkin?",
            "tsre9 lia tilifoun lbare7 f {city}, 3afak bloquiw la ligne daba.",
        ),
        "ary-fr": (
            "da3 lia le téléphone m3a la puce, bghit nbloquer la ligne w nakhod une nouvelle SIM.",
            "la carte SIM dyali ma b9atch katkhdem, kayban 'SIM invalide'.",
            "bghit npassi l eSIM, wach possible?",
            "tsre9 lia le portable lbare7 f {city}, bloquiw la ligne 3afak!",
        ),
        "fr": (
            "j'ai perdu mon téléphone avec la carte SIM dedans. Je voudrais bloquer la ligne et obtenir une nouvelle carte.",
            "ma carte SIM n'est plus reconnue, le téléphone affiche « SIM invalide ».",
            "je souhaiterais passer à une eSIM. Est-ce possible avec mon offre ?",
            "on m'a volé mon portable hier à {city}, merci de suspendre la ligne en urgence.",
        ),
        "ar": (
            "فقدت هاتفي وبداخله الشريحة، وأريد إيقاف الخط والحصول على شريحة جديدة.",
            "لم تعد شريحتي تعمل، ويظهر على الهاتف أنها غير صالحة.",
            "أرغب في الانتقال إلى الشريحة الإلكترونية، هل هذا ممكن مع عرضي الحالي؟",
            "سُرق هاتفي أمس في {city}، أرجو إيقاف الخط فورا.",
        ),
        "es": (
            "he perdido el móvil con la SIM dentro, quiero bloquear la línea y pedir una tarjeta nueva.",
            "la tarjeta SIM ha dejado de funcionar, me sale «SIM no válida».",
            "me gustaría pasarme a eSIM, ¿es posible con mi tarifa?",
            "me robaron el móvil ayer en {city}, por favor bloqueen la línea cuanto antes.",
        ),
        "en": (
            "I lost my phone with the SIM inside. I'd like to block the line and get a replacement SIM.",
            "my SIM card stopped working; the phone says it's invalid.",
            "I'd like to switch to an eSIM. Is that possible with my plan?",
            "my phone was stolen yesterday in {city}, please suspend the line urgently.",
        ),
    },
    "plan_upgrade": {
        "ary-Arab": (
            "بغيت نبدل الفورفي ديالي لشي حاجة فيها انترنيت كثر.",
            "شفت العرض الجديد ديال {plan}، كيفاش ندوز ليه؟",
            "الجيغات كيساليو ليا قبل آخر الشهر، واش كاين شي فورفي أحسن؟",
        ),
        "ary-Latn": (
            "bghit nbeddel forfait dyali l chi 7aja fiha internet ktar.",
            "chft l3ard jdid dyal {plan}, kifach ndouz lih?",
            "les gigas kaysaliw lia 9bel lakher dyal chhar, wach kayn chi forfait a7san?",
        ),
        "ary-fr": (
            "bghit nchanger mon forfait 3afak, khasni plus d'internet.",
            "chft l'offre jdida {plan}, kifach npassi liha?",
            "les gigas kaytsalaw 9bel la fin du mois, wach kayn un forfait a7san?",
        ),
        "fr": (
            "je voudrais passer à un forfait avec plus de data.",
            "j'ai vu la nouvelle offre {plan}. Comment puis-je en bénéficier ?",
            "mon enveloppe internet est épuisée avant la fin du mois à chaque fois. Avez-vous une offre plus adaptée ?",
        ),
        "ar": (
            "أود الانتقال إلى باقة تتضمن حجما أكبر من الإنترنت.",
            "اطلعت على باقة {plan} الجديدة، كيف يمكنني الاشتراك فيها؟",
            "ينفد رصيد الإنترنت قبل نهاية الشهر دائما، هل لديكم باقة أنسب؟",
        ),
        "es": (
            "quiero cambiarme a una tarifa con más datos.",
            "he visto la nueva tarifa {plan}, ¿cómo me paso?",
            "siempre me quedo sin datos antes de fin de mes, ¿tienen algo mejor?",
        ),
        "en": (
            "I'd like to move to a plan with more data.",
            "I saw the new {plan} plan. How can I switch to it?",
            "I always run out of data before the end of the month. Do you have a better plan?",
        ),
    },
}

_RESOLUTIONS = {
    "billing_dispute": {
        "ary-Arab": (
            "راجعت الفاتورة ديالك، وفعلا كانت خدمة مفعلة بالغلط. رجعت ليك {amount} وغادي يبانو فالفاتورة الجاية.",
            "شفت الحساب ديالك: الزيادة جات من المكالمات الدولية. حيدت ليك الخيار باش ما يتعاودش.",
            "الخلاص ديالك وصلنا نهار {date}، غير السيستيم ما تحدثش. صلحت ليك الوضعية ودابا ما بقا عليك والو.",
        ),
        "ary-Latn": (
            "raja3t facture dyalek, w fe3lan kant chi service mfa3la bl ghalat. rjja3t lik {amount} w ghadi ybanou f facture jaya.",
            "chft compte dyalek: ziyada jat mn les appels internationaux. 7iyedt lik l'option bach ma t3awedch.",
            "lkhlas dyalek wselna nhar {date}, ghir systeme ma t7eddetch. sla7t lik lwad3iya w daba ma b9a 3lik walo.",
        ),
        "ary-fr": (
            "J'ai vérifié la facture, w fe3lan kant une option activée par erreur. Rje3t lik {amount}, ghadi tbanlek f la prochaine facture.",
            "Chft le compte dyalek: l'augmentation jat men les appels internationaux. Désactivit lik l'option bach ma t3awedch.",
            "Le paiement dyalek wselna le {date}, ghir le système ma tactualisach. Corrigit lik la situation w daba ma b9a 3lik walou.",
        ),
        "fr": (
            "J'ai vérifié votre facture : une option a effectivement été activée par erreur. Je vous ai remboursé {amount}, le montant apparaîtra sur votre prochaine facture.",
            "Après vérification, l'écart provient d'appels vers l'international. J'ai désactivé cette option pour éviter que cela se reproduise.",
            "Votre paiement du {date} a bien été reçu ; l'espace client n'était simplement pas à jour. J'ai régularisé votre situation, vous ne devez plus rien.",
        ),
        "ar": (
            "راجعت فاتورتك، وقد تم تفعيل خدمة عن طريق الخطأ بالفعل. أعدت لك مبلغ {amount} وسيظهر في فاتورتك القادمة.",
            "بعد التحقق، تبين أن الفرق ناتج عن مكالمات دولية. قمت بإلغاء هذا الخيار حتى لا يتكرر الأمر.",
            "لقد توصلنا بأدائك يوم {date}، لكن حسابك لم يكن محدثا فقط. قمت بتسوية وضعيتك ولم يعد عليك أي مبلغ.",
        ),
        "es": (
            "He revisado su factura y, efectivamente, se activó un servicio por error. Le he devuelto {amount}, lo verá en la próxima factura.",
            "Tras revisarlo, la diferencia viene de llamadas internacionales. He desactivado esa opción para que no vuelva a pasar.",
            "Recibimos su pago del {date}; simplemente su área de cliente no estaba actualizada. He regularizado la cuenta y no debe nada.",
        ),
        "en": (
            "I've checked your bill and a service was indeed activated by mistake. I've refunded {amount}; it will show on your next bill.",
            "After checking, the difference comes from international calls. I've disabled that option so it doesn't happen again.",
            "We did receive your payment on {date}; your account page just hadn't been updated. I've corrected it and you owe nothing.",
        ),
    },
    "network_outage": {
        "ary-Arab": (
            "كاين عطب تقني ف{city} والفريق ديالنا خدام عليه. الخدمة غادي ترجع قبل الليل، وغادي نعوضوك ب{days} أيام ديال الانترنيت فابور.",
            "درت ليك إعادة تشغيل للخط من عندنا. طفي الروتور دقيقة وشعلو، وقول ليا واش رجع.",
            "كاين أشغال فالأنطين ديال الحي ديالك وغادي تسالي هاد السيمانة. فهاد الوقت فعلت ليك المكالمات عبر الويفي باش تقدر تعيط من الدار.",
        ),
        "ary-Latn": (
            "kayn 3otl technique f {city} w l'equipe dyalna khdama 3lih. lkhedma ghadi trje3 9bel lil, w ghadi n3awdouk b {days} ayam dyal internet fabor.",
            "dert lik reset l la ligne mn 3andna. tfi routeur d9i9a w 3awed cha3lo, w 9oul lia wach rje3.",
            "kayn chantier f l'antenne dyal l7ouma dyalek w ghadi tsali had simana. daba f3elt lik les appels wifi bach t9der t3ayet mn dar.",
        ),
        "ary-fr": (
            "Kayn un incident technique f {city}, l'équipe khdama 3lih. Le service ghadi yrje3 avant ce soir, w ghadi n3tiwk {days} jours d'internet gratuit.",
            "Dert lik un reset de la ligne men 3andna. Tfi la box une minute w 3awed cha3elha, w 9oli ila rje3.",
            "Kayn des travaux f l'antenne dyal le quartier, ghadi ysaliw had la semaine. En attendant, activit lik les appels Wi-Fi bach t9der t3ayet men dar.",
        ),
        "fr": (
            "Un incident technique est en cours sur {city} et nos équipes interviennent. Le service devrait être rétabli avant ce soir, et nous vous offrons {days} jours d'internet en compensation.",
            "J'ai relancé votre ligne à distance. Éteignez votre box une minute puis rallumez-la, et dites-moi si tout fonctionne.",
            "Des travaux sont en cours sur l'antenne de votre quartier et se terminent cette semaine. En attendant, j'ai activé les appels Wi-Fi sur votre ligne pour que vous puissiez appeler depuis chez vous.",
        ),
        "ar": (
            "هناك عطل تقني في {city} وفرقنا تعمل على إصلاحه. ستعود الخدمة قبل المساء، وسنمنحك {days} أيام من الإنترنت المجاني كتعويض.",
            "قمت بإعادة تشغيل خطك عن بعد. أطفئ جهاز الراوتر لمدة دقيقة ثم أعد تشغيله، وأخبرني إن عادت الخدمة.",
            "تجري حاليا أشغال على الهوائي في حيكم وستنتهي هذا الأسبوع. وفي انتظار ذلك، فعلت لك خدمة المكالمات عبر الواي فاي لتتمكن من الاتصال من منزلك.",
        ),
        "es": (
            "Hay una avería en {city} y nuestros técnicos ya están trabajando. El servicio volverá antes de esta noche y le regalamos {days} días de internet como compensación.",
            "He reiniciado su línea a distancia. Apague el router un minuto, vuelva a encenderlo y dígame si funciona.",
            "Estamos mejorando la antena de su zona y las obras terminan esta semana. Mientras tanto, le he activado las llamadas por wifi para que pueda llamar desde casa.",
        ),
        "en": (
            "There's a technical incident in {city} and our teams are on it. Service should be back by tonight, and we're giving you {days} days of free internet as compensation.",
            "I've reset your line remotely. Turn your router off for a minute, switch it back on and let me know if it works.",
            "We're upgrading the mast in your area and the work finishes this week. In the meantime I've enabled Wi-Fi calling on your line so you can call from home.",
        ),
    },
    "cancel_subscription": {
        "ary-Arab": (
            "تسجل طلب الإلغاء. الخط غادي يتسد نهار {date}، وما غادي تخلص حتى حاجة من بعد.",
            "قبل ما نلغيو، عندنا عرض خاص ليك: ناقص 50% لمدة 3 شهور. إلا ما بغيتيهش، نكملو الإلغاء دابا.",
        ),
        "ary-Latn": (
            "tsejjel talab dyal l'annulation. la ligne ghadi ttsedd nhar {date}, w ma ghadi tkhalles 7ta 7aja men b3d.",
            "9bel ma nlghiw, 3andna 3ard khas lik: -50% l modda dyal 3 chhour. ila ma bghitihch, nkemmlo l'annulation daba.",
        ),
        "ary-fr": (
            "C'est noté, la résiliation tsejjlat. La ligne ghadi tfermer le {date}, w ma ghadi tkhelles walou après.",
            "Avant de résilier, 3andna une offre spéciale lik: -50% pendant 3 mois. Ila ma bghitihach, nkemmlo la résiliation.",
        ),
        "fr": (
            "Votre demande de résiliation est enregistrée. La ligne sera fermée le {date} et aucun prélèvement ne sera effectué ensuite.",
            "Avant de résilier, je peux vous proposer -50 % sur votre abonnement pendant 3 mois. Si cela ne vous convient pas, je finalise la résiliation.",
        ),
        "ar": (
            "تم تسجيل طلب الإلغاء. سيتم إغلاق الخط يوم {date} ولن يتم اقتطاع أي مبلغ بعد ذلك.",
            "قبل الإلغاء، يمكنني أن أقترح عليك تخفيضا بنسبة 50% لمدة ثلاثة أشهر. إن لم يناسبك العرض، سأكمل الإلغاء.",
        ),
        "es": (
            "Su solicitud de baja está registrada. La línea se cerrará el {date} y no se le cobrará nada más.",
            "Antes de darle de baja, le puedo ofrecer un 50 % de descuento durante 3 meses. Si no le interesa, tramito la baja.",
        ),
        "en": (
            "Your cancellation request is registered. The line will be closed on {date} and you won't be charged anything after that.",
            "Before cancelling, I can offer you 50% off for 3 months. If that doesn't suit you, I'll complete the cancellation.",
        ),
    },
    "roaming": {
        "ary-Arab": (
            "فعلت ليك الرومينغ دابا. طفي التيليفون وشعلو، وخليه يختار الريزو أوتوماتيكيا.",
            "كاين باص ديال الرومينغ ب{amount} فيه 5 جيغا و60 دقيقة لمدة 7 أيام. نفعلوه ليك؟",
            "الفلوس جات من الانترنيت اللي تستعمل برا الفورفي. وباش نعاونك، رجعت ليك النص ديال المبلغ، وحطيت ليك سقف للاستهلاك فالسفرات الجاية.",
        ),
        "ary-Latn": (
            "f3elt lik roaming daba. tfi tilifoun w cha3lo, w khalih ykhtar reseau automatiquement.",
            "kayn pass roaming b {amount} fih 5 giga w 60 d9i9a l modda dyal 7 ayam. nfa3louh lik?",
            "lflous jat mn l'internet li tsta3mel berra forfait. w bach n3awnek, rjja3t lik nos dyal lmablagh, w 7ettit lik plafond f les voyages jayin.",
        ),
        "ary-fr": (
            "Activit lik le roaming daba. Redémarri le téléphone w khallih ykhtar le réseau automatiquement.",
            "Kayn un pass roaming b {amount}: 5 Go w 60 minutes pendant 7 jours. Nactiviwh lik?",
            "Le montant jay men l'internet hors forfait. Geste commercial: rje3t lik la moitié, w activit lik un plafond pour les prochains voyages.",
        ),
        "fr": (
            "Je viens d'activer l'itinérance sur votre ligne. Redémarrez votre téléphone et laissez-le choisir le réseau automatiquement.",
            "Nous avons un pass roaming à {amount} avec 5 Go et 60 minutes valable 7 jours. Souhaitez-vous que je l'active ?",
            "Ces frais correspondent à de l'internet consommé hors forfait. À titre commercial, je vous rembourse la moitié et j'active un plafond de consommation pour vos prochains voyages.",
        ),
        "ar": (
            "قمت بتفعيل خدمة التجوال على خطك. أعد تشغيل الهاتف واتركه يختار الشبكة تلقائيا.",
            "لدينا باقة تجوال بسعر {amount} تشمل 5 جيغا و60 دقيقة صالحة لمدة 7 أيام. هل تريد تفعيلها؟",
            "هذه الرسوم ناتجة عن استهلاك الإنترنت خارج الباقة. وكبادرة حسن نية، أعدت لك نصف المبلغ وفعلت سقفا للاستهلاك في أسفارك القادمة.",
        ),
        "es": (
            "Acabo de activar el roaming en su línea. Reinicie el móvil y deje que elija la red automáticamente.",
            "Tenemos un bono de roaming de {amount} con 5 GB y 60 minutos durante 7 días. ¿Se lo activo?",
            "Ese importe corresponde a datos consumidos fuera del bono. Como gesto comercial le devuelvo la mitad y le activo un límite de consumo para los próximos viajes.",
        ),
        "en": (
            "I've just enabled roaming on your line. Restart your phone and let it pick the network automatically.",
            "We have a roaming pass at {amount} with 5 GB and 60 minutes for 7 days. Shall I activate it?",
            "Those charges come from data used outside your bundle. As a goodwill gesture I've refunded half and set a spending cap for your next trips.",
        ),
    },
    "sim_swap": {
        "ary-Arab": (
            "وقفت ليك الخط باش حتى واحد ما يستعملو. دوز لأقرب وكالة بالبطاقة الوطنية وغادي يعطيوك بوصة جديدة بنفس الرقم.",
            "صيفطت ليك الكود ديال الإيسيم فالإيميل. سكانيه من الإعدادات وغادي يخدم فدقايق.",
            "البوصة ديالك خاسرة. طلبت ليك وحدة جديدة بنفس الرقم، غادي توصلك للدار ف{days} أيام ولا تقدر تاخدها من الوكالة دابا.",
        ),
        "ary-Latn": (
            "w9eft lik la ligne bach 7ta wa7ed ma yst3melha. douz l a9rab agence b la carte nationale w ghadi y3tiwk puce jdida b nefs nmra.",
            "sifett lik code QR dyal eSIM f l'email. scanih mn les parametres w ghadi ykhdem f d9aye9.",
            "la puce dyalek khasra. tlebt lik we7da jdida b nefs nmra, ghadi twslek l dar f {days} ayam wla t9der takhodha mn l'agence daba.",
        ),
        "ary-fr": (
            "Bloquit lik la ligne bach 7ta wa7ed ma yesta3melha. Passi l'agence la plus proche b la CIN w y3tiwk une nouvelle SIM b nefs le numéro.",
            "Sifett lik le QR code dyal l'eSIM par mail. Scanni men les paramètres w ghadi tkhdem f quelques minutes.",
            "La SIM dyalek défectueuse. Commandit lik une nouvelle b nefs le numéro, ghadi twslek l dar f {days} jours wla récupériha men l'agence directement.",
        ),
        "fr": (
            "J'ai suspendu votre ligne pour éviter toute utilisation frauduleuse. Présentez-vous dans l'agence la plus proche avec votre CIN : une nouvelle carte vous sera remise avec le même numéro.",
            "Je vous ai envoyé le QR code de votre eSIM par e-mail. Scannez-le depuis les réglages, la ligne sera active en quelques minutes.",
            "Votre carte SIM est défectueuse. J'ai commandé une nouvelle carte avec le même numéro : elle vous sera livrée sous {days} jours, ou vous pouvez la retirer dès maintenant en agence.",
        ),
        "ar": (
            "قمت بإيقاف خطك لتجنب أي استعمال احتيالي. توجه إلى أقرب وكالة مع بطاقتك الوطنية لتحصل على شريحة جديدة بنفس الرقم.",
            "أرسلت إليك رمز تفعيل الشريحة الإلكترونية عبر البريد الإلكتروني. امسحه من الإعدادات وسيعمل الخط خلال دقائق.",
            "شريحتك معطلة. طلبت لك شريحة جديدة بنفس الرقم ستصلك خلال {days} أيام، أو يمكنك استلامها من الوكالة مباشرة.",
        ),
        "es": (
            "He suspendido su línea para evitar usos fraudulentos. Pase por la tienda más cercana con su pasaporte o NIE y le darán una SIM nueva con el mismo número.",
            "Le he enviado el código QR de la eSIM por correo. Escanéelo desde Ajustes y la línea estará activa en unos minutos.",
            "Su tarjeta SIM está defectuosa. Le he pedido una nueva con el mismo número: le llegará en {days} días o puede recogerla ya en tienda.",
        ),
        "en": (
            "I've suspended your line to prevent any misuse. Visit your nearest store with your ID and you'll get a new SIM with the same number.",
            "I've emailed you the QR code for your eSIM. Scan it from Settings and the line will be active within minutes.",
            "Your SIM card is faulty. I've ordered a new one with the same number: it will be delivered within {days} days, or you can pick it up in store right away.",
        ),
    },
    "plan_upgrade": {
        "ary-Arab": (
            "دوزتك ل{plan} من اليوم. غادي تخلص الفرق غير على الأيام اللي بقاو فهاد الشهر.",
            "عندك جوج اختيارات: {plan} ولا الفورفي اللي فوقو بانترنيت بلا حدود. شنو بغيتي نفعل ليك؟",
        ),
        "ary-Latn": (
            "dawwztek l {plan} mn lyoum. ghadi tkhalles lfar9 ghir 3la layam li b9aw f had chhar.",
            "3andek jouj ikhtiyarat: {plan} wla forfait li fo9o b internet illimité. chnou bghiti nfa3el lik?",
        ),
        "ary-fr": (
            "C'est fait, dawwztek l {plan} à partir d'aujourd'hui. Ghadi tkhelles la différence ghir 3la les jours li b9aw.",
            "3andek deux choix: {plan} wla le forfait illimité. Achmen wa7ed bghiti nactivi lik?",
        ),
        "fr": (
            "C'est fait : vous passez à l'offre {plan} dès aujourd'hui. Seule la différence au prorata des jours restants sera facturée.",
            "Deux options s'offrent à vous : l'offre {plan} ou le forfait illimité juste au-dessus. Laquelle souhaitez-vous activer ?",
        ),
        "ar": (
            "تم نقلك إلى باقة {plan} ابتداء من اليوم، وستدفع الفرق عن الأيام المتبقية من الشهر فقط.",
            "أمامك خياران: باقة {plan} أو الباقة غير المحدودة. أيهما تريد أن أفعل لك؟",
        ),
        "es": (
            "Hecho: desde hoy tiene la tarifa {plan}. Solo pagará la diferencia proporcional a los días que quedan.",
            "Tiene dos opciones: la tarifa {plan} o la ilimitada. ¿Cuál prefiere que le active?",
        ),
        "en": (
            "Done: you're on the {plan} plan from today. You'll only pay the difference for the remaining days of the month.",
            "You have two options: the {plan} plan or the unlimited one above it. Which would you like me to activate?",
        ),
    },
}


_SUBJECTS = {
    "billing_dispute": one_per_variant(
        "مشكل فالفاتورة",
        "mochkil f la facture",
        "Réclamation facture",
        "Contestation de facture",
        "اعتراض على الفاتورة",
        "Reclamación de factura",
        "Billing dispute",
    ),
    "network_outage": one_per_variant(
        "الانترنيت مقطوع",
        "l'internet ma5damch",
        "Coupure internet",
        "Coupure du service internet",
        "انقطاع خدمة الإنترنت",
        "Sin servicio de internet",
        "Internet outage",
    ),
    "cancel_subscription": one_per_variant(
        "إلغاء الاشتراك",
        "annulation dyal l'abonnement",
        "Résiliation abonnement",
        "Demande de résiliation",
        "طلب إلغاء الاشتراك",
        "Solicitud de baja",
        "Cancellation request",
    ),
    "roaming": one_per_variant(
        "مشكل فالرومينغ",
        "mochkil f roaming",
        "Roaming à l'étranger",
        "Itinérance à l'étranger",
        "خدمة التجوال الدولي",
        "Roaming en el extranjero",
        "Roaming abroad",
    ),
    "sim_swap": one_per_variant(
        "تبديل البوصة",
        "puce jdida",
        "Nouvelle carte SIM",
        "Remplacement de carte SIM",
        "استبدال الشريحة",
        "Duplicado de SIM",
        "SIM replacement",
    ),
    "plan_upgrade": one_per_variant(
        "تبديل الفورفي",
        "nbeddel forfait",
        "Changement de forfait",
        "Changement d'offre",
        "تغيير الباقة",
        "Cambio de tarifa",
        "Plan upgrade",
    ),
}

TEXTS = KindTexts(
    intents=tuple(_OPENINGS),
    openings=_OPENINGS,
    resolutions=_RESOLUTIONS,
    subjects=_SUBJECTS,
    ref_labels={
        "ary-Arab": "رقم الخط",
        "ary-Latn": "nmra dyal la ligne",
        "ary-fr": "le numéro de la ligne",
        "fr": "votre numéro de ligne",
        "ar": "رقم الخط",
        "es": "el número de la línea",
        "en": "the line number",
    },
    sentiment_weights={
        "network_outage": (0.7, 0.25, 0.05),
        "billing_dispute": (0.6, 0.3, 0.1),
        "plan_upgrade": (0.05, 0.6, 0.35),
        "roaming": (0.35, 0.5, 0.15),
    },
    amount_range=(49, 899),
    answers={
        "billing_dispute": ((0, 1), (0,), (0,), (2,)),
        "network_outage": ((0, 1), (2,), (0, 1), (0, 1)),
        "cancel_subscription": ((0, 1), (0, 1), (0, 1)),
        "roaming": ((0,), (1,), (2,)),
        "sim_swap": ((0,), (2,), (1,), (0,)),
        "plan_upgrade": ((0, 1), (0,), (0, 1)),
    },
)
