package intake

import "strings"

// concept is a set of meanings a word carries, as bits: an action ("erase",
// "stop"), what an action acts on ("the person's data", "an order"), or a
// word that shapes a frame (negation, "no more", "until"). A word may carry
// several.
type concept uint64

// Actions.
const (
	cErase    concept = 1 << iota // delete, remove, wipe, forget
	cClose                        // close, terminate, deactivate (an account, a membership)
	cUnsub                        // unsubscribe, opt out, deregister
	cStop                         // stop, cease
	cSend                         // send, mail, call, contact
	cReceive                      // receive, get
	cWant                         // want, wish
	cKnow                         // know, see, find out, have insight
	cCopy                         // a copy, an extract, an overview
	cHold                         // have, store, keep, process, collect
	cWH                           // what, which
	cChange                       // change, update, correct
	cWrong                        // wrong, misspelt, outdated
	cMoved                        // moved house
	cRestrict                     // restrict, freeze, block
	cUse                          // use, process
	cUntil                        // until, while
	cObject                       // object, oppose
	cPurpose                      // profiling, analyses, recommendations, surveillance
	cWithdraw                     // withdraw, revoke
	cConsent                      // consent
	cExport                       // export, download, get out
	cTransfer                     // transfer, move to
	cFile                         // a file, a format, machine-readable
	cOther                        // another (company, shop)
	cAbout                        // about, concerning

	// What an action may act on that makes it a rights request.
	oSelf      // me
	oData      // my data, details, information
	oAccount   // account, profile
	oMember    // membership, customer club
	oRegister  // register, database, records
	oMarketing // newsletters, offers, advertising
	oList      // a (mailing) list
	oField     // name, address, phone, e-mail, personnummer
	oSMS       // SMS, text messages: marketing or notices

	// What an action may act on that makes it ordinary mail.
	bOrder    // an order
	bItem     // an item, a product
	bBooking  // a booking, an appointment
	bDelivery // a delivery, a parcel, a delivery address
	bReceipt  // a receipt, an invoice
	bLogin    // a password, logging in
	bCart     // a basket, a wish list
	bReturn   // a return, a refund
	bGift     // a gift card, a voucher

	// Words that shape frames.
	wNoMore  // any more, no longer, more
	wPoss    // my
	wFrom    // from, off, out of: the place something is removed from
	wTopic   // GDPR, personal data, privacy: the mail is about data protection
	wBreak   // but, only: ends a negation's scope
	wHow     // how, why, how long: a general question
	wPlease  // please, kindly: a request is being made
	wAccount // my customer relationship: "kund", "customer"
	wFirst   // I: the sender speaks of themselves
	wYour    // your (singular): someone else's account, not the sender's
	wJoin    // signed up, registered, joined
	wNever   // never
	wAlready // already: an action done, not asked for
	wStill   // still: an action that did not take
	wIf      // if: a hypothetical
	wID      // an ID document: passport, driving licence
	wPitch   // words of a sales pitch to Harmoniq
	wGive    // giving consent, not taking it back
	wLife    // married, divorced: a name that changed
	wShare   // share, sell: data passed on
)

// personal are the objects that make an action a rights request.
const personal = oSelf | oData | oAccount | oMember | oRegister | oMarketing | oList | oField | oSMS

// blocking are the objects that make an action ordinary customer service.
const blocking = bOrder | bItem | bBooking | bDelivery | bReceipt | bLogin | bCart | bReturn | bGift

// lexicon lists the words of each concept, per language family. Words are
// written in their dictionary form and any irregular forms; the stemmer of
// the message's language reduces both these and the message's words, so
// inflections match. Swedish, Danish and Norwegian share one family
// (Scandinavians read each other's words), English words are understood in
// every language, German and Finnish stand alone.
var lexicon = map[concept]map[string]string{
	cErase: {
		"sv": "radera raderad raderat raderade radering raderingen bort borttagning borttagen borttaget stryka stryk struken utplåna makulera rensa glömma glöm bortglömd bortglömda försvinna försvinner sudda nollställa nollställ nollställer",
		"da": "slette slet slettet sletning sletning fjerne fjern fjernet glemme glemt",
		"no": "slette slett slettet sletting fjerne fjern fjernet glemme glemt",
		"en": "delete deleted deletion erase erased erasure remove removed removal wipe forget forgotten purge destroy disappear",
		"de": "löschen lösche gelöscht löschung entfernen entferne entfernt vergessen vergessenwerden austragen ausgetragen rausnehmen herausnehmen streichen",
		"fi": "poistaa poista poistakaa poistetaan poistettu poisto poistaminen poistamista unohdetuksi unohtaa pyyhkiä pyyhkikää pyyhi pyyhitään poistettava poistatte",
	},
	cClose: {
		"sv": "avsluta avslutar avslutning stänga stäng uppsägning sägaupp avaktivera inaktivera gåur utträda utträde",
		"da": "lukke luk lukket opsige opsig nedlægge deaktivere",
		"no": "avslutte avslutt lukke lukk sioppi deaktivere",
		"en": "close closed closing terminate termination deactivate cancel cancelled cancellation leave",
		"de": "schließen kündigen kündigung deaktivieren auflösen austreten austritt",
		"fi": "sulkea sulkekaa lopettaa irtisanoa peruuttaa peruutus erota eroan",
	},
	cUnsub: {
		"sv": "avregistrera avregistrering avprenumerera avanmäla avanmälan avsluta-prenumeration avbeställa avbeställ",
		"da": "afmelde afmeld afmeldt afmelding frameld framelde frabede frabeder",
		"no": "avmelde avmeld avmelding meldav reservasjon reservere reservert",
		"en": "unsubscribe unsubscribed unsubscribing optout deregister",
		"de": "abbestellen abbestellt abmelden abmeldung untersagen untersage",
		"fi": "peruuttaatilaus kielto kieltää kiellän suoramarkkinointikielto",
	},
	cStop: {
		"sv": "sluta slutar upphöra stoppa stoppar stopp stängav slippa slipper",
		"da": "stoppe stop ophøre holdeop slippe",
		"no": "slutte slutt stoppe stopp slippe",
		"en": "stop cease quit halt turnoff avoid",
		"de": "aufhören hören stoppen einstellen unterlassen abschalten",
		"fi": "lopettaa lopeta lopettakaa lakata",
	},
	cSend: {
		"sv": "skicka skickar skickas sända maila mejla ringa kontakta uppringd uppringda ringd",
		"da": "sende send sendt ringe kontakte",
		"no": "sende send sendt ringe kontakte",
		"en": "send sending sent mail emailing email text texting call calling contact",
		"de": "schicken senden zusenden zuschicken kontaktieren anrufen",
		"fi": "lähettää lähettäkö lähetä lähettämästä lähettämään soittaa laittaa laittako laitatte",
	},
	cReceive: {
		"sv": "få får erhålla taemot",
		"da": "få modtage modtag",
		"no": "få motta motta",
		"en": "receive receiving get getting",
		"de": "erhalten bekommen empfangen",
		"fi": "saada saan vastaanottaa",
	},
	cWant: {
		"sv": "vill önskar önska vilja hellre",
		"da": "vil ønsker ønske",
		"no": "vil ønsker ønske",
		"en": "want wish like would rather",
		"de": "möchte möchten will wünsche",
		"fi": "haluan halua haluaisin",
	},
	cKnow: {
		"sv": "veta vet se granska insyn inblick tadel",
		"da": "vide se indsigt",
		"no": "vite se innsyn",
		"en": "know see view insight",
		"de": "wissen erfahren einsehen einsicht auskunft",
		"fi": "tietää tietoa nähdä tarkastaa tarkastusoikeus",
	},
	cCopy: {
		"sv": "kopia kopior utdrag registerutdrag sammanställning förteckning lista",
		"da": "kopi udskrift oversigt udtræk",
		"no": "kopi utskrift oversikt utdrag",
		"en": "copy copies extract overview summary printout list",
		"de": "kopie auszug übersicht aufstellung liste",
		"fi": "kopio ote yhteenveto luettelo",
	},
	cHold: {
		"sv": "har sparar spara sparat sparade lagrar lagra lagrat samlar samlat registrerat registrerade behandlar behandlat innehar finnas finns",
		"da": "har gemmer gemt opbevarer opbevaret registreret behandler findes",
		"no": "har lagrer lagret oppbevarer registrert behandler finnes",
		"en": "have has had hold holding held store stored keep kept collect collected process processed retain save saved exist exists",
		"de": "haben habt gespeichert speichern gesammelt verarbeiten verarbeitet",
		"fi": "säilytätte tallentanut tallennettu keränneet käsittelette on",
	},
	cWH: {
		"sv": "vad vilka vilken vilket",
		"da": "hvad hvilke hvilken",
		"no": "hva hvilke hvilken",
		"en": "what which",
		"de": "was welche welcher",
		"fi": "mitä mitkä mikä",
	},
	cChange: {
		"sv": "ändra ändrar ändring uppdatera uppdatering rätta rättelse rättning korrigera korrigering byta byt bytt ersätta ersättas ersätt skrivain läggain fixa",
		"da": "ændre ændr ændring opdatere opdater rette ret rettelse korrigere erstatte",
		"no": "endre endring oppdatere oppdater rette rettelse korrigere erstatte",
		"en": "change changed update updated correct correction rectify rectification amend fix replace replaced",
		"de": "ändern änderung aktualisieren korrigieren berichtigen berichtigung ersetzen berichtigt korrigiert geändert",
		"fi": "muuttaa muuttakaa muutos päivittää päivittäkää korjata korjatkaa oikaisu korvata vaihtaa vaihtakaa vaihtunut",
	},
	cWrong: {
		"sv": "fel felaktig felaktiga felaktigt felstavad felstavat felstavade stavfel stavfelet inkorrekt inaktuell",
		"da": "forkert forkerte fejl fejlagtig stavefejl",
		"no": "feil feilaktig uriktig skrivefeil stavefeil",
		"en": "wrong incorrect inaccurate misspelt misspelled misspelling typo outdated error mistake",
		"de": "falsch falsche fehlerhaft veraltet tippfehler schreibfehler",
		"fi": "väärä väärin virheellinen kirjoitusvirhe",
	},
	cMoved: {
		"sv": "flyttat flyttade flytt",
		"da": "flyttet flyttede",
		"no": "flyttet flyttede",
		"en": "moved relocated",
		"de": "umgezogen umzug",
		"fi": "muuttanut muutin",
	},
	cRestrict: {
		"sv": "begränsa begränsning begränsar spärra spärr frysa frys pausa",
		"da": "begrænse begrænsning spærre",
		"no": "begrense begrensning sperre",
		"en": "restrict restriction freeze suspend block lock",
		"de": "einschränken einschränkung sperren sperrung eingeschränkt gesperrt sperren",
		"fi": "rajoittaa rajoittamista rajoittaminen",
	},
	cUse: {
		"sv": "använda använder användning behandla behandling behandlingen nyttja hantera hanterar hantering",
		"da": "bruge bruger brug behandle behandling håndtere håndterer",
		"no": "bruke bruker bruk behandle behandling håndtere håndterer",
		"en": "use using used process processing handle handling handles",
		"de": "verwenden nutzen verarbeiten verarbeitung nutzung behandeln",
		"fi": "käyttää käyttämästä käsittely käsitellä",
	},
	cUntil: {
		"sv": "tills medan förrän framtill",
		"da": "indtil mens før",
		"no": "inntil mens før",
		"en": "until while pending before",
		"de": "bis während solange bevor",
		"fi": "kunnes toistaiseksi",
	},
	cObject: {
		"sv": "invända invänder invändning motsätta motsätter",
		"da": "indsigelse gøre-indsigelse protestere protesterer",
		"no": "innsigelse protestere protesterer motsette",
		"en": "object objection objecting oppose",
		"de": "widersprechen widerspreche widerspruch",
		"fi": "vastustaa vastustan vastustamisoikeus",
	},
	cPurpose: {
		"sv": "profilering profilera hudanalys hudanalyser hudanalysen håranalys makeupanalys slutsatser analys analyser analysen analyserna analysera rekommendation rekommendationer personalisering personaliserad statistik kamera kameraövervakning övervakning anteckningar spårning profil profilen hudprofil kundprofil profiler filmad filmas filmar föreslå föreslår produktförslag personanpassade anpassa anpassning kartlägga kartlägger kartläggning skräddarsydda skräddarsyr",
		"da": "profilering analyse anbefalinger overvågning filmet filmes foreslå personlige",
		"no": "profilering analyse anbefalinger overvåking filmet filmes foreslå tilpassede",
		"en": "profiling profile analysis analytics recommendations personalisation personalization personalised personalized personalising personalizing personalise personalize tailored suggest suggestions tracking surveillance notes filmed filming customised customized targeted",
		"de": "profiling profilbildung analyse empfehlungen vorschläge personalisierte überwachung gefilmt videoüberwachung videoaufzeichnung aufzeichnung",
		"fi": "profilointi profilointiin analyysi suosittelu suositukset suosituksia ehdotukset henkilökohtaiset",
	},
	cWithdraw: {
		"sv": "återkalla återkallar återkallelse tillbaka ångra ångrar",
		"da": "tilbagekalde tilbagekalder tilbage",
		"no": "trekke tilbake tilbakekalle",
		"en": "withdraw withdrawing withdrawal revoke revoking retract",
		"de": "widerrufen widerrufe widerruf zurückziehen",
		"fi": "peruuttaa peruutan peruutus perua",
	},
	cConsent: {
		"sv": "samtycke samtycker medgivande godkännande godkännandet tillstånd ok okej",
		"da": "samtykke tilladelse ok okay",
		"no": "samtykke tillatelse ok greit",
		"en": "consent permission approval ok okay",
		"de": "einwilligung zustimmung einverständnis erlaubnis",
		"fi": "suostumus suostumukseni suostumuksen lupa luvan",
	},
	cExport: {
		"sv": "exportera ladda-ner ladda-ned hämta få-ut",
		"da": "eksportere downloade",
		"no": "eksportere laste-ned",
		"en": "export download",
		"de": "exportieren herunterladen",
		"fi": "viedä ladata",
	},
	cTransfer: {
		"sv": "flytta överföra överföring föra-över portabilitet dataportabilitet tamed",
		"da": "overføre overførsel flytte dataportabilitet",
		"no": "overføre overføring flytte dataportabilitet",
		"en": "transfer transmit port portability portable migrate",
		"de": "übertragen übertragung übermitteln datenübertragbarkeit übertragbarkeit",
		"fi": "siirtää siirto siirrettävyys",
	},
	cFile: {
		"sv": "fil filen csv excel json xml format maskinläsbar maskinläsbart strukturerat kalkylblad csvfil excelfil jsonfil excelark",
		"da": "fil format maskinlæsbar csv excel json xml regneark",
		"no": "fil format maskinlesbar csv excel json xml regneark",
		"en": "file csv excel json xml format machinereadable spreadsheet csvfile",
		"de": "datei format maschinenlesbar csv excel json xml tabelle",
		"fi": "tiedosto muodossa koneluettava csv excel json xml",
	},
	cOther: {
		"sv": "annan annat andra konkurrent ny nya nytt direkt",
		"da": "anden andet andre ny nye direkte",
		"no": "annen annet andre ny nye direkte",
		"en": "another other competitor new direct directly",
		"de": "anderen anderer anbieter neue neuen neuer direkt",
		"fi": "toiselle toiseen uuteen uudelle uusi suoraan",
	},
	cAbout: {
		"sv": "om angående rörande gällande",
		"da": "om vedrørende",
		"no": "om angående",
		"en": "about on concerning regarding",
		"de": "über bezüglich",
		"fi": "minusta",
	},

	oSelf: {
		"sv": "mig mej",
		"da": "mig",
		"no": "meg",
		"en": "me myself",
		"de": "mich mir",
		"fi": "minua minut minusta minun",
	},
	oData: {
		"sv": "data uppgifter uppgift personuppgifter personuppgift information info kunduppgifter kontaktuppgifter historik köphistorik resultat resultaten bilder bilderna bild foto foton fotografier analyser analysen hudanalys hudanalyser håranalys makeupanalys journal journalen journalanteckningar anteckningar inspelning inspelningar allt betalkort kortuppgifter alltihop alltsammans allihop inlägg inlägget inläggen hälsoformulär hälsoformuläret hälsodeklaration hälsodeklarationen hälsouppgifter",
		"da": "hele alt oplysninger personoplysninger persondata data resultater billeder fotos optagelser historik journal helbredsoplysninger helbredserklæring",
		"no": "alt opplysninger personopplysninger persondata data resultater resultatene bilder bildene bilde opptak historikk journal alt sammen helseopplysninger helseskjema helseskjemaet",
		"en": "everything data details information info records history results photos pictures images scans recordings footage notes analyses personaldata card healthform questionnaire",
		"de": "alles daten personendaten informationen angaben ergebnisse fotos bilder aufnahmen karte zahlungsdaten analysedaten behandlungsdaten einkaufsdaten gesundheitsdaten hautdaten kontaktdaten kaufhistorie einkaufshistorie gesundheitsfragebogen",
		"fi": "kaikki tiedot tietoni tietojeni tietojani henkilötiedot henkilötietoni henkilötietojeni tulokset tulokseni kuvat valokuvat tallenteet asiakastiedot asiakastietoihini asiakastietoni kortti ostohistoria ostohistoriani ostohistoriaa ostotiedot ihoanalyysi ihoanalyysit ihoanalyysini ihoanalyysieni terveystiedot terveystietoni terveyslomake terveyslomakkeen",
	},
	oAccount: {
		"sv": "konto kontot kundkonto profil användare användarkonto",
		"da": "konto profil bruger",
		"no": "konto profil bruker",
		"en": "account profile user",
		"de": "konto kundenkonto profil benutzerkonto",
		"fi": "tili tilini asiakastili profiili",
	},
	oMember: {
		"sv": "medlemskap medlem kundklubb klubb stamkund bonusprogram",
		"da": "medlemskab medlem kundeklub",
		"no": "medlemskap medlem kundeklubb",
		"en": "membership member club loyalty",
		"de": "mitgliedschaft mitglied kundenclub kundenkarte",
		"fi": "jäsenyys jäsen kantaasiakas asiakasohjelma",
	},
	oRegister: {
		"sv": "register registret kundregister databas system systemet",
		"da": "register kartotek database system",
		"no": "register database system",
		"en": "register registry database system systems records",
		"de": "datenbank kartei system",
		"fi": "rekisteri rekisteristä asiakasrekisteri tietokanta järjestelmä järjestelmästä järjestelmistä järjestelmistänne rekisteristänne",
	},
	oMarketing: {
		"sv": "nyhetsbrev nyhetsbrevet reklam utskick erbjudanden erbjudande marknadsföring direktreklam direktmarknadsföring kampanjer katalog kataloger reklamutskick säljsyfte säljsamtal telefonförsäljning telemarketing marknadsföringssamtal reklamsamtal annons annonser annonsering reklambrev reklamsms reklammejl reklammail erbjudandesms kampanjsms säljteam säljteamet telefonförsäljare",
		"da": "nyhedsbrev nyhedsbreve reklame reklamer tilbud markedsføring telefonsalg reklamesms reklamemails",
		"no": "nyhetsbrev reklame tilbud markedsføring telefonsalg reklamesms reklamemail",
		"en": "newsletter newsletters marketing offers promotions promotional advertising ads adverts mailing mailings catalogue catalog spam telemarketing salescalls ads",
		"de": "newsletter werbung angebote marketing werbemails werbeanrufe direktwerbung werbesms werbe-sms",
		"fi": "uutiskirje uutiskirjeen uutiskirjeitä markkinointi markkinointia mainos mainoksia tarjous tarjouksia puhelinmyynti myyntipuhelu myyntipuhelut markkinointipuhelu markkinointipuhelut",
	},
	oList: {
		"sv": "lista listan listor utskickslista maillista",
		"da": "liste lister",
		"no": "liste lister",
		"en": "list lists mailinglist",
		"de": "liste verteiler",
		"fi": "lista listalta postituslista",
	},
	oField: {
		"sv": "namn namnet efternamn efternamnet förnamn förnamnet adress adressen gatuadress postadress folkbokföringsadress postnummer postnumret telefonnummer telefonnumret mobilnummer mobilnumret numret epost mejladress mejladressen epostadress epostadressen mailadress mailadressen personnummer personnumret födelsedatum födelsedatumet födelsedag",
		"da": "navn navnet efternavn adresse adressen telefonnummer telefonnummeret mobilnummer mobilnummeret nummeret email fødselsdato fødselsdag cprnummer cprnummeret",
		"no": "navn navnet etternavn adresse adressen telefonnummer telefonnummeret mobilnummer mobilnummeret nummeret epost fødselsdato fødselsdag fødselsnummer fødselsnummeret",
		"en": "name surname address phone number email birthday personnummer dateofbirth",
		"de": "name nachname adresse anschrift telefonnummer handynummer geburtsdatum",
		"fi": "nimi sukunimi osoite puhelinnumero sähköposti nimen nimeni osoitteen osoitteeni puhelinnumeron puhelinnumeroni numero numeroni syntymäaika sähköpostiosoite",
	},
	oSMS: {
		"sv": "sms sms:en textmeddelanden mejl mail epost samtal",
		"da": "sms mails opkald opringninger",
		"no": "sms smsar smser oppringinger",
		"en": "sms texts emails textmessages calls",
		"de": "sms emails",
		"fi": "tekstiviesti tekstiviestejä sähköposti sähköposteja sähköpostit tekstari tekstarit tekstareita viestejä",
	},

	bOrder: {
		"sv": "order ordern beställning beställningen ordernummer",
		"da": "ordre bestilling",
		"no": "ordre bestilling",
		"en": "order orders",
		"de": "bestellung auftrag",
		"fi": "tilaus tilauksen tilaukseni tilauksesta",
	},
	bItem: {
		"sv": "varan varor varorna produkt produkten produkter schampo box boxen beautybox",
		"da": "vare varen produkt boks boksen",
		"no": "vare varen produkt boks boksen",
		"en": "item items product products box",
		"de": "artikel produkt ware box abo",
		"fi": "tuote tuotteen tuotteet laatikko",
	},
	bBooking: {
		"sv": "bokning bokningen tid tiden tidsbokning besök behandlingstid ombokning avboka avbokning omboka hårborttagning laserhårborttagning väntelista väntelistan kölista workshop workshopen masterclass kurs kursen kvällen event eventet evenemang evenemanget gästlista gästlistan",
		"da": "booking aftale tid venteliste",
		"no": "bestilling time timen avtale venteliste",
		"en": "booking appointment reservation waitinglist waitlist workshop masterclass event evening guestlist",
		"de": "termin buchung warteliste",
		"fi": "varaus varauksen ajanvaraus aika jonotuslista jonotuslistalta",
	},
	bDelivery: {
		"sv": "leverans leveransen paket paketet frakt försändelse leveransadress leveransadressen",
		"da": "levering pakke pakken forsendelse leveringsadresse",
		"no": "levering pakke pakken forsendelse leveringsadresse",
		"en": "delivery parcel package shipment shipping",
		"de": "lieferung paket lieferadresse sendung",
		"fi": "toimitus paketti toimitusosoite",
	},
	bReceipt: {
		"sv": "kvitto kvittot kvitton faktura fakturan fakturakopia orderbekräftelse pris priset prishöjning prishöjningen avgift avgiften fakturabelopp belopp beloppet",
		"da": "kvittering faktura pris prisen prisstigning gebyr gebyret beløb",
		"no": "kvittering faktura pris prisen prisøkning gebyr gebyret beløp",
		"en": "receipt invoice bill price prices fee charge charged amount",
		"de": "quittung rechnung beleg kassenbon preis preiserhöhung gebühr rechnungsbetrag betrag",
		"fi": "kuitti kuitin lasku laskun hinta hinnan hinnankorotus maksu maksun",
	},
	bLogin: {
		"sv": "lösenord lösenordet inloggning loggain kortuppgifter kortuppgifterna betalkort betalkortet kreditkort kreditkortet kortnummer",
		"da": "adgangskode kodeord login",
		"no": "passord innlogging",
		"en": "password login carddetails creditcard paymentcard savedcard",
		"de": "passwort kennwort anmeldung kreditkarte zahlungsdaten",
		"fi": "salasana kirjautuminen",
	},
	bCart: {
		"sv": "varukorg varukorgen önskelista önskelistan",
		"da": "kurv ønskeliste ønskelisten",
		"no": "handlekurv ønskeliste ønskelisten",
		"en": "cart basket wishlist wishlists",
		"de": "warenkorb wunschliste",
		"fi": "ostoskori ostoskorin ostoskorista toivelista toivelistan toivelistalta toivelistalla toivelistani",
	},
	bReturn: {
		"sv": "retur returen returnera reklamation återbetalning",
		"da": "retur returnere refusion",
		"no": "retur returnere refusjon",
		"en": "return refund",
		"de": "rücksendung retoure erstattung",
		"fi": "palautus palauttaa hyvitys",
	},
	bGift: {
		"sv": "presentkort presentkortet presentkorten värdebevis",
		"da": "gavekort",
		"no": "gavekort",
		"en": "giftcard voucher",
		"de": "gutschein",
		"fi": "lahjakortti",
	},

	wNoMore: {
		"sv": "längre fler mer mera igen",
		"da": "længere flere mere",
		"no": "lenger lengre flere mer fleire igjen",
		"en": "anymore more longer again nolonger",
		"de": "mehr länger",
		"fi": "enää",
	},
	wPoss: {
		"sv": "min mina mitt",
		"da": "min mine mit",
		"no": "min mine mitt",
		"en": "my",
		"de": "mein meine meinen meiner meines",
		"fi": "minun",
	},
	wFrom: {
		"sv": "från ur",
		"da": "fra",
		"no": "fra frå",
		"en": "from off",
		"de": "aus von",
		"fi": "pois",
	},
	wTopic: {
		"sv": "gdpr dataskydd dataskyddsförordningen personuppgiftslagen integritet integritetspolicy personuppgifter personuppgift dataintrång dataläcka imy datainspektionen dataläckan",
		"da": "persondata personoplysninger databeskyttelse datatilsynet datalæk",
		"no": "personopplysninger personvern datatilsynet datalekkasje",
		"en": "gdpr privacy dataprotection personaldata breach ico dataleak",
		"de": "datenschutz dsgvo personenbezogene datenleck datenpanne",
		"fi": "tietosuoja henkilötiedot tietosuojavaltuutettu tietovuoto tietoturvaloukkaus",
	},
	wBreak: {
		"sv": "men utan bara endast",
		"da": "men kun",
		"no": "men bare kun",
		"en": "but only just",
		"de": "aber sondern nur",
		"fi": "mutta vain",
	},
	wHow: {
		"sv": "hur varför undrar",
		"da": "hvordan hvorfor hvor",
		"no": "hvordan hvorfor hvor lurer",
		"en": "how why wonder where",
		"de": "wie warum wo frage",
		"fi": "miten miksi missä",
	},
	wPlease: {
		"sv": "vänligen snälla setill",
		"da": "venligst sørgfor",
		"no": "vennligst sørgfor",
		"en": "please kindly makesure",
		"de": "bitte",
		"fi": "pyydän ystävällisesti",
	},
	wAccount: {
		"sv": "kund kundnummer",
		"da": "kunde",
		"no": "kunde",
		"en": "customer",
		"de": "kunde",
		"fi": "asiakas",
	},
}

// more are the words of the later concepts.
var more = map[concept]map[string]string{
	wFirst: {
		"sv": "jag", "da": "jeg", "no": "jeg eg", "en": "i im ive id", "de": "ich", "fi": "minä olen haluan",
	},
	wYour: {
		"sv": "din ditt dina", "da": "din dit dine", "no": "din ditt dine", "en": "your", "de": "ihr ihre ihren ihres dein deine deinen", "fi": "sinun",
	},
	wJoin: {
		"sv": "registrerat registrerade anmält anmälde gåttmed", "da": "tilmeldt registreret", "no": "registrert påmeldt meldtpå",
		"en": "signup signed registered joined subscribed", "de": "registriert angemeldet", "fi": "rekisteröitynyt liittynyt",
	},
	wNever: {
		"sv": "aldrig", "da": "aldrig", "no": "aldri", "en": "never", "de": "nie niemals", "fi": "koskaan",
	},
	wAlready: {
		"sv": "redan", "da": "allerede", "no": "allerede", "en": "already", "de": "bereits schon", "fi": "jo",
	},
	wStill: {
		"sv": "fortfarande ändå", "da": "stadig stadigvæk", "no": "fortsatt fremdeles", "en": "still", "de": "trotzdem immer weiterhin", "fi": "edelleen silti yhä",
	},
	wIf: {
		"sv": "om", "da": "hvis", "no": "hvis", "en": "if", "de": "wenn falls", "fi": "jos",
	},
	wID: {
		"sv": "legitimation legitimationen idkort idhandling idhandlingen pass passet körkort körkortet", "da": "pas passet kørekort legitimation",
		"no": "pass passet førerkort legitimasjon", "en": "passport id licence license identification", "de": "ausweis personalausweis reisepass führerschein",
		"fi": "henkilökortti henkilökortistani passi ajokortti",
	},
	wPitch: {
		"sv": "reporter journalist redaktion uppsats examensarbete studerar forskare forskning studie enkät intervju publicering gratis garanterar kostnadsfri kostnadsfritt kostnadsfria demo webbinarium offert samarbete partner företag företagen tjänster lösning",
		"en": "reporter journalist thesis dissertation researcher research study survey interview publication free demo webinar partnership partnerships partner clients solution solutions services businesses companies retailers quote",
		"de": "kostenlos kostenlose unverbindlich webinar lösung", "da": "gratis uforpligtende", "no": "gratis uforpliktende", "fi": "ilmainen",
	},
	wShare: {
		"sv": "dela delar delas sälja säljer händer hände", "da": "dele deler sælge sælger sker", "no": "dele deler selge selger skjer", "en": "share shares sharing shared sell selling sold happens happen",
		"de": "teilen weitergeben verkaufen passiert geschieht", "fi": "jaatteko jakaa myyttekö myydä luovutatteko tapahtuu",
	},
	wLife: {
		"sv": "gifte gift skild skilde heter", "da": "gift hedder", "no": "giftet heter", "en": "married divorced", "de": "geheiratet verheiratet heiße", "fi": "naimisiin",
	},
	wGive: {
		"sv": "godkänner samtycker", "en": "agree", "de": "einverstanden", "da": "accepterer", "no": "godtar", "fi": "hyväksyn",
	},
}

// negations are per language: Finnish "en" is Swedish "a".
var negations = map[string]string{
	"sv": "inte ej icke aldrig inga ingen inget ingenting",
	"da": "ikke aldrig ingen intet",
	"no": "ikke ikkje aldri ingen ingenting",
	"en": "not no never nothing dont doesnt didnt wont wouldnt cant nor nolonger hasnt havent hadnt isnt arent wasnt werent shouldnt couldnt",
	"de": "nicht nichts kein keine keinen keiner keinerlei nie niemals",
	"fi": "ei en et emme ette eivät älä älkää",
}

// families says which stemmers index a lexicon language's words: a word is
// found in a message whose language is any of these.
var families = map[string][]string{
	"sv": {"sv", "da", "no"},
	"da": {"sv", "da", "no"},
	"no": {"sv", "da", "no"},
	"en": {"sv", "da", "no", "en", "de", "fi"},
	"de": {"de"},
	"fi": {"fi"},
}

func words(s string) []string {
	fs := strings.Fields(s)
	for i, f := range fs {
		fs[i] = strings.ReplaceAll(f, "-", "")
	}
	return fs
}
