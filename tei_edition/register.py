"""The edition's authority file (TEI listPerson/listPlace/listOrg): load it and match its name forms in text."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import InputError
from .safexml import parse_file

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_KINDS = {"person": "persName", "place": "placeName", "org": "orgName"}


@dataclass
class Entry:
    """One register entry: its id, kind (person/place/org), name forms and the TEI element itself."""

    id: str
    kind: str
    main: str
    forms: list[str]
    element: etree._Element = field(repr=False)

    @property
    def name_tag(self) -> str:
        """The TEI name element for this kind of entry (persName, placeName, orgName)."""
        return _KINDS[self.kind]


@dataclass
class NameMatch:
    """A register name found in text: [start, end) offsets, the entry, and the form that matched."""

    start: int
    end: int
    entry: Entry
    letter_spaced: bool = False


def _close_parentheses(text: str, found: list[NameMatch]) -> None:
    """A name matched word by word ends at its last word: one with an open parenthesis (VKP(b)) takes the
    closing one that follows it."""
    for match in found:
        missing = text.count("(", match.start, match.end) - text.count(")", match.start, match.end)
        while missing > 0 and match.end < len(text) and text[match.end] == ")":
            match.end += 1
            missing -= 1


_TOKEN = re.compile(r"[^\W\d_]+")
#: a capitalised word (no title) right before a name: "Li" of "Li Zhou-yuan"
_CAPITALISED_BEFORE = re.compile(r"(?<![\w.])(?!(?:Comrades?|Cdes?|Mr|Mrs|General|Marshal|The|To|For|In|On|At|By|From|"
                                 r"With|And|But|Yesterday|Today|Tomorrow|Our|We|I|A|An)\b)[A-Z][a-z]+ $")
_ASCII_WORD = re.compile(r"[a-z]+")


def _key(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name form as (casefolded letter runs, separators between them with blanks folded to one space)."""
    tokens = list(_TOKEN.finditer(text))
    words = tuple(t.group().casefold() for t in tokens)
    gaps = tuple(_gap(text[a.end():b.start()]) for a, b in zip(tokens, tokens[1:]))
    return words, gaps


#: apostrophes a transcription may type for the one a name form writes (P'eng, P’eng, Pʼeng)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _gap(separator: str) -> str:
    return " ".join(separator.translate(_APOSTROPHES).split()) or " "


def _gap_pattern(gap: str) -> str:
    """Regex for the separators that `_gap` folds to `gap` (never letters: they lie between words)."""
    if gap == " ":
        return r"\s+"
    return r"\s*" + r"\s+".join(re.escape(part).replace("'", "['’‘ʼ]") for part in gap.split(" ")) + r"\s*"


def _trie_add(trie: dict, atoms: list[str], marker: int) -> None:
    node = trie
    for atom in atoms:
        node = node.setdefault(atom, {})
    node.setdefault(None, marker)  # the first name with these atoms wins, as in the index


def _trie_regex(trie: dict, end: str) -> str:
    """The trie as nested alternatives: continuations before the end of a shorter name."""
    alternatives = [atom + _trie_regex(child, end) for atom, child in trie.items() if atom is not None]
    if None in trie:
        alternatives.append(f"{end}(?P<m{trie[None]}>)")
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


class Register:
    """All entries of an authority file, with a token index over every name form for fast matching."""

    def __init__(self, entries: list[Entry], path: Path | None = None):
        self.entries = entries
        self.path = path
        self.by_id = {entry.id: entry for entry in entries}
        self._by_form: dict[str, Entry] = {}
        #: words -> {gaps: (entry, case-sensitive form or None)}; every prefix of a form's words is in _prefixes
        self._index: dict[tuple[str, ...], dict[tuple[str, ...], tuple[Entry, str | None]]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._tokens: dict[str, list[tuple[Entry, list[str]]]] = {}
        #: casefolded word -> (entry, form's words, their casefolds, index of the word) for multi-word forms
        self._in_multiword: dict[str, list[tuple[Entry, list[str], tuple[str, ...], int]]] = {}
        #: the casefolded first word of every form: where a name can start
        self._first_words: set[str] = set()
        self._single: dict[int, list[tuple[str, Entry]]] = {}
        self._multiword_words: set[str] = set()
        for entry in entries:
            for form in entry.forms:
                self._by_form.setdefault(_normal_form(form), entry)
                words, gaps = _key(form)
                if not words:
                    continue
                acronym = form.isupper() and len(form.replace(" ", "")) <= 4
                self._index.setdefault(words, {}).setdefault(gaps, (entry, form if acronym else None))
                self._prefixes.update(words[:n] for n in range(1, len(words) + 1))
                self._first_words.add(words[0])
                plain = form.split()
                plain_folded = tuple(w.casefold() for w in plain)
                for word in plain:
                    self._tokens.setdefault(word.casefold(), []).append((entry, plain))
                    if len(plain) >= 2:
                        self._in_multiword.setdefault(word.casefold(), []).append(
                            (entry, plain, plain_folded, plain_folded.index(word.casefold())))
                if len(plain) == 1:
                    self._single.setdefault(len(form), []).append((form, entry))
                else:
                    self._multiword_words.update(w.casefold() for w in plain)
        self._longest_multiword = max((len(form.split()) for entry in entries for form in entry.forms), default=0)
        # as ASCII bytes, for the quick test of a block's letter runs (see enrich)
        self._near_misses = _near_misses(self._multiword_words)
        self._multiword_ascii = frozenset(
            word.encode() for word in self._multiword_words if _ASCII_WORD.fullmatch(word))
        #: the regex `find` uses on ASCII text, and what each of its numbered groups stands for
        self._ascii_names, self._ascii_hits = self._ascii_pattern()

    def lookup(self, text: str) -> Entry | None:
        """Return the entry whose form equals `text` (case, blanks and letter-spacing folded), if any."""
        return self._by_form.get(_normal_form(text))

    def _ascii_pattern(self) -> tuple[re.Pattern, list[tuple[Entry, bool, str | None] | None]]:
        """One regex that finds, in lower-cased ASCII text after a blank, what `_find_tokens` finds.

        Built as a trie (shared prefixes, longer names before shorter ones), so the scan tries few
        alternatives per position. Each alternative ends in an empty group: its number says which
        name matched, as (entry, letter-spaced, acronym form to check against the original case).
        Names with a non-ASCII letter or separator cannot match ASCII text and are left out.
        """
        spaced: dict = {}
        forms: dict = {}
        hits: list[tuple[Entry, bool, str | None]] = []
        for words, by_gaps in self._index.items():
            if not all(_ASCII_WORD.fullmatch(word) for word in words):
                continue
            for gaps, (entry, acronym) in by_gaps.items():
                if not all(gap.isascii() for gap in gaps):
                    continue
                if acronym is not None and (not acronym.isascii() or acronym != " ".join(acronym.split())):
                    continue  # its case-sensitive comparison can never hold for ASCII text
                atoms = list(words[0])
                for gap, word in zip(gaps, words[1:]):
                    atoms.append(_gap_pattern(gap))
                    atoms.extend(word)
                hits.append((entry, False, acronym))
                _trie_add(forms, atoms, len(hits))
            if len(words) == 1 and len(words[0]) >= 3:
                # letter-spaced S H T Y K O V: single letters, each followed by exactly one blank
                hits.append((by_gaps[()][0], True, None))
                _trie_add(spaced, list(" ".join(words[0])), len(hits))
            elif len(words) > 1 and len(words[0]) >= 2 and all(word.isalpha() for word in words):
                # a name of several words letter-spaced, the words two or three blanks apart: K I M  I L  S U N G
                atoms: list[str] = []
                for word in words:
                    atoms.extend(([" {2,3}"] if atoms else []) + list(" ".join(word)))
                hits.append((next(iter(by_gaps.values()))[0], True, None))
                _trie_add(spaced, atoms, len(hits))
                # (or one blank apart, as every letter: K I M I L S U N G)
                hits.append(hits[-1])
                _trie_add(spaced, list(" ".join("".join(words))), len(hits))
        # One choice by the first letter: there the letter-spaced reading is tried first (a run takes every
        # letter spaced so), then the names, which start after no letter, digit or hyphen and end before no
        # letter or digit.
        alternatives = []
        for letter in dict.fromkeys([*spaced, *forms]):
            readings = []
            if letter in spaced:
                readings.append(_trie_regex(spaced[letter], r"(?![a-z]| [a-z](?![a-z]))"))
            if letter in forms:
                readings.append(rf"(?<![\-0-9]{letter})" + _trie_regex(forms[letter], r"(?![a-z0-9])"))
            alternatives.append(letter + (readings[0] if len(readings) == 1 else "(?:" + "|".join(readings) + ")"))
        # The pattern opens with the character before the name (the text is given a leading blank): a
        # pattern that starts with a character class lets the scan skip the letters inside words quickly.
        pattern = re.compile(r"[^a-z](?:" + "|".join(alternatives) + ")" if alternatives else r"(?!)")
        by_group: list = [None] * (pattern.groups + 1)
        for name, number in pattern.groupindex.items():
            by_group[number] = hits[int(name[1:]) - 1]
        return pattern, by_group

    def find(self, text: str) -> list[NameMatch]:
        """All non-overlapping register names in `text`, longest first, in text order."""
        found = self._find(text)
        if "-" in text:
            # a name that a hyphen and a lower-case letter go on from, after a capitalised word, is part of
            # another name: "Li Zhou-yuan" ("Moscow-based", "to Stalin-it was sent" keep theirs)
            found = [m for m in found if not (text.startswith("-", m.end) and text[m.end + 1:m.end + 2].islower()
                                              and m.entry.kind == "person" and _CAPITALISED_BEFORE.search(text, 0, m.start))]
        if "(" in text:
            _close_parentheses(text, found)
        return found

    def _find(self, text: str) -> list[NameMatch]:
        if not text.isascii():
            return self._find_tokens(text)
        found: list[NameMatch] = []
        hits = self._ascii_hits
        for match in self._ascii_names.finditer(" " + text.lower()):
            entry, letter_spaced, acronym = hits[match.lastindex]
            start, end = match.start(), match.end() - 1  # offsets in the text without the leading blank
            if acronym is not None and " ".join(text[start:end].split()) != acronym:
                return self._find_tokens(text)  # an acronym in the wrong case: the token scan decides
            found.append(NameMatch(start, end, entry, letter_spaced))
        return found

    def _find_tokens(self, text: str) -> list[NameMatch]:
        """`find` by scanning the text's words one by one (any text; the reference for the ASCII regex)."""
        tokens = list(_TOKEN.finditer(text))
        if text.isascii():
            # ASCII letters fold one to one, so the whole text can be folded at once
            folded = _TOKEN.findall(text.lower())
        else:
            folded = [t.group().casefold() for t in tokens]
        first_words = self._first_words
        found: list[NameMatch] = []
        resume = 0
        # only a one-letter word (letter-spacing) or the first word of a form can start a name
        starts = [k for k, word in enumerate(folded) if len(word) == 1 or word in first_words]
        for k in starts:
            if k < resume:
                continue
            word = folded[k]
            match = None
            if len(word) == 1:
                match = self._spaced_at(text, tokens, folded, k)
            if match is None and word in first_words:
                match = self._match_at(text, tokens, folded, k)
            if match is not None:
                found.append(match[0])
                resume = match[1]
        return found

    def _match_at(self, text, tokens, folded, k):
        start = tokens[k].start()
        if start and (text[start - 1] == "-" or text[start - 1].isalnum()):
            return None
        best = None
        n = 1
        while k + n <= len(tokens) and tuple(folded[k:k + n]) in self._prefixes:
            candidates = self._index.get(tuple(folded[k:k + n]))
            end = tokens[k + n - 1].end()
            if candidates and not (end < len(text) and text[end].isalnum()):
                gaps = tuple(_gap(text[tokens[i].end():tokens[i + 1].start()]) for i in range(k, k + n - 1))
                hit = candidates.get(gaps)
                if hit is not None and (hit[1] is None or " ".join(text[start:end].split()) == hit[1]):
                    best = (NameMatch(start, end, hit[0]), k + n)
            n += 1
        return best

    def _spaced_at(self, text, tokens, folded, k):
        # Letter-spaced names (S H T Y K O V): single letters separated by single blanks.
        if len(folded[k]) != 1:
            return None
        j = k + 1
        while j < len(tokens) and len(folded[j]) == 1 and text[tokens[j - 1].end():tokens[j].start()] == " ":
            j += 1
        if j - k < 3:
            return None
        hit = self._index.get(("".join(folded[k:j]),), {}).get(())
        if hit is None:
            return None
        entry = hit[0]
        return NameMatch(tokens[k].start(), tokens[j - 1].end(), entry, letter_spaced=True), j

    def forms_containing(self, word: str) -> list[tuple[Entry, list[str]]]:
        """Name forms (as word lists) that contain `word` (case-insensitive): used to spot misspelt names."""
        return self._tokens.get(word.casefold(), [])

    def single_word_forms(self, length: int) -> list[tuple[str, Entry]]:
        """The one-word name forms of the given length, with their entries."""
        return self._single.get(length, [])

    def multiword_forms_containing(self, folded_word: str) -> list[tuple[Entry, list[str], tuple[str, ...], int]]:
        """Multi-word forms holding a casefolded word: (entry, words, casefolded words, the word's first index)."""
        return self._in_multiword.get(folded_word, [])

    def near_misses(self) -> frozenset[bytes] | None:
        """ASCII words (lower case, as bytes) one slip from a word of a multi-word form: one letter replaced
        after the first, or two neighbours swapped. A misspelt multi-word name in ASCII text holds one of them.
        None for a register so large that the set would take too much memory."""
        return self._near_misses

    def longest_multiword_form(self) -> int:
        """The number of words in the longest multi-word form."""
        return self._longest_multiword

    def multiword_ascii_words(self) -> frozenset[bytes]:
        """The words of multi-word forms that are ASCII letters only (lower case, as bytes)."""
        return self._multiword_ascii

    def token_set(self) -> set[str]:
        """Every word of every multi-word name form, case-folded."""
        return self._multiword_words

    def copy_entry(self, entry_id: str) -> etree._Element:
        """A deep copy of the entry's TEI element, to travel inside a document."""
        return copy.deepcopy(self.by_id[entry_id].element)


_ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"


#: The most near misses kept (some 30 MB); a larger register goes without them.
_MAX_NEAR_MISSES = 500_000


def _near_misses(words: set[str]) -> frozenset[bytes] | None:
    if sum(27 * len(word) for word in words) > _MAX_NEAR_MISSES:
        return None
    misses = set()
    for word in words:
        # an l read for I: "ll" for "Il" ("Kim ll Sung")
        misses.update(word[:i] + "l" + word[i + 1:] for i in range(len(word)) if word[i] == "i")
        if len(word) == 3 and word[1] != word[2]:
            misses.add(word[0] + word[2] + word[1])  # (a word of three letters: its last two swapped, no more)
        if len(word) < 4:
            continue  # shorter words are never taken for misspelt
        if len(word) >= 5:
            misses.update(word[:i] + word[i + 1:] for i in range(1, len(word)))  # a letter lost
        for i in range(1, len(word)):
            misses.update(word[:i] + letter + word[i + 1:] for letter in _ASCII_LOWER if letter != word[i])
        misses.update(word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)
                      if word[i] != word[i + 1])
    return frozenset(miss.encode() for miss in misses if miss.isascii() and miss.isalpha())


def _normal_form(text: str) -> str:
    words = text.split()
    if len(words) >= 3 and all(len(w) == 1 for w in words):
        words = ["".join(words)]
    return " ".join(words).casefold()


def load_register(path: str | Path) -> Register:
    """Parse a TEI authority file (hardened parser) into a Register; errors name file and line."""
    path = Path(path)
    tree = parse_file(path)
    root = tree.getroot()
    entries: list[Entry] = []
    ids: set[str] = set()
    for kind, name_tag in _KINDS.items():
        for element in root.iter(f"{{{TEI_NS}}}{kind}"):
            entry_id = element.get(XML_ID)
            if not entry_id:
                raise InputError(path, f"error: register {kind} without xml:id", line=element.sourceline)
            if entry_id in ids:
                raise InputError(path, f"error: duplicate register id {entry_id!r}", line=element.sourceline)
            ids.add(entry_id)
            names = [
                " ".join("".join(n.itertext()).split()) for n in element.findall(f"{{{TEI_NS}}}{name_tag}")
            ]
            names = [n for n in names if n]
            if not names:
                raise InputError(path, f"error: register entry {entry_id!r} has no {name_tag}", line=element.sourceline)
            main = next(
                (" ".join("".join(n.itertext()).split()) for n in element.findall(f"{{{TEI_NS}}}{name_tag}")
                 if n.get("type") == "main"),
                names[0],
            )
            entries.append(Entry(entry_id, kind, main, names, element))
    if not entries:
        raise InputError(path, "error: register holds no person, place or org entries", line=root.sourceline)
    return Register(entries, path)
