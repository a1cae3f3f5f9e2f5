"""Score answers against gold (review, section) labels, by the rule in ../shared/eval.

`score` is pure: questions and answers in, an `EvalReport` out; `read_questions` reads
a question file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from assistant.models import Answer, Citation, EvalMiss, EvalQuestion, EvalReport


def normalise_heading(heading: str) -> str:
    h = heading.lower().replace("\u2019", "'").replace("&", "and").strip().rstrip(":").strip()
    h = re.sub(r"\s+continued$", "", h)
    return re.sub(r"[^a-z0-9' ]", "", re.sub(r"\s+", " ", h)).strip()


def matches(citation: Citation, gold: Sequence[tuple[str, str]]) -> bool:
    review, section = citation.review.lower(), normalise_heading(citation.section)
    return any(
        key in review and (want == "*" or normalise_heading(want) == section) for key, want in gold
    )


def read_questions(path: Path) -> list[EvalQuestion]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [EvalQuestion.model_validate(json.loads(line)) for line in lines if line.strip()]


def _label(c: Citation) -> str:
    return f"{c.review} \u203a {c.section}"


def score(questions: Sequence[EvalQuestion], answers: Sequence[Answer]) -> EvalReport:
    n = hit1 = rec5 = exp3 = false_abstain = off = off_ok = 0
    mrr = 0.0
    misses: list[EvalMiss] = []
    for q, a in zip(questions, answers, strict=True):
        top = tuple(_label(c) for c in a.citations[:3])
        if not q.gold:
            off += 1
            off_ok += a.abstained
            if not a.abstained:
                misses.append(EvalMiss(question=q.q, problem="NOT ABSTAINED", top=top))
            continue
        n += 1
        false_abstain += a.abstained
        ranks = [i for i, c in enumerate(a.citations[:10]) if matches(c, q.gold)]
        if ranks:
            mrr += 1 / (ranks[0] + 1)
            hit1 += ranks[0] == 0
            rec5 += ranks[0] < 5
        if a.abstained:
            misses.append(EvalMiss(question=q.q, problem="ABSTAINED", top=top))
        elif not ranks or ranks[0] != 0:
            problem = "MISS@1" if ranks and ranks[0] < 5 else "NOT IN TOP 5"
            misses.append(EvalMiss(question=q.q, problem=problem, top=top))
        if q.expect and any(
            q.expect.lower() in c.text.lower().replace("\u2019", "'") for c in a.citations[:3]
        ):
            exp3 += 1
    per = max(n, 1)
    return EvalReport(
        n=n,
        hit1=hit1 / per,
        recall5=rec5 / per,
        mrr=mrr / per,
        expect3=exp3 / per,
        false_abstain=false_abstain,
        off_topic=off,
        off_topic_abstained=off_ok,
        misses=tuple(misses),
    )
