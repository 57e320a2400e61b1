"""Generate a corpus of genre documents for benchmarks: seed-size telegrams with varied parts."""

from __future__ import annotations

import random
from pathlib import Path

_KINDS = ["CIPHERED TELEGRAM", "Cable", "Ciphered Telegram", "TELEGRAM"]
_SECURITY = ["TOP PRIORITY", "SPECIAL", "Top Secret", "Strictly secret", "URGENT"]
_PLACES = ["BEIJING", "PYONGYANG", "MOSCOW", "BEIJING--", "PYONGYANG - SOVIET AMBASSADOR"]
_PEOPLE = ["KRASOVSKY", "ROSHCHIN", "KOVALEV", "ZAKHAROV", "SHTYKOV", "RAZUVAEV"]
_LEADERS = ["MAO ZEDONG", "ZHOU ENLAI", "KIM IL SUNG", "LIU SHAOQI", "PAK HON-YONG"]
_SIGNERS = ["FILIPPOV [Stalin]", "FYN SI [Stalin]", "VYSHINSKY", "GROMYKO", "S H T Y K O V", "MOLOTOV"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_SENTENCES = [
    "| received your telegram of {md}, and also the report of Comrade Peng Dehuai.",
    "We consider that the operations in Korea should not be speeded up, since a drawn out war gives the "
    "Chinese troops the possibility to study contemporary warfare.",
    "Comrade Zhou Enlai informed us that the applications for arms will be sent soon.",
    "| think that the defensive lines in the rear must be truly serious [...] before any advance.",
    "The delegation will leave for Moscow on {md} and will bring the documents with it.",
    "Comrade Peng Dehaui writes about the fighting spirit of the troops and the state of the roads.",
    "We could make additional deliveries of artillery for you in {year} if you want this.",
    "Please inform Comrade Kim Il Sung that the question of the railway battalions has been decided.",
    "The Truman regime in America is losing the military prestige of the Anglo-American troops.",
    "It is necessary to strengthen the operations of partisan detachments in the enemy's rear [illegible].",
]


def _wrap(text: str, width: int = 80) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def document(index: int) -> str:
    """One generated transcription, the same for the same index."""
    rng = random.Random(index)
    year = rng.choice([1949, 1950, 1951, 1952, 1953])
    month = rng.randrange(12)
    day = rng.randrange(1, 28)
    md = f"{_MONTHS[rng.randrange(month + 1)]} {rng.randrange(1, day + 1)}"
    lines = [f"{rng.choice(_KINDS)} No. {rng.randrange(100, 99999)}", rng.choice(_SECURITY), rng.choice(_PLACES), ""]
    lines += [f"TO {rng.choice(_PEOPLE)}", "", f"FOR Comrade {rng.choice(_LEADERS)}", ""]
    # about the seed's size (3 KB): five to eight paragraphs of three to five sentences
    for _ in range(rng.randrange(5, 9)):
        sentences = [rng.choice(_SENTENCES).format(md=md, year=year) for _ in range(rng.randrange(3, 6))]
        lines += _wrap(" ".join(sentences)) + [""]
    lines += [rng.choice(_SIGNERS), "", f"No. {rng.randrange(10, 999)}/sh", f"{day} {_MONTHS[month]} {year}", ""]
    return "\n".join(lines)


def generate(count: int, folder: Path) -> list[Path]:
    """Write `count` transcriptions into `folder` (created if needed) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"gen{index:05d}.txt"
        path.write_text(document(index), encoding="utf-8")
        paths.append(path)
    return paths
