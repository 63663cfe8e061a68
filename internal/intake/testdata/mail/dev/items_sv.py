# (slug, expect, lang, class, source, name, addr, subject, body)
SV = [
("rabattkod-nyhetsbrev-ogiltig", "ordinary", "sv", "hard-neg-newsletter-discount-code", "retailer-help-newsletter-offer",
 "Malin Ek", "malin.ek@example.se", "Rabattkoden från nyhetsbrevet",
"""Hej!

I veckans nyhetsbrev stod det att koden VAR25 ger 25 % på allt inom
hårvård, men när jag skriver in den i kassan står det "ogiltig kod". Jag
har testat både i appen och på datorn. Gäller den bara vissa märken?

Vill gärna beställa innan helgen.

Mvh Malin
"""),
("lanken-i-nyhetsbrevet-404", "ordinary", "sv", "hard-neg-newsletter-broken-link", "invented",
 "Sara Lindgren", "sara.lindgren@example.se", "Länken i nyhetsbrevet funkar inte",
"""Hej,

knappen "Handla kampanjen" i nyhetsbrevet ni skickade i morse leder bara
till en sida där det står 404 - sidan finns inte. Jag ville kolla in de nya
läppstiften. Kan ni skicka rätt länk?

/Sara
"""),
("fick-ingen-sms-kod-bokning", "ordinary", "sv", "hard-neg-sms-booking-code", "salon-help-booking",
 "Emma", "emma.w92@example.se", "fick ingen sms kod",
"""hej, försöker boka ansiktsbehandling på kliniken i uppsala via appen men
sms-koden för att bekräfta bokningen kommer aldrig. har testat 3 ggr.
numret stämmer, 070-123 45 67. vad gör jag?? vill ha tiden på torsdag

// Emma
"""),
("vill-ha-fler-erbjudanden", "ordinary", "sv", "hard-neg-wants-more-offers", "invented",
 "Lotta Sandberg", "lotta.s@example.se", "Fler erbjudanden?",
"""Hej!

Jag gick med i Harmoniq Club i våras men får nästan aldrig några
SMS-erbjudanden, medan min väninna får typ varje vecka. Hur gör jag för att
få fler erbjudanden? Har jag missat att kryssa i något?

Kram Lotta
"""),
("fel-i-sms-erbjudandet-3-for-2", "ordinary", "sv", "hard-neg-sms-offer-wrong", "invented",
 "Per Lindqvist", "per.lindqvist@example.se", "Fel i SMS-erbjudandet",
"""Hej.

Ni skickade ett SMS i torsdags: "3 för 2 på all hudvård i butik t.o.m.
söndag". I butiken på Drottninggatan sa personalen att det bara gällde ert
eget märke och att SMS:et var fel. Det känns inte okej att åka dit i
onödan. Kommer ni att kompensera på något sätt?

Med vänliga hälsningar
Per Lindqvist
"""),
("klubbrabatten-drogs-inte", "ordinary", "sv", "hard-neg-club-discount-missing", "retailer-help-club-discount",
 "Johanna Berg", "johanna.berg@example.se", "Klubbrabatten drogs inte",
"""Hej,

jag handlade för 1 240 kr på harmoniq.se igår (order 884213) och var
inloggad, men de 10 % klubbrabatt jag brukar få drogs inte. Kan ni kolla
varför och betala tillbaka mellanskillnaden?

/Johanna Berg
"""),
("byt-mejl-for-nyhetsbrevet", "rectification", "sv", "rectification-newsletter-email-change", "retailer-help-change-email",
 "Anna Holm", "anna.holm77@example.se", "Byt e-postadress för nyhetsbrevet",
"""Hej,

nyhetsbrevet och allt annat från er går till min gamla jobbadress
anna.holm@example.com, som stängs vid månadsskiftet. Kan ni ändra
e-postadressen på mitt konto till anna.holm77@example.se? Jag vill
fortsätta få nyhetsbrevet, bara till rätt adress.

Tack!
Anna Holm
"""),
("avregistrerade-mig-av-misstag", "ordinary", "sv", "hard-neg-resubscribe-by-mistake", "invented",
 "Nora Ali", "nora.ali@example.se", "avregistrerade mig av misstag",
"""hej! klickade visst på "avregistrera" längst ner i nyhetsbrevet när jag
skulle trycka på en bild.. vill absolut fortsätta få det! kan ni lägga
till mig igen? samma adress som jag skriver från.

tack / Nora
"""),
("svar-nyhetsbrev-serum-50-ml", "ordinary", "sv", "hard-neg-reply-to-newsletter-product-question", "retailer-newsletter-template",
 "Karin Dahl", "karin.dahl@example.se", "SV: Nyhet! Glow Drops C-vitaminserum",
"""Hej, finns serumet även i 50 ml eller bara 30? Och funkar det ihop med
retinol på kvällen?

/Karin

-----Ursprungligt meddelande-----
Från: Harmoniq <nyhetsbrev@harmoniq.se>
Ämne: Nyhet! Glow Drops C-vitaminserum

> Nyhet! Glow Drops - vårt nya C-vitaminserum för lyster.
> Klubbmedlemmar handlar med 15 % rabatt hela veckan.
>
> Du får det här mejlet eftersom du prenumererar på Harmoniqs
> nyhetsbrev. Vill du inte längre få våra utskick? Avregistrera dig här.
> Hantera dina inställningar | Läs vår integritetspolicy
"""),
("orderbekraftelser-kommer-dubbelt", "ordinary", "sv", "hard-neg-duplicate-order-confirmations", "invented",
 "Erik Sundin", "erik.sundin@example.se", "Sluta skicka orderbekräftelserna dubbelt",
"""Hej,

varje gång jag beställer får jag två likadana orderbekräftelser, senast för
order 884990. Det är förvirrande, jag trodde först att jag hade beställt
två gånger. Kan ni fixa så att det bara kommer en?

Mvh Erik
"""),
("nyhetsbrevet-kommer-tva-ganger", "ordinary", "sv", "hard-neg-newsletter-twice", "invented",
 "Ingrid Persson", "ingrid.persson@example.se", "Får nyhetsbrevet två gånger",
"""Hej!

Sedan ett par veckor kommer varje nyhetsbrev två gånger till samma adress,
med några minuters mellanrum. Inget stort problem, men jag tänkte att ni
vill veta om det är något fel hos er.

Hälsningar
Ingrid
"""),
("tips-serum-torr-hy", "ordinary", "sv", "hard-neg-recommend-serum", "invented",
 "Birgitta Olsson", "birgitta.olsson@example.se", "Tips på serum?",
"""Hej! kan ni rekommendera ett serum för torr och lite känslig hy? gärna
oparfymerat och under 400 kr. jag är 52 om det spelar roll :)

mvh Birgitta
"""),
("vad-betyder-siffrorna-hudanalys", "ordinary", "sv", "hard-neg-skin-analysis-result-question", "invented",
 "Fatima Hassan", "fatima.hassan@example.se", "Vad betyder resultatet från hudanalysen?",
"""Hej,

jag gjorde hudanalysen på kliniken i Lund förra veckan och i appen står det
nu "Fukt: 38, Porer: 71, Pigment: 22". Vad betyder siffrorna - är 38
dåligt? Terapeuten hann inte förklara så mycket.

Tacksam för svar!
Fatima
"""),
("haranalys-hur-lang-tid", "ordinary", "sv", "hard-neg-hair-analysis-duration", "salon-help-treatments",
 "Linnea Ström", "linnea.strom@example.se", "Håranalys - hur lång tid?",
"""Hej,

hur lång tid tar håranalysen? Och ska man komma med nytvättat hår eller
inte? Funderar på att boka på lördag.

/Linnea
"""),
("berom-rekommendationer-appen", "ordinary", "sv", "hard-neg-praise-recommendations", "invented",
 "Hanna Ek", "hanna.ek@example.se", "Beröm till appen!",
"""Hej!

Ville bara säga att rekommendationerna i appen har blivit sååå bra.
Foundationen den föreslog efter makeupanalysen är den första någonsin som
faktiskt matchar min hy. Fortsätt så!

/Hanna
"""),
("allergi-anteckna-i-journalen", "ordinary", "sv", "hard-neg-note-allergy", "invented",
 "Ulrika Sjöberg", "ulrika.sjoberg@example.se", "Allergi - kan det antecknas?",
"""Hej,

jag har bokat ansiktsbehandling den 14 maj. Jag är allergisk mot lanolin
och blev röd och svullen förra gången. Kan terapeuten anteckna det i min
journal så att alla på kliniken ser det nästa gång?

Mvh
Ulrika Sjöberg
"""),
("kamera-i-omkladningsrummet-fraga", "triage", "sv", "triage-camera-changing-room-question", "invented",
 "Sofia Karlsson", "sofia.karlsson@example.se", "Kamera i omklädningsrummet?",
"""Hej,

jag var på kroppsbehandling på kliniken i Västerås i tisdags och tyckte att
jag såg en liten kamera i taket i omklädningsrummet. Stämmer det? Finns det
kameror där man byter om? Vill gärna veta innan jag går dit igen.

/Sofia
"""),
("bedom-min-hudtyp-nasta-besok", "ordinary", "sv", "hard-neg-please-profile-skin", "invented",
 "Maja Nilsson", "maja.nilsson@example.se", "Hudtyp nästa besök",
"""Hej!

Jag kommer på behandling igen i juni. Kan ni göra en ordentlig bedömning av
min hudtyp då och lägga in den i min profil, så att jag får tips som
passar? Jag vet aldrig om jag är kombinerad eller torr haha.

/Maja
"""),
("motsatter-mig-profilering-kophistorik", "objection", "sv", "objection-purchase-profiling", "ico-right-to-object",
 "Gunnar Åberg", "gunnar.aberg@example.se", "Invändning mot profilering",
"""Hej.

Jag har märkt att sajten och appen visar "Utvalt för dig" utifrån vad jag
har köpt. Jag motsätter mig att ni analyserar min köphistorik för att
profilera mig. Sluta med det. Mitt konto och mina ordrar ska finnas kvar.

Med vänlig hälsning
Gunnar Åberg
"""),
("behandlingshistorik-inte-till-rekommendationer", "objection", "sv", "objection-treatment-history-recommendations", "invented",
 "Amir Haddad", "amir.haddad@example.se", "Min behandlingshistorik",
"""Hej,

jag vill inte att mina behandlingar på kliniken (jag har gått på
aknebehandling i ett halvår) används för att ge mig produktrekommendationer
i appen. Det är privat. Se till att den kopplingen stängs av för mitt konto.

Tack,
Amir Haddad
"""),
("invander-mot-kamera-korridoren", "objection", "sv", "objection-camera-corridor", "imy-kamerabevakning-guidance",
 "Eva Nordin", "eva.nordin@example.se", "Kameran i korridoren vid Stortorget",
"""Hej,

på kliniken vid Stortorget sitter en kamera riktad mot korridoren utanför
behandlingsrummen, där man går omkring i morgonrock. Jag invänder mot
kamerabevakningen där och vill att ni slutar filma mig i den delen av
kliniken. Ni når mig på den här adressen.

Eva Nordin
"""),
("inga-anteckningar-om-privatlivet", "objection", "sv", "objection-therapist-notes-private-life", "harmoniq-policy-social-contact",
 "Cecilia Wahl", "cecilia.wahl@example.se", "Anteckningar om mitt privatliv",
"""Hej!

Min frisör på Harmoniq i Gävle nämnde i förbifarten att det "står i
anteckningarna" att jag ska skiljas och att min son bor hos sin pappa. Jag
förstår att ni vill hålla god kontakt, men jag vill inte att ni för
anteckningar om mitt privatliv. Hårfärg och allergier går bra, inget annat.

Mvh Cecilia
"""),
("avregistrera-mig-tack", "marketing_optout", "sv", "plain-optout-sms-style", "invented",
 "", "j.holmqvist@example.se", "avregistrera",
"""avregistrera mig tack
"""),
("sluta-skicka-katalogen", "marketing_optout", "sv", "optout-catalogue", "retailer-help-unsubscribe-catalogue",
 "Lars Öhman", "lars.ohman@example.se", "Katalogen",
"""Hej,

jag vill inte längre få er tryckta katalog hemskickad. Den går rakt i
pappersinsamlingen ändå.

Lars Öhman
Björkvägen 12
352 36 Växjö
"""),
("sluta-ringa-med-erbjudanden", "marketing_optout", "sv", "optout-marketing-calls", "nix-telefon-guidance",
 "Bo Eriksson", "bo.eriksson@example.se", "Sluta ringa",
"""Hej,

någon från Harmoniq har ringt mig två gånger den här veckan och erbjudit
klubberbjudanden och provpaket. Jag vill inte bli uppringd i säljsyfte
igen. Numret är 070-555 12 34.

/Bo
"""),
("ta-bort-mig-fran-sms-listan", "marketing_optout", "sv", "optout-remove-from-sms-list", "retailer-help-unsubscribe-sms",
 "Jenny Lund", "jenny.lund@example.se", "Ta bort mig från sms-listan",
"""Hej! Ta bort mig från er SMS-lista. Jag vill fortfarande få mejl om mina
beställningar, men inga sms. Nummer 073-222 45 67.

Tack, Jenny
"""),
("inga-fler-erbjudanden-utan-prickar", "marketing_optout", "sv", "optout-ae-oe-spelling", "invented",
 "Mats Hakansson", "mats.hakansson@example.se", "inga fler erbjudanden",
"""Hej,

jag vill inte ha nagra fler erbjudanden fran er, varken pa mejl eller sms.
Sitter utomlands med ett tangentbord utan a-ring och prickar sa ursakta
stavningen.

/Mats Hakansson
"""),
("radera-min-bokning-fredag", "ordinary", "sv", "hard-neg-booking-delete", "salon-help-cancel-booking",
 "Helena Björk", "helena.bjork@example.se", "Radera min bokning",
"""Hej,

kan ni radera min bokning på fredag kl 15 (ansiktsbehandling hos Anna)?
Jag har fått förhinder. Bokningsnummer B-55120.

/Helena
"""),
("ta-bort-recension-fel-produkt", "ordinary", "sv", "hard-neg-delete-review", "retailer-help-reviews",
 "Tove", "tove.m@example.se", "ta bort min recension",
"""hej, jag skrev en recension på hårinpackningen igår men det var fel
produkt, jag menade balsamet. kan ni ta bort den? skriver en ny på rätt
produkt sen

/ Tove
"""),
("radera-sparad-varukorg-appen", "ordinary", "sv", "hard-neg-delete-saved-basket", "retailer-help-varukorg",
 "Rebecka Falk", "rebecka.falk@example.se", "Töm sparad varukorg",
"""Hej!

I appen ligger en sparad varukorg från i julas med grejer som inte ens
finns längre, och jag kan inte ta bort den. Kan ni radera den? Det gäller
bara varukorgen, inget annat.

/Rebecka
"""),
("radera-dubbelkontot-behall-huvudkontot", "erasure", "sv", "erasure-duplicate-account-keep-main", "retailer-help-radera-konto",
 "Rebecca Lund", "rebecca.lund@example.se", "Dubbelkonto",
"""Hej,

jag råkade skapa ett nytt konto med rebecca.l@example.com när jag handlade
i mobilen, fast jag redan har ett konto med rebecca.lund@example.se.
Radera det nya kontot (example.com-adressen) helt, men behåll mitt vanliga
konto med alla poäng.

/Rebecca Lund
"""),
("ta-bort-gamla-mobilnumret", "rectification", "sv", "rectification-remove-old-phone", "imy-rectification-guidance",
 "Oskar Ljung", "oskar.ljung@example.se", "Gammalt nummer",
"""Hej,

ta bort mitt gamla mobilnummer 070-111 22 33 från mitt konto, jag har inte
kvar det. Det nya är 072-444 55 66.

Mvh Oskar Ljung
"""),
("ga-ur-klubben-och-inga-nyhetsbrev", "erasure,marketing_optout", "sv", "multi-erasure-club-and-newsletter", "retailer-help-avsluta-medlemskap",
 "Kristina Falk", "kristina.falk@example.se", "Avsluta Harmoniq Club och nyhetsbrev",
"""Hej,

jag vill gå ur Harmoniq Club och att ni raderar mitt medlemskap. Sluta
också skicka nyhetsbrevet till mig. Mejladressen är den här.

Vänliga hälsningar
Kristina Falk
"""),
("inga-reklam-sms-sluta-anpassa-appen", "objection,marketing_optout", "sv", "multi-optout-and-objection-numbered", "invented",
 "Viktor", "viktor.ahl@example.se", "sms + appen",
"""hej.
1) inga fler reklam-sms.
2) sluta anpassa appen efter vad jag köper, jag vill se samma som alla
andra.
tack / Viktor
"""),
("nar-kommer-black-week-erbjudandena", "ordinary", "sv", "hard-neg-newsletter-offer-date", "invented",
 "Ebba Strand", "ebba.strand@example.se", "När kommer erbjudandena?",
"""Hej!

I förra nyhetsbrevet stod det att Black Week-erbjudandena för
klubbmedlemmar kommer "snart". Vet ni vilket datum? Ska köpa julklappar.

/Ebba
"""),
("varfor-far-jag-era-sms-aldrig-kund", "triage", "sv", "triage-why-marketing", "forum-question",
 "Tomas Gran", "tomas.gran@example.se", "Varför får jag era SMS?",
"""Hej,

jag får SMS från Harmoniq om erbjudanden hela tiden, men jag har aldrig
handlat hos er och aldrig gått med i någon klubb. Varför får jag dem?

Tomas Gran
"""),
("svar-pa-kampanj-sluta-skicka", "marketing_optout", "sv", "reply-to-newsletter-stop", "invented",
 "Gun Eklund", "gun.eklund@example.se", "SV: Bara idag: -20 % på all makeup",
"""sluta skicka dessa. tack

Gun

> Bara idag: -20 % på all makeup!
> Gäller på harmoniq.se och i alla butiker t.o.m. midnatt.
>
> Avregistrera | Hantera prenumeration
"""),
("onskelistan-produkter-kommer-tillbaka", "ordinary", "sv", "hard-neg-wishlist-bug", "invented",
 "Elin Holm", "elin.holm@example.se", "Önskelistan",
"""Hej,

jag försöker ta bort två produkter ur min önskelista i appen, men de kommer
tillbaka hela tiden när jag öppnar den igen. Är det en bugg?

/Elin
"""),
("far-syster-filma-brollopsmakeup", "ordinary", "sv", "hard-neg-camera-filming-own", "invented",
 "Alva Bergström", "alva.bergstrom@example.se", "Filma behandlingen?",
"""Hej!

Jag har bokat bröllopsmakeup den 20 juni. Får min syster filma när
makeupartisten jobbar? Vill ha det till en reel på Instagram.

/Alva
"""),
("radera-allt-konto-analyser-anteckningar", "erasure", "sv", "plain-erasure-incl-analyses-notes", "imy-radering-guidance",
 "Susanne Wikström", "susanne.wikstrom@example.se", "Radera mina uppgifter",
"""Hej,

jag vill att ni raderar allt ni har om mig - kontot, köphistoriken,
hudanalyserna och terapeuternas anteckningar. Jag ska inte vara kund hos er
längre. Skicka gärna en bekräftelse när det är gjort.

Mvh
Susanne Wikström
"""),
("vill-se-terapeuternas-anteckningar", "access", "sv", "access-therapist-notes", "imy-registerutdrag-guidance",
 "Pernilla Ahlgren", "pernilla.ahlgren@example.se", "Vad står i anteckningarna?",
"""Hej,

jag vill se vad terapeuterna har skrivit om mig i anteckningarna på
kliniken i Solna. Kan ni skicka en kopia till mig? Jag har gått där sedan
2023.

Pernilla Ahlgren
"""),
("aterkallar-samtycke-narbilder-hudanalys", "consent_withdrawal", "sv", "consent-withdrawal-analysis-photos", "harmoniq-policy-consent",
 "Nadia Saleh", "nadia.saleh@example.se", "Återkallar samtycke - bilder",
"""Hej,

när jag gjorde hudanalysen godkände jag att ni sparar närbilderna på mitt
ansikte. Jag återkallar det samtycket nu. Mitt konto vill jag ha kvar.

Nadia Saleh
"""),
("inget-sms-om-upphamtning", "ordinary", "sv", "hard-neg-pickup-sms-missing", "retailer-help-click-and-collect",
 "Jessica Lind", "jessica.lind@example.se", "Inget SMS om upphämtning",
"""Hej,

jag valde att hämta i butiken i Mall of Scandinavia men har inte fått något
SMS om att paketet är klart. Order 885402, beställd i måndags. Har det
kommit?

/Jessica
"""),
("tre-paminnelse-sms-samma-tid", "ordinary", "sv", "hard-neg-booking-reminder-sms-repeated", "invented",
 "Moa", "moa.eng@example.se", "tre påminnelse-sms",
"""Hej, jag fick TRE påminnelse-sms om min frisörtid i morse, exakt samma
text. Det räcker med ett :) Kan ni kolla er utskickstjänst? Tiden vill jag
såklart ha kvar.

/Moa
"""),
("inga-sms-erbjudanden-bara-paminnelser", "marketing_optout", "sv", "optout-sms-offers-keep-reminders", "retailer-help-unsubscribe-sms",
 "Ida Strand", "ida.strand@example.se", "Bara påminnelser, inga erbjudanden",
"""Hej,

jag vill inte längre få SMS med erbjudanden och kampanjer. Påminnelserna om
mina bokade tider vill jag däremot ha kvar. Nummer 076-123 98 76.

Tack!
Ida Strand
"""),
("stang-av-utvalt-for-dig-behall-nyhetsbrev", "objection", "sv", "objection-personalisation-keep-newsletter", "invented",
 "Jonas Berglund", "jonas.berglund@example.se", "\"Utvalt för dig\"",
"""Hej.

Jag vill inte att ni använder mina köp och klick för att ta fram "Utvalt
för dig" på startsidan. Stäng av personaliseringen för mig. Nyhetsbrevet
får ni gärna fortsätta skicka.

Jonas Berglund
"""),
("boka-ny-hudanalys-pris", "ordinary", "sv", "hard-neg-new-skin-analysis-booking", "salon-help-treatments",
 "Amanda Roos", "amanda.roos@example.se", "Ny hudanalys",
"""Hej!

Min senaste hudanalys är från förra våren. Kan jag boka en ny utan att köpa
en behandling samtidigt, och vad kostar det?

/Amanda
"""),
("avsluta-nyhetsbrev-kvar-i-klubben", "marketing_optout", "sv", "optout-newsletter-keep-club", "retailer-help-subscription",
 "Camilla Ros", "camilla.ros@example.se", "Nyhetsbrevet",
"""Hej,

avsluta min prenumeration på nyhetsbrevet. Jag vill vara kvar i Harmoniq
Club och behålla mina poäng.

/Camilla Ros
"""),
("avsluta-klubbmedlemskap", "erasure", "sv", "erasure-club-membership", "retailer-help-avsluta-medlemskap",
 "Anders Nyberg", "anders.nyberg@example.se", "Avsluta klubbmedlemskap",
"""Hej,

jag vill avsluta mitt medlemskap i Harmoniq Club. Poängen får gå förlorade.
Medlemsnummer 4408812.

Mvh
Anders Nyberg
"""),
("fick-annans-bokningsbekraftelse", "triage", "sv", "triage-data-leak-other-customer", "imy-personuppgiftsincident",
 "Marie Johansson", "marie.johansson@example.se", "Fick någon annans uppgifter",
"""Hej,

igår fick jag ett mejl från er med en bokningsbekräftelse för "Linda
Karlsson", med hennes telefonnummer och vilken behandling hon har bokat.
Jag heter inte Linda. Hur kan det hända? Ligger mina uppgifter hos någon
annan också?

Marie Johansson
"""),
("har-inte-fatt-varkatalogen", "ordinary", "sv", "hard-neg-catalogue-request", "invented",
 "Margareta Svensson", "margareta.svensson@example.se", "Vårkatalogen?",
"""Hej,

jag brukar få er katalog på posten men har inte fått vårkatalogen i år.
Kan ni skicka en? Adressen är samma som förut.

Vänliga hälsningar
Margareta Svensson
"""),
("fel-kon-i-profilen-rakprodukter", "rectification", "sv", "rectification-gender-recommendations", "invented",
 "Kim Svensson", "kim.svensson@example.se", "Fel kön i profilen",
"""Hej,

i min profil står det "man" som kön, vilket är fel - jag är kvinna. Det är
väl därför appen bara föreslår rakprodukter och skäggolja :) Kan ni rätta
det?

/Kim Svensson
"""),
("invandning-art21-hudanalyser-profil", "objection", "sv", "formal-objection-art21-analysis-profile", "gdpr-art21-text",
 "Ingela Mård", "ingela.mard@example.se", "Invändning enligt artikel 21 GDPR",
"""Till Harmoniq AB, kundservice

Jag invänder härmed, med stöd av artikel 21 i dataskyddsförordningen, mot
att Harmoniq AB använder resultaten från mina hudanalyser för att bygga en
kundprofil och ta fram personliga produktrekommendationer till mig. Jag
begär att den behandlingen upphör. Jag begär inte att uppgifterna raderas.

Med vänlig hälsning
Ingela Mård
"""),
("radera-bestallningen-fel-nyans", "ordinary", "sv", "hard-neg-order-cancel", "retailer-help-cancel-order",
 "Sanna", "sanna.g@example.se", "radera beställningen",
"""hej radera min beställning 885777, jag tog fel nyans på foundationen (N20
istället för N25). lägger en ny direkt

/Sanna
"""),
("vad-bygger-profilen-pa-sluta-sen", "access,objection", "sv", "multi-access-and-objection-profile", "invented",
 "Helmi Korpela", "helmi.korpela@example.se", "Min kundprofil",
"""Hej,

i appen står det att jag är "Glow-typ, känslig" och jag får rekommendationer
efter det. Jag vill veta vad ni har sparat i den profilen och vad den bygger
på. Sedan vill jag att ni slutar profilera mig.

Helmi Korpela
"""),
]
