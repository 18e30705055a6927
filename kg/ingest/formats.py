"""Input documents in the formats people hold them: one table of file extensions -> reader.

Every reader turns a file's bytes into plain text with one block (heading, paragraph,
list item, table cell) per line, the layout the extractor's segmenter expects. That text
is what extraction reads and evidence offsets point into; its sha256 is kept with the
document so a quote stays verifiable. A file that cannot be read as a whole raises
:class:`InputError` naming the file (and page) and the reason; a part left out (a PDF page
with no text layer) becomes a note for the build report. Each reader imports its
library when a file of its kind is read, so plain texts need none of them.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from kg.ingest.errors import InputError
from kg.ingest.files import read_limited
from kg.ingest.texts import decode_text


@dataclass(frozen=True)
class DocumentText:
    """The text read from one input file, and what was left out of it (for the report)."""

    text: str
    notes: tuple[str, ...] = ()
    file_sha256: str = ""  # of the file's bytes (the text's own sha256 is taken by the caller)


Reader = Callable[[bytes, str], DocumentText]


def _plain(data: bytes, name: str) -> DocumentText:
    return DocumentText(decode_text(data, name))


_MD_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_RULE = re.compile(r"(?m)^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def _markdown(data: bytes, name: str) -> DocumentText:
    """Markdown as the text a reader sees: heading marks, bold and link syntax removed
    (a link keeps its text and its address)."""
    text = decode_text(data, name)
    text = _MD_RULE.sub("", _MD_HEADING.sub(r"\1", text))
    text = _MD_LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[1] else m[2], text)
    return DocumentText(_MD_EMPHASIS.sub(r"\2", text))


def _html(data: bytes, name: str) -> DocumentText:
    """The page's main content only (trafilatura): navigation, cookie banners, footers,
    sidebars and comments are left out; tables are kept."""
    import trafilatura

    if not data.strip():
        raise InputError(name, "empty file")
    found = trafilatura.bare_extraction(data, include_comments=False, include_tables=True,
                                        include_links=False, favor_recall=True,
                                        deduplicate=False, with_metadata=True)
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise InputError(name, "no main content found in the HTML page")
    title = " ".join((found.title or "").split())
    if title and text.split("\n", 1)[0].strip() != title:
        text = f"{title}\n{text}"  # a heading outside the article is still the page's title
    return DocumentText(text)


def _docx(data: bytes, name: str) -> DocumentText:
    """Paragraphs and table cells of a Word document's body, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise InputError(name, f"not a readable DOCX file ({error})") from error
    except Exception as error:  # zipfile and lxml errors of a damaged package
        raise InputError(name, f"not a readable DOCX file ({type(error).__name__})") from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_cells(block))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(name, "the DOCX document has no text")
    return DocumentText(text)


def _table_cells(table) -> list[str]:  # noqa: ANN001 - a python-docx Table
    """Each cell's text on its own line; a merged cell (repeated by python-docx) once."""
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                lines.append(cell.text)
    return lines


def _pdf(data: bytes, name: str) -> DocumentText:
    """The text layer of every page (pdfminer.six layout analysis); lines that were
    wrapped to the column width are joined again. An encrypted file that needs a password
    is refused; a page without text (a scanned image) is left out and noted."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    pages: list[str] = []
    empty: list[int] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()),
                                      start=1):
            text = _page_text(page)
            pages.append(text)
            if not text.strip():
                empty.append(number)
    except Exception as error:  # pdfminer raises many unrelated types for bad files
        raise InputError(name, _pdf_failure(error, len(pages) + 1)) from error
    if not pages:
        raise InputError(name, "the PDF has no pages")
    if len(empty) == len(pages):
        where = "page 1" if len(pages) == 1 else f"pages 1-{len(pages)}"
        raise InputError(name, f"{where}: no text layer on any page (image only, e.g. a "
                               "scan without OCR)")
    notes = tuple(f"page {n}: no text layer (image only, e.g. a scan); left out"
                  for n in empty)
    return DocumentText("\n".join(p for p in pages if p.strip()), notes)


def _pdf_failure(error: Exception, page: int) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(error, PDFPasswordIncorrect):
        return "encrypted PDF: a password is needed to open it"
    if isinstance(error, PDFEncryptionError):
        return f"encrypted PDF in a form that cannot be read ({error})"
    return f"page {page}: not a readable PDF ({type(error).__name__}: {error})"


WRAPPED_LINE = 0.9  # a line reaching this share of the text column's width was wrapped
PARAGRAPH_GAP = 1.0  # a blank this many line heights high separates paragraphs


def _page_text(page) -> str:  # noqa: ANN001 - a pdfminer LTPage
    """The page's lines top to bottom; a line that fills the text column continues on
    the next one (the layout wrapped it) unless a paragraph gap follows, every other line
    ends its block. (One column: lines of side-by-side columns would interleave.)"""
    from pdfminer.layout import LTTextBox, LTTextLine

    lines = [line for box in page if isinstance(box, LTTextBox)
             for line in box if isinstance(line, LTTextLine) and line.get_text().strip()]
    if not lines:
        return ""
    lines.sort(key=lambda line: (-round(line.y1), line.x0))
    left = min(line.x0 for line in lines)
    width = max(line.x1 for line in lines) - left
    out = ""
    for line, below in zip(lines, [*lines[1:], None], strict=True):
        text = " ".join(line.get_text().split())
        out += text
        gap = line.y0 - below.y1 if below is not None else 0.0
        wrapped = (line.x1 - left >= WRAPPED_LINE * width and not text.endswith(":")
                   and gap < PARAGRAPH_GAP * line.height)
        if wrapped and text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            continue  # "kulttuuri-" + "palvelut": the hyphen stays, no space
        out += " " if wrapped else "\n"
    return out.strip()


READERS: dict[str, Reader] = {
    ".txt": _plain,
    ".text": _plain,
    ".md": _markdown,
    ".markdown": _markdown,
    ".html": _html,
    ".htm": _html,
    ".xhtml": _html,
    ".pdf": _pdf,
    ".docx": _docx,
}


def is_document(path: Path) -> bool:
    """True for a file whose extension has a reader."""
    return path.suffix.lower() in READERS


def document_paths(directory: Path) -> list[Path]:
    """The readable documents of ``directory`` (not recursive), in name order."""
    return sorted(p for p in Path(directory).iterdir() if is_document(p) and p.is_file())


def read_document(path: Path, max_bytes: int | None = None) -> DocumentText:
    """The text of ``path`` read by the reader of its extension; InputError (file and
    reason, a page when one is at fault) when it cannot be read."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(path.name, f"unsupported file type {path.suffix or '(none)'!r}; "
                                    f"readable: {known}")
    data = read_limited(path, max_bytes)
    return replace(reader(data, path.name), file_sha256=hashlib.sha256(data).hexdigest())
