"""Namespaces and the kuhy vocabulary: the contract between rdf, shapes, queries and server.

The terms are declared (labels, definitions, alignments) in ``ontology/kuhy.ttl``;
this module only names them so Python code never spells an IRI by hand.

Shape of the data (``K`` = kuhy ontology namespace, all things at ``{base}id/{kind}/{key}``)::

    project  a K:Project ; K:title "…"@fi ; rdfs:label "…"@fi ; K:altTitle "…" ;
             K:description "…"@lang ; K:startDate / K:endDate xsd:date|gYearMonth|gYear ;
             K:status "planned"|"ongoing"|"completed" ; K:scope "local"|… ;
             K:totalBudget xsd:decimal (euros) ;
             K:hasParticipation [ a K:Participation ; K:organisation org ;
                                  K:role K:Lead|K:Partner|K:Coordinator|K:SubImplementer ;
                                  K:budgetShare xsd:decimal ] ;
             K:hasFunding [ a K:Funding ; K:funder org ; K:programme programme ;
                            K:amount xsd:decimal ; K:currency "EUR" ] ;
             K:municipality muni ; K:region region ;            # region may be a K:Area
             K:targetGroup concept ; K:topic concept ;          # skos:Concept
             K:goal "…"@lang ; K:activity "…"@lang ;
             K:hasOutcome [ a K:Outcome ; K:text "…"@lang ] ;
             K:hasIndicator [ a K:Indicator ; K:value xsd:decimal ; K:unit "count" ; K:text "…" ] ;
             K:hasPersonRole [ a K:PersonRole ; K:person person ; K:roleName "…"@lang ;
                               K:organisation org ] ;
             K:hasEvent event ; K:webPage <http://…> ;
             K:sourceDocument doc .
    org      a K:Organisation ; skos:prefLabel "…"@fi ; rdfs:label "…"@fi ; skos:altLabel "…"@sv ;
             owl:sameAs wikidata ; K:rorId <https://ror.org/…> ; K:businessId "0116947-3" .
    person   a K:Person ; foaf:name "…" ; rdfs:label "…" ;
             (schema:email / schema:telephone only when the build asks for contacts)
    event    a K:Event ; rdfs:label "…" ; K:date xsd:date ; K:startTime / K:endTime xsd:time ;
             K:place "…" .
    muni     a K:Municipality ; skos:prefLabel "…"@fi, "…"@sv ; K:statisticsFinlandCode "091" ;
             owl:sameAs <http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/091>, wd:Q1757 ;
             skos:exactMatch yso-place ; K:inRegion region .
    region   a K:Region ; skos:prefLabel … ; K:regionCode "01" ; owl:sameAs … .
             (a K:Area for wider/smaller areas: K:overlapsRegion region;
              a K:SubRegion (seutukunta) also K:subRegionCode "071" ;
              K:memberMunicipality muni where the members are known)
    concept  a skos:Concept ; skos:prefLabel "…"@fi ; skos:exactMatch|skos:closeMatch yso .
    doc      a K:Document ; K:sourceFile "h002.txt" ; K:url <https://…> ; dcterms:language "fi" ;
             K:sha256 "…" ; prov:wasGeneratedBy [ K:extractionVersion "…" ;
                 K:extractionMethod "machine" ; K:confidence 0.74 ] .
    annotation a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody fact-node ;
             K:field "funders" ; K:value "…" ;
             oa:hasTarget [ oa:hasSource doc ;
                            oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "…" ;
                                             oa:prefix "…" ; oa:suffix "…" ] ] .

Named graphs: ``{base}graph/doc/{source-key}`` per source document (the
document node, its project(s) and every fact read from it);
``{base}graph/reference`` (municipalities, regions, YSO labels from reference
data); ``{base}graph/ontology``; ``{base}graph/meta`` (VoID, DCAT, build info).
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

# The vocabulary keeps one identity wherever the data is served, so its namespace
# does not follow a configured base URI (ontology and shapes files spell it too).
ONTOLOGY_NS = "https://w3id.org/kuhy/ontology#"
K = Namespace(ONTOLOGY_NS)
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
WD = Namespace("http://www.wikidata.org/entity/")
YSO = Namespace("http://www.yso.fi/onto/yso/")
KUNTA = Namespace("http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/")
EURIO = Namespace("http://data.europa.eu/s66#")
FRAPO = Namespace("http://purl.org/cerif/frapo/")

ROLE_TERMS = {
    "lead": K.Lead,
    "partner": K.Partner,
    "coordinator": K.Coordinator,
    "sub-implementer": K.SubImplementer,
}

PREFIXES: dict[str, str] = {
    "kuhy": str(K),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "void": str(VOID),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "org": str(ORG),
    "adms": str(ADMS),
    "wd": str(WD),
    "yso": str(YSO),
}
