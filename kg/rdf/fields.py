"""Every extraction-record field and what the RDF stage does with it.

``tests/foundation/test_foundation_fields.py`` fails when the record schema
(``kg/ingest/record.schema.json``) has a property that is neither listed here
nor decided in a file of ``docs/decisions/`` (as "record field `path`"). Paths are
dotted; list items do not add a segment.
"""

from __future__ import annotations

FIELD_MAPPING: dict[str, str] = {
    "source": "document node K:sourceFile + rdfs:label; its stem keys the document graph "
              "{base}graph/doc/{key} and the node {base}id/document/{key}",
    "url": "document K:url and prov:wasDerivedFrom (an http(s) IRI with a host; http:// added "
           "when no scheme is written; anything else left out and reported)",
    "language": "document dcterms:language; language tag of description, goals, activities, "
                "outcomes, role names and names passed to the linker",
    "extraction": "how the record was made: the document's prov:wasGeneratedBy activity",
    "extraction.method": "K:extractionMethod on the activity (\"machine\" | \"curated\"; a "
                         "record without the block is curated)",
    "extraction.extractor": "K:extractionVersion on the activity",
    "extraction.confidence": "K:confidence xsd:decimal on the activity",
    "extraction.text_sha256": "document K:sha256 when the text itself is not at hand",
    "projects": "one K:Project each at {base}id/project/{slug(main title)}-{start year}, "
                "K:sourceDocument the document; a project with no title gets rdfs:label from "
                "its recipient, funder and year with K:labelGenerated true, at "
                "{base}id/project/{slug(label)}-{sha1(project)} (completeness warning)",
    "projects.title": "K:title per language (language-tagged); main title also rdfs:label",
    "projects.title.fi": "K:title \"…\"@fi",
    "projects.title.sv": "K:title \"…\"@sv",
    "projects.title.en": "K:title \"…\"@en",
    "projects.alt_titles": "K:altTitle (plain literal)",
    "projects.description": "K:description \"…\"@lang",
    "projects.start_date": "K:startDate xsd:date | xsd:gYearMonth | xsd:gYear by precision",
    "projects.end_date": "K:endDate, typed as start_date",
    "projects.status": "K:status (plain literal)",
    "projects.lead_organisations": "K:hasParticipation [K:organisation org; K:role K:Lead]; "
                                   "org from the linker",
    "projects.partner_organisations": "K:hasParticipation [K:organisation org; "
                                      "K:role K:Partner]",
    "projects.funders": "K:hasFunding [a K:Funding; K:funder org; K:currency \"EUR\"] at "
                        "{base}id/funding/{project-key}-{sha1(funder|programmes)}",
    "projects.funding_programmes": "K:programme on the funding (on the only funder's funding, "
                                   "else a funding of its own); a K:FundingProgramme at "
                                   "{base}id/programme/{slug(name)}",
    "projects.budget": "see total_eur and shares",
    "projects.budget.total_eur": "K:totalBudget xsd:decimal (euros)",
    "projects.budget.shares": "a funder's share is K:amount on its K:Funding; any other "
                              "organisation's is K:budgetShare on its participation (a "
                              "participation without role when the organisation has none)",
    "projects.budget.shares.organisation": "K:organisation of that participation (linked); "
                                           "null: K:amount of the only funding, or of the only "
                                           "funding without a funder, else left out (reported)",
    "projects.budget.shares.eur": "K:budgetShare or K:amount xsd:decimal (euros)",
    "projects.scope": "K:scope (plain literal)",
    "projects.regions": "K:region (K:municipality when the linker says it is one); entity "
                        "from the linker, reference data in the reference graph",
    "projects.municipalities": "K:municipality (K:region when the linker says it is an area)",
    "projects.target_groups": "K:targetGroup skos:Concept from the linker (field "
                              "target_groups)",
    "projects.topics": "K:topic skos:Concept from the linker (field topics); its YSO "
                       "exactMatch/closeMatch/broadMatch, YSO labels in the reference graph",
    "projects.goals": "K:goal \"…\"@lang",
    "projects.activities": "K:activity \"…\"@lang",
    "projects.outcomes": "K:hasOutcome K:Outcome at {base}id/outcome/{project-key}-{sha1(text)} "
                         "with K:text",
    "projects.indicators": "K:hasIndicator K:Indicator at {base}id/indicator/{project-key}-"
                           "{sha1(value|unit|text)}",
    "projects.indicators.value": "K:value xsd:decimal",
    "projects.indicators.unit": "K:unit (plain literal)",
    "projects.indicators.text": "K:text \"…\"@lang",
    "projects.people": "K:hasPersonRole <{project}#person-{sha1(name)}> a K:PersonRole; "
                       "K:person {base}id/person/{slug(name)}",
    "projects.people.name": "person foaf:name and rdfs:label",
    "projects.people.roles": "K:roleName \"…\"@lang on the person role",
    "projects.people.organisation": "K:organisation on the person role (linked)",
    "projects.people.email": "schema:email on the person, only with --include-contacts",
    "projects.people.phone": "schema:telephone on the person, only with --include-contacts",
    "projects.events": "K:hasEvent K:Event at {base}id/event/{project-key}-"
                       "{sha1(name|date|place)}",
    "projects.events.name": "event rdfs:label \"…\"@lang",
    "projects.events.date": "event K:date, typed as start_date",
    "projects.events.start_time": "event K:startTime xsd:time",
    "projects.events.end_time": "event K:endTime xsd:time",
    "projects.events.place": "event K:place (plain literal)",
    "projects.links": "K:webPage <IRI>: http(s) with a host only (http:// added when no scheme "
                      "is written); others left out and reported",
    "projects.identifier": "dcterms:identifier (a register's project code); also ends the "
                           "project key: {slug(title)}-{start year}-{slug(code)}",
    "projects.relevance": "how strongly the project is about the domain (registers: "
                          "kg.extract.relevance); see score, rule, concepts",
    "projects.relevance.score": "K:relevanceScore xsd:decimal in [0, 1]",
    "projects.relevance.rule": "not mapped: names the rule version in the record only",
    "projects.relevance.concepts": "not mapped as such: the YSO concepts hit are also the "
                                   "project's topics (K:topic)",
    "projects.evidence": "oa:Annotation <{project}#annotation-{sha1(entry)}> on the fact node "
                         "(participation, funding, outcome, …; else the project)",
    "projects.evidence.field": "annotation K:field",
    "projects.evidence.value": "annotation K:value; located in the quote for oa:exact",
    "projects.evidence.start": "oa:TextPositionSelector oa:start; finds the quote in the text",
    "projects.evidence.end": "oa:TextPositionSelector oa:end",
    "projects.evidence.quote": "oa:TextQuoteSelector exact/prefix/suffix (32 characters of "
                               "context from the text when available, else from the quote); "
                               "e-mail addresses and phone numbers replaced by […] unless "
                               "--include-contacts",
    "projects.evidence.confidence": "annotation K:confidence (xsd:decimal 0-1)",
}
