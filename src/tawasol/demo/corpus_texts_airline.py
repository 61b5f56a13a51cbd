# ruff: noqa: E501  (prose tables: one message per line reads better than wrapped fragments)
"""Demo corpus texts for the airline brand.

Customer problem statements, advisor resolutions and e-mail subjects per intent and per
language variant (see ``corpus_texts_common.VARIANTS``). Original texts written for Tawasol.
"""

from __future__ import annotations

from tawasol.demo.corpus_texts_common import KindTexts, one_per_variant

_OPENINGS = {
    "flight_delay": {
        "ary-Arab": (
            "الطيارة {flight} ديال {dest} مأخرة ب{hours} سوايع وحتى حد ما عطانا معلومة فالمطار.",
            "الرحلة ديالي نهار {date} تأخرات وضيعت الكونيكسيون، شنو غادي ندير دابا؟",
            "حنا فالمطار ديال {origin} من الصباح والطيارة باقا ما طلعاتش، واش كاين شي تعويض؟",
        ),
        "ary-Latn": (
            "tiyara {flight} dyal {dest} m2akhra b {hours} swaye3 w 7ta wa7ed ma 3tana ma3louma f l'aeroport.",
            "rihla dyali nhar {date} t2akhrat w dayya3t correspondance dyali, chnou ghadi ndir daba?",
            "7na f l'aeroport dyal {origin} mn sba7 w tiyara ba9a ma tal3atch, wach kayn chi ta3wid?",
        ),
        "ary-fr": (
            "le vol {flight} pour {dest} en retard de {hours} heures w 7ta wa7ed ma 3tana l'information f l'aéroport.",
            "le vol dyali du {date} t2akhar w ratit la correspondance, chnou ndir daba?",
            "7na f l'aéroport de {origin} depuis le matin w l'avion mazal ma décollach, wach kayn une indemnisation?",
        ),
        "fr": (
            "le vol {flight} pour {dest} a {hours} heures de retard et personne ne nous informe à l'aéroport.",
            "mon vol du {date} a été retardé et j'ai raté ma correspondance. Que dois-je faire ?",
            "nous attendons à l'aéroport de {origin} depuis ce matin et l'avion n'a toujours pas décollé. Ai-je droit à une indemnisation ?",
        ),
        "ar": (
            "الرحلة {flight} المتجهة إلى {dest} متأخرة ب{hours} ساعات ولا أحد يقدم لنا أي معلومة في المطار.",
            "تأخرت رحلتي يوم {date} وفاتتني رحلة الربط، ماذا علي أن أفعل؟",
            "ننتظر في مطار {origin} منذ الصباح ولم تقلع الطائرة بعد. هل يحق لي الحصول على تعويض؟",
        ),
        "es": (
            "el vuelo {flight} a {dest} lleva {hours} horas de retraso y nadie nos informa en el aeropuerto.",
            "mi vuelo del {date} se retrasó y perdí la conexión. ¿Qué hago ahora?",
            "llevamos desde esta mañana en el aeropuerto de {origin} y el avión sigue sin salir. ¿Tengo derecho a compensación?",
        ),
        "en": (
            "flight {flight} to {dest} is {hours} hours late and nobody at the airport is telling us anything.",
            "my flight on {date} was delayed and I missed my connection. What should I do now?",
            "we've been at {origin} airport since this morning and the plane still hasn't left. Am I entitled to compensation?",
        ),
    },
    "baggage_lost": {
        "ary-Arab": (
            "وصلت ل{dest} فالرحلة {flight} والفاليزة ديالي ما خرجاتش.",
            "عندي {days} أيام وأنا كنتسنى الباكاج ديالي، وفيه الدوا ديال الوالدة.",
            "الفاليزة وصلات مهرسة وناقصين منها حوايج، بغيت ندير شكاية.",
        ),
        "ary-Latn": (
            "wselt l {dest} f {flight} w la valise dyali ma kherjatch, 3lach?",
            "hadi {days} ayam w ana kantsenna bagage dyali, w fih dwa dyal lwalida, 3afak.",
            "la valise wselt mherrsa w na9sin mnha 7wayej, bghit ndir chikaya.",
        ),
        "ary-fr": (
            "wselt l {dest} f le vol {flight} w la valise dyali ma kherjatch.",
            "ça fait {days} jours w ana kantsenna les bagages dyali, w fihom les médicaments dyal mama.",
            "la valise wselt cassée w na9sin mnha des affaires, bghit ndir une réclamation.",
        ),
        "fr": (
            "je suis arrivé à {dest} par le vol {flight} mais ma valise n'est jamais sortie sur le tapis.",
            "j'attends mes bagages depuis {days} jours et les médicaments de ma mère sont dedans.",
            "ma valise est arrivée abîmée et il manque des affaires. Je souhaite déposer une réclamation.",
        ),
        "ar": (
            "وصلت إلى {dest} على متن الرحلة {flight} لكن حقيبتي لم تصل.",
            "أنتظر أمتعتي منذ {days} أيام وبداخلها أدوية والدتي.",
            "وصلت حقيبتي متضررة وتنقصها بعض الأغراض، وأرغب في تقديم شكوى.",
        ),
        "es": (
            "llegué a {dest} en el vuelo {flight} y mi maleta no salió por la cinta.",
            "llevo {days} días esperando el equipaje y dentro van las medicinas de mi madre.",
            "la maleta llegó rota y faltan cosas. Quiero poner una reclamación.",
        ),
        "en": (
            "I landed in {dest} on flight {flight} and my suitcase never came out on the belt.",
            "I've been waiting {days} days for my luggage and my mother's medication is inside.",
            "my suitcase arrived damaged and some items are missing. I'd like to file a claim.",
        ),
    },
    "refund_request": {
        "ary-Arab": (
            "الرحلة ديالي ديال {date} تلغات، بغيت نسترجع الفلوس ديالي: {amount}.",
            "خلصت {amount} على البيليي وما قدرتش نسافر حيت مرضت، واش نقدر نسترجع شي حاجة؟",
            "عندي شهر وأنا كنتسنى الريمبورسمون ديال {amount} وما وصلني والو.",
        ),
        "ary-Latn": (
            "rihla dyali dyal {date} tlghat, bghit nsterje3 flousi: {amount}.",
            "khallest {amount} 3la billet w ma 9dertch nsafer 7it mrdt, wach n9der nsterje3 chi 7aja?",
            "hadi chhar w ana kantsenna remboursement dyal {amount} w ma wselni 7ta ryal.",
        ),
        "ary-fr": (
            "le vol dyali du {date} tannula, bghit le remboursement dyal {amount}.",
            "khallest {amount} f le billet w ma 9dertch nsafer 7it kont malade, wach n9der nrécupérer chi 7aja?",
            "ça fait un mois w ana kantsenna le remboursement de {amount}, walou.",
        ),
        "fr": (
            "mon vol du {date} a été annulé et je souhaite être remboursé de {amount}.",
            "j'ai payé mon billet {amount} mais je n'ai pas pu voyager pour raison de santé. Puis-je récupérer quelque chose ?",
            "j'attends depuis un mois le remboursement de {amount} promis par votre service.",
        ),
        "ar": (
            "أُلغيت رحلتي يوم {date} وأطلب استرجاع مبلغ {amount}.",
            "دفعت {amount} ثمن التذكرة ولم أتمكن من السفر لأسباب صحية، هل يمكنني استرجاع جزء من المبلغ؟",
            "أنتظر منذ شهر استرداد مبلغ {amount} الذي وعدتموني به.",
        ),
        "es": (
            "me cancelaron el vuelo del {date} y quiero que me devuelvan los {amount}.",
            "pagué {amount} por el billete pero no pude viajar por enfermedad. ¿Puedo recuperar algo?",
            "llevo un mes esperando el reembolso de {amount} que me prometieron.",
        ),
        "en": (
            "my flight on {date} was cancelled and I'd like a refund of {amount}.",
            "I paid {amount} for my ticket but couldn't travel because I was ill. Can I get anything back?",
            "I've been waiting a month for the {amount} refund you promised.",
        ),
    },
    "change_booking": {
        "ary-Arab": (
            "بغيت نبدل التاريخ ديال الرحلة ل{date}، شحال غادي نزيد نخلص؟",
            "غلطت فالسمية ديالي فالبيليي، كيفاش نصححها؟",
            "بغيت نبدل الرحلة ديال {dest} من الصباح للعشية، واش ممكن؟",
        ),
        "ary-Latn": (
            "bghit nbeddel tarikh dyal rihla l {date}, ch7al ghadi nzid nkhalles?",
            "ghlett f smiya dyali f billet, kifach nsa77e7ha?",
            "bghit nbeddel rihla dyal {dest} mn sba7 l l3chiya, wach momkin?",
        ),
        "ary-fr": (
            "bghit nchanger la date du vol l {date}, ch7al ghadi nkhelles en plus?",
            "ghlett f le nom dyali 3la le billet, kifach ncorrigih?",
            "bghit nbeddel le vol de {dest} men le matin l le soir, c'est possible?",
        ),
        "fr": (
            "je voudrais décaler mon vol au {date}. Quel serait le supplément ?",
            "j'ai fait une faute dans mon nom sur le billet. Comment la corriger ?",
            "est-il possible de passer mon vol pour {dest} du matin au soir ?",
        ),
        "ar": (
            "أرغب في تغيير موعد رحلتي إلى {date}، كم سأدفع كفرق في السعر؟",
            "ارتكبت خطأ في كتابة اسمي على التذكرة، كيف يمكنني تصحيحه؟",
            "هل يمكن تحويل رحلتي إلى {dest} من الصباح إلى المساء؟",
        ),
        "es": (
            "quiero cambiar la fecha del vuelo al {date}. ¿Cuánto me costaría?",
            "me equivoqué al escribir mi apellido en el billete. ¿Cómo lo corrijo?",
            "¿se puede cambiar mi vuelo a {dest} de la mañana a la tarde?",
        ),
        "en": (
            "I'd like to move my flight to {date}. How much extra would that be?",
            "I misspelled my name on the ticket. How can I correct it?",
            "is it possible to switch my flight to {dest} from the morning to the evening?",
        ),
    },
    "special_assistance": {
        "ary-Arab": (
            "الوالد ديالي كبير فالسن وما كيقدرش يتمشى بزاف، بغيت نطلب ليه كرسي متحرك فالمطار.",
            "غادي نسافر مع ولدي عندو 8 شهور، واش نقدر ندي الكروسة معايا حتى للطيارة؟",
            "أنا حاملة فالشهر السادس، واش خاصني شي شهادة طبية باش نسافر نهار {date}؟",
        ),
        "ary-Latn": (
            "lwalid dyali kbir f sen w ma kay9derch ytmecha bzaf, bghit ntleb lih fauteuil roulant f l'aeroport.",
            "ghadi nsafer m3a weldi 3ando 8 chhour, wach n9der ndi la poussette m3aya 7ta l tiyara?",
            "ana 7amla f chhar sades, wach khasni chi certificat medical bach nsafer nhar {date}?",
        ),
        "ary-fr": (
            "mon père kbir f sen w ma kay9derch ytmecha bzaf, bghit une assistance fauteuil roulant f l'aéroport.",
            "ghadi nsafer m3a le bébé 3ando 8 mois, wach n9der nkhalli la poussette jusqu'à l'avion?",
            "ana enceinte de 6 mois, wach khasni un certificat médical bach nsafer le {date}?",
        ),
        "fr": (
            "mon père est âgé et se déplace difficilement. Je souhaiterais réserver une assistance fauteuil roulant à l'aéroport.",
            "je voyage avec mon bébé de 8 mois. Puis-je garder la poussette jusqu'à la porte de l'avion ?",
            "je suis enceinte de six mois. Ai-je besoin d'un certificat médical pour voyager le {date} ?",
        ),
        "ar": (
            "والدي مسن ويجد صعوبة في المشي، وأرغب في حجز كرسي متحرك له في المطار.",
            "سأسافر مع طفلي البالغ ثمانية أشهر، هل يمكنني الاحتفاظ بعربة الأطفال حتى باب الطائرة؟",
            "أنا حامل في الشهر السادس، هل أحتاج إلى شهادة طبية للسفر يوم {date}؟",
        ),
        "es": (
            "mi padre es mayor y le cuesta caminar. Quiero solicitar asistencia con silla de ruedas en el aeropuerto.",
            "viajo con mi bebé de 8 meses, ¿puedo llevar el carrito hasta la puerta del avión?",
            "estoy embarazada de seis meses, ¿necesito un certificado médico para volar el {date}?",
        ),
        "en": (
            "my father is elderly and has trouble walking. I'd like to book wheelchair assistance at the airport.",
            "I'm travelling with my 8-month-old baby. Can I keep the stroller up to the aircraft door?",
            "I'm six months pregnant. Do I need a medical certificate to fly on {date}?",
        ),
    },
    "check_in_issue": {
        "ary-Arab": (
            "بغيت ندير التسجيل أونلاين للرحلة {flight} وكيطلع ليا خطأ فالموقع.",
            "ما وصلنيش البوردينغ باس فالإيميل والرحلة غدا الصباح.",
            "الأبليكاسيون ما بغاتش تقبل الباسبور ديالي فالتسجيل.",
        ),
        "ary-Latn": (
            "bghit ndir l'enregistrement online dyal {flight} w kaytla3 lia erreur f site.",
            "ma wselnich boarding pass f l'email, w rihla ghedda f sba7.",
            "l'application ma bghatch t9bel passport dyali f l'enregistrement.",
        ),
        "ary-fr": (
            "bghit ndir l'enregistrement en ligne dyal {flight} w kaytla3 lia un message d'erreur.",
            "ma wselnich la carte d'embarquement par mail, w le vol demain matin.",
            "l'application ma bghatch taccepter mon passeport f l'enregistrement.",
        ),
        "fr": (
            "impossible de faire l'enregistrement en ligne pour le vol {flight}, le site affiche une erreur.",
            "je n'ai pas reçu ma carte d'embarquement par e-mail alors que je pars demain matin.",
            "l'application refuse mon numéro de passeport au moment de l'enregistrement.",
        ),
        "ar": (
            "لا أستطيع إتمام التسجيل الإلكتروني للرحلة {flight}، إذ يظهر خطأ في الموقع.",
            "لم تصلني بطاقة الصعود عبر البريد الإلكتروني، ورحلتي صباح الغد.",
            "يرفض التطبيق رقم جواز سفري أثناء التسجيل.",
        ),
        "es": (
            "no consigo hacer el check-in online del vuelo {flight}, la web da error.",
            "no me ha llegado la tarjeta de embarque al correo y salgo mañana por la mañana.",
            "la app no acepta mi número de pasaporte al hacer el check-in.",
        ),
        "en": (
            "I can't check in online for flight {flight}; the website keeps showing an error.",
            "I haven't received my boarding pass by email and I fly tomorrow morning.",
            "the app won't accept my passport number during check-in.",
        ),
    },
}

_RESOLUTIONS = {
    "flight_delay": {
        "ary-Arab": (
            "سمح لينا على التأخير. الطيارة البديلة غادي توصل قريب، والإقلاع متوقع فأقل من ساعة. عندك بون ديال الماكلة فالكونطوار ديالنا.",
            "حجزت ليك فالرحلة الجاية نهار {date} بلا حتى زيادة، وغادي يوصلك إيميل فيه التأكيد. وتقدر تطلب التعويض من الموقع.",
        ),
        "ary-Latn": (
            "sm7 lina 3la ta2khir. tiyara jdida ghadi twsel 9rib, w l'i9la3 f a9al mn sa3a. 3andek bon dyal lmakla f comptoir dyalna.",
            "7jazt lik f rihla jaya nhar {date} bla 7ta ziyada, w ghadi yweslek email fih confirmation. t9der ttleb ta3wid mn site.",
        ),
        "ary-fr": (
            "Désolé 3la le retard. L'avion de remplacement ghadi ywsel bientôt, le décollage prévu f moins d'une heure. 3andek un bon repas f le comptoir dyalna.",
            "Réservit lik f le prochain vol le {date} sans frais, w ghadi ywslek un mail de confirmation. T9der tdemander l'indemnisation men le site.",
        ),
        "fr": (
            "Toutes nos excuses pour ce retard. L'appareil de remplacement arrive et le décollage est prévu dans moins d'une heure. Un bon repas vous attend à notre comptoir.",
            "Je vous ai replacé sans frais sur le prochain vol du {date} ; vous allez recevoir la confirmation par e-mail. La demande d'indemnisation se fait depuis notre site.",
        ),
        "ar": (
            "نعتذر عن هذا التأخير. الطائرة البديلة في الطريق ومن المتوقع الإقلاع خلال أقل من ساعة، وتنتظرك قسيمة وجبة في مكتبنا.",
            "حجزت لك مقعدا دون أي رسوم على الرحلة التالية يوم {date}، وستصلك رسالة تأكيد. يمكنك طلب التعويض عبر موقعنا.",
        ),
        "es": (
            "Disculpe el retraso. El avión de sustitución está llegando y la salida está prevista en menos de una hora. Tiene un vale de comida en nuestro mostrador.",
            "Le he recolocado sin coste en el siguiente vuelo del {date}; le llegará la confirmación por correo. La compensación se solicita desde nuestra web.",
        ),
        "en": (
            "We're very sorry for the delay. The replacement aircraft is arriving and departure is expected within the hour. A meal voucher is waiting for you at our desk.",
            "I've rebooked you at no cost on the next flight on {date}; you'll get a confirmation email. Compensation can be claimed on our website.",
        ),
    },
    "baggage_lost": {
        "ary-Arab": (
            "لقينا الفاليزة ديالك، بقات ف{origin} وغادي توصل مع الرحلة الجاية. غادي نوصلوها ليك حتى للدار فابور.",
            "حليت ليك ملف ديال البحث. حتى توصل الفاليزة، تقدر تشري الحوايج الضرورية حتى ل{amount} ونرجعوهم ليك بالفاكتورة.",
            "سمح لينا على هادشي. سجلت الشكاية ديالك؛ صيفط لينا التصاور والفاكتورات ديال الحوايج الناقصة، والتعويض يقدر يوصل ل{amount}.",
        ),
        "ary-Latn": (
            "l9ina la valise dyalek, b9at f {origin} w ghadi tji m3a rihla jaya. ghadi nwasslouha lik 7ta l dar fabor.",
            "7allit lik dossier dyal l9ellib. 7ta twsel la valise, t9der tchri l7wayej ddarouria 7ta l {amount} w nrj3ouhom lik b la facture.",
            "sm7 lina 3la hadchi. sejjelt chikaya dyalek; sifet lina tsawer w les factures dyal l7wayej na9sin, w ta3wid y9der ywsel l {amount}.",
        ),
        "ary-fr": (
            "L9ina la valise dyalek, b9at f {origin} w ghadi tji f le prochain vol. Ghadi nlivriwha lik 7ta l dar gratuitement.",
            "Ouvrit lik un dossier de recherche. En attendant, t9der tchri l'essentiel 7ta {amount} w nremboursiwk sur facture.",
            "Désolé 3la hadchi. Enregistrit la réclamation; sifet lina les photos w les factures dyal les affaires li na9sin, l'indemnisation t9der twsel l {amount}.",
        ),
        "fr": (
            "Nous avons localisé votre valise : elle est restée à {origin} et arrivera par le prochain vol. Elle vous sera livrée gratuitement à domicile.",
            "J'ai ouvert un dossier de recherche. En attendant, vous pouvez acheter le nécessaire jusqu'à {amount}, remboursés sur présentation des factures.",
            "Toutes nos excuses. Votre réclamation est enregistrée : envoyez-nous les photos de la valise et les justificatifs des objets manquants, l'indemnisation peut aller jusqu'à {amount}.",
        ),
        "ar": (
            "عثرنا على حقيبتك، لقد بقيت في {origin} وستصل على متن الرحلة القادمة، وسنوصلها إلى منزلك مجانا.",
            "فتحت لك ملف بحث. وفي انتظار ذلك، يمكنك شراء المستلزمات الضرورية في حدود {amount} وسنعوضك عند تقديم الفواتير.",
            "نعتذر عن ذلك. تم تسجيل شكواك؛ أرسل إلينا صور الحقيبة وفواتير الأغراض المفقودة، ويمكن أن يصل التعويض إلى {amount}.",
        ),
        "es": (
            "Hemos localizado su maleta: se quedó en {origin} y llegará en el próximo vuelo. Se la llevamos a casa sin coste.",
            "He abierto un expediente de búsqueda. Mientras tanto puede comprar lo imprescindible hasta {amount}; se lo reembolsamos con las facturas.",
            "Lo sentimos. Su reclamación está registrada: envíenos fotos de la maleta y los justificantes de lo que falta; la indemnización puede llegar a {amount}.",
        ),
        "en": (
            "We've located your suitcase: it stayed in {origin} and will arrive on the next flight. We'll deliver it to your home free of charge.",
            "I've opened a trace file. In the meantime you can buy essentials up to {amount}, and we'll reimburse you against receipts.",
            "We're sorry. Your claim is registered: send us photos of the suitcase and receipts for the missing items; compensation can reach {amount}.",
        ),
    },
    "refund_request": {
        "ary-Arab": (
            "الطلب ديالك تقبل. غادي ترجع ليك {amount} فالكارطة البنكية ديالك ف{days} أيام ديال الخدمة.",
            "حيت الرحلة تلغات من جهتنا، عندك الحق فالريمبورسمون كامل ولا فبون ديال {amount} تستعملو فرحلة أخرى. شنو بغيتي؟",
            "إلا صيفطتي لينا شهادة طبية، غادي نرجعو ليك الضرائب ديال المطار ونعطيوك بون بالباقي صالح لعام.",
        ),
        "ary-Latn": (
            "talab dyalek t9bel. ghadi trje3 lik {amount} f la carte bancaire dyalek f {days} ayam dyal lkhedma.",
            "7it rihla tlghat mn jihetna, 3andek l7e9 f remboursement kamel wla f bon dyal {amount} tsta3mlo f rihla okhra. chnou bghiti?",
            "ila sifetti lina chahada tibbiya, ghadi nrj3ou lik les taxes dyal l'aeroport w n3tiwk bon b lba9i sale7 l 3am.",
        ),
        "ary-fr": (
            "La demande dyalek t9blat. Le remboursement de {amount} ghadi ywsel l la carte bancaire f {days} jours ouvrés.",
            "7it le vol tannula men jihtna, 3andek le droit l remboursement complet wla un avoir de {amount}. Achmen wa7ed bghiti?",
            "Ila sifetti lina un certificat médical, ghadi nremboursiw lik les taxes d'aéroport w n3tiwk un avoir b le reste valable un an.",
        ),
        "fr": (
            "Votre demande est acceptée : {amount} seront recrédités sur votre carte bancaire sous {days} jours ouvrés.",
            "Le vol ayant été annulé de notre fait, vous avez droit à un remboursement intégral ou à un avoir de {amount}. Que préférez-vous ?",
            "Sur présentation d'un certificat médical, nous vous remboursons les taxes aéroport et vous émettons un avoir du montant restant, valable un an.",
        ),
        "ar": (
            "تم قبول طلبك، وسيتم إرجاع {amount} إلى بطاقتك البنكية خلال {days} أيام عمل.",
            "بما أن الرحلة أُلغيت من طرفنا، يحق لك استرداد كامل المبلغ أو الحصول على قسيمة بقيمة {amount}. ماذا تفضل؟",
            "عند تقديم شهادة طبية، سنعيد إليك رسوم المطار ونمنحك قسيمة بباقي المبلغ صالحة لمدة سنة.",
        ),
        "es": (
            "Su solicitud ha sido aceptada: le devolveremos {amount} a su tarjeta en {days} días hábiles.",
            "Como la cancelación fue nuestra, tiene derecho al reembolso íntegro o a un bono de {amount}. ¿Qué prefiere?",
            "Si nos envía un certificado médico, le devolvemos las tasas aeroportuarias y le emitimos un bono por el resto, válido un año.",
        ),
        "en": (
            "Your request has been approved: {amount} will be credited back to your card within {days} working days.",
            "Since we cancelled the flight, you're entitled to a full refund or a {amount} voucher. Which would you prefer?",
            "If you send us a medical certificate, we'll refund the airport taxes and issue a voucher for the rest, valid for one year.",
        ),
    },
    "change_booking": {
        "ary-Arab": (
            "بدلت ليك الرحلة ل{date}. الفرق هو {amount}، وصيفطت ليك الرابط ديال الخلاص فالإيميل.",
            "صححت السمية فالبيليي بلا حتى مصاريف. غادي توصلك التذكرة الجديدة دابا.",
            "دوزتك لرحلة العشية فنفس النهار، وما كاين حتى فرق فالثمن. البيليي الجديد فالإيميل ديالك.",
        ),
        "ary-Latn": (
            "beddelt lik rihla l {date}. lfar9 howa {amount}, w sifett lik lien dyal lkhlas f l'email.",
            "sa77e7t smiya f billet bla 7ta frais. ghadi twslek tadkira jdida daba.",
            "dawwztek l rihla dyal l3chiya f nefs nhar, w ma kayn 7ta far9 f taman. billet jdid f l'email dyalek.",
        ),
        "ary-fr": (
            "C'est fait, beddelt lik le vol l {date}. La différence hiya {amount}, sifett lik le lien de paiement par mail.",
            "Corrigit le nom 3la le billet sans frais. Ghadi ywslek le nouveau billet daba.",
            "Dawwztek l le vol du soir f nefs le jour, sans différence de prix. Le nouveau billet f l'email dyalek.",
        ),
        "fr": (
            "C'est modifié : votre vol est désormais le {date}. La différence tarifaire est de {amount}, le lien de paiement vous a été envoyé par e-mail.",
            "J'ai corrigé l'orthographe de votre nom sans frais. Votre nouveau billet arrive par e-mail.",
            "Je vous ai transféré sur le vol du soir le même jour, sans différence tarifaire. Votre nouveau billet est dans votre boîte mail.",
        ),
        "ar": (
            "تم تغيير رحلتك إلى {date}. فرق السعر هو {amount}، وقد أرسلت إليك رابط الدفع عبر البريد الإلكتروني.",
            "قمت بتصحيح اسمك على التذكرة دون أي رسوم، وستصلك التذكرة الجديدة الآن.",
            "قمت بتحويلك إلى رحلة المساء في نفس اليوم دون أي فرق في السعر، وتذكرتك الجديدة في بريدك الإلكتروني.",
        ),
        "es": (
            "Listo: su vuelo pasa al {date}. La diferencia es de {amount}; le he enviado el enlace de pago por correo.",
            "He corregido su nombre en el billete sin coste. Le llega ahora el billete nuevo.",
            "Le he pasado al vuelo de la tarde del mismo día, sin diferencia de precio. Tiene el billete nuevo en su correo.",
        ),
        "en": (
            "Done: your flight is now on {date}. The fare difference is {amount}; I've emailed you the payment link.",
            "I've corrected your name on the ticket free of charge. The new ticket is on its way to your inbox.",
            "I've moved you to the evening flight on the same day at no extra cost. Your new ticket is in your inbox.",
        ),
    },
    "special_assistance": {
        "ary-Arab": (
            "سجلت الطلب ديال الكرسي المتحرك فالملف ديالك. واحد من الفريق غادي يتسناكم فالمدخل ساعتين قبل الإقلاع.",
            "إيه، تقدر تخلي الكروسة حتى لباب الطيارة وغادي تلقاها ملي تنزل. وعندكم الأولوية فالصعود.",
            "حتى ل28 سيمانة ما خاصكش شهادة طبية، غير خلي معاك الدفتر ديال التتبع. من بعد 28 سيمانة خاصك شهادة عندها أقل من 7 أيام.",
        ),
        "ary-Latn": (
            "sejjelt talab dyal fauteuil roulant f dossier dyalek. wa7ed mn l'equipe ghadi ytsennakom f lmadkhal sa3tayn 9bel l'i9la3.",
            "ah, t9der tkhalli la poussette 7ta l bab dyal tiyara w ghadi tl9aha mnin tnzel. w 3andkom l'awlawiya f so3oud.",
            "7ta l 28 simana ma khasskch chahada tibbiya, ghir khalli m3ak carnet dyal suivi. men b3d 28 simana khassek chahada 3andha a9al mn 7 ayam.",
        ),
        "ary-fr": (
            "Enregistrit l'assistance fauteuil f le dossier. Wa7ed men l'équipe ghadi ytsennakom à l'entrée deux heures avant le vol.",
            "Oui, t9der tkhalli la poussette jusqu'à la porte de l'avion w tl9aha à l'arrivée. W 3andkom l'embarquement prioritaire.",
            "Jusqu'à 28 semaines ma khasskch certificat, ghir khalli m3ak le carnet de suivi. Après 28 semaines khassek un certificat de moins de 7 jours.",
        ),
        "fr": (
            "L'assistance fauteuil roulant est enregistrée sur votre dossier. Un agent vous attendra à l'entrée du terminal deux heures avant le départ.",
            "Oui, la poussette peut être gardée jusqu'à la porte de l'avion et vous sera rendue à l'arrivée. Vous bénéficierez aussi de l'embarquement prioritaire.",
            "Jusqu'à 28 semaines de grossesse, aucun certificat n'est exigé ; gardez simplement votre carnet de suivi. Au-delà, un certificat de moins de 7 jours sera demandé.",
        ),
        "ar": (
            "تم تسجيل طلب الكرسي المتحرك في ملفك، وسيستقبلكم أحد أعواننا عند مدخل المحطة قبل الإقلاع بساعتين.",
            "نعم، يمكنك الاحتفاظ بعربة الطفل حتى باب الطائرة وستستلمها عند الوصول، كما ستستفيدون من أولوية الصعود.",
            "لا تحتاجين إلى شهادة طبية حتى الأسبوع الثامن والعشرين، يكفي أن تحملي دفتر المتابعة. بعد ذلك تطلب شهادة لا يتجاوز تاريخها سبعة أيام.",
        ),
        "es": (
            "La asistencia con silla de ruedas queda registrada en su reserva. Un agente les esperará en la entrada de la terminal dos horas antes de la salida.",
            "Sí, puede llevar el carrito hasta la puerta del avión y se lo devolvemos a la llegada. Además tendrán embarque prioritario.",
            "Hasta la semana 28 de embarazo no se exige certificado; lleve su cartilla de seguimiento. A partir de ahí pedimos un certificado de menos de 7 días.",
        ),
        "en": (
            "Wheelchair assistance is now on your booking. An agent will meet you at the terminal entrance two hours before departure.",
            "Yes, you can keep the stroller up to the aircraft door and it will be returned on arrival. You'll also get priority boarding.",
            "Up to 28 weeks of pregnancy no certificate is required; just carry your pregnancy notes. After that we ask for a certificate issued within the last 7 days.",
        ),
    },
    "check_in_issue": {
        "ary-Arab": (
            "كان عندنا مشكل تقني فالموقع وتصلح دابا. عاود جرب، وإلا ما خدمش نقدر نسجلك أنا من هنا.",
            "سجلتك فالرحلة وصيفطت ليك بطاقة الصعود فالإيميل وفالواتساب.",
        ),
        "ary-Latn": (
            "kan 3andna mochkil technique f site w tsle7 daba. 3awed jerreb, w ila ma khdamch n9der nsejjlek ana mn hna.",
            "sejjeltek f rihla w sifett lik boarding pass 3la l'email w 3la whatsapp.",
        ),
        "ary-fr": (
            "Kan 3andna un souci technique f le site w tsla7 daba. 3awed essayi, w ila ma khdamch n9der ndir lik l'enregistrement men hna.",
            "Dert lik l'enregistrement w sifett lik la carte d'embarquement par mail w WhatsApp.",
        ),
        "fr": (
            "Un incident technique touchait notre site, il est corrigé. Pouvez-vous réessayer ? Sinon, je peux vous enregistrer moi-même.",
            "Je vous ai enregistré sur le vol et envoyé votre carte d'embarquement par e-mail et par WhatsApp.",
        ),
        "ar": (
            "كان هناك عطل تقني في موقعنا وتم إصلاحه. يرجى إعادة المحاولة، وإن لم ينجح الأمر يمكنني تسجيلك بنفسي.",
            "قمت بتسجيلك في الرحلة وأرسلت إليك بطاقة الصعود عبر البريد الإلكتروني وواتساب.",
        ),
        "es": (
            "Había un fallo técnico en la web y ya está solucionado. Pruebe de nuevo; si no, le hago yo el check-in.",
            "Ya le he hecho el check-in y le he enviado la tarjeta de embarque por correo y por WhatsApp.",
        ),
        "en": (
            "We had a technical issue on the website and it's fixed now. Please try again; otherwise I can check you in myself.",
            "I've checked you in and sent your boarding pass by email and WhatsApp.",
        ),
    },
}

_SUBJECTS = {
    "flight_delay": one_per_variant(
        "تأخير الرحلة {flight}",
        "ta2khir dyal {flight}",
        "Retard vol {flight}",
        "Retard du vol {flight}",
        "تأخر الرحلة {flight}",
        "Retraso del vuelo {flight}",
        "Flight {flight} delayed",
    ),
    "baggage_lost": one_per_variant(
        "الفاليزة ضاعت",
        "la valise dyali da3at",
        "Valise perdue",
        "Bagage non livré",
        "فقدان الأمتعة",
        "Equipaje perdido",
        "Lost baggage",
    ),
    "refund_request": one_per_variant(
        "استرجاع الفلوس",
        "remboursement dyal billet",
        "Demande remboursement",
        "Demande de remboursement",
        "طلب استرداد المبلغ",
        "Solicitud de reembolso",
        "Refund request",
    ),
    "change_booking": one_per_variant(
        "تبديل الحجز",
        "tbdil dyal l7ajz",
        "Changement réservation",
        "Modification de réservation",
        "تعديل الحجز",
        "Cambio de reserva",
        "Booking change",
    ),
    "special_assistance": one_per_variant(
        "طلب مساعدة فالمطار",
        "mosa3ada f l'aeroport",
        "Assistance aéroport",
        "Demande d'assistance spéciale",
        "طلب مساعدة خاصة",
        "Asistencia especial",
        "Special assistance request",
    ),
    "check_in_issue": one_per_variant(
        "مشكل فالتسجيل",
        "mochkil f l'enregistrement",
        "Problème enregistrement",
        "Problème d'enregistrement en ligne",
        "مشكلة في التسجيل الإلكتروني",
        "Problema con el check-in",
        "Online check-in problem",
    ),
}

TEXTS = KindTexts(
    intents=tuple(_OPENINGS),
    openings=_OPENINGS,
    resolutions=_RESOLUTIONS,
    subjects=_SUBJECTS,
    ref_labels={
        "ary-Arab": "رقم الحجز",
        "ary-Latn": "reference dyal l7ajz",
        "ary-fr": "la référence de réservation",
        "fr": "votre référence de réservation",
        "ar": "رقم الحجز",
        "es": "el localizador de la reserva",
        "en": "your booking reference",
    },
    sentiment_weights={
        "flight_delay": (0.7, 0.25, 0.05),
        "baggage_lost": (0.75, 0.2, 0.05),
        "refund_request": (0.55, 0.35, 0.1),
        "special_assistance": (0.05, 0.6, 0.35),
        "change_booking": (0.15, 0.65, 0.2),
    },
    amount_range=(450, 4800),
    answers={
        "flight_delay": ((0,), (1,), (0, 1)),
        "baggage_lost": ((0, 1), (0, 1), (2,)),
        "refund_request": ((0, 1), (2,), (0,)),
        "change_booking": ((0,), (1,), (2,)),
        "special_assistance": ((0,), (1,), (2,)),
        "check_in_issue": ((0, 1), (1,), (0, 1)),
    },
)
