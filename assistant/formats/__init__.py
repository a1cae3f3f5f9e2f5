"""Readers that turn one document format into an `Outline` (see `assistant.outline`).

Each reader is a pure function of the file's bytes or text; none touches the disk.
"""
