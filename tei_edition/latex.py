"""The edition as LaTeX source for reledmac (critical editions): numbered lines, apparatus keyed to them.

Corrections become critical notes (`\\edtext{I}{\\Afootnote{...}}`, series A), the transcriber's bracketed
notes familiar footnotes (`\\footnoteA`), person names index entries (`\\edindex`). The source is compiled
to PDF only when xelatex is on PATH: the telegrams hold Cyrillic and Chinese, which pdflatex cannot typeset.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from lxml import etree

from . import __version__
from .cmif import publication_date
from .config import EditionConfig
from .pdf import Block, font_warning, header_facts, meta_rows, reading_blocks

_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "^": r"\^{}",
    "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}", "|": r"\textbar{}", "<": r"\textless{}",
    ">": r"\textgreater{}",
    # the edition reproduces the source's characters: no TeX ligature may turn them into others
    # (straight quotes into curly ones, -- into a dash, ,, into „, !` into ¡)
    '"': r"\textquotedbl{}", "'": r"\textquotesingle{}", "`": r"\textasciigrave{}",
    "-": "-{}", ",": ",{}",  # only before another - or , (below)
}
_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _SPECIAL if c not in "-,") + "|-(?=-)|,(?=,)")
_CERT = {"high": "high certainty", "medium": "medium certainty", "low": "low certainty"}
_NOTE_LABEL = {"gloss": "Transcriber's identification", "sic": "Transcriber's note", "query": "Transcriber's query"}


#: blanks to collapse: a no-break space (U+00A0, U+202F) is a character of the text and stays one (as ~)
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_SPACES = re.compile(r" {2,}")
_JOIN = re.compile(r"\s*\x00\s*")
_NOTE_CALL = re.compile(r"\s*\x01")
_MISSING = re.compile(r"Missing character: There is no (.) \(U\+[0-9A-Fa-f]+\)")


def _special(match: re.Match) -> str:
    return _SPECIAL[match.group(0)]


def tex_escape(text: str) -> str:
    """Text safe to put in a LaTeX document (special characters as commands, whitespace collapsed)."""
    return _SPECIAL_RE.sub(_special, _SPACE.sub(" ", text))


def _inline(items: list[tuple], persons: dict[str, str]) -> str:
    out = []
    for item in items:
        kind = item[0]
        if kind == "text":
            out.append(tex_escape(item[1]))
        elif kind == "join":
            out.append("\x00")
        elif kind == "corr":
            _, reading, source, cert, resp = item
            who = "tei-edition" if resp == "tei-edition" else (resp or "the editors")
            note = f"transcription: {tex_escape(source)}; corrected by {tex_escape(who)}"
            if cert:
                note += f", {_CERT.get(cert, cert)}"
            out.append(rf"\edtext{{{tex_escape(reading)}}}{{\Afootnote{{{note}}}}}")
        elif kind == "note":
            label = _NOTE_LABEL.get(item[1], "Transcriber's note")
            # \x01: the marker is attached to the word before it, as a correction's marker is
            out.append("\x01" + rf"\footnoteA{{{tex_escape(label)}: [{tex_escape(item[2])}]}}")
        elif kind in ("gap", "stamp", "mark"):
            out.append(f"[{tex_escape(item[1])}]")
        elif kind == "supplied":
            out.append(rf"[\textit{{{tex_escape(item[1])}}}]")
        elif kind == "name":
            _, tag, ref, inner = item
            out.append(_inline(inner, persons))
            if tag == "persName" and ref in persons:
                out.append(rf"\edindex[persons]{{{tex_escape(persons[ref])}}}")
        elif kind == "pb":
            out.append(rf" \textsuperscript{{[p.~{tex_escape(item[1])}]}} ")
    text = "".join(out)
    if "\x00" in text:
        text = _JOIN.sub("", text)
    if "\x01" in text:
        text = _NOTE_CALL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _blocks(blocks: list[Block], persons: dict[str, str]) -> list[str]:
    out = []
    depth = 0
    for block in blocks:
        if block.kind == "quote-start":
            depth += 1
            continue
        if block.kind == "quote-end":
            depth -= 1
            continue
        text = _inline(block.inlines, persons)
        if not text:
            continue
        if text.startswith("["):
            text = "{}" + text  # so that \pstart does not read it as its optional argument
        indent = rf"\leftskip={1.5 * depth:g}em\relax " if depth else ""
        if block.kind in ("head", "line"):
            indent += r"\noindent "  # a heading or address line is not a paragraph to indent
        if block.kind == "head" or block.role == "opener heading":  # (a heading below security lines too)
            text = rf"{{\bfseries {text}}}"
        elif block.kind == "line" and block.role.split()[-1] in ("signed", "dateline", "number"):
            text = rf"\hfill {text}"
        out.append(rf"\pstart {indent}{text}\pend")
    return out


_PREAMBLE = r"""%% The edition "%(title)s" for reledmac; made by tei-edition %(version)s.
%% Compile with xelatex, three times (pdflatex cannot: the texts hold Cyrillic and Chinese).
\RequirePackage{iftex}
\RequireXeTeX
%% The persons index gives page.line ("4.8": page 4, line 8), as reledmac writes page and line in its
%% own references; its default "4-8" reads as a range of pages. makeindex is told "." joins the two.
\begin{filecontents*}[overwrite]{\jobname-persons.ist}
page_compositor "."
delim_r "–"
\end{filecontents*}
\documentclass[a4paper,10pt,twoside,openany]{book}
\usepackage{fontspec}
\IfFontExistsTF{DejaVu Serif}{\setmainfont{DejaVu Serif}}{}
\usepackage[a4paper,margin=25mm]{geometry}
\usepackage{imakeidx}
\usepackage[noeledsec,noend,series={A}]{reledmac}
%% after reledmac, which makes \makeindex define its \edindex[index]{entry}
\makeindex[name=persons,title=Index of persons,columns=2,intoc,options=-s \jobname-persons.ist]
\renewcommand{\pagelinesep}{.}
\lineation{section}
\linenummargin{outer}
\firstlinenum{5}
\linenumincrement{5}
%% the blank page \mainmatter may leave before page 1 (a right-hand page) is blank: no running head
\makeatletter
\renewcommand{\cleardoublepage}{\clearpage\if@twoside\ifodd\c@page\else\hbox{}\thispagestyle{empty}\newpage\fi\fi}
\makeatother
\title{%(title)s%(subtitle)s}
\author{%(editors)s}
\date{%(publisher)s, %(year)s}
\begin{document}
%% Document info and bookmarks straight for xdvipdfmx: hyperref cannot be loaded where the pzdr font is
%% missing (as on a minimal TeX Live), and these carry no date, so the PDF stays the same build after build.
\special{pdf:docinfo << /Title %(pdftitle)s /Author %(pdfauthor)s /Creator (tei-edition %(version)s) >>}
\frontmatter
\maketitle
\thispagestyle{empty}
\noindent %(licence)s
\addtocontents{toc}{\protect%(contents_mark)s}
\tableofcontents
\mainmatter
"""


@dataclass
class LatexResult:
    """The LaTeX source, and what became of compiling it."""

    source: bytes
    pdf: bytes | None = None
    skipped: str = ""
    warning: str = ""  # characters the fonts did not have, which the PDF lacks; "" when all were typeset


def _pdf_string(text: str) -> str:
    """A PDF text string in hex (UTF-16BE): any character, none of them special to TeX or to the PDF."""
    return "<FEFF" + " ".join(text.split()).encode("utf-16-be").hex().upper() + ">"


def _bookmark(title: str) -> str:
    """A bookmark (PDF outline entry) to the place where it stands, as an xdvipdfmx special."""
    return (rf"\special{{pdf:outline 1 << /Title {_pdf_string(title)} "
            r"/A << /S /GoTo /D [@thispage /XYZ @xpos @ypos null] >> >>}")


def document_tex(meta: dict[str, Any], tree: etree._ElementTree, blocks: list[Block] | None = None,
                 facts: dict[str, str] | None = None) -> str:
    """One document as a chapter of the LaTeX source (depends on the document only, so it can be kept)."""
    facts = facts if facts is not None else header_facts(tree)
    blocks = blocks if blocks is not None else reading_blocks(tree)
    title = tex_escape(meta["title"])
    parts = [rf"\chapter*{{{title}}}", _bookmark(meta["title"]), rf"\addcontentsline{{toc}}{{chapter}}{{{title}}}",
             rf"\markboth{{{title}}}{{{title}}}", r"\begin{description}\small"]
    parts.extend(rf"  \item[{tex_escape(k)}] {tex_escape(v)}" for k, v in meta_rows(meta, facts))
    parts.append(r"\end{description}")
    parts.append(r"\beginnumbering")
    parts.extend(_blocks(blocks, meta.get("persons") or {}))
    parts.append(r"\endnumbering")
    return "\n".join(parts) + "\n"


def build_latex(documents: list[tuple[dict[str, Any], str]], config: EditionConfig) -> bytes:
    """The LaTeX (reledmac) source of the edition: the documents' chapters in the given order, the index."""
    chunks = latex_chunks([meta for meta, _ in documents], (tex for _, tex in documents), config)
    return "".join(chunks).encode("utf-8")


def latex_chunks(metas: list[dict[str, Any]], chapters: Iterable[str], config: EditionConfig) -> Iterator[str]:
    """The LaTeX source in pieces (preamble, one per chapter, back matter): a large edition is never one string."""
    editors = r" \and ".join(tex_escape(e) for e in config.editors) or tex_escape(config.publisher)
    place = f"{config.publisher_place}: " if config.publisher_place else ""
    licence = f"Licensed under {config.licence}" + (f" ({config.licence_url})" if config.licence_url else "") + "."
    yield _PREAMBLE % {
        "title": tex_escape(config.title),
        "pdftitle": _pdf_string(config.title),
        "pdfauthor": _pdf_string("; ".join(config.editors)),
        "contents_mark": _bookmark("Contents"),
        "subtitle": rf"\\[1ex]\large {tex_escape(config.subtitle)}" if config.subtitle else "",
        "editors": editors,
        "publisher": tex_escape(place + config.publisher),
        "year": tex_escape(publication_date(config, metas)),
        "licence": tex_escape(licence),
        "version": __version__,
    }
    for chapter in chapters:
        yield "\n" + chapter
    yield ("\n\\backmatter\n\\indexprologue{" + _bookmark("Index of persons") + "\\noindent References are page.line:"
           " 4.8 is line 8 on page 4.\\par\\medskip}\n\\printindex[persons]\n\\end{document}\n")


def tex_engine() -> str | None:
    """The TeX engine to compile with: xelatex (Unicode text, system fonts), or None when it is not installed.

    Never pdflatex: it stops at the first Cyrillic or Chinese character.
    """
    return shutil.which("xelatex")


def compile_latex(source: bytes, timeout: float = 600) -> LatexResult:
    """Compile the source with the TeX installation, if there is one (else say why it was skipped)."""
    engine = tex_engine()
    if engine is None:
        return LatexResult(source, None, "no xelatex on PATH (a TeX installation with XeTeX)")
    with tempfile.TemporaryDirectory(prefix="tei-edition-tex-") as folder:
        tex = Path(folder) / "edition.tex"
        tex.write_bytes(source)
        # max_print_line: the log's lines unbroken, so that every "Missing character" line can be read
        env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1", max_print_line="100000")
        # Three runs: reledmac's line numbers and the contents settle only after the second and third.
        for _ in range(3):
            try:
                run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "-shell-restricted",
                                      "edition.tex"], cwd=folder, capture_output=True, timeout=timeout, env=env)
            except subprocess.TimeoutExpired:
                return LatexResult(source, None, f"{Path(engine).name} took longer than {timeout:g} s")
            if run.returncode != 0:
                log = (Path(folder) / "edition.log").read_text("utf-8", "replace") if (Path(folder) / "edition.log").exists() else ""
                first = next((line for line in log.splitlines() if line.startswith("!")), f"exit code {run.returncode}")
                raise RuntimeError(f"{Path(engine).name} failed: {first.lstrip('! ').strip()}")
        log = (Path(folder) / "edition.log").read_text("utf-8", "replace")
        return LatexResult(source, (Path(folder) / "edition.pdf").read_bytes(), warning=missing_characters(log))


def missing_characters(log: str) -> str:
    """The warning for the characters xelatex's log says no font had ("" when there are none)."""
    return font_warning(match.group(1) for match in _MISSING.finditer(log))
