"""Enrich an encoded document: link names to the register, conjecture misspelt names, resolve dates,
and work out the correspondents (sender, recipients, intermediary) and the document's date."""

from __future__ import annotations

import bisect
import datetime
import os
import re
from dataclasses import dataclass, field, replace
from itertools import islice

from .config import EditionConfig, Sidecar
from .encode import (ATTESTATIONS, ERRAND_WORDS, FOR_TRANSMISSION, HEADING, INITIAL_DIGRAPHS, POSSESSIVE_HEADING, SUBJECT_AFTER_PARTIES,
                     RELAY_VERBS, SIGNED_PREFIX, SUPPLIED_LETTERS, TELL_VERBS, TRANSMISSION_WORDS, VALEDICTION,
                     VISIT_VERBS, DateParts, read_zeros)
from .model import Block, Document, Message, Quote, Span
from .register import TEI_NS, Entry, NameMatch, Register

_CONTAINERS = {"note", "supplied", "stamp"}
#: Titles before a name, longer readings first (Comrades before Comrade, as "Comrades?" would try them).
_TITLE_WORDS = [
    "Comrades", "Comrade", "Cdes.", "Cde.", "Mr.", "Mrs.", "Messrs.", "General", "Gen.", "Marshal", "Ambassador",
    "Premier", "Chairman", "Minister", "Colonel", "Col.", "Admiral", "Lieutenant", "Lt.", "Major", "Captain",
    "Secretary", "President", "Deputy", "Commander", "Adviser", "Advisor",
]
_TITLES = "|".join(re.escape(word) for word in _TITLE_WORDS)
_TITLE_CASEFOLDED = {word.casefold().rstrip(".") for word in _TITLE_WORDS}
#: what a place's name may be the first word of, naming something else: "the Warsaw Pact", "Moscow Radio"
_NAMED_AFTER_A_PLACE = re.compile(r"[ \t]+(?:Pact|PACT|Radio|RADIO)\b")
#: words that open a sentence before a name ("Yesterday N. Khrushchev said"), no given name
_SENTENCE_OPENERS = {"yesterday", "today", "tomorrow", "then", "later", "now", "when", "after", "before", "also", "and",
                     "but", "if", "as", "since", "while", "here", "there", "thus", "so", "soon", "recently", "finally",
                     # "Comrade" in Russian, a title: "Товарищу И. В. Stalin"
                     "товарищ", "товарищу", "товарища", "товарищи", "товарищам"}
#: a given name right before the initials of a name: "Robert" in "Robert F. Kennedy"
_GIVEN_NAME_BEFORE = re.compile(r"(?<![\w.'’-])([A-ZА-Я][a-zа-я]+)[ \t]+$")
#: titles that are never a word of a name, though one may follow a name across a line break ("Mr. George
#: Kennan" / "Mr. Rusk" names two)
_NAME_TITLE_WORDS = ("Mr", "Mrs", "Ms", "Dr", "Sir", "Messrs", "Mister", "Comrades", "Comrade", "Cdes", "Cde")
_NAME_TITLES = {word.casefold() for word in _NAME_TITLE_WORDS}
# Each title is a literal that starts the pattern (so the scan skips to the titles' first letters quickly) and
# looks behind itself for a word boundary before it.
TITLE_NAME = re.compile(
    "(?:" + "|".join(rf"{re.escape(word)}(?<!\w{re.escape(word)})" for word in _TITLE_WORDS) + ")"
    + r"[ \t]*\n?[ \t]*(?P<name>(?:[A-Z][\w'’\-]+|[A-Z]\.)"
    + rf"(?:[ \t]*\n?[ \t]*(?!(?:{'|'.join(_NAME_TITLE_WORDS)})\b)(?:[A-Z][\w'’\-]+|[A-Z]\.)){{0,2}})"
)
_NOT_A_NAME = {
    "staff", "headquarters", "committee", "army", "government", "assembly", "council", "command", "department",
    "ministry", "the", "of", "and", "in", "on", "to", "for", "with", "our", "your", "his", "their", "this", "that",
    "comrade", "comrades", "general", "secretary", "chairman", "premier", "minister", "ambassador", "marshal",
    "party", "central", "people", "people's", "soviet", "chinese", "korean", "korea", "china", "ussr", "i", "we",
    "you", "he", "they", "it", "a", "an", "from", "at", "by", "as", "is", "are", "was", "were", "if", "but",
}
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
#: the rest of a name after its line-end hyphen: "Pak Hen-" / "yen"
_LOWER_AFTER = re.compile(r"[ \t]*\n[ \t]*([a-z]+)")
_LETTERS = re.compile(r"[^\W\d_]+")
#: maps every byte but a lower-case ASCII letter to a blank: splitting then gives the letter runs
_LETTERS_ONLY = bytes(byte if 0x61 <= byte <= 0x7A else 0x20 for byte in range(256))
_POSSESSIVE = re.compile(r"['’]s$")
_ADDRESS_WORD = re.compile(r"^(?:to|for|attn\.?|attention)\s*:?\s+", re.IGNORECASE)
_ADDRESS_TITLE = re.compile(rf"^(?:(?:my\s+)?(?:dear|esteemed|respected|deeply\s+respected)\s+)?(?:(?:{_TITLES})\s+)?",
                            re.IGNORECASE)
_BRACKETED = re.compile(r"\[[^\]]*\]")
_OFFICE_WORDS = re.compile(r"\b(?:of|the|for)\b")
_INITIAL = re.compile(r"\w\.")
_FOR = re.compile(r"\bfor\b", re.IGNORECASE)
#: opener lines that name a person after TO, FOR, FROM (addressee, sender, relay formula)
_ADDRESSING_ROLES = {"addressee", "sender", "relay"}
_ADDRESSED_NAME = re.compile(
    rf"(?i:\b(?:to|for|from|attn\.?|attention))[ \t]*:?[ \t]+(?:(?:{_TITLES})[ \t]+)*(?P<name>[A-Z][\w'’\-]+)")


@dataclass
class Party:
    """A correspondent as the text gives it: register entry (if known) and the name as written."""

    entry: Entry | None
    written: str
    #: a body (a ministry, an embassy) the register lacks, named as written: an orgName, not a persName
    body: bool = False

    @property
    def ref(self) -> str | None:
        """`#id` of the register entry, if the party is in the register."""
        return f"#{self.entry.id}" if self.entry else None


@dataclass
class Correspondence:
    """Who sent, received and transmitted the document, where, and when."""

    senders: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    intermediaries: list[Party] = field(default_factory=list)
    place_sent: Party | None = None
    place_received: Party | None = None
    date: str = ""
    date_text: str = ""
    #: the document's own date as read, also when its year is unknown ("12 April")
    date_parts: DateParts | None = None
    #: the source line of the document's own date (0: none in the text)
    date_line: int = 0
    sender_gloss: str = ""


def _near(word: str, target: str) -> bool:
    """One substituted letter or two swapped neighbours, same length, at least four letters; of three letters,
    only the last two swapped (Lui for Liu); of any length, an l read for I; of five letters or more, one lost
    after the first."""
    a, b = word.casefold(), target.casefold()
    if len(a) == len(b) - 1 and len(b) >= 5 and a.isalpha() and a[0] == b[0]:
        return any(b[:i] + b[i + 1:] == a for i in range(1, len(b)))  # a letter lost: "Enla" for "Enlai"
    if a == b or len(a) != len(b) or not a.isalpha():
        return False
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diffs) == 1 and a[diffs[0]] == "l" and b[diffs[0]] == "i" and word[diffs[0]] == "l":
        return True  # a lower-case l read for a capital I, anywhere: "Kim ll Sung"
    if len(a) < 3:
        return False
    if len(a) == 3 and diffs != [1, 2]:
        return False
    if len(diffs) == 1:
        return diffs[0] > 0  # a wrong first letter is more likely another name than OCR damage
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]


def _main_spelling(entry: Entry, form: str) -> str:
    """The spelling of the entry's main form for a transliteration variant of one of its words (Vyshinskii:
    Vyshinsky), which differs only in its last two letters; otherwise `form` itself."""
    for word in entry.main.split():
        if word != form and len(word) >= 4 and word in entry.forms and (
                len(os.path.commonprefix([word.casefold(), form.casefold()])) >= max(len(word), len(form)) - 2):
            return word
    return form


def _match_case(original: str, target: str) -> str:
    """`target` in the case of `original`: capitals (also with one damaged letter, ROSHCHlN), or capitalised."""
    letters = [c for c in original if c.isalpha()]
    if original.isupper() or len(letters) >= 4 and sum(not c.isupper() for c in letters) <= 1 and "".join(letters[:2]).isupper():
        return target.upper()
    if original[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def _positions(items: list, wanted: set) -> list[int]:
    """Indices of the items that are in `wanted`, in order (list.index does the scanning: few are wanted)."""
    found = []
    for item in wanted:
        index = -1
        try:
            while True:
                index = items.index(item, index + 1)
                found.append(index)
        except ValueError:
            pass
    found.sort()
    return found


def _free(spans: list[Span], start: int, end: int) -> bool:
    """True if a name over [start, end) would nest properly with the spans already there."""
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        if span.tag == "choice" and start <= span.start and span.end <= end:
            continue  # a corrected reading (M0SCOW) inside the name: the name holds the choice
        if span.tag in _CONTAINERS and span.start <= start and end <= span.end and (
            span.inner is None or (span.inner[0] <= start and end <= span.inner[1])
        ):
            continue
        return False
    return True


class Enricher:
    """Applies the register and the date rules to one document."""

    def __init__(self, register: Register | None, config: EditionConfig):
        self.register = register
        self.config = config
        #: title + name matches per block text of this document (each block asks twice)
        self._titles: dict[str, list[re.Match]] = {}

    def _titled(self, text: str) -> list[re.Match]:
        """Title + name matches of a text (Comrade Zhou, General Peng)."""
        found = self._titles.get(text)
        if found is None:
            found = self._titles[text] = list(TITLE_NAME.finditer(text))
        return found

    # -- names --

    def link_names(self, block: Block) -> None:
        """Tag register names in a block (after conjecturing misspelt ones); brackets with a name are glosses."""
        if self.register is None:
            return
        # names are read in the text as corrected (M0SCOW as MOSCOW): same length, so the offsets hold
        text = _reading(block)
        for start, end, entry, corrections in self._misspelt(text, block.role):
            if not _free(block.spans, start, end) or not _correctable(block.spans, corrections):
                continue
            data = {"entry": entry}
            if entry.kind == "person":
                start, data["name_start"] = _with_initials(text, start, block.spans), start
            block.spans.append(Span(start, end, entry.name_tag, {"ref": f"#{entry.id}"}, data=data))
            for c_start, c_end, corr in corrections:
                _add_correction(block.spans, c_start, c_end, corr)
        matches = self.register.find(text)
        if "-\n" in text:
            matches = _hyphenated_names(self.register, text) + matches
        for match in matches:
            if not _free(block.spans, match.start, match.end):
                continue
            if match.entry.kind == "place" and _NAMED_AFTER_A_PLACE.match(text, match.end):
                continue  # "the Warsaw Pact", "Moscow Radio": a body named after the place, not the place
            attrs = {"ref": f"#{match.entry.id}"}
            if match.letter_spaced:
                attrs["rend"] = "letter-spaced"
            start, end, data = match.start, match.end, {"entry": match.entry}
            if match.entry.kind == "person":
                start, data["name_start"] = _with_initials(text, start, block.spans), start
                end, data["name_end"] = _with_initials_after(text, end, block.spans), end
                if start < match.start:
                    own = _own_name_start(match.entry, text, start, match.start, match.end)
                    if own is None:
                        continue  # "Robert F. Kennedy", "R. K. Nehru": another person of the register's surname
                    start = own if _free(block.spans, own, start) else start
            block.spans.append(Span(start, end, match.entry.name_tag, attrs, data=data))
        for span in block.spans:
            if span.tag == "supplied" and (self.register.lookup(span.data.get("content", "")) or _glosses_a_name(
                    block, span, text, self._titled(text))):
                span.tag = "note"
                span.attrs = {"type": "gloss", "place": "inline", "rend": "brackets"}

    def _misspelt(self, text: str, role: str = "p"):
        """Misspelt register names as (start, end, entry, corrections), in text order."""
        results = self._misspelt_in_forms(text)
        # a single word after a title (Comrade Roshchine) or, on an opener line, after TO/FOR/FROM
        # (TO ROSHCHINE): there a name is expected, so a near miss of a register name is taken for one
        named = [(match.start("name"), match.group("name")) for match in self._titled(text)]
        if role in _ADDRESSING_ROLES:
            starts = {start for start, _ in named}
            named = sorted(named + [(match.start("name"), match.group("name")) for match in _ADDRESSED_NAME.finditer(text)
                                    if match.start("name") not in starts])
        for start, words in named:
            name = _POSSESSIVE.sub("", words.split()[0])
            if not name or self.register.forms_containing(name):
                continue
            candidates = {(entry.id, form): entry for form, entry in self.register.single_word_forms(len(name))
                          if _near(name, form)}
            if len(candidates) == 1:
                (_, right), entry = next(iter(candidates.items()))
                right = _main_spelling(entry, right)
                results.append((start, start + len(name), entry, [(start, start + len(name), _match_case(name, right))]))
        results.sort(key=lambda r: r[0])
        return results

    def _misspelt_in_forms(self, text: str) -> list:
        """Multi-word register names with one word misspelt (two letters of the surname swapped, say), anchored
        on a word that is right."""
        results: list = []
        register = self.register
        multiword_words = register.token_set()
        near_misses = register.near_misses()
        runs_checked = text.isascii() and near_misses is not None  # the quick test below applies
        if runs_checked:
            # Such a name holds a word of a multi-word form and, as a letter run, a slip from one:
            # most blocks have no such slip, and the scan below is not needed for them.
            runs = text.lower().encode().translate(_LETTERS_ONLY).split()
            if near_misses.isdisjoint(runs) or register.multiword_ascii_words().isdisjoint(runs):
                return results
        strings: list[str] = []
        # (the letter runs tested above are these, casefolded: they hold a word of a form)
        if runs_checked or not multiword_words.isdisjoint(_LETTERS.findall(text.casefold())):
            strings = _WORD.findall(text)
        # casefold maps character by character, so the words can be folded in one call
        folded_words = "\n".join(strings).casefold().split("\n") if strings else []
        # the words with their offsets, found only when a name is misspelt and only as far as it reaches
        words: list[re.Match] = []
        more_words = None
        count = len(strings)
        # only a capitalised word of some multi-word form can anchor a misspelt name: find those first
        in_forms = multiword_words.intersection(folded_words)
        anchors: list[int] = []
        # the misspelt word is one of the near misses: only a window holding one can match
        slips = None
        if runs_checked and in_forms:
            encoded = "\n".join(folded_words).encode().split(b"\n")
            slips = _positions(encoded, near_misses.intersection(encoded))
            # a window is never longer than the longest multi-word form: only anchors that close to a slip
            # (the few words around the slips are looked at, not every word of the block)
            reach = register.longest_multiword_form()
            near_slips = sorted({k for slip in slips
                                 for k in range(max(0, slip - reach + 1), min(count, slip + reach))})
            anchors = [k for k in near_slips if folded_words[k] in in_forms]
        elif in_forms:
            anchors = [k for k, word in enumerate(folded_words) if word in in_forms]
        for k in anchors:
            if not strings[k][0].isupper():
                continue
            for entry, form, folded, i in register.multiword_forms_containing(folded_words[k]):
                first = k - i
                size = len(form)
                if first < 0 or first + size > count:
                    continue
                if slips is not None and not any(first <= slip < first + size for slip in slips):
                    continue
                # exactly one word of the window may differ from the form, and only by a slip of the pen
                wrong = -1
                for j in range(size):
                    if folded_words[first + j] != folded[j]:
                        if wrong >= 0:
                            wrong = -2
                            break
                        wrong = j
                if wrong < 0 or not _near(strings[first + wrong], form[wrong]):
                    continue
                if len(words) < first + size:
                    if more_words is None:
                        more_words = _WORD.finditer(text)
                    words.extend(islice(more_words, first + size - len(words)))
                window = words[first:first + size]
                if any(text[a.end():b.start()].strip() for a, b in zip(window, window[1:])):
                    continue
                if register.lookup(text[window[0].start():window[-1].end()]) is entry:
                    continue  # another form of the same name, as the register writes it ("Bolesław" / "Boleslaw")
                bad, right = window[wrong], form[wrong]
                results.append((window[0].start(), window[-1].end(), entry,
                                [(bad.start(), bad.end(), _match_case(bad.group(), right))]))
        return results

    def unregistered(self, block: Block) -> list[tuple[int, str]]:
        """Names after a title (Comrade X, General Y) that the register does not know: for the editor."""
        found = []
        for match in self._titled(_reading(block)):
            start, end = match.start("name"), match.end("name")
            words = match.group("name").split()
            rest = _LOWER_AFTER.match(block.text, end) if words and words[-1].endswith("-") else None
            if rest:
                words[-1] += rest.group(1)  # "Pak Hen-" / "yen": one name
            while words and words[-1].casefold().strip(".") in _NOT_A_NAME | _NAME_TITLES:
                words.pop()  # (a title on the next line: "Mr. George Kennan" / "Mr. Rusk")
            if not words or words[0].casefold() in _NOT_A_NAME:
                continue
            if any(s.tag in {"persName", "placeName", "orgName"} and s.start < end and start < s.end for s in block.spans):
                continue
            name = _POSSESSIVE.sub("", " ".join(words))
            found.append((block.line + block.text.count("\n", 0, start), name))
        if block.role in {"addressee", "salute"} and not VALEDICTION.match(block.text.strip()) and not any(
                s.tag in {"persName", "placeName", "orgName"} for s in block.spans):  # ("Respectfully," closes)
            # TO PETROV, Comrade Petrov!: an addressee the register does not know
            rest = _ADDRESS_WORD.sub("", _reading(block).strip(" \"“«!,.:;"))
            rest = _ADDRESS_TITLE.sub("", rest)
            words = rest.split()
            if 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and words[0].casefold() not in _NOT_A_NAME:
                found.append((block.line, display_name(rest)))
        if block.role in ("signed", "speaker"):
            # (a body of the register that signs, "CC CCP", is known; an unknown speaker is reported too)
            names = [s for s in block.spans if s.tag in ("persName", "orgName")]
            if not names:
                written = _signature_text(block)
                if written and not _OFFICE_WORDS.search(written) and not (
                        self.register is not None and self.register.lookup(written)):  # ("Secretary of the CC"
                    # signs: no name; "D[ean] A[cheson]" is the register's)
                    found.append((block.line, written))
        return found

    # -- dates --

    def resolve_date(self, parts: DateParts, anchor: str) -> str:
        """ISO 8601 for a date read from text; a yearless date is put in the anchor's year, or the one before."""
        year = parts.year
        if parts.two_digit_year and year is not None:
            year += self.config.century
        if year is None:
            if not anchor:
                return ""
            year = int(anchor[:4])
            if len(anchor) >= 10 and parts.month and parts.day:
                if (parts.month, parts.day) > (int(anchor[5:7]), int(anchor[8:10])):
                    year -= 1
            elif len(anchor) >= 7 and parts.month and parts.month > int(anchor[5:7]):
                year -= 1
        if parts.month is None:
            return f"{year:04d}"
        if parts.day is None:
            return f"{year:04d}-{parts.month:02d}"
        return f"{year:04d}-{parts.month:02d}-{parts.day:02d}"


#: a deadline right before a date: "by 20 June", "not later than 1 October", "until", "before"
_DEADLINE = re.compile(r"\b(?:by|until|till|before|not\s+later\s+than|no\s+later\s+than)\s+(?:the\s+)?$", re.IGNORECASE)
#: a plan a few words before it (up to eight): "will arrive in Moscow on", "is to begin on", "expected on"
_PLAN = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|to\s+be|expected|planned|scheduled|intends?|intended|"
                   r"begin|start|arrive|leave|depart|next|coming)\b", re.IGNORECASE)
_PAST_REFERENCE = re.compile(r"\bof\s+(?:the\s+)?$", re.IGNORECASE)


def _looks_ahead(before: str) -> bool:
    """True if the words right before a date point ahead ("will arrive on", "not later than"), not back
    ("your telegram of")."""
    if _DEADLINE.search(before):
        return True
    if _PAST_REFERENCE.search(before):
        return False
    words = re.split(r"[.!?;]\s", before)[-1].split()[-8:]
    return _PLAN.search(" ".join(words)) is not None


#: a yearless date this many days or fewer after the document's date, in its year, is taken to lie ahead
_NEAR_FUTURE_DAYS = 31


#: words before a date that point back: a document of that day ("your report of"), a past verb within the
#: eight words before it ("signed by Kim Il Sung on", "we met on")
_DOCUMENT_OF = re.compile(r"\b(?:telegram|letter|report|note|message|cable|memorandum|decision|instruction|request|"
                          r"proposal|resolution|order)s?\s+(?:No\.?\s*\S+\s+)?(?:of|dated)\s+(?:the\s+)?$",
                          re.IGNORECASE)
_PAST_WORDS = re.compile(r"\b(?:signed|received|sent|dated|written|held|met|arrived|left|began|started|broke\s+out|"
                         r"occurred|happened|took\s+place|handed|delivered)\b", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


def _points_back(before: str) -> bool:
    """True if the words right before a date point back to a day already past."""
    if _DOCUMENT_OF.search(before) or _SINCE.search(before):
        return True
    # the date's own clause ("whom I received yesterday, asks that the talks resume on": not "received")
    words = re.split(r"[.!?;,:]\s", before)[-1].split()[-8:]
    return _PAST_WORDS.search(" ".join(words)) is not None


def _days_after(parts: DateParts, anchor: str) -> int:
    """Days from the document's date (`anchor`, YYYY-MM-DD) to the yearless date in the same year; a large
    number when either is not a full date."""
    if len(anchor) < 10 or not parts.month or not parts.day:
        return 10_000
    try:
        same_year = datetime.date(int(anchor[:4]), parts.month, parts.day)
    except ValueError:  # 29 February in a year that has none
        return 10_000
    return (same_year - datetime.date.fromisoformat(anchor[:10])).days


def _previous_year_cert(when: str, anchor: str) -> str:
    """How sure a yearless date put in the year before the document's is: a date that, in the document's own
    year, would have fallen within three months after it ("your report of 25 June" in a telegram of 4 June) more likely
    looks ahead: low; one further back in the calendar: medium."""
    if len(when) < 7 or len(anchor) < 7:
        return "medium"
    months_before = (int(anchor[:4]) - int(when[:4])) * 12 + int(anchor[5:7]) - int(when[5:7])
    return "low" if months_before >= 9 else "medium"


def _glosses_a_name(block: Block, span: Span, text: str, titled: list[re.Match]) -> bool:
    """A bracketed name in any script (ZHOU ENLAI [周恩来], Comrade Petrov [Петров]) after a name or in a signature."""
    words = span.data.get("content", "").split()
    if not 1 <= len(words) <= 4 or not all(
            word[0].isalpha() and not word[0].islower() and all(ch.isalpha() or ch in "-.'’" for ch in word)
            for word in words):
        return False
    before = text[:span.start].rstrip()
    named = [name for name in block.spans if name.tag in {"persName", "placeName", "orgName"} and name.end == len(before)]
    if any(name.data.get("entry") is not None and " ".join(words).casefold() in name.data["entry"].main.casefold().split()
           for name in named):
        return False  # "Peng [Dehuai]": the rest of the name the transcriber completed, supplied, no other name
    if block.role == "signed" and before or named:
        return True
    # a name the register does not know, told by its title (Comrade Petrov [Петров]); not a body
    # (General Staff [...]), whose brackets stay the transcriber's supplied words
    return any(match.end("name") == len(before) and match.group("name").split()[-1].casefold() not in _NOT_A_NAME
               for match in titled)


def _reading(block: Block) -> str:
    """The block's text with its same-length corrections applied (M0SCOW read as MOSCOW, | as I)."""
    choices = [s for s in block.spans if s.tag == "choice" and s.corr is not None and len(s.corr) == s.end - s.start]
    if not choices:
        return block.text
    text = block.text
    for choice in choices:
        text = text[:choice.start] + choice.corr + text[choice.end:]
    return text


def _correctable(spans: list[Span], corrections: list[tuple[int, int, str]]) -> bool:
    """True if each correction of a misspelt name overlaps no choice, or one over the very same word."""
    return all(s.tag != "choice" or s.end <= start or s.start >= end or (s.start, s.end) == (start, end)
               for start, end, _ in corrections for s in spans)


def _add_correction(spans: list[Span], start: int, end: int, corr: str) -> None:
    """A misspelt word's correction; a word already corrected (KRAS0VSKII) keeps one choice with both readings."""
    for span in spans:
        if span.tag == "choice" and (span.start, span.end) == (start, end):
            span.corr = corr
            span.attrs["cert"] = "medium"  # the name's conjecture is the less sure of the two
            return
    spans.append(Span(start, end, "choice", {"cert": "medium"}, corr=corr))


_NOT_LETTERS = re.compile(r"[\W\d_]+")
#: an initial right before a position (I. , V.  in I.V. , Ya. , И. ), not the end of a longer word
_INITIAL_BEFORE = re.compile(r"(?<![\w’'\-])([^\W\d_][^\W\d_]?)\.[ \t]*\Z")
#: two-letter initials of Russian transliteration (Ya., Zh., Kh. ...); others (Mr., No., St.) are no initials
_DIGRAPH_INITIALS = {digraph.casefold() for digraph in INITIAL_DIGRAPHS}
#: abbreviations written like initials (a postscript mark, a state) stand before a name, not in it
_ABBREVIATIONS = {"ps", "pps", "nb", "us", "usa", "uk"}


def _own_name_start(entry: Entry, text: str, first: int, start: int, end: int) -> int | None:
    """Where a register person's name starts that has initials before its surname (text[first:start]): there,
    or at the given name before them ("Nikita S. Khrushchev"); None if the initials or that given name are not
    his own ("R. F. Kennedy", "Robert F. Kennedy" are not John F. Kennedy)."""
    surname = text[start:end].casefold()
    # (his given names as the register spells them, to their first four letters: Georgi is Georgy)
    given_names = {form.split()[0].casefold()[:4] for form in entry.forms + [entry.main]
                   if len(form.split()) >= 2 and form.split()[-1].casefold() == surname}
    if not given_names:
        return first
    given = _GIVEN_NAME_BEFORE.search(text, 0, first)
    if given and given.group(1).casefold() not in _TITLE_CASEFOLDED | _SENTENCE_OPENERS:
        # ("Nikita S. Khrushchev": the initial is his father's, the name begins with his own)
        return given.start(1) if given.group(1).casefold()[:4] in given_names else None
    initial = text[first:start].lstrip()[:1]
    # (an initial in another script, И. for I., is no evidence either way)
    return first if not initial.isascii() or initial.casefold() in {name[:1] for name in given_names} else None


def _with_initials(text: str, start: int, spans: list[Span]) -> int:
    """Where a person's name starts with the one to three initials right before it (T. SHTYKOV, I.V. Stalin)."""
    position = start
    for _ in range(3):
        found = _INITIAL_BEFORE.search(text, max(0, position - 8), position)
        if found is None:
            break
        letters = found.group(1)
        if not letters[0].isupper() or (len(letters) == 2 and (
                not letters[1].islower() or letters.casefold() not in _DIGRAPH_INITIALS)):
            break
        position = found.start()
    # more initials or an abbreviation before them (U.S.S.R.): not a person's initials
    if position == start or (position and (text[position - 1] == "." or text[position - 1].isalnum())):
        return start
    if _NOT_LETTERS.sub("", text[position:start]).casefold() in _ABBREVIATIONS:
        return start
    # a span over the initials ([A.] Stalin: the transcriber's mark) keeps them out of the name
    return position if _free(spans, position, start) else start


#: initials after a surname, as Russian documents write a name: "Stalin I. V.", "ZAKHAROV M.V."
_ONE_INITIAL = r"(?:[A-ZА-Я]|" + "|".join(INITIAL_DIGRAPHS) + r")\."
_INITIALS_AFTER = re.compile(rf"[ \t]+((?:{_ONE_INITIAL}[ \t]?){{1,2}}{_ONE_INITIAL}|[A-ZА-Я]\.)(?=[\s,;:)!]|$)")


def _with_initials_after(text: str, end: int, spans: list[Span]) -> int:
    """Where a person's name ends with the initials right after it (Stalin I. V.), if nothing is in the way."""
    found = _INITIALS_AFTER.match(text, end)
    if found is None or not _free(spans, end, found.end()):
        return end
    return found.end()


_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")


def _hyphenated_names(register: Register, text: str) -> list[NameMatch]:
    """Register names broken by a hyphen at a line end (Kras-/ovsky, Mao Ze-/dong), spanning the break.

    The names are looked for in the text with those breaks taken out, and mapped back; only the names
    that hold a break are returned (the others are found in the text itself)."""
    breaks = [m.start() for m in _LINE_END_HYPHEN.finditer(text)]
    if not breaks:
        return []
    joined = _LINE_END_HYPHEN.sub("", text)
    # a joined offset after k removed breaks lies 2 * k characters further on in the text
    starts = [b - 2 * k for k, b in enumerate(breaks)]
    found = []
    for match in register.find(joined):
        before = bisect.bisect_right(starts, match.start)
        inside = bisect.bisect_left(starts, match.end) - before
        if inside:
            found.append(NameMatch(match.start + 2 * before, match.end + 2 * (before + inside), match.entry,
                                   match.letter_spaced))
    return found


def _signature_text(block: Block) -> str:
    # the letters a transcriber supplied inside a word are the name's ("D[ean] A[cheson]"), other brackets not
    # (read as corrected: ANDR0POV signs as Andropov)
    text = _TITLE_FIRST.sub("", SIGNED_PREFIX.sub("", _BRACKETED.sub(" ", SUPPLIED_LETTERS.sub(r"\1", read_zeros(
        block.text))).strip()))  # "Recorded by Comrade Fedorenko", "(Signed) W. Ulbricht"
    words = [w for w in text.replace("\n", " ").strip(" .,;:!\"“”»’'").split()]
    if len(words) >= 3 and all(len(w) == 1 for w in words):
        words = ["".join(words)]
    return " ".join(_display(w, n) for n, w in enumerate(words))


def _display(word: str, position: int = 0) -> str:
    if word.casefold() in _SMALL_WORDS and position:
        return word.lower()  # "SECRETARY OF THE CC": "Secretary of the CC"
    if _WORD_OF_INITIALS.fullmatch(word):
        # "I.V.", "A.YA.": initials keep their dots; a digraph's second letter is small (Ya.)
        return "".join(part[:1].upper() + part[1:].lower() + "." for part in word.split(".")[:-1])
    if word.isupper() and len(word) > 1 and set(word.lower()) & set("aeiouyаеёиоуыэюя"):
        return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
    return word  # (capitals without a vowel are an abbreviation: CC, CCP)


#: a word of initials: "I.V.", "A.Ya.", "N."
_WORD_OF_INITIALS = re.compile(r"(?:[^\W\d_]\.|(?:" + "|".join(INITIAL_DIGRAPHS) + r")\.)+", re.IGNORECASE)


def display_name(text: str) -> str:
    """A name as written, for titles: blanks folded, capitals and letter-spacing undone."""
    words = text.replace("\n", " ").split()
    if len(words) >= 3 and all(len(w) == 1 for w in words):
        words = ["".join(words)]
    return " ".join(_display(w if _WORD_OF_INITIALS.fullmatch(w) else w.strip(".,;:!\"“”»’'"), n)
                    for n, w in enumerate(words))


#: words an office written in capitals keeps in lower case: "Secretary of the CC"
_SMALL_WORDS = {"of", "the", "and", "for", "to", "in", "on", "at"}


def _addressed_body(block: Block) -> list[tuple[Party, int, int]]:
    """A body of the register an addressee line names alone ("TO THE CC VKP(b)", "To the Politburo")."""
    bodies = _names_at(block, "orgName")
    if len(bodies) != 1:
        return []
    _, start, end = bodies[0]
    before, after = block.text[:start], block.text[end:]
    return bodies if _TO_BODY.fullmatch(before) and not after.strip(" .,;:!") else []


_TO_BODY = re.compile(r"\s*(?:to|for)\s+(?:the\s+)?", re.IGNORECASE)
#: the kind after the body that issues a statement in its heading: "TASS STATEMENT", "TASS Communiqué"
_STATEMENT_AFTER = re.compile(r"\s+(?:statement|communiqu[eé]|declaration)\b", re.IGNORECASE)
#: a note verbale's first sentence, which names its sender and its addressee
_COMPLIMENTS = re.compile(r"\s*The\s+(?P<sender>[^;]{5,150}?)\s+presents\s+its\s+compliments\s+to\s+the\s+"
                          # the addressee runs to "and has the honour ..." (an "and" of its own name, "and Northern
                          # Ireland", is followed by a capital) or to a comma or a sentence's end
                          r"(?P<recipient>[^;,]{5,150}?)(?=\s+and\b(?!\s+(?-i:[A-Z]))|\s*[;,]|\.\s+(?-i:[A-Z])|\.?\s*$)")


def _written_party(block: Block, match: re.Match, group: str) -> Party:
    """The party a group of `match` names: a register entry if the text there is one, else as written."""
    start, end = match.span(group)
    for span in block.spans:
        if span.start == start and span.end == end and span.tag in ("persName", "orgName"):
            return _party(span.data.get("entry"), _original(block, span))
    return Party(None, " ".join(match.group(group).split()), body=True)


def _written_body(block: Block) -> list[Party]:
    """The body an addressee under a note's date names, as written: "To the Embassy of ..." (its place below left out)."""
    reading = _reading(block).rstrip(" .")
    lines = [line.strip() for line in reading.split("\n") if line.strip()]
    last = reading.rfind("\n") + 1
    if len(lines) > 1 and any(sp.tag == "placeName" and sp.end == len(reading) and not reading[last:sp.start].strip()
                              for sp in block.spans):
        lines.pop()  # the place under it: "Moscow" (a line that finishes the name stays: "... Socialist" / "Republics")
    named = re.match(r"\s*To\s+the\s+(?P<body>.{5,200}?)[\s.,;]*$", " ".join(lines), re.IGNORECASE)
    return [Party(None, " ".join(named.group("body").split()), body=True)] if named else []


#: words written under a signature that are no co-signer: "CORRECT" (the copy's attestation)
_TITLE_FIRST = re.compile(r"^(?:Comrades?|Cdes?\.|COMRADES?)\s+")


def _in_capitals(text: str) -> bool:
    """True if the letters of `text` (brackets aside) are capitals: a signature's way of writing a name."""
    letters = [ch for ch in _BRACKETED.sub("", text) if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _signing_body(block: Block) -> list[Party]:
    """A body of the register that signs as one: the signature is its name and nothing else ("CC CCP"), not
    an office that names it ("SECRETARY OF THE CC VKP(b)": a person)."""
    spans = [s for s in block.spans if s.tag == "orgName"]
    if len(spans) != 1:
        return []
    span = spans[0]
    rest = (block.text[:span.start] + block.text[span.end:]).strip(" \n.,;:!\"“”»’'")
    if rest and rest.casefold() != "the":
        return []
    return [_party(span.data.get("entry"), _original(block, span))]


def _party(entry: Entry | None, text: str) -> Party:
    """A party named by `text`: as written, in the register's spelling when a form of the entry is the same
    name in other capitals ("MAO TSE-TUNG" is "Mao Tse-tung", not "Mao Tse-Tung")."""
    written = display_name(text)
    if entry is not None:
        folded = written.casefold()
        written = next((form for form in entry.forms if form.casefold() == folded), written)
    return Party(entry, written)


def _names(block: Block, tag: str = "persName") -> list[Party]:
    parties = []
    for span in sorted(block.spans, key=lambda s: s.start):
        if span.tag == tag and not _inside_gloss(block, span):
            parties.append(_party(span.data.get("entry"), _original(block, span)))
    return parties


#: the person an addressee line names when the register does not know him: after "Comrade" ("Marshal of the
#: Soviet Union Comrade A. M. VASILEVSKY") or, in capitals, after TO/FOR ("TO KOTOV")
_WRITTEN_ADDRESSEE = re.compile(
    r"(?:\b(?:Comrades?|Cdes?\.|COMRADES?)\s+|^(?:TO|FOR)\s+)"
    r"(?P<name>(?:(?:[A-ZА-Я][a-zа-я]{0,2}\.\s?)+\s*)?(?:[A-ZА-Я][\w'’-]*\s+){0,2}[A-ZА-Я][\w'’-]*)\s*[.,;:!]?\s*$")


_NOT_PERSON_WORDS = {
    "the", "of", "and", "ambassador", "embassy", "government", "chairman", "minister", "ministry", "cc", "party",
    "committee", "council", "staff", "headquarters", "command", "commander", "secretary", "politburo",
    "presidium", "soviet", "ussr", "prc", "dprk", "consul", "consulate", "mission", "delegation", "all", "you",
    "your", "attention", "urgent", "secret", "top", "priority", "immediately", "military", "adviser", "advisers",
    "representative", "department", "bureau", "office", "comrades", "information", "be", "deciphered",
    "personally", "execution", "action", "reference", "delivery", "transmission", "everyone", "only", "copy",
    "charge", "chargé", "d'affaires", "d’affaires", "consul-general", "attaché", "attache",
    "to", "for", "a", "an", "in", "on", "by", "with", "from", "at", "as", "or", "is", "are",
}


#: an addressee line that names the place first: "To Pyongyang, to Soviet Ambassador ..."
_TO_PLACE = re.compile(r"\s*(?:to|for)\s+", re.IGNORECASE)


def _written_addressee(text: str) -> Party | None:
    """An addressee the register lacks, as written; None when the line names no person that way."""
    match = _WRITTEN_ADDRESSEE.search(" ".join(text.split()))
    if match is None:
        return None
    name = match.group("name")
    titled = _TITLE_FIRST.match(name)
    if titled:
        name = name[titled.end():]  # "TO COMRADE VASILEVSKY": the title is no part of the name
    words = [w for w in name.split() if not _INITIAL.fullmatch(w)]
    if not words or any(w.casefold() in _NOT_PERSON_WORDS for w in words):
        return None
    if not (titled or match.group().startswith(("Comrade", "Cde", "COMRADE"))) and not all(w.isupper() for w in words):
        return None  # after TO, only a name in a signature's capitals
    return Party(None, display_name(name))


#: a recipient the register lacks, named in a relay formula ("Transmit the following to Comrade Fidel Castro:",
#: "for transmission to Fidel Castro."): up to four capitalised words (or initials) where the formula's name ends
_WRITTEN_RECIPIENT = re.compile(
    rf"(?:(?:{_TITLES})\s+)*(?P<name>(?:[A-ZА-Я][\w'’-]*\.?)(?:[ \t]+[A-ZА-Я][\w'’-]*\.?){{0,3}})"
    r"(?=[ \t]*(?:[.,;:!]|$)|[ \t]+(?:and[ \t]+(?:tell|inform)|(?:of[ \t]+|about[ \t]+)?the[ \t]+following|as[ \t]+follows)\b)")


def _written_recipient(block: Block, position: int, text: str | None = None) -> tuple[Party, int] | None:
    """The person a relay formula names at `position` as written, when the register lacks him, and where his
    name ends; None if the words there name no person ("to the Chinese comrades", "to Moscow")."""
    text = block.text if text is None else text
    match = _WRITTEN_RECIPIENT.match(text, position)
    if match is None or any(position <= span.start < match.end() for span in block.spans
                            if span.tag in ("placeName", "orgName", "persName")):
        return None
    name = match.group("name")
    words = [w.strip(".") for w in name.split() if not _INITIAL.fullmatch(w)]
    if not words or any(w.casefold() in _NOT_PERSON_WORDS for w in words):
        return None
    if len(name.split()) < 2 and match.start("name") == position:
        return None  # one word and no title before it may be a place: "Transmit the following to Rangoon:"
    if not _INITIAL.fullmatch(name.split()[-1]):
        name = name.rstrip(".")  # the sentence's full stop
    return Party(None, display_name(name)), match.end()


# The "to" of a relay formula, with the titles before the name it introduces. "I transmit to you the text of
# ..." is no relay: it passes the text to the addressee, and a name further on is no recipient.
_RELAY_IN_TEXT = re.compile(
    rf"\b(?:{RELAY_VERBS})\b[^.!?]*?\bto\s+"
    rf"(?!(?:you|me|us|him|her|them|yourself)\b)(?:(?:{_TITLES})\s+)*", re.IGNORECASE)
#: an ambassador sent to see the recipient: "Visit Zhou Enlai and tell him the following:", "See Comrade Kim ..."
_VISIT_AND_TELL = re.compile(rf"\b(?:{VISIT_VERBS})\s+(?:(?:{_TITLES})\s+)*", re.IGNORECASE)
#: the recipient right after the verb: "Tell Mao Zedong the following:", "Inform Comrade Kim Il Sung of the following"
_TELL_NAMED = re.compile(rf"\b(?:{TELL_VERBS})\s+(?:(?:{_TITLES})\s+)*", re.IGNORECASE)
_OF_THE_FOLLOWING = re.compile(r"\s*,?\s*(?:(?:of|about)\s+)?(?:the\s+following|as\s+follows|our\s+(?:answer|reply))\b",
                               re.IGNORECASE)
_TELL_HIM = re.compile(r"\s*,?\s*and\s+(?:tell|inform|transmit\s+to|hand|give|pass\s+on\s+to|read\s+to)\s+(?:him|them)\b"
                       r"[^.!?]*\b(?:following|as\s+follows)\b", re.IGNORECASE)
#: what may stand between two recipients of one formula (Kim Il Sung and Comrade Pak Hon-yong)
_RECIPIENT_GAP = re.compile(
    rf"\s*(?:,|and|,\s*and|,?\s*(?:and\s+)?through\s+(?:him|them)\s+to)\s*(?:(?:{_TITLES})\s+)*", re.IGNORECASE)
#: an intermediary named with "through": "(through Comrade Kovalev)", "to Kim Il Sung through Shtykov and Razuvaev"
_THROUGH = re.compile(rf"\b(?:through|via)\s+(?!(?:him|her|them|us|you|me)\b)(?:(?:{_TITLES})\s+)*", re.IGNORECASE)


_SENT_THROUGH = re.compile(r"\b(?:sent|received|transmitted|forwarded|delivered|passed|handed)\s+$", re.IGNORECASE)


def _through(block: Block) -> list[tuple[Party, int, int]]:
    """The persons a block names as the ones a message goes through (its intermediaries)."""
    found: list[tuple[Party, int, int]] = []
    names = _names_at(block)
    for through in _THROUGH.finditer(block.text):
        if _SENT_THROUGH.search(block.text, 0, through.start()):
            continue  # "his telegram sent through Kovalev": how another message came, no intermediary of this one
        position = through.end()
        for party, start, end in names:
            if start < position:
                continue
            if start != position and not (found and _RECIPIENT_GAP.fullmatch(block.text, position, start)):
                break
            found.append((party, start, end))
            position = end
    return found


def _relayed_to(message: Message) -> list[Party]:
    """Persons named by a relay formula in the paragraph that introduces a quoted message
    ("... Transmit to Kim Il Sung the following:"), when the opener has none."""
    for item, following in zip(message.body, message.body[1:]):
        quoted = isinstance(following, Quote) or isinstance(following, Block) and following.role == "p" and (
            following.text.lstrip().startswith(('"', "“", "«", "„")))  # (a quoted paragraph: the message in one block)
        if isinstance(item, Block) and item.role == "p" and quoted:
            recipients = _formula_recipients(item)
            if recipients is not None:
                return recipients
    return []


def _formula_recipients(block: Block) -> list[Party] | None:
    """The persons a relay formula's "to" names ("to Kim Il Sung the following", "to Comrade Mao Zedong and
    Comrade Zhou Enlai"), not names further on ("the answer of Zhou Enlai": the quoted message's author);
    None if the block holds no relay formula."""
    relay = None
    for relay in _RELAY_IN_TEXT.finditer(block.text):
        pass
    if relay is None:
        return _visited(block)
    recipients, position = [], relay.end()
    for party, start, end in _names_at(block):
        if start < relay.end():
            continue  # a name inside the formula ("Transmit Zhou's answer to ...")
        if start != position and not (recipients and _RECIPIENT_GAP.fullmatch(block.text, position, start)):
            break
        recipients.append(party)
        position = end
    written = _written_recipient(block, relay.end()) if not recipients else None
    return [written[0]] if written is not None else recipients


def _visited(block: Block) -> list[Party] | None:
    """The persons an ambassador is to visit and tell a message: "Visit Zhou Enlai and tell him the following:",
    "Tell Mao Zedong the following:" (the errand whose names the message follows); None if the block asks none."""
    names = _names_at(block)
    found = None
    errands = [(visit, _TELL_HIM) for visit in _VISIT_AND_TELL.finditer(block.text)]
    errands += [(tell, _OF_THE_FOLLOWING) for tell in _TELL_NAMED.finditer(block.text)]
    for visit, then in errands:
        visited, position = [], visit.end()
        for party, start, end in names:
            if start < position:
                continue
            if start != position and not (visited and _RECIPIENT_GAP.fullmatch(block.text, position, start)):
                break
            visited.append(party)
            position = end
        written = _written_recipient(block, visit.end()) if not visited else None
        if written is not None:
            visited, position = [written[0]], written[1]
        if visited and then.match(block.text, position):
            found = visited
    return found


def _names_at(block: Block, tag: str = "persName") -> list[tuple[Party, int, int]]:
    return [(_party(s.data.get("entry"), _original(block, s)), s.start, s.end)
            for s in sorted(block.spans, key=lambda s: s.start)
            if s.tag == tag and not _inside_gloss(block, s)]


def _inside_gloss(block: Block, span: Span) -> bool:
    return any(s.tag == "note" and s.start <= span.start and span.end <= s.end for s in block.spans if s is not span)


def _original(block: Block, span: Span) -> str:
    # The name as corrected (a misspelt token replaced by its correction), for display only; initials the
    # name took in (T. SHTYKOV) are left out, as the names in the titles are written without them.
    start, end = span.data.get("name_start", span.start), span.data.get("name_end", span.end)
    text = block.text[start:end]
    for inner in sorted((s for s in block.spans if s.tag == "choice" and start <= s.start and s.end <= end),
                        key=lambda s: -s.start):
        a, b = inner.start - start, inner.end - start
        text = text[:a] + (inner.corr or "") + text[b:]
    return text


def _glossed_person(block: Block) -> Entry | None:
    """The register person a signature's gloss names, if any ("MATVEEV [Zakharov]")."""
    for span in block.spans:
        if span.tag == "persName" and _inside_gloss(block, span) and span.data.get("entry") is not None:
            return span.data["entry"]
    return None


def _gloss(block: Block) -> str:
    for span in block.spans:
        if span.tag == "note" and span.attrs.get("type") == "gloss" and span.inner:
            return " ".join(block.text[span.inner[0]:span.inner[1]].split())
    return ""


_GLOSS_OPEN = re.compile(r"[ \t]*[(\[][ \t]*")


def _heading_gloss(top: list[Block], sender: Party) -> str:
    """Another name of the sender in brackets right after his own on a heading or sender line, as in
    "From Matveev (Zakharov) to ...": the gloss the title carries."""
    if sender.entry is None:
        return ""
    for block in top:
        if block.role not in ("head", "sender"):
            continue
        names = sorted((s for s in block.spans if s.tag == "persName" and s.data.get("entry") is sender.entry),
                       key=lambda s: s.start)
        for first, second in zip(names, names[1:]):
            if _GLOSS_OPEN.fullmatch(block.text, first.end, second.start) and block.text[second.end:second.end + 1] in ")]" \
                    and display_name(_original(block, first)) == sender.written:
                return " ".join(_original(block, second).split())
    return ""


def _pseudonym_gloss(sender: Party) -> str:
    """The register's name for a sender who signs with a cover name it records, no gloss written beside it:
    the gloss an archive's title adds, as the transcriber's brackets would."""
    if sender.entry is None:
        return ""
    written = " ".join(sender.written.split()).casefold()
    if any(" ".join("".join(form.itertext()).split()).casefold() == written
           for form in sender.entry.element.iterfind(f"{{{TEI_NS}}}persName[@type='pseudonym']")):
        return sender.entry.element.get("sortKey") or sender.entry.main
    return ""


#: the words before a date in a record's heading that make it the date of something else: "concerning the note
#: of 3 October 1950" (not "Minutes of the meeting of 5 June 1951": the meeting's own)
_OTHER_DATE = re.compile(r"\b(?:(?:note|letter|telegram|cable|message|decision|resolution|report|memorandum|proposals?)"
                         r"\s+of|concerning|regarding|about|dated|since|until|before|after)\s*$", re.IGNORECASE)


def _conversation_date(headings: list[Block]) -> tuple[Span, Block] | None:
    """The date a record's heading gives its conversation ("..., 20 August 1952", "on 2 October 1950"), not one
    it names as another document's ("concerning the note of 3 October 1950")."""
    for block in headings:
        for span in sorted(block.spans, key=lambda s: s.start):
            if span.tag == "date" and span.data["parts"].month is not None and not _OTHER_DATE.search(
                    block.text, max(0, span.start - 20), span.start):
                return span, block
    return None


def _dated(blocks: list[Block], any_role: bool = False, year_only: bool = False) -> tuple[Span, Block] | None:
    for block in blocks:
        if block.role == "dateline" or any_role:
            for span in block.spans:
                if span.tag == "date" and (span.data["parts"].month is not None or year_only):
                    return span, block
    return None


#: the parties a heading names: "Telegram from Shtykov to Vyshinsky", "Cable No. 118 from Beijing"
_HEAD_PARTY = re.compile(r"\s(from|to|for)\s", re.IGNORECASE)


def _inside_parentheses(text: str, at: int) -> bool:
    """True if offset `at` is inside parentheses that opened on its line."""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


#: an office accredited "to" a country: "Soviet Ambassador to Cuba Alekseev" (no recipient after that "to")
_OFFICE_BEFORE_TO = re.compile(r"\b(?:ambassador|envoy|representative|consul|minister|charg[ée]\s+d['’]affaires|delegate|"
                               r"attach[ée]|advis[eo]r)\s*$", re.IGNORECASE)


def _accredited(line: str, places: set[int]) -> set[int]:
    """Where the country of an office begins ("Soviet Ambassador to Cuba Alekseev": Cuba), given where the
    line's places begin: that "to" names no recipient ("the British Ambassador to Vyshinsky" does)."""
    return {m.end() for m in _HEAD_PARTY.finditer(line) if m.group(1).casefold() == "to" and m.end() in places
            and _OFFICE_BEFORE_TO.search(line, 0, m.start())}


def _head_preps(line: str, offset: int, accredited: set[int]) -> list[tuple[int, str]]:
    """Where each side of a heading's parties begins after `offset`: (end of "from"/"to"/"for", which)."""
    return [(m.end(), m.group(1).casefold()) for m in _HEAD_PARTY.finditer(line, offset) if m.end() not in accredited]


def _heading_parties(block: Block) -> tuple[list[Party], list[Party], list[Party], Party | None, Party | None]:
    """(senders, recipients, intermediaries, place of sending, place of receipt) a heading names after "from",
    "to" and "for", each
    name on the side of the nearest of them before it; none for a heading with a subject ("REPORT on the
    visit of Zhou Enlai to Moscow")."""
    lines = _reading(block).split("\n")
    first_line = lines[0]
    alone = HEADING.match(first_line.strip(" \"“”„«»‘’"))
    if alone and not alone.group("tail") and len(lines) > 1 and re.match(r"\s*(?:from|to)\s", lines[1], re.IGNORECASE):
        first_line += " " + lines[1]  # "RADIOGRAM" / "from the Joint Command to Mao Tse-tung and Kim Il Sung"
    subject = SUBJECT_AFTER_PARTIES.search(first_line)
    if subject:
        first_line = first_line[:subject.start()]  # "..., on the treaty talks in Moscow": no party in the subject
    lead = len(first_line) - len(first_line.lstrip(" \"“”„«»‘’"))
    heading = HEADING.match(first_line.strip(" \"“”„«»‘’"))
    possessive = None if heading else POSSESSIVE_HEADING.match(first_line.strip(" \"“”„«»‘’"))
    # the country of an office ("Ambassador to Cuba") is neither party's place, and its "to" no party's
    accredited = _accredited(first_line, {at for _, at, _ in _names_at(block, "placeName")})
    if possessive:
        # "Mao Zedong's cable to Stalin": the author sends; "to" and "for" after the kind as below
        offset = lead + possessive.end("kind")
        preps = [(lead, "from")] + _head_preps(first_line, offset, accredited)
    else:
        tail = heading.group("tail") if heading else None
        if not tail or not (_PARTIES_TAIL.match(tail) or _ARCHIVE_TAIL.match(tail)):
            return [], [], [], None, None
        offset = lead + heading.start("tail")
        # "Matveev (Zakharov) to ...": the names before the first "to" after the comma send
        preps = [(offset, "from")] if tail.lstrip().startswith(",") or not _PARTIES_TAIL.match(tail) else []
        preps += _head_preps(first_line, offset, accredited)
    senders: list[Party] = []
    recipients: list[Party] = []
    final: list[Party] = []
    places: dict[str, Party] = {}
    named_sides: set[str] = set()
    for tag in ("persName", "placeName"):
        for party, at, _ in _names_at(block, tag):
            if tag == "placeName" and at in accredited:
                continue
            before = [side for end, side in preps if end <= at]
            if _inside_parentheses(first_line, at) and before and before[-1] in named_sides:
                continue  # "Matveev (Zakharov)": the gloss of the name before it ("Ambassador (Roshchin)" names)
            if before:
                named_sides.add(before[-1])
            if not before or at > len(first_line):
                continue
            if tag == "persName":
                {"to": recipients, "for": final, "from": senders}[before[-1]].append(party)
            else:
                places.setdefault("to" if before[-1] == "for" else before[-1], party)
    # "... to the Ambassador (Roshchin) for Zhou Enlai": the one transmits, the other receives
    return senders, final or recipients, recipients if final else [], places.get("from"), places.get("to")


_PARTIES_TAIL = re.compile(r"\s*,?\s*(?:from|to)\s", re.IGNORECASE)
#: what stands between the place of sending and the place of receipt on a routing line: " - ", " TO "
_PLACE_TO_PLACE = re.compile(r"\s*(?:[-–—]+|to|TO)\s*")
#: the archive's title line: "Ciphered Telegram, Matveev (Zakharov) to ..." (not a subject: "REPORT, On ...")
_ARCHIVE_TAIL = re.compile(r"\s*,\s*(?!(?:On|About|Concerning|Regarding)\b)[A-Z]")


_SENT_WORD = re.compile(r"\b(?:sent|dispatched|transmitted)\b", re.IGNORECASE)
_RECEIVED_WORD = re.compile(r"\b(?:received|delivered|deciphered)\b", re.IGNORECASE)


#: words a telegram's routing line may open with that are no place: "DRAFT - TO ROSHCHIN", "CIRCULAR - TO ..."
_TELEGRAM_MARKINGS = {"draft", "repeat", "circular", "operational", "outgoing", "incoming", "clear", "text", "niact",
                      "flash", "express", "routine", "plain", "copy", "copies", "secret", "urgent", "immediate",
                      "priority", "personal", "confidential", "special", "very", "most", "top", "strictly"}
#: the place a routing line opens with, up to its dash, comma, colon or TO/FOR: "HAVANA", "HAVANA - TO ALEKSEEV"
_ROUTING_PLACE = re.compile(r"^([A-ZА-Я][\w'’\-]+(?:[ \t]+[A-ZА-Я][\w'’\-]+){0,2})"
                            r"(?:[ \t]*(?:--+|–|—|[ \t]-[ \t]|,|:)|[ \t]+(?=(?:TO|FOR)[ \t])|[ \t]*-*$)")
#: the words that name an addressee on a routing line; "for transmission to X" names the recipient as FOR does
_ROUTED_TO = re.compile(rf"(?:^|\s)((?i:for\s+{TRANSMISSION_WORDS}\s+to)|TO|FOR|To|For)\s+(?=\S)")


def _not_received(blocks: list[Block]) -> list[Block]:
    """The blocks that do not give a time of receipt ("From Pyongyang, received 16.1.51" is no date of sending)."""
    return [block for block in blocks if not _RECEIVED_WORD.search(block.text)]


def _sent_on(blocks: list[Block]) -> tuple[Span, Block] | None:
    """The date after "Sent" on a transmission line ("Sent 1.10.50 03:02 Received 1.10.50 12:40"), if any."""
    for block in blocks:
        if block.role not in ("transmission", "sender"):
            continue  # (a sender line may give the times too: "From Peking, sent 13.1.51 at 23.50, received ...")
        for sent in _SENT_WORD.finditer(block.text):
            received = _RECEIVED_WORD.search(block.text, sent.end())
            limit = received.start() if received else len(block.text)
            for span in sorted(block.spans, key=lambda s: s.start):
                if span.tag == "date" and sent.end() <= span.start < limit and span.data["parts"].month is not None:
                    return span, block
    return None


def correspondence(message: Message, enricher: Enricher, sidecar: Sidecar) -> Correspondence:
    """Sender, recipients, intermediary, places and date of a message, from its opener and closer."""
    result = Correspondence()
    signed = [b for b in message.bottom if b.role == "signed"] or [
        b for b in message.body if isinstance(b, Block) and b.role == "signed"]  # (a message of a signature alone)
    if not signed:
        # A relayed message signed only inside its quotation: its signer sent it.
        for item in message.body:
            if isinstance(item, Quote):
                signed = [b for b in item.message.bottom if b.role == "signed"]
                if signed:
                    break
    named = [b for b in signed if _names(b)]
    # a co-signer the register lacks signs too when he signs on the line of one it has ("KOTOV, ZAKHAROV"), or in
    # capitals on the line right under or over it ("KIM IL SUNG" / "PAK HEN-YEN"), not a place, body or word
    lines_named = {b.line for b in named}
    named = [b for b in signed if b in named or b.line in lines_named or (
        {b.line - 1, b.line + 1} & lines_named and _in_capitals(b.text) and not any(
            sp.tag in ("placeName", "orgName") for sp in b.spans) and _signature_text(b).casefold() not in ATTESTATIONS)]
    for block in named or signed:
        parties = _names(block) or _signing_body(block)
        if parties:
            result.senders.append(parties[0])
        else:
            written = _signature_text(block)
            glossed = _glossed_person(block)
            if glossed is not None:
                # a cover name the register lacks, glossed with one it has: "MATVEEV [Zakharov]" is Zakharov
                result.senders.append(Party(glossed, written))
            elif written:
                # a name the transcriber completed ("D[ean] A[cheson]") is the register's if it holds the whole
                entry = enricher.register.lookup(written) if enricher.register and "[" in block.text else None
                result.senders.append(Party(entry if entry is not None and entry.kind == "person" else None, written))
        result.sender_gloss = result.sender_gloss or _gloss(block)
    to_lines, for_lines = [], []
    #: persons on a routing line without TO or FOR ("PYONGYANG, SHTYKOV")
    routed: list[Party] = []
    #: parties a heading names ("Telegram from Shtykov to Vyshinsky"), taken where no other line names them
    head_senders: list[Party] = []
    head_recipients: list[Party] = []
    head_intermediaries: list[Party] = []
    #: persons a line names after "through" ("through Comrade Kovalev"): intermediaries
    through: list[Party] = []
    for block in message.top:
        # the line as corrected: "T0 ROSHCHIN" addresses as "TO ROSHCHIN" does
        text = _reading(block)
        if block.role == "addressee":
            # "TO ROSHCHIN FOR ZHOU ENLAI" on one line: the FOR part names the recipient
            prep = text.split()[0].casefold()
            split = _FOR.search(text[len(prep):])
            cut = len(prep) + split.start() if split and prep == "to" else len(text)
            found = _names_at(block) or _addressed_body(block)
            via = {start for _, start, _ in _through(block)}
            for party, start, _ in found:
                if start in via:
                    through.append(party)  # "For Comrade Mao Tse-tung (through Comrade Kovalev)"
                    continue
                (to_lines if prep == "to" and start < cut else for_lines).append(party)
            first_place = min((s for s in block.spans if s.tag == "placeName"), key=lambda s: s.start, default=None)
            if first_place is not None and result.place_received is None and _TO_PLACE.fullmatch(
                    block.text[:first_place.start]):
                # "To Pyongyang, to Soviet Ambassador RAZUVAEV": the place the telegram goes to
                result.place_received = _names(block, "placeName")[0]
            # a person the register lacks, before the FOR part ("To Comrade TEREBIN" / "for transmission to Mao ...")
            head = text[:cut]
            written = None if any(start < cut for _, start, _ in found) or any(
                s.tag in ("placeName", "orgName") and s.start < cut for s in block.spans) else _written_addressee(head)
            if written is not None:
                (to_lines if prep == "to" else for_lines).append(written)
            transmission = FOR_TRANSMISSION.search(text, cut) if cut < len(text) else None
            if transmission and not any(start >= cut for _, start, _ in found):
                # "TO ALEKSEEV" / "for transmission to Fidel Castro.": a recipient the register lacks
                written = _written_recipient(block, transmission.end(), text)
                if written is not None:
                    for_lines.append(written[0])
        elif block.role == "relay":
            via = _through(block)
            through.extend(party for party, _, _ in via)
            starts = {start for _, start, _ in via}
            for_lines.extend(_formula_recipients(block) or [party for party, start, _ in _names_at(block)
                                                            if start not in starts])
        elif block.role == "sender":
            # "From Matveev (Zakharov) to Kim Il Sung": the names after "to" (or "for") receive
            preps = [(m.end(), m.group(1).casefold()) for m in _HEAD_PARTY.finditer(text)]
            parties = [(party, max((p for p in preps if p[0] <= start), default=(0, "from"))[1])
                       for party, start, _ in _names_at(block)]
            if not result.senders:
                result.senders.extend(party for party, prep in parties if prep == "from")
            head_recipients += [party for party, prep in parties if prep != "from"]
            places = _names(block, "placeName")
            if places and result.place_sent is None:
                result.place_sent = places[0]
            elif result.place_sent is None and not _names(block):
                # "From Mukden": a place the register does not know, as written (not a person: FROM SHTYKOV)
                written = _FROM_PLACE.match(text)
                entry = enricher.register.lookup(written.group(1)) if written and enricher.register else None
                result.place_sent = Party(None, written.group(1)) if written and entry is None else None
        elif block.role == "routing":
            places = _names(block, "placeName")
            spans = sorted((sp for sp in block.spans if sp.tag == "placeName" and not _inside_gloss(block, sp)),
                           key=lambda sp: sp.start)
            if len(spans) >= 2 and _PLACE_TO_PLACE.fullmatch(text, spans[0].end, spans[1].start):
                # "BEIJING - MOSCOW", "PEKING TO MOSCOW": from the one place to the other
                result.place_sent = result.place_sent or places[0]
                places = places[1:]
            found = _names_at(block)
            senders = {party.ref or party.written for party in result.senders}
            if places and found and not _ROUTED_TO.search(text) and all(
                    (party.ref or party.written) in senders for party, _, _ in found):
                # "PYONGYANG, SHTYKOV" over a telegram Shtykov signs: where he sends it from
                result.place_sent = result.place_sent or places[0]
                continue
            if places and result.place_received is None:
                result.place_received = places[0]
            elif not places and result.place_received is None and _ROUTED_TO.search(text) and not any(
                    sp.start == 0 for sp in block.spans if sp.tag in ("persName", "orgName")):
                # "HAVANA - TO ALEKSEEV": a place the register does not know, as written, before the addressee on
                # its line (a word in capitals alone, "DRAFT", "KOTOV", may be anything)
                written = _ROUTING_PLACE.match(text)
                if written and not (enricher.register and enricher.register.lookup(written.group(1))) and not any(
                        word.casefold() in _NOT_PERSON_WORDS or word.casefold() in ERRAND_WORDS
                        or word.casefold() in _TELEGRAM_MARKINGS for word in written.group(1).split()):
                    result.place_received = Party(None, written.group(1))
            # the place and the addressee on one line ("PYONGYANG - TO SHTYKOV", "BEIJING, TO KOVALEV FOR
            # GAO GANG"): each person as on a TO or FOR line of its own, by the last word before it
            preps = list(_ROUTED_TO.finditer(text))
            for party, start, _ in found:
                before = [prep for prep in preps if prep.end() <= start]
                if before:
                    (to_lines if before[-1].group(1).casefold() == "to" else for_lines).append(party)  # (for ... to)
                elif not preps:
                    routed.append(party)
            for prep, following in zip(preps, preps[1:] + [None]):
                # a person the register lacks, in capitals after TO ("BEIJING, TO KOTOV / for transmission to ...")
                limit = following.start() if following else len(text)
                if prep.group(1) == "TO" and not any(prep.end() <= start < limit for _, start, _ in found) and not any(
                        sp.tag in ("placeName", "orgName") and prep.end() <= sp.start < limit for sp in block.spans):
                    written = _written_addressee("TO " + text[prep.end():limit].strip())
                    if written is not None:
                        to_lines.append(written)
                elif len(prep.group(1).split()) > 1 and not any(  # ("for transmission to", not TO or FOR)
                        prep.end() <= start < limit for _, start, _ in found):
                    written = _written_recipient(block, prep.end(), text)  # "... for transmission to Fidel Castro."
                    if written is not None:
                        for_lines.append(written[0])
        elif block.role == "head":
            heading = _heading_parties(block)
            head_senders += heading[0]  # (of every heading line: an archive's title line and the heading)
            opening = block.text[:len(block.text) - len(block.text.lstrip(" \"“[("))]
            head_senders += [party for party, start, end in _names_at(block, "orgName") if start == len(opening)
                             and _STATEMENT_AFTER.match(block.text, end)]
            head_recipients += heading[1]
            head_intermediaries += heading[2]
            if heading[3] is not None and result.place_sent is None:
                result.place_sent = heading[3]
            if heading[4] is not None and result.place_received is None:
                result.place_received = heading[4]
    if not result.senders:
        result.senders.extend(head_senders)
    if not to_lines and not for_lines:
        # (with an intermediary the heading names, its recipients are as on a FOR line)
        to_lines, for_lines = (head_intermediaries, head_recipients) if head_intermediaries else (head_recipients, [])
    if not to_lines:
        # the person a telegram is routed to ("PYONGYANG, SHTYKOV") is addressed as on a TO line, when no
        # such line names one: the recipient, or the intermediary of the recipients a FOR line names
        to_lines = routed
    if not for_lines:
        for_lines = _relayed_to(message)
    if not for_lines and to_lines and head_recipients and head_intermediaries:
        # "Ciphered Telegram, Gromyko to Soviet Ambassador in Pyongyang (Razuvaev) for Kim Il Sung" over a
        # "TO RAZUVAEV" line: the heading's "for" names the recipient, the TO line the intermediary
        for_lines = head_recipients
    if for_lines:
        # (a person both on the TO line and in the relay formula, "TO GROMYKO" / "Transmit ... to Comrade
        # Gromyko:", is the recipient, not his own intermediary)
        recipients = {party.ref or party.written for party in for_lines}
        result.recipients = for_lines
        result.intermediaries = [party for party in to_lines if (party.ref or party.written) not in recipients]
    else:
        result.recipients = to_lines
    if not result.recipients:
        for block in message.top:
            if block.role == "salute":
                result.recipients.extend(_names(block))
    if not result.recipients:
        # a note verbale's addressee under its date: "To the Embassy of the United States of America" / "Moscow"
        for block in message.bottom:
            if block.role == "addressee":
                result.recipients.extend(_names(block) or _names(block, "orgName") or _written_body(block))
    if not result.senders or not result.recipients:
        # "The Ministry of Foreign Affairs of the USSR presents its compliments to the Embassy of ...": a note
        # verbale names both in its first sentence
        # (its first sentence, or the one under a letterhead left in the body)
        first, compliments = None, None
        for first in [item for item in message.body if isinstance(item, Block)][:2]:
            compliments = _COMPLIMENTS.match(_reading(first))
            if compliments:
                break
        if compliments:
            if not result.senders:
                result.senders.append(_written_party(first, compliments, "sender"))
            if not result.recipients:
                result.recipients.append(_written_party(first, compliments, "recipient"))
    for block in message.top + message.bottom:
        if block.role == "dateline" and result.place_sent is None:
            places = _names(block, "placeName")
            if places:
                result.place_sent = places[0]
            else:  # "Budapest, 2 November 1951": a place the register does not know, as written
                result.place_sent = _place_before_date(block, opening=block in message.top)
    # the sidecar's places where the text names none, linked to the register like the text's
    if result.place_sent is None and sidecar.place_sent:
        result.place_sent = _sidecar_place(enricher.register, sidecar.place_sent)
    if result.place_received is None and sidecar.place_received:
        result.place_received = _sidecar_place(enricher.register, sidecar.place_received)
    headings = [b for b in message.top if b.role == "head"]
    # last, a year the heading gives ("CIPHERED TELEGRAM No. 512, 1952"): the document's date to the year
    senders_lines = [b for b in message.top if b.role == "sender"]  # "From Beijing, sent 3 October 1950"
    # a record's heading dates the conversation, the document's date; the recorder's date under it is later
    record_date = (_conversation_date(headings) or _dated(message.top)) if message.kind == "record" else None
    numbered = [block for block in message.top if block.role == "number"]  # ("No. 1247, March 5, 1953, 8 p.m.")
    dated = record_date or _dated(message.bottom) or _dated(message.top) or _dated(
        numbered, any_role=True) or _dated(headings, any_role=True) or _sent_on(
        message.top + message.bottom) or _dated(_not_received(senders_lines), any_role=True) or _dated(
        headings, any_role=True, year_only=True)
    if dated is not None:
        date_span, block = dated
        # a date without a year ("June 30") takes it from the sidecar's date, if there is one, else from a
        # heading's or opener's date that has one ("Telegram from ..., 30 May 1954" over a closing "30 May")
        parts = date_span.data["parts"]
        result.date = enricher.resolve_date(parts, sidecar.date or "")
        if parts.year is None and not sidecar.date:
            for other in (_dated(message.top), _own_heading_date(headings)):
                if other is not None and other[0].data["parts"].year is not None:
                    # the same document's date written twice: the year that puts it nearest the other (a year
                    # alone, "CIPHERED TELEGRAM No. 512, 1952": that year)
                    known = enricher.resolve_date(other[0].data["parts"], "")
                    result.date = _nearest(parts, known) if len(known) == 10 else enricher.resolve_date(
                        replace(parts, year=int(known[:4])), "")
                    break
        result.date_parts = date_span.data["parts"]
        result.date_text = date_span.data.get("text", "")
        result.date_line = block.line
    elif sidecar.date:
        result.date = sidecar.date
    if through:
        keys = {party.ref or party.written for party in through}
        result.recipients = [party for party in result.recipients if (party.ref or party.written) not in keys]
        result.intermediaries += through
    result.senders = _unique(result.senders)
    if result.senders and not result.sender_gloss:
        result.sender_gloss = _heading_gloss(message.top, result.senders[0]) or _pseudonym_gloss(result.senders[0])
    result.recipients = _unique(result.recipients)
    result.intermediaries = _unique(result.intermediaries)
    return result


#: a sender line that names a place of one word: "From Mukden", "FROM PHENIAN"
_FROM_PLACE = re.compile(r"^(?:from|FROM|From)\s+([A-ZА-Я][\w'’\-]+)\.?$")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PLACE_WORDS = re.compile(r"[^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,2}")


def _place_before_date(block: Block, opening: bool = False) -> Party | None:
    """The place a date line names before its date and a comma ("Budapest, 2 November 1951"), if any; a date
    line that opens the document may name a place of two or three words ("Viet Bac, 30 December 1952")."""
    dates = [span.start for span in block.spans if span.tag == "date"]
    if not dates:
        return None
    place = block.text[:min(dates)].split(",")[0].strip()
    if not place[:1].isupper() or not _PLACE_WORDS.fullmatch(place) or place.casefold() in _WEEKDAYS:
        return None
    # one word, or a name in capitals (a place written as on a telegram); "Nie Rongzhen, 5 July" under the text
    # signs (a letter's first line is its place and date, no signature: "Viet Bac, ..."; not "Very Urgent, ...")
    if opening and (any(word.casefold() in _TELEGRAM_MARKINGS for word in place.split()) or any(
            span.tag in ("persName", "orgName") and span.start < min(dates) for span in block.spans)):
        return None
    return Party(None, place) if len(place.split()) == 1 or place.isupper() or opening else None


def _sidecar_place(register: Register | None, written: str) -> Party:
    """A place given by the sidecar, with its register entry if the register knows the form as a place."""
    entry = register.lookup(written) if register is not None else None
    return Party(entry if entry is not None and entry.kind == "place" else None, written)


def _unique(parties: list[Party]) -> list[Party]:
    seen, out = set(), []
    for party in parties:
        key = party.entry.id if party.entry else party.written.casefold()
        if key not in seen:
            seen.add(key)
            out.append(party)
    return out


def _own_heading_date(headings: list[Block]) -> tuple[Span, Block] | None:
    """The date a heading gives the document itself, at the end of its line after a comma ("Telegram from
    Zhou Enlai to Mao Zedong, 30 May 1954", "CIPHERED TELEGRAM No. 512, 1952"), not one its subject names
    ("REPORT on the events of 25 June 1950 on the 38th parallel")."""
    for block in headings:
        for span in block.spans:
            if span.tag == "date" and re.search(r",\s*$", block.text[:span.start]) and not block.text[
                    span.end:].split("\n")[0].strip(" .:\"”"):
                return span, block
    return None


def _nearest(parts: DateParts, anchor: str) -> str:
    """ISO 8601 for a yearless day and month in the year that puts it nearest the full date `anchor`
    ("1 June" under a heading of 31 May 1954: 1954-06-01; "2 January" under 30 December 1950: 1951-01-02)."""
    if parts.month is None or parts.day is None or len(anchor) < 10:
        return ""
    here = datetime.date.fromisoformat(anchor)
    options = []
    for year in (here.year - 1, here.year, here.year + 1):
        try:
            options.append(datetime.date(year, parts.month, parts.day))
        except ValueError:  # 29 February of a year that has none
            continue
    return min(options, key=lambda day: abs((day - here).days)).isoformat() if options else ""


def enrich(document: Document, register: Register | None, config: EditionConfig, sidecar: Sidecar) -> Correspondence:
    """Link names, resolve dates and find the correspondents; returns the correspondence for the header."""
    enricher = Enricher(register, config)
    blocks = list(document.blocks())
    for block in blocks:
        for span in block.spans:
            if span.tag == "date":
                span.data["text"] = read_zeros(block.text[span.start:span.end])  # as corrected: 0ctober
                span.data["before"] = block.text[max(0, span.start - 50):span.start]
        enricher.link_names(block)
    corresp = correspondence(document.message, enricher, sidecar)
    # each document of the transcription dates its own yearless dates (a reply under a telegram: its own)
    anchored = [(span, corresp.date) for block in document.message.blocks() for span in block.spans
                if span.tag == "date"]
    previous = corresp.date
    for message in document.following:
        found = correspondence(message, enricher, Sidecar())
        # a later document of the transcription (a reply, an attachment) is dated near the one before it: its
        # own date written without a year ("12 April" under 10 April 1952) takes the year that puts it nearest
        own = found.date or (_nearest(found.date_parts, previous) if found.date_parts else "") or previous
        anchored += [(span, own) for block in message.blocks() for span in block.spans if span.tag == "date"]
        previous = own
    dates = [span for span, _ in anchored]
    # a day the document also writes with its year ("20.6.51" in a table) gives a yearless mention its year
    written = {(p.month, p.day): w for p, w in ((s.data["parts"], enricher.resolve_date(s.data["parts"], ""))
                                                 for s in dates if s.data["parts"].year is not None) if w and p.day}
    for span, anchor in anchored:
        parts = span.data["parts"]
        known = written.get((parts.month, parts.day)) if parts.year is None else None
        if known and anchor and known > anchor:
            known = None  # an inferred year never puts a date after the document's own (schema rule)
        when = known or enricher.resolve_date(parts, anchor)
        if when and not known and parts.year is None and anchor and when[:4] < anchor[:4] and _looks_ahead(
                span.data.get("before", "")):
            # "not later than 25 October" in a telegram of 14 October: the year after the document's date,
            # which the rule never gives; the year before would be wrong. The year is left unsaid.
            when = ""
        if when and not known and parts.year is None and anchor and when[:4] < anchor[:4] and _days_after(
                parts, anchor) <= _NEAR_FUTURE_DAYS and not _points_back(span.data.get("before", "")):
            # "the sessions of 14-16 July" in a telegram of 13 July: days ahead, not a year back; unsaid too
            when = ""
        if when and parts.to is not None:
            # a range ("10-12 October 1950", "January 1-10"): both ends in the year of its last day
            last = enricher.resolve_date(parts.to, anchor)
            if parts.year is None and last:
                when = enricher.resolve_date(replace(parts, year=int(last[:4]), two_digit_year=False), "")
            if last and when <= last:
                span.attrs["from"], span.attrs["to"] = when, last
            when = "" if last else when
            if parts.year is None and last:
                span.attrs["resp"] = "#tei-edition"
                span.attrs["cert"] = "high" if last[:4] == anchor[:4] else _previous_year_cert(last, anchor)
        if when:
            span.attrs["when"] = when
            if parts.year is None:
                # the year is the toolkit's inference, not the author's: say who and how sure
                span.attrs["resp"] = "#tei-edition"
                span.attrs["cert"] = "high" if known or when[:4] == anchor[:4] else _previous_year_cert(when, anchor)
    document.date = corresp.date
    unregistered: list[tuple[int, str]] = []
    for block in blocks:
        for item in enricher.unregistered(block):
            if item not in unregistered:
                unregistered.append(item)
    document.meta["unregistered"] = unregistered
    return corresp
