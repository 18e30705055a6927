"""Places and organisations resolve to the right identifiers; ambiguity is never a link."""

from __future__ import annotations

import pytest

from kg.link import default_linker
from kg.link.places import KUNTA_URI, MAAKUNTA_URI


@pytest.fixture(scope="module")
def linker():  # noqa: ANN201
    return default_linker()


@pytest.mark.parametrize(("name", "code", "fi_name"), [
    ("Iisalmi", "140", "Iisalmi"), ("Seinäjoki", "743", "Seinäjoki"),
    ("Helsinki", "091", "Helsinki"), ("Vasa", "905", "Vaasa"),
    ("Jakobstad", "598", "Pietarsaari"), ("Helsingfors", "091", "Helsinki"),
    ("Mariehamn", "478", "Maarianhamina"), ("Iisalmen", "140", "Iisalmi"),
    ("Valtimo", "541", "Nurmes"), ("Honkajoki", "214", "Kankaanpää"),
    ("Tammisaari", "710", "Raasepori"),
])
def test_municipality_code(linker, name: str, code: str, fi_name: str) -> None:
    entity = linker.place(name)
    assert (entity.kind, entity.key, entity.name, entity.status) == (
        "municipality", code, fi_name, "linked")
    assert KUNTA_URI + code in entity.same_as


def test_municipality_carries_region_wikidata_and_former_names(linker) -> None:
    helsinki = linker.place("Helsinki")
    assert "http://www.wikidata.org/entity/Q1757" in helsinki.same_as
    assert [b.key for b in helsinki.broader] == ["01"]
    nurmes = linker.place("Nurmes")
    assert ("fi", "Valtimo") in nurmes.alt_labels
    assert [b.key for b in linker.place("Seinäjoki").broader] == ["14"]


@pytest.mark.parametrize(("name", "code"), [
    ("Etelä-Pohjanmaa", "14"), ("Södra Österbotten", "14"), ("Österbotten", "15"),
    ("Norra Savolax", "11"), ("Egentliga Finland", "02"), ("Ahvenanmaa", "21"),
])
def test_region_code(linker, name: str, code: str) -> None:
    entity = linker.place(name)
    assert (entity.kind, entity.key, entity.status) == ("region", code, "linked")
    assert MAAKUNTA_URI + code in entity.same_as


@pytest.mark.parametrize(("name", "regions"), [
    ("Kaakkois-Suomi", ["08", "09"]), ("Åboland", ["02"]), ("Meri-Lappi", ["19"]),
])
def test_area_is_its_own_kind_with_parent_regions(linker, name: str, regions: list[str]) -> None:
    entity = linker.place(name)
    assert entity.kind == "area" and entity.uri_kind == "region"
    assert [b.key for b in entity.broader] == regions


def test_unknown_place_is_not_linked(linker) -> None:
    entity = linker.place("Keskimaa")
    assert entity.status == "unlinked" and not entity.same_as


@pytest.mark.parametrize(("names", "key"), [
    (["Pohjanmaan liitto", "Österbottens förbund", "Pohjanmaan liiton"], "pohjanmaan-liitto"),
    (["Etelä-Pohjanmaan liitto", "Södra Österbottens förbund"], "etela-pohjanmaan-liitto"),
    (["Opetus- ja kulttuuriministeriö", "OKM", "OKM:n", "Ministry of Education and Culture",
      "Undervisnings- och kulturministeriet", "opetus- ja kulttuuriministeriön"], "02w52zt87"),
    (["Kaakkois-Suomen ammattikorkeakoulu", "Kaakkois-Suomen ammattikorkeakoulu Oy", "Xamk"],
     "051v6v138"),
    (["Metropolia Ammattikorkeakoulu", "Metropolia University of Applied Sciences"], "03hdaef25"),
    (["Helsingin kaupunki", "City of Helsinki", "Helsingfors stad"], "03vdzkx92"),
    (["Tampereen kaupunki", "City of Tampere", "Tammerfors stad", "Tampereen kaupungin"],
     "tampereen-kaupunki"),
    (["Svenska kulturfonden"], "2379356-8"),
    (["Uniarts Helsinki", "Taideyliopisto", "University of the Arts Helsinki"], "05anqtc62"),
    (["Åbo Akademi School of Health Sciences", "Åbo Akademi University"], "029pk6x14"),
    (["Luckan ry", "Luckan r.f."], "luckan-ry"),
    (["Svenska Österbottens förbund för utbildning och kultur", "SÖFUK"],
     "svenska-osterbottens-forbund-for-utbildning-och-kultur"),
])
def test_organisation_names_are_one_entity(linker, names: list[str], key: str) -> None:
    entities = [linker.organisation(name) for name in names]
    assert {(e.key, e.status) for e in entities} == {(key, "linked")}


def test_organisation_identifiers(linker) -> None:
    okm = linker.organisation("Opetus- ja kulttuuriministeriö")
    assert ("ror", "https://ror.org/02w52zt87") in okm.identifiers
    assert "http://www.wikidata.org/entity/Q3315253" in okm.same_as
    skr = linker.organisation("Suomen Kulttuurirahasto")
    assert ("business_id", "0116947-3") in skr.identifiers


def test_generic_name_is_ambiguous_not_linked(linker) -> None:
    entity = linker.organisation("ELY-keskus")
    assert entity.status == "ambiguous" and len(entity.candidates) == 15
    assert not entity.identifiers and not entity.same_as


@pytest.mark.parametrize("name", ["University of Tampere Foundation", "Iisalmen kulttuuripalvelut",
                                  "Turun ammattikorkeakoulun Taideakatemia"])
def test_near_names_of_other_bodies_are_not_linked(linker, name: str) -> None:
    entity = linker.organisation(name)
    assert entity.status == "unlinked" and not entity.identifiers


def test_unknown_organisation_lists_nearest_candidates(linker) -> None:
    entity = linker.organisation("Iisalmen kulttuuripalvelut")
    assert entity.key == "iisalmen-kulttuuripalvelut"
    assert "Iisalmen kaupunki" in entity.candidates


def test_every_verified_organisation_links_once(linker) -> None:
    """entities-verified.tsv's organisations link, and one that another table already
    has under another name is not added twice ("Hämeen ELY-keskus")."""
    from kg.link.reference import read_tsv

    labels = [row["label"].split(" (")[0] for row in read_tsv("entities-verified.tsv")
              if row["kind"].startswith("organisation:")]
    assert labels and all(linker.organisation(n).status == "linked" for n in labels), labels
    ely = linker.organisation("Hämeen elinkeino-, liikenne- ja ympäristökeskus")
    assert linker.organisation("Hämeen ELY-keskus").key == ely.key


@pytest.mark.parametrize("name", ["Helsinki School of Creative Arts",
                                  "Finnish Institute of Occupational Health and Safety",
                                  "Regionförvaltningsverket"])
def test_no_parent_without_a_university_or_a_region(linker, name: str) -> None:
    assert linker.organisation(name).status != "linked"
