"""A deterministic synthetic collection of reviews, recombined from the seed corpus.

Each synthetic review is a Markdown brief (the layout users add to corpus/) with a
varied title, kind, year and themes. Its learning points are new combinations of the
seed's sentences under the seed's headings, so the text reads like the domain (and the
model sees realistic lengths and vocabulary) without repeating whole points at scale.

Usage (as a library): write_collection(folder, points=10_000, seed=7)
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.collection import load_corpus
from assistant.models import ReviewKind

SEED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
AREAS = ("Northshire", "Leeds", "Bristol", "Kent", "Cumbria", "Norfolk", "Devon", "Essex")
AREAS += ("Barnet", "Camden", "Hackney", "Wigan", "Bolton", "Sefton", "Wirral", "Durham")
AREAS += ("Dorset", "Surrey", "Suffolk", "Halton", "Luton", "Medway", "Thurrock", "Rutland")
NAMES = ("Child", "Family", "Young person", "Sibling group", "Infant", "Baby")
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
KINDS = [k.value for k in ReviewKind if k is not ReviewKind.OTHER]
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|\.\s*$")


@dataclass(frozen=True)
class Pools:
    """What synthetic reviews are recombined from."""

    clauses: tuple[str, ...]  # parts of the learning points' sentences
    headings: tuple[str, ...]
    themes: tuple[str, ...]
    steps: tuple[str, ...]
    summary_sentences: tuple[str, ...]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= 4]


def _clauses(text: str) -> list[str]:
    """A sentence's comma-, semicolon- and colon-separated parts of four words or more."""
    return [c.strip(" ,;:") for c in _CLAUSE_END.split(text) if c and len(c.split()) >= 4]


def seed_pools(corpus_dir: Path = SEED_CORPUS) -> Pools:
    reviews = load_corpus(corpus_dir).reviews

    def distinct(items):
        return tuple(dict.fromkeys(items))

    return Pools(
        clauses=distinct(
            c
            for r in reviews
            for sec in r.sections
            for p in sec.points
            for s in _sentences(p.text)
            for c in _clauses(s)
        ),
        headings=distinct(sec.heading for r in reviews for sec in r.sections),
        themes=distinct(t for r in reviews for t in r.themes),
        steps=distinct(s.text for r in reviews for s in r.next_steps),
        summary_sentences=distinct(s for r in reviews for s in _sentences(r.summary)),
    )


def review_markdown(number: int, pools: Pools, rng: random.Random) -> tuple[str, int]:
    """One synthetic brief as Markdown, and how many learning points it holds."""
    area = rng.choice(AREAS)
    year = rng.randint(2012, 2026)
    kind = rng.choice(KINDS)
    subject = f"{rng.choice(NAMES)} {rng.choice(LETTERS)}{number}"
    title = f"{area} {kind}: {subject} ({year})"
    themes = rng.sample(pools.themes, k=min(len(pools.themes), rng.randint(2, 5)))
    lines = [
        "---",
        f'title: "{title}"',
        f"kind: {kind}",
        f"date: {year}-{rng.randint(1, 12):02d}-01",
        f"partnership: {area} Safeguarding Children Partnership",
        "themes: [" + ", ".join(f'"{t}"' for t in themes) + "]",
        "---",
        "",
        f"# {title}",
        "",
        "## Summary",
        "",
        " ".join(rng.sample(pools.summary_sentences, k=min(3, len(pools.summary_sentences)))),
        "",
        "## Key learning",
        "",
    ]
    points = 0
    headings = rng.sample(pools.headings, k=min(len(pools.headings), rng.randint(3, 6)))
    for heading in headings:
        lines += [f"### {heading}", ""]
        for _ in range(rng.randint(2, 6)):
            # Two or three clauses from different sentences: the domain's words at the seed's
            # lengths, and few points repeated across thousands of reviews (real ones differ).
            parts = rng.sample(pools.clauses, k=rng.randint(2, 3))
            said = "; ".join(parts)
            said = said[0].upper() + said[1:] + "."
            lines.append(
                f"- For {subject}, {said[0].lower()}{said[1:]}"
                if rng.random() < 0.3
                else f"- {said}"
            )
            points += 1
        lines.append("")
    lines += ["## Next steps", ""]
    for i, step in enumerate(rng.sample(pools.steps, k=min(len(pools.steps), 4)), start=1):
        lines.append(f"{i}. {step}")
    return "\n".join(lines) + "\n", points


def write_collection(folder: Path, points: int, seed: int = 7) -> dict[str, int]:
    """Write reviews (one file each) until they hold `points` learning points in all."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pools = seed_pools()
    total = reviews = 0
    while total < points:
        reviews += 1
        text, n = review_markdown(reviews, pools, rng)
        (folder / f"review-{reviews:06d}.md").write_text(text, encoding="utf-8")
        total += n
    return {"reviews": reviews, "learning_points": total}
