"""UI strings in Finnish, Swedish and English, the UI language of a request, label picking.

The UI language comes from ``?lang=`` (then remembered in a cookie), else the
cookie, else ``Accept-Language``, else Finnish.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Request

LANGS = ("fi", "sv", "en")
DEFAULT_LANG = "fi"
LANG_COOKIE = "kuhy_lang"

STRINGS: dict[str, tuple[str, str, str]] = {
    # key: (fi, sv, en)
    "site_title": ("kuhy – kulttuurihyvinvointihankkeet", "kuhy – kulturvälfärdsprojekt",
                   "kuhy – cultural wellbeing projects"),
    "home": ("Etusivu", "Startsida", "Home"),
    "query": ("Kysely", "Fråga", "Query"),
    "search": ("Haku", "Sök", "Search"),
    "downloads": ("Lataukset", "Nedladdningar", "Downloads"),
    "dataset": ("Aineiston kuvaus", "Beskrivning av datamängden", "Dataset description"),
    "intro": (
        "kuhy on avoin linkitetyn datan tietoverkko suomalaisista kulttuurihyvinvoinnin "
        "hankkeista: hankkeet, organisaatiot, rahoittajat, ohjelmat, henkilöt, paikat, tulokset "
        "ja mittarit. Jokainen tieto viittaa lähdeasiakirjaan ja, kun mahdollista, lauseeseen, "
        "josta se luettiin.",
        "kuhy är en öppen länkad datagraf över finländska kulturvälfärdsprojekt: projekt, "
        "organisationer, finansiärer, program, personer, orter, resultat och indikatorer. Varje "
        "uppgift hänvisar till sitt källdokument och, när det är känt, till meningen den "
        "lästes ur.",
        "kuhy is an open linked-data graph of Finnish cultural-wellbeing projects: projects, "
        "organisations, funders, programmes, people, places, outcomes and indicators. Each fact "
        "points to its source document and, when known, to the sentence it was read from.",
    ),
    "counts": ("Määrät", "Antal", "Counts"),
    "triples": ("kolmikkoa", "tripler", "triples"),
    "latest_build": ("Viimeisin koonti", "Senaste bygget", "Latest build"),
    "licence": ("Lisenssi", "Licens", "Licence"),
    "licence_text": (
        "Aineisto: CC BY 4.0 – mainitse kuhy ja kunkin tiedon lähdeasiakirja.",
        "Data: CC BY 4.0 – ange kuhy och källdokumentet för varje uppgift.",
        "Data: CC BY 4.0 – credit kuhy and the source document of each fact.",
    ),
    "how_to_cite": ("Näin viittaat", "Så här citerar du", "How to cite"),
    "build": ("Koonti", "Bygge", "Build"),
    "format": ("Muoto", "Format", "Format"),
    "size": ("Koko", "Storlek", "Size"),
    "generated_on_request": ("tehdään ensimmäisellä latauksella", "skapas vid första nedladdningen",
                             "made on first download"),
    "sparql_endpoint": ("SPARQL-rajapinta", "SPARQL-ändpunkt", "SPARQL endpoint"),
    "examples": ("Valmiit kyselyt", "Färdiga frågor", "Canned queries"),
    "open_in_editor": ("Avaa editorissa", "Öppna i editorn", "Open in the editor"),
    "search_placeholder": ("Hae hankkeita, organisaatioita, paikkoja, aiheita",
                           "Sök projekt, organisationer, orter, ämnen",
                           "Search projects, organisations, places, topics"),
    "results": ("Tulokset", "Resultat", "Results"),
    "no_results": ("Ei tuloksia.", "Inga resultat.", "No results."),
    "facets": ("Rajaa", "Avgränsa", "Narrow down"),
    "facet_funder": ("Rahoittaja", "Finansiär", "Funder"),
    "facet_region": ("Maakunta", "Landskap", "Region"),
    "facet_year": ("Vuosi", "År", "Year"),
    "facet_target_group": ("Kohderyhmä", "Målgrupp", "Target group"),
    "remove_filter": ("poista rajaus", "ta bort avgränsning", "remove filter"),
    "facet_role": ("Rooli", "Roll", "Role"),
    "facet_programme": ("Ohjelma", "Program", "Programme"),
    "list_project": ("Hankkeet", "Projekt", "Projects"),
    "list_organisation": ("Organisaatiot", "Organisationer", "Organisations"),
    "list_funder": ("Rahoittajat", "Finansiärer", "Funders"),
    "list_programme": ("Rahoitusohjelmat", "Finansieringsprogram", "Funding programmes"),
    "list_region": ("Maakunnat", "Landskap", "Regions"),
    "list_municipality": ("Kunnat", "Kommuner", "Municipalities"),
    "browse": ("Selaa", "Bläddra", "Browse"),
    "rows": ("riviä", "rader", "rows"),
    "permalink": ("pysyvä linkki", "permanent länk", "permalink"),
    "previous": ("edellinen", "föregående", "previous"),
    "next": ("seuraava", "nästa", "next"),
    "page_of": ("sivu {page} / {pages}", "sida {page} / {pages}", "page {page} of {pages}"),
    "unknown": ("ei tiedossa", "okänt", "unknown"),
    "col_label": ("Nimi", "Namn", "Name"),
    "col_start_year": ("Alkuvuosi", "Startår", "Start year"),
    "col_funders": ("Rahoittajat", "Finansiärer", "Funders"),
    "col_regions": ("Maakunnat", "Landskap", "Regions"),
    "col_euros": ("Rahoitus (€)", "Finansiering (€)", "Funding (€)"),
    "col_euros_granted": ("Myönnetty (€)", "Beviljat (€)", "Granted (€)"),
    "col_projects": ("Hankkeita", "Projekt", "Projects"),
    "col_fundings": ("Rahoituksia", "Finansieringar", "Fundings"),
    "col_code": ("Koodi", "Kod", "Code"),
    "col_municipalities": ("Kuntia", "Kommuner", "Municipalities"),
    "charts": ("Kaaviot", "Diagram", "Charts"),
    "chart_year": ("Hankkeet ja euroa alkuvuoden mukaan", "Projekt och euro per startår",
                   "Projects and euros by start year"),
    "chart_region": ("Hankkeet ja euroa maakunnittain", "Projekt och euro per landskap",
                     "Projects and euros by region"),
    "chart_funder": ("Hankkeet ja euroa rahoittajittain", "Projekt och euro per finansiär",
                     "Projects and euros by funder"),
    "chart_projects": ("hankkeita", "projekt", "projects"),
    "chart_euros": ("tunnettu rahoitus (€)", "känd finansiering (€)", "known funding (€)"),
    "chart_with_amount": ("hankkeita, joiden summa tunnetaan", "projekt med känt belopp",
                          "projects with a known amount"),
    "chart_note": ("Eurot ovat tunnettujen summien summa; – tarkoittaa, ettei yhtään summaa "
                   "tiedetä.", "Euro är summan av kända belopp; – betyder att inget belopp "
                   "är känt.", "Euros add up the known amounts; – means no amount is known."),
    "map": ("Kartta: hankkeet maakunnittain", "Karta: projekt per landskap",
            "Map: projects per region"),
    "map_note_choropleth": (
        "Maakunnan sävy kertoo luvun luokan (vaalea pieni, tumma suuri; luokissa on suunnilleen "
        "yhtä monta maakuntaa); kunnan rivit lasketaan sen maakuntaan. Rajat: Natural Earth, "
        "yksinkertaistettu.",
        "Landskapets nyans anger talets klass (ljus litet, mörk stort; klasserna har ungefär "
        "lika många landskap); en kommuns rader räknas till dess landskap. Gränser: Natural "
        "Earth, förenklade.",
        "A region's shade gives its figure's class (light low, dark high; the classes hold "
        "about as many regions each); a municipality's rows count for its region. Boundaries: "
        "Natural Earth, simplified."),
    "map_note_region": ("Tämä maakunta on rajattu oranssilla; sävyt kuten etusivun kartassa.",
                        "Detta landskap är inramat i orange; nyanserna som på startsidans karta.",
                        "This region is outlined in orange; the shades as on the home page's "
                        "map."),
    "map_blank": ("ei lukua", "inget tal", "no figure"),
    "map_note_symbols": (
                 "Ympyrä on maakunnan keskuksessa (maakuntaliiton kotikunta) ja sen pinta-ala "
                 "on verrannollinen lukuun; kunnan rivit lasketaan sen maakuntaan. Kartta ei "
                 "näytä rajoja, vain Suomen ääriviivan.",
                 "Cirkeln står i landskapets centrum (förbundets hemkommun) och dess yta är "
                 "proportionell mot talet; en kommuns rader räknas till dess landskap. Kartan "
                 "visar inga gränser, bara Finlands kontur.",
                 "Each circle sits at the region's centre (the seat of its regional council), "
                 "its area proportional to the figure; a municipality's rows count for its "
                 "region. The map shows no boundaries, only Finland's outline."),
    "view": ("Näkymä", "Vy", "View"),
    "view_table": ("taulukko", "tabell", "table"),
    "view_bar": ("pylväät", "stapeldiagram", "bar chart"),
    "view_line": ("viivat", "linjediagram", "line chart"),
    "view_map": ("kartta", "karta", "map"),
    "view_permalink": ("näkymän pysyvä linkki", "permanent länk till vyn",
                       "permalink of this view"),
    "measure": ("Luku", "Mått", "Measure"),
    "query_result": ("Kyselyn tulos", "Frågans resultat", "Query result"),
    "bars_cut": ("Kaaviossa {shown} ensimmäistä riviä; kaikki CSV-tiedostossa.",
                 "Diagrammet visar de {shown} första raderna; alla finns i CSV-filen.",
                 "The chart shows the first {shown} rows; the CSV has them all."),
    "line_note": ("Vuodet ilman lukua puuttuvat viivalta (ei nollana); samat vuodet lasketaan "
                  "yhteen.", "År utan värde saknas på linjen (inte som noll); samma år "
                  "summeras.", "Years without a value are missing from a line (not drawn "
                  "as 0); rows of one year add up."),
    "select_only": ("Vain SELECT-kyselyn tuloksen voi näyttää kaaviona.",
                    "Endast resultatet av en SELECT-fråga kan visas som diagram.",
                    "Only a SELECT query's result can be shown as a chart."),
    "col_region": ("Maakunta", "Landskap", "Region"),
    "run": ("Suorita", "Kör", "Run"),
    "any": ("(mikä tahansa)", "(vilken som helst)", "(any)"),
    "param_error": ("Virheellinen arvo", "Ogiltigt värde", "Invalid value"),
    "param_funderName": ("Rahoittaja", "Finansiär", "Funder"),
    "param_orgName": ("Organisaatio", "Organisation", "Organisation"),
    "param_title": ("Hanke", "Projekt", "Project"),
    "param_groupName": ("Kohderyhmä", "Målgrupp", "Target group"),
    "param_code": ("Kunta", "Kommun", "Municipality"),
    "param_year": ("Vuosi", "År", "Year"),
    "param_fromYear": ("Alkaen vuodesta", "Från år", "From year"),
    "param_minShared": ("Yhteisiä hankkeita vähintään", "Gemensamma projekt minst",
                        "At least shared projects"),
    "forms": ("Lomakkeena", "Som formulär", "As a form"),
    "error_at": ("Virhe rivillä {line}, sarakkeessa {column}",
                 "Fel på rad {line}, kolumn {column}", "Error at line {line}, column {column}"),
    "missing_prefix": ("Etuliitettä {prefix} ei ole määritelty (PREFIX-rivi puuttuu).",
                       "Prefixet {prefix} är inte deklarerat (PREFIX-raden saknas).",
                       "The prefix {prefix} is not declared (no PREFIX line)."),
    "ontology": ("Sanasto", "Vokabulär", "Vocabulary"),
    "ontology_intro": ("kuhy-sanaston luokat ja ominaisuudet, niiden vastineet tunnetuissa "
                       "sanastoissa ja käyttö tässä aineistossa.",
                       "Klasser och egenskaper i kuhy-vokabulären, deras motsvarigheter i "
                       "kända vokabulärer och hur de används i datan.",
                       "The classes and properties of the kuhy vocabulary, what they align "
                       "to in well-known vocabularies and how the data uses them."),
    "section_classes": ("Luokat", "Klasser", "Classes"),
    "section_object_properties": ("Suhteet", "Relationer", "Object properties"),
    "section_datatype_properties": ("Arvo-ominaisuudet", "Värdeegenskaper",
                                    "Datatype properties"),
    "aligned_to": ("vastaa", "motsvarar", "aligned to"),
    "in_use": ("käytössä", "används", "in use"),
    "example": ("esimerkki", "exempel", "example"),
    "statements": ("lausumaa", "påståenden", "statements"),
    "sheet_scope": ("Mitä aineisto kattaa", "Vad datamängden omfattar", "Scope"),
    "sheet_method": ("Menetelmä", "Metod", "Method"),
    "sheet_method_text": (
        "Julkiset tekstit (hankesivut, tiedotteet, rahoituspäätökset) luetaan koneellisesti "
        "(spaCy, Voikko) tai käsin tarkistettuina tietueina; rahoitusrekisterien rivit "
        "tulevat mukaan, kun ne koskevat kulttuuria. Nimet yhdistetään Tilastokeskuksen, "
        "YSO:n, ROR:n ja Wikidatan tunnisteisiin, ja jokainen dokumentti tarkistetaan "
        "SHACL-muodoilla.",
        "Offentliga texter (projektsidor, pressmeddelanden, finansieringsbeslut) läses "
        "maskinellt (spaCy, Voikko) eller som granskade poster; rader i "
        "finansieringsregister tas med när de gäller kultur. Namn kopplas till "
        "Statistikcentralens, YSO:s, ROR:s och Wikidatas identifierare och varje dokument "
        "kontrolleras med SHACL.",
        "Public texts (project pages, press releases, funding decisions) are read by machine "
        "(spaCy, Voikko) or as checked records; rows of funding registers are included when "
        "they concern culture. Names are linked to Statistics Finland, YSO, ROR and Wikidata "
        "identifiers and each document is checked with SHACL shapes."),
    "sheet_statements": (
        "{statements} lausumaa (N-Quads-vedos, kg stats): {triples} tietoa (void:triples) ja "
        "{meta} koontia kuvaavaa.",
        "{statements} påståenden (N-Quads-dumpen, kg stats): {triples} data (void:triples) "
        "och {meta} som beskriver bygget.",
        "{statements} statements (the N-Quads dump, kg stats): {triples} of data "
        "(void:triples) and {meta} describing the build."),
    "sheet_languages": ("Dokumenttien kielet", "Dokumentens språk", "Languages of the documents"),
    "sheet_sources": ("Lähteet", "Källor", "Sources"),
    "sheet_source": ("Lähde", "Källa", "Source"),
    "sheet_texts": ("tekstit ja tietueet", "texter och poster", "texts and records"),
    "sheet_gaps": ("Tunnetut aukot", "Kända luckor", "Known gaps"),
    "sheet_missing_funder": ("hankkeita ilman rahoittajaa", "projekt utan finansiär",
                             "projects without a funder"),
    "sheet_missing_amount": ("hankkeita ilman summaa", "projekt utan belopp",
                             "projects without an amount"),
    "sheet_missing_start": ("hankkeita ilman alkupäivää", "projekt utan startdatum",
                            "projects without a start date"),
    "sheet_missing_place": ("hankkeita ilman paikkaa", "projekt utan ort",
                            "projects without a place"),
    "completeness": ("Tiedossa", "Känt", "Known"),
    "known_funder": ("rahoittaja", "finansiär", "funder"),
    "known_amount": ("summa", "belopp", "amount"),
    "known_dates": ("ajankohta", "tidpunkt", "dates"),
    "known_place": ("paikka", "ort", "place"),
    "query_error": ("Kysely epäonnistui", "Frågan misslyckades", "The query failed"),
    "kind": ("Tyyppi", "Typ", "Type"),
    "not_found": ("Ei löytynyt", "Hittades inte", "Not found"),
    "not_found_text": ("Tätä resurssia ei ole tietoverkossa.", "Resursen finns inte i grafen.",
                       "This resource is not in the graph."),
    "data_formats": ("Tiedot koneluettavina", "Maskinläsbara data", "Machine-readable data"),
    "organisations": ("Organisaatiot", "Organisationer", "Organisations"),
    "funding": ("Rahoitus", "Finansiering", "Funding"),
    "dates": ("Ajankohta", "Tidpunkt", "Dates"),
    "places": ("Paikat", "Orter", "Places"),
    "people": ("Henkilöt", "Personer", "People"),
    "outcomes": ("Tulokset", "Resultat", "Outcomes"),
    "indicators": ("Mittarit", "Indikatorer", "Indicators"),
    "other_facts": ("Muut tiedot", "Övriga uppgifter", "Other facts"),
    "external_links": ("Ulkoiset linkit", "Externa länkar", "External links"),
    "related": ("Viittaukset tähän", "Hänvisningar hit", "Referenced by"),
    "source": ("Lähde", "Källa", "Source"),
    "sources": ("Lähteet ja todisteet", "Källor och belägg", "Sources and evidence"),
    "quote": ("Lainaus", "Citat", "Quote"),
    "truncated": ("Näytetään {shown} ensimmäistä; loput SPARQL-kyselyllä.",
                  "Visar de {shown} första; resten med SPARQL.",
                  "Showing the first {shown}; query SPARQL for the rest."),
    "role": ("rooli", "roll", "role"),
    "programme": ("ohjelma", "program", "programme"),
    "amount": ("summa", "belopp", "amount"),
    "kind_project": ("Hanke", "Projekt", "Project"),
    "kind_organisation": ("Organisaatio", "Organisation", "Organisation"),
    "kind_person": ("Henkilö", "Person", "Person"),
    "kind_funding": ("Rahoitus", "Finansiering", "Funding"),
    "kind_programme": ("Rahoitusohjelma", "Finansieringsprogram", "Funding programme"),
    "kind_event": ("Tapahtuma", "Evenemang", "Event"),
    "kind_outcome": ("Tulos", "Resultat", "Outcome"),
    "kind_indicator": ("Mittari", "Indikator", "Indicator"),
    "kind_document": ("Lähdeasiakirja", "Källdokument", "Source document"),
    "kind_municipality": ("Kunta", "Kommun", "Municipality"),
    "kind_region": ("Alue", "Område", "Region"),
    "kind_concept": ("Käsite", "Begrepp", "Concept"),
    "health": ("Tila", "Status", "Status"),
    "run_hint": ("Valitse valmis kysely tai kirjoita oma ja paina ▶.",
                 "Välj en färdig fråga eller skriv en egen och tryck ▶.",
                 "Pick a canned query or write your own and press ▶."),
    "share_hint": ("Jaa kysely kopioimalla osoite: ?example=nimi tai ?query=…",
                   "Dela frågan genom att kopiera adressen: ?example=namn eller ?query=…",
                   "Share a query by copying its address: ?example=name or ?query=…"),
}


def t(key: str, lang: str) -> str:
    """The UI string ``key`` in ``lang`` (falls back to Finnish)."""
    texts = STRINGS[key]
    return texts[LANGS.index(lang)] if lang in LANGS else texts[0]


def _accept_language(request: Request) -> str | None:
    for value, _quality in request.accept_languages:
        primary = value.split("-")[0].lower()
        if primary in LANGS:
            return primary
    return None


def request_lang(request: Request) -> str:
    """The UI language asked for by this request."""
    asked = request.args.get("lang")
    if asked in LANGS:
        return asked
    remembered = request.cookies.get(LANG_COOKIE)
    if remembered in LANGS:
        return remembered
    return _accept_language(request) or DEFAULT_LANG


def pick_label(labels: Iterable[tuple[str | None, str]], lang: str) -> str | None:
    """The label in ``lang``, else Finnish, else English, else untagged, else any."""
    by_lang: dict[str | None, str] = {}
    for label_lang, text in labels:
        key = label_lang.split("-")[0].lower() if label_lang else None
        by_lang.setdefault(key, text)
    for choice in (lang, "fi", "en", None):
        if choice in by_lang:
            return by_lang[choice]
    return min(by_lang.values()) if by_lang else None


PROPERTY_LABELS: dict[str, tuple[str, str, str]] = {
    "wasGeneratedBy": ("tuotettu", "framställd av", "generated by"),
    "wasDerivedFrom": ("johdettu lähteestä", "härledd från", "derived from"),
    # local name of a kuhy/other property: (fi, sv, en)
    "type": ("tyyppi", "typ", "type"),
    "title": ("nimi", "namn", "title"),
    "altTitle": ("muu nimi", "annat namn", "other title"),
    "description": ("kuvaus", "beskrivning", "description"),
    "startDate": ("alkaa", "börjar", "starts"),
    "endDate": ("päättyy", "slutar", "ends"),
    "status": ("tila", "status", "status"),
    "scope": ("laajuus", "omfattning", "scope"),
    "totalBudget": ("kokonaisbudjetti (€)", "total budget (€)", "total budget (€)"),
    "hasParticipation": ("organisaatiot", "organisationer", "organisations"),
    "hasFunding": ("rahoitus", "finansiering", "funding"),
    "municipality": ("kunta", "kommun", "municipality"),
    "region": ("alue", "område", "region"),
    "targetGroup": ("kohderyhmä", "målgrupp", "target group"),
    "topic": ("aihe", "ämne", "topic"),
    "goal": ("tavoite", "mål", "goal"),
    "activity": ("toimenpide", "åtgärd", "activity"),
    "hasOutcome": ("tulos", "resultat", "outcome"),
    "hasIndicator": ("mittari", "indikator", "indicator"),
    "hasPersonRole": ("henkilöt", "personer", "people"),
    "hasEvent": ("tapahtuma", "evenemang", "event"),
    "webPage": ("verkkosivu", "webbsida", "web page"),
    "sourceDocument": ("lähdeasiakirja", "källdokument", "source document"),
    "organisation": ("organisaatio", "organisation", "organisation"),
    "role": ("rooli", "roll", "role"),
    "budgetShare": ("budjettiosuus (€)", "budgetandel (€)", "budget share (€)"),
    "funder": ("rahoittaja", "finansiär", "funder"),
    "programme": ("rahoitusohjelma", "finansieringsprogram", "programme"),
    "amount": ("summa (€)", "belopp (€)", "amount (€)"),
    "currency": ("valuutta", "valuta", "currency"),
    "person": ("henkilö", "person", "person"),
    "roleName": ("tehtävä", "uppgift", "role"),
    "text": ("teksti", "text", "text"),
    "value": ("arvo", "värde", "value"),
    "unit": ("yksikkö", "enhet", "unit"),
    "date": ("päivä", "datum", "date"),
    "startTime": ("alkaa klo", "börjar kl.", "starts at"),
    "endTime": ("päättyy klo", "slutar kl.", "ends at"),
    "place": ("paikka", "plats", "place"),
    "prefLabel": ("nimi", "namn", "name"),
    "label": ("nimi", "namn", "name"),
    "altLabel": ("muu nimi", "annat namn", "other name"),
    "name": ("nimi", "namn", "name"),
    "statisticsFinlandCode": ("kuntakoodi", "kommunkod", "municipality code"),
    "regionCode": ("maakuntakoodi", "landskapskod", "region code"),
    "inRegion": ("maakunta", "landskap", "region"),
    "overlapsRegion": ("maakunta", "landskap", "region"),
    "businessId": ("Y-tunnus", "FO-nummer", "business ID"),
    "rorId": ("ROR", "ROR", "ROR"),
    "sameAs": ("sama kuin", "samma som", "same as"),
    "exactMatch": ("vastaa", "motsvarar", "exact match"),
    "closeMatch": ("lähes sama kuin", "nära", "close match"),
    "sourceFile": ("tiedosto", "fil", "file"),
    "url": ("osoite", "adress", "URL"),
    "language": ("kieli", "språk", "language"),
    "sha256": ("SHA-256", "SHA-256", "SHA-256"),
}

# the extraction record's field names (evidence quotes say which field they support)
FIELD_LABELS: dict[str, tuple[str, str, str]] = {
    "title": ("nimi", "namn", "title"),
    "funders": ("rahoittajat", "finansiärer", "funders"),
    "funding_programmes": ("rahoitusohjelmat", "finansieringsprogram", "funding programmes"),
    "lead_organisations": ("päätoteuttajat", "huvudgenomförare", "lead organisations"),
    "partner_organisations": ("kumppanit", "partner", "partners"),
    "start_date": ("alkaa", "börjar", "starts"),
    "end_date": ("päättyy", "slutar", "ends"),
    "budget": ("budjetti", "budget", "budget"),
    "budget.shares": ("budjettiosuudet", "budgetandelar", "budget shares"),
    "budget.total_eur": ("kokonaisbudjetti", "total budget", "total budget"),
    "status": ("tila", "status", "status"),
    "people": ("henkilöt", "personer", "people"),
    "municipalities": ("kunnat", "kommuner", "municipalities"),
    "regions": ("alueet", "områden", "regions"),
    "indicators": ("mittarit", "indikatorer", "indicators"),
    "events": ("tapahtumat", "evenemang", "events"),
    "goals": ("tavoitteet", "mål", "goals"),
    "topics": ("aiheet", "ämnen", "topics"),
    "target_groups": ("kohderyhmät", "målgrupper", "target groups"),
    "outcomes": ("tulokset", "resultat", "outcomes"),
}

# The query editor's (YASGUI's) own English texts in Finnish and Swedish: whole texts, and
# patterns whose groups are kept ({1}, {2}, …) for texts with names or numbers in them.
EDITOR_TEXTS: dict[str, tuple[str, str]] = {
    "Query": ("Kysely", "Fråga"),
    "Close tab": ("Sulje välilehti", "Stäng fliken"),
    "Add tab": ("Uusi välilehti", "Ny flik"),
    "Add a new tab": ("Lisää uusi välilehti", "Lägg till en ny flik"),
    "Open settings": ("Avaa asetukset", "Öppna inställningar"),
    "Settings": ("Asetukset", "Inställningar"),
    "Clear endpoint": ("Tyhjennä osoite", "Töm adressen"),
    "Share query": ("Jaa kysely", "Dela frågan"),
    "Run query": ("Suorita kysely", "Kör frågan"),
    "Table": ("Taulukko", "Tabell"),
    "Response": ("Vastaus", "Svar"),
    "Download result": ("Lataa tulos", "Ladda ner resultatet"),
    "Download Results": ("Lataa tulos", "Ladda ner resultatet"),
    "Download not supported": ("Latausta ei tueta", "Nedladdning stöds inte"),
    "Filter query results": ("Suodata tuloksia", "Filtrera resultaten"),
    "Simple view": ("Yksinkertainen näkymä", "Enkel vy"),
    "Ellipse": ("Lyhennä pitkät", "Förkorta långa"),
    "Page size:": ("Rivejä sivulla:", "Rader per sida:"),
    "All": ("Kaikki", "Alla"),
    "First": ("Ensimmäinen", "Första"),
    "Previous": ("Edellinen", "Föregående"),
    "Next": ("Seuraava", "Nästa"),
    "Last": ("Viimeinen", "Sista"),
    "Request method": ("Pyyntötapa", "Anropsmetod"),
    "Accept Headers": ("Accept-otsakkeet", "Accept-huvuden"),
    "Arguments": ("Parametrit", "Parametrar"),
    "Header Arguments": ("Otsakeparametrit", "Huvudparametrar"),
    "Default Graphs": ("Oletusgraafit", "Standardgrafer"),
    "Named Graphs": ("Nimetyt graafit", "Namngivna grafer"),
    "No data available in table": ("Ei rivejä", "Inga rader"),
    "Show all": ("Näytä kaikki", "Visa alla"),
}
EDITOR_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"^Shows (.+) view$", "Näytä: {1}", "Visa: {1}"),
    (r"^View documentation of (.+)$", "Ohje: {1}", "Dokumentation: {1}"),
    (r"^(.+): Activate to sort$", "{1}: lajittele", "{1}: sortera"),
    (r"^(\d+) results? in ([\d.]+) seconds?$", "{1} riviä, {2} s", "{1} rader, {2} s"),
    (r"^Showing (\d+) to (\d+) of (\d+) entries$", "Rivit {1}–{2} / {3}",
     "Rader {1}–{2} av {3}"),
)


def editor_labels(lang: str) -> dict[str, object]:
    """The editor's texts for the query page's script in ``lang`` (none in English)."""
    if lang not in LANGS[:2]:
        return {"texts": {}, "patterns": []}
    column = LANGS.index(lang)
    return {"texts": {english: texts[column] for english, texts in EDITOR_TEXTS.items()},
            "patterns": [[pattern, texts[column]] for pattern, *texts in EDITOR_PATTERNS]}


ROLE_LABELS: dict[str, tuple[str, str, str]] = {
    "Lead": ("päätoteuttaja", "huvudgenomförare", "lead"),
    "Partner": ("yhteistyökumppani", "samarbetspartner", "partner"),
    "Coordinator": ("koordinaattori", "koordinator", "coordinator"),
    "SubImplementer": ("osatoteuttaja", "delgenomförare", "sub-implementer"),
}


def term_label(local_name: str, lang: str, table: dict[str, tuple[str, str, str]]) -> str | None:
    """The UI name of a vocabulary term from ``table`` in ``lang``, if it has one."""
    texts = table.get(local_name)
    if texts is None:
        return None
    return texts[LANGS.index(lang)] if lang in LANGS else texts[0]

STATUS_LABELS: dict[str, tuple[str, str, str]] = {
    "planned": ("suunnitteilla", "planerat", "planned"),
    "ongoing": ("käynnissä", "pågående", "ongoing"),
    "completed": ("päättynyt", "avslutat", "completed"),
    "local": ("paikallinen", "lokal", "local"),
    "regional": ("alueellinen", "regional", "regional"),
    "national": ("valtakunnallinen", "nationell", "national"),
    "international": ("kansainvälinen", "internationell", "international"),
}
