"""Documents as people hold them: HTML, PDF, DOCX and Markdown read like the plain text.

Every fixture is written here (fpdf2 draws the PDFs, python-docx writes the DOCX);
nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from fpdf import FPDF
from PIL import Image

from kg.cli import main
from kg.extract import extract_path, projects
from kg.extract.normalise import normalise_text
from kg.ingest.errors import InputError
from kg.ingest.formats import READERS, read_document
from kg.store.build import build

LINES = [
    "Kulttuuria kaikille kylissä",
    "Kulttuuria kaikille kylissä -hankkeen tavoitteena on tuoda taidetta ja kulttuuria "
    "ikäihmisten arkeen kolmessa pohjoissavolaisessa kunnassa sekä vahvistaa "
    "kulttuurihyvinvointia yhteistyössä sosiaali- ja terveyspalvelujen kanssa.",
    "Toteuttaja: Savonia-ammattikorkeakoulu",
    "Osatoteuttaja: Iisalmen kaupunki",
    "Rahoittaja: Opetus- ja kulttuuriministeriö",
    "Hankkeen kesto: 1.1.2021 - 31.12.2022",
    "Hankkeen kokonaisbudjetti on 120 000 euroa.",
    "Kohderyhmä: ikäihmiset ja omaishoitajat",
    "Projektipäällikkö Maija Meikäläinen, maija.meikalainen@example.fi",
]
BOILERPLATE = ("Etusivu", "evästeitä", "Microkatu", "Saavutettavuusseloste")


def write_text(path: Path) -> Path:
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def write_pdf(path: Path, lines: list[str] = LINES, images: int = 0, password: str = "") -> Path:
    """One page of text (each block a wrapped paragraph), then ``images`` image-only pages."""
    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    if lines:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    for _ in range(images):  # a "scan": a picture of a page, no text layer
        pdf.add_page()
        pdf.image(Image.new("RGB", (400, 560), "white"), x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading(LINES[0], level=1)
    for line in LINES[1:]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_html(path: Path) -> Path:
    body = "".join(f"<p>{line}</p>\n" for line in LINES[1:])
    path.write_text(f"""<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>{LINES[0]} | Savonia</title></head>
<body>
<header><nav><ul><li><a href="/">Etusivu</a></li><li><a href="/hankkeet">Hankkeet</a></li>
<li><a href="/yhteystiedot">Yhteystiedot</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">Tämä sivusto käyttää evästeitä.
<button>Hyväksy evästeet</button></div>
<main><article><h1>{LINES[0]}</h1>
{body}</article></main>
<footer><p>Savonia-ammattikorkeakoulu, Microkatu 1, Kuopio.</p>
<a href="/saavutettavuus">Saavutettavuusseloste</a></footer>
</body></html>""", encoding="utf-8")
    return path


def without_source(record: dict) -> dict:
    return {key: value for key, value in record.items() if key != "source"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    return {"txt": write_text(folder / "hanke.txt"), "pdf": write_pdf(folder / "hanke.pdf"),
            "docx": write_docx(folder / "hanke.docx"), "html": write_html(folder / "hanke.html")}


def test_pdf_docx_and_html_give_the_same_record_as_the_text(documents) -> None:
    expected = extract_path(documents["txt"])
    assert expected["projects"] and expected["projects"][0]["lead_organisations"]
    assert expected["projects"][0]["evidence"]
    for kind in ("pdf", "docx", "html"):
        record = extract_path(documents[kind])
        assert record["source"] == documents[kind].name
        assert without_source(record) == without_source(expected), kind


def test_html_keeps_the_main_content_only(documents, tmp_path: Path) -> None:
    text = read_document(documents["html"]).text
    assert text.split("\n") == LINES
    assert not [word for word in BOILERPLATE if word in text]
    # a heading outside the article still opens the text: it is the page's title
    loose = tmp_path / "loose.html"
    loose.write_text(documents["html"].read_text("utf-8").replace("<main><article>", "<div>")
                     .replace("</article></main>", "</div>"), encoding="utf-8")
    assert read_document(loose).text.split("\n") == LINES


def test_wrapped_pdf_lines_are_joined_and_short_lines_kept(documents, tmp_path) -> None:
    text = read_document(documents["pdf"]).text
    assert text.split("\n") == LINES
    # two paragraphs, each one line as wide as the column: a paragraph gap keeps them apart
    first, second = "Hanke alkoi keväällä.", "Hanke päättyi syksyllä."
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in (first, second):
        pdf.cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.output(str(tmp_path / "two.pdf"))
    assert read_document(tmp_path / "two.pdf").text.split("\n") == [first, second]


def test_evidence_offsets_point_into_the_extracted_text(documents) -> None:
    for kind in ("pdf", "docx", "html"):
        text = normalise_text(read_document(documents[kind]).text)
        for entry in extract_path(documents[kind])["projects"][0]["evidence"]:
            assert entry["quote"] in text, (kind, entry)
            assert entry["start"] < entry["end"] <= len(text)


def test_markdown_reads_as_the_text_a_reader_sees(tmp_path: Path) -> None:
    path = tmp_path / "hanke.md"
    path.write_text("# Kulttuuria kaikille\n\n**Toteuttaja:** Savonia\n\n"
                    "Lisätietoja [hankkeen sivulla](https://example.fi/hanke).\n", "utf-8")
    assert read_document(path).text.strip().split("\n") == [
        "Kulttuuria kaikille", "", "Toteuttaja: Savonia", "",
        "Lisätietoja hankkeen sivulla (https://example.fi/hanke)."]


def test_unknown_extension_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "hanke.odt"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert ".odt" in error.value.reason and all(suffix in error.value.reason
                                                  for suffix in READERS)


@pytest.mark.parametrize(("name", "make", "reason"), [
    ("locked.pdf", lambda p: write_pdf(p, password="salasana"), "encrypted PDF"),
    ("scan.pdf", lambda p: write_pdf(p, lines=[], images=2), "pages 1-2: no text layer"),
    ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n%garbage" + b"\x00" * 64), "PDF"),
    ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "not a readable DOCX"),
    ("empty.html", lambda p: p.write_text("<html><body><img src='x.png'></body></html>"),
     "no main content"),
])
def test_unreadable_documents_name_the_file_and_the_reason(tmp_path: Path, name, make,
                                                           reason) -> None:
    make(tmp_path / name)
    with pytest.raises(InputError) as error:
        read_document(tmp_path / name)
    assert error.value.name == name and reason in error.value.reason


def test_build_reports_bad_pdfs_by_file_and_page_and_builds_the_rest(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    write_html(texts / "hanke.html")
    write_pdf(texts / "locked.pdf", password="salasana")
    write_pdf(texts / "scan.pdf", lines=[], images=1)
    write_pdf(texts / "partly.pdf", images=1)  # a text page, then a scanned page
    result = build(None, texts, store_root=tmp_path / "store")
    problems = {problem.source: problem.message for problem in result.problems}
    assert problems == {"locked.pdf": "encrypted PDF: a password is needed to open it",
                        "scan.pdf": "page 1: no text layer on any page (image only, e.g. a "
                                    "scan without OCR)"}
    assert "partly.pdf: page 2: no text layer (image only, e.g. a scan); left out" in \
        result.notices
    assert result.documents == 2
    store = ox.Store.read_only(str(result.store_path))
    rows = store.query("SELECT ?file ?sha ?method WHERE { ?d kuhy:sourceFile ?file ; "
                       "kuhy:sha256 ?sha ; prov:wasGeneratedBy/kuhy:extractionMethod ?method }",
                       prefixes={"kuhy": "https://w3id.org/kuhy/ontology#",
                                 "prov": "http://www.w3.org/ns/prov#"},
                       use_default_graph_as_union=True)
    found = {row["file"].value: (row["sha"].value, row["method"].value) for row in rows}
    html_text = read_document(texts / "hanke.html").text
    assert found == {
        "hanke.html": (hashlib.sha256(html_text.encode("utf-8")).hexdigest(), "machine"),
        "partly.pdf": (hashlib.sha256(read_document(texts / "partly.pdf").text.encode())
                       .hexdigest(), "machine")}


def test_a_text_a_rule_fails_on_is_named_and_the_others_are_extracted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A defect of ours that one text trips (a rule raising ValueError) costs that text
    only, in `kg extract` of a folder as in a build."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    text = "\n\n".join(LINES) + "\n"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text("TRIPS A RULE\n\n" + text, encoding="utf-8")
    real_rule = projects.build_project

    def tripped_rule(span: object, facts: projects.DocumentFacts) -> dict:
        if facts.text.startswith("TRIPS"):
            raise ValueError("substring not found")
        return real_rule(span, facts)

    monkeypatch.setattr(projects, "build_project", tripped_rule)
    outcome = CliRunner().invoke(main, ["extract", str(folder), "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    assert "b.txt: cannot extract: ValueError('substring not found')" in outcome.output
    assert "extracted 1 of 2 file(s)" in outcome.output
    assert [path.name for path in out.glob("*.json")] == ["a.json"]
    result = build(None, folder, store_root=tmp_path / "store")
    assert result.documents == 1
    assert [(p.source, p.message) for p in result.problems] == [
        ("b.txt", "cannot extract: ValueError('substring not found')")]


def test_kg_extract_takes_a_folder_of_mixed_documents(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    write_pdf(folder / "a.pdf")
    write_docx(folder / "b.docx")
    write_html(folder / "c.html")
    (folder / "d.md").write_text("# " + "\n\n".join(LINES) + "\n", encoding="utf-8")
    (folder / "e.odt").write_bytes(b"not read")  # no reader: not picked from a folder
    outcome = CliRunner().invoke(main, ["extract", str(folder), "--out", str(out)])
    assert outcome.exit_code == 0, outcome.output
    assert "extracted 4 of 4 file(s)" in outcome.output
    records = {path.name: json.loads(path.read_text("utf-8")) for path in out.glob("*.json")}
    assert sorted(records) == ["a.json", "b.json", "c.json", "d.json"]
    assert all(record["projects"][0]["funders"] == ["Opetus- ja kulttuuriministeriö"]
               for record in records.values())
