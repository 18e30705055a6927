"""The one place where the extractor is configured: pipeline order, labels and cue words.

Everything here is general knowledge of how Finnish, Swedish and English project texts are
written (database field labels, verbs that give an organisation its role); nothing names a
particular document, project or organisation.
"""

from __future__ import annotations

# spaCy components, in order (each is registered in kg/extract/pipeline.py).
PIPELINE: tuple[str, ...] = (
    "kuhy_language", "kuhy_segmenter", "kuhy_layout", "kuhy_dates", "kuhy_money", "kuhy_places",
    "kuhy_people", "kuhy_projects",
)
EXTRACTION_VERSION = "kuhy-extract 1.0"

# Field labels: canonical key -> label texts (lower case, without the trailing colon).
# "block" keys take every following line up to the next label; others take one value.
LABELS: dict[str, tuple[str, ...]] = {
    "title": ("hankkeen nimi", "projektin nimi", "hanke", "projektets namn", "projektnamn",
              "project name", "project title", "name of the project", "projekt", "project",
              "projekti"),
    "lead": ("toteuttaja", "toteuttajat", "hankkeen toteuttaja", "päätoteuttaja", "hallinnoija",
             "hakija", "hakijan virallinen nimi", "hakijan nimi", "koordinointi ja toteutus",
             "koordinaattori", "koordinoija", "hankkeen hallinnoija", "vastuuorganisaatio",
             "toteuttava organisaatio", "järjestäjä", "huvudman", "projektägare", "sökande",
             "genomförare", "projektets huvudman", "applicant", "implementer of the main project",
             "lead partner", "coordinator", "project owner", "organiser", "organizer", "tuensaaja",
             "hankkeen toteuttajat", "toteuttajaorganisaation nimi", "toteuttajaorganisaatio",
             "hallinnoiva organisaatio", "organisaatio", "organisation", "organization",
             "main institution involved", "responsible organisation", "responsible organization",
             "implementing organization",
             "ansvarig organisation", "ansvarsorganisation", "arrangör", "stödmottagare",
             "projektet drevs av", "projektet drivs av",
             "lead organisation", "lead organization", "implementer", "implementing organisation",
             "beneficiary", "project coordinator", "organizer(s)", "organiser(s)", "organizers",
             "organisers"),
    "partner": ("osatoteuttaja", "osatoteuttajat", "yhteistyökumppani", "yhteistyökumppanit",
                "hankkeen yhteistyökumppanit", "kumppanit", "hankekumppanit", "partnerit",
                "delgenomförare", "delgenomförarna", "samarbetspartner", "samarbetspartners",
                "partner", "partners", "implementers of sub-projects", "implementer of sub-project",
                "co-implementers", "yhteistyötahot", "hankkeen osatoteuttajat", "samarbetsparter",
                "samarbetsorganisationer", "project partners", "partner organisations",
                "partner organizations", "collaborators", "partner(s)", "muut osatoteuttajat",
                "muut yhteistyökumppanit", "muut kumppanit", "muut hankekumppanit",
                "konsortiopartnerit", "konsortiokumppanit"),
    "funder": ("rahoittaja", "rahoittajat", "hankkeen rahoittajat", "hankkeen rahoittaja",
               "toimintamallin rahoittaja", "muut rahoittajat",
               "rahoitus", "rahoittaja ja päärahoituslähde", "vastuuviranomainen", "myöntäjä",
               "rahoituksen myöntäjä", "finansiär", "finansiärer", "finansiering", "funder",
               "funders", "funding", "financier", "rahoituslähde", "rahoituslähteet",
               "finansierat av",
               "finansieras av", "finansieringskälla", "funded by", "funding source",
               "financing", "financed by", "sources of funding", "source of funding",
               "finansieringskällor"),
    "programme": ("ohjelma", "ohjelma/rahasto", "rahoitusohjelma", "rahasto", "program",
                  "programme", "fund", "funding programme", "funding instrument", "rahoitusmuoto",
                  "finansieringsform"),
    "period": ("kesto", "hankkeen kesto", "hankkeen kesto ja ajankohta", "toteutusaika",
               "suunnitelman mukainen toteutusaika", "aikataulu", "hankeaika", "projektiaika",
               "ajankohta", "toteutusajankohta", "projektets tid", "tidsperiod", "tid", "period",
               "project duration", "duration", "projektperiod", "hankkeen toteutusaika",
               "projekttid",
               "genomförandetid", "tidtabell", "projektets längd", "project period", "timeframe",
               "time frame", "toteuttamisaika", "hankkeen aikataulu", "hankkeen ajankohta"),
    "start": ("aloituspäivämäärä", "alkamispäivä", "alkamispäivämäärä", "alkaa", "startdatum",
              "start date", "startdatum för projektet"),
    "end": ("loppumispäivämäärä", "päättymispäivä", "päättymispäivämäärä", "päättyy",
            "slutdatum", "end date"),
    "status": ("tila", "projektin tila", "hankkeen tila", "toiminnan tila", "status",
               "projektets status"),
    "scope": ("toteutusalue", "hankeluonne", "verksamhetsområde", "scope"),
    "budget": ("budjetti", "kokonaisbudjetti", "kustannusarvio", "kokonaiskustannukset",
               "hankkeen budjetti", "hankkeen kokonaisbudjetti", "budget", "total budget",
               "projektets budget", "totalbudget", "kokonaisrahoitus", "total cost", "total costs",
               "kokonaiskustannusarvio", "kostnadsberäkning", "totalkostnad"),
    "granted": ("myönnetty avustus", "myönnetty rahoitus", "avustuksen määrä", "myönnetty summa",
                "tuen määrä", "beviljat belopp", "beviljat stöd", "beviljat bidrag", "stödbelopp",
                "bidragets storlek", "amount granted", "grant amount", "granted amount",
                "awarded"),
    "goals": ("tavoitteet", "tavoite", "hankkeen tavoite", "hankkeen tavoitteet", "päätavoite",
              "mål", "målsättning", "syfte", "projektets mål", "målet", "goals", "objectives",
              "aims", "objective", "goal", "hankkeen päätavoite", "projektets syfte",
              "projektets målsättning", "målsättningar", "syftet", "aim", "purpose",
              "project aims", "project objectives"),
    "activities": ("toimenpiteet", "toiminta", "lyhyt kuvaus hankkeessa tehdystä toiminnasta",
                   "aktiviteter", "åtgärder", "verksamhet", "genomförande", "toteutustapa",
                   "activities", "measures", "implementation", "hankkeen toimenpiteet",
                   "projektets verksamhet", "projektets aktiviteter", "project activities"),
    "outcomes": ("tulokset", "hankkeen vaikuttavuus", "vaikuttavuus",
                 "toiminnan tulokset ja vaikutukset", "tulokset ja vaikutukset", "vaikutukset",
                 "hankkeen tulokset", "resultat", "results", "outcomes", "impact", "effekter",
                 "odotetut tulokset", "projektets resultat", "förväntade resultat",
                 "expected results", "expected outcomes", "results and impact"),
    "description": ("kuvaus", "julkinen hankekuvaus", "hankkeen kuvaus", "tiivistelmä",
                    "suunnitelman mukainen tiivistelmä toteutuksesta", "beskrivning",
                    "description", "summary", "abstract", "projektbeskrivning",
                    "description of initiative", "description of the initiative"),
    "target": ("kohderyhmä", "kohderyhmät", "kohderyhmän kuvaus", "målgrupp", "målgrupper",
               "target group", "target groups", "target audience", "beneficiaries", "kohdeyleisö"),
    "contact": ("lisätietoja", "lisätietoa", "lisätiedot", "yhteyshenkilö", "yhteyshenkilöt",
                "hankkeen yhteyshenkilöt", "yhteystiedot", "lisätietoa, yhteyshenkilö",
                "kontakt", "kontaktperson", "mer information", "mera information",
                "ytterligare information", "contact", "contact person", "further information",
                "more information", "työryhmä", "kontaktuppgifter", "kontaktinformation",
                "mer info",
                "contact information", "contact details", "contacts"),
    "contact_name": ("yhteyshenkilön nimi", "hankkeen yhteyshenkilön nimi", "kontaktpersonens namn",
                     "contact name", "vastuuhenkilön nimi"),
    "contact_role": ("yhteyshenkilön asema hakijaorganisaatiossa", "yhteyshenkilön asema",
                     "asema", "tehtävänimike"),
    "email": ("sähköposti", "sähköpostiosoite", "yhteyshenkilön sähköpostiosoite",
              "yhteyshenkilön sähköpostisoite", "e-post", "email", "e-mail"),
    "phone": ("puhelin", "puhelinnumero", "yhteyshenkilön puhelinnumero", "telefon", "phone",
              "puh"),
    "link": ("www-osoite", "verkkosivut", "kotisivu", "kotisivut", "webbplats", "website",
             "hankkeen verkkosivut"),
    "indicator": ("tavoitteen seurannan mittarit", "mittarit", "indikaattorit", "indicators",
                  "indikatorer"),
    "address": ("jakeluosoite", "postinumero", "postitoimipaikka", "osoite", "kirjaston osoite",
                "käyntiosoite", "postiosoite", "adress", "address", "kirjaston puhelin",
                "kirjaston sähköposti", "organisaatiotyyppi", "y-tunnus", "isil-tunnus"),
    "facts": ("faktat", "fakta", "facts", "faktaruta", "toteuttajat", "perustiedot",
              "lähteet ja linkit"),
}
BLOCK_KEYS = frozenset({"goals", "activities", "outcomes", "description", "target", "contact"})

# Values of a status field or a status line, and prose cues for the status.
STATUS_VALUES: dict[str, tuple[str, ...]] = {
    "completed": ("päättynyt", "toiminta päättynyt", "päättyi", "valmis", "avslutat",
                  "avslutad", "completed", "finished", "ended", "closed"),
    "ongoing": ("käynnissä", "käynnissä oleva", "toiminnassa", "pågående", "pågår", "ongoing",
                "är igång", "igång",
                "active", "running"),
    "planned": ("suunnitteilla", "alkamassa", "planerat", "planned", "upcoming"),
}
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "completed": (r"\b(hanke|hankkeen|projekti) (oli|toimi|päättyi|toteutettiin)\b",
                  r"\bhankkeen päätyttyä\b", r"\b(projektet|det) (var|genomfördes|avslutades)\b",
                  r"\bthe project (was|ended)\b"),
    "ongoing": (r"\b(on|ovat) [\w ]{0,30}käynnissä\b", r"\bhar startat\b",
                r"\bkommer att vara aktivt\b", r"\bpågår\b", r"\bis ongoing\b"),
    "planned": (r"\bkäynnistyy\b", r"\bkäynnistyvät\b", r"\bstartar\b", r"\bwill start\b"),
}
SCOPE_VALUES: dict[str, tuple[str, ...]] = {
    "national": ("kansallinen", "valtakunnallinen", "nationell", "riksomfattande", "national"),
    "international": ("kansainvälinen", "internationell", "international"),
    "regional": ("alueellinen", "maakunnallinen", "seudullinen", "regional"),
    "local": ("paikallinen", "lokal", "local"),
}
SCOPE_CUES: dict[str, str] = {
    "regional": r"\b(maakunnallis\w*|maakunna(n|lle|ssa|ksi)|maakuntien|ylimaakunnallis\w*|"
                r"landskapsomfattande|regional)\b",
}

# Head words (base forms) that end an organisation name, in all three languages.
ORG_HEADS: tuple[str, ...] = (
    "ab", "abp", "sr", "ltd", "osk", "ky",
    "liitto", "kaupunki", "kunta", "yliopisto", "ammattikorkeakoulu", "korkeakoulu",
    "ministeriö", "keskus", "säätiö", "yhdistys", "ry", "oy", "oyj", "seura", "sairaanhoitopiiri",
    "kirjasto", "kunnankirjasto", "kaupunginkirjasto", "museo", "teatteri", "opisto", "toimikunta",
    "akatemia", "verkosto", "laitos", "virasto", "rahasto", "hyvinvointialue", "seurakunta",
    "kuntayhtymä", "osuuskunta", "orkesteri", "kulttuuripalvelut", "järjestö", "instituutti",
    "förbund", "stiftelse", "förening", "rf", "kommun", "stad", "sjukvårdsdistrikt",
    "distrikt", "universitet", "högskola", "yrkeshögskola", "fonden", "kulturfonden",
    "university", "foundation", "association", "city", "council", "institute", "centre",
    "center", "ministry", "municipality", "society", "stiftelsen", "föreningen", "förbundet",
    "kommunen", "staden", "ministeriet", "centralen", "verket", "institutet", "museet",
    "biblioteket", "teatern", "akademin", "förvaltning", "förvaltningen", "delegation",
    "delegationen", "agency", "department", "office", "library", "museum", "theatre",
    "orkester", "orkestern", "teater", "samfund", "samfundet", "sällskap", "sällskapet",
    "nämnden", "ämbetet", "arkivet", "kollektiv", "kollektivet", "orchestra", "collective",
    "company", "trust", "partnership", "network", "academy", "hospital", "commission",
    "sjukhus", "sjukhuset", "sjukhem", "sjukhemmet", "skola", "skolan", "bibliotek",
    "kommission", "kommissionen", "authority", "administration",
)
# Legal forms that end an organisation's name ("Kettuki ry", "Pirkanpohjasäätiö sr", "X Oy Ab").
LEGAL_FORMS = frozenset({"ry", "rf", "r.y.", "r.f.", "sr", "oy", "ab", "osk", "oyj", "abp", "ltd"})
# Verbs and nouns that give a role to the organisation named beside them.
ROLE_CUES: dict[str, tuple[str, ...]] = {
    # genitive agent + participle: "Etelä-Pohjanmaan liiton toteuttamassa hankkeessa"
    "lead_genitive": ("toteuttama", "toteuttamassa", "toteuttaman", "toteuttamaa", "järjestämän",
                      "järjestämä", "järjestämässä", "koordinoima", "koordinoiman",
                      "koordinoimaa", "koordinoimassa", "hallinnoima", "hallinnoiman",
                      "hallinnoimassa", "hallinnoimaa", "vetämä", "vetämässä", "vetämän",
                      "toteuttamat", "järjestämät", "koordinoimat", "hallinnoimat", "vetämät",
                      "suunnittelema", "suunnittelemat", "suunnitteleman", "suunnittelemassa",
                      "tuottama", "tuottamat", "tuottaman", "tuottamassa"),
    "funder_genitive": ("rahoittama", "rahoittaman", "rahoittamassa", "rahoittamaa",
                        "myöntämää", "myöntämän", "myöntämä", "tukema", "tukeman",
                        "rahoituksella", "rahoittamana", "avustuksella", "erityisavustuksella",
                        "tuella", "myöntämällä", "rahoittamalla", "myöntämästä"),
    # "<cue> X": the role cues that come before the name ("hanketta koordinoi X",
    # "funded by X") are data: kg/extract/cue_tables/{fi,sv,en}.tsv (lead_after, ...).
    "funder_before": ("myönsi", "myöntää", "myönsi hankkeelle", "rahoittaa hanketta",
                      "myöntänyt", "myöntäneet", "rahoittanut", "rahoittaneet"),  # on/ovat ...
    "lead_before": ("järjestävät yhteistyössä", "järjestää", "järjestävät", "koordinoi",
                    "toteuttaa", "toteuttavat"),
}
ORG_ROLE_WORDS = frozenset(
    [
        "yhteistyökumppani", "rahoittaja", "osatoteuttaja", "toteuttaja", "päätoteuttaja",
        "hallinnoija", "hakija", "partner", "funder", "applicant", "samarbetspartner",
        "finansiär",
    ]
)

DEGREE_PREFIXES = frozenset(
    [
        "fm", "ft", "fl", "fk", "ktm", "ktt", "km", "kt", "ytm", "ytt", "vtm", "vtt", "ttm",
        "ttt", "tam", "tat", "mum", "mut", "psm", "di", "tkt", "lt", "huk", "dr", "prof",
        "professori", "dosentti", "msc", "ma", "phd",
    ]
)

# Event nouns (compounds end with one of these) and time cue words.
EVENT_HEADS: tuple[str, ...] = (
    "seminaari", "tilaisuus", "tapahtuma", "konsertti", "webinaari", "työpaja", "koulutus",
    "festivaali", "näyttely", "päivä", "seminarium", "evenemang", "konferens", "workshop",
    "seminar", "event", "conference", "tillfälle", "infotilaisuus", "kiertue",
)

# Words that never start or make a title.
TITLE_STOP_LINES = frozenset(
    [
        "hanke", "projekti", "projekt", "project", "tiedote", "pressmeddelande", "press",
        "release", "uutiset", "nyheter", "news", "takaisin", "ylös", "etusivu",
    ]
)

# Verbs of grant news, by language: the recipient is the subject of a "grantee" verb, the
# funder the subject of a "funder" verb; a "passive" verb has the amount before it and the
# recipient after it ("50 000 € myönnettiin X:n projektiin").
GRANT_VERBS: dict[str, dict[str, tuple[str, ...]]] = {
    "fi": {
        "grantee": ("sai", "saivat", "saa", "saavat", "on saanut", "ovat saaneet", "saanee",
                    "saanevat", "on saamassa", "ovat saamassa"),
        "funder": ("myönsi", "myöntää", "jakoi", "jakaa", "on jakanut", "tuki", "tukee",
                   "rahoitti", "rahoittaa", "on myöntänyt", "ovat myöntäneet", "ovat jakaneet",
                   "on rahoittanut", "ovat rahoittaneet", "on tukenut"),
        "passive": ("myönnettiin", "myönnetään", "jaettiin", "on myönnetty"),
    },
    "sv": {
        "grantee": ("får", "fick", "har fått", "erhöll", "erhåller", "tilldelas", "tilldelades",
                    "har beviljats", "har tilldelats"),
        "funder": ("beviljade", "beviljar", "delade ut", "delar ut", "stödde", "stöder", "satsar",
                   "satsade", "fördelar", "fördelade", "har beviljat", "har delat ut",
                   "har fördelat", "har stött", "har satsat", "utdelade", "utdelar", "har utdelat"),
        "passive": ("beviljades", "beviljas", "gick till", "går till"),
    },
    "en": {
        "grantee": ("received", "receives", "has received", "was awarded", "has been awarded",
                    "were awarded", "got", "gets", "obtained"),
        "funder": ("awarded", "granted", "allocated", "funded", "invests", "invested",
                   "distributes", "distributed", "gives out", "gave out", "has awarded",
                   "has granted", "has allocated", "has distributed", "has given out"),
        "passive": ("was granted", "were granted", "went to", "was allocated", "goes to"),
    },
}
