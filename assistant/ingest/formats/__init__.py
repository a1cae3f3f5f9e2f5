"""Readers that turn one document format into an `Outline` (see `assistant.ingest.outline`),
and `page`, the plain-text page format of the seed collection.

Each reader is a pure function of the file's bytes or text; none touches the disk.
"""
