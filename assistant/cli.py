"""Command line: `index` builds the index, `ask` answers questions, `eval` scores them,
`theme`, `compare` and `briefing` look across reviews, `serve` starts the web app and
`user` manages sign-in."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from assistant import core, messages
from assistant.core import (
    CorpusError,
    GlossaryError,
    InvalidQuestion,
    ModelNotFound,
    UnknownReview,
    parse_kind,
)
from assistant.evaluation import read_questions, score
from assistant.exports.briefing import briefing_markdown, write_briefing_docx
from assistant.models import Answer, Comparison, EvalReport, ReviewKind, SearchFilters
from assistant.settings import Settings
from assistant.web.auth import AuthFileError, add_user

log = logging.getLogger("assistant")


class UsageError(ValueError):
    """A command-line option that cannot be used; the message says how to fix it."""


def answer_json(answer: Answer) -> dict:
    """The stable JSON shape of one answer (extra fields are allowed by consumers)."""
    return {
        "question": answer.question,
        "abstained": answer.abstained,
        "answer": answer.text,
        "citations": [c.model_dump(mode="json") for c in answer.citations],
    }


def comparison_text(comparison: Comparison) -> str:
    """The comparison as plain text: shared learning once with both citations, then each
    review's own."""
    lines = [comparison.note, "", f"[A] {comparison.left}", f"[B] {comparison.right}"]
    for row in comparison.rows:
        if row.shared and row.left and row.right:
            lines += [
                "",
                f"{messages.BOTH}: {row.left.text}",
                f"  A: {messages.citation_path(row.left)}",
            ]
            lines.append(f"  B: {messages.citation_path(row.right)}")
            continue
        for side, c in (("A", row.left), ("B", row.right)):
            if c is not None:
                lines += [
                    "",
                    f"{messages.ONLY} {side}: {c.text}",
                    f"  {side}: {messages.citation_path(c)}",
                ]
    return "\n".join(lines)


def _cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    report = core.update_index(settings, full=args.full)
    print("\n".join(messages.index_summary(report, time.perf_counter() - started)))
    return 0


def search_filters(args: argparse.Namespace) -> SearchFilters:
    """Filters from `ask` options; an unknown kind is a usage error naming the choices."""
    kinds = []
    for text in args.kind:
        kind = parse_kind(text)
        if kind is None:
            choices = ", ".join(k.value for k in ReviewKind)
            raise UsageError(f"unknown kind '{text}'; use one of: {choices}")
        kinds.append(kind)
    return SearchFilters(
        kinds=tuple(kinds),
        since=args.since,
        until=args.until,
        themes=tuple(args.theme),
        reviews=tuple(args.review),
    )


def _cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    filters = search_filters(args)
    assistant = core.Assistant(settings)
    status = 0
    for question in args.questions:
        try:
            answer = assistant.ask(question, filters=filters)
        except InvalidQuestion as exc:
            if not args.json:
                print(str(exc), file=sys.stderr)
                status = 2
                continue
            answer = Answer(question=question, abstained=True, text=str(exc), citations=())
            # Keep one line per question so batch consumers stay aligned.
            print(json.dumps({**answer_json(answer), "error": str(exc)}), flush=True)
            continue
        if args.json:
            print(json.dumps(answer_json(answer), ensure_ascii=False), flush=True)
        else:
            print(f"Q: {answer.question}\n\n{answer.text}\n", flush=True)
    return status


def _ask_all(assistant: core.Assistant, questions: Sequence[str]) -> list[Answer]:
    answers = []
    for question in questions:
        try:
            answers.append(assistant.ask(question))
        except InvalidQuestion as exc:
            answers.append(Answer(question=question, abstained=True, text=str(exc), citations=()))
    return answers


def format_report(report: EvalReport) -> str:
    lines = [
        f"questions: {report.n} on-topic, {report.off_topic} off-topic",
        f"hit@1     {report.hit1:.2f}",
        f"recall@5  {report.recall5:.2f}",
        f"MRR       {report.mrr:.2f}",
        f"expect@3  {report.expect3:.2f}",
        f"abstention: off-topic abstained {report.off_topic_abstained}/{report.off_topic}, "
        f"on-topic wrongly abstained {report.false_abstain}/{report.n}",
    ]
    if report.misses:
        lines.append(f"\nmisses ({len(report.misses)}):")
    for miss in report.misses:
        lines.append(f"  {miss.problem}: {miss.question}")
        lines.extend(f"      {n}. {label}" for n, label in enumerate(miss.top, start=1))
    return "\n".join(lines)


def _cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    try:
        questions = read_questions(args.file)
    except (OSError, ValueError) as exc:
        print(f"assistant: cannot read questions from {args.file}: {exc}", file=sys.stderr)
        return 1
    assistant = core.Assistant(settings)
    report = score(questions, _ask_all(assistant, [q.q for q in questions]))
    print(report.model_dump_json(indent=2) if args.json else format_report(report))
    return 0


def _cmd_theme(settings: Settings, args: argparse.Namespace) -> int:
    assistant = core.Assistant(settings)
    topic = " ".join(args.topic)
    if not topic:
        counts = assistant.themes()
        if args.json:
            print(json.dumps([c.model_dump(mode="json") for c in counts], ensure_ascii=False))
        else:
            total = len(assistant.reviews)
            for c in counts:
                print(f"{c.reviews:>4} of {total}  {c.name}")
        return 0
    view = assistant.theme(topic)
    if args.json:
        print(view.model_dump_json(indent=2))
        return 0
    print(view.answer.text)
    if view.related and view.review_ids:
        print("\n" + messages.related_themes(view.related))
    return 0


def _cmd_compare(settings: Settings, args: argparse.Namespace) -> int:
    assistant = core.Assistant(settings)
    try:
        comparison = assistant.compare(args.left, args.right, args.on or "")
    except UnknownReview as exc:
        raise UsageError(str(exc)) from exc
    if args.json:
        print(comparison.model_dump_json(indent=2))
    else:
        print(comparison_text(comparison))
    return 0


def _cmd_briefing(settings: Settings, args: argparse.Namespace) -> int:
    briefing = core.Assistant(settings).briefing(" ".join(args.topic))
    out: Path | None = args.out
    if out is None:
        print(briefing_markdown(briefing), end="")
    elif out.suffix.lower() == ".docx":
        write_briefing_docx(briefing, out)
        print(f"Wrote {out}")
    elif out.suffix.lower() in {".md", ".markdown", ".txt"}:
        out.write_text(briefing_markdown(briefing), encoding="utf-8")
        print(f"Wrote {out}")
    else:
        raise UsageError(f"cannot write {out.name}: use a .docx or .md file name")
    return 0


def _cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    # Imported here: the web app loads Gradio, which no other command needs.
    from assistant.web.app import main as serve

    serve(settings)
    return 0


def _cmd_user(settings: Settings, args: argparse.Namespace) -> int:
    path = args.file or settings.auth_file
    if path is None:
        raise UsageError("say where the sign-in file is: --file PATH or ASSISTANT_AUTH_FILE")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Again: ") != password:
            raise UsageError("the passwords differ; nothing was written")
    try:
        add_user(path, args.name, password)
    except AuthFileError as exc:
        raise UsageError(str(exc)) from exc
    print(f"Saved a password hash for {args.name} in {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Ask questions of safeguarding learning-from-reviews briefs; "
        "answers quote the briefs verbatim and cite them.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", required=True)
    index = sub.add_parser("index", help="build the search index from the corpus folder")
    index.add_argument(
        "--full", action="store_true", help="parse and embed every file again, changed or not"
    )
    index.add_argument(
        "--if-stale",
        action="store_true",
        help="kept for old scripts: only changes are ever rebuilt now",
    )
    ask = sub.add_parser("ask", help="answer one or more questions")
    ask.add_argument("questions", nargs="+", metavar="QUESTION")
    ask.add_argument(
        "--json", action="store_true", help="print one JSON object per question, in order"
    )
    ask.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="KIND",
        help="only reviews of this kind (repeatable): " + ", ".join(k.value for k in ReviewKind),
    )
    ask.add_argument("--since", type=int, metavar="YEAR", help="only reviews from this year on")
    ask.add_argument("--until", type=int, metavar="YEAR", help="only reviews up to this year")
    ask.add_argument(
        "--theme", action="append", default=[], metavar="THEME", help="only reviews with this theme"
    )
    ask.add_argument(
        "--review", action="append", default=[], metavar="ID", help="only this review (its id)"
    )
    evaluate = sub.add_parser("eval", help="score a question file with gold labels")
    evaluate.add_argument("file", type=Path, help="JSON lines: {q, gold, expect}")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    theme = sub.add_parser(
        "theme", help="what the reviews say on a theme, counted; no topic lists every theme"
    )
    theme.add_argument("topic", nargs="*", metavar="THEME", help="words of the theme or topic")
    theme.add_argument("--json", action="store_true", help="print the view as JSON")
    compare = sub.add_parser("compare", help="two reviews side by side, shared learning marked")
    compare.add_argument("left", metavar="REVIEW", help="id, title or distinctive title words")
    compare.add_argument("right", metavar="REVIEW")
    compare.add_argument("--on", metavar="TOPIC", help="only learning on this topic")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")
    briefing = sub.add_parser("briefing", help="a one-page 7-minute briefing on a theme")
    briefing.add_argument("topic", nargs="+", metavar="THEME", help="words of the theme")
    briefing.add_argument(
        "--out", type=Path, metavar="FILE", help="write .docx or .md (default: Markdown to stdout)"
    )
    sub.add_parser(
        "serve",
        help="serve the web app (ASSISTANT_SERVER__HOST and __PORT; default 127.0.0.1:7860)",
    )
    user = sub.add_parser("user", help="manage the optional sign-in file")
    user_sub = user.add_subparsers(dest="action", required=True)
    add = user_sub.add_parser("add", help="add a user, or set a new password")
    add.add_argument("name")
    add.add_argument("--file", type=Path, help="the sign-in file (default: ASSISTANT_AUTH_FILE)")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="assistant: %(message)s",
        stream=sys.stderr,
    )
    try:
        settings = Settings()
        commands = {
            "index": _cmd_index,
            "ask": _cmd_ask,
            "eval": _cmd_eval,
            "theme": _cmd_theme,
            "compare": _cmd_compare,
            "briefing": _cmd_briefing,
            "serve": _cmd_serve,
            "user": _cmd_user,
        }
        return commands[args.command](settings, args)
    except ValidationError as exc:
        print(
            f"assistant: invalid setting: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}",
            file=sys.stderr,
        )
    except (CorpusError, GlossaryError, ModelNotFound) as exc:
        print(f"assistant: {exc}", file=sys.stderr)
    except (UsageError, InvalidQuestion) as exc:
        print(f"assistant: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing more to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"assistant: {exc.strerror or exc}{where}", file=sys.stderr)
    except KeyboardInterrupt:
        print("assistant: interrupted", file=sys.stderr)
    return 1
