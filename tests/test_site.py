"""The static HTML edition (tei_edition.site.build_site): pages, indexes, search index, links, determinism."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from conftest import GENRE, SEED, SEEDS
from tei_edition.convert import convert_source
from tei_edition.errors import InputError
from tei_edition.site import build_site

TITLE = "Telegrams on the Korean War, 1950–1951"


def convert_corpus(folder: Path, register, config) -> list[Path]:
    """The seed and the genre fixtures as TEI files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in [SEED] + sorted(GENRE.glob("*.txt")):
        target = folder / f"{source.stem}.xml"
        target.write_bytes(convert_source(source, register, config).xml)
        paths.append(target)
    return paths


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, register, config):
    return convert_corpus(tmp_path_factory.mktemp("tei"), register, config)


@pytest.fixture(scope="module")
def site(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("site")
    written = build_site(corpus, out, SEEDS / "register.xml", TITLE)
    return out, written


def page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(path)).getroot()


def test_files_written(site, corpus):
    out, written = site
    assert written == sorted(written)
    names = {p.relative_to(out).as_posix() for p in written}
    for fixed in ("index.html", "persons.html", "places.html", "organisations.html", "search.html",
                  "search-index.js"):
        assert fixed in names
    for tei in corpus:
        for name in (f"doc/{tei.stem}.html", f"tei/{tei.stem}.xml", f"text/{tei.stem}.txt",
                     f"text/{tei.stem}.reading.txt"):
            assert name in names
        assert (out / "tei" / tei.name).read_bytes() == tei.read_bytes()


def test_index_in_date_order(site, corpus):
    out, _ = site
    rows = page(out / "index.html").xpath("//table[@class='documents']/tbody/tr")
    assert len(rows) == len(corpus)
    dates = [r.xpath("string(td[1]/time/@datetime)") for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[:len(dated)] == dated  # undated documents last
    seed_row = next(r for r in rows if r.xpath("td[2]/a/@href") == [f"doc/{SEED.stem}.html"])
    assert seed_row.xpath("string(td[2])").startswith("Ciphered Telegram No. 3410")
    assert seed_row.xpath("td[3]/a/@href") == ["persons.html#stalin"]
    assert seed_row.xpath("td[4]/a/@href") == ["persons.html#mao-zedong"]


def test_previous_next_follow_date_order(site):
    out, _ = site
    order = [h.split("/")[1] for h in page(out / "index.html").xpath("//tbody/tr/td[2]/a/@href")]
    for i, name in enumerate(order):
        doc = page(out / "doc" / name)
        assert doc.xpath("(//a[@rel='prev'])[1]/@href") == ([order[i - 1]] if i else [])
        assert doc.xpath("(//a[@rel='next'])[1]/@href") == ([order[i + 1]] if i + 1 < len(order) else [])


def test_person_index(site, register):
    out, _ = site
    persons = page(out / "persons.html")
    entries = persons.xpath("//article[@class='entry']")
    assert {e.get("id") for e in entries} == {e.id for e in register.entries if e.kind == "person"}
    names = [e.findtext("h2") for e in entries]
    # surname order: the register's sortKey where it gives one (Stalin for Joseph Stalin), else the name
    people = [e for e in register.entries if e.kind == "person"]
    expected = [e.main for e in sorted(people, key=lambda e: (e.element.get("sortKey") or e.main, e.id))]
    assert names == expected
    assert names.index("Joseph Stalin") > names.index("Vyacheslav Molotov")
    stalin = persons.xpath("//article[@id='stalin']")[0]
    assert stalin.xpath(".//a[@href='http://www.wikidata.org/entity/Q855']")
    assert f"doc/{SEED.stem}.html" in stalin.xpath(".//ul[@class='mentions']//a/@href")
    assert "Filippov (pseudonym)" in stalin.text_content()
    places = page(out / "places.html")
    assert f"doc/{SEED.stem}.html" in places.xpath("//article[@id='beijing']//a/@href")
    assert page(out / "organisations.html").xpath("//article[@id='politburo']")


def test_search_index_file(site, corpus):
    out, _ = site
    text = (out / "search-index.js").read_text(encoding="ascii")
    prefix = "window.TEI_EDITION_SEARCH = "
    body = text[text.index(prefix) + len(prefix):].rstrip().rstrip(";")
    data = json.loads(body)
    assert len(data["documents"]) == len(corpus)
    seed = next(d for d in data["documents"] if d["href"] == f"doc/{SEED.stem}.html")
    assert "I received your telegram of June 4" in seed["text"]  # the reading text, corrections applied
    assert "Anglo-American troops the impression" in seed["text"]
    assert "Joseph Stalin" in seed["names"]
    # the entries a document mentions, by id: the search page finds it by any form of their names
    assert {"stalin", "mao-zedong", "krasovsky"} <= set(seed["refs"])
    stalin = next(e for e in data["entities"] if e["id"] == "stalin")
    assert "Fyn Si" in stalin["forms"] and stalin["href"] == "persons.html#stalin"
    assert {"href": "persons.html#zhou-enlai", "kind": "person", "name": "Zhou Enlai"}.items() <= \
        next(e for e in data["entities"] if e["name"] == "Zhou Enlai").items()


def resolve_links(out: Path) -> list[str]:
    """Every <a href> of every page: local files must exist, fragments must name an element there."""
    problems = []
    ids: dict[Path, set[str]] = {}
    for html in sorted(out.rglob("*.html")):
        for href in page(html).xpath("//a/@href"):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme, f"{html}: link with scheme {href!r}"
            target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if not target.is_file():
                problems.append(f"{html.relative_to(out)}: {href} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(page(target).xpath("//@id"))
                if unquote(parts.fragment) not in ids[target]:
                    problems.append(f"{html.relative_to(out)}: {href} (no such anchor)")
    return problems


def test_every_link_resolves(site):
    out, _ = site
    assert resolve_links(out) == []


def test_same_input_same_bytes(site, corpus, tmp_path):
    out, written = site
    again = tmp_path / "again"
    written2 = build_site(list(reversed(corpus)), again, SEEDS / "register.xml", TITLE)
    assert [p.relative_to(again) for p in written2] == [p.relative_to(out) for p in written]
    for path in written:
        data = path.read_bytes()
        assert data == (again / path.relative_to(out)).read_bytes(), path
        assert str(out).encode() not in data and str(tmp_path).encode() not in data


def test_without_register(tmp_path, corpus):
    out = tmp_path / "site"
    build_site(corpus[:3], out, None, TITLE)
    persons = page(out / "persons.html")
    assert persons.xpath("//article[@id='stalin']")  # from the documents' own standOff
    assert resolve_links(out) == []


def test_duplicate_stems_refused(tmp_path, corpus):
    other = tmp_path / "other"
    other.mkdir()
    twin = other / corpus[0].name
    twin.write_bytes(corpus[0].read_bytes())
    with pytest.raises(InputError, match="same file name stem"):
        build_site([corpus[0], twin], tmp_path / "site", None, TITLE)


def test_not_tei_refused(tmp_path):
    bad = tmp_path / "x.xml"
    bad.write_text("<html/>", encoding="utf-8")
    with pytest.raises(InputError, match="not a TEI document"):
        build_site([bad], tmp_path / "site", None, TITLE)
