"""Swedish and English base forms in linking (issue 11): an organisation named in the
genitive, and a topic or group label in an inflected form, link as their base form does."""

from __future__ import annotations

import pytest

from kg.link import default_linker


@pytest.fixture(scope="module")
def linker():  # noqa: ANN201
    return default_linker()


@pytest.mark.parametrize(("name", "lang", "key"), [
    ("Helsingfors stads", "sv", "03vdzkx92"),         # the table: "stads" -> "stad"
    ("Österbottens förbunds", "sv", "pohjanmaan-liitto"),
    ("Svenska kulturfondens", "sv", "2379356-8"),     # a genitive no table lists
    ("Meteorologiska institutets", "sv", "05hppb561"),  # definite, not the table's "institut"
    ("Finnish Cultural Foundation's", "en", "0116947-3"),
    ("the Arts Promotion Centre Finland's", "en", "01vmr1p43"),
    ("Pohjanmaan liiton", "fi", "pohjanmaan-liitto"),
])
def test_an_organisation_in_the_genitive_links(linker, name: str, lang: str, key: str) -> None:
    entity = linker.organisation(name.removeprefix("the "), lang)
    assert (entity.key, entity.status) == (key, "linked")


def test_an_english_name_is_not_read_as_a_swedish_genitive(linker) -> None:
    """Only the name's own language is tried after Finnish: "Turku Cities" is no city."""
    assert linker.organisation("City of Turkus", "en").status == "unlinked"


@pytest.mark.parametrize(("name", "lang", "uri"), [
    ("konstnärernas", "sv", "p7017"),     # YSO's "konstnärer"
    ("bibliotekens", "sv", "p2787"),      # "bibliotek"
    ("ungdomarnas", "sv", "p11617"),      # "ungdomar", not "ungdom (skede)": the longer start
    ("pensionärernas", "sv", "p2431"),
    ("volunteer", "en", "p20390"),        # YSO's "volunteers"
    ("immigrant", "en", "p6457"),
    ("refugee's", "en", "p6458"),
])
def test_an_inflected_swedish_or_english_label_links_by_lemma(linker, name: str, lang: str,
                                                              uri: str) -> None:
    entity = linker.concept(name, lang, "topics")
    assert entity.status == "linked"
    assert entity.close_match == ("http://www.yso.fi/onto/yso/" + uri,)


def test_a_lemma_is_only_looked_up_in_its_own_language(linker) -> None:
    assert linker.concept("konstnärernas", "en", "topics").status == "unlinked"
    assert linker.concept("konstnärernas", None, "topics").status == "unlinked"


@pytest.mark.parametrize(("name", "lang", "key"), [
    ("Vasas", "sv", "905"), ("Åbos", "sv", "853"), ("Österbottens", "sv", "15"),
    ("Turku's", "en", "853"), ("Iisalmen", "fi", "140"),
])
def test_a_place_in_the_genitive_links(linker, name: str, lang: str, key: str) -> None:
    entity = linker.place(name, lang)
    assert (entity.key, entity.status) == (key, "linked")
