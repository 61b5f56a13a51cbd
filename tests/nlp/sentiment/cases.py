"""Hand-written sentiment and offensive-language cases in every supported language."""

SENTIMENT: list[tuple[str, str]] = [
    ("Merci beaucoup, service impeccable !", "positive"),
    ("Je suis très déçu, ma commande n'est jamais arrivée.", "negative"),
    ("Ce n'est pas bon du tout.", "negative"),
    ("Quels sont vos horaires d'ouverture ?", "neutral"),
    ("Thank you, the agent was great!", "positive"),
    ("I don't like this service at all.", "negative"),
    ("My internet is not working again.", "negative"),
    ("What time do you open tomorrow?", "neutral"),
    ("Muchas gracias, todo perfecto.", "positive"),
    ("No funciona nada, es un desastre.", "negative"),
    ("¿Cuál es el precio del plan?", "neutral"),
    ("شكرا جزيلا، خدمة ممتازة", "positive"),
    ("الخدمة سيئة جدا ولم يتم حل المشكلة", "negative"),
    ("ما هي أوقات العمل؟", "neutral"),
    ("الخدمة ديالكم مزيانة بزاف، الله يخليكم", "positive"),
    ("ماعجبنيش هاد الخدمة", "negative"),
    ("الريزو مقطوع من البارح", "negative"),
    ("شحال الثمن ديال الفورفي؟", "neutral"),
    ("lkhedma dyalkom mzyana bzaf, merci", "positive"),
    ("ma3jbnich had service", "negative"),
    ("machi mzyan had l3ard", "negative"),
    ("lwifi makhdamch mn lbare7", "negative"),
    ("ch7al taman dyal forfait?", "neutral"),
    ("pas mal du tout, merci", "positive"),
]

NEGATION_PAIRS: list[tuple[str, str]] = [
    # (plain, negated): the negation must lower the positive probability
    ("c'est bon", "ce n'est pas bon"),
    ("I like it", "I don't like it"),
    ("me gusta", "no me gusta"),
    ("الخدمة جيدة", "الخدمة ليست جيدة"),
    ("عجبني", "ماعجبنيش"),
    ("3jbni", "ma3jbnich"),
    ("mzyan", "machi mzyan"),
]

OFFENSIVE: list[tuple[str, str]] = [
    ("nta 7mar w wld l7mar", "offensive"),
    ("vous êtes des connards", "offensive"),
    ("يا ولد الكلب", "offensive"),
    ("shut up you idiot", "offensive"),
    ("cállate idiota", "offensive"),
    ("salam, lcommande mazal ma wslat", "not_offensive"),
    ("service nul, je suis déçu", "not_offensive"),
    ("الخدمة خايبة بزاف", "not_offensive"),
    ("thank you so much", "not_offensive"),
    ("mi perro es muy bonito", "not_offensive"),
    ("حشومة عليكم هادي سيمانة", "not_offensive"),
]
