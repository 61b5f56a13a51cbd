# ruff: noqa: E501  (prose tables: one message per line reads better than wrapped fragments)
"""Demo corpus texts for the online-shop brand.

Customer problem statements, advisor resolutions and e-mail subjects per intent and per
language variant (see ``corpus_texts_common.VARIANTS``). Original texts written for Tawasol.
"""

from __future__ import annotations

from tawasol.demo.corpus_texts_common import KindTexts, one_per_variant

_OPENINGS = {
    "order_status": {
        "ary-Arab": (
            "كومونديت {product} نهار {date} وباقي ما وصلني والو، فين وصلات الكوموند؟",
            "قالو ليا التوصيل ف48 ساعة وهادي {days} أيام، واش الكوموند تصيفطات ولا لا؟",
            "الليفرور عيط ليا وأنا فالخدمة، واش يقدر يرجع غدا ل{city}؟",
        ),
        "ary-Latn": (
            "commandit {product} nhar {date} w ba9i ma wselni walo, fin wslat lcommande?",
            "9alou lia livraison f 48 sa3a w hadi {days} ayam, wach lcommande tsiftat wla la?",
            "livreur 3ayet lia w ana f lkhedma, wach y9der yrje3 ghedda l {city}?",
        ),
        "ary-fr": (
            "commandit {product} le {date} w mazal ma wselni walou, fin wselt la commande?",
            "9alou lia livraison en 48h w ça fait {days} jours, wach la commande expédiée wla la?",
            "le livreur 3ayet lia w ana f le travail, wach y9der yrepasser demain f {city}?",
        ),
        "fr": (
            "j'ai commandé {product} le {date} et je n'ai toujours rien reçu. Où en est ma commande ?",
            "la livraison était annoncée en 48 heures et cela fait {days} jours. Ma commande a-t-elle été expédiée ?",
            "le livreur m'a appelé pendant que j'étais au travail. Peut-il repasser demain à {city} ?",
        ),
        "ar": (
            "قمت بطلب {product} يوم {date} ولم يصلني شيء حتى الآن. أين وصل طلبي؟",
            "كان التوصيل مقررا خلال 48 ساعة وقد مرت {days} أيام. هل تم شحن الطلب؟",
            "اتصل بي عامل التوصيل وأنا في العمل، هل يمكنه المرور غدا في {city}؟",
        ),
        "es": (
            "pedí {product} el {date} y todavía no me ha llegado nada. ¿Dónde está mi pedido?",
            "la entrega era en 48 horas y ya van {days} días. ¿Se ha enviado el pedido?",
            "el repartidor me llamó mientras estaba trabajando. ¿Puede volver mañana a {city}?",
        ),
        "en": (
            "I ordered {product} on {date} and still haven't received anything. Where is my order?",
            "delivery was supposed to take 48 hours and it's been {days} days. Has my order shipped?",
            "the courier called me while I was at work. Can they come back tomorrow in {city}?",
        ),
    },
    "return_request": {
        "ary-Arab": (
            "شريت {product} وما كانش بحال اللي فالتصويرة، بغيت نرجعو ونسترجع الفلوس.",
            "القياس ما جاش مزيان، واش نقدر نبدلو بقياس آخر؟",
            "بغيت نرجع {product}، مازال فالكارطون ديالو ما تحلش.",
        ),
        "ary-Latn": (
            "chrit {product} w ma kanch b7al li f tswira, bghit nrj3o w nsterje3 flousi.",
            "l9yas ma jach mzyan, wach n9der nbeddlo b 9yas akhor?",
            "bghit nrje3 {product}, mazal f carton dyalo ma t7allch.",
        ),
        "ary-fr": (
            "chrit {product} w ma kanch b7al la photo, bghit nretourner w nrécupérer l'argent.",
            "la taille ma jatch mzyana, wach n9der nbeddelha b taille okhra?",
            "bghit nrenvoyer {product}, mazal f l'emballage ma t7allch.",
        ),
        "fr": (
            "j'ai acheté {product} mais l'article ne correspond pas à la photo. Je voudrais faire un retour et être remboursé.",
            "la taille ne va pas. Est-il possible de faire un échange ?",
            "je souhaite retourner {product}, encore dans son emballage d'origine.",
        ),
        "ar": (
            "قمت بشراء {product} لكن المنتج لا يشبه الصورة، وأرغب في إرجاعه واسترداد المبلغ.",
            "المقاس غير مناسب، هل يمكنني استبداله بمقاس آخر؟",
            "أريد إرجاع {product}، والمنتج ما زال في علبته الأصلية.",
        ),
        "es": (
            "compré {product} pero no se parece a la foto. Quiero hacer una devolución y que me reembolsen.",
            "la talla no me queda bien, ¿puedo cambiarla por otra?",
            "quiero devolver {product}, está todavía en su caja sin abrir.",
        ),
        "en": (
            "I bought {product} but it doesn't look like the photo. I'd like to return it for a refund.",
            "the size is wrong. Can I exchange it for another size?",
            "I want to return {product}; it's still unopened in the box.",
        ),
    },
    "cancel_order": {
        "ary-Arab": (
            "بغيت نلغي الكوموند اللي درت البارح، غلطت فالموديل.",
            "عافاك لغيو ليا الكوموند ديال {product}، لقيتها رخص فبلاصة أخرى.",
            "درت جوج كوموندات بالغلط، بغيت نلغي وحدة منهم.",
        ),
        "ary-Latn": (
            "bghit nlghi lcommande li dert lbare7, ghlett f modele.",
            "3afak lghiw lia lcommande dyal {product}, l9itha rkhes f blasa okhra.",
            "dert jouj commandes bl ghalat, bghit nlghi we7da menhom.",
        ),
        "ary-fr": (
            "bghit nannuler la commande li dert hier, ghlett f le modèle.",
            "3afak annuliw lia la commande dyal {product}, l9itha moins cher ailleurs.",
            "passit deux commandes par erreur, bghit nannuler wa7da.",
        ),
        "fr": (
            "je voudrais annuler la commande passée hier, je me suis trompé de modèle.",
            "merci d'annuler ma commande de {product}, j'ai trouvé moins cher ailleurs.",
            "j'ai passé deux fois la même commande par erreur, pouvez-vous en annuler une ?",
        ),
        "ar": (
            "أرغب في إلغاء الطلب الذي قمت به أمس، فقد أخطأت في اختيار الموديل.",
            "أرجو إلغاء طلبي الخاص ب{product}، فقد وجدت سعرا أفضل في مكان آخر.",
            "قمت بنفس الطلب مرتين عن طريق الخطأ، هل يمكنكم إلغاء أحدهما؟",
        ),
        "es": (
            "quiero anular el pedido que hice ayer, me equivoqué de modelo.",
            "por favor, cancelen mi pedido de {product}, he visto un precio mejor en otra tienda.",
            "hice el mismo pedido dos veces sin querer, ¿pueden anular uno?",
        ),
        "en": (
            "I'd like to cancel the order I placed yesterday; I picked the wrong model.",
            "please cancel my order for {product}, I found it cheaper elsewhere.",
            "I accidentally placed the same order twice. Can you cancel one of them?",
        ),
    },
    "payment_failed": {
        "ary-Arab": (
            "حاولت نخلص بالكارطة وتقطعو ليا {amount} ولكن الكوموند ما تسجلاتش.",
            "الخلاص ما بغاش يدوز، كل مرة كيطلع ليا بلي مرفوض.",
            "خلصت جوج مرات نفس الكوموند، تقطعو ليا {amount} زوج مرات.",
        ),
        "ary-Latn": (
            "7awlt nkhalles b la carte w t9t3o lia {amount} walakin lcommande ma tsejlatch.",
            "lkhlas ma bghach ydouz, kol merra kaytla3 lia paiement refusé.",
            "khallest jouj mrat nefs lcommande, t9t3o lia {amount} jouj mrat.",
        ),
        "ary-fr": (
            "7awelt nkhelles par carte w t9at3o lia {amount} mais la commande ma tsejlatch.",
            "le paiement ma bghach ydouz, kol merra 'paiement refusé'.",
            "khallest deux fois la même commande, débitawni {amount} deux fois.",
        ),
        "fr": (
            "j'ai essayé de payer par carte : {amount} ont été débités mais la commande n'apparaît pas.",
            "mon paiement est systématiquement refusé alors que ma carte fonctionne ailleurs.",
            "j'ai été débité deux fois de {amount} pour la même commande.",
        ),
        "ar": (
            "حاولت الدفع بالبطاقة فتم خصم {amount} لكن الطلب لم يُسجل.",
            "يُرفض الدفع في كل مرة رغم أن بطاقتي تعمل بشكل عادي في مواقع أخرى.",
            "تم خصم {amount} مرتين مقابل نفس الطلب.",
        ),
        "es": (
            "intenté pagar con tarjeta, me cobraron {amount} pero el pedido no aparece.",
            "el pago me lo rechazan siempre y la tarjeta funciona en otras tiendas.",
            "me han cobrado dos veces {amount} por el mismo pedido.",
        ),
        "en": (
            "I tried to pay by card: {amount} was charged but the order doesn't show up.",
            "my payment keeps getting declined even though my card works everywhere else.",
            "I was charged {amount} twice for the same order.",
        ),
    },
    "damaged_item": {
        "ary-Arab": (
            "وصلني {product} مهرس، والكارطون كان محلول ومفعص.",
            "{product} اللي وصلني ما خدامش نهائيا، شعلتو وما بغاش.",
            "الكوموند وصلات اليوم ولقيت فيها طرف مكسور، صيفطت ليكم التصاور.",
        ),
        "ary-Latn": (
            "wselni {product} mherres, w carton kan m7loul w mfa3es.",
            "{product} li wselni ma khdamch nihai2iyan, cha3lto w ma bghach.",
            "lcommande wslat lyoum w l9it fiha terf mkasser, sifett likom tsawer.",
        ),
        "ary-fr": (
            "wselni {product} cassé, le carton kan ouvert w écrasé.",
            "{product} li wselni ma kaykhdemch du tout, cha3elto w walou.",
            "la commande wslat aujourd'hui w l9it fiha une pièce cassée, sifett likom les photos.",
        ),
        "fr": (
            "j'ai reçu {product} en mauvais état : le carton était ouvert et écrasé.",
            "l'article reçu ne s'allume pas du tout, j'ai pourtant suivi la notice.",
            "la commande est arrivée aujourd'hui avec une pièce cassée. Je vous ai envoyé les photos.",
        ),
        "ar": (
            "وصلني {product} في حالة سيئة، وكانت العلبة مفتوحة ومضغوطة.",
            "المنتج الذي وصلني لا يعمل إطلاقا رغم أنني اتبعت دليل الاستعمال.",
            "وصل الطلب اليوم وفيه قطعة مكسورة، وقد أرسلت لكم الصور.",
        ),
        "es": (
            "me ha llegado {product} en mal estado, la caja venía abierta y aplastada.",
            "el artículo que recibí no funciona, no hay manera de encenderlo.",
            "el pedido llegó hoy con una pieza rota. Les he mandado fotos.",
        ),
        "en": (
            "I received {product} in poor condition; the box was open and crushed.",
            "the item I received doesn't work at all; it won't even switch on.",
            "my order arrived today with a broken part. I've sent you photos.",
        ),
    },
    "wrong_item": {
        "ary-Arab": (
            "طلبت {product} ووصلني شي حاجة أخرى ما عندها علاقة.",
            "اللون اللي وصلني ماشي هو اللي اخترت، أنا طلبت الكحل وجاني الأبيض.",
            "فالكوموند كان خاصهم يكونو جوج وجاني غير واحد.",
        ),
        "ary-Latn": (
            "tlebt {product} w wselni chi 7aja okhra ma 3andha 3ala9a.",
            "lon li wselni machi howa li khtart, ana tlebt lk7el w jani lbyed.",
            "f lcommande kan khashom ykounou jouj w jani ghir wa7ed.",
        ),
        "ary-fr": (
            "commandit {product} w wselni un autre article complètement différent.",
            "la couleur li wselni machi hiya li khtart, tlebt le noir w jani le blanc.",
            "f la commande kan khas ykounou deux pièces w wselni ghir wa7da.",
        ),
        "fr": (
            "j'ai commandé {product} et j'ai reçu un article qui n'a rien à voir.",
            "la couleur reçue ne correspond pas : j'avais choisi le noir et j'ai reçu le blanc.",
            "ma commande devait contenir deux articles, je n'en ai reçu qu'un seul.",
        ),
        "ar": (
            "قمت بطلب {product} ووصلني منتج مختلف تماما.",
            "اللون الذي وصلني ليس الذي اخترته، فقد طلبت الأسود ووصلني الأبيض.",
            "كان من المفروض أن يحتوي الطلب على قطعتين، لكنني استلمت قطعة واحدة فقط.",
        ),
        "es": (
            "pedí {product} y me ha llegado algo que no tiene nada que ver.",
            "el color no es el que elegí: pedí negro y me llegó blanco.",
            "el pedido tenía que traer dos unidades y solo ha llegado una.",
        ),
        "en": (
            "I ordered {product} and received something completely different.",
            "the colour is wrong: I chose black and got white.",
            "my order should have had two items but only one arrived.",
        ),
    },
}

_RESOLUTIONS = {
    "order_status": {
        "ary-Arab": (
            "الكوموند ديالك خرجات من المخزن وهي دابا عند شركة التوصيل. رقم التتبع هو {tracking}، وغادي توصلك فيومين.",
            "برمجت ليك التوصيل غدا بين 2 و6 ديال العشية ف{city}. الليفرور غادي يعيط ليك قبل ما يجي.",
        ),
        "ary-Latn": (
            "lcommande dyalek khrjat mn l'entrepot w hiya daba 3nd livraison. nmra dyal suivi hiya {tracking}, w ghadi twslek f youmayn.",
            "programmit lik livraison ghedda bin 2 w 6 dyal l3chiya f {city}. livreur ghadi y3ayet lik 9bel ma yji.",
        ),
        "ary-fr": (
            "La commande dyalek khrjat men l'entrepôt w hiya daba 3nd le transporteur. Le numéro de suivi: {tracking}, ghadi twslek f deux jours.",
            "Programmit lik la livraison demain entre 14h w 18h f {city}. Le livreur ghadi y3ayet lik avant.",
        ),
        "fr": (
            "Votre commande a quitté notre entrepôt et se trouve chez le transporteur. Numéro de suivi : {tracking}. Livraison prévue sous deux jours.",
            "J'ai reprogrammé la livraison demain entre 14 h et 18 h à {city}. Le livreur vous appellera avant de passer.",
        ),
        "ar": (
            "خرج طلبك من المستودع وهو الآن لدى شركة الشحن. رقم التتبع هو {tracking}، ومن المتوقع وصوله خلال يومين.",
            "أعدت برمجة التوصيل غدا بين الساعة الثانية والسادسة مساء في {city}، وسيتصل بك عامل التوصيل قبل المرور.",
        ),
        "es": (
            "Su pedido ya salió del almacén y está con la empresa de transporte. Número de seguimiento: {tracking}. Le llegará en dos días.",
            "He reprogramado la entrega para mañana entre las 14 y las 18 h en {city}. El repartidor le llamará antes.",
        ),
        "en": (
            "Your order has left our warehouse and is with the courier. Tracking number: {tracking}. Expected delivery within two days.",
            "I've rescheduled delivery for tomorrow between 2 and 6 pm in {city}. The courier will call you beforehand.",
        ),
    },
    "return_request": {
        "ary-Arab": (
            "الإرجاع فابور. صيفطت ليك الإتيكيت فالإيميل، لصقها على الكارطون وحطو فأي نقطة ريلي. الفلوس غادي ترجع ف{days} أيام.",
            "ما كاين مشكل، الليفرور غادي يجيب ليك القياس الجديد وياخد القديم فنفس الوقت.",
        ),
        "ary-Latn": (
            "retour fabor. sifett lik étiquette f l'email, l9sha 3la carton w 7ettou f ay point relais. flous ghadi trje3 f {days} ayam.",
            "ma kayn mochkil, livreur ghadi yjib lik l9yas jdid w yddi l9dim f nefs lwe9t.",
        ),
        "ary-fr": (
            "Le retour gratuit. Sifett lik l'étiquette par mail, l9e9ha 3la le carton w 7ettou f n'importe quel point relais. Le remboursement f {days} jours.",
            "Pas de souci, le livreur ghadi yjib lik la nouvelle taille w yakhod l9dima f nefs le passage.",
        ),
        "fr": (
            "Le retour est gratuit. Je vous ai envoyé une étiquette par e-mail : collez-la sur le colis et déposez-le dans n'importe quel point relais. Remboursement sous {days} jours.",
            "Aucun problème : le livreur vous apportera la nouvelle taille et reprendra l'ancienne lors du même passage.",
        ),
        "ar": (
            "الإرجاع مجاني. أرسلت إليك ملصق الشحن عبر البريد الإلكتروني، ألصقه على الطرد وسلمه في أي نقطة استلام، وسيتم رد المبلغ خلال {days} أيام.",
            "لا مشكلة، سيحضر لك عامل التوصيل المقاس الجديد ويأخذ القديم في نفس الزيارة.",
        ),
        "es": (
            "La devolución es gratuita. Le he enviado una etiqueta por correo: péguela en el paquete y déjelo en cualquier punto de recogida. Le reembolsamos en {days} días.",
            "Sin problema: el repartidor le llevará la talla nueva y recogerá la anterior en la misma visita.",
        ),
        "en": (
            "Returns are free. I've emailed you a label: stick it on the parcel and drop it at any pick-up point. You'll be refunded within {days} days.",
            "No problem: the courier will bring the new size and collect the old one on the same visit.",
        ),
    },
    "cancel_order": {
        "ary-Arab": (
            "لغيت ليك الكوموند قبل ما تخرج من المخزن. الفلوس غادي ترجع للحساب ديالك ف{days} أيام.",
            "الكوموند الثانية تلغات وخليت غير وحدة. غادي يوصلك إيميل فيه التأكيد.",
        ),
        "ary-Latn": (
            "lghit lik lcommande 9bel ma tkhrej mn l'entrepot. flous ghadi trje3 l compte dyalek f {days} ayam.",
            "lcommande tanya tlghat w khllit ghir we7da. ghadi yweslek email fih confirmation.",
        ),
        "ary-fr": (
            "Annulit lik la commande 9bel ma tkhrej men l'entrepôt. Le remboursement ghadi ywsel f {days} jours.",
            "La deuxième commande tannulat w khllit ghir wa7da. Ghadi ywslek un mail de confirmation.",
        ),
        "fr": (
            "Votre commande est annulée avant expédition. Le remboursement apparaîtra sur votre compte sous {days} jours.",
            "J'ai annulé la commande en double et conservé la première. Vous allez recevoir une confirmation par e-mail.",
        ),
        "ar": (
            "تم إلغاء طلبك قبل شحنه، وسيعود المبلغ إلى حسابك خلال {days} أيام.",
            "ألغيت الطلب المكرر واحتفظت بالأول، وستصلك رسالة تأكيد عبر البريد الإلكتروني.",
        ),
        "es": (
            "He anulado su pedido antes de que saliera del almacén. El reembolso le llegará en {days} días.",
            "He cancelado el pedido duplicado y he mantenido el primero. Recibirá la confirmación por correo.",
        ),
        "en": (
            "I've cancelled your order before it left the warehouse. The refund will reach your account within {days} days.",
            "I've cancelled the duplicate order and kept the first one. You'll get a confirmation email.",
        ),
    },
    "payment_failed": {
        "ary-Arab": (
            "الفلوس غير تحجزات وما تخلصاتش. البنك غادي يحررها ف{days} أيام، وتقدر تعاود الكوموند دابا.",
            "لقيت جوج ديال الخلاصات، ورجعت ليك {amount} ديال الخلاص الثاني.",
            "البنك ديالك كيبلوكي الخلاص فالأنترنيت. فعل الخلاص أونلاين من التطبيق ديال البنك ولا خلص عند التوصيل، والكوموند محجوزة ليك 48 ساعة.",
        ),
        "ary-Latn": (
            "flous t7jzat ghir w ma tkhlsatch. lbank ghadi y7arrerha f {days} ayam, w t9der t3awed lcommande daba.",
            "l9it jouj dyal lkhlasat, w rjja3t lik {amount} dyal lkhlas tani.",
            "lbank dyalek kaybloqui lkhlas f l'internet. f3el paiement en ligne mn l'application dyal lbank wla khalles 3nd livraison, w lcommande m7jouza lik 48 sa3a.",
        ),
        "ary-fr": (
            "Le montant kan ghir bloqué, ma tkhlsach. La banque ghadi tlibérih f {days} jours, w t9der t3awed la commande daba.",
            "L9it deux paiements, remboursit lik {amount} dyal le deuxième.",
            "La banque dyalek katbloqui les paiements en ligne. Activi le paiement en ligne men l'application dyal la banque wla khalles à la livraison, la commande réservée lik 48h.",
        ),
        "fr": (
            "Le montant a seulement été bloqué, pas encaissé. Votre banque le libérera sous {days} jours ; vous pouvez repasser commande dès maintenant.",
            "J'ai bien trouvé le double paiement et je vous ai remboursé les {amount} du second prélèvement.",
            "Votre banque bloque les paiements en ligne par défaut. Activez-les depuis votre application bancaire ou choisissez le paiement à la livraison ; je vous réserve la commande 48 heures.",
        ),
        "ar": (
            "تم حجز المبلغ فقط ولم يتم تحصيله، وسيقوم البنك بتحريره خلال {days} أيام. يمكنك إعادة الطلب الآن.",
            "وجدت عملية الدفع المزدوجة وأعدت إليك {amount} الخاصة بالعملية الثانية.",
            "يقوم بنكك بحظر الدفع عبر الإنترنت بشكل افتراضي. فعل هذه الخدمة من تطبيق البنك أو اختر الدفع عند الاستلام، وقد حجزت لك الطلب لمدة 48 ساعة.",
        ),
        "es": (
            "El importe solo quedó retenido, no cobrado. Su banco lo liberará en {days} días; puede repetir el pedido ya.",
            "He localizado el cobro duplicado y le he devuelto los {amount} del segundo cargo.",
            "Su banco bloquea por defecto los pagos online. Actívelos desde la app del banco o elija pago contra reembolso; le reservo el pedido 48 horas.",
        ),
        "en": (
            "The amount was only put on hold, not charged. Your bank will release it within {days} days; you can place the order again now.",
            "I found the double payment and refunded the {amount} from the second charge.",
            "Your bank blocks online payments by default. Enable them in your banking app or choose cash on delivery; I'll hold the order for 48 hours.",
        ),
    },
    "damaged_item": {
        "ary-Arab": (
            "سمح لينا. غادي نصيفطو ليك واحد جديد غدا، والليفرور ياخد المهرس فنفس الوقت.",
            "شفت التصاور، وعندك الاختيار: نبدلوه ليك ولا نرجعو ليك {amount} كاملين.",
        ),
        "ary-Latn": (
            "sm7 lina. ghadi nsiftou lik wa7ed jdid ghedda, w livreur yakhod lmherres f nefs lwe9t.",
            "chft tsawer, w 3andek l'ikhtiyar: nbeddlouh lik wla nrj3ou lik {amount} kamlin.",
        ),
        "ary-fr": (
            "Désolé. Ghadi nsiftou lik un nouveau demain, w le livreur yakhod l'article cassé f nefs le passage.",
            "Chft les photos, 3andek le choix: échange wla remboursement de {amount} kamel.",
        ),
        "fr": (
            "Toutes nos excuses. Un article neuf part demain et le livreur récupérera celui endommagé au même passage.",
            "J'ai bien reçu vos photos. Vous avez le choix entre un échange et un remboursement intégral de {amount}.",
        ),
        "ar": (
            "نعتذر عن ذلك. سنرسل إليك منتجا جديدا غدا، وسيأخذ عامل التوصيل المنتج التالف في نفس الزيارة.",
            "اطلعت على الصور، ولك الخيار بين الاستبدال أو استرجاع {amount} كاملة.",
        ),
        "es": (
            "Lo sentimos mucho. Mañana sale un artículo nuevo y el repartidor recogerá el dañado en la misma visita.",
            "He visto las fotos. Puede elegir entre un cambio o el reembolso íntegro de {amount}.",
        ),
        "en": (
            "We're sorry about that. A new item ships tomorrow and the courier will collect the damaged one on the same visit.",
            "I've seen your photos. You can choose between a replacement or a full refund of {amount}.",
        ),
    },
    "wrong_item": {
        "ary-Arab": (
            "سمح لينا على الغلط. صيفطنا ليك المنتوج الصحيح اليوم، وخلي داك اللي وصلك حتى يدوز الليفرور ياخدو.",
            "القطعة الناقصة تصيفطات بوحدها، ورقم التتبع ديالها {tracking}.",
        ),
        "ary-Latn": (
            "sm7 lina 3la lghalat. sifetna lik lproduit ss7i7 lyoum, w khalli dak li wslek 7ta ydouz livreur yddih.",
            "l9et3a na9sa tsiftat bo7dha, nmra dyal suivi {tracking}.",
        ),
        "ary-fr": (
            "Désolé 3la l'erreur. Sifetna lik le bon article lyoum, khalli dak li wslek 7ta ydouz le livreur yakhdo.",
            "La pièce li na9sa tsiftat séparément, le numéro de suivi {tracking}.",
        ),
        "fr": (
            "Toutes nos excuses pour cette erreur. Le bon article part aujourd'hui ; gardez celui reçu, le livreur le récupérera.",
            "L'article manquant a été expédié séparément, numéro de suivi {tracking}.",
        ),
        "ar": (
            "نعتذر عن هذا الخطأ. أرسلنا إليك المنتج الصحيح اليوم، واحتفظ بالمنتج الذي وصلك حتى يأخذه عامل التوصيل.",
            "تم شحن القطعة الناقصة بشكل منفصل، ورقم التتبع هو {tracking}.",
        ),
        "es": (
            "Disculpe el error. Hoy le enviamos el artículo correcto; guarde el que recibió y el repartidor lo recogerá.",
            "La unidad que faltaba ha salido por separado, número de seguimiento {tracking}.",
        ),
        "en": (
            "Sorry for the mix-up. The correct item ships today; keep the one you received and the courier will pick it up.",
            "The missing item has been shipped separately, tracking number {tracking}.",
        ),
    },
}

_SUBJECTS = {
    "order_status": one_per_variant(
        "فين وصلات الكوموند؟",
        "fin wslat lcommande?",
        "Suivi commande",
        "Où en est ma commande ?",
        "استفسار عن حالة الطلب",
        "Estado de mi pedido",
        "Where is my order?",
    ),
    "return_request": one_per_variant(
        "إرجاع منتوج",
        "retour dyal produit",
        "Retour article",
        "Demande de retour",
        "طلب إرجاع منتج",
        "Solicitud de devolución",
        "Return request",
    ),
    "cancel_order": one_per_variant(
        "إلغاء الكوموند",
        "annulation dyal lcommande",
        "Annulation commande",
        "Annulation de commande",
        "إلغاء الطلب",
        "Anulación de pedido",
        "Order cancellation",
    ),
    "payment_failed": one_per_variant(
        "مشكل فالخلاص",
        "mochkil f lkhlas",
        "Problème paiement",
        "Échec de paiement",
        "مشكلة في الدفع",
        "Problema con el pago",
        "Payment problem",
    ),
    "damaged_item": one_per_variant(
        "منتوج مهرس",
        "produit mherres",
        "Article cassé",
        "Article endommagé",
        "منتج تالف",
        "Artículo dañado",
        "Damaged item",
    ),
    "wrong_item": one_per_variant(
        "وصلني منتوج غالط",
        "wselni produit ghalet",
        "Mauvais article",
        "Erreur dans ma commande",
        "منتج خاطئ",
        "Artículo equivocado",
        "Wrong item received",
    ),
}

TEXTS = KindTexts(
    intents=tuple(_OPENINGS),
    openings=_OPENINGS,
    resolutions=_RESOLUTIONS,
    subjects=_SUBJECTS,
    ref_labels={
        "ary-Arab": "رقم الكوموند",
        "ary-Latn": "nmra dyal lcommande",
        "ary-fr": "le numéro de commande",
        "fr": "votre numéro de commande",
        "ar": "رقم الطلب",
        "es": "el número de pedido",
        "en": "your order number",
    },
    sentiment_weights={
        "damaged_item": (0.7, 0.25, 0.05),
        "payment_failed": (0.6, 0.35, 0.05),
        "wrong_item": (0.6, 0.3, 0.1),
        "order_status": (0.5, 0.4, 0.1),
        "return_request": (0.2, 0.6, 0.2),
    },
    amount_range=(89, 3490),
    answers={
        "order_status": ((0,), (0,), (1,)),
        "return_request": ((0,), (1,), (0,)),
        "cancel_order": ((0,), (0,), (1,)),
        "payment_failed": ((0,), (2,), (1,)),
        "damaged_item": ((0, 1), (0,), (0, 1)),
        "wrong_item": ((0,), (0,), (1,)),
    },
)
