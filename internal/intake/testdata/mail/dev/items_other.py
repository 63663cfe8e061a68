OTHER = [
("newsletter-in-english-please", "ordinary", "en", "hard-neg-newsletter-language", "invented",
 "Daniel Murphy", "dan.murphy@example.com", "Newsletter in English?",
"""Hi,

I moved to Stockholm last year and love your stores, but my Swedish is
still pretty basic. Is there any way to get the newsletter in English? I'd
hate to miss the offers.

Cheers,
Dan
"""),
("newsletter-code-says-expired", "ordinary", "en", "hard-neg-newsletter-discount-code", "retailer-help-newsletter-offer",
 "Priya Nair", "priya.nair@example.com", "Newsletter code says expired",
"""Hello,

the 20% code in Sunday's newsletter (SPRING20) says "expired" at checkout,
although the email says it's valid until the 30th. Could you check?

Thanks,
Priya
"""),
("no-sms-code-booking-malmo", "ordinary", "en", "hard-neg-sms-booking-code", "salon-help-booking",
 "Tom", "tom.b@example.com", "no sms code",
"""hi im trying to confirm my booking at the Malmo clinic but the sms code
never arrives. tried 4 times. my number is +46 70 987 65 43. can you just
book it for me instead? wed 4pm

- Tom
"""),
("recommend-serum-redness", "ordinary", "en", "hard-neg-recommend-serum", "invented",
 "Olivia Brown", "olivia.brown@example.com", "Serum recommendation",
"""Hi there,

could you recommend a serum for redness-prone skin? I've tried niacinamide
but it stung a bit. Budget around 500 SEK.

Thanks!
Olivia
"""),
("hair-analysis-how-long", "ordinary", "en", "hard-neg-hair-analysis-duration", "salon-help-treatments",
 "Rachel Green", "rachel.g@example.com", "Hair analysis question",
"""Hello,

how long does the hair and scalp analysis take, and should I come with
unwashed hair? I'm thinking of booking it next Saturday in Göteborg.

Best,
Rachel
"""),
("camera-in-changing-room-question", "triage", "en", "triage-camera-changing-room-question", "invented",
 "Laura Fischer", "laura.fischer@example.com", "Camera in changing room?",
"""Hi,

quick question - is there a camera in the changing room at your Göteborg
clinic? There's a small black dome in the ceiling and it made me a bit
uncomfortable during my body treatment last week.

Kind regards,
Laura
"""),
("stop-personalising-homepage", "objection", "en", "objection-personalisation-keep-newsletter", "ico-right-to-object",
 "Mark Thompson", "mark.thompson@example.com", "Personalisation",
"""Hello,

please stop personalising my homepage and app feed based on my purchases.
I'd rather just browse normally. I want to keep my account, and I'm fine
with receiving the newsletter.

Regards,
Mark Thompson
"""),
("object-treatment-history-analysis", "objection", "en", "formal-objection-treatment-history", "ico-right-to-object",
 "Catherine Hughes", "c.hughes@example.com", "Objection to use of my treatment history",
"""Dear Harmoniq,

I object to you using my treatment history at your clinics to analyse my
skin and suggest products to me. Please stop this processing. This is not
a request to delete my records.

Yours sincerely,
Catherine Hughes
"""),
("no-more-offers-please", "marketing_optout", "en", "plain-optout-short", "invented",
 "", "kay77@example.com", "offers",
"""no more offers please. thanks
"""),
("pls-remove-sms-offers", "marketing_optout", "en", "optout-sms-texting-style", "invented",
 "J Kowalski", "jkowalski@example.com", "sms",
"""pls remove me from the sms offers list thx. +46 73 111 22 33
"""),
("newsletter-twice-same-address", "ordinary", "en", "hard-neg-newsletter-twice", "invented",
 "Ben Walker", "ben.walker@example.com", "Getting your newsletter twice",
"""Hi,

I've been getting two copies of every newsletter for the past month, both
to this address. Not a big deal, just thought you should know something
might be off on your end.

Cheers,
Ben
"""),
("delete-duplicate-app-account", "erasure", "en", "erasure-duplicate-account-keep-main", "retailer-help-delete-account",
 "Sam Reid", "sam.reid@example.com", "Duplicate account",
"""Hi,

I accidentally created a second account (sam.r@example.com) when I signed
up in the app, forgetting I already had one. Please delete that duplicate
account entirely. My main account, sam.reid@example.com, should stay as it
is - it has my club points.

Thanks,
Sam Reid
"""),
("delete-booking-thursday", "ordinary", "en", "hard-neg-booking-delete", "salon-help-cancel-booking",
 "Jess Taylor", "jess.taylor@example.com", "Delete my booking Thursday",
"""Hi,

please delete my booking for Thursday 10:30 (brow lamination, Sundbyberg).
Something came up at work. I'll rebook later.

Thanks,
Jess
"""),
("cant-clear-saved-basket", "ordinary", "en", "hard-neg-delete-saved-basket", "retailer-help-basket",
 "Hannah Lee", "hannah.lee@example.com", "Can't clear saved basket",
"""Hi,

my saved basket still shows products from last autumn and there is no
delete button in the app. Can you delete it for me? Only the basket,
nothing else.

Thanks,
Hannah
"""),
("change-newsletter-email-graduating", "rectification", "en", "rectification-newsletter-email-change", "retailer-help-change-email",
 "Kate O'Brien", "k.obrien@example.com", "Change email for newsletter",
"""Hello,

my newsletter and receipts go to my university email (k.obrien@example.com),
which I'll lose after graduating in June. Please change the email address on
my account to kate.obrien@example.com. Keep me subscribed!

Kate O'Brien
"""),
("new-number-and-no-sms-offers", "rectification,marketing_optout", "en", "multi-rectification-and-optout", "invented",
 "Ahmed Yusuf", "ahmed.yusuf@example.com", "New number + no SMS",
"""Hi,

my phone number has changed - please update my account to +46 76 222 33 44
(the old one was +46 70 444 55 66). And while you're at it, I don't want the
SMS offers on the new number. Booking reminders are fine.

Thanks,
Ahmed
"""),
("object-camera-robe-waiting-area", "objection", "en", "objection-camera-waiting-area", "imy-kamerabevakning-guidance",
 "Nina Patel", "nina.patel@example.com", "Camera in the robe waiting area",
"""Hello,

at the Uppsala clinic there is a camera pointing at the waiting area where
we sit in robes between treatments. I object to being filmed there. Please
stop recording me in that area and let me know what you will do about it.

Regards,
Nina Patel
"""),
("no-notes-about-private-life", "objection", "en", "objection-therapist-notes-private-life", "harmoniq-policy-social-contact",
 "Emily Carter", "emily.carter@example.com", "Notes about my personal life",
"""Hi,

my therapist mentioned she had "noted down" that I'm going through IVF, so
she'd remember to ask how it's going. I appreciate the thought, but I don't
want you keeping notes about my private life in my client file. Notes about
my skin are fine. Please stop doing that.

Best,
Emily Carter
"""),
("sms-offer-not-honoured-store", "ordinary", "en", "hard-neg-sms-offer-wrong", "invented",
 "Grace Wilson", "grace.wilson@example.com", "SMS offer not honoured",
"""Hi,

I got a text on Friday saying "2 for 1 on all sheet masks this weekend".
The store on Kungsgatan refused it and said it was online only, but the
text says nothing about that. Could you sort this out?

Regards,
Grace Wilson
"""),
("club-discount-didnt-apply", "ordinary", "en", "hard-neg-club-discount-missing", "retailer-help-club-discount",
 "Michael Novak", "m.novak@example.com", "Club discount didn't apply",
"""Hello,

I'm a Harmoniq Club member (no. 5512098) but my member discount didn't
apply to order 886120 yesterday, even though I was logged in. Could you
refund the difference?

Thanks,
Michael
"""),
("unsubscribed-by-accident-sign-me-up", "ordinary", "en", "hard-neg-resubscribe-by-mistake", "invented",
 "Chloe Adams", "chloe.adams@example.com", "Unsubscribed by accident",
"""Hi!

I unsubscribed from your newsletter by mistake while cleaning up my inbox.
Could you sign me up again please? Same email as this one.

Thanks,
Chloe
"""),
("copy-of-skin-analysis-machine-data", "access", "en", "access-skin-analysis-data", "ico-sar-template",
 "Sophie Martin", "sophie.martin@example.com", "Data from the skin analysis machine",
"""Hi,

when I did the skin analysis, the machine took photos and measurements of
my face. I'd like a copy of all the data you stored about me from it, and
to know how long you keep it.

Thanks,
Sophie Martin
"""),
("how-does-app-decide-recommendations", "triage", "en", "triage-general-question-recommendations", "invented",
 "Lucy Evans", "lucy.evans@example.com", "How do the app recommendations work?",
"""Hi,

out of curiosity - how does the app decide what to recommend to me? Does it
use my purchases, my skin analyses, my location? I just want to understand
how my data is being used before I do the makeup analysis as well.

Thanks,
Lucy
"""),
("unsubscribe-and-stop-recommended-for-you", "objection,marketing_optout", "en", "multi-optout-and-objection", "invented",
 "Robert Hall", "robert.hall@example.com", "Newsletter and recommendations",
"""Hello,

two things: please unsubscribe me from the newsletter, and stop using my
purchase history to generate "recommended for you" products.

Thanks,
Robert Hall
"""),
("re-newsletter-tinted-spf-shade", "ordinary", "en", "hard-neg-reply-to-newsletter-product-question", "retailer-newsletter-template",
 "Fiona Gallagher", "fiona.g@example.com", "Re: New in: the Summer Glow edit",
"""Hi, does the tinted SPF in this mail come in a lighter shade than
"Light"? I'm very fair.

Thanks,
Fiona

On Tue, Harmoniq <news@harmoniq.se> wrote:
> New in: the Summer Glow edit - tinted SPF, bronzing drops and more.
>
> You're receiving this because you signed up for Harmoniq news.
> Unsubscribe | Update preferences | Privacy policy
"""),
# Finnish
("en-halua-tarjoustekstiviesteja", "marketing_optout", "fi", "optout-sms-fi", "retailer-help-unsubscribe-sms",
 "Tiina Virtanen", "tiina.virtanen@example.fi", "Tekstiviestit",
"""Hei,

en halua enää tekstiviestejä tarjouksista. Numero on 040 123 4567.

Kiitos,
Tiina Virtanen
"""),
("uutiskirjeen-alennuskoodi-ei-toimi", "ordinary", "fi", "hard-neg-newsletter-discount-code", "invented",
 "Sanna Laine", "sanna.laine@example.fi", "Alennuskoodi ei toimi",
"""Hei,

uutiskirjeessä ollut alennuskoodi KEVAT15 ei toimi verkkokaupassa, se
sanoo että koodi on virheellinen. Voitteko auttaa?

Terveisin
Sanna
"""),
("ostohistoria-ei-suosituksiin", "objection", "fi", "objection-recommendations-fi", "tietosuoja-vastustamisoikeus",
 "Jari Mäkinen", "jari.makinen@example.fi", "Henkilökohtaiset suositukset",
"""Hei,

en halua, että ostohistoriaani käytetään henkilökohtaisiin
tuotesuosituksiin sovelluksessa. Lopettakaa se. Tilini saa jäädä.

Ystävällisin terveisin
Jari Mäkinen
"""),
("kuinka-kauan-ihoanalyysi-kestaa", "ordinary", "fi", "hard-neg-skin-analysis-duration", "invented",
 "Anu Heikkinen", "anu.heikkinen@example.fi", "Ihoanalyysi",
"""Hei! Kuinka kauan ihoanalyysi kestää? Pitääkö tulla ilman meikkiä?

- Anu
"""),
("poistakaa-vahingossa-luotu-tili", "erasure", "fi", "erasure-duplicate-account-keep-main", "invented",
 "Liisa Koskinen", "liisa.koskinen@example.fi", "Toinen tili vahingossa",
"""Hei,

loin vahingossa toisen tilin osoitteella liisa.k@example.fi. Poistakaa se
tili kokonaan. Päätilini osoitteella liisa.koskinen@example.fi saa jäädä
ennalleen.

Kiitos!
Liisa Koskinen
"""),
# German
("newsletter-auf-deutsch", "ordinary", "de", "hard-neg-newsletter-language", "invented",
 "Katrin Bauer", "katrin.bauer@example.de", "Newsletter auf Deutsch?",
"""Hallo,

ich wohne seit Kurzem in Malmö und spreche kaum Schwedisch. Gibt es Ihren
Newsletter auch auf Deutsch oder Englisch? Ich möchte die Angebote nicht
verpassen.

Viele Grüße
Katrin Bauer
"""),
("keine-werbung-mehr-mail-sms-post", "marketing_optout", "de", "optout-all-channels-de", "verbraucherzentrale-musterbrief-werbung",
 "Thomas Weber", "thomas.weber@example.de", "Keine Werbung mehr",
"""Sehr geehrte Damen und Herren,

bitte senden Sie mir ab sofort keine Werbung mehr zu, weder per E-Mail
noch per SMS oder per Post.

Mit freundlichen Grüßen
Thomas Weber
"""),
("widerspruch-videoueberwachung-flur", "objection", "de", "objection-camera-de", "dsk-videoueberwachung",
 "Julia Schmitt", "julia.schmitt@example.de", "Widerspruch gegen Videoüberwachung",
"""Hallo,

in Ihrer Klinik in Helsingborg ist eine Kamera auf den Flur vor den
Behandlungsräumen gerichtet, wo man im Bademantel wartet. Ich widerspreche
der Videoaufzeichnung meiner Person dort. Bitte teilen Sie mir mit, was Sie
unternehmen.

Gruß
Julia Schmitt
"""),
("gutschein-link-newsletter-kaputt", "ordinary", "de", "hard-neg-newsletter-broken-link", "invented",
 "Sabine Krüger", "sabine.krueger@example.de", "Gutschein-Link im Newsletter",
"""Hallo,

der Gutschein-Link in Ihrem letzten Newsletter führt ins Leere (Seite nicht
gefunden). Können Sie mir den Code einfach per Mail schicken?

LG Sabine
"""),
("termin-samstag-loeschen", "ordinary", "de", "hard-neg-booking-delete", "salon-help-cancel-booking",
 "Petra Hoffmann", "petra.hoffmann@example.de", "Termin am Samstag",
"""Guten Tag,

bitte löschen Sie meinen Termin am Samstag um 11 Uhr (Maniküre). Ich bin
leider krank.

Danke und Gruß
Petra Hoffmann
"""),
# Danish
("afmeld-nyhedsbrev", "marketing_optout", "da", "plain-optout-newsletter-da", "invented",
 "Mette Jensen", "mette.jensen@example.dk", "Nyhedsbrev",
"""Hej

Afmeld mig jeres nyhedsbrev, tak.

Mvh Mette Jensen
"""),
("fik-ikke-sms-koden-booking", "ordinary", "da", "hard-neg-sms-booking-code", "invented",
 "Lars Mortensen", "lars.mortensen@example.dk", "SMS-kode til booking",
"""Hej,

jeg fik ikke SMS-koden til at bekræfte min booking på klinikken i Malmø.
Jeg har prøvet to gange. Kan I se om bookingen er gået igennem?

Hilsen Lars
"""),
("stop-profilering-af-mine-koeb", "objection", "da", "objection-purchase-profiling-da", "datatilsynet-dk-indsigelse",
 "Søren Nielsen", "soren.nielsen@example.dk", "Profilering",
"""Hej,

stop med at profilere mine køb. Jeg ønsker ikke personlige anbefalinger
baseret på min købshistorik. Min konto skal ikke slettes.

Hilsen
Søren Nielsen
"""),
("slet-min-anmeldelse-haarolie", "ordinary", "da", "hard-neg-delete-review", "invented",
 "Camilla Holm", "camilla.holm@example.dk", "Anmeldelse",
"""Hej,

kan I slette den anmeldelse, jeg skrev af håroliet i sidste uge? Jeg har
ombestemt mig, den er faktisk god nu hvor jeg bruger mindre af den.

Hilsen Camilla
"""),
("hvordan-opbevares-hudanalyser", "triage", "da", "triage-general-question-analysis-storage", "invented",
 "Anne Sørensen", "anne.sorensen@example.dk", "Hudanalyse",
"""Hej,

jeg fik lavet en hudanalyse hos jer i sidste måned. Hvordan bliver
resultaterne og billederne opbevaret, og er det sikkert?

Venlig hilsen
Anne Sørensen
"""),
# Norwegian
("ikke-send-flere-sms-tilbud", "marketing_optout", "no", "optout-sms-no", "invented",
 "Kari Nilsen", "kari.nilsen@example.no", "SMS",
"""Hei,

ikke send meg flere SMS-tilbud. Nummeret er 912 34 567.

Hilsen Kari Nilsen
"""),
("klubbrabatten-ble-ikke-trukket", "ordinary", "no", "hard-neg-club-discount-missing", "invented",
 "Ingrid Haugen", "ingrid.haugen@example.no", "Klubbrabatt",
"""Hei,

klubbrabatten ble ikke trukket fra på bestillingen min i går (ordre
886301). Kan dere sjekke?

Mvh Ingrid Haugen
"""),
("ikke-notater-om-privatlivet", "objection", "no", "objection-therapist-notes-no", "datatilsynet-no-protest",
 "Hilde Berg", "hilde.berg@example.no", "Notater",
"""Hei,

behandleren min sa at hun hadde skrevet ned at jeg er alenemor og har
dårlig råd, "så hun husker det". Jeg vil ikke at dere lagrer notater om
privatlivet mitt. Det som gjelder huden er greit.

Hilsen Hilde Berg
"""),
("anbefale-harkur-torr-krollete", "ordinary", "no", "hard-neg-recommend-product", "invented",
 "Silje Dahl", "silje.dahl@example.no", "Hårkur",
"""Hei! Kan dere anbefale en hårkur for tørt og krøllete hår? Gjerne uten
silikon.

Mvh Silje
"""),
("fjern-gamle-telefonnummeret", "rectification", "no", "rectification-remove-old-phone", "invented",
 "Espen Lie", "espen.lie@example.no", "Telefonnummer",
"""Hei,

fjern det gamle telefonnummeret mitt (+47 934 56 789) fra kontoen min, jeg
har det ikke lenger. Det nye er +47 468 12 345.

Hilsen Espen Lie
"""),
]
