"""Function words left out of the lexical ranker, in their normalised (matching) form.

BM25 already discounts frequent words, but a knowledge base of a few dozen passages is too
small for that: "dyali" / "ديالي" or "votre" would decide rankings. Forms are as
`nlp.normalize.matching_form` writes them (lower case, no accents, Arabic letters folded)."""

from __future__ import annotations

from tawasol.nlp.normalize import matching_form

_WORDS = """
le la les l un une des du de d au aux a et ou en dans sur pour par avec sans ce cet cette ces
mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il elle on nous vous ils
elles me te se moi toi lui y est suis es sont etre ai as avons avez ont avoir que qui quoi
quel quelle quels quelles ne pas plus tres bien si comment pourquoi quand ou c s n qu j m t
svp merci bonjour bonsoir salut
the a an and or of to in on for with at by from is are was be been am i you he she it we they
my your his her its our their me him us them this that these those do does did can could how
what where when why please hello hi thanks
el la los las un una unos unas y o de del al en con sin por para es son soy esta estoy mi mis
tu tus su sus nuestro que como donde cuando hola gracias por favor me se lo le les
في من على الى إلى عن مع هذا هذه ذلك التي الذي و او أو ان أن إن لا ما هل كيف متى أين اين انا
أنا انت أنت نحن هو هي لي لك له لها
ديال ديالي ديالك ديالو ديالها ديالنا ديالكم واش شنو شنا فين كيفاش علاش امتى ملي باش غير
راه راني راك را حتى بزاف شي واحد هاد هادي هادا هداك داك ديك عندي عندك عندو
السلام سلام مرحبا شكرا عافاك الله
"""

STOPWORDS: frozenset[str] = frozenset(matching_form(word) for word in _WORDS.split())
