"""Answers: what a question asks (`intents`), extractive answers with citations
(`compose`), follow-ups (`conversation`) and safety notices (`safety`)."""
