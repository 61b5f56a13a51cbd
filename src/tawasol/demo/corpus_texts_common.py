# ruff: noqa: E501  (prose tables: one message per line reads better than wrapped fragments)
"""Text tables shared by every client kind of the demo corpus.

Greetings, emotional add-ons, advisor requests for a reference, customer follow-ups,
escalations, reminders, thanks and closings, plus the vocabulary used to fill slots
(cities, destinations, countries, products, month names, customer names).

Every table is keyed by *variant*, a language/script combination listed in ``VARIANTS``:

- ``ary-Arab``: Moroccan Darija written in Arabic script
- ``ary-Latn``: Darija in Latin "Arabizi" with digit letters (3=ع, 7=ح, 9=ق, 2=ء, 5=خ)
- ``ary-fr``:   French–Darija code-switching in Latin script
- ``fr``, ``ar`` (Modern Standard Arabic), ``es``, ``en``

All texts were written for Tawasol; they are not taken from any dataset or website.
Placeholders such as ``{ref}`` are filled by ``tawasol.demo.corpus``.
"""

from __future__ import annotations

from dataclasses import dataclass

VARIANTS: tuple[str, ...] = ("ary-Arab", "ary-Latn", "ary-fr", "fr", "ar", "es", "en")

VariantTable = dict[str, tuple[str, ...]]
IntentTable = dict[str, VariantTable]


@dataclass(frozen=True)
class KindTexts:
    """Everything that is specific to one client kind (telecom, airline, ecommerce)."""

    intents: tuple[str, ...]
    openings: IntentTable
    resolutions: IntentTable
    subjects: IntentTable
    ref_labels: dict[str, str]
    sentiment_weights: dict[str, tuple[float, float, float]]
    amount_range: tuple[int, int]
    # intent -> for each opening index, the indices of the resolutions that answer it.
    # Openings and resolutions are written in parallel: index i means the same thing in
    # every variant (some variants have one extra opening at the end).
    answers: dict[str, tuple[tuple[int, ...], ...]]


def one_per_variant(*texts: str) -> VariantTable:
    """Build a variant table with one text per variant, given in ``VARIANTS`` order."""
    return {variant: (text,) for variant, text in zip(VARIANTS, texts, strict=True)}


GREETINGS: VariantTable = {
    "ary-Arab": (
        "السلام عليكم،",
        "سلام،",
        "السلام عليكم ورحمة الله،",
        "مساء الخير،",
        "صباح الخير،",
        "سلام خويا،",
    ),
    "ary-Latn": (
        "Salam,",
        "Salam 3alaykom,",
        "Slm,",
        "Salamo 3alikom,",
        "Msa lkhir,",
        "Sba7 lkhir,",
    ),
    "ary-fr": ("Salam,", "Bonjour,", "Salam bonjour,", "Bonsoir,", "Salam cv?", "Salut,"),
    "fr": (
        "Bonjour,",
        "Bonsoir,",
        "Bonjour madame, monsieur,",
        "Salut,",
        "Bonjour à toute l'équipe,",
        "Bonjour, j'espère que vous allez bien.",
    ),
    "ar": (
        "السلام عليكم،",
        "مرحبا،",
        "تحية طيبة وبعد،",
        "مساء الخير،",
        "صباح الخير،",
        "السلام عليكم ورحمة الله وبركاته،",
    ),
    "es": (
        "Hola,",
        "Buenos días,",
        "Buenas tardes,",
        "Hola, buenas,",
        "Buenas noches,",
        "Hola, ¿qué tal?",
    ),
    "en": ("Hello,", "Hi,", "Good morning,", "Good evening,", "Hi there,", "Dear support team,"),
}

NEGATIVE_LINES: VariantTable = {
    "ary-Arab": (
        "هادي تالت مرة كنتاصل بيكم وحتى حد ما حل ليا المشكل!",
        "بصراحة عيقتو، ما بقيتش قادر نصبر.",
        "بصراحة ما كنتش كنتسنى هادشي منكم.",
        "الله يهديكم، راه حتى واحد ما كيجاوب فالتيليفون.",
    ),
    "ary-Latn": (
        "hadi talt merra kan3ayet likom w walo!",
        "sraha 3ya9to, ma b9itch 9ader nsber.",
        "sra7a ma kontch kantsenna hadchi mnkom.",
        "ma kayjawb 7ta wa7ed f tilifoun, 3lach?",
    ),
    "ary-fr": (
        "C'est la troisième fois que j'appelle w walou!",
        "Franchement ana 3yit, ça fait une semaine.",
        "Franchement déçu, ma kontch kantsenna hadchi menkom.",
        "Personne ma kayjawb, c'est grave.",
    ),
    "fr": (
        "C'est la troisième fois que je vous contacte pour la même chose.",
        "Je commence sérieusement à perdre patience.",
        "Je suis vraiment déçu, je ne m'attendais pas à ça de votre part.",
        "Personne ne répond au téléphone, c'est lamentable.",
    ),
    "ar": (
        "هذه ثالث مرة أتواصل معكم بخصوص نفس المشكلة.",
        "لقد نفد صبري حقا.",
        "أنا مستاء حقا، لم أتوقع هذا منكم.",
        "لا أحد يجيب على الهاتف، وهذا أمر مؤسف.",
    ),
    "es": (
        "Es la tercera vez que les escribo por lo mismo.",
        "Estoy perdiendo la paciencia, de verdad.",
        "Estoy muy decepcionado, no me esperaba esto de ustedes.",
        "Nadie contesta al teléfono, es una vergüenza.",
    ),
    "en": (
        "This is the third time I'm contacting you about the same thing.",
        "I'm honestly running out of patience.",
        "I'm really disappointed; I didn't expect this from you.",
        "Nobody answers the phone, which is really disappointing.",
    ),
}

POSITIVE_LINES: VariantTable = {
    "ary-Arab": (
        "ديما كتعاونوني، الله يجازيكم بخير.",
        "شكرا مسبقا على المساعدة.",
        "عارف بلي غادي تلقاو ليا حل.",
    ),
    "ary-Latn": (
        "dima kat3awnouni, lah yjazikom bikhir.",
        "chokran mosba9an 3la lmosa3ada.",
        "3aref bli ghadi tl9aw lia 7al.",
    ),
    "ary-fr": (
        "Merci d'avance, dima kat3awnouni.",
        "J'espère tl9aw lia une solution rapide, merci.",
        "Vous êtes top, merci bzaf.",
    ),
    "fr": (
        "Merci d'avance pour votre aide.",
        "Vous avez toujours été réactifs, je compte sur vous.",
        "Je suis client depuis des années et très satisfait en général.",
    ),
    "ar": (
        "شكرا مسبقا على تعاونكم.",
        "عهدتكم دائما سريعين في الرد.",
        "أنا عميل منذ سنوات وراض عن خدماتكم عموما.",
    ),
    "es": (
        "Gracias de antemano por su ayuda.",
        "Siempre me han atendido bien, confío en ustedes.",
        "Soy cliente desde hace años y estoy contento en general.",
    ),
    "en": (
        "Thanks in advance for your help.",
        "You've always been quick to respond, so I'm counting on you.",
        "I've been a customer for years and I'm usually very happy.",
    ),
}

ASKS: VariantTable = {
    "ary-Arab": (
        "مرحبا بيك {first_name}. عافاك عطيني {ref_label} باش نشوف الملف ديالك.",
        "مرحبا، سمح لينا على هاد الإزعاج. واش ممكن تعطيني {ref_label}؟",
        "أهلا {first_name}، فهمتك. باش نتأكد، خصني {ref_label} عافاك.",
    ),
    "ary-Latn": (
        "mr7ba bik {first_name}. 3tini {ref_label} 3afak bach nchouf dossier dyalek.",
        "mr7ba, sm7 lina 3la had lmochkil. wach momkin t3tini {ref_label}?",
        "ahlan {first_name}, fhamtek. bach nt2ekked, khasni {ref_label} 3afak.",
    ),
    "ary-fr": (
        "Salam {first_name}, bienvenue. 3tini {ref_label} 3afak bach nvérifier le dossier.",
        "Bonjour, désolé pour le désagrément. Wach momkin t3tini {ref_label} ?",
        "D'accord {first_name}, fhamt. Pour vérifier, khasni {ref_label} s'il vous plaît.",
    ),
    "fr": (
        "Bonjour {first_name}, merci de nous avoir contactés. Pouvez-vous m'indiquer {ref_label} afin que je consulte votre dossier ?",
        "Je suis désolé pour ce désagrément. Pourriez-vous me communiquer {ref_label} ?",
        "Je comprends tout à fait. Pour vérifier, j'aurais besoin de {ref_label}, s'il vous plaît.",
    ),
    "ar": (
        "أهلا {first_name}، شكرا لتواصلك معنا. هل يمكنك تزويدي ب{ref_label} لأطلع على ملفك؟",
        "نعتذر عن هذا الإزعاج. هل يمكنك إرسال {ref_label}؟",
        "أتفهم ذلك تماما. للتحقق، أحتاج إلى {ref_label} من فضلك.",
    ),
    "es": (
        "Hola {first_name}, gracias por contactarnos. ¿Me puede indicar {ref_label} para revisar su expediente?",
        "Lamento las molestias. ¿Podría facilitarme {ref_label}?",
        "Entiendo perfectamente. Para comprobarlo necesito {ref_label}, por favor.",
    ),
    "en": (
        "Hello {first_name}, thanks for reaching out. Could you share {ref_label} so I can look into your file?",
        "I'm sorry for the inconvenience. Could you send me {ref_label}?",
        "I completely understand. To check this, I'll need {ref_label}, please.",
    ),
}

FOLLOW_UPS: VariantTable = {
    "ary-Arab": (
        "هاهو: {ref}.",
        "الرقم هو {ref}، وإلا بغيتو تعيطو ليا هاهي نمرتي {phone_local}.",
        "{ref}. والإيميل ديالي هو {email} إلا بغيتو تصيفطو ليا شي حاجة.",
        "تفضل، {ref}. عافاك زربو شوية.",
    ),
    "ary-Latn": (
        "hahowa: {ref}.",
        "nmra hiya {ref}, ila bghito t3aytou lia ha nmerti {phone_local}.",
        "{ref}. w l'email dyali {email} ila bghito tsifto lia chi 7aja.",
        "tfaddal, {ref}. 3afak zarbo chwiya.",
    ),
    "ary-fr": (
        "Voilà: {ref}.",
        "C'est {ref}, w ila bghitou t3aytou lia, ha mon numéro {phone_local}.",
        "{ref}. Mon mail c'est {email} ila bghitou tsiftou lia la confirmation.",
        "Tfadal, {ref}. 3afak faites vite.",
    ),
    "fr": (
        "Oui, c'est le {ref}.",
        "Voici : {ref}. Vous pouvez aussi me joindre au {phone_local}.",
        "La référence est {ref}. Mon adresse mail : {email}.",
        "{ref}. Merci de faire vite s'il vous plaît.",
    ),
    "ar": (
        "نعم، الرقم هو {ref}.",
        "تفضل: {ref}. ويمكنكم الاتصال بي على الرقم {phone_local}.",
        "المرجع هو {ref}، وبريدي الإلكتروني {email}.",
        "{ref}. أرجو الإسراع من فضلكم.",
    ),
    "es": (
        "Sí, es el {ref}.",
        "Aquí lo tiene: {ref}. También me pueden llamar al {phone_local}.",
        "La referencia es {ref}. Mi correo es {email}.",
        "{ref}. Por favor, a ver si lo solucionan rápido.",
    ),
    "en": (
        "Sure, it's {ref}.",
        "Here you go: {ref}. You can also call me on {phone_local}.",
        "The reference is {ref}. My email is {email}.",
        "{ref}. Please sort this out quickly.",
    ),
}

ESCALATIONS: VariantTable = {
    "ary-Arab": (
        "فهمت المشكل ديالك. صيفطت الملف للمصلحة المختصة، وغادي يتاصلو بيك فأقل من 48 ساعة.",
        "سجلت الطلب ديالك تحت رقم {ticket}. غادي نرجعو ليك بالجواب فأقرب وقت إن شاء الله.",
        "خصني نتأكد مع الفريق التقني. غادي نعيطو ليك غدا إن شاء الله.",
    ),
    "ary-Latn": (
        "fhamt lmochkil dyalek. sift dossier l service li mkellef, ghadi yt3aytou lik f a9al mn 48 sa3a.",
        "sejjelt talab dyalek b ra9m {ticket}. ghadi nrj3o lik bjawab f a9rab wa9t inchallah.",
        "khasni nt2ekked m3a l'equipe technique. ghadi n3aytou lik ghedda inchallah.",
    ),
    "ary-fr": (
        "D'accord, fhamt. J'ai transmis le dossier l service concerné, ghadi y3aytou lik dans les 48h.",
        "J'ai créé un ticket b ra9m {ticket}, ghadi nrj3ou lik bjawab dès que possible.",
        "Khasni nvérifier m3a l'équipe technique, on vous rappelle demain inchallah.",
    ),
    "fr": (
        "J'ai bien noté votre demande et transmis votre dossier au service concerné. Vous recevrez une réponse sous 48 heures.",
        "J'ai ouvert le ticket {ticket} pour votre demande. Nous revenons vers vous dès que possible.",
        "Je dois vérifier ce point avec l'équipe technique. Un conseiller vous rappellera demain.",
    ),
    "ar": (
        "لقد سجلت طلبك وأحلت ملفك إلى المصلحة المختصة، وستتلقى ردا خلال 48 ساعة.",
        "تم فتح التذكرة رقم {ticket} بخصوص طلبك، وسنعود إليك في أقرب وقت.",
        "سأتحقق من هذه النقطة مع الفريق التقني، وسيتصل بك أحد المستشارين غدا.",
    ),
    "es": (
        "He registrado su solicitud y la he pasado al departamento correspondiente. Recibirá respuesta en 48 horas.",
        "He abierto la incidencia {ticket}. Le responderemos lo antes posible.",
        "Tengo que consultarlo con el equipo técnico. Un agente le llamará mañana.",
    ),
    "en": (
        "I've logged your request and passed your file to the relevant team. You'll hear back within 48 hours.",
        "I've opened ticket {ticket} for your request. We'll get back to you as soon as possible.",
        "I need to check this with our technical team. An advisor will call you back tomorrow.",
    ),
}

NUDGES: VariantTable = {
    "ary-Arab": (
        "مازال ما وصلني حتى جواب، شنو واقع؟",
        "واش كاين شي جديد؟",
        "ألو؟ راني مازال كنتسنى.",
    ),
    "ary-Latn": (
        "mazal ma wselni 7ta jawab, chnou wa9e3?",
        "wach kayn chi jdid? 3afak.",
        "allo? mazal kantsenna, 3afak chi jawab.",
    ),
    "ary-fr": (
        "Toujours rien? mazal ma wselni walou.",
        "Wach kayn du nouveau?",
        "Allo? ça fait deux jours w mazal kantsenna.",
    ),
    "fr": (
        "Toujours aucune nouvelle de votre part ?",
        "Avez-vous du nouveau concernant ma demande ?",
        "Je relance car je n'ai toujours rien reçu.",
    ),
    "ar": (
        "لم أتلق أي رد حتى الآن.",
        "هل من جديد بخصوص طلبي؟",
        "أكتب إليكم مجددا لأنني ما زلت أنتظر.",
    ),
    "es": (
        "¿Siguen sin noticias?",
        "¿Hay alguna novedad sobre mi caso?",
        "Vuelvo a escribir porque todavía no he recibido nada.",
    ),
    "en": (
        "Still no news from you?",
        "Any update on my request?",
        "Following up, as I still haven't received anything.",
    ),
}

THANKS: VariantTable = {
    "ary-Arab": (
        "شكرا بزاف، الله يعطيك الصحة.",
        "مزيان، شكرا على المساعدة.",
        "صافي وصلني، بارك الله فيك.",
        "الله يخليك، تهنيت دابا.",
    ),
    "ary-Latn": (
        "chokran bzaf, lah y3tik se77a.",
        "mzyan, chokran 3la lmosa3ada.",
        "safi wselni, baraka lah fik.",
        "lah ykhalik, thennit daba.",
    ),
    "ary-fr": (
        "Merci bzaf, lah y3tik se77a.",
        "Parfait, merci 3la l'aide.",
        "C'est bon safi, merci!",
        "Top, merci beaucoup khoya.",
    ),
    "fr": (
        "Merci beaucoup, bonne journée.",
        "Parfait, merci pour votre aide.",
        "Très bien, c'est réglé. Merci !",
        "Merci pour votre patience et votre efficacité.",
    ),
    "ar": (
        "شكرا جزيلا، يوما سعيدا.",
        "ممتاز، شكرا على المساعدة.",
        "تم حل المشكلة، شكرا لكم.",
        "أشكركم على صبركم وسرعة استجابتكم.",
    ),
    "es": (
        "Muchas gracias, buen día.",
        "Perfecto, gracias por la ayuda.",
        "Genial, ya está solucionado. ¡Gracias!",
        "Gracias por la paciencia y la rapidez.",
    ),
    "en": (
        "Thanks a lot, have a nice day.",
        "Perfect, thanks for your help.",
        "Great, that's sorted. Thank you!",
        "Thank you for your patience and quick help.",
    ),
}

CLOSINGS: VariantTable = {
    "ary-Arab": (
        "العفو {first_name}، إلا احتاجيتي شي حاجة أخرى حنا هنا. نهارك مبروك!",
        "بلا جميل، ديما فالخدمة ديالك. بسلامة.",
        "مرحبا بيك ديما. ما تنساش تقيم المحادثة إلا عجباتك الخدمة.",
    ),
    "ary-Latn": (
        "la3fou {first_name}, ila e7tajiti chi 7aja okhra 7na hna. nharek mbrouk!",
        "bla jmil, dima f lkhedma dyalek. bslama.",
        "mr7ba bik dima. matnsach t9iyem lmo7adata ila 3jbatek lkhedma.",
    ),
    "ary-fr": (
        "Avec plaisir {first_name}, ila bghiti chi 7aja okhra 7na hna. Bonne journée!",
        "De rien, dima f service dyalek. Bslama.",
        "Merci à vous. N'oubliez pas t9iymo la conversation.",
    ),
    "fr": (
        "Avec plaisir {first_name}. N'hésitez pas à revenir vers nous si besoin. Bonne journée !",
        "Je vous en prie. Belle fin de journée à vous.",
        "Merci à vous. Vous recevrez un court questionnaire de satisfaction, votre avis compte.",
    ),
    "ar": (
        "على الرحب والسعة يا {first_name}. لا تتردد في التواصل معنا عند الحاجة.",
        "العفو، نتمنى لك يوما سعيدا.",
        "شكرا لك. ستصلك استمارة قصيرة لتقييم الخدمة، فرأيك يهمنا.",
    ),
    "es": (
        "Un placer, {first_name}. Si necesita algo más, aquí estamos. ¡Que tenga un buen día!",
        "De nada. Que pase una buena tarde.",
        "Gracias a usted. Recibirá una breve encuesta de satisfacción; su opinión nos importa.",
    ),
    "en": (
        "My pleasure, {first_name}. Don't hesitate to get back to us if needed. Have a great day!",
        "You're welcome. Enjoy the rest of your day.",
        "Thank you. You'll receive a short satisfaction survey; your feedback matters to us.",
    ),
}

# Slot vocabulary. Each row lists one item in VARIANTS order, so the same city or product
# can be rendered in the customer's language and script.

CITIES: tuple[tuple[str, ...], ...] = (
    ("كازا", "kaza", "Casa", "Casablanca", "الدار البيضاء", "Casablanca", "Casablanca"),
    ("الرباط", "rbat", "Rabat", "Rabat", "الرباط", "Rabat", "Rabat"),
    ("مراكش", "mrrakech", "Marrakech", "Marrakech", "مراكش", "Marrakech", "Marrakesh"),
    ("طنجة", "tanja", "Tanger", "Tanger", "طنجة", "Tánger", "Tangier"),
    ("فاس", "fass", "Fès", "Fès", "فاس", "Fez", "Fez"),
    ("أكادير", "agadir", "Agadir", "Agadir", "أكادير", "Agadir", "Agadir"),
    ("وجدة", "wjda", "Oujda", "Oujda", "وجدة", "Uchda", "Oujda"),
    ("تطوان", "tetouan", "Tétouan", "Tétouan", "تطوان", "Tetuán", "Tetouan"),
    ("مكناس", "mekness", "Meknès", "Meknès", "مكناس", "Mequinez", "Meknes"),
)

DESTINATIONS: tuple[tuple[str, ...], ...] = (
    ("باريس", "paris", "Paris", "Paris", "باريس", "París", "Paris"),
    ("مدريد", "madrid", "Madrid", "Madrid", "مدريد", "Madrid", "Madrid"),
    ("بروكسيل", "bruxelles", "Bruxelles", "Bruxelles", "بروكسل", "Bruselas", "Brussels"),
    ("مالقة", "malaga", "Málaga", "Malaga", "مالقة", "Málaga", "Malaga"),
    ("برشلونة", "barcelone", "Barcelone", "Barcelone", "برشلونة", "Barcelona", "Barcelona"),
    ("مارسيليا", "marseille", "Marseille", "Marseille", "مرسيليا", "Marsella", "Marseille"),
    ("إسطنبول", "istanbul", "Istanbul", "Istanbul", "إسطنبول", "Estambul", "Istanbul"),
    ("داكار", "dakar", "Dakar", "Dakar", "داكار", "Dakar", "Dakar"),
    ("مونريال", "montreal", "Montréal", "Montréal", "مونتريال", "Montreal", "Montreal"),
    ("أمستردام", "amsterdam", "Amsterdam", "Amsterdam", "أمستردام", "Ámsterdam", "Amsterdam"),
)

IN_COUNTRIES: tuple[tuple[str, ...], ...] = (
    ("ف فرنسا", "f fransa", "f France", "en France", "في فرنسا", "en Francia", "in France"),
    ("ف سبانيا", "f sbanya", "f l'Espagne", "en Espagne", "في إسبانيا", "en España", "in Spain"),
    ("ف بلجيكا", "f beljika", "f Belgique", "en Belgique", "في بلجيكا", "en Bélgica", "in Belgium"),
    ("ف تركيا", "f torkia", "f Turquie", "en Turquie", "في تركيا", "en Turquía", "in Turkey"),
    ("ف إيطاليا", "f italia", "f Italie", "en Italie", "في إيطاليا", "en Italia", "in Italy"),
    (
        "ف السعودية",
        "f s3oudia",
        "f l'Arabie saoudite",
        "en Arabie saoudite",
        "في السعودية",
        "en Arabia Saudí",
        "in Saudi Arabia",
    ),
    ("ف دبي", "f dubai", "f Dubaï", "à Dubaï", "في دبي", "en Dubái", "in Dubai"),
    (
        "ف هولاندا",
        "f holanda",
        "f Hollande",
        "aux Pays-Bas",
        "في هولندا",
        "en los Países Bajos",
        "in the Netherlands",
    ),
)

PRODUCTS: tuple[tuple[str, ...], ...] = (
    (
        "تيليفون",
        "tilifoun",
        "un smartphone",
        "un smartphone",
        "هاتف ذكي",
        "un móvil",
        "a smartphone",
    ),
    (
        "كاسك ديال البلوتوث",
        "casque bluetooth",
        "un casque Bluetooth",
        "un casque Bluetooth",
        "سماعة بلوتوث",
        "unos auriculares Bluetooth",
        "Bluetooth headphones",
    ),
    (
        "ماكينة ديال القهوة",
        "machine dyal l9ahwa",
        "une machine à café",
        "une machine à café",
        "آلة قهوة",
        "una cafetera",
        "a coffee machine",
    ),
    (
        "سبرديلة",
        "sbrdila",
        "des baskets",
        "une paire de baskets",
        "حذاء رياضي",
        "unas zapatillas",
        "a pair of trainers",
    ),
    ("قفطان", "9eftan", "un caftan", "un caftan", "قفطان", "un caftán", "a kaftan"),
    (
        "فريتوز بلا زيت",
        "friteuse bla zit",
        "un air fryer",
        "une friteuse sans huile",
        "مقلاة هوائية",
        "una freidora de aire",
        "an air fryer",
    ),
    (
        "مونطرة ذكية",
        "montre connectée",
        "une montre connectée",
        "une montre connectée",
        "ساعة ذكية",
        "un reloj inteligente",
        "a smartwatch",
    ),
    ("ميكسور", "mixeur", "un mixeur", "un blender", "خلاط كهربائي", "una batidora", "a blender"),
    (
        "كارطابل ديال الدراري",
        "cartable dyal drari",
        "un cartable",
        "un cartable pour enfant",
        "حقيبة مدرسية",
        "una mochila escolar",
        "a school backpack",
    ),
    ("زربية", "zerbia", "un tapis", "un tapis berbère", "زربية", "una alfombra", "a rug"),
)

MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# (month table, date pattern, amount pattern, plan pattern) per variant.
FORMATS: dict[str, tuple[str, str, str, str]] = {
    "ary-Arab": ("ar", "{day} {month}", "{n} درهم", "ماكس {n}"),
    "ary-Latn": ("fr", "{day} {month}", "{n} dh", "Max {n}"),
    "ary-fr": ("fr", "{day} {month}", "{n} DH", "Max {n}"),
    "fr": ("fr", "{day} {month}", "{n} MAD", "Max {n}"),
    "ar": ("ar", "{day} {month}", "{n} درهم", "ماكس {n}"),
    "es": ("es", "{day} de {month}", "{n} MAD", "Max {n}"),
    "en": ("en", "{day} {month}", "MAD {n}", "Max {n}"),
}

# Moroccan first names with their Arabic spelling, used in Arabic-script replies.
MOROCCAN_FIRST_NAMES: tuple[tuple[str, str], ...] = (
    ("Youssef", "يوسف"),
    ("Fatima Zahra", "فاطمة الزهراء"),
    ("Mohamed", "محمد"),
    ("Khadija", "خديجة"),
    ("Hamza", "حمزة"),
    ("Salma", "سلمى"),
    ("Ayoub", "أيوب"),
    ("Imane", "إيمان"),
    ("Mehdi", "المهدي"),
    ("Nadia", "نادية"),
    ("Omar", "عمر"),
    ("Hajar", "هاجر"),
    ("Anas", "أنس"),
    ("Meryem", "مريم"),
    ("Rachid", "رشيد"),
    ("Soukaina", "سكينة"),
    ("Zakaria", "زكرياء"),
    ("Houda", "هدى"),
    ("Abdelilah", "عبد الإله"),
    ("Latifa", "لطيفة"),
    ("Karim", "كريم"),
    ("Asmae", "أسماء"),
    ("Ilyas", "إلياس"),
    ("Wiam", "وئام"),
    ("Badr", "بدر"),
    ("Loubna", "لبنى"),
    ("Othmane", "عثمان"),
    ("Ghizlane", "غزلان"),
    ("Hicham", "هشام"),
    ("Najat", "نجاة"),
    ("Amine", "أمين"),
    ("Sanae", "سناء"),
)

MOROCCAN_LAST_NAMES: tuple[str, ...] = (
    "Alaoui",
    "Bennani",
    "El Idrissi",
    "Tazi",
    "Berrada",
    "Chraibi",
    "Benjelloun",
    "El Amrani",
    "Ouazzani",
    "Lahlou",
    "Bouzidi",
    "El Ghazi",
    "Naciri",
    "Zniber",
    "Kettani",
    "Haddaoui",
    "Ait Ouahmane",
    "Oubaha",
    "Boukhris",
    "El Mansouri",
    "Rifi",
    "Tahiri",
    "Sebti",
    "Belkadi",
    "Jebari",
    "Lamrani",
    "Azzouzi",
    "El Khattabi",
    "Ouchen",
    "Moussaoui",
    "Skalli",
    "Cherkaoui",
)

SPANISH_FIRST_NAMES: tuple[str, ...] = (
    "Lucía",
    "Javier",
    "Carmen",
    "Alejandro",
    "María José",
    "Pablo",
    "Elena",
    "Sergio",
    "Marta",
    "Daniel",
    "Rocío",
    "Antonio",
    "Nuria",
    "Álvaro",
)

SPANISH_LAST_NAMES: tuple[str, ...] = (
    "García Ruiz",
    "Martín López",
    "Sánchez Moreno",
    "Fernández Gil",
    "Romero Navarro",
    "Torres Vidal",
    "Ortega Blanco",
    "Castillo Peña",
    "Molina Herrera",
    "Delgado Ríos",
    "Navarro Cano",
    "Iglesias Prieto",
)

ENGLISH_FIRST_NAMES: tuple[str, ...] = (
    "Emily",
    "James",
    "Hannah",
    "Oliver",
    "Grace",
    "Daniel",
    "Chloe",
    "Ryan",
    "Amelia",
    "Thomas",
    "Megan",
    "Luke",
)

ENGLISH_LAST_NAMES: tuple[str, ...] = (
    "Carter",
    "Hughes",
    "Collins",
    "Fletcher",
    "Morgan",
    "Reed",
    "Bennett",
    "Walsh",
    "Parker",
    "Doyle",
    "Hayes",
    "Lambert",
)
