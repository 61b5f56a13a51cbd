"""Hand-written customer-service sentences behind ``cases.jsonl`` (see ``build_cases.py``).

Every sentence was written for this set. Roughly 40% are hard negatives: order, invoice,
tracking and flight numbers, amounts, appointment and delivery dates, ID-looking product codes,
and account or card numbers whose check digits are wrong.
"""

from __future__ import annotations

_FR = """
Bonjour, vous pouvez me rappeler au [[PHONE:06 61 23 45 78]] après 18h ?
Mon numéro a changé, c'est désormais le [[PHONE:0662-48-91-37]].
Joignable sur WhatsApp : [[PHONE:+212 6 70 12 34 56]]
Appelez plutôt le fixe du bureau, [[PHONE:05 22 48 61 30]], je suis là le matin.
Pour le remboursement, voici mon RIB : {RIB:bank}
Merci d'effectuer le virement sur l'IBAN {IBAN_MA:4}.
Mon adresse mail est [[EMAIL:karim.benali@gmail.com]], merci de m'envoyer la facture.
J'ai été débité deux fois sur ma carte {CARD_VISA:4}, c'est inadmissible !
Numéro de CIN : [[CIN:BK123456]], nom El Idrissi.
Je suis né le [[DOB:14/02/1987]] à Meknès, et votre formulaire refuse ma date.
Ma date de naissance est le [[DOB:3 mars 1992]], pas le 3 mai.
Voici mon passeport : [[PASSPORT:AZ4517283]], valable jusqu'en 2029.
Vous pouvez m'écrire sur [[EMAIL:s.amrani@menara.ma]] ou m'appeler au [[PHONE:0708 45 12 90]].
Le colis doit être livré chez ma mère, son numéro : [[PHONE:+212 (0)6 55 43 21 09]].
Mon IBAN français : {IBAN_FR:4}. Merci.
Ma fille est née le [[DOB:22.09.2015]], il faut l'ajouter comme bénéficiaire.
CNIE n° [[CIN:AB 654321]], je l'ai renouvelée le mois dernier.
Vous avez mon numéro fixe : [[PHONE:05.37.77.21.48]]
Nouvelle carte Mastercard {CARD_MC:4}, l'ancienne a été bloquée.
Je vous transmets mon RIB {RIB:compact} pour le remboursement de 450 DH.
Depuis la France, appelez-moi au [[PHONE:+33 6 12 48 77 30]].
Mon épouse, née le [[DOB:5 juillet 1990]], est titulaire du contrat.
Mon n° de passeport est [[PASSPORT:XK7741209]]
Pièce d'identité : [[CIN:J456789]]
Écrivez à [[EMAIL:nadia.sav+reclamation@orange.fr]] svp.
Mon mari est joignable au [[PHONE:00212 661 98 76 54]].
Je confirme : né(e) le [[DOB:1987-11-30]].
La carte nationale [[CIN:EE98765]] est au nom de mon père.
J'ai fait opposition sur la carte {CARD_VISA:compact} hier soir.
Mon numéro : [[PHONE:06.12.34.56.78]], mon e-mail : [[EMAIL:y.elfassi@outlook.fr]]
Passeport [[PASSPORT:18AB34567]] (passeport français), merci de mettre à jour mes données.
Votre conseiller m'a demandé ma CIN, c'est [[CIN:BE123987]].
IBAN : {IBAN_BE:compact} (compte belge de ma sœur).
Rappelez-moi au [[PHONE:0661234567]] ou au [[PHONE:0522 30 40 50]].
Je m'appelle Nadia, née le [[DOB:02/06/1979]], cliente depuis 2010.
Titulaire : M. Berrada, CIN [[CIN:BH445566]], RIB {RIB:4}.
Ma carte Amex {CARD_AMEX:amex} a été refusée au terminal.
Contact d'urgence : [[PHONE:+212 5 24 43 12 87]] (Marrakech).
Mes enfants sont nés le [[DOB:12/03/2015]] et le [[DOB:04/07/2018]].
Mon nouvel e-mail : [[EMAIL:hamza_93@yahoo.fr]].
Numéro de téléphone du bénéficiaire : [[PHONE:07 71 23 45 68]]
Date de naissance : [[DOB:17 octobre 1968]] ; CIN : [[CIN:C345678]].
Vous pouvez me joindre au [[PHONE:+34 612 345 678]] pendant mon séjour en Espagne.
Le virement vers {IBAN_ES:4} a été refusé, pourquoi ?
J'ai changé de banque, nouveau RIB : {RIB:4}, l'ancien est clôturé.
Pour la vérification : DDN [[DOB:08/08/1958]], titulaire de la ligne [[PHONE:0655 78 90 12]].
Je suis joignable au [[PHONE:06 50 98 76 54]] de 9h à 17h du lundi au vendredi.
Bonjour, carte bancaire {CARD_MC:compact} perdue, merci de la bloquer d'urgence.
Ma mère (date de naissance [[DOB:1er janvier 1950]]) n'arrive pas à se connecter.
Adresse de facturation inchangée, seul mon mail change : [[EMAIL:o.chraibi@gmail.com]]
Mon passeport marocain [[PASSPORT:UV3019284]] a expiré, dois-je refaire le dossier ?
Le compte à débiter est {IBAN_FR:compact}, au nom de Mme Tazi.
Mon téléphone fixe à Fès : [[PHONE:0535 62 14 70]].
Bonjour, ma commande n° 458712 n'est toujours pas arrivée.
Référence de commande : CMD-2024-0091827, merci de vérifier.
Le numéro de suivi 1Z999AA10123456784 ne fonctionne pas sur votre site.
J'ai payé 1 250,00 MAD le 12/03/2024 et je n'ai rien reçu.
Mon vol AT 512 du 15 juin 2024 a été annulé, je veux un avoir.
Facture FAC-2023-004512 du 02/11/2023, montant 3 499 DH.
Le RIB que vous m'avez envoyé {RIB_BADKEY:bank} est faux, la banque le rejette.
J'ai tapé {CARD_BADLUHN:4} mais le site dit que la carte est invalide.
L'IBAN {IBAN_BADCHECK_FR:4} est refusé par mon application.
Livraison prévue le 18/06/2024 entre 9h et 12h.
Je voudrais un rendez-vous le 3 avril 2024 à l'agence de Fès.
Le modèle SM125478 n'est plus disponible ?
Le code promo RAMADAN2024 ne marche pas.
Mon colis LX123456789FR est bloqué en douane depuis 10 jours.
Le ticket n° 20240315-0042 reste sans réponse.
Votre service client au 0801 00 20 20 ne répond jamais.
J'ai commandé la maquette de l'Airbus A380, réf. 78451.
Mon abonnement 4G à 99 DH/mois a été facturé 199 DH.
Le montant de 12 500 000 centimes est erroné.
Numéro de dossier 2024/118/4578, je relance pour la troisième fois.
Mon compteur affiche 0045871 kWh, c'est impossible.
La facture du 30/09/2023 indique un montant de 1.234,50 DH.
Le code d'activation est 884512, il expire dans 10 minutes.
J'ai appelé le 15/05/2024 à 14h32, durée 12 min.
Le numéro IMEI 356938035643809 est-il bloqué ?
Le paiement de 2500 MAD a été effectué le 01/02/2024 (transaction 88451237).
Pouvez-vous vérifier la réclamation REC-558741 ?
Commande passée le 12 mars 2024, toujours rien.
Le vol RAM AT205 Casablanca–Paris du 22/07/2024 est en retard.
{NUM24_BADKEY:compact} c'est le numéro de contrat inscrit sur le courrier.
Date de naissance correcte ? Mon contrat a été signé le 04/01/2022.
Je suis né à Tanger et j'habite à Agadir depuis le 01/09/2010.
Le total TTC est de 14 999,99 DH pour 3 articles.
Votre technicien est passé le 5 février 2024, le problème persiste.
Mon forfait 20 Go passe à 49 DH à partir du 01/07/2024.
Le devis D-44781 du 10/10/2023 n'a jamais été appliqué.
Je suis client depuis le 15/03/2012, numéro client 7784512.
Bonjour, je n'arrive pas à me connecter. Mon tel : [[PHONE:06 78 12 45 90]]. Merci de me rappeler.
Le livreur doit appeler le [[PHONE:06.63.21.54.87]] avant de passer.
Mon numéro de carte nationale est le [[CIN:BJ 224466]].
Veuillez noter mon adresse électronique : [[EMAIL:zineb.elkhatib@gmail.com]] (et non l'ancienne).
Numéro de passeport : [[PASSPORT:KJ0034512]], délivré à Rabat le 10/02/2020.
Je suis née le [[DOB:29 février 1988]], vérifiez votre base.
La carte se termine par 7781, pouvez-vous vérifier le débit de 300 DH du 14/02/2024 ?
Votre agent m'a donné le numéro 3030 pour le suivi, ça ne marche pas.
Remboursement de 1 999 DH sur le RIB {RIB:bank} au nom de Salma Idrissi.
Mon compte IBAN {IBAN_MA:compact} a été débité par erreur.
La référence de paiement est 2024031500012345, merci.
Le bon de livraison BL-88412 indique le 03/03/2024.
Mon fils, né le [[DOB:15/09/2008]], a besoin d'une ligne à son nom : [[PHONE:0672 33 19 80]].
Mon numéro c'est le [[PHONE:06 61 23 45 6 7]], pardon pour la faute de frappe.
Appelez-moi au [[PHONE:6 61 23 45 67]] en fin de journée.
Je suis né le [[DOB:3/4/1990]] à Oujda.
Date de naissance [[DOB:12 mars 90]], merci de corriger.
CIN N° : [[CIN:BE 123 456]]
Mon anniversaire est le [[DOB:12/03/1990]], le formulaire me dit que je suis mineur.
Le 06/12/2023 j'ai payé 300 DH et rien reçu.
Suivi Amana : CE123456789MA, colis perdu.
Livre commandé : ISBN 978-2-07-036822-8, jamais reçu.
WhatsApp au [[PHONE:+2126 61 23 45 67]] svp.
Le solde affiché est de 500 000 000 centimes, c'est faux.
"""

_EN = """
Hi, please call me back on [[PHONE:+44 7911 123456]], I'm in London this week.
My Moroccan number is [[PHONE:0661 23 45 78]].
You can reach me at [[EMAIL:john.smith84@gmail.com]] anytime.
My card {CARD_VISA:4} was charged twice for the same order.
Date of birth: [[DOB:March 14, 1985]]
I was born on [[DOB:07/22/1991]] in Chicago.
DOB [[DOB:1979-05-02]], passport number [[PASSPORT:532718849]].
Please refund to IBAN {IBAN_GB:4}.
My national ID card number is [[CIN:BJ387452]].
Text me on WhatsApp: [[PHONE:+212 661 445 782]]
Passport: [[PASSPORT:MB3394021]]
My wife's date of birth is [[DOB:21st August 1988]].
Send the invoice to [[EMAIL:accounts@atlas-logistics.ma]] please.
Born [[DOB:12 Jan 1975]], if that helps verify my account.
My RIB is {RIB:4}, please transfer the refund there.
Call my landline [[PHONE:+212 522-36-41-88]] during office hours.
New card number: {CARD_MC:compact}
I'm calling from Spain, my number is [[PHONE:+34 622 18 44 90]].
ID card [[CIN:K456123]] and DOB [[DOB:09/11/1983]].
The account holder (born [[DOB:June 3, 1964]]) passed away, what do I do?
Email me at [[EMAIL:fatima.zahra.k@hotmail.com]] or call [[PHONE:0655 78 90 12]].
My German IBAN {IBAN_DE:4} should be on file.
Please use my Amex {CARD_AMEX:amex} for the deposit.
My US number is [[PHONE:+1 415 555 2671]].
My son was born on [[DOB:2 February 2012]], can I add him to the plan?
national ID: [[CIN:AE 741852]]
Reach me on [[PHONE:00 212 6 63 21 09 87]].
I already gave my passport number [[PASSPORT:TQ5540981]] to your colleague.
my email is [[EMAIL:m.ouazzani@um5.ac.ma]]
The card ending 4821 is mine but the full number {CARD_VISA:dash} shows unknown charges.
Update my contact details: [[PHONE:+49 151 23456789]], [[EMAIL:leila.h@web.de]].
Transfer it to my Dutch account {IBAN_NL:4} instead.
Cardholder born [[DOB:30/04/1972]], card {CARD_VISA:4}.
My passport [[PASSPORT:ZR7712093]] expires next month.
Please call my daughter on [[PHONE:0700 98 76 54]], she handles my account.
The Italian IBAN is {IBAN_IT:4}.
My order #100234567 hasn't shipped yet.
Tracking number 1Z999AA10123456784 shows delivered but I got nothing.
I was charged 1,499.00 MAD instead of 999.00 MAD.
Flight AT 512 on 15/06/2024 was cancelled.
Invoice INV-2024-00873 dated 03/05/2024 is wrong.
I entered {CARD_BADLUHN:4} and the form says invalid card.
The IBAN {IBAN_BADCHECK_GB:4} you gave me bounces.
Your app version 4.12.3 crashes on my Galaxy S23.
I need an appointment on 12 March 2024 at 10am.
Delivery scheduled for 2024-06-18.
Ticket 558412 still open after two weeks.
Booking reference AB123456 is what the agent gave me.
Model number SM-A546B, serial R58T12ABCDE.
My account balance shows -2,300 MAD.
I was born in Casablanca but live in Rabat since 12/05/2010.
Order placed on March 3, 2024, still waiting.
Call centre hours: 9 to 18, Monday to Friday.
The total is 4 560 MAD for 3 items.
Promo code SUMMER24 didn't apply.
My contract number {NUM24_BADKEY:4} appears on the letter.
Flight IB3311 to Madrid departs 22/07/2024.
I called 3 times on 02/04/2024 about it.
PIN reset code: 448190.
Shipment CX123456789DE is stuck at customs.
Parcel weight 2.5 kg, dimensions 30x20x10.
The card number {CARD_BADLUHN:compact} was rejected, is it my typo?
That IBAN {IBAN_BADCHECK_DE:compact} fails your validation.
Customer ID 88451290, please check my plan.
My birthday is next week, can I get the promo?
Order 4003 1200 5567 arrived damaged.
hey my number changed to [[PHONE:+212 6 62 19 83 40]] pls update
DOB is [[DOB:11/23/1980]] and my ID card is [[CIN:BK 302010]]
I sent 2,000 MAD on 01/03/2024 to account {RIB_BADKEY:compact} but it bounced.
Can you email the statement to [[EMAIL:omar.k@protonmail.com]]?
My flight AT 202 lands at 14:30, please call after.
The parcel RR987654321MA was returned to sender.
Reference number: 2024-INV-0045.
Card {CARD_VISA:4}, expiry 09/27, name on card Sara B.
Born: [[DOB:1990.03.12]]
My US cell is [[PHONE:+1 (415) 555-2671]].
my DOB's [[DOB:5/6/88]] fyi
Tel: [[PHONE:+212-661-234-567]]
Parcel 00340434161094042557 never showed up.
"""

_ES = """
Hola, mi número es el [[PHONE:+34 612 34 56 78]], llámenme por la tarde.
Pueden escribirme a [[EMAIL:laura.garcia@gmail.com]].
Fecha de nacimiento: [[DOB:15/08/1990]].
Nací el [[DOB:3 de mayo de 1985]] en Tetuán.
Mi IBAN es {IBAN_ES:4}, por favor hagan la devolución allí.
Número de pasaporte: [[PASSPORT:PAA123456]].
Mi tarjeta {CARD_VISA:4} fue rechazada.
En Marruecos uso el [[PHONE:06 70 45 23 18]].
Mi carné de identidad marroquí es [[CIN:L123456]].
Mi RIB marroquí: {RIB:bank}
Llámeme al [[PHONE:0034 622 33 44 55]] o escríbame a [[EMAIL:pedro_m@hotmail.es]].
Mi hija, nacida el [[DOB:12 de enero de 2010]], también es titular.
Pasaporte marroquí [[PASSPORT:GH2233445]], caducado.
La tarjeta Mastercard {CARD_MC:dash} es de mi empresa.
Mi correo es [[EMAIL:amina.tazi@yahoo.es]] y mi móvil [[PHONE:+212 7 01 23 45 67]].
Fecha de nacimiento [[DOB:1992-02-29]]
Documento de identidad: [[CIN:BB 112233]]
Fijo en Tánger: [[PHONE:05 39 94 12 33]]
IBAN de Portugal {IBAN_PT:4}
Mi número antiguo era [[PHONE:0612457890]] pero ya no lo uso.
Nací el [[DOB:7 de noviembre de 1975]]; mi DNI es otro tema.
Envíen el contrato a [[EMAIL:r.lopez@empresa-sa.com]]
Mi pasaporte es el [[PASSPORT:XDB123456]]
Mi número de tarjeta es {CARD_VISA:compact}, caduca en 2027.
Pago con American Express {CARD_AMEX:amex}.
La cuenta para el reembolso es {IBAN_ES:compact}.
Mi marido nació el [[DOB:28/02/1969]], no el 28/03.
Contacto en Rabat: [[PHONE:0537 70 12 34]]
Mi RIB en Marruecos es {RIB:4}, titular Youssef.
Pasaporte de mi hijo: [[PASSPORT:LM8844120]]
Mi pedido 458712 no ha llegado todavía.
El número de seguimiento ES2024000123456 no funciona.
Pagué 1.250,00 € el 12/03/2024.
Vuelo IB 3311 del 22 de julio de 2024 cancelado.
Factura F-2024-00871 con fecha 05/05/2024.
La tarjeta {CARD_BADLUHN:4} me da error.
El IBAN {IBAN_BADCHECK_ES:4} es incorrecto según el banco.
Cita el 3 de abril de 2024 a las 10h.
Código de descuento VERANO24.
Referencia AB123456 de la reserva.
El RIB {RIB_BADKEY:compact} que me dieron está mal.
Tengo 3 pedidos: 1001, 1002 y 1003.
Total 2.499 MAD, IVA incluido.
Fecha de entrega: 18/06/2024.
Llamé al servicio el 02/02/2024 y nadie contestó.
Modelo XR500, número de serie 000245871.
Nací en Tánger en 1985.
Reclamación n.º 2024-5587.
Mi vuelo AT 970 sale el 12/08/2024.
El contrato {NUM24_BADKEY:bank} no aparece en su sistema.
Pedido PED-77412 entregado el 10/01/2024 incompleto.
Mi teléfono fijo es el [[PHONE:+212 5 37 65 43 21]].
Por favor, no llamen al 900 123 456, es la empresa.
Nacida el [[DOB:30 de junio de 1995]] en Nador.
El cargo de 45,90 € del 05/03/2024 no lo reconozco.
Pasaporte español [[PASSPORT:AAB123456]] y móvil [[PHONE:+34 699 88 77 66]].
Mi número es [[PHONE:612 34 56 78]], soy de Madrid.
"""

_AR = """
مرحبا، رقم هاتفي هو [[PHONE:0661234578]] يرجى الاتصال بي.
يمكنكم التواصل معي عبر البريد الإلكتروني [[EMAIL:ahmed.alaoui@gmail.com]]
رقم البطاقة الوطنية: [[CIN:BK654321]]
تاريخ الازدياد: [[DOB:12/05/1988]]
رقم جواز السفر [[PASSPORT:AK1234567]]
المرجو تحويل المبلغ إلى الحساب البنكي رقم {RIB:bank}
رقم الآيبان الخاص بي {IBAN_MA:4}
تم سحب المبلغ مرتين من بطاقتي البنكية {CARD_VISA:4}
هاتفي: [[PHONE:٠٦٦١٢٣٤٥٧٨]]
ولدت في [[DOB:٣ مارس ١٩٩٠]] بمدينة فاس.
رقم هاتف المكتب [[PHONE:+212 5 22 31 45 67]]
تاريخ الميلاد [[DOB:1985-07-14]]، رقم البطاقة الوطنية [[CIN:A345678]]
بريدي الإلكتروني هو [[EMAIL:samira.b@menara.ma]] ورقمي [[PHONE:0700 11 22 33]]
الرقم الدولي [[PHONE:+33 7 81 22 45 90]]
رقم الحساب: {RIB:compact:ar}
من مواليد [[DOB:٢٠/١١/١٩٧٦]]
رقم جواز سفري [[PASSPORT:RD9988776]] انتهت صلاحيته.
بطاقة التعريف رقم [[CIN:CD 123987]]
اتصلوا بي على الرقم [[PHONE:00212 6 50 12 34 56]]
حسابي في فرنسا {IBAN_FR:compact}
البطاقة البنكية المنتهية صلاحيتها هي {CARD_MC:4}
المزداد بتاريخ [[DOB:15 يناير 1970]]
رقمي الجديد [[PHONE:٠٧٧١٢٣٤٥٦٨]] والقديم [[PHONE:٠٦٥٠٩٨٧٦٥٤]]
ابني وُلد في [[DOB:10 شتنبر 2014]] وأريد إضافته إلى العقد.
البريد: [[EMAIL:info.client2024@outlook.com]]
رقم بطاقة الائتمان {CARD_VISA:compact:ar}
الهاتف الثابت [[PHONE:٠٥٣٧٧٧٢١٤٨]]
رقم الحساب الدولي {IBAN_MA:compact:ar}
تاريخ الازدياد [[DOB:٠٨-٠٩-١٩٩٩]] والبطاقة الوطنية [[CIN:G778899]]
يرجى إرسال الوثائق إلى [[EMAIL:k.bennani@yahoo.com]] أو الاتصال بـ [[PHONE:+212 6 44 55 66 77]]
جواز السفر رقم [[PASSPORT:KL5566778]] والرقم الهاتفي [[PHONE:0660 12 34 56]]
رقم الطلب 458712 لم يصل بعد.
رقم التتبع RR123456785MA لا يعمل.
دفعت 1500 درهم يوم 12/03/2024.
تم إلغاء الرحلة AT 512 بتاريخ 15/06/2024.
الفاتورة رقم 2024-00871 بتاريخ 05/05/2024.
رقم البطاقة {CARD_BADLUHN:4} غير صالح حسب الموقع.
الآيبان {IBAN_BADCHECK_MA:4} مرفوض.
الرقم {RIB_BADKEY:bank} خاطئ حسب البنك.
موعد التسليم يوم ١٨/٠٦/٢٠٢٤.
المبلغ الإجمالي ٢٥٠٠ درهم.
رقم الشكاية 558741.
ولدت في الدار البيضاء وأسكن في الرباط منذ 12/05/2010.
اتصلت بكم يوم 02/04/2024 ولا أحد يجيب.
كود التخفيض RAMADAN24 لا يعمل.
الطراز SM125478 غير متوفر.
رقم الرحلة RAM 205 إلى باريس.
الرقم الأخضر 0800 00 20 20 لا يجيب.
رقم العقد {NUM24_BADKEY:compact:ar} غير موجود.
تم الدفع يوم ٢٠٢٤/٠٣/١٢ بمبلغ ٣٤٩٩ درهم.
رقم الفاتورة ٨٨٤٥١٢٣٧ بتاريخ ١٠/١٠/٢٠٢٣.
أرجو الاتصال بي على [[PHONE:٠٦٦٣٥٥٤٤٢٢]] بعد الساعة الخامسة.
تاريخ ميلادي [[DOB:١٩٨٧/٠٤/١٢]]
رقم الطلبية ٧٧٨٤٥١٢ بتاريخ ٠٣/٠٣/٢٠٢٤
لقد دفعت ٤٥٠ درهم ولم أتوصل بالمنتج.
رقم بطاقة التعريف الوطنية [[CIN:Z123456]]
المبلغ المسجل هو 700 000 000 سنتيم وهذا خطأ.
"""

_ARY = """
سلام، هاد هو الرقم ديالي [[PHONE:0661 22 33 44]] عيطو ليا.
لاكارط ديالي [[CIN:BK123987]]
تزاديت نهار [[DOB:12/03/1995]]
الإيميل ديالي [[EMAIL:youssef.rachidi@gmail.com]]
صيفطو ليا الفلوس ف هاد الريب {RIB:bank}
خلصت بالكارط {CARD_VISA:4} وتقطعو ليا جوج مرات.
نمرة الباسبور ديالي [[PASSPORT:AB7654321]]
رقمي هو [[PHONE:٠٦٧٠١٢٣٤٥٦]]
عيط ليا ف [[PHONE:+212 6 61 78 90 12]] من فرنسا.
مزيودة نهار [[DOB:٥ ماي ١٩٩٣]]
الآيبان ديالي {IBAN_MA:4}
رقم لاكارط ناسيونال [[CIN:JK445566]]
ولدي تزاد نهار [[DOB:20 يوليوز 2016]]
النمرة ديال خويا [[PHONE:0770 45 67 89]]
الكونط ديالي ف إسبانيا {IBAN_ES:compact}
راني بدلت النمرة، دابا [[PHONE:07 00 98 76 54]]
تاريخ الازدياد ديالي هو [[DOB:1990/08/25]]
البريد ديالي [[EMAIL:hajar.elmansouri@yahoo.fr]] صيفطو ليا الفاكتورة.
الريب ديالي {RIB:compact:ar}
بطاقة التعريف ديالي [[CIN:WA223344]]
الكارط البنكية ديالي {CARD_MC:compact} تبلوكات.
عيطو لماما ف [[PHONE:٠٥٢٢٤٤٥٥٦٦]] راه هي لي كتخلص.
الباسبور [[PASSPORT:HZ1029384]] والنمرة [[PHONE:0655 44 33 22]]
مزيود ف [[DOB:14/07/1985]] ف كازا.
الكارط الوطنية [[CIN:BE 998877]] والإيميل [[EMAIL:adil.z@gmail.com]]
الكوموند ديالي رقم 458712 مازال ما وصلاتش.
خلصت 350 درهم نهار 12/03/2024.
الطيارة AT 512 ديال 15/06/2024 تلغات.
هاد الريب {RIB_BADKEY:bank} ما خدامش.
الكارط {CARD_BADLUHN:4} كيقولو ليا ماشي صالحة.
عندي موعد نهار 3 أبريل 2024.
رقم التتبع ديال الكولي LX123456789FR
الفاكتورة ديال 30/09/2023 فيها 1200 درهم.
شريت آيفون 15 ب 9000 درهم.
كود البرومو SUMMER24 ما خدامش.
الكوموند CM123456 فين وصلات؟
اتصلت 3 مرات نهار 02/04/2024 وحتى واحد ما جاوب.
{NUM24_BADKEY:4} هادا رقم الكونترا.
الآيبان {IBAN_BADCHECK_MA:compact} ما دازش.
تخلصت ب ١٢٠٠ درهم نهار ١٥/٠١/٢٠٢٤.
عافاك عيط ليا ف [[PHONE:06 62 11 22 33]] ولا صيفط ليا ف [[EMAIL:salma.b@gmail.com]]
خلصت 200 درهم ف 05/05/2024 وما توصلت بوالو.
تزاديت ف [[DOB:1 يناير 2000]]
الطلبية 99812 باقا ما جاتش.
"""

_ARY_LATN = """
salam, ra9mi howa [[PHONE:0661 23 45 67]] 3ayto 3liya.
3afak 3ayt liya f [[PHONE:06-70-11-22-33]] mn ba3d l 6.
l email dyali [[EMAIL:ayoub.k@gmail.com]]
lcarte nationale dyali [[CIN:BK998877]]
tzadit nhar [[DOB:12/03/1996]] f Casa.
ana mzyouda f [[DOB:5 mai 1993]]
rib dyali {RIB:bank} sifto fih lflous.
khlst b lcarte {CARD_VISA:4} w t9t3o liya 2 merrat.
passport dyali [[PASSPORT:AA1122334]]
numero dyal khouya [[PHONE:+212 7 72 33 44 55]]
l'iban dyali {IBAN_MA:4}
cin: [[CIN:EE445566]] w date de naissance [[DOB:14/07/1985]]
3ayto liya 3la [[PHONE:0522 44 55 66]] f lkhedma.
ra9m jdid dyali [[PHONE:0777889900]]
lbita9a dyali [[CIN:J 445566]]
sift liya f [[EMAIL:meryem.b99@hotmail.com]]
wldi tzad [[DOB:20/01/2017]]
lpasseport dyali [[PASSPORT:BE5566778]] salat lih lmodda.
kont f france, nmra dyali tma [[PHONE:+33 6 98 76 54 32]]
numero d compte {IBAN_FR:4}
tarikh lizdiyad dyali [[DOB:1988-03-09]]
mastercard dyali {CARD_MC:4} tbloqat.
3tini ra9m dyalk, ana [[PHONE:06 55 44 33 22]]
lkarta dyali [[CIN:BH 778899]]
whatsapp: [[PHONE:+212661998877]]
ra9m dyal lcarte bancaire {CARD_VISA:compact}, 3afak blockiwha.
lmail jdid: [[EMAIL:karim.dev@protonmail.com]] w tel [[PHONE:0708 99 88 77]]
rib dyal mok {RIB:4} bach tsifto liha.
la cin dyali [[CIN:AB 123123]] w passport [[PASSPORT:AB4455667]]
ana mzyoud nhar [[DOB:3 septembre 1989]] f Fes.
lcommande dyali 458712 mazal ma wslatch.
khlst 350 dh nhar 12/03/2024.
tiyara AT 512 dyal 15/06/2024 tlghat.
had rib {RIB_BADKEY:bank} ma khdamch.
lcarte {CARD_BADLUHN:4} kay9olo liya machi valide.
3andi rendez-vous nhar 3 avril 2024.
tracking LX123456789FR ma bayn walo.
lfacture dyal 30/09/2023 fiha 1200 dh.
chrit iphone 15 b 9000 dh.
code promo SUMMER24 ma khdamch.
lcommande CM123456 fin wslat?
3yit 3 merrat nhar 02/04/2024.
9bel 2 ayam, 7na ghadi n3tiwk 50 dh.
ana mn 3am 1990.
b7al l'iban {IBAN_BADCHECK_MA:4} ghalat.
mzyan f lkhdma, 3ndi 7 snin tajriba.
salam 3afak, wach kayn chi promo f 9/10?
ra9m lcommande CMD-2024-0098123.
{NUM24_BADKEY:bank} had ra9m dyal contrat ma l9itouch.
tsalit 1500 dh f 3 mois, wach normal?
salam, nmra dyali [[PHONE:06 99 88 77 66]] 3afak 3iyto liya daba
ana tzadit [[DOB:12 mars 1990]]
commande dyali 778451 wslat m9ssoura
khllst 1200 dh b lcarte w ma wslni walo
email: [[EMAIL:hicham.bouzid@hotmail.fr]] w tel [[PHONE:+212 6 11 22 33 44]]
tzadt f [[DOB:1990/05/12]] f Tanja
mazyoud [[DOB:12-05-1990]] w ra9m lcarte nationale [[CIN:K 445599]]
"""


def _lines(block: str, lang: str) -> list[tuple[str, str]]:
    return [(lang, line) for line in block.strip().splitlines() if line.strip()]


TEMPLATES: list[tuple[str, str]] = [
    *_lines(_FR, "fr"),
    *_lines(_EN, "en"),
    *_lines(_ES, "es"),
    *_lines(_AR, "ar"),
    *_lines(_ARY, "ary"),
    *_lines(_ARY_LATN, "ary-Latn"),
]
