"""Words announcing a non-personal number (order, invoice, tracking, flight...).

Such a word between a context cue and a number breaks their link, and right before an
ID-shaped token it vetoes the shape-only CIN/passport rule.
"""

from __future__ import annotations

from typing import Final

from tawasol.nlp.pii.cues import CueFinder

_LATIN_REFERENCE_WORDS: Final = (
    r"commandes?|cmd|order|orders|pedidos?|r[ée]f(?:[ée]rence)?s?|referencia|ref\.?"
    r"|factures?|invoices?|facturas?|colis|suivi|tracking|track|env[íi]o|"
    r"vols?|flights?|vuelos?|tickets?|billets?|dossiers?|r[ée]clamations?|claims?|"
    r"clients?|customer|contrats?|contracts?|contratos?|abonnement|subscription|"
    r"sku|articles?|mod[èe]les?|models?|produits?|products?|productos?|codes?|c[óo]digo|"
    r"coupons?|promo|bons?|re[çc]us?|receipts?|recibos?|transactions?|transacci[óo]n|"
    r"s[ée]rie|serial|imei|matricule|immatriculation|plaques?|voucher|"
    r"l'?commande|lcommande|koumand|komand|lkomand|l'?facture|lfactura|ttracking|"
    r"versions?|lots?|batch|lote|firmware|facebook|instagram|login|username|utilisateur|"
    r"usuario|pseudo"
)
_ARABIC_REFERENCE_WORDS: Final = (
    r"الطلبية|الطلب|طلبية|طلب|الفاتورة|فاتورة|التتبع|تتبع|الرحلة|رحلة|الطرد|طرد|"
    r"الكوموند|كوموند|لكوموند|الشحنة|شحنة|التذكرة|تذكرة|الزبون|العقد|المرجع|مرجع|"
    r"الطراز|طراز|الموديل|موديل|المنتج|منتج|الرمز|رمز|الكود|كود|الشكاية|شكاية|الملف|"
    r"الفاكتورة|فاكتورة|الكولي|كولي|الطيارة|الكونترا|الإصدار|إصدار|النسخة"
)

REFERENCE_WORDS = CueFinder(
    {
        "REFERENCE": (
            rf"(?<![A-Za-z])(?:{_LATIN_REFERENCE_WORDS})(?![A-Za-z])|{_ARABIC_REFERENCE_WORDS}"
        )
    },
    longest=16,
)
