"""Recognise the genre's structure in a transcription: heading, opener, body, embedded messages, closer.

The rules describe the genre (telegrams, cables and letters of diplomatic correspondence), never one
document: see docs/ENCODING.md for what each recognised part becomes in TEI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Block, Document, ListBlock, Message, PageBreak, Quote, Span, Speech
from .read import Source

# --- vocabulary of the genre -------------------------------------------------------------------------

_KINDS = [
    (r"cipher(?:ed)?\s+telegram|coded\s+telegram|encrypted\s+telegram", "ciphered-telegram"),
    (r"telegram", "telegram"),
    (r"cable(?:gram)?", "cable"),
    (r"radiogram", "radiogram"),
    (r"letter", "letter"),
    (r"memorandum|memo", "memorandum"),
    (r"message", "message"),
    (r"note(?:\s+verbale)?", "note"),
    (r"report", "report"),
    (r"record\s+of\s+(?:a\s+)?conversation|minutes", "record"),
    # a public statement: "TASS STATEMENT", "Communiqué", "Declaration of the Government of ..."
    (r"(?:(?-i:[A-Z]{2,})\s+)?(?:statement|communiqu[eé]|declaration)", "statement"),
    # a decision of a party or state body, or an extract from the protocol that records one
    (r"decision|resolution|decree|directive|(?:extract|excerpt)\s+from\s+(?:the\s+)?(?:protocol|minutes)", "decision"),
]
_KIND_RE = "|".join(f"(?:{p})" for p, _ in _KINDS)
#: "NO." in a text in capitals, with its dot (without one it is the word)
_NUMBER_SIGN = r"(?:No\.?|NO\.|Nr\.?|Nº|N°|№|#)"
#: what may follow a heading's kind and number on its line: the parties ("Telegram from Shtykov to
#: Vyshinsky", "Cable No. 118 from Beijing", "Note of the Embassy ... in Pyongyang"), ending in a name, a gloss or a date, never a lower-case word
#: (a body sentence: "Telegram from Mao Zedong received"); the subject ("REPORT on the situation in
#: Korea"); a date or year ("No. 512, 1952", "No. 95 of 3 October 1950")
#: the words that open the subject an editor's title gives after its parties and date ("..., on the rotation of
#: forces"); enrich cuts the parties there (SUBJECT_AFTER_PARTIES)
_SUBJECT_WORDS = r"(?:on|about|concerning|regarding|conveying|reporting|with)"
SUBJECT_AFTER_PARTIES = re.compile(rf",\s*{_SUBJECT_WORDS}\s+(?-i:[a-z])", re.IGNORECASE)
_HEADING_TAIL = (r"(?P<tail>(?:\s*,\s*|\s+)(?:(?:from|to|of|by)\s+(?:(?:the|Comrade|Cde\.)\s+)?(?-i:[A-Z\[(])\S*"
                 r"(?:[^!?;]{0,100}\s(?-i:[A-Z\[(])\S*|[^!?;]{0,100}\d\d\.?)?"
                 # an editor's title goes on with the subject after the date: "..., 1 March 1951, on the rotation ..."
                 rf"(?:,\s*{_SUBJECT_WORDS}\s+[^!?;]{{3,120}})?"
                 # the archive's title line: "Ciphered Telegram, Matveev (Zakharov) to the Ambassador ..."
                 r"|(?<=,\s)(?-i:[A-Z])[\w'’.\-]+(?:\s+[(\[]?[\w'’.\-]+[)\]]?){0,3}\s+to\s+(?-i:[A-Z])[^!?;]{0,100}"
                 # (a dot between digits is no sentence's end: "as of 06.00 on 14 March")
                 r"|(?:on|about|concerning|regarding)\s+(?:[^.!?;]|(?<=\d)\.(?=\d)){3,100}"
                 r"|for\s+the\s+(?:record|files?)"  # "MEMORANDUM FOR THE RECORD"
                 # its author, then the subject: "Report of the chief military adviser on the condition of the army"
                 r"|of\s+the\s+[^.!?;,]{3,80}?\s(?:on|about|concerning|regarding)\s+[^.!?;]{3,100}"
                 r"|(?:of|at)\s+the\s+(?:session|meeting|sitting)\s+[^!?;]{3,100}"
                 r"|(?:of\s+|dated\s+)?[\w .]{0,20}?(?:1[6-9]|20)\d\d\.?))?")
HEADING = re.compile(
    rf"^(?=[^\W\d_])(?-i:(?=[A-ZА-Я]))(?P<kind>{_KIND_RE})(?:\s+(?P<sign>{_NUMBER_SIGN})\s*(?P<num>[\w/.\-]*\w))?{_HEADING_TAIL}\s*[.:]?$",
    re.IGNORECASE
)
#: a heading's line that goes on with the name of a body: "of the CC VKP(b)", "of the Central Committee ...",
#: "of the session of the Politburo ..."
_HEADING_WRAP = re.compile(r"^of\s+(?:the\s+)?(?:(?-i:[A-ZА-Я])|[0-3]?\d\s+(?-i:[A-Z])[a-z]+\s+\d{4}\.?$|"
                           r"(?:\w+\s+)?(?:session|meeting|sitting|plenum)\s+of\s)")
#: an editor's title naming the author first: "Mao Zedong's cable to Stalin, 13 October 1950, ..."
POSSESSIVE_HEADING = re.compile(
    r"^(?P<author>(?-i:[A-ZА-Я])[\w.’'-]*(?:\s+(?-i:[A-ZА-Я(])[\w.’'()-]*){0,4})['’]s\s+"
    r"(?P<kind>(?:ciphered\s+|coded\s+)?(?:cable|telegram|letter|message|note|report|memorandum))\s+(?:to|for)\s+"
    r"(?-i:[A-ZА-Я])[^!?;]{0,160}$", re.IGNORECASE)
#: the number a published collection gives a document: "DOCUMENT No. 27", "Document 12"
_COLLECTION_NUMBER = re.compile(r"^(?:DOCUMENT|Document)\s+(?:No\.?\s*)?\d{1,4}\.?$")
#: a party letterhead's slogan above a decision: "Proletarians of all countries, unite!"
_SLOGAN = re.compile(r"^(?:proletarians|workers)\s+of\s+(?:all\s+(?:the\s+)?countries|the\s+world),?\s+unite!?$",
                     re.IGNORECASE)
#: a line naming whom the telegram is to be passed on to: "For immediate transmission to MAO ZEDONG."
#: what is done to a message for its recipient, in "for (immediate) transmission to": enrich reads these too
TRANSMISSION_WORDS = r"(?:(?:immediate|urgent|personal|immediate\s+personal)\s+)?(?:transmission|delivery|forwarding)"
#: "for (immediate) transmission to" before a name, at a line's start or inside it; it ends where the name begins
FOR_TRANSMISSION = re.compile(rf"\bfor\s+{TRANSMISSION_WORDS}\s+to\s+(?=\S)", re.IGNORECASE)
#: names and what joins them, to the end of the line: "MAO ZEDONG or ZHOU ENLAI.", "Comrade Kim Il Sung"
# (the words parted by blanks or commas: a run of capitals must not split into "words" in many ways)
_NAME_WORD = r"(?:Comrades?|Cdes?\.|and|or|[A-ZА-Я][\w'’.-]*)"
_NAMES_ONLY = re.compile(rf"{_NAME_WORD}(?:[ \t,]+{_NAME_WORD})*[ \t,]*[.;:]?")
#: a line of an archive page's metadata: "Title: ...", "Original language: Russian"
_METADATA_LINE = re.compile(r"^[A-Z][A-Za-z'’ ]{1,30}:\s+\S")
#: the addressee under a note verbale's closing date: "To the Embassy of the United States of America"
_ADDRESSED_BODY = re.compile(r"^To\s+the\s+(?:Embassy|Legation|Ministry|Mission|Government|Consulate|"
                             r"People's\s+Commissariat)\b[^.!?]{0,120}$")
#: the diary a record is taken from: "From the diary of N. V. Roshchin", "From the journal of ..."
_DIARY_OF = re.compile(r"^From\s+the\s+(?:diary|journal|notebook|working\s+notes)\s+of"
                       r"(?:\s+(?:[A-ZА-Я][\w'’.-]*|(?-i:[a-z]{1,3})\b)){1,6}\s*[.:]?$", re.IGNORECASE)
#: a subject line in a memorandum's or report's head: "Subject: ...", "Re: ..."
_SUBJECT_LINE = re.compile(r"^(?:Subject|Re|Concerning|Regarding)\s*:\s*\S", re.IGNORECASE)
#: a record's heading on one line, with its participants and date: "RECORD OF CONVERSATION between Comrade
#: Stalin and Zhou Enlai, 20 August 1952", "Memorandum of Conversation with ..."
RECORD_HEADING = re.compile(
    r"^(?P<kind>(?:record|memorandum|minutes)\s+of\s+(?:a\s+|the\s+)?(?:conversation|talks?|meeting)s?)"
    # the participants on its line, or on the lines below it ("MEMORANDUM OF CONVERSATION" / "of Comrade ...")
    r"(?:,?\s+(?:between|with|of|at|in|by)\s+\S|\s*[.:]?$)", re.IGNORECASE)
#: a number with the date after it on a heading's line: "No. 1247, March 5, 1953, 8 p.m.", "NO: 1247, ..."
_NUMBER_AND_DATE = re.compile(rf"^(?:{_NUMBER_SIGN}|NO(?=:))\s*:?\s*\d[\w/.\-]*(?:\s*,\s*|\s+(?i:of|dated)\s+)")
#: a protocol's number alone on its line, as the Politburo's extracts print it: "P78/162"
BARE_PROTOCOL_NUMBER = re.compile(r"[PП]\d{1,3}/\d{1,4}\.?")
NUMBER_LINE = re.compile(rf"^(?:Outgoing\s+|Incoming\s+|Ref\.?\s+)?(?P<sign>{_NUMBER_SIGN}|NO(?=\s*\d{{3}}))\s*(?P<num>(?=[\w/.\-]*\d)[\w/.\-]*\w)\s*\.?$")
_SECURITY_CORE = {"secret", "priority", "urgent", "special", "confidential", "personal", "immediate", "classified"}
_SECURITY_WORDS = _SECURITY_CORE | {
    "top", "strictly", "highly", "most", "very", "extremely", "absolutely", "file", "folder", "only",
    "eyes", "for", "your", "importance", "of", "and", "copy", "no", "flash", "state",
    # Russian security lines left untranslated in a transcription
    "osobaya", "papka", "strogo", "sekretno", "строго", "секретно", "совершенно", "особая", "папка", "срочно", "вне", "очереди", "экз",
}
_SECURITY_CORE |= {"секретно", "срочно", "особая"}
COPY_NUMBER = re.compile(rf"^(?:Copy|Экз\.?)\s*{_NUMBER_SIGN}?\s*\d+(?:\s+of\s+\d+(?:\s+copies)?)?\s*\.?$",
                         re.IGNORECASE)
ADDRESSEE = re.compile(r"^(?P<prep>TO|FOR|ATTN\.?|ATTENTION)\s*:?\s+(?P<rest>\S.*?)\s*[.:;,!]?$", re.IGNORECASE)
#: a letter addressed to an office, the holder's name often on the next line: the line names an office
#: and is not the start of a sentence ("To the Soviet Government's proposal we reply ...")
ADDRESSED_OFFICE = re.compile(
    r"^(?:TO|To)\s+(?i:the)\s+(?=(?:[^.!?;’']|(?i:people)[’']s){0,110}$)(?:[^.!?;’']|(?i:people)[’']s)*?"
    r"\b(?i:chairman|chairmen|minister|ministers|ministry|commissar|commissariat|"
    r"committee|council|government|presidium|politburo|secretary|ambassador|embassy|premier|president|"
    r"commander|headquarters|bureau|department|staff|party|assembly|command)\b")
SENDER = re.compile(r"^(?P<prep>FROM)\s*:?\s+(?P<rest>\S.*?)\s*[.:;,]?$", re.IGNORECASE)
#: "Sent 03:40 5.6.51", "Received in Moscow on 6.6.51 at 10:15": the time or date comes at once, after at most
#: a place or a preposition ("Received your telegram of 3 October" is a sentence of the body)
TRANSMISSION = re.compile(
    r"^(?:sent|received|dispatched|delivered|deciphered|transmitted)\b[:.]?"
    r"(?:\s+(?:from|at|on|in|by|via|through)(?:\s+(?-i:[A-Z])[\w.-]*){0,2})*\s+[(\[]?\d", re.IGNORECASE)
#: an archival citation without "Source:": an archive's name or abbreviation, then its fond ("AVP RF, fond 059a,
#: opis 1, ...", "APRF, f. 45, op. 1, d. 334", "Archive of the President of the Russian Federation, fond 45")
_ARCHIVE_CITATION = (r"\[?[ \t]*(?:(?-i:[A-Z][A-Za-z]{1,7})(?:[ \t](?-i:RF|SSSR|USSR))?|Archive[ \t]+of[ \t][^,\n]{3,90}?)"
                     r"[ \t]*,[ \t]*(?:f\.|fond\b|fonds\b)[ \t]*(?:No\.?[ \t]*)?[A-ZА-Я]?-?\d")
#: lines under the closing lines that open a postscript, a source citation or a translator's footnote ("1 The
#: telegram of ...", "* The letter follows ..."); a footnote's number or asterisk is followed by text
TRAILER = re.compile(
    r"(?P<postscript>P\.[ \t]?S\.|PS\.|Postscript\b|Post-scriptum\b)|"
    rf"(?P<source>\[?[ \t]*Source[ \t]*:|{_ARCHIVE_CITATION}|"
    # the translator's credit: "Translated by Chen Jian.", "Translated from the Russian for CWIHP by ..."
    r"(?P<translator>\[?[ \t]*(?:translated|translation)(?:[ \t]*:|(?:[ \t]+(?:from|into)[ \t]+(?:the[ \t]+)?[\w-]+)?"
    r"(?:[ \t]+for[ \t]+[^.!?\n]{1,40}?)?[ \t]+by\b)))|"
    r"(?P<enclosure>(?:attachment|enclosure|appendix|annex)s?(?:[ \t]+No\.?[ \t]*\d+)?[ \t]*:[ \t]*\S)|"
    r"(?P<footnote>(?:\d{1,2}\.?[ \t]+|\*{1,3}[ \t]*|\[\d{1,2}\][ \t]*|\d{1,2}\)[ \t]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}[ \t]*)"
    r"[\"“]?[^\W\d_])|"
    r"(?P<note>\[?[ \t]*(?:(?:transcriber|translator|editor|compiler)[’']?s[ \t]+note|note[ \t]+of[ \t]+the[ \t]+"
    r"(?:transcriber|translator|editor|compiler))\b)",
    re.IGNORECASE,
)
#: a footnote's own mark, "[1]" or "1)", which no copy list uses
_NOTE_MARK = re.compile(r"\[\d{1,2}\]|\d{1,2}\)")
#: a footnote numbered with a dot, a sentence after it ("3. See Document No. 11."), not a copy list's item
#: ("1. Cde. Stalin")
_DOTTED_NOTE = re.compile(r"\d{1,2}\.[ \t]+(?=(?:See|Cf\.|Ibid|Translated|Source)\b|.*\b[a-z]{3,}\b)(?:\S+[ \t]+){3,}\S")
_SOURCE_LINE = re.compile(rf"\[?[ \t]*Source[ \t]*:|{_ARCHIVE_CITATION}", re.IGNORECASE)
#: how many lines a postscript, source citation or footnote may run to
_MAX_TRAILER_LINES = 15
#: a year closing a heading's first line: "CIPHERED TELEGRAM No. 512, 1952"
_HEADING_YEAR = re.compile(r"(?:,|\s(?:of|dated))\s*(?P<year>(?:1[6-9]|20)\d\d)\.?[\"”]?$", re.MULTILINE)
#: a line that ends in initials or an abbreviation, not a sentence: "Translated by J. Smith", "Dept."
_INITIALS_END = re.compile(r"(?:\b[A-Z]|\b(?:Dept|Gen|Col|Ltd|Inc|Co|No))\.$")
#: a subject after a heading's kind: "REPORT on the situation ..."
SUBJECT_TAIL = re.compile(r"\s*,?\s*(?:(?:on|about|concerning|regarding)\s|for\s+the\s+(?:record|files?)\b)", re.IGNORECASE)
#: a heading's subject on the line below it: "on the situation in North Korea, August 1950"
_HEADING_SUBJECT = re.compile(r"^(?:on|about|concerning|regarding)\s+(?:the\s+)?\S")
#: an addressee that is a body: "TO THE CC VKP(b)", "To the Politburo"
_TO_THE = re.compile(r"^(?:TO|FOR)\s+THE\s", re.IGNORECASE)
#: a line that continues a signatory's office ("Chairman of the Cabinet of Ministers" / "of the DPRK")
_ROLE_CONTINUATION = re.compile(r"^(?:of|for|to|in|at|on|and|with)\s[^.!?]{0,90}$")
#: an office above or before a signature, after up to three words such as USSR, Soviet, Acting
_ROLE_OPENING = re.compile(
    r"^(?:(?-i:[A-Z]{2,}|[A-Z][a-z]+)\s+){0,3}"
    r"(?:chairman|ambassador|minister|secretary|premier|commander|deputy|head|chief|representative|"
    r"president|plenipotentiary|adviser|advisor|administrator|director|member|attaché|attache|"
    r"charg[ée]\s+d['’]affaires|counsell?or|consul|marshal|colonel|manager)\b",
    re.IGNORECASE,
)
SIGNATORY_ROLE = re.compile(_ROLE_OPENING.pattern + r"(?:[^.!?]|(?<=\s)a\.i\.){0,90}$", re.IGNORECASE)
#: the verbs of a relay formula, of an errand to visit the recipient, and of one to tell him (enrich reads
#: the recipients after them)
RELAY_VERBS = r"transmit|pass\s+on|pass|convey|forward|hand\s+over|deliver|relay|communicate"
VISIT_VERBS = r"visit|see|call\s+on|meet"
TELL_VERBS = r"tell|inform|notify|give|hand|read(?:\s+out)?(?:\s+to)?"
#: the first words of those: a routing line that opens with one is an errand, not a place ("PASS TO ...")
ERRAND_WORDS = frozenset({"transmit", "pass", "convey", "forward", "hand", "deliver", "relay", "communicate", "visit", "see",
                          "call", "meet", "tell", "inform", "notify", "give", "read"})
RELAY = re.compile(
    rf"^(?:Please\s+)?(?:(?:{RELAY_VERBS})\b.*\b(?:to|following)\b"
    # an errand whose message follows: "Tell Mao Zedong the following:", "Visit Zhou Enlai and tell him as follows"
    # (a name or a title after the verb: "Inform us of the following:" asks no errand)
    rf"|(?:{TELL_VERBS}|{VISIT_VERBS})\s+(?!(?:us|me|him|her|them|you|all|our|your|the)\b)(?-i:[A-ZА-Я])[^.!?]*"
    r"\b(?:the\s+following(?:\s+\w+){0,2}|as\s+follows)[:.]?$)",
    re.IGNORECASE,
)
#: the greeting before a salutation's title or name: "Dear", "Deeply respected", "Dear and deeply respected"
_GREETING = (r"(?:my\s+)?(?:(?:deeply|highly|much|most|very|dearly|greatly)\s+)?(?:dear|esteemed|respected|beloved|honou?red)"
             r"(?:\s*,?\s+and\s+(?:(?:deeply|highly|much|most|very|dearly|greatly)\s+)?"
             r"(?:dear|esteemed|respected|beloved|honou?red))?")
_GREETING_START = re.compile(rf"^[\"“„«‘']?{_GREETING}\s", re.IGNORECASE)
SALUTE = re.compile(
    rf"^[\"“„«‘']?(?:(?:{_GREETING}\s+)?"
    r"(?:comrades?|cdes?\.|mr\.|mister|sir|sirs|"
    r"gentlemen|chairman|premier|marshal|general|ambassador)\b.{0,60}"
    # "Dear Iosif Vissarionovich,": a name after the greeting, no title
    rf"|{_GREETING}\s+(?-i:[A-ZА-Я])[\w'’\-]+(?:\s+(?-i:[A-ZА-Я])[\w'’\-]+){{0,2}})"
    r"[!,]$",
    re.IGNORECASE,
)
VALEDICTION = re.compile(
    r"^(?:with\s+(?:\w+\s+){0,2}(?:greetings|regards|respect|salutations|wishes)(?:\s+and\s+(?:\w+\s+){0,2}\w+)?|"
    r"(?:best|kind|warm|warmest|fraternal|comradely|cordial)\s+(?:regards|greetings|wishes)|cordially|comradely\s+yours|"
    r"(?:i\s+)?(?:firmly\s+|warmly\s+)?(?:shake|press)\s+your\s+hand|greetings|regards|"
    r"(?:respectfully|sincerely|faithfully|truly)(?:\s+yours)?|fraternally\s+yours|yours(?:\s+(?:faithfully|sincerely|truly|respectfully|ever))?|"
    r"best\s+wishes|"
    # "Wishing you good health,"; "Your Kim Il Sung" (the signature goes on after "Your")
    r"wishing\s+you\s+[^.!?,]{3,40}|(?-i:Your)(?=\s+(?-i:[A-ZА-Я][a-zа-я])))\s*[.,!]?",
    re.IGNORECASE,
)
INSTRUCTION = re.compile(
    r"^(?:please\s+)?(?:confirm|acknowledge|telegraph|report|inform|wire|cable|communicate|notify)\b[^.!?]{0,70}[.!]?$",
    re.IGNORECASE,
)
DISTRIBUTION = re.compile(
    r"^(?:cop(?:y|ies)\s*(?:to|:|-|–)|copied\s+to\b|copies\b|distribut(?:ed|ion)\b|sent\s+to\b|to\s+be\s+sent\b|circulated\b|"
    r"cc\s*:|(?:printed|typed)\s+in\s+\d+|(?:printed|typed|made|prepared)\s+(?:in\s+)?\d+\s+cop|\d+\s+cop(?:y|ies)\b|copy\s+no\.?\s*\d+\s*[-–—:,]\s*\S)",
    re.IGNORECASE,
)
COPY_ITEM = re.compile(r"^\d{1,2}\s*[-–—.)]\s*\S")
#: a page-number line: "- 2 -", "Page 2", "Page 2 of 4", "p. 2"
PAGE_NUMBER = re.compile(r"^(?=[-–—]\s*\d{1,4}\s*[-–—]$|(?:Page|PAGE|p\.|Стр\.)\s*\d{1,4}(?:\s+(?:of|из)\s+\d{1,4})?\.?$)"
                         r"\D*(?P<n>\d{1,4})")
ITEM = re.compile(r"^(?:\((?P<p>\d{1,2}|[a-z])\)|(?P<n>\d{1,2}|[a-z])[.)])\s+\S")
_NOT_NAMES = _SECURITY_WORDS | {"no", "end", "copy", "the", "and", "to", "for", "from", "of", "stop", "attention"}

#: a line that cannot end a sentence: it ends in a preposition, an article, a conjunction or a form of "to be"
#: (in ordinary case, or in a teletype's capitals: "... REPORT NO. 17 OF THE")
_ENDS_WITH_FUNCTION_WORD = re.compile(r"\b(?:of|the|to|by|for|with|and|from|in|on|at|a|an|or|that|than|via|is|are|was|"
                                      # (in capitals not those that may end a teletype's sentence: "DUG IN", "... ARE")
                                      r"were|be|OF|THE|TO|BY|FOR|WITH|AND|FROM|ON|AT|AN|OR|THAN|VIA|BE)$")
#: a line that the next goes on from: it ends in a preposition, an article or a title ("... of the", "... Comrade")
_ENDS_WITH_LINK_WORD = re.compile(r"\b(?:of|from|to|for|with|by|and|the|comrades?|cdes?\.)$", re.IGNORECASE)
_OPEN_QUOTES = "“„«‘"
_CLOSE_QUOTES = "”»"
_ALL_QUOTES = '"“”„«»'
_TRAILING = " \t.,;:!?\"“”»’'"

# --- dates ---------------------------------------------------------------------------------------------

_MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12}
_MONTH_FORMS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December", "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"] + [
    # abbreviated, with its dot or without ("16 Jan 1951"; not "Sep-" / "tember" at a line's end)
    rf"{abbreviation}(?:\.|(?![\w-]))" for abbreviation in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept?",
                                                         "Oct", "Nov", "Dec")]
_MONTH = "(?P<month>" + "|".join(_MONTH_FORMS) + ")"
#: a unit's name after "2d", "3d": "March 3d Division" names no date
_UNIT_AFTER = r"\s+(?:Division|Battalion|Army|Corps|Regiment|Brigade|Marines|Infantry|Fleet|Company|Squadron|Group|Wing)\b"
_DAY = rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th|(?<=[23])d(?!\w|{_UNIT_AFTER}))?"  # ("March 3d, 1953", "June 22d the")
_ROMAN_MONTH = "XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"
_YEAR4 = r"(?P<year>1[6-9]\d\d|20\d\d)"
# A pattern that opens with a character (or a choice of literals) lets the scan skip quickly to where it can
# match. So the patterns that must not follow a word character or a dot open with the first character of
# the date and look behind it from there: a month name "J(?<![\w.]J)anuary", a day "[0-3]?\d" written as
# a digit and, only after 0 to 3, a second one.
_YEAR_PREPOSITIONS = ["in", "for", "of", "since", "until", "till", "by", "from", "during", "before", "after"]
_LONGEST_PREPOSITION = max(len(word) for word in _YEAR_PREPOSITIONS)
_MONTH_OPENING = "(?P<month>" + "|".join(rf"{form[0]}(?<![\w.]{form[0]}){form[1:]}" for form in _MONTH_FORMS) + ")"
_DAY_NUMBER_OPENING = r"(?P<day>\d(?<![\w.]\d)(?:(?<=[0-3])\d)?)"
#: a word character after a date, which would make it part of a word: not a footnote's superscript ("2 October¹")
_WORD = r"[^\W¹²³⁴⁵⁶⁷⁸⁹⁰]"
DATE_PATTERNS = [
    re.compile(rf"{_DAY_NUMBER_OPENING}(?:st|nd|rd|th|(?<=[23])d)?\s+{_MONTH}(?:,?\s+{_YEAR4})?(?!{_WORD})"),
    re.compile(rf"{_MONTH_OPENING}\s+{_DAY}(?:,?\s+{_YEAR4})?(?!{_WORD})"),
    re.compile(rf"{_MONTH_OPENING}\s+{_YEAR4}(?!{_WORD})"),
    re.compile(rf"{_DAY_NUMBER_OPENING}\.(?P<nmonth>[01]?\d)\.(?P<year>\d{{4}}|\d{{2}})(?!{_WORD}|\.\d)"),
    # the month in Roman numerals between dots or slashes: 21.XI.51, 5/VI/51
    re.compile(rf"{_DAY_NUMBER_OPENING}(?P<rsep>[./])(?P<rmonth>{_ROMAN_MONTH})(?P=rsep)"
               rf"(?P<year>\d{{4}}|\d{{2}})(?!{_WORD})"),
    re.compile(rf"(?=[abdfiostu])(?P<pre>\b(?:{'|'.join(_YEAR_PREPOSITIONS)})\s+){_YEAR4}(?!{_WORD}|/)"
               r"(?!(?:[-–—]\d{2,4})?\s*(?:hours|hrs|h)\b)", re.IGNORECASE),  # (not "during 1930-1945 hours")
    # the year first, as Chinese documents write it: 1950.10.2
    re.compile(rf"(?<![\w.])(?P<year>(?:1[6-9]|20)\d\d)\.(?P<nmonth>[01]?\d)\.(?P<day>[0-3]?\d)(?!{_WORD}|\.\d)"),
    # "the 10th of November 1951"
    re.compile(rf"{_DAY_NUMBER_OPENING}(?:st|nd|rd|th)\s+of\s+{_MONTH}(?:,?\s+{_YEAR4})?(?!{_WORD})"),
    # the month in Roman numerals between blanks or dashes, or dots with a blank: 3 III 53, 3-III-1953, 3. III. 53
    re.compile(rf"{_DAY_NUMBER_OPENING}(?P<rsep>\.[ \t]|[ \t]|-)(?P<rmonth>{_ROMAN_MONTH})(?P=rsep)"
               rf"(?P<year>\d{{4}}|\d{{2}})(?!{_WORD}|[.:]\d)"),
    # the year first, the month in Roman numerals: 1953.III.3
    re.compile(rf"(?<![\w.])(?P<year>(?:1[6-9]|20)\d\d)\.(?P<rmonth>{_ROMAN_MONTH})\.(?P<day>[0-3]?\d)(?!{_WORD}|\.\d)"),
    # the year first, slashes between: 1951/6/5 (never the day first: 5/6/1951 may be June or May)
    re.compile(r"(?<![\w./])(?P<year>(?:1[6-9]|20)\d\d)/(?P<nmonth>[01]?\d)/(?P<day>[0-3]?\d)(?![\w/]|\.\d)"),
    # the year, the month's name, the day: 1953 March 3
    re.compile(rf"(?<![\w.])(?P<year>(?:1[6-9]|20)\d\d)\s+{_MONTH}\s+{_DAY}(?!{_WORD}|[.,:]\d|\s+[a-z])"),
]
#: a day, a blank, dash or dot and blank, a Roman numeral: where the scan for 3 III 53 may start
_ROMAN_QUICK = re.compile(r"\d{1,2}(?:[ \t-]|\.[ \t])[IVX]")  # (the leftmost match starts at the day's first digit)



_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")
_MONTH_QUICK = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC")
#: a digit, a dot (or slash), a digit or Roman numeral: led by its dot, which the scan finds quicker than a digit
_DOTTED_QUICK = re.compile(r"[./](?<=\d[./])[\dIVX]")
_YEAR_QUICK = re.compile(r"(?:1[6-9]|20)\d\d")


@dataclass
class DateParts:
    """A date read from text: year may be None (to be resolved against the document's date)."""

    year: int | None
    month: int | None
    day: int | None
    two_digit_year: bool = False
    #: the last day (or year) of a range ("10-12 October 1950", "1950-1951"); these parts are its first
    to: DateParts | None = None


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return False
    lengths = [31, 29 if (year is None or year % 4 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]


def _parts(match: re.Match) -> DateParts | None:
    groups = match.groupdict()
    year = groups.get("year")
    two_digit = bool(year) and len(year) == 2
    year_value = int(year) if year else None
    month = None
    if groups.get("month"):
        if groups["month"] in ("MAY", "MARCH") and not year:
            return None  # "THE OTHER 20 MAY BE SENT", "WILL MARCH 30 KILOMETRES": verbs, in capitals
        month = _MONTH_NAMES[groups["month"].rstrip(".").lower()]
    elif groups.get("nmonth"):
        month = int(groups["nmonth"])
    elif groups.get("rmonth"):
        month = _ROMAN[groups["rmonth"]]
    day = int(groups["day"]) if groups.get("day") else None
    if month is not None and day is not None and not _valid_day(None if two_digit else year_value, month, day):
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    return DateParts(year_value, month, day, two_digit)


def _first_digit(text: str) -> int:
    """Offset of the first digit in `text`, -1 if none (in ASCII text a digit is 0-9: a quicker test)."""
    digit = (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text)
    return -1 if digit is None else digit.start()


def find_dates(text: str) -> list[tuple[int, int, DateParts]]:
    """Every date expression in `text` as (start, end, parts), non-overlapping, longest first."""
    return _dates_across_brackets(text, _first_digit(text))


_BRACKETS_AS_BLANKS = str.maketrans("[]", "  ")


def _dates_across_brackets(text: str, first_digit: int) -> list[tuple[int, int, DateParts]]:
    """_dates_from, reading a date through the transcriber's brackets in it ("2 January [1950]", "[20 October
    1950]"): a date holds a bracket whole, or lies inside one."""
    if "[" not in text:
        return _dates_from(text, first_digit)
    found = []
    for start, end, parts in _dates_from(text.translate(_BRACKETS_AS_BLANKS), first_digit):
        while text[start] == " " and start < end:
            start += 1
        opened = text.count("[", start, end) - text.count("]", start, end)
        if opened > 0 and text.startswith("]", end):
            end += 1  # "2 January [1950]": the bracket closes right after the year
        elif opened < 0 and start and text[start - 1] == "[":
            start -= 1  # "[2] January 1950"
        seg = text[start:end]
        if seg.count("[") == seg.count("]") and seg.find("]") >= seg.find("["):
            found.append((start, end, parts))
    return found


def _dates_from(text: str, first_digit: int) -> list[tuple[int, int, DateParts]]:
    """find_dates, given where the first digit is."""
    found = []
    if first_digit < 0:
        return found  # every date form of the genre has a digit
    # Cheap scans decide which of the date patterns can match at all, and from where: a pattern that
    # opens with a digit or a month name cannot match before the first of them (its look-behind still
    # sees the text before).
    wanted = []
    month = _MONTH_QUICK.search(text)
    if month:
        wanted += [(DATE_PATTERNS[0], first_digit), (DATE_PATTERNS[1], month.start()),
                   (DATE_PATTERNS[2], month.start()), (DATE_PATTERNS[7], first_digit)]
    if month:
        wanted.append((DATE_PATTERNS[11], first_digit))
    if _DOTTED_QUICK.search(text, first_digit):
        wanted += [(DATE_PATTERNS[3], first_digit), (DATE_PATTERNS[4], first_digit), (DATE_PATTERNS[6], first_digit),
                   (DATE_PATTERNS[9], first_digit), (DATE_PATTERNS[10], first_digit)]
    roman = _ROMAN_QUICK.search(text, first_digit)
    if roman:
        wanted.append((DATE_PATTERNS[8], roman.start()))
    year = _YEAR_QUICK.search(text, first_digit)
    if year:
        # "in 1950": the preposition ends where the blanks before the first possible year begin
        blanks_start = len(text[:year.start()].rstrip())
        wanted.append((DATE_PATTERNS[5], max(0, blanks_start - _LONGEST_PREPOSITION)))
    for pattern, scan_from in wanted:
        for match in pattern.finditer(text, scan_from):
            parts = _parts(match)
            if parts is not None:
                start = match.end("pre") if "pre" in pattern.groupindex else match.start()
                found.append((start, match.end(), parts))
    found.sort(key=lambda f: (f[0], -f[1]))
    result, last = [], -1
    for item in found:
        if item[0] >= last:
            result.extend(_with_range(text, item, last))
            last = result[-1][1]
    return _date_to_date(text, result) if len(result) > 1 else result


#: a verb of moving a date, before "from A to B": the two are the old date and the new, no range
_MOVED = re.compile(r"\b(?:postpone[sd]?|moved?|moving|transferred|shifted|changed|advanced|put\s+off|brought\s+forward|"
                    r"rescheduled|delayed)\s+(?:\w+\s+){0,6}from\s+$", re.IGNORECASE)
#: what joins the two ends of a range written as two dates: "27 November - 3 December", "December 1952 to March 1953"
_RANGE_JOIN = re.compile(r"[ \t]*[-–—][ \t]*|\s+(?:to|till|until|TO|TILL|UNTIL)\s+")


def _date_to_date(text: str, dates: list[tuple[int, int, DateParts]]) -> list[tuple[int, int, DateParts]]:
    """Two dates joined as a range ("27 November - 3 December", "December 1952 to March 1953") as one range:
    the first to the same precision as the second, the second later, neither a range itself."""
    merged = [dates[0]]
    for item in dates[1:]:
        start, end, first = merged[-1]
        _, last_end, last = item
        if first.to is None and last.to is None and first.month is not None and last.month is not None and (
                (first.day is None) == (last.day is None)) and (first.year is None or last.year is not None) and (
                _RANGE_JOIN.fullmatch(text, end, item[0])) and not (
                _MOVED.search(text, max(0, start - 40), start) and "to" in text[end:item[0]].casefold()):
            # (not "postponed from 15 August to 1 September": two dates, the old and the new)
            year = first.year if first.year is not None else last.year
            if year is not None and first.year is None and (first.month, first.day or 0) > (last.month, last.day or 0):
                if first.month - last.month < 9:
                    merged.append(item)  # "10 June - 12 May 1950": no range runs backwards
                    continue
                year -= 1  # "27 December - 3 January 1951": the first end in the year before
            if (year, first.month, first.day or 0) < (last.year if last.year is not None else year, last.month,
                                                       last.day or 0) or year is None:
                parts = DateParts(year, first.month, first.day, first.two_digit_year, to=last)
                merged[-1] = (start, last_end, parts)
                continue
        merged.append(item)
    return merged


#: the first day of a range or pair before a date that opens with its day: "10-12 October", "12 and 15 July"
_DAY_BEFORE = re.compile(r"(?<![\w.,/-])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
                         r"(?P<sep>-|/|[ \t]*[–—][ \t]*|\s+(?:to|till|until|and|TO|TILL|UNTIL|AND)\s+)$")
#: a day listed before another, with a comma: "4, " of "4, 9 and 15 June"
_DAY_LISTED = re.compile(r"(?<![\w.,/-])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?P<sep>[ \t]*,[ \t]*)$")
#: the last day of a range after a date that ends with its day: "January 1-10", "October 10-12, 1950"
_DAY_AFTER = re.compile(r"(?:-|[ \t]*[–—][ \t]*)(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>1[6-9]\d\d|20\d\d))?(?![\w-])")
#: the first month of a range of months before a month and year: "June-July 1950", "from June to August 1950"
_MONTH_BEFORE = re.compile(rf"(?<![\w.]){_MONTH}(?:[ \t]*[-–—][ \t]*|\s+(?:to|till|until)\s+)$")
#: the last year of a range of years: "1950-1951", "1950-51"
_YEAR_AFTER = re.compile(r"[-–—](?P<year>(?:1[6-9]|20)?\d\d)(?![\w-])(?!\s*(?:hours|hrs|h)\b)")
_LEADING_NUMBER = re.compile(r"\d+")
#: a second year after a year: "in 1950 and 1951"
_YEAR_PAIR = re.compile(r"\s+(?:and|or)\s+(?P<year>1[6-9]\d\d|20\d\d)(?![\w/-])")


def _with_range(text: str, item: tuple[int, int, DateParts], floor: int) -> list[tuple[int, int, DateParts]]:
    """A found date, widened to the range it ends or starts ("10-12 October 1950": from the 10th to the
    12th), or preceded by the day it is paired with ("12 and 15 July": two dates)."""
    start, end, parts = item
    opens_with_day = parts.day is not None and text[start:start + 1].isdigit() and int(
        _LEADING_NUMBER.match(text, start).group()) == parts.day
    if opens_with_day:
        before = _DAY_BEFORE.search(text, max(floor, start - 12, 0), start)
        if before is not None and parts.month is not None:
            first = int(before.group("day"))
            if 1 <= first < parts.day and _valid_day(parts.year, parts.month, first):
                first_parts = DateParts(parts.year, parts.month, first, parts.two_digit_year)
                if before.group("sep").strip().casefold() == "and":
                    days = [(before.start(), before.start("sep"), first_parts)]
                    while len(days) < 8:  # "4, 9 and 15 June": each day before the pair, a date too
                        listed = _DAY_LISTED.search(text, max(floor, days[0][0] - 8, 0), days[0][0])
                        day = int(listed.group("day")) if listed else 0
                        if not listed or not 1 <= day < days[0][2].day:
                            break
                        days.insert(0, (listed.start(), listed.start("sep"),
                                        DateParts(parts.year, parts.month, day, parts.two_digit_year)))
                    return days + [item]
                first_parts.to = parts
                return [(before.start(), end, first_parts)]
    if parts.day is not None and text[end - 1:end].isdigit() and not text[start:start + 1].isdigit() and (
            parts.year is None or not text[start:end].endswith(str(parts.year))):
        after = _DAY_AFTER.match(text, end)
        if after is not None and parts.month is not None:
            last = int(after.group("day"))
            year = int(after.group("year")) if after.group("year") else parts.year
            if parts.day < last and _valid_day(year, parts.month, last):
                first_parts = DateParts(year, parts.month, parts.day, parts.two_digit_year and not after.group("year"))
                first_parts.to = DateParts(year, parts.month, last, first_parts.two_digit_year)
                return [(start, after.end(), first_parts)]
    if parts.day is None and parts.month is not None and text[start:start + 1].isalpha():
        before = _MONTH_BEFORE.search(text, max(floor, start - 24, 0), start)
        if before is not None:  # "June-July 1950", "from June to August 1950"
            first = _MONTH_NAMES[before.group("month").rstrip(".").lower()]
            if first < parts.month:
                first_parts = DateParts(parts.year, first, None, parts.two_digit_year)
                first_parts.to = parts
                return [(before.start(), end, first_parts)]
    if parts.month is None and parts.year is not None:
        pair = _YEAR_PAIR.match(text, end)
        if pair is not None:  # "in 1950 and 1951": the second year is a date too
            return [item, (pair.start("year"), pair.end(), DateParts(int(pair.group("year")), None, None))]
        after = _YEAR_AFTER.match(text, end)
        if after is not None:
            digits = after.group("year")
            last = int(digits) if len(digits) == 4 else parts.year // 100 * 100 + int(digits)
            if parts.year < last <= parts.year + 50:
                return [(start, after.end(), DateParts(parts.year, None, None, to=DateParts(last, None, None)))]
    return [item]


#: the place after the date on a dateline: "14 November 1950, Pyongyang"
_PLACE_AFTER_DATE = re.compile(r"\s*,\s*[A-ZА-Я][\w'’\-]+(?:\s+[A-ZА-Я][\w'’\-]+){0,2}")
#: a time after a line's date: "2 October 1950, 3 a.m.", "5.6.51 03:40", "1 October 1950 at 23.15"
_TIME_AFTER_DATE = re.compile(
    r"(?:,\s*|\s+at\s+|\s+)(?:\d{1,2}[:.]\d{2}|\d{1,2})(?:\s*(?:a\.\s?m|p\.\s?m|hours|hrs|h|o'clock)\.?)?",
    re.IGNORECASE)


#: the Russian mark of a year after a date: "5.VI.1957 г.", "5 June 1951 года"
_YEAR_MARK = re.compile(r"\s*(?:г|гг|года)\.?")


def date_line(text: str, place_after: bool = False) -> tuple[int, int, DateParts] | None:
    """If the whole line is a date (optionally after a place and comma; with `place_after`, before one too:
    "14 November 1950, Pyongyang", a letter's head), return the date's span."""
    core = text.strip().rstrip(".,;" + _ALL_QUOTES + "’'")
    if core.startswith("[") and core.endswith("]") and "[" not in core[1:-1] and "]" not in core[1:-1]:
        # "[20 October 1950]": a date the transcriber supplied is the line's date too
        inner = date_line(core[1:-1], place_after)
        offset = len(text) - len(text.lstrip()) + 1
        return (inner[0] + offset, inner[1] + offset, inner[2]) if inner else None
    dates = find_dates(core)
    if len(dates) != 1:
        return None
    start, end, parts = dates[0]
    if parts.month is None:
        return None
    prefix = core[:start]
    if end != len(core) and not _TIME_AFTER_DATE.fullmatch(core, end) and not _YEAR_MARK.fullmatch(core, end) and not (
            place_after and not prefix and _PLACE_AFTER_DATE.fullmatch(core, end)):
        return None
    if prefix and not _DATE_LINE_PREFIX.fullmatch(prefix):
        return None
    offset = len(text) - len(text.lstrip())
    return start + offset, end + offset, parts


# --- lines ---------------------------------------------------------------------------------------------

@dataclass
class Line:
    """One non-blank source line: number, text (trimmed), blank lines before it, page break before it."""

    no: int
    text: str
    blanks_before: int
    page_break_before: bool
    #: the rest of the line before it, split off there (a quotation opening after a relay formula)
    joined: bool = False
    #: offsets in `text` of the blanks that stand for a run of blanks or a tab in the source: where names
    #: written side by side part ("ZHOU ENLAI   NIE RONGZHEN")
    wide_gaps: tuple[int, ...] = ()


_BLANK_RUN = re.compile(r"[ \t\r\f]+")


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their numbers; runs of two or more blank lines or form feeds mark page breaks."""
    lines: list[Line] = []
    blanks = 0
    form_feed = False
    may_hold_form_feed = "\f" in text  # most texts have none: then no line needs the test
    for number, raw in enumerate(text.split("\n"), start=1):
        after = False
        if may_hold_form_feed and "\f" in raw:
            # (split below takes a form feed for a blank) A form feed after a line's words ends its page: the
            # break comes before the next line; one before them, or on a line of its own, before this one.
            after = "\f" in raw[len(raw.rstrip()):] and bool(raw.strip())
            form_feed = form_feed or "\f" in raw[:len(raw.rstrip())] or not raw.strip()
        # Inside a line the blanks are the ASCII ones (read_source admits no other controls): a no-break space
        # or an em space between words is a character of the text and stays; at the line's ends, and on a line
        # of nothing else, it is whitespace like any other.
        core = raw.strip()
        words = core.split() if core.isascii() else [w for w in _BLANK_RUN.split(core) if w]
        if not words:
            blanks += 1
            continue
        stripped = " ".join(words)
        page_break = bool(lines) and (blanks >= 2 or form_feed)
        wide = _wide_gaps(core, words) if len(words) > 1 and ("  " in core or "\t" in core) else ()
        lines.append(Line(number, stripped, blanks if lines else 0, page_break, wide_gaps=wide))
        blanks = 0
        form_feed = after
    return lines


def _wide_gaps(raw: str, words: list[str]) -> tuple[int, ...]:
    """Offsets, in the words joined by single blanks, of the gaps that are runs of blanks or tabs in `raw`."""
    gaps, position, offset = [], 0, 0
    for k, word in enumerate(words[:-1]):
        position = raw.index(word, position) + len(word)
        offset += len(word)
        following = raw.index(words[k + 1], position)
        if following - position >= 2 or "\t" in raw[position:following]:
            gaps.append(offset)
        position = following
        offset += 1
    return tuple(gaps)


def _cell_gaps(line: Line) -> tuple[int, ...]:
    """The wide gaps of a line that part cells: not the two blanks a typist leaves after a sentence's stop."""
    return tuple(gap for gap in line.wide_gaps if line.text[gap - 1:gap] not in (".", "!", "?", ":", ";", ","))


def _is_block_start(lines: list[Line], index: int) -> bool:
    return index == 0 or lines[index].blanks_before > 0


def strip_quotes(text: str) -> str:
    """The line without the quotation marks and blanks around it (a heading inside a quotation)."""
    return text.strip(" " + _ALL_QUOTES + "‘’")


#: letters the transcriber supplied inside a word: "D[ean]", "A[cheson]"
SUPPLIED_LETTERS = re.compile(r"(?<=[^\W\d_])\[([a-zа-я]+)\]")


def _without_brackets(text: str) -> str:
    return " ".join(_BRACKETED.sub(" ", text).split())


#: the place of a signature, noted alone on its line: "(signature)", "/signed/"
_SIGNATURE_ALONE = re.compile(r"^(?:[(\[/]\s*(?:signature|signed|sgd\.?|sd\.?)\s*[)\]/]|/s/)$", re.IGNORECASE)
#: the mark of a signature before the name on its line: "(Signed) W. Ulbricht", "/s/ MOLOTOV", "Signed: ..."
SIGNED_PREFIX = re.compile(r"^(?:[(\[]\s*(?:signed|sgd\.?|sd\.?)\s*[)\]]|/s/|(?:signed|sgd\.)\s*:?)[ \t]*(?=\S)",
                           re.IGNORECASE)
#: what may stand around a signed name: "/Zhou Enlai/", "ROSHCHIN (signature)"
_SIGNATURE_MARK = re.compile(r"\s*\((?:signature|signed|sgd\.?)\)\s*$", re.IGNORECASE)


def _name_words(text: str) -> bool:
    """Two to four capitalised words or initials, none of a body or a state: a person's name in any case."""
    words = text.split()
    return 2 <= len(words) <= 4 and not any(w.casefold().strip(".,") in _INSTITUTION_WORDS for w in words) and all(
        _INITIAL.fullmatch(w) or (w[:1].isupper() and w.replace("-", "").replace("'", "").replace("’", "").isalpha())
        for w in words)


#: a name, a comma and a few capitalised words: the quick test before the register is asked
_PERSON_AND_OFFICE = re.compile(r"^[A-ZА-Я][^,]{1,40},[ \t]+[A-ZА-Я][^.!?,]{2,60}$")
#: an office after a signer's name on his line: "Kim Il Sung, Supreme Commander", "Zhou Enlai, Foreign Minister"
_OFFICE_AFTER_NAME = re.compile(r",[ \t]+(?:[A-ZА-Я][\w'’-]*|of|the|and|for)(?:[ \t]+(?:[A-ZА-Я][\w'’-]*|of|the|and|for)){0,7}"
                                r"[ \t]*$")


def _looks_like_signature(text: str, register) -> bool:
    core = _without_brackets(SIGNED_PREFIX.sub("", text.strip(_TRAILING + "“‘")))
    core = _SIGNATURE_MARK.sub("", core).strip(_TRAILING + "/")
    if not core or len(core) > 60 or any(ch.isdigit() for ch in core):
        return False
    words = core.split()
    if len(words) >= 3 and all(len(w) == 1 and w.isalpha() for w in words):
        return True  # letter-spaced S H T Y K O V
    if register is not None:
        entry = register.lookup(core)
        if entry is not None:
            # a person, or a body that signs as one ("CC CCP" under a resolution it sends)
            return entry.kind in ("person", "org")
    if len(words) > 4:
        return False
    if len([w for w in words if sum(ch.isalpha() for ch in w) >= 2]) >= 3 and text.rstrip(_ALL_QUOTES + "’").endswith("."):
        return False  # "LOSSES ARE BEING ESTABLISHED.": a sentence in capitals, not a name the register knows
    letters = [w for w in words if any(ch.isalpha() for ch in w)]
    if not letters or any(w.lower().strip(".,") in _NOT_NAMES for w in letters):
        return False
    # Signatures in this genre are written in capitals (GROMYKO, KIM IL SUNG), initials allowed (A. VYSHINSKY);
    # in ordinary case a signature has its initials first (N. Roshchin, J. Siedlecki).
    caps = [w for w in letters if not _INITIAL.fullmatch(w)]
    if any(not _VOWEL.search(w) for w in caps):
        return False  # a name has a vowel: "NNNN" ends a teletype message
    if _INITIAL.fullmatch(letters[0]) and 1 <= len(caps) <= 2 and all(
            w[:1].isupper() and w[1:].replace("-", "").isalpha() and not w[1:].isupper() for w in caps):
        return letters.index(caps[0]) == len(letters) - len(caps)
    return bool(caps) and all(w == w.upper() and sum(ch.isalpha() for ch in w) >= 2 for w in caps)


_VOWEL = re.compile(r"[AEIOUYaeiouyАЕЁИОУЫЭЮЯаеёиоуыэюяÀ-ÿ]")
#: the seat a letter was written in, after its place: "Moscow, Kremlin"
_SEATS = r"(?:Kremlin|Zhongnanhai|Embassy|Legation|Residence|Palace|Headquarters)"
#: what may stand before a date line's date: a place ("Moscow, "), a place and its seat ("Moscow, Kremlin, ")
_DATE_LINE_PREFIX = re.compile(r"\[?[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)?\s*,\s*\]?\s*(?:(?:the\s+)?(?:" + _SEATS +
                               # (a seat the list lacks, one capitalised word: "Warsaw, Belweder, 14 November 1951")
                               r"|[A-Z][a-z][\w'\-]*)\s*,\s*)?(?:the\s+)?"
                               # "the 5th of June, 1951"
                               r"|the\s+"
                               r"|(?:Date|Dated)\s*:?\s*"
                               # the hour before the date: "22.00 25.X.50"
                               r"|\d{1,2}[.:]\d{2}(?:\s*(?:hrs?\.?|hours|h))?\s*,?\s+")
_BRACKETED = re.compile(r"\[[^\]]*\]")
#: the two letters Russian names transliterated begin with, written as one initial: Ya. CHADAEV, Yu. ANDROPOV
INITIAL_DIGRAPHS = ("Ya", "Yu", "Ye", "Yo", "Zh", "Kh", "Ts", "Ch", "Sh")
#: an initial, also a transliterated digraph
_INITIAL = re.compile(r"(?:[A-ZА-Я]|" + "|".join(INITIAL_DIGRAPHS) + r")\.")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: an addressee after a routing line's place: "BEIJING, TO KOVALEV FOR Comrade GAO GANG"
_ROUTE_ADDRESSEE = re.compile(r"\s(?:TO|FOR)\s")
#: "Please transmit to Comrade Gromyko that ...": reported speech, not a formula that introduces a message
_REPORTED_SPEECH = re.compile(r"\bthat\b", re.IGNORECASE)
#: where a routing line's place ends: a dash, comma or colon, or an addressee on the same line (BEIJING TO ...)
_ROUTING_CUT = re.compile(r"\s*(?:--+|–|—|\s-\s|,|:)\s*|\s+(?=(?:TO|FOR)\s)")
_COMRADE_NAME = re.compile(r"\b(?:Comrade|Cde\.|COMRADE)\s+\S")
_LEADING_TITLE = re.compile(r"^(?:the|comrades?|cdes?\.)\s+", re.IGNORECASE)
_STAMP = re.compile(r"stamp\b", re.IGNORECASE)
_SIC = re.compile(r"sic!?", re.IGNORECASE)
_QUERY = re.compile(r"\?+!?")
_PAGE_NOTE = re.compile(r"\d{1,3}")


# --- classification of top and bottom lines --------------------------------------------------------------

def _security(text: str) -> bool:
    if COPY_NUMBER.match(text):
        return True
    copy = _COPY_AFTER.search(text)
    if copy and copy.start() > 0:
        text = text[:copy.start()]  # "Top Secret Copy No. 3", "STRICTLY SECRET, Copy No. 2"
    words = _LETTER_RUN.findall(text)
    if len(words) >= 3 and all(len(w) == 1 for w in words):
        # letter-spaced: "S E C R E T", "T O P  S E C R E T" (a wider gap between the words)
        words = _LETTER_RUN.findall(re.sub(r"(?<=\S) (?=\S)", "", text.strip()))
    if not words or len(words) > 6 or _DIGIT.search(text):
        return False
    lowered = [w.lower() for w in words]
    return all(w in _SECURITY_WORDS for w in lowered) and any(w in _SECURITY_CORE for w in lowered)


_COPY_AFTER = re.compile(rf"[ \t,;]+(?:Copy|Экз\.?)\s*{_NUMBER_SIGN}?\s*\d+\.?$", re.IGNORECASE)


def _routing(text: str, register) -> bool:
    head = _ROUTING_CUT.split(text.strip(" -–—:,."), maxsplit=1)[0]
    if not head:
        return False
    if register is not None:
        entry = register.lookup(head)
        if entry is not None:
            return entry.kind == "place"
    words = head.split()
    return 1 <= len(words) <= 3 and all(w.isalpha() and w.isupper() and len(w) > 1 for w in words) and not (
        {w.lower() for w in words} & _NOT_NAMES
    )


#: "Moscow, Kremlin": a letter's place of writing and the seat it was written in, in ordinary case (a
#: telegram's routing line is in capitals, and "Pyongyang, Shtykov" names the person it goes to)
_PLACE_AND_BUILDING = re.compile(r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?),\s+(?:the\s+)?" + _SEATS + r"\.?$")


def _written_at(text: str, register) -> bool:
    match = _PLACE_AND_BUILDING.match(text)
    if match is None or register is None:
        return False
    entry = register.lookup(match.group("place"))
    return entry is not None and entry.kind == "place"


def _place_alone(text: str, register) -> bool:
    """A register place alone on its line, or with its seat ("Moscow, Kremlin"): the place of a date line."""
    if _written_at(text, register):
        return True
    entry = register.lookup(text.strip(" .,")) if register is not None else None
    return entry is not None and entry.kind == "place"


#: a colon salutation with an office for its title ("Premier Zhou:"), which a speaker's label looks like too
_OFFICE_FIRST_SALUTE = re.compile(r"(?:premier|chairman|marshal|general|ambassador|president|minister|secretary|mr\.?)\s",
                                  re.IGNORECASE)
_COLON_SALUTE = re.compile(r"^(?:(?:my\s+)?dear\s+)?(?:comrades?|cdes?\.|premier|chairman|marshal|general|ambassador|"
                           r"president|minister|secretary|mr\.?)\s+(?P<names>[^:]{2,60}):$", re.IGNORECASE)
_SALUTE_TITLE = re.compile(r"^(?:comrades?|cdes?\.|premier|chairman|marshal|general|ambassador|president|minister|"
                           r"secretary|mr\.?)\s+", re.IGNORECASE)
#: a body saluted with a person: "Chairman Mao and the Central Committee:"
_SALUTED_BODY = re.compile(r"the\s+(?-i:[A-Z])[\w'’]*(?:\s+(?:of\s+(?:the\s+)?)?(?-i:[A-Z])[\w'’()]*){0,6}", re.IGNORECASE)


def _colon_salute(text: str, register) -> bool:
    """"Comrade Gromyko:", "Comrades Stalin and Molotov:", "Premier Zhou:": a salutation when register persons
    follow, and after the first of them perhaps a body ("Chairman Mao and the Central Committee:")."""
    match = _COLON_SALUTE.match(text)
    if match is None or register is None:
        return False
    # (each name may have its title: "Chairman Mao, Comrade Liu Shaoqi and the Central Committee:")
    names = [_SALUTE_TITLE.sub("", name.strip()) for name in re.split(
        r"\s*,\s*|\s+and\s+|\s*,?\s+(?i:comrades?|cdes?\.)\s+", match.group("names")) if name.strip()]
    entries = [register.lookup(name) for name in names]
    if not entries or entries[0] is None or entries[0].kind != "person":
        return False
    return all(entry is not None and entry.kind in ("person", "org") or _SALUTED_BODY.fullmatch(name)
               for name, entry in zip(names[1:], entries[1:]))


def _names_someone(rest: str) -> bool:
    """An addressee or sender part starts with a capital (TO ROSHCHIN, To Cde. Molotov), not a verb."""
    rest = _LEADING_TITLE.sub("", rest.strip())
    return rest[:1].isupper()


#: a sender line that goes on with the times of sending and receipt: "From Peking, sent 13.1.51 at 23.50, ..."
_SENDER_AND_TIMES = re.compile(r"(?i:from)\s*:?\s+(?P<who>[^.,;]+?)\s*[.,;]\s*(?=(?i:sent|received|dispatched)\b)")


#: what a line of the times of sending and receipt holds besides its dates, times and names
_TRANSMISSION_WORDS = {"sent", "received", "dispatched", "delivered", "deciphered", "transmitted", "at", "on", "in",
                       "by", "via", "through", "from", "and", "a.m.", "p.m.", "am", "pm", "hours", "hrs", "h", "no.",
                       "no", "comrade", "cde.", "time", "of", "the", "date", "copy", "copies"}
_CLOCK = re.compile(r"\b\d{1,2}[.:]\d{2}\b|\b\d{1,2}\s*(?:a\.\s?m|p\.\s?m)\.?")


def _transmission_only(text: str) -> bool:
    """True if a line that opens with "Sent" or "Received" says no more than when and through whom ("Received
    through Comrade Roshchin 10.8.52 at 02:35"), not a sentence ("Received through Andong twenty tanks ...")."""
    rest = text
    for start, end, _ in reversed(find_dates(text)):
        rest = rest[:start] + " " + rest[end:]
    rest = _CLOCK.sub(" ", rest)
    words = [w for w in rest.replace(",", " ").replace(";", " ").replace(":", " ").split() if w.strip(".-–—()")]
    return all(w.casefold().strip(".") in _TRANSMISSION_WORDS or w.casefold() in _TRANSMISSION_WORDS
               or w[:1].isupper() and w.strip(".").isalpha() or w.strip(".()").isdigit() for w in words)


_LETTER_SPACED_RUN = re.compile(r"(?<!\S)[^\W\d_](?:[ \t][^\W\d_]){2,}(?!\S)")


def _word_count(text: str) -> int:
    """Words of a line, a name spaced out letter by letter counting as one ("From B U D A P E S T": two)."""
    return len(_LETTER_SPACED_RUN.sub("x", text).split()) if " " in text else 1


def classify_top(text: str, register) -> str | None:
    """The role of a line at the top of a message, or None if it is body text."""
    text = read_zeros(text)  # "T0 ROSHCHIN", "M0SCOW": the line's role is that of what it says
    plain = strip_quotes(text)
    if len(plain) > 120:
        # a record's heading may name its participants with their offices at length
        return "head" if len(plain) <= 300 and RECORD_HEADING.match(plain) else None
    if _SOURCE_LINE.match(plain):
        return "source"  # a source citation ("[Source: APRF, f. 45 ...]") before the heading
    if BRACKET.fullmatch(plain):
        # "[Ciphered telegram]": the edition's note of the kind, a heading in brackets
        return "head" if HEADING.match(plain[1:-1].strip()) and not plain[1:-1].strip().endswith(".") else "mark"
    if _ATTACHMENT.match(plain):
        return "other"  # "Attachment" above the document attached
    heading = HEADING.match(plain)
    if heading and _plausible_tail(heading) or RECORD_HEADING.match(plain):
        return "head"
    if POSSESSIVE_HEADING.match(plain) and not _FINITE_VERB.search(plain):
        return "head"  # "Mao Zedong's cable to Stalin, 13 October 1950"
    if NUMBER_LINE.match(plain) or BARE_PROTOCOL_NUMBER.fullmatch(plain):
        return "number"
    numbered = _NUMBER_AND_DATE.match(plain)
    if numbered and date_line(plain[numbered.end():]):
        return "number"  # "No. 1247, March 5, 1953, 8 p.m.": a telegram's number and its date and hour of sending
    if _security(plain):
        return "security"
    if date_line(plain, place_after=True):
        return "dateline"
    words = _word_count(plain)
    if plain.endswith(":") and _colon_salute(plain, register):
        return "salute"  # "Comrade Gromyko:" (a body line "Comrade Kovalev writes:" is no salutation)
    # A wrapped body line can end in a comma: a salutation ending in one must be short.
    # (a greeting first makes it longer: "Dear and deeply respected Comrade Stalin,")
    if SALUTE.match(text.strip()) and (words <= 10 if plain.endswith("!") or text.strip().endswith("!") else words <= (
            8 if _GREETING_START.match(text.strip()) else 5)):
        return "salute"
    addressee = ADDRESSEE.match(plain)
    if addressee and (words <= 8 or words <= 14 and FOR_TRANSMISSION.search(plain) or (
            words <= 12 or words <= 18 and _ADDRESSEE_AND_BODY.match(plain) and not (
            _FINITE_VERB.search(plain) or _SENTENCE_INSIDE.search(plain))) and _COMRADE_NAME.search(
            plain)) and _names_someone(addressee.group("rest")):
        return "addressee"  # (a rank may stand before the name: "To Marshal of the Soviet Union Comrade ...")
    transmission = FOR_TRANSMISSION.match(plain)
    if transmission and words <= 14 and _NAMES_ONLY.fullmatch(plain, transmission.end()):
        return "addressee"  # "For immediate transmission to MAO ZEDONG or ZHOU ENLAI.": the recipients
    if words <= 16 and ADDRESSED_OFFICE.match(plain):
        return "addressee"  # "To the Chairman of the Council of Ministers of the USSR" (the name may follow)
    if _DIARY_OF.match(plain) and words <= 14:
        return "sender"  # "From the diary of N. V. Roshchin": the diarist wrote the record
    sender = SENDER.match(plain)
    if sender and words <= 8 and (_names_someone(sender.group("rest")) or _ENDS_WITH_LINK_WORD.search(plain)):
        return "sender"
    times = _SENDER_AND_TIMES.match(plain)
    if sender and times and len(times.group("who").split()) <= 6 and _names_someone(times.group("who")) and (
            TRANSMISSION.match(plain[times.end():])) and _transmission_only(plain[times.end():]):
        return "sender"  # "From Pyongyang. Sent 15.1.51 at 21.30. Received 16.1.51 at 03.05."
    if RELAY.match(plain) and words <= 16 and not _REPORTED_SPEECH.search(plain):
        return "relay"
    if words <= 6 and _written_at(plain, register):
        return "dateline"
    if (words <= 6 or words <= 12 and _ROUTE_ADDRESSEE.search(plain)) and _routing(plain, register):
        return "routing"  # "BEIJING, TO KOVALEV FOR Comrade GAO GANG": place and addressees
    if TRANSMISSION.match(plain) and _transmission_only(plain):
        return "transmission"
    if DISTRIBUTION.match(plain):
        return "distribution"
    if _SLOGAN.match(plain) or _COLLECTION_NUMBER.match(plain):
        return "other"  # (a collection's number for the document: "DOCUMENT No. 27")
    if _SUBJECT_LINE.match(plain) and words <= 25:
        return "other"  # "Subject: the state of the units ...", "Re: your telegram No. 4412"
    return None


#: a verb that makes a heading's tail a sentence: "Resolution of the Politburo is sent to Mao Zedong"
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|shall|would|can|could|must|should|received|sent)\b",
                          re.IGNORECASE)
#: an addressee line that goes on with a body after the person ("To Comrade Ho Chi Minh and the Politburo of ...")
#: or with the intermediaries ("For Comrade Kim Il Sung (through Comrade Mao Zedong and ...)")
_ADDRESSEE_AND_BODY = re.compile(
    r"^(?:To|TO|For|FOR)\s+(?:Comrades?|Cdes?\.|COMRADES?)\s+(?:[A-ZА-Я][\w'’.\-]*\s+){1,5}"
    # (the body's name to the line's end, its words capitalised but for of, the, and: no sentence goes on)
    r"(?:and\s+the\s+[A-ZА-Я][\w'’().\-]*(?:\s+(?:[A-ZА-Я][\w'’().\-]*|of|the|and))*|\((?:through|via)\s[^()]*\))"
    r"\s*[.,;:]?$")
_SENTENCE_INSIDE = re.compile(r"\b[a-z]{3,}[.!?]\s")


#: a heading's line that the date on the next line finishes: "... Zhou Enlai," / "... Mao Zedong on"
GOES_ON_WITH_DATE = re.compile(r"(?:,|\b(?:on|of|dated))$")


#: a military rank on a line of its own under an office, over the signature
_RANK = re.compile(r"(?:(?:Lieutenant|Major|Colonel|Army|Senior|Junior|Rear|Vice)[ \t-]+)?"
                   r"(?:General|Colonel|Major|Captain|Lieutenant|Admiral)(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]\w+)*\.?|"
                   r"Marshal[ \t]+of[ \t]+the[ \t]+Soviet[ \t]+Union\.?", re.IGNORECASE)
#: a printed collection's running head: a line in capitals ("COLD WAR INTERNATIONAL HISTORY PROJECT BULLETIN"),
#: with the page's number before or after it on the same line
_RUNNING_HEAD = re.compile(r"[A-Z][A-Z'’&,:\- ]{9,80}[A-Z]")
#: the end of a relay formula's line that its next line finishes: a possessive (or a function word, below)
_ENDS_WITH_POSSESSIVE = re.compile(r"\b(?:his|her|their|its|your|our|my)$", re.IGNORECASE)
#: a clerk's or reader's word alone on a closing line: the copy checked, read, agreed
ATTESTATIONS = {"correct", "true copy", "copy correct", "verified", "agreed", "approved", "read", "seen", "draft",
                 "translation", "translated", "for the original", "checked"}
#: words of a sentence or heading of the text, never of a collection's running head
_NOT_A_RUNNING_HEAD = re.compile(r"\b(?:OF|THE|TO|AND|FOR|WE|YOU|IN|ON|AT|A|AN|BY|WITH|TELEGRAM|NO|NOS|ASK|IS|ARE|WILL)\b")
_NUMBERED_RUNNING_HEAD = re.compile(
    r"(\d{1,4})[ \t]+[A-Z][A-Z'’&,:\- ]{9,80}[A-Z]|[A-Z][A-Z'’&,:\- ]{9,80}[A-Z][ \t]+(\d{1,4})")


def _plausible_tail(heading: re.Match) -> bool:
    """True unless what follows a heading's kind reads as a sentence: a verb, a full stop inside, or (after a
    kind in ordinary case) a subject ending in a stop ("Report on the negotiations was received ...")."""
    tail = heading.group("tail")
    if not tail:
        return True
    if _FINITE_VERB.search(tail) or _SENTENCE_INSIDE.search(tail):
        return False
    kind = heading.group("kind")
    return kind.isupper() or not (SUBJECT_TAIL.match(tail) and heading.string.rstrip().endswith("."))


def _split_date_suffix(text: str) -> int | None:
    """Offset where a trailing date starts on a signature or number line ("GROMYKO 12 October 1950")."""
    dates = find_dates(text)
    if not dates:
        return None
    start, end, parts = dates[-1]
    if parts.month is None or text[end:].strip(_TRAILING):
        return None
    return start


def _signer_before_date(prefix: str, register) -> bool:
    """True if the "X, " before a closing date names a person (register, or a signature's capitals), not a place."""
    head = prefix.rstrip()
    if not head.endswith(","):
        return False  # "Date: ...", "Dated ..." introduce a date, they sign nothing
    head = head[:-1].rstrip()
    if register is not None:
        entry = register.lookup(head)
        if entry is not None:
            return entry.kind == "person"
    # A name the register does not know signs only with an initial (A. GROMYKO): a word in capitals
    # alone may as well be a place (KAESONG, 2 October 1950), and a wrong sender is worse than none.
    return any(_INITIAL.fullmatch(word) for word in head.split()) and _looks_like_signature(head, register)


#: closing lines that must start a sentence (else they continue the body's last sentence)
_SENTENCE_ROLES = {"instruction", "distribution", "role", "transmission", "postscript", "source", "footnote",
                   "enclosure"}
def _sentence_role(parts: list[tuple[str, int]]) -> bool:
    """True if a closing line's first part must start a sentence: not an office or rank before the signature
    on its line ("Army General ANTONOV" under "Chief of the General Staff")."""
    return parts[0][0] in _SENTENCE_ROLES and not (parts[0][0] == "role" and any(r == "signed" for r, _ in parts))


#: a line that ends in a word in lower case: a sentence a date under it may finish ("... the fulfillment by")
_LOWER_LAST_WORD = re.compile(r"(?<![\w'’-])[a-zа-я][\w'’-]*$")
_SENTENCE_GAP = re.compile(r"(?<=[.!])\s+(?=\S)")


def _instructions(text: str) -> list[tuple[str, int]] | None:
    """Several instructions on one line ("Confirm receipt. Telegraph the fulfillment."), one part each."""
    starts = [0] + [gap.end() for gap in _SENTENCE_GAP.finditer(text)]
    if len(starts) < 2:
        return None
    ends = starts[1:] + [len(text)]
    if all(INSTRUCTION.match(text[a:b].rstrip()) for a, b in zip(starts, ends)):
        return [("instruction", a) for a in starts]
    return None


def classify_bottom(text: str, register) -> list[tuple[str, int]] | None:
    """Split a closing line into (role, start offset) parts, or None if the line is body text."""
    if len(text) > 120:
        return None
    if "[" in text and SUPPLIED_LETTERS.search(text):
        # "D[ean] A[cheson]": a name the transcriber completed signs as the name
        whole = classify_bottom(SUPPLIED_LETTERS.sub(r"\1", text), register)
        if whole == [("signed", 0)]:
            return whole
    text = read_zeros(text)  # "GROMYK0" signs as GROMYKO would
    if text.startswith("| "):
        text = "I" + text[1:]  # "| firmly shake your hand,": the OCR's bar for I (same length)
    dated = date_line(text)
    if dated:
        # "Zhou Enlai, 1 October 1950": a signer, not a place, before the comma (see _signer_before_date)
        if _signer_before_date(text[:dated[0]], register):
            return [("signed", 0), ("dateline", dated[0])]
        comma = text.find(",", 0, dated[0])
        if 0 < comma < dated[0] - 2 and _signer_before_date(text[:comma + 1], register):
            # "Zhou Enlai, Peking, 1 October 1950": the signer, then the place and date of his signature
            return [("signed", 0), ("dateline", comma + 1 + len(text[comma + 1:]) - len(text[comma + 1:].lstrip()))]
        return [("dateline", 0)]
    if NUMBER_LINE.match(text.rstrip(_TRAILING + "”")) or NUMBER_LINE.match(text):
        return [("number", 0)]
    number = _NUMBER_SUFFIX.search(text)
    if number and date_line(text[:number.start()]):
        return [("dateline", 0), ("number", number.start() + len(number.group()) - len(number.group().lstrip(" \t,;")))]
    valediction = VALEDICTION.match(text)
    if valediction:
        rest = text[valediction.end():]
        if not rest.strip(_TRAILING):
            return [("salute", 0)]
        rest_start = valediction.end() + (len(rest) - len(rest.lstrip()))
        parts = classify_bottom(rest.strip(), register)
        if parts and parts[0][0] == "signed":
            return [("salute", 0)] + [(role, rest_start + offset) for role, offset in parts]
        return None
    cut = _split_date_suffix(text)
    if cut:
        head = text[:cut].rstrip()
        if NUMBER_LINE.match(head.rstrip(",;")):
            return [("number", 0), ("dateline", cut)]
        signers = _signatories(head.rstrip(",;"), register)
        if signers:  # "Zhou Enlai, Mao Zedong, 1 October 1950" (first, as below)
            return signers + [("dateline", cut)]
        if _looks_like_signature(head.rstrip(",;"), register):
            return [("signed", 0), ("dateline", cut)]
    recorder = _RECORDED_BY.match(text)
    recorded = _LEADING_TITLE.sub("", text[recorder.end():]).strip(" .") if recorder else ""
    if recorder and text[recorder.end():].lstrip().casefold().startswith("the "):
        recorder = None  # "Compiled by the General Staff.": a body, no signature
    if recorder and (_looks_like_signature(recorded, register) or 1 <= len(recorded.split()) <= 4 and all(
            w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha() for w in recorded.split())):
        return [("role", 0), ("signed", recorder.end())]  # the recorder of a conversation signs the record
    signers = _signatories(text, register)  # first: "MAO ZEDONG, ZHOU ENLAI" would also pass for one name
    if signers:
        return signers
    if _looks_like_signature(text, register):
        return [("signed", 0)]
    signed = SIGNED_PREFIX.match(text)
    if signed and _name_words(text[signed.end():].strip(_TRAILING)):
        return [("signed", 0)]  # "/s/ Dean Rusk", "(Signed) Robert F. Kennedy": the mark says it is a signature
    if _PERSON_AND_OFFICE.match(text) and register is not None and any(
            name.start == 0 and name.entry.kind == "person" and _OFFICE_AFTER_NAME.match(text, name.end)
            for name in register.find(text)):
        return [("signed", 0)]  # "Kim Il Sung, Supreme Commander": the signer and his office, one signature
    if TRANSMISSION.match(text) and len(text.split()) <= 12 and (_CLOCK.search(text) or find_dates(text)) and (
            _transmission_only(text)):
        return [("transmission", 0)]
    if DISTRIBUTION.match(text):
        return [("distribution", 0)]
    if COPY_ITEM.match(text) and len(text.split()) <= 8:
        return [("copy-item", 0)]
    if INSTRUCTION.match(text):
        return [("instruction", 0)]
    instructions = _instructions(text)
    if instructions:
        return instructions
    if text.strip(" .:;").casefold() in ATTESTATIONS:
        return [("mark", 0)]  # "Correct", "Agreed" under the signature: a clerk's word on the copy, no signature
    bracket = BRACKET.fullmatch(text.strip())
    if bracket and (_DESCRIBED.match(bracket.group("inner")) or _STAMP.match(bracket.group("inner").lstrip())) or (
            _SIGNATURE_ALONE.match(text)):
        return [("mark", 0)]
    if _ADDRESSED_BODY.match(text):
        return [("addressee", 0)]  # a note verbale's addressee, under its date
    if _ON_BEHALF.match(text) and len(text.split()) <= 14:
        return [("role", 0)]  # "On behalf of the CC of the Workers' Party of Korea" above the signatures
    rank = _RANK.match(text)
    if rank and text[rank.end():rank.end() + 1] in (" ", "\t"):
        # a rank before the signature on its line: "Lieutenant General RAZUVAEV", "Army General A. ANTONOV"
        signer = rank.end() + len(text[rank.end():]) - len(text[rank.end():].lstrip())
        name = text[signer:].strip(_TRAILING)
        known = register is not None and getattr(register.lookup(name), "kind", "") == "person"
        # (a rank in capitals, "GENERAL STAFF IS ...", is a rank only before a name the register knows)
        if name and _looks_like_signature(text[signer:], register) and (known or name == name.upper() and not (
                rank.group().isupper())):
            return [("role", 0), ("signed", signer)]
    if _ROLE_OPENING.match(text) and len(text.split()) <= 14:
        # an office, alone or before the signature on its line ("USSR Ambassador to the DPRK T. SHTYKOV")
        signer = _signer_after_role(text, register)
        if signer and SIGNATORY_ROLE.match(text[:signer].rstrip()):
            return [("role", 0), ("signed", signer)]
        if SIGNATORY_ROLE.match(text):
            return [("role", 0)]
    return None


#: words of states, bodies and slogans, never of a person's name ("Czechoslovak Republic", "Long Live ...")
_INSTITUTION_WORDS = {"republic", "union", "people's", "democratic", "government", "party", "committee", "ministry",
                      "embassy", "council", "long", "live", "glory", "soviet", "socialist", "national", "central",
                      "army", "command", "headquarters", "staff", "front", "secretariat", "presidium", "delegation",
                      "mission", "workers", "steelworkers", "collective", "youth", "students", "members", "team",
                      "general", "colonel", "lieutenant", "major", "marshal", "admiral", "captain", "york",
                      "present", "absent", "copies", "city"}
#: words that name the body a letterhead is of
_LETTERHEAD_WORDS = {"party", "committee", "ministry", "embassy", "council", "government", "presidium",
                     "secretariat", "headquarters", "command", "staff", "commissariat", "bureau", "department"}
#: the roles of the lines an archive or an editor sets above a document's heading
_ABOVE_HEADING = {"other", "source", "mark", "number", "dateline"}
#: closing lines that may stand under an office that signs: no name, only dates, numbers, lists and notes
_UNDER_OFFICE = {"dateline", "number", "distribution", "copy-item", "source", "footnote", "enclosure", "mark", "fw"}
#: an office named first: "SECRETARY OF THE CC", "DEPUTY CHAIRMAN OF ..." (not "CONSULT THE CHIEF ...")
_OFFICE_FIRST = re.compile(r"^(?:(?:first|deputy|acting|general)\s+)?(?:secretary|chairman|minister|ambassador|"
                           r"commander|chief|head|president|premier|representative|plenipotentiary)"
                           r"(?:\s+(?:general|of|to|for|in|at|and)\b.*)?$", re.IGNORECASE)

_ON_BEHALF = re.compile(r"^(?:on\s+behalf\s+of|in\s+the\s+name\s+of|for\s+the\s+(?=(?-i:CC|Central|Government|Committee|"
                        r"Party|Council|Ministry|Politburo|Presidium|Embassy)))\s*(?:the\s+)?"
                        # ("On behalf of the delegation of the CC CCP")
                        r"(?:(?-i:[a-z]+)\s+of\s+(?:the\s+)?)?(?-i:[A-Z])[^.!?]{2,90}$",
                        re.IGNORECASE)
#: "Recorded by: H. Schwab", "Recorded by A. FEDORENKO": a record's signature
_RECORDED_BY = re.compile(r"^(?:Recorded|Written\s+down|Compiled|Minutes\s+taken|Translated\s+and\s+recorded)\s+by:?\s+",
                          re.IGNORECASE)

#: an outgoing number after the date on a closing line: "5.VI.51 No. 311"
_NUMBER_SUFFIX = re.compile(rf"[ \t,;]+{_NUMBER_SIGN}\s*[\w/.\-]*\w\s*\.?$")

#: what stands between two signatories on one line: a comma, "and", or a run of blanks
_SIGNER_GAP = re.compile(r"\s*,\s*|\s+(?:and|&)\s+|[ \t]{2,}")


def _unproven_signature(text: str, register) -> bool:
    """An initial and a name in ordinary case that the register does not know ("J. Siedlecki"): a signature
    only under an office or a valediction."""
    words = text.split()
    if not words or not _INITIAL.fullmatch(words[0]) or text.isupper():
        return False
    rest = " ".join(word for word in words if not _INITIAL.fullmatch(word))
    if rest.isupper():
        return False  # "Yu. TSEDENBAL": a surname in capitals is a signature's
    return register is None or register.lookup(rest) is None


def _signatories(text: str, register) -> list[tuple[str, int]] | None:
    """Several signatories on one line ("KIM IL SUNG, PAK HEON-YEONG", "Mao Zedong, Zhou Enlai"): one part each."""
    core = text.rstrip(_TRAILING)
    words = len(core.split())
    if words < 2 or words > 10 or _DIGIT.search(core):
        return None
    names: list[tuple[int, int]] = []
    if register is not None:
        # persons of the register that fill the line, only blanks, a comma or "and" between them
        for name in register.find(core):
            gap = core[names[-1][1] if names else 0:name.start]
            if name.entry.kind != "person" or (gap.strip() if not names else not (
                    gap.isspace() or _SIGNER_GAP.fullmatch(gap))):
                names = []
                break
            names.append((name.start, name.end))
        if len(names) < 2 or core[names[-1][1]:].strip():
            names = []
    if not names:
        # names in a signature's capitals, of two words or more (KAESONG, PANMUNJOM may be places), between
        # commas, "and" or a run of blanks
        position = 0
        for gap in _SIGNER_GAP.finditer(core):
            names.append((position, gap.start()))
            position = gap.end()
        names.append((position, len(core)))
        known = register is not None and any(
            (entry := register.lookup(core[a:b].strip())) is not None and entry.kind == "person" for a, b in names)
        # (one word in capitals signs beside a person of the register: "KOTOV, ZAKHAROV")
        if len(names) < 2 or not all((len(core[a:b].split()) >= 2 or known and core[a:b].isupper())
                                     and _looks_like_signature(core[a:b], register) for a, b in names):
            return None
    # each signature keeps the comma after it; "and" and the blanks open the next one
    starts = [0] + [core.find(",", end, start) + 1 if "," in core[end:start] else end
                    for (_, end), (start, _) in zip(names, names[1:])]
    return [("signed", start) for start in starts]


def _signer_after_role(text: str, register) -> int:
    """Where a signature starts after an office on the same line ("USSR Ambassador to the DPRK T. SHTYKOV"):
    a register person, or capitals from an initial on; 0 if none."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
    for k in range(1, len(words)):
        start = words[k][0]
        tail = text[start:]
        if register is not None:
            entry = register.lookup(tail.strip(_TRAILING))
            if entry is not None and entry.kind == "person":
                return start
        if _INITIAL.fullmatch(words[k][1]) and _looks_like_signature(tail, register):
            return start
    return 0


# --- inline marks (transcriber's brackets, OCR damage, numbers, dates) -------------------------------------

#: the transcriber's bracket (an editor's note may run to a paragraph), which may hold up to three brackets of
#: its own: "[handwritten: Agreed [signature]]"
BRACKET = re.compile(r"\[(?P<inner>[^\[\]]{0,1500}(?:\[[^\[\]]{0,300}\][^\[\]]{0,1500}){0,3})\]")
_INNER_BRACKET = re.compile(r"\[(?P<inner>[^\[\]]{0,1500})\]")
#: a bar between two numbers or a doubled bar: a table's cell separator, never a capital I
_TABLE_BAR = re.compile(r"\d[ \t]*\|[ \t]*\d|\|\|")
_TWO_BARS = re.compile(r"\|[^\n|]*\|")
#: a bar between blanks before a capitalised word or a number ("Tanks | Guns"): a cell, if the line has two
_CELL_START = re.compile(r"\S[ \t]+\|[ \t]+[A-Z\d]")
PIPE_I = re.compile(r"(?<![^\s\"“‘'(\[—-])\|(?=[\s,.;:!?'’\")\]—-]|$|[a-z]|[A-Z]{2})"
                    # in a word of capitals: "F|LIPPOV", "ROSHCH|N"
                    # (not between two long runs of capitals: "ANDONG|SINUIJU" parts two names; "COMM|SSION" is one)
                    r"|(?<=[A-Z])(?<![A-Z]{5})\|(?=[A-Z])|(?<=[A-Z]{5})\|(?=[A-Z]{1,3}(?![A-Z]))"
                    r"|(?<=[A-Z]{2})\|(?=[\s,.;:!?'’\")\]—-]|$)")
_LOWER_RUN = re.compile(r"[a-z]+")
#: a word of capitals (three at least) with one lower-case l or two in it: "PANYUSHKlN", "lNCHON"
#: the quick test for such a word: an l among three capitals (most lines have none, and the scan is then skipped)
_ELL_AMONG_CAPITALS = re.compile(r"l(?:(?<=[A-Z]{2}l)|(?<=[A-Z]l)(?=[A-Z])|(?=[A-Z]{2}))")  # (led by its l: a quick scan)
_CAPITALS_WITH_ELL = re.compile(r"(?<![\w'’-])(?=(?:l?[A-Z]){3})(?:[A-Z]*l){1,2}[A-Z]*(?![\w'’-])")
#: "l" read for "I" is a lone l before a lower-case word, after the start, a blank, a quotation mark or a
#: parenthesis; the pattern leads with its letter so the scan is quick, and looks behind it from there.
ELL_I = re.compile(r"l(?<![^\s\"“(]l)(?=\s+[a-z])")
_COPY_BEFORE = re.compile(r"\b(?:copy|COPY|Copy)\s+$")
#: "NO" without its dot counts as the sign only after the name of a document, in a teletype's capitals
#: ("YOUR TELEGRAM NO 5235"; "WAS NO 2 REGIMENTS" is a word)
_TELETYPE_SIGN = "|".join(rf"(?<={word} )NO" for word in ("TELEGRAM", "CABLE", "LETTER", "PROTOCOL", "DECISION",
                                                           "ORDER", "REPORT", "DIRECTIVE"))
#: a number after its sign; it may open with up to three capitals ("No. P78/162", "No. MZ-1137")
INLINE_NUMBER = re.compile(rf"(?P<sign>{_NUMBER_SIGN}|(?P<teletype>{_TELETYPE_SIGN}|^NO:?(?=[ \t]*\d)))[ \t\u00a0\u202f]*"
                           rf"(?P<num>(?(teletype)\d{{3}}|(?:(?<=[.º°№#][ \t\u00a0\u202f])[A-ZА-Я]{{1,3}}-?|(?<=[.º°№#])[A-ZА-Я]{{1,3}}-?)?\d)"
                           rf"[\w/\-]*(?:\.\d+)*[\w/]*)")
#: what "NO." follows when it numbers a document in a text in capitals: "YOUR TELEGRAM NO. 27"
_NAMES_A_DOCUMENT = re.compile(r"(?:TELEGRAM|CABLE|LETTER|NOTE|REPORT|DIRECTIVE|ORDER|PROTOCOL|DECISION|MESSAGE)\s*$")
_ILLEGIBLE = re.compile(r"illegible|unclear|indecipherable|unreadable|not\s+legible|undecipherable", re.IGNORECASE)
_OMISSION = re.compile(r"^\s*(?:\.\s*){2,}\.?\s*$|^\s*…\s*$")
_DESCRIBED = re.compile(
    r"^\s*(?:handwritten|handwriting|signature|signed|resolution|margin(?:al)?|in\s+the\s+margin|underlined|"
    r"crossed\s+out|text\s+missing|page|footnote|notation|note|initials|seal)\b"
    # "[Molotov's signature]", "[Stalin's handwriting]"
    r"|^\s*[^\W\d_][\w\-]*['’]s\s+(?:signature|initials|handwriting|resolution|seal|notation)\b",
    re.IGNORECASE,
)


#: a note by the translator or editor: "[Translator's note: ...]", "[ed. note: ...]", "[Note: ...]"
_NOTE_BY = re.compile(r"(?:(?:translator|editor|ed|transcriber|compiler|trans)[’']?s?\.?\s+)?(?:note|n\.\s?b\.)\s*:",
                      re.IGNORECASE)


#: a bracket about the document, not words supplied to it: "[Translated from the Korean. ...]", "[Published in
#: Pravda ...]", "[Editors' note: ...]", "[Sentence crossed out in the original.]"
_EDITORS_WORDS = re.compile(
    r"(?:translated|translation|published|printed|reprinted|editors?[’']?s?|editorial|headnote|original|"
    r"this\s+document|the\s+document)\b|"
    r"(?:sentence|paragraph|passage|line|word|words|phrase|text)\s+(?:\w+\s+){0,2}"
    r"(?:crossed|struck|deleted|omitted|missing|underlined|added|inserted|cut)\b",
    re.IGNORECASE)
#: the editors' reference to another document or note, in any case: "[see document No. 12]", "[cf. above]"
_EDITORS_REFERENCE = re.compile(r"(?:cf\.|see\s+(?:document|doc\.|note|above|below))", re.IGNORECASE)
#: a bracket that is a sentence of its own: four words or more, ending in a full stop
_EDITORS_SENTENCE = re.compile(r"^\S+(?:\s+\S+){3,}\.$")


def bracket_span(match: re.Match, offset: int = 0) -> Span:
    """The TEI reading of one bracketed transcriber's mark (see docs/ENCODING.md, 'Inline encoding')."""
    inner = match.group("inner")
    start, end = match.start() + offset, match.end() + offset
    inner_range = (start + 1, end - 1)
    attrs = {"rend": "brackets"}
    if _OMISSION.match(inner):
        return Span(start, end, "gap", {"reason": "omitted", **attrs}, inner_range)
    if _ILLEGIBLE.search(inner) and len(inner) <= 60:
        if "\n" in inner:  # "[two words" / "illegible]": a note, which keeps the line break (a gap cannot)
            return Span(start, end, "note", {"type": "editorial", "place": "inline", **attrs}, inner_range)
        return Span(start, end, "gap", {"reason": "illegible", **attrs}, inner_range)
    stripped = inner.strip()
    if _SIC.fullmatch(stripped):
        return Span(start, end, "note", {"type": "sic", "place": "inline", **attrs}, inner_range)
    if _QUERY.fullmatch(stripped):
        return Span(start, end, "note", {"type": "query", "place": "inline", **attrs}, inner_range)
    if _STAMP.match(stripped):
        return Span(start, end, "stamp", attrs, inner_range)
    if _DESCRIBED.match(stripped) or _PAGE_NOTE.fullmatch(stripped) or _NOTE_BY.match(stripped) or (
            stripped[:1].isupper() and (_EDITORS_WORDS.match(stripped) or _EDITORS_SENTENCE.search(stripped))) or (
            _EDITORS_REFERENCE.match(stripped)):
        # (the editors write a sentence of their own, capitalised: "[the original] plan", "[have not yet replied
        # to the letter.]" supply words to the text)
        return Span(start, end, "note", {"type": "editorial", "place": "inline", **attrs}, inner_range)
    return Span(start, end, "supplied", {"reason": "editorial", **attrs}, inner_range, data={"content": stripped})


def mark_inline(block: Block, idno_type: str | None) -> None:
    """Add the spans for transcriber's marks, OCR corrections, document numbers (none if `idno_type` is None)
    and dates to a block."""
    text = block.text
    spans = block.spans
    taken: list[tuple[int, int]] = []
    first_digit = _first_digit(text)
    has_digit = first_digit >= 0
    for match in BRACKET.finditer(text) if "[" in text else ():
        span = bracket_span(match)
        spans.append(span)
        if span.tag == "gap":
            taken.append((span.start, span.end))
        elif "[" in match.group("inner"):  # the brackets inside it, each the transcriber's too
            for inner in _INNER_BRACKET.finditer(text, match.start() + 1, match.end() - 1):
                spans.append(bracket_span(inner))
    # most blocks hold one bar or a few, none of them between numbers: then no line is a table row
    maybe_table = "|" in text and (_TWO_BARS.search(text) is not None or _TABLE_BAR.search(text) is not None)
    for match in PIPE_I.finditer(text) if "|" in text else ():
        if maybe_table and _in_table_row(text, match.start()):
            continue
        # "|t": the word it begins is corrected whole ("It"), so no marker or break falls inside a word
        rest = _LOWER_RUN.match(text, match.end())
        end = rest.end() if rest else match.end()
        spans.append(Span(match.start(), end, "choice", corr="I" + text[match.end():end], attrs={"cert": "high"}))
        taken.append((match.start(), end))
    for match in _ell_for_i(text):
        spans.append(Span(match.start(), match.end(), "choice", corr="I", attrs={"cert": "medium"}))
        taken.append((match.start(), match.end()))
    for match in _CAPITALS_WITH_ELL.finditer(text) if _ELL_AMONG_CAPITALS.search(text) else ():
        # "PANYUSHKlN", "ROSHCHlN": a lower-case l in a word of capitals is an I the OCR misread
        if not _overlaps(match.start(), match.end(), taken):
            spans.append(Span(match.start(), match.end(), "choice", corr=match.group().replace("l", "I"),
                              attrs={"cert": "medium"}))
            taken.append((match.start(), match.end()))
    zeros: list[tuple[int, int]] = []
    for start, end, word in zeros_for_o(text) if "0" in text else ():
        if not _overlaps(start, end, taken):
            cert = "high" if end - start > 2 else "medium"
            spans.append(Span(start, end, "choice", corr=word, attrs={"cert": cert}, data={"ocr": "zero"}))
            taken.append((start, end))
            zeros.append((start, end))
    # a number sign opens with one of these characters: without one the scan is not needed
    has_sign = has_digit and idno_type is not None and ("N" in text or "#" in text or "№" in text)
    # the signs read as corrected: "TELEGRAM N0 1724" numbers as "TELEGRAM NO 1724" (same offsets)
    for match in INLINE_NUMBER.finditer(read_zeros(text) if has_sign and "0" in text else text) if has_sign else ():
        if _overlaps(match.start("num"), match.end("num"), taken):
            continue
        if match.group("sign") == "NO." and idno_type == "reference" and not _NAMES_A_DOCUMENT.search(
                text, max(0, match.start() - 16), match.start()):
            continue  # "OUR ANSWER WAS NO. 2 REGIMENTS ...": the word
        if _COPY_BEFORE.search(text, max(0, match.start() - 6), match.start()):
            continue  # "Copy No. 2 of the draft": a copy's number, not a document's
        spans.append(Span(match.start("num"), match.end("num"), "idno", {"type": idno_type}))
        taken.append((match.start(), match.end()))
    if idno_type is not None and "/" in text and BARE_PROTOCOL_NUMBER.fullmatch(text):
        # "P78/162" alone: the protocol's number, without a sign
        spans.append(Span(0, len(text.rstrip(".")), "idno", {"type": idno_type}))
        taken.append((0, len(text)))
    # dates are read as corrected ("29 0ctober 1956"): a corrected word inside one is its part (date/choice)
    dated = read_zeros(text) if zeros else text
    for start, end, parts in _dates_across_brackets(dated, first_digit) if has_digit else ():
        if _overlaps(start, end, [t for t in taken if not (t in zeros and start <= t[0] and t[1] <= end)]):
            continue
        spans.append(Span(start, end, "date", data={"parts": parts}))
        taken.append((start, end))
        if "[" in text[start:end]:
            for index, span in enumerate(spans):
                # "[2] October 1950": a number in brackets inside a date is a part of it the transcriber
                # supplied, not a page or note number
                if span.tag == "note" and start <= span.start and span.end <= end and _PAGE_NOTE.fullmatch(
                        text[span.start + 1:span.end - 1].strip()):
                    spans[index] = Span(span.start, span.end, "supplied", {"reason": "editorial", "rend": "brackets"},
                                        span.inner, data={"content": text[span.start + 1:span.end - 1].strip()})


_LETTERS_AND_ZERO = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0")
#: words of one letter and a zero that are English words with an O ("T0 ROSHCHIN"); any other such pair
#: may be a code ("A0")
_SHORT_O_WORDS = {"TO", "NO", "DO", "SO", "GO", "OF", "ON", "OR", "OK"}


def zeros_for_o(text: str) -> list[tuple[int, int, str]]:
    """Words where OCR read the letter O as the digit zero ("M0SCOW", "R0shchin", "T0"), as (start, end,
    corrected word): letters and zeros only, no other digit next to them, at least two letters unless
    the word is a short English one."""
    found: list[tuple[int, int, str]] = []
    size = len(text)
    position = text.find("0")
    while position >= 0:
        end = position + 1
        if (position and text[position - 1].isalpha()) or (end < size and text[end].isalpha()):
            start = position
            while start and text[start - 1] in _LETTERS_AND_ZERO:
                start -= 1
            while end < size and text[end] in _LETTERS_AND_ZERO:
                end += 1
            word = text[start:end]
            before = text[start - 1] if start else " "
            after = text[end] if end < size else " "
            letters = sum(1 for char in word if char != "0")
            if not (before.isalnum() or before in "_-/." or after.isalnum() or after in "_/") and (
                    letters >= 2 or word.upper().replace("0", "O") in _SHORT_O_WORDS) and word.isascii():
                found.append((start, end, _zero_read(word)))
        position = text.find("0", end)
    return found


def _zero_read(word: str) -> str:
    """The word with each zero read as O, in the word's case: capital in a word of capitals or at its start."""
    capitals = word.replace("0", "").isupper()
    chars = list(word)
    for i, char in enumerate(chars):
        if char == "0":
            neighbour = (word[i - 1] if i and word[i - 1] != "0" else "") + (word[i + 1] if i + 1 < len(word) else "")
            chars[i] = "O" if capitals or i == 0 or not any(c.islower() for c in neighbour) else "o"
    return "".join(chars)


#: "ll" as a word of its own is no English word: the capital I of a name read as two l ("Kim ll Sung")
_ELL_ELL = re.compile(r"(?<![^\s])ll(?![^\s])")


def read_zeros(text: str) -> str:
    """`text` with the zeros that stand for O read as O, a word "ll" as "Il" and an l in a word of capitals as I
    (same length: offsets do not move)."""
    if " ll" in text or text.startswith("ll") or "\nll" in text:  # (a word "ll": most lines have none)
        text = _ELL_ELL.sub("Il", text)
    if _ELL_AMONG_CAPITALS.search(text):
        text = _CAPITALS_WITH_ELL.sub(lambda m: m.group().replace("l", "I"), text)
    if "0" not in text:
        return text
    for start, end, word in zeros_for_o(text):
        text = text[:start] + word + text[end:]
    return text


def _in_table_row(text: str, position: int) -> bool:
    """True if the "|" at `position` is in a line that is a table row: a bar there stands between numbers
    ("T-34 | 120 | 2") or is doubled ("||"), the line holds three bars or more, or two with one before a
    capitalised word or a number ("Tanks | Guns | Planes"); such bars are not I."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start:] if end < 0 else text[start:end]
    bars = line.count("|")
    return bars >= 3 or _TABLE_BAR.search(line) is not None or (bars == 2 and _CELL_START.search(line) is not None)


def _ell_for_i(text: str) -> list[re.Match]:
    """Matches of a lone "l" standing for "I" (see ELL_I)."""
    return list(ELL_I.finditer(text)) if "l" in text else []


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


# --- building messages ------------------------------------------------------------------------------------

_SINGLE_OPEN = re.compile(r"(?:^|(?<=\s))‘")
_SINGLE_CLOSE = re.compile(r"(?<=\S)’(?=[\s.,;:!?]|$)")


_MAX_QUOTE_LINES = 400
#: how deep embedded messages are read (a message in a message in a message ...)
_MAX_DEPTH = 20


#: straight single quotation marks, told from apostrophes: one opens before a word after a blank or the
#: start; one closes after a word, a figure or a stop, before a blank, a stop or the end (not a plural
#: possessive "comrades' work" before a lower-case word)
_STRAIGHT_SINGLE_OPEN = re.compile(r"(?:^|(?<=\s))'(?=[^\W\d_])")
_STRAIGHT_SINGLE_CLOSE = re.compile(r"(?<=[\w.!?,])'(?=[\s.,;:!?\"”]|$)(?<!s'(?=\s+[a-z]))", re.MULTILINE)


_STRAIGHT_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))\"(?=[^\s\"])", re.MULTILINE)
_STRAIGHT_CLOSE = re.compile(r"(?<=[^\s(\[\"])\"(?=[\s.,;:!?)\]—–-]|$)", re.MULTILINE)


def _straight_single_balance(text: str) -> int:
    """Opening minus closing straight single quotation marks (a quotation that opens with one)."""
    return len(_STRAIGHT_SINGLE_OPEN.findall(text)) - len(_STRAIGHT_SINGLE_CLOSE.findall(text))


def _quote_counts(text: str) -> tuple[int, int, int, int, int, int, int]:
    """The quotation marks of a text, counted so that the counts of consecutive lines add up: (curly opening
    minus closing, single ‘ openings, single ’ closings, left single marks, straight marks, straight
    openings, straight closings)."""
    curly = sum(text.count(q) for q in "“„«") - sum(text.count(q) for q in _CLOSE_QUOTES)
    straight = text.count('"')
    return (curly, len(_SINGLE_OPEN.findall(text)) if "‘" in text else 0,
            len(_SINGLE_CLOSE.findall(text)) if "’" in text else 0, text.count("‘"), straight,
            len(_STRAIGHT_OPEN.findall(text)) if straight else 0, len(_STRAIGHT_CLOSE.findall(text)) if straight else 0)


def _balance_of(counts: tuple[int, int, int, int, int, int, int]) -> int:
    """How many quotations the counted marks leave open."""
    curly, single_open, single_close, left_single, straight, opening, closing = counts
    # ’ is also the apostrophe: only a ’ that ends a word and follows an opening ‘ closes a quotation.
    single = single_open - single_close if single_open or left_single else 0
    # a straight mark opens before a word and closes after one, so quotations nest ("... "We ask ..."
    # ..."); a mark with blanks (or nothing) on both sides counts as parity would count it
    return curly + single + opening - closing + (straight - opening - closing) % 2


def _quote_balance(text: str) -> int:
    """How many quotations a text leaves open."""
    return _balance_of(_quote_counts(text))


def _block_end(lines: list[Line], start: int, stop: int) -> int:
    index = start + 1
    while index < stop and lines[index].blanks_before == 0:
        index += 1
    return index


#: a salutation that opens a line and a sentence goes on after it: "“Comrade Mao Zedong! We ask you ..."
_SALUTE_OPENS = re.compile(r"^[\"“„«‘']?(?:(?:dear|esteemed|respected)\s+)?(?:comrades?|cdes?\.)\s[^!.?]{1,60}!\s+\S",
                           re.IGNORECASE)


def _quote_regions(lines: list[Line], start: int, stop: int, register, relayed: int = -1) -> list[tuple[int, int]]:
    """Line ranges [a, b) of embedded messages: blocks (or the `relayed` line under a relay formula) that
    open a quotation they do not close."""
    regions = []
    index = start
    while index < stop:
        first = lines[index].text[0]
        if not (_is_block_start(lines, index) or index == relayed) or first not in _OPEN_QUOTES + "\"'":
            index += 1
            continue
        if first == "'" and index != relayed and not SALUTE.match(lines[index].text):
            index += 1  # a straight single quotation mark opens a message only with its salutation
            continue
        balance = _straight_single_balance if first == "'" else _quote_balance
        # under a relay formula the quotation may close inside its block, before lines of the outer message
        end = index + 1 if index == relayed else _block_end(lines, index, stop)
        block_text = "\n".join(line.text for line in lines[index:end])
        if balance(block_text) <= 0:
            if index == relayed or end - index >= 2 and (SALUTE.match(lines[index].text) or _SALUTE_OPENS.match(
                    lines[index].text) and _looks_like_signature(lines[end - 1].text, register)):
                # a relayed message of one line; a message of one block that opens with its salutation (on a
                # line of its own, or before the first sentence when the block ends with the signature)
                regions.append((index, end))
            index = end
            continue
        probe = end
        closed_at = None
        # the marks are counted line by line, over the whole quotation so far (a closing ’ is only known as
        # one in context)
        counts = [_quote_counts(block_text)] if first != "'" else [(_straight_single_balance(block_text),)]
        # a quotation of several paragraphs opens each with a straight mark again and closes only the last
        # ("The volunteers ... / "We ask ... / "The question ... agree."): a paragraph that opens so under
        # one that opened so and did not close continues the quotation, it opens no other
        continued = 0
        block_open = first == '"' and balance(block_text) > 0
        while probe < min(stop, index + _MAX_QUOTE_LINES):
            text = lines[probe].text
            if _is_block_start(lines, probe):
                if first == '"' and text.startswith('"') and block_open:
                    continued += 1
                block_open = text.startswith('"') and _quote_balance(
                    "\n".join(line.text for line in lines[probe:_block_end(lines, probe, stop)])) > 0
            counts.append(_quote_counts(text) if first != "'" else (_straight_single_balance(text),))
            probe += 1
            total = tuple(map(sum, zip(*counts)))
            counts = [total]
            if (total[0] if first == "'" else _balance_of(total)) - continued <= 0:
                closed_at = probe
                break
        if closed_at is None:
            closed_at = _unclosed_quote_end(lines, index, stop, register)
        regions.append((index, closed_at))
        index = closed_at
    return regions


#: what introduces a message given without quotation marks: "Text of the answer:", "the following:"
_INTRODUCES = re.compile(r"(?:\btext\s+of\b[^:]{0,60}|\bthe\s+following(?:\s+\w+){0,3}|\bas\s+follows|"
                         r"\b(?:reads|says|stated)\b[^:]{0,20})\s*:$", re.IGNORECASE)


_END_OF_TEXT = re.compile(r"^\[?(?:end\s+of\s+(?:the\s+)?(?:text|telegram|message|letter|quotation|quote))\]?\.?$",
                          re.IGNORECASE)


def _introduced_regions(lines: list[Line], start: int, stop: int, register,
                        taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Line ranges of messages given without quotation marks after a line that introduces them ("Text of
    the answer:" / "Comrade Gromyko!" ... signature): from the salutation or heading to the message's
    signature and the date and number lines under it, or to "End of text."; only where either is found."""
    regions: list[tuple[int, int]] = []
    memo: dict[int, list[tuple[str, int]] | None] = {}  # the lines' closing roles, asked once
    for index in range(max(start, 1), stop):
        if not _is_block_start(lines, index) or any(a <= index < b for a, b in taken + regions):
            continue
        above, text = lines[index - 1].text, lines[index].text
        if text[0] in _OPEN_QUOTES + "\"'" or not (_INTRODUCES.search(above) or above.endswith(":") and RELAY.match(
                above)):
            continue
        if classify_top(text, register) not in {"salute", "head", "addressee"}:
            continue
        end = _introduced_end(lines, index, stop, register, memo)
        if end is not None:
            regions.append((index, end))
    return regions


def _introduced_end(lines: list[Line], start: int, stop: int, register,
                    memo: dict[int, list[tuple[str, int]] | None] | None = None) -> int | None:
    """Where a message introduced without quotation marks ends (see `_message_end`), if the message that
    introduces it has a signature of its own after it: else the lines are that message's own."""
    memo = {} if memo is None else memo
    end = _message_end(lines, start, stop, register, at_end_of_text=True, memo=memo)
    if end is None:
        return None
    for index in range(end, stop):
        if _signed_line(lines, index, register, memo):
            return end
    return None


def _signed_line(lines: list[Line], index: int, register, memo: dict[int, list[tuple[str, int]] | None]) -> bool:
    """True if line `index` holds a signature (its closing roles looked up in `memo` first)."""
    if index not in memo:
        memo[index] = classify_bottom(lines[index].text, register)
    parts = memo[index]
    return bool(parts) and any(role == "signed" for role, _ in parts)


def _message_end(lines: list[Line], start: int, stop: int, register, at_end_of_text: bool = False,
                 memo: dict[int, list[tuple[str, int]] | None] | None = None) -> int | None:
    """Where a message that opens at `start` ends: after its signature and the date and number lines under
    it (or, with `at_end_of_text`, before an "End of text." line); None if neither is found."""
    memo = {} if memo is None else memo
    for index in range(start + 1, stop):
        if at_end_of_text and _END_OF_TEXT.match(lines[index].text):
            return index  # "End of text.": the outer message's again
        if _signed_line(lines, index, register, memo):
            end = index + 1
            while end < stop:
                follow = classify_bottom(lines[end].text, register)
                if not follow or follow[0][0] not in {"dateline", "number"}:
                    break
                end += 1
            return end
    return None


def _unclosed_quote_end(lines: list[Line], start: int, stop: int, register) -> int:
    # A quotation mark that is never closed: the message ends after its own signature and the date and
    # number lines that follow it; without a signature it runs to the end.
    end = _message_end(lines, start, stop, register)
    return stop if end is None else end


#: a speaker's name opening a line of a conversation recorded as dialogue ("Stalin: ...", "ZHOU ENLAI: ...",
#: "Comrade I.V. Stalin: ..."): up to four capitalised words, then a colon and the words said
_SPEAKER = re.compile(r"(?:(?:Comrade|Cde\.|Mr\.|Mrs\.|Ambassador|General|Marshal|Premier|Chairman|Minister)[ \t]+)?"
                      r"(?P<name>(?:[A-ZА-ЯЁ][\w'’.-]*[ \t]+){0,3}[A-ZА-ЯЁ][\w'’-]*)[ \t]*:(?=[ \t]+\S)")
_INITIALS_RUN = re.compile(r"(?:[^\W\d_]{1,2}\.)+")
#: first words of labels that are not speakers ("Present: ...", "Note: ...", "Top Secret: ...")
_NOT_SPEAKERS = _NOT_NAMES | {
    "present", "participants", "attended", "absent", "note", "notes", "source", "subject", "copies", "attachment",
    "enclosure", "agenda", "decision", "resolved", "resolution", "vote", "voting", "distribution", "re", "date",
    "place", "translator", "translator's", "translated", "answer", "question", "reply", "text", "item", "items",
    "point", "points", "reference", "ref", "priority", "urgent", "cc", "ps", "total", "conclusion", "conclusions",
    "proposal", "proposals", "request", "telegram", "cable", "letter", "memorandum", "appendix", "annex",
    "address", "signed", "sent", "received", "title", "archive", "original", "language", "remark", "comment",
    "summary", "excerpt", "extract", "editor's", "explanation", "result", "results", "report", "agreed",
    "a", "an", "in", "on", "at", "by", "with", "as", "if", "we", "they", "it", "he", "she", "i", "you", "our",
    "this", "these", "that", "there", "here", "but", "all", "questions", "answers", "time",
    "heard", "decided", "enemy", "losses", "own", "weather", "situation", "task", "tasks", "aim",
    "purpose", "reason", "basis", "grounds", "remarks", "chairman", "secretary", "speaker",
}


def _speaker_turns(lines: list[Line], register) -> dict[int, int]:
    """The lines that open a speaker's turn in a conversation recorded as dialogue: index -> where the
    speaker's label (name and colon) ends. A dialogue has at least two speakers; a label counts when the
    register knows the person or the document gives it to two turns or more ("Present:" does not count)."""
    candidates: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        text = line.text
        if ":" not in text[:60] or not text[:1].isupper():
            continue
        match = _SPEAKER.match(text)
        if match is None:
            continue
        name = match.group("name")
        words = name.split()
        if any(w.casefold().strip(".,") in _NOT_SPEAKERS for w in words) or all(_INITIAL.fullmatch(w) for w in words):
            continue
        said = text[match.end():].lstrip()
        if said[:3] == "to " or said[:1].isdigit():
            continue  # "Molotov: to prepare the draft ...", "Stalin: 2 copies": a task or copy list, not a speech
        candidates.append((index, match.end(), " ".join(words).casefold()))
    if len(candidates) < 2:
        return {}
    counts: dict[str, int] = {}
    for _, _, name in candidates:
        counts[name] = counts.get(name, 0) + 1
    known: dict[str, bool] = {}
    for name in counts:
        core = " ".join(w for w in name.split() if not _INITIALS_RUN.fullmatch(w))  # ("i.v. stalin": "stalin")
        entry = register.lookup(core) if register is not None and core else None
        known[name] = entry is not None and entry.kind == "person"
    accepted = {name for name in counts if known[name] or counts[name] >= 2}
    if len(accepted) < 2 or not any(known[name] for name in accepted):
        return {}  # (a dialogue of the genre has a speaker the register knows: "Enemy:" / "Losses:" is a report)
    # in a dialogue, a full name the register lacks speaks even once ("Chen Yun: ...")
    accepted |= {name for name in counts if len(name.split()) >= 2}
    return {index: end for index, end, name in candidates if name in accepted}


class _Builder:
    """Builds a Message from a range of lines; embedded messages recurse."""

    def __init__(self, lines: list[Line], register, warnings: list[str], path: str):
        self.lines = lines
        self.register = register
        self.warnings = warnings
        self.path = path
        self.page = 1
        #: lines split after a relay formula: where the body's part of the line starts
        self.line_from: dict[int, int] = {}
        #: classify_bottom of a line, by index: the closer's scan asks again for the lines of a block
        self._bottom_parts: dict[int, list[tuple[str, int]] | None] = {}
        #: lines of names side by side that the register lacks: signatures only if none follows them
        self._side_by_side: set[int] = set()
        #: a page-number line went into the paragraph above: the next block continues that paragraph
        self.join_next = False
        #: lines that open a speaker's turn (index -> end of the speaker's label)
        self.turns = _speaker_turns(lines, register)

    def message(self, start: int, stop: int, kind: str | None, depth: int) -> Message:
        message = Message(kind=kind or "document")
        index = start
        top_roles: list[tuple[int, int, str]] = []
        while index < stop:
            line = self.lines[index]
            if index > start and line.text[0] in _OPEN_QUOTES + "\"'" and (
                    _is_block_start(self.lines, index) or top_roles and top_roles[-1][2] == "relay"):
                # an opening quotation mark (a block's, or the line's under a relay formula) starts an
                # embedded message, not this opener
                break
            bracket_end = self._bracket_lines(index, stop)
            if bracket_end:
                # a transcriber's note over several lines above the heading: "[handwritten: To Comrades ..." /
                # "Agreed. I. Stalin]"
                top_roles.append((index, bracket_end, "source" if _SOURCE_LINE.match(line.text) else "mark"))
                index = bracket_end
                continue
            role = classify_top(line.text, self.register)
            if role == "salute" and line.text.endswith(":") and _OFFICE_FIRST_SALUTE.match(line.text) and (
                    index + 1 < stop and not _is_block_start(self.lines, index + 1) or any(
                        r == "head" and RECORD_HEADING.match(self.lines[k].text) for k, _, r in top_roles)):
                # "Chairman Mao:" over the words he spoke, in its block or in a record of conversation: a
                # speaker's label, no salutation
                role = None
            if role == "head" and (any(r == "salute" for _, _, r in top_roles) or self._runs_on(index, stop)):
                break  # "Letter from Kim Il Sung to Mao Zedong" / "has been handed over.": a sentence
            if role == "salute" and top_roles and top_roles[-1][2] == "relay" and self.lines[
                    top_roles[-1][1] - 1].text.endswith(":") and _introduced_end(self.lines, index, stop, self.register):
                break  # "Transmit the following to ...:" / "Comrade Mao Zedong!": the relayed message begins
            if role is None and self._stray_top_line(index, stop):
                role = "other"
            if role is None and depth == 0 and all(r in _ABOVE_HEADING for _, _, r in top_roles) and (
                    self._above_heading(index, stop)):
                role = "other"  # the archive's lines above the heading: "From the Archive of ...", "Translated by ..."
            if role is None and depth == 0 and _is_block_start(self.lines, index) and all(
                    r in _ABOVE_HEADING for _, _, r in top_roles) and self._headnote(index, stop):
                # an editor's headnote above the heading: a paragraph of its own, not the document's text
                end = _block_end(self.lines, index, stop)
                top_roles.append((index, end, "other"))
                index = end
                continue
            cut = _addressee_cut(line.text, self.register) if role in (None, "addressee") else None
            if cut is not None:
                # "To Cde. Shtykov. Your No. 1215 received.": the addressee, then the text on its line
                top_roles.append((index, index + 1, "addressee"))
                self.line_from[index] = cut
                break
            cut = _dateline_cut(line.text, self.register) if role is None and _is_block_start(self.lines, index) else None
            if cut is not None:
                # "Moscow, 24 April 1951. TASS is authorised ...": the place and date, then the text on its line
                top_roles.append((index, index + 1, "dateline"))
                self.line_from[index] = cut
                break
            if role is None:
                break
            if role == "routing" and index + 1 < stop and not _is_block_start(self.lines, index + 1) and (
                    not _ROUTE_ADDRESSEE.search(line.text)) and classify_top(
                    self.lines[index + 1].text, self.register) == "dateline" and not date_line(line.text) and not any(
                    classify_top(self.lines[k].text, self.register) in ("addressee", "relay", "routing")
                    for k in range(index + 2, min(stop, index + 5))):
                # (with an addressee line below, the place over the date is where the telegram goes: routing)
                # "Warsaw, Belweder" / "28 June 1950": where the letter was written, over its date
                top_roles.append((index, index + 2, "dateline"))
                index += 2
                continue
            if role == "head" and message.kind == "document":
                message.kind = _kind_of(strip_quotes(read_zeros(self.lines[index].text)))
            end = self._top_continuation(index, stop, role)
            cut = _relay_cut(line.text) if role == "relay" else None
            if cut is not None:
                end = index + 1  # (the message starts on the formula's line and goes on below it)
            top_roles.append((index, end, role))
            if cut is not None:
                # "Transmit ... to Mao Zedong. We will ship ...": the message starts on the formula's line
                self.line_from[index] = cut
                break
            index = end
        body_start = index
        search_from = body_start
        if depth > 0 and body_start == start:
            # the block that opened this embedded message cannot open it again
            search_from = _block_end(self.lines, start, stop)
        # the line under a relay formula opens the relayed quotation even without a blank line between
        relayed = body_start if top_roles and top_roles[-1][2] == "relay" and body_start not in self.line_from else -1
        regions: list[tuple[int, int]] = []
        if depth < _MAX_DEPTH:  # (messages nest deeper only in damaged or hostile input: the rest is text)
            regions = _quote_regions(self.lines, search_from, stop, self.register, relayed)
            regions = sorted(regions + _introduced_regions(self.lines, max(search_from, start + 1), stop,
                                                           self.register, regions))
        quoted = set()
        for a, b in regions:
            quoted.update(range(a, b))
        low = body_start + (body_start in self.line_from)
        end, bottom = self._closing_lines(low, stop, quoted, True)
        notes = [k for k, (_, parts, _) in enumerate(bottom) if parts[0][0] == "footnote"]
        closing = [k for k, (_, parts, _) in enumerate(bottom) if any(r in {"signed", "dateline"} for r, _ in parts)]
        if notes and closing and notes[0] < closing[0] < notes[-1]:
            # numbered lines over the date or signature are the body's list ("3. The Soviet Government ..."),
            # those under it footnotes
            cut = max(k for k in notes if k < closing[0])
            end, bottom = bottom[cut][2], bottom[cut + 1:]
        elif notes and not closing or notes and notes[0] < closing[0]:
            # a numbered line is a translator's footnote only under a signature or a date
            end, bottom = self._closing_lines(low, stop, quoted, False)
        # A page number directly under the body is the body's (a closer of page numbers alone is none).
        while bottom and bottom[0][1][0][0] == "fw":
            end = bottom.pop(0)[2]
        # Numbered copy items belong to the closer only after a distribution header.
        while bottom and bottom[0][1][0][0] == "copy-item":
            end = bottom.pop(0)[2]
        # An office in capitals that ends the document with no name under it signs it ("SECRETARY OF THE CC
        # VKP(b)" under a decision of the Politburo).
        # So does one with only dates, numbers, copy lists or notes under it (SECRETARY OF THE CC / 26.VI.50).
        unsigned = not any(role == "signed" for _, parts, _ in bottom for role, _ in parts)
        for k, (first, parts, last) in enumerate(bottom if unsigned else ()):
            if parts == [("role", 0)] and last - first == 1 and all(
                    p[0][0] in _UNDER_OFFICE for _, p, _ in bottom[k + 1:]):
                office = re.sub(r"\([^()]*\)", "", self.lines[first].text)  # (the "(b)" of VKP(b))
                if office == office.upper() and _OFFICE_FIRST.match(office):
                    bottom[k] = (first, [("signed", 0)], last)
                break
        # A title line belongs to the closer only directly above (or before) a signature.
        while bottom and bottom[0][1][0][0] == "role" and not (
                len(bottom[0][1]) > 1 or len(bottom) > 1 and bottom[1][1][0][0] == "signed"):
            end = bottom.pop(0)[2]
        # An instruction, copy, title, transmission line, postscript, source or footnote that continues a
        # sentence is body text.
        # (and so is one whose sentence the closing line under it goes on with: "Please inform ... will be" /
        # "sent to Port Arthur by 15 January.")
        while bottom and _sentence_role(bottom[0][1]) and (not self._sentence_start(bottom[0][0]) or len(
                bottom) > 1 and _sentence_role(bottom[1][1]) and not self._sentence_start(bottom[1][0])):
            end = bottom.pop(0)[2]
        # So is a name that ends a sentence begun on the line above ("... will be sent to you by" / "Kim Il Sung.").
        while bottom and (bottom[0][1][0][0] == "signed" or not _sentence_role(bottom[0][1]) and bottom[0][1][0][0] == (
                "role")) and self._ends_a_sentence(bottom[0][0]):
            end = bottom.pop(0)[2]  # (also a rank and a name: "... were" / "Marshal Zakharov")
        # A rank and a name in ordinary case over another block that signs is a list of those present, not a
        # signature ("Major General Razuvaev" / ... / "Recorded by A. FEDORENKO").
        while bottom and bottom[0][1][0][0] == "role" and not _sentence_role(bottom[0][1]) and not (
                self.lines[bottom[0][0]].text.isupper()) and any(
                k > bottom[0][0] and _is_block_start(self.lines, k) for k in range(bottom[0][0] + 1, bottom[-1][2])) and any(
                role == "signed" for _, parts, _ in bottom[1:] for role, _ in parts):
            end = bottom.pop(0)[2]
        # So is a signature marked "(Signed)" at the end of a paragraph over another block that signs: the text
        # of a statement passed on, its signature with it ("... by 31 December 1952." / "(Signed) A. Vyshinsky").
        while bottom and bottom[0][1] == [("signed", 0)] and SIGNED_PREFIX.match(self.lines[bottom[0][0]].text) and not (
                _is_block_start(self.lines, bottom[0][0])) and any(
                k > bottom[0][0] and _is_block_start(self.lines, k) for k in range(bottom[0][0] + 1, bottom[-1][2])) and any(
                role == "signed" for _, parts, _ in bottom[1:] for role, _ in parts):
            end = bottom.pop(0)[2]
        # So is a date that ends a sentence begun on the line above ("... report the fulfillment by" /
        # "25 March.").
        # (not under a line that ends in a capitalised word, a name or a place: "Hong Kong" / "12 March 1954"
        # keeps its date); and a date under a line that ends in a colon is what that line announces ("The last
        # column crossed at:" / "21.30 19 October 1950")
        while bottom and bottom[0][1][0][0] == "dateline" and not _is_block_start(self.lines, bottom[0][0]) and (
                not self._sentence_start(bottom[0][0]) and (_LOWER_LAST_WORD.search(self.lines[bottom[0][0] - 1].text)
                                                            or self._ends_a_sentence(bottom[0][0]))
                or self.lines[bottom[0][0] - 1].text.rstrip().endswith(":")):
            end = bottom.pop(0)[2]
        for line_index, line_end, role in top_roles:
            self._top_block(message, line_index, line_end, role)
        message.body = self.body(body_start, end, regions, depth)
        for line_index, parts, line_end in bottom:
            if line_end - line_index > 1:
                message.bottom.append(self._lines_block(parts[0][0], line_index, line_end))
            else:
                self._bottom_blocks(message, line_index, parts)
        if not message.body and message.bottom:
            # a closer follows body text (TEI): a message of closing lines alone has its first as its text, a
            # paragraph (a signature keeps its role, so it still names the sender)
            message.body.append(message.bottom.pop(0))
        if message.kind == "document" and depth == 0 and any(
                block.role == "salute" and _LETTER_SALUTE.match(block.text) for block in message.top):
            message.kind = "letter"  # no heading names the kind, but "Dear Comrade ..." opens a letter
        return message

    def _closing_lines(self, low: int, stop: int, quoted: set[int], notes: bool
                       ) -> tuple[int, list[tuple[int, list[tuple[str, int]], int]]]:
        """The closer's lines, scanned up from `stop`: where the body ends, and (first line, parts, end) each."""
        end = stop
        bottom: list[tuple[int, list[tuple[str, int]], int]] = []
        while end > low and (end - 1) not in quoted:
            # a postscript, source citation or footnote runs from its opening line to the end of its block
            first, role = self._trailer(low, end, quoted, notes)
            if first >= 0:
                bottom.insert(0, (first, [(role, 0)], end))
                end = first
                continue
            page_number = PAGE_NUMBER.match(self.lines[end - 1].text)
            if page_number and _is_block_start(self.lines, end - 1):
                # a page-number line among the closer's lines (or under them): the page break it numbers
                bottom.insert(0, (end - 1, [("fw", 0)], end))
                end -= 1
                continue
            parts = self._classify_bottom(end - 1)
            if parts and end - 1 in self._side_by_side and any(
                    role == "signed" for _, later, _ in bottom for role, _ in later):
                parts = None  # names side by side above the signature: a table's row ("VAN FLEET   PAIK SUN YUP")
            if parts is None and (self._name_over_office(end - 1, bottom) or self._name_under_valediction(end - 1)):
                parts = [("signed", 0)]
            if parts is None and end - 2 >= low and (end - 2) not in quoted and not _is_block_start(
                    self.lines, end - 1) and self._place_line(
                    self.lines[end - 1].text) and (self._classify_bottom(end - 2) or [("", 0)])[-1][0] == "dateline":
                # "5 May 1951" / "Beijing": the place under its date, one dateline
                bottom.insert(0, (end - 2, [("dateline", 0)], end))
                end -= 2
                continue
            first = self._addressee_above(low, end) if parts is None else -1
            if first >= 0:
                # "To the Embassy of the United Kingdom of Great Britain" / "and Northern Ireland" / "Moscow": one
                # addressee over its lines
                bottom.insert(0, (first, [("addressee", 0)], end))
                end = first
                continue
            if parts is None and bottom and bottom[0][1][0][0] == "dateline" and bottom[0][0] == end and (
                    self._place_line(self.lines[end - 1].text)):
                # "Pyongyang" / "29 September 1950": the place of the date line above it, one dateline
                bottom[0] = (end - 1, bottom[0][1], bottom[0][2])
                end -= 1
                continue
            if parts is None:
                first = self._role_above(low, end) if bottom and bottom[0][1][0][0] in {"signed", "role"} else -1
                if first < 0 and (not bottom or bottom[0][1][0][0] in _UNDER_OFFICE):
                    # an office over several lines under the signature ("MAO ZEDONG" / "Chairman of the
                    # Central People's Government" / "of the People's Republic of China")
                    first = self._role_above(low, end)
                    signer = self._classify_bottom(first - 1) if first > low else None
                    # (the name over it may be one the register lacks: "Mátyás Rákosi" / "General Secretary" / "of ...")
                    first = first if signer and signer[-1][0] == "signed" or first > low and not _is_block_start(
                        self.lines, first) and self._personal_name(self.lines[first - 1].text) else -1
                if first < 0:
                    break
                # an office over several lines ("Chairman of the Cabinet of Ministers" / "of the DPRK")
                parts = [("role", 0)]
                bottom.insert(0, (first, parts, end))
                end = first
                continue
            bottom.insert(0, (end - 1, parts, end))
            end -= 1
        return end, bottom

    def _addressee_above(self, low: int, end: int) -> int:
        """First line of a note verbale's addressee whose further lines (the name going on, "and Northern
        Ireland"; the place, "Moscow") end at `end`; -1 if there is none."""
        index = end - 1
        if self._place_line(self.lines[index].text):
            index -= 1
        while index > low and _ROLE_CONTINUATION.match(self.lines[index].text):
            index -= 1
        if index < low or index == end - 1 or any(_is_block_start(self.lines, k) for k in range(index + 1, end)):
            return -1
        return index if (self._classify_bottom(index) or [("", 0)])[0][0] == "addressee" else -1

    def _in_a_table(self, index: int) -> bool:
        """True if the line above or below `index`, in its block, also parts its cells with runs of blanks."""
        return (not _is_block_start(self.lines, index) and bool(self.lines[index - 1].wide_gaps)) or (
            index + 1 < len(self.lines) and not _is_block_start(self.lines, index + 1)
            and bool(self.lines[index + 1].wide_gaps))

    def _ends_a_sentence(self, index: int) -> bool:
        """True if line `index` finishes a sentence of the line above it in its block: that line ends in a word
        that cannot end one ("... sent to you by" / "Kim Il Sung.", "... the territory of the" / "USSR.")."""
        if _is_block_start(self.lines, index):
            return False
        return bool(_ENDS_WITH_FUNCTION_WORD.search(self.lines[index - 1].text.rstrip()))

    def _office_or_valediction_above(self, index: int) -> bool:
        """True if a valediction or an office (over one line or several, or with "(signature)" under it) stands
        right above line `index`."""
        above = index - 1
        while above > 0 and not _is_block_start(self.lines, above + 1) and (
                _SIGNATURE_ALONE.match(self.lines[above].text) or _ROLE_CONTINUATION.match(self.lines[above].text)):
            above -= 1
        if above < 0:
            return False
        text = self.lines[above].text
        valediction = VALEDICTION.match(text)
        return bool(SIGNATORY_ROLE.match(text) or _ON_BEHALF.match(text)
                    or valediction and not text[valediction.end():].strip(_TRAILING))  # (the whole line: "Greetings to ..." is none)

    def _name_under_valediction(self, index: int) -> bool:
        """A name in ordinary case the register lacks right under a valediction, an office or a signature's mark
        ("With comradely greetings," / "Klement Gottwald", "On behalf of the Central Committee ..." / "Enver
        Hoxha", "/s/" / "Dean Rusk"): a signature."""
        marked = index > 0 and not _is_block_start(self.lines, index) and _SIGNATURE_ALONE.match(self.lines[index - 1].text)
        if index == 0 or not (marked or self._office_or_valediction_above(index)):
            return False
        if _is_block_start(self.lines, index) and index + 1 < len(self.lines) and not _is_block_start(
                self.lines, index + 1):
            return False  # (after a blank line, the name stands alone in its block)
        return self._personal_name(self.lines[index].text)

    def _personal_name(self, text: str) -> bool:
        """Two to four capitalised words (or initials) that name no place or body and hold no word of one."""
        if self.register is not None and any(name.entry.kind != "person" for name in self.register.find(text)):
            return False  # "Czechoslovak Republic", "Long Live Democratic Korea"
        words = text.strip(_ALL_QUOTES + "’").split()  # (the closing mark of a quoted letter after the name)
        if text.rstrip().endswith(":") or any(w.casefold().strip(".,!:") in _INSTITUTION_WORDS for w in words):
            return False
        return 2 <= len(words) <= 4 and all(
            _INITIAL.fullmatch(w) or (w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()) for w in words)

    def _name_over_office(self, index: int, bottom: list) -> bool:
        """A name in ordinary case the register lacks, directly over the office under it ("Mátyás Rákosi" /
        "General Secretary"): a signature."""
        if not bottom or bottom[0][1][0][0] != "role" or bottom[0][0] != index + 1 or _is_block_start(
                self.lines, index + 1) or any(role == "signed" for _, parts, _ in bottom for role, _ in parts):
            return False
        return self._personal_name(self.lines[index].text)

    def _classify_bottom(self, index: int) -> list[tuple[str, int]] | None:
        """classify_bottom of line `index`, asked once."""
        if index not in self._bottom_parts:
            line = self.lines[index]
            parts = classify_bottom(line.text, self.register)
            if line.wide_gaps and parts in (None, [("signed", 0)]):
                # names side by side, parted by runs of blanks: a signature each ("ZHOU ENLAI   NIE RONGZHEN")
                starts = [0] + [gap + 1 for gap in line.wide_gaps]
                pieces = [line.text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line.text)])]
                if sum(1 for piece in pieces if not (_SIGNATURE_ALONE.match(piece) or BRACKET.fullmatch(piece))) < 2:
                    pieces = []  # "ROSHCHIN    (signature)": one name and its mark, no names side by side
                kinds = [getattr(self.register.lookup(piece), "kind", "") if self.register else "" for piece in pieces]
                if not pieces:
                    pass
                elif all(_looks_like_signature(piece, self.register) for piece in pieces) and not any(
                        kind in ("place", "org") for kind in kinds):
                    # names the register lacks (or not all persons it has): a table's row ("KAESONG      MUNSAN") unless no other
                    # signature follows (_closing_lines decides); a place among them ("KOVALEV   MUKDEN") never signs
                    parts = [("signed", start) for start in starts]
                    if not all(kind == "person" for kind in kinds):
                        self._side_by_side.add(index)  # (all of them register persons: co-signers)
                    if not all(kind == "person" for kind in kinds) and self._in_a_table(index):
                        parts = None  # rows of names parted by blanks, one under the other: a table
                elif parts == [("signed", 0)] and all(any(len(w) > 1 for w in piece.split()) for piece in pieces):
                    parts = None  # cells of a table's row, not one name (letter-spacing, "K I M  I L", is one)
            if parts is None and index > 0 and date_line(line.text, place_after=True) and (
                    self._classify_bottom(index - 1) or [("", 0)])[-1][0] == "signed":
                parts = [("dateline", 0)]  # "KIM IL SUNG" / "14 November 1950, Pyongyang"
            if parts == [("signed", 0)] and _unproven_signature(self.lines[index].text, self.register):
                if not self._office_or_valediction_above(index):
                    parts = None  # "C. Fuel" ending a lettered list: an initial and a word, no office above
            self._bottom_parts[index] = parts
        return self._bottom_parts[index]

    def _trailer(self, low: int, end: int, quoted: set[int], notes: bool) -> tuple[int, str]:
        """(first line, role) of a postscript, source citation or footnote that ends at `end`; (-1, "") if none."""
        index = end - 1
        credit = -1  # a translator's credit under the citation it goes with ("Source: ..." / "Translated by ...")
        while index >= max(low, end - _MAX_TRAILER_LINES) and index not in quoted:
            text = self.lines[index].text
            last = self._classify_bottom(end - 1) if DISTRIBUTION.match(text) and index < end - 1 else None
            wraps = DISTRIBUTION.match(text) and index < end - 1 and (last is None or all(r == "signed" for r, _ in last))
            if wraps and text.rstrip().endswith((",", ";")) and _list_end(self.lines[end - 1].text):
                # (names after the comma go on with the list: "..., Vyshinsky," / "Gromyko, Zakharov")
                return index, "distribution"  # a copy list that wraps: "Distributed to: ..., Kaganovich," / "Bulganin"
            if DISTRIBUTION.match(text) and index < end - 1 and text.rstrip().endswith(":") and not any(
                    COPY_ITEM.match(line.text) for line in self.lines[index + 1:end]):
                # "Copies to:" / "Marshal VASILEVSKY" / "Army General ZAKHAROV": the names under it are the list's, they
                # sign nothing
                return index, "distribution"
            if text.startswith("[") and index < end - 1 and BRACKET.fullmatch(
                    "\n".join(line.text for line in self.lines[index:end])):
                # a transcriber's note over several lines: "[handwritten: ..." / "... Stalin]"; a source citation
                return index, "source" if _SOURCE_LINE.match(text) else "mark"
            if index == end - 1 and BRACKET.fullmatch(text) and _is_block_start(self.lines, index) and (
                    self._closing_line_above(low, index)):
                # "[Published in Pravda, 30 June 1950.]" in a block of its own under the closing lines
                return index, "source" if _SOURCE_LINE.search(text) else "mark"
            match = TRAILER.match(text)
            if match is not None:
                role = match.lastgroup
                if role == "note":
                    block = "\n".join(line.text for line in self.lines[index:end])
                    if not text.startswith("[") or BRACKET.fullmatch(block):
                        return index, "footnote"  # "Translator's note: ..." after the last line
                    # (else "[Translator's note: ...] We ask ...": a note inside a paragraph)
                elif role == "postscript" and self._classify_bottom(index) is not None:
                    match = None  # "P. S. ROSHCHIN": a signature with initials, not a postscript
                elif role == "footnote" and self._classify_bottom(index) == [("dateline", 0)]:
                    match = None  # "14 November 1950, Pyongyang" under the signature: a date, not a note
                elif match.group("translator") and not _is_block_start(self.lines, index):
                    credit = index if credit < 0 else credit
                    match = None  # the citation above it, if there is one, holds it too
                elif role != "footnote" or notes and (self._classify_bottom(index) is None or (_NOTE_MARK.match(
                        text) or _DOTTED_NOTE.match(text)) and not self._under_distribution(index, low)):
                    return index, role
            if _is_block_start(self.lines, index):
                break
            index -= 1
        return (credit, "source") if credit >= 0 else (-1, "")

    def _closing_line_above(self, low: int, index: int) -> bool:
        """True if one of the few lines right above `index` is a closing line (a signature, date, valediction)."""
        return any(self._classify_bottom(k) for k in range(max(low, index - 4), index))

    def _place_line(self, text: str) -> bool:
        """A place alone on a line (a register place, or a name of one to three capitalised words), or a
        place and its seat ("Moscow, Kremlin")."""
        if _place_alone(text, self.register):
            return True
        core = text.strip(" .,")
        if self.register is not None and self.register.lookup(core) is not None:
            return False  # a person or body of the register
        # a place the register lacks: one word ("Ulaanbaatar"), not a phrase ("Long Live Korea")
        return core[:1].isupper() and core.replace("-", "").isalpha() and not _looks_like_signature(core, self.register) \
            and core.lower() not in _NOT_NAMES

    def _under_distribution(self, index: int, low: int) -> bool:
        """True if a distribution header ("Distributed to:") stands a few lines above: numbered lines under
        it are its copy list, not footnotes."""
        return any(DISTRIBUTION.match(self.lines[k].text) for k in range(max(low, index - 12), index))

    def _role_above(self, low: int, end: int) -> int:
        """First line of an office whose last lines continue it ("of the ..."), ending at `end`; -1 if none."""
        index = end - 1
        while index > low and end - index < 4 and (_ROLE_CONTINUATION.match(self.lines[index].text) or (
                _RANK.fullmatch(self.lines[index].text))):  # (a rank under the office: "Lieutenant General")
            if _is_block_start(self.lines, index):
                return -1
            index -= 1
        # (an office, or a body on whose behalf the signer signs: "On behalf of the Central Committee" / "of ...")
        if index == end - 1 or not (SIGNATORY_ROLE.match(self.lines[index].text) or _ON_BEHALF.match(
                self.lines[index].text) and len(self.lines[index].text.split()) <= 14):
            return -1
        return index

    def _sentence_start(self, index: int) -> bool:
        if _is_block_start(self.lines, index) or self.lines[index].text.startswith("["):
            return True  # (a bracketed line is the transcriber's: "[Source: ...]" under the last line)
        return self.lines[index - 1].text.rstrip(_ALL_QUOTES + "’").endswith((".", "!", "?", ":"))

    def _new_block(self, role: str, index: int, text: str | None = None, continues: bool = False) -> Block:
        line = self.lines[index]
        if line.joined and not continues:
            # the rest of the line above, after its blank
            text, continues = " " + (line.text if text is None else text), True
        block = Block(role=role, text=line.text if text is None else text, line=line.no, continues_line=continues,
                      blank_before=not continues and line.blanks_before > 0 and not line.page_break_before)
        if line.page_break_before and not continues:
            self.page += 1
            block.page_breaks[0] = self.page
        return block

    def _stray_top_line(self, index: int, stop: int) -> bool:
        # A short unrecognised line ("Series G") among opener lines belongs to the opener when a line
        # the genre puts there (addressee, salutation, routing ...) still follows close below.
        text = self.lines[index].text
        words = text.split()
        # a letterhead may name its body at length: "Communist Party of the Soviet Union (Bolsheviks). CENTRAL
        # COMMITTEE"
        letterhead = len(words) <= 12 and not _FINITE_VERB.search(text) and not _ENDS_WITH_LINK_WORD.search(
            text) and any(w.casefold().strip(".,()") in _LETTERHEAD_WORDS for w in words)
        if len(words) > 6 and not letterhead or text.endswith((".", "!", "?")):
            return False
        for ahead in range(index + 1, min(stop, index + 4)):
            role = classify_top(self.lines[ahead].text, self.register)
            if role in {"addressee", "salute", "relay", "routing", "security", "head", "sender"}:
                return True
        return False

    def _bracket_lines(self, index: int, stop: int) -> int:
        """The end of a transcriber's bracket that opens line `index` and closes at the end of a later line
        of its block (0 if there is none)."""
        if not self.lines[index].text.startswith("[") or "]" in self.lines[index].text:
            return 0
        for end in range(index + 1, min(stop, index + 6)):
            if _is_block_start(self.lines, end):
                return 0
            if "]" in self.lines[end].text:
                text = "\n".join(line.text for line in self.lines[index:end + 1])
                return end + 1 if BRACKET.fullmatch(text) else 0
        return 0

    def _runs_on(self, index: int, stop: int) -> bool:
        """True if a heading line with parties or a subject runs on into a sentence on the next line ("Letter
        from Kim Il Sung to Mao Zedong" / "has been handed over."): then it is no heading."""
        heading = HEADING.match(strip_quotes(self.lines[index].text))
        if heading is None or not heading.group("tail") or index + 1 >= stop or _is_block_start(self.lines, index + 1):
            return False
        if RECORD_HEADING.match(strip_quotes(self.lines[index].text)):
            return False  # a record's heading wraps: "..., by the Deputy Assistant Secretary of State" / "for ..."
        following = self.lines[index + 1].text
        # (a heading that wraps goes on with "of the ...": "... of the session of the Politburo" / "of the CC VKP(b)")
        return following[:1].islower() and not _HEADING_SUBJECT.match(following) and not _heading_wraps(following)

    def _headnote(self, start: int, stop: int) -> bool:
        """True if the block at `start` (the transcription's first, or under an archive's lines) is an editor's
        headnote: a paragraph of prose (too long for an archive's line) with the document's heading right
        under it."""
        end = _block_end(self.lines, start, stop)
        if end >= stop or self.lines[start].text[:1] in _OPEN_QUOTES + "\"'[" or all(
                _METADATA_LINE.match(line.text) for line in self.lines[start:end]):
            return False  # (an archive page's "Title: ..." / "Source: ..." lines are lines of their own)
        words = sum(len(line.text.split()) for line in self.lines[start:end])
        heading = HEADING.match(strip_quotes(self.lines[end].text))
        return words > 14 and classify_top(self.lines[end].text, self.register) == "head" and (
            heading is not None and heading.group("num") is not None or RECORD_HEADING.match(self.lines[end].text))

    def _above_heading(self, index: int, stop: int) -> bool:
        """A line of an archive's or a letterhead's at the top of a transcription: a heading follows within
        a few lines, and every line up to it is short and no sentence."""
        for ahead in range(index, min(stop, index + 8)):
            text = self.lines[ahead].text
            if ahead > index and classify_top(text, self.register) == "head":
                return True
            if ahead > index and _is_block_start(self.lines, ahead) and self._headnote(ahead, stop):
                return True  # the archive's lines, then an editor's headnote, then the heading
            if ahead > index and classify_top(text, self.register) == "salute" and all(
                    _METADATA_LINE.match(self.lines[k].text) for k in range(index, ahead)):
                return True  # an archive page's metadata above a letter that has no heading: "Title: ..."
            if len(text.split()) > 14 or (text.endswith((".", "!", "?")) and not BRACKET.fullmatch(text)
                                          and not NUMBER_LINE.match(text) and not _INITIALS_END.search(text)
                                          and not _METADATA_LINE.match(text) and not _SOURCE_LINE.match(text)):
                return False
        return False

    def _top_continuation(self, index: int, stop: int, role: str) -> int:
        # Lines that finish an opener line: "From the diary of" / "N.V. ROSHCHIN", or the lower-case
        # lines under a heading ("RECORD OF CONVERSATION" / "with Chairman Mao Zedong").
        end = index + 1
        while end < stop and end - index < 4:
            previous, line = self.lines[end - 1].text, self.lines[end].text
            if role == "head" and _HEADING_SUBJECT.match(line) and len(line) <= 120:
                end += 1  # "REPORT" / "on the situation in North Korea": the subject, even after a blank
                continue
            if role == "head" and not _is_block_start(self.lines, end) and RECORD_HEADING.match(
                    strip_quotes(self.lines[index].text)) and not previous.endswith((".", "!", "?")) and not (
                    date_line(line) and date_line(line)[0] == 0 and not GOES_ON_WITH_DATE.search(previous)):
                # (a date alone under it is the opener's dateline, unless the line above leads to it: "..., on")
                end += 1  # a record's heading wrapped: "... and the Ambassador of the" / "People's Republic ..."
                continue
            if _is_block_start(self.lines, end) and not _ENDS_WITH_LINK_WORD.search(previous):
                break
            if _ENDS_WITH_LINK_WORD.search(previous) or (role == "head" and line[:1].islower()):
                end += 1
                continue
            if role == "addressee" and previous.endswith((",", ";")) and len(line.split()) <= 12 and not (
                    line.endswith(("!", ":"))) and classify_top(line, self.register) is None and _list_end(
                    line) and not _FINITE_VERB.search(line):
                end += 1  # a list of addressees that wraps: "To Comrades Molotov, ... - everything;" / "Shtemenko - point 3."
                continue
            if role == "relay" and not _is_block_start(self.lines, end) and not previous.endswith((":", ".", "!")) and (
                    line.endswith(":") and len(line.split()) <= 10 and classify_top(line, self.register) is None) and (
                    _ENDS_WITH_FUNCTION_WORD.search(previous) or _ENDS_WITH_POSSESSIVE.search(previous)
                    or line[:1].islower() or len(line.split()) <= 2):
                # (the formula breaks off mid-phrase: "... answer to his" / "letter of 30 September:", "... to
                # Comrade Kim Il" / "Sung:"; "... the following" / "Our answers are as follows:" is the message)
                end += 1  # a relay formula that wraps: "... the following answer to his" / "letter of 30 September:"
                continue
            if role == "distribution" and previous.endswith(",") and not _is_block_start(self.lines, end) and (
                    classify_top(line, self.register) is None and len(line.split()) <= 12):
                end += 1  # a copy list that wraps: "Copies: Stalin (2), Molotov, ... Kaganovich," / "Bulganin, Vyshinsky"
                continue
            if role in ("routing", "addressee") and FOR_TRANSMISSION.match(line):
                end += 1  # "BEIJING, TO KOTOV" / "for transmission to Mao Zedong."
                continue
            if role == "other" and _ATTACHMENT.match(previous) and line.startswith("to "):
                end += 1  # "Appendix" / "to point 162 of Protocol No. 78"
                continue
            first = read_zeros(self.lines[index].text)  # "T0 THE CHAIRMAN ...": TO, read with a zero
            office = role == "addressee" and (ADDRESSED_OFFICE.match(strip_quotes(first)) or _TO_THE.match(first))
            if office and (_ROLE_CONTINUATION.match(line) and line.startswith(("of ", "for ", "and ")) or (
                    line.startswith("(") and line.endswith(")") and len(line.split()) <= 3)):
                # ("... of the All-Union Communist Party" / "(Bolsheviks)")
                end += 1  # the office's name going on: "To the Chairman of the Council of Ministers" / "of the USSR"
                continue
            holder = _COMRADE_NAME.search(line)  # "Marshal of the Soviet Union Comrade A. M. VASILEVSKY"
            if office and len(line.split()) <= (10 if holder else 8) and not line.endswith(("!", ",", ":")) and (
                    _LEADING_TITLE.match(line) or line[:1].isupper() and not line.endswith(".")
                    and not previous.endswith((".", ",", ";"))):
                # the office's holder ("Comrade J. V. Stalin" under "To the Chairman of ..." or "TO THE CC"), or
                # the office's name going on ("... of the Union of Soviet" / "Socialist Republics")
                end += 1
                continue
            break
        return end

    def _top_block(self, message: Message, index: int, end: int, role: str) -> None:
        if index in self.line_from:
            block = self._new_block(role, index, self.lines[index].text[:self.line_from[index]].rstrip(" "))
            self.lines[index].page_break_before = False  # written before this block, not again before the body
        else:
            block = self._lines_block(role, index, end) if end - index > 1 else self._new_block(role, index)
        if end - index > 1:
            block.spans.clear()
        idno_type = "document" if role in {"head", "number"} else "reference"
        line = self.lines[index]
        if role in {"sender", "routing"} and end - index == 1 and line.wide_gaps and NUMBER_LINE.match(
                line.text[line.wide_gaps[-1] + 1:].strip()):
            idno_type = "document"  # "From PYONGYANG      Nº 1427": the telegram's own number, set apart on its line
        # "Copy No. 2" numbers the copy, "DOCUMENT No. 27" the collection's item, not the document: no idno
        # (tools collect idnos as document numbers)
        mark_inline(block, None if role == "security" or _COLLECTION_NUMBER.match(block.text) else idno_type)
        year = _HEADING_YEAR.search(block.text) if role == "head" else None
        if year and not any(span.tag == "date" for span in block.spans):
            # "CIPHERED TELEGRAM No. 512, 1952": the year the document was written in
            parts = DateParts(int(year.group("year")), None, None)
            block.spans.append(Span(year.start("year"), year.end("year"), "date", data={"parts": parts}))
        message.top.append(block)

    def _bottom_blocks(self, message: Message, index: int, parts: list[tuple[str, int]]) -> None:
        text = self.lines[index].text
        # Each piece ends at its last non-blank: the blank that separates it from the next one opens that
        # one, so no character is lost and a signature holds only the name (renderers drop whitespace-only
        # text between the closer's elements, so the blank cannot stand there).
        cuts = [0] + [len(text[:offset].rstrip(" ")) for _, offset in parts[1:]] + [len(text)]
        if parts[0][0] == "fw":  # a page number among the closer's lines: between them (no p there)
            self._page_number(message.bottom, index, int(PAGE_NUMBER.match(text).group("n")))
            return
        for number, (role, _) in enumerate(parts):
            piece = text[cuts[number]:cuts[number + 1]]
            role = "distribution" if role == "copy-item" else role
            block = self._new_block(role, index, piece, continues=number > 0)
            mark_inline(block, "outgoing" if role == "number" else "reference")
            message.bottom.append(block)

    def body(self, start: int, stop: int, regions: list[tuple[int, int]], depth: int) -> list:
        items: list = []
        region_at = {a: b for a, b in regions}
        index = start
        while index < stop:
            line = self.lines[index]
            if index in region_at:
                self.join_next = False
                if line.page_break_before:
                    self.page += 1
                    items.append(PageBreak(self.page, line.no))
                    line.page_break_before = False
                end = region_at[index]
                inner = self.message(index, end, "message", depth + 1)
                items.append(Quote(inner, line.no))
                index = end
                continue
            end = _block_end(self.lines, index, stop)
            end = min([end] + [a for a in region_at if index < a < end])
            self._body_block(items, index, end)
            index = end
        return items

    def _body_block(self, items: list, start: int, end: int) -> None:
        while end - start > 1 and self._page_furniture(items, start):
            start += 1  # a page's number or running head opening the block, over the text it interrupts
        if end - start > 1 and PAGE_NUMBER.match(self.lines[end - 1].text) and (
                self.lines[end - 1].page_break_before or self.lines[start].page_break_before):
            # a heading over the page's number at the top of a page ("CONCLUSIONS ..." / "- 2 -"): the number is
            # the page's own line, not the heading's
            self._body_block(items, start, end - 1)
            self._page_number(items, end - 1, int(PAGE_NUMBER.match(self.lines[end - 1].text).group("n")))
            return
        first = self.lines[start]
        page_number = PAGE_NUMBER.match(first.text)
        previous = _running_block(items)
        continues = first.page_break_before and previous is not None and _runs_on_to(previous, first.text)
        if page_number and end - start == 1:
            self._page_number(items, start, int(page_number.group("n")))
            return
        if end - start == 1 and _NUMBERED_RUNNING_HEAD.fullmatch(first.text) and self._page_furniture(items, start):
            return
        if end - start == 1 and (first.page_break_before and previous is not None or self._under_page_number(start)) \
                and _security(first.text):
            # "TOP SECRET" again at the top of the next page (or under its number): the page's running head
            if first.page_break_before:
                self.page += 1
            self._page_line(items, start, self.page, "header", new_page=first.page_break_before)
            return
        if self.join_next:
            # the line after a page number or running head inside a paragraph: the paragraph runs on
            self.join_next = False
            continues = previous is not None
        turns = [k for k in range(start, end) if k in self.turns]
        if turns:
            if turns[0] > start:
                self._lead(items, previous if continues else None, start, turns[0])
            for a, b in zip(turns, turns[1:] + [end]):
                self._speech(items, a, b)
            return
        item_starts = self._item_starts(start, end, items)
        if item_starts:
            if item_starts[0] > start:
                self._lead(items, previous if continues else None, start, item_starts[0])
                continues = False
            bounds = item_starts + [end]
            furniture = []
            while len(items) > len(furniture) + 1 and isinstance(items[-1 - len(furniture)], Block) and (
                    items[-1 - len(furniture)].role in ("fw", "fw-header")):
                furniture.insert(0, items[-1 - len(furniture)])
            if furniture and isinstance(items[-1 - len(furniture)], ListBlock) and item_starts[0] == start and (
                    _same_numbering(items[-1 - len(furniture)], self.lines[start].text)):
                # the page's number or running head between two items of one list: inside the list
                del items[-len(furniture):]
                items[-1].items.extend(furniture)
            lst = items[-1] if isinstance(items[-1] if items else None, ListBlock) and item_starts[0] == start and (
                _same_numbering(items[-1], self.lines[start].text)) else None
            if lst is None:
                lst = ListBlock([])
                if first.page_break_before and item_starts[0] == start:
                    self.page += 1
                    items.append(PageBreak(self.page, first.no))
                    first.page_break_before = False
                items.append(lst)
            # continuing a list: a page break before this item is written inside the list by the item itself
            for a, b in zip(bounds, bounds[1:]):
                block = self._lines_block("item", a, b)
                lst.items.append(block)
            return
        if continues:
            self._extend(previous, start, end)
            return
        self._paragraph(items, start, end, False)

    def _page_furniture(self, items: list, index: int) -> bool:
        """Place line `index`, the first of a block, as a page's own line if it is one (its number; a security
        line after a page break or the page's number: the running head); False if it is text."""
        line = self.lines[index]
        number = PAGE_NUMBER.match(line.text)
        if number:
            self._page_number(items, index, int(number.group("n")))
            return True
        if _security(line.text) and (line.page_break_before or self._under_page_number(index)) and (
                _running_block(items) is not None):
            if line.page_break_before:
                self.page += 1
            self._page_line(items, index, self.page, "header", new_page=line.page_break_before)
            return True
        below = self.lines[index + 1] if index + 1 < len(self.lines) else None
        numbered = below is not None and not below.page_break_before and below.blanks_before == 0 and (
            PAGE_NUMBER.match(below.text))
        beside = _NUMBERED_RUNNING_HEAD.fullmatch(line.text)
        if beside and (not (index + 1 >= len(self.lines) or _is_block_start(self.lines, index + 1)) or (
                _NOT_A_RUNNING_HEAD.search(line.text)) or 1900 <= int(next(g for g in beside.groups() if g)) <= 2099):
            beside = None  # a line of the text ("PLAN OF OPERATIONS FOR 1951", "APPENDIX TO TELEGRAM 4413")
        if line.page_break_before and _running_block(items) is not None and (
                numbered and _RUNNING_HEAD.fullmatch(line.text) or beside):
            # the printed collection's running head over the page's number ("COLD WAR ... BULLETIN" / "Page 2
            # of 3"), or beside it ("46 COLD WAR INTERNATIONAL HISTORY PROJECT BULLETIN": the page's number)
            number = numbered.group("n") if numbered else next(g for g in beside.groups() if g)
            self.page = int(number)
            self._page_line(items, index, self.page, "header")
            return True
        return False

    def _under_page_number(self, index: int) -> bool:
        """True if the line above `index` is a page-number line that itself follows a page break."""
        return index > 0 and PAGE_NUMBER.match(self.lines[index - 1].text) is not None and (
            self.lines[index - 1].page_break_before or self.lines[index - 1].blanks_before > 0)

    def _page_number(self, items: list, index: int, n: int) -> None:
        """A page-number line ("- 2 -"): the page break it numbers, inside a paragraph it interrupts."""
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        # the number of the page a blank run began a few lines above: that page's number, no second break
        same_page = n == self.page and not self.lines[index].page_break_before and index > 0
        if following is not None and following.page_break_before and not same_page:
            following.page_break_before = False  # blank runs around the number: one page break, this one
        # (the number of this page at its foot, "- 1 -" over a blank run: the break comes after it)
        self.page = n
        self._page_line(items, index, n, "pageNum", new_page=not same_page)

    def _page_line(self, items: list, index: int, n: int, kind: str, new_page: bool = True) -> None:
        """A page's own line (its number, its running head) after the page break `n` (none if not
        `new_page`): inside the paragraph or list item it interrupts mid-sentence, else between blocks."""
        line = self.lines[index]
        ahead = index + 1
        while ahead < len(self.lines) and ahead - index < 3 and PAGE_NUMBER.match(self.lines[ahead].text):
            ahead += 1  # (the text goes on under the page's number, not with it)
        following = self.lines[ahead] if ahead < len(self.lines) else None
        previous = _running_block(items)
        if previous is not None and following is not None and _runs_on_to(previous, following.text):
            # mid-sentence: pb and fw go inside the paragraph, which goes on after them (TEI: fw is a
            # milestone-like element, allowed inside p)
            offset = len(previous.text) + 1
            previous.text += "\n" + line.text
            if new_page:
                previous.page_breaks[offset] = n
            previous.spans.append(Span(offset, offset + len(line.text), "fw", {"type": kind}))
            self.join_next = True
            return
        block = Block("fw" if kind == "pageNum" else f"fw-{kind}", line.text, line.no)
        if new_page:
            block.page_breaks[0] = n
        items.append(block)

    def _item_starts(self, start: int, end: int, items: list) -> list[int]:
        # a list interrupted by a paragraph, quotation, page break or a list numbered otherwise (a), b) under
        # 2.) resumes with its next number
        expected: set[str] = set()
        kinds: set[bool] = set()
        for item in reversed(items):
            last = ITEM.match(item.last_item.text) if isinstance(item, ListBlock) and item.last_item else None
            if last:
                marker = last.group("n") or last.group("p")
                if marker.isdigit() not in kinds:
                    kinds.add(marker.isdigit())
                    expected.add(_next_marker(marker))
                if len(kinds) == 2:
                    break
        starts = []
        for index in range(start, end):
            match = ITEM.match(self.lines[index].text)
            if not match:
                continue
            marker = match.group("n") or match.group("p")
            first_item = not starts and marker in {"1", "a"} and (
                index == start or self.lines[index - 1].text.endswith(":")
            )
            if first_item or marker in expected:
                starts.append(index)
                expected = {_next_marker(marker)}
        return starts

    def _lines_block(self, role: str, start: int, end: int) -> Block:
        cut = self.line_from.get(start)
        if cut is None:
            joined = self.lines[start].joined  # the rest of the line above: it continues that line
            lead = " " if joined else ""
            # (a line split off inside the block goes on its line: a blank, no line break)
            text = "".join(("" if k == start else " " if line.joined else "\n") + line.text
                           for k, line in enumerate(self.lines[start:end], start))
            block = self._new_block(role, start, lead + text, continues=joined)
            offset = len(lead) + len(self.lines[start].text) + 1
        else:
            # the rest of a relay formula's line: it continues that line (no lb), its blank first
            first = len(self.lines[start].text[:cut].rstrip(" "))
            head = self.lines[start].text[first:]
            # (a line split off below goes on its line too: a blank, no line break)
            text = head + "".join((" " if line.joined else "\n") + line.text for line in self.lines[start + 1:end])
            block = self._new_block(role, start, text, continues=True)
            offset = len(head) + 1
        for line in self.lines[start + 1:end]:
            if line.page_break_before:
                self.page += 1
                block.page_breaks[offset] = self.page
            offset += len(line.text) + 1
        mark_inline(block, "reference")
        return block

    def _paragraph(self, items: list, start: int, end: int, _continues: bool) -> None:
        first = self.lines[start]
        if first.page_break_before:
            self.page += 1
            items.append(PageBreak(self.page, first.no))
            first.page_break_before = False
        block = self._lines_block("p", start, end)
        cells = [_cell_gaps(line) for line in self.lines[start:end]]
        if end - start >= 2 and sum(1 for gaps in cells if gaps) >= max(2, end - start - 1) and "\n" in block.text and (
                start not in self.line_from):
            # a table set out in columns: its lines stay lines in every reading, and the tabs or runs of blanks
            # that part its cells are marked where they stand (a blank of the text, then <space/>)
            block.rend = "columns"
            offset = 0
            for line, gaps in zip(self.lines[start:end], cells):
                offset = block.text.find(line.text, offset)
                if offset < 0:
                    break  # (a line not whole in the block: no gaps marked from here)
                for gap in gaps:
                    block.spans.append(Span(offset + gap, offset + gap + 1, "space", {"dim": "horizontal"}))
                offset += len(line.text)
        items.append(block)

    def _lead(self, items: list, running: Block | None, start: int, end: int) -> None:
        """The lines of a block before its first list item or turn: they continue the `running` paragraph
        (across a page break) if there is one, else make a paragraph."""
        if running is not None:
            self._extend(running, start, end)
        else:
            self._paragraph(items, start, end, False)

    def _speech(self, items: list, start: int, end: int) -> None:
        """A speaker's turn: the label ("Stalin:") as the speaker, the rest of its line and the lines below
        as what was said, one paragraph that continues the label's line."""
        first = self.lines[start]
        if first.page_break_before:
            self.page += 1
            items.append(PageBreak(self.page, first.no))
            first.page_break_before = False
        label_end = self.turns[start]
        speaker = self._new_block("speaker", start, first.text[:label_end])
        mark_inline(speaker, "reference")
        self.line_from[start] = label_end
        said = self._lines_block("p", start, end)
        del self.line_from[start]
        items.append(Speech(speaker, said))

    def _extend(self, block: Block, start: int, end: int) -> None:
        # The paragraph runs on across a page break: join the new lines to it after a <pb/>.
        addition = self._lines_block("p", start, end)
        base = len(block.text) + 1
        block.text = block.text + "\n" + addition.text
        for offset, n in addition.page_breaks.items():
            block.page_breaks[base + offset] = n
        for span in addition.spans:
            span.start += base
            span.end += base
            if span.inner:
                span.inner = (span.inner[0] + base, span.inner[1] + base)
            block.spans.append(span)


_RELAY_SENTENCE_END = re.compile(r"(?P<word>[^\W\d_]+)[.:!](?=[ \t]+[\"“„«‘']?[A-Z])")
#: abbreviations that end in a dot inside a formula (to Cde. Mao): no sentence ends there
_ABBREVIATIONS = {"cde", "cdes", "mr", "mrs", "messrs", "gen", "col", "lt", "no", "st", "dr", "gov", "adm"}


def _relay_cut(text: str) -> int | None:
    """Where the message starts on a relay formula's line ("Transmit ... to Mao Zedong. We will ..."), if it does."""
    for end in _RELAY_SENTENCE_END.finditer(text):
        word = end.group("word")
        if len(word) == 1 and word.isupper() or word.casefold() in _ABBREVIATIONS:
            continue  # an initial or an abbreviation
        return end.end() if RELAY.match(text[:end.end()]) else None
    return None


#: the salutation of a letter ("Dear Comrade Stalin,"); a telegram's is "Comrade Mao Zedong!"
_LETTER_SALUTE = re.compile(r"\s*[\"“‘']?(?:My\s+)?(?:Dear|Respected|Esteemed|Honou?red|Deeply\s+respected)\b",
                            re.IGNORECASE)


#: the line that opens an attachment to a document: "Attachment", "Appendix No. 2", "Enclosure:"
_ATTACHMENT = re.compile(r"^(?:Attachment|Appendix|Enclosure|Annex|Supplement)(?:\s+(?:No\.?\s*)?\d+)?\s*[.:]?$",
                         re.IGNORECASE)


def _following_documents(lines: list[Line], register) -> list[int]:
    """Where further documents start in a transcription: a heading with a number ("CIPHERED TELEGRAM
    No. 25199") that opens a block right after a closing line (a signature, date or number), outside any
    quotation (a telegram and its reply transcribed one under the other), or a line "Attachment" after
    the closing lines of a document (an office too: a decision and the telegram attached to it)."""
    starts = []
    for index in range(2, len(lines)):
        line = lines[index]
        # the document's security lines may stand above its heading, in its block: "TOP SECRET" / "CIPHERED ..."
        attachment = line.blanks_before and _ATTACHMENT.match(line.text)
        heading = None if attachment else HEADING.match(strip_quotes(line.text))
        if heading is None and not attachment:
            continue
        first = index
        while first > 2 and not _is_block_start(lines, first) and _security(lines[first - 1].text):
            first -= 1
        if not _is_block_start(lines, first):
            heading = None
        if not attachment and (heading is None or not heading.group("num") or not _plausible_tail(heading)):
            continue
        if not attachment and not _has_body(lines, starts[-1] if starts else 0, first, register):
            continue  # the number line of a document's head above its heading ("No. P79/211" / "Extract ...")
        last = _above_trailers(lines, first - 1) if attachment else first - 1
        if last < 1:
            continue
        closing = classify_bottom(lines[last].text, register)
        in_block = False
        if attachment and not closing:
            # the block above may end in an addressee under the date (a note verbale's): a closing line in it
            top = last
            while top > 0 and not _is_block_start(lines, top):
                top -= 1
            closing = next((parts for parts in (classify_bottom(line.text, register) for line in lines[top:last])
                            if parts and parts[-1][0] in {"dateline", "signed", "number"}), None)
            in_block = closing is not None
        if not closing or closing[-1][0] not in {"dateline", "signed", "number"} and not (
                attachment and closing[-1][0] == "role"):
            continue
        above = lines[last - 1].text
        if not in_block and not _is_block_start(lines, last) and not above.rstrip(_ALL_QUOTES + "’)").endswith((".", "!", "?")) \
                and classify_bottom(above, register) is None and not _place_alone(above, register):
            continue  # "... has been fixed for" / "15 July 1951": the date ends a sentence ("Moscow, Kremlin" does not)
        if index + 1 < len(lines) and not _is_block_start(lines, index + 1) and lines[index + 1].text[:1].islower() \
                and not (attachment and lines[index + 1].text.startswith("to ")) and not _heading_wraps(lines[index + 1].text):
            continue  # "Report No. 3 of the Commission" / "will be sent to you ...": a sentence (not "Appendix" /
            # "to point 162 of Protocol No. 78")
        if _quote_balance("\n".join(line.text for line in lines[starts[-1] if starts else 0:index])) > 0:
            continue  # inside a quotation: a quoted document, not a new one
        starts.append(first)
    return starts


def heading_goes_on(line: str, following: str) -> bool:
    """True if a heading's line goes on with the line under it: it ends in a preposition or article ("... of
    the"), or the next names a body or a date without a verb ("of the CC VKP(b)", "of 2 October 1950")."""
    return bool(_ENDS_WITH_LINK_WORD.search(line)) or _heading_wraps(following)


def _heading_wraps(text: str) -> bool:
    """True if `text` goes on with a heading's line above: the name of a body, no verb ("of the CC VKP(b)"; not
    "of the Ministry of Defence has been examined by us")."""
    return bool(_HEADING_WRAP.match(text) and _ROLE_CONTINUATION.match(text)) and not _FINITE_VERB.search(text)


def _has_body(lines: list[Line], start: int, stop: int, register) -> bool:
    """True if a line of [start, stop) is body text, not a line of a document's head (security, number ...)."""
    # (a short line without a stop above the heading may be a letterhead's: "... CENTRAL COMMITTEE")
    return any(classify_top(line.text, register) is None and (
        len(line.text.split()) > 8 or line.text.endswith((".", "!", "?", ":"))
        or classify_bottom(line.text, register) is not None) for line in lines[start:stop])


#: lower-case words a copy list's last line may hold ("Zakharov M.V. - all.", "Shtemenko - point 3.")
_LIST_WORDS = {"all", "and", "each", "everything", "point", "points", "item", "items", "copy", "copies", "for"}


def _list_end(text: str) -> bool:
    """True if `text` may end a copy list that wraps: names, not a sentence ("Bulganin, Vyshinsky",
    "Zakharov M.V. - all."; not "The rest follows later.")."""
    if not text.rstrip().endswith("."):
        return True
    words = re.findall(r"[^\W\d_]+", text)
    return len(text.split()) <= 8 and not any(w.islower() and len(w) > 2 and w not in _LIST_WORDS for w in words)


def _above_trailers(lines: list[Line], index: int) -> int:
    """The last line above the footnotes, source citations and enclosure lines whose blocks end at `index`."""
    while index > 0:
        start = index
        while start > 0 and not _is_block_start(lines, start):
            start -= 1
        trailer = TRAILER.match(lines[start].text)
        if trailer is None or trailer.lastgroup not in {"footnote", "source", "enclosure", "note"} or (
                date_line(lines[start].text)):
            return index  # (a closing date, "12 October 1950", opens like a numbered note and is none)
        index = start - 1
    return index


#: an addressee line with the text going on after it: "To Cde. Shtykov. Your No. 1215 received."
_ADDRESSEE_OPENING = re.compile(r"^(?:To|TO)\s+\S")
_STOP_BEFORE_SENTENCE = re.compile(r"\.[ \t]+(?=[A-ZА-Я\"“«])")


def _addressee_cut(text: str, register) -> int | None:
    """Where the text starts on an addressee's line ("To Cde. Shtykov. Your No. 1215 received."), if it does:
    after the first full stop that ends a word (not an initial, "A. M. VASILEVSKY", nor "Cde.")."""
    if not _ADDRESSEE_OPENING.match(text):
        return None
    for stop in _STOP_BEFORE_SENTENCE.finditer(text):
        word = text[:stop.start()].split()[-1] if text[:stop.start()].split() else ""
        if len(word.strip(".")) <= 2 or word.casefold() in ("cde", "cdes", "comrade"):
            continue  # an initial or an abbreviation
        head = text[:stop.start() + 1]
        if len(head.split()) > 12:
            return None
        return stop.end() if classify_top(head, register) == "addressee" else None
    return None


def _dateline_cut(text: str, register) -> int | None:
    """Where the text starts on a line that opens with its place and date ("Moscow, 24 April 1951. TASS is
    authorised to state ..."), if it does: after the date's full stop. The place is one the register knows
    ("Yesterday, 24 June 1950. ..." is a sentence)."""
    for stop in _STOP_BEFORE_SENTENCE.finditer(text):
        head = text[:stop.start()]
        dated = date_line(head)
        if not dated or dated[0] == 0 or dated[1] != len(head):
            return None
        return stop.end() if _place_alone(head[:dated[0]].strip(" ,"), register) else None
    return None


def _runs_on_to(block: Block, text: str) -> bool:
    """True if `block`'s sentence runs on into `text` across a page break: the text starts in lower case,
    or (a paragraph, not a list item, which often ends without a stop) the block ends without one."""
    if ITEM.match(text) and block.role == "item":
        return False  # the list's next item ("c) The advisers ..."), lettered in lower case
    if text[:1].islower():
        return True
    end = len(block.text)
    for span in sorted((s for s in block.spans if s.tag == "fw"), key=lambda s: -s.end):
        if span.end == end:
            end = span.start  # the page's own lines at its end (a running head): the sentence ends above them
    ending = block.text[:end].rstrip(_ALL_QUOTES + "’)\n")
    if ending.endswith((",", "-")) or _ENDS_WITH_FUNCTION_WORD.search(ending):
        return True  # (a list item too: "... the bridges at Sinuiju and" / "Huichon every day.")
    if "\n" not in ending and ending.isupper() and not text.isupper():
        return False  # a heading in capitals, alone in its block ("CONCLUSIONS AND PROPOSALS"), goes on with nothing
    return block.role == "p" and not ending.endswith((".", "!", "?", ":"))


def _running_block(items: list) -> Block | None:
    """The block a page break may interrupt: the last paragraph, or the last item of the last list."""
    previous = items[-1] if items else None
    if isinstance(previous, Block) and previous.role == "p":
        return previous
    if isinstance(previous, ListBlock) and previous.items:
        return previous.items[-1]
    if isinstance(previous, Speech):
        return previous.said
    return None


_SENTENCE_END = re.compile(r"[.!?][\"”»’']?[ \t]+(?=\S)")
_CAPITALS_AFTER_SENTENCE = re.compile(r"[.!?][\"”»’']?[ \t]+[^\W\d_]\.?[ \t]?[^\W\d_]*[A-ZА-Я]{2}")


def _split_trailing_signature(lines: list[Line], register) -> list[Line]:
    """The last sentence's line split where a signature in capitals follows it on the same line ("... we
    agree. GROMYKO 5 June 1951"), so the signature (and its date) can close the document."""
    # a quick look first: one of the last lines has a sentence end and then a word in capitals
    candidates = [k for k in range(max(0, len(lines) - 6), len(lines)) if _CAPITALS_AFTER_SENTENCE.search(lines[k].text)]
    if not candidates:
        return lines
    index = len(lines) - 1
    while index > candidates[0] and classify_bottom(lines[index].text, register) is not None:
        index -= 1  # the closing lines under it ("No. 221/sh")
    if index not in candidates or classify_bottom(lines[index].text, register) is not None:
        return lines
    text = lines[index].text
    ends = list(_SENTENCE_END.finditer(text))
    if not ends:
        return lines
    stop = ends[-1].start()
    if text[stop:stop + 1] == "." and re.search(r"(?:^|[\s.])[^\W\d_]$", text[:stop]):
        return lines  # "W. PIECK O. GROTEWOHL W. ULBRICHT": the dot of an initial ends no sentence
    tail = text[ends[-1].end():]
    parts = classify_bottom(tail, register)
    if not parts or parts[0][0] != "signed":
        return lines
    name = tail[:parts[1][1]] if len(parts) > 1 else tail
    if not any(char.isalpha() for char in name) or name != name.upper():
        return lines  # a sentence ending in a capitalised name is no signature
    if text == text.upper() and (register is None or register.lookup(_without_brackets(name).strip(_TRAILING)) is None):
        return lines  # in a text all in capitals ("... ESTABLISHED. SITUATION STABLE") only a known name signs
    line = lines[index]
    cut = len(text[:ends[-1].end()].rstrip(" \t"))
    return lines[:index] + [Line(line.no, text[:cut], line.blanks_before, line.page_break_before, line.joined),
                            Line(line.no, tail, 0, False, True)] + lines[index + 1:]


def _split_relayed_quotes(lines: list[Line]) -> list[Line]:
    """Lines where a quotation opens after a relay formula ('Transmit ... to Mao Zedong: "Comrade ...'),
    split in two there, so the quoted message starts on a line of its own (joined to the formula's)."""
    result: list[Line] = []
    for line in lines:
        text = line.text
        cut = _relay_cut(text) if ('"' in text or "“" in text or "«" in text or "„" in text) and RELAY.match(text) else None
        rest = text[cut:].lstrip(" ") if cut is not None else ""
        if rest[:1] in _OPEN_QUOTES + '"' and rest:
            result.append(Line(line.no, text[:cut], line.blanks_before, line.page_break_before, line.joined))
            result.append(Line(line.no, rest, 0, False, True))
        else:
            result.append(line)
    return result


def _same_numbering(lst: ListBlock, text: str) -> bool:
    """True if the item on `text` is numbered as the last item of `lst` is: digits after digits, letters after
    letters (a note "1) ..." under a list "a) ... b) ..." starts a list of its own)."""
    last = ITEM.match(lst.last_item.text) if lst.last_item else None
    new = ITEM.match(text)
    if last is None or new is None:
        return True
    marker, previous = new.group("n") or new.group("p"), last.group("n") or last.group("p")
    if _item_style(last) != _item_style(new) and marker != _next_marker(previous):
        return False  # "4. Proposals" over "1) ...", "2) ...": a list of its own (not "2." then "3)")
    if marker in ("1", "a") and previous not in ("1", "a"):
        return False  # numbered from 1 again: another list
    return (last.group("n") or last.group("p")).isdigit() == (new.group("n") or new.group("p")).isdigit()


def _item_style(item: re.Match) -> str:
    """How an item's number is written: "(1)", "1." or "1)"."""
    if item.group("p"):
        return "()"
    return item.string[item.end("n"):item.end("n") + 1]


def _next_marker(marker: str) -> str:
    return str(int(marker) + 1) if marker.isdigit() else chr(ord(marker) + 1)


def _kind_of(heading: str) -> str:
    """The div type a heading names ("document" if none)."""
    heading = heading.strip("[] ")
    if RECORD_HEADING.match(heading):
        return "record"
    match = HEADING.match(heading) or POSSESSIVE_HEADING.match(heading)
    if not match:
        return "document"
    kind_text = match.group("kind")
    for pattern, kind in _KINDS:
        if re.fullmatch(pattern, kind_text, re.IGNORECASE):
            return kind
    return "document"


#: where the lines of a heading's stack written on one line part: a full stop and a capital after it
_STACK_GAP = re.compile(r"(?<=[.!])[ \t]+(?=[A-ZА-Я])")
#: the roles such a line's parts may have: security and copy lines, the kind and number, the number alone
_STACK_ROLES = {"security", "head", "number"}
#: how far down the transcription such a stack may stand
_STACK_LINES = 6


def _split_header_stack(lines: list[Line], register) -> list[Line]:
    """A heading's stack written on one line ("TOP SECRET. Copy No. 1. CIPHERED TELEGRAM No. 4452"), split
    into its lines (joined: one source line, no line break between them), each to get its role."""
    result: list[Line] = []
    for index, line in enumerate(lines):
        text = line.text
        cuts = [gap for gap in _STACK_GAP.finditer(text) if index < _STACK_LINES and not re.search(
            r"(?:^|\s)(?:No|NO|Nr|Nº|[A-ZА-Я])\.$", text[:gap.start()])]  # (not after "No." or an initial)
        if cuts:
            starts = [0] + [gap.end() for gap in cuts]
            ends = [gap.start() for gap in cuts] + [len(text)]
            parts = [text[a:b] for a, b in zip(starts, ends)]
            if all(classify_top(part, register) in _STACK_ROLES for part in parts):
                result.append(Line(line.no, parts[0], line.blanks_before, line.page_break_before, line.joined))
                result.extend(Line(line.no, part, 0, False, True) for part in parts[1:])
                continue
        result.append(line)
    return result


def encode(source: Source, register=None) -> Document:
    """Recognise the structure of one transcription; warnings say where the text does not fit the genre."""
    lines = _split_trailing_signature(_split_relayed_quotes(_split_header_stack(split_lines(source.text), register)),
                                      register)
    warnings: list[str] = []
    builder = _Builder(lines, register, warnings, str(source.path))
    starts = [0] + _following_documents(lines, register) + [len(lines)]
    message = builder.message(0, starts[1], None, 0)
    document = Document(stem=source.stem, message=message, warnings=warnings)
    for start, stop in zip(starts[1:], starts[2:]):
        document.following.append(builder.message(start, stop, None, 0))
    where = str(source.path)
    if not message.top and not message.bottom:
        warnings.append(f"{where}:1: warning: no heading, opener or closer recognised; encoded as plain paragraphs")
    elif not any(isinstance(block, Block) and block.role == "signed" for block in message.bottom + message.body) and not (
            any(isinstance(item, Quote) and any(b.role == "signed" for b in item.message.bottom) for item in message.body)):
        # (a relayed message signed only inside its quotation is signed: its signer sent it)
        line = message.bottom[0].line if message.bottom else (lines[-1].no if lines else 1)
        warnings.append(f"{where}:{line}: warning: no signature recognised")
    return document
