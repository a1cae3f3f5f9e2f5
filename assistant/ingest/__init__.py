"""Ingestion: source files in every format become `Review` models.

`collection` scans a corpus folder and reads each file through `files`, which picks a
reader from `formats/`; every reader yields an outline that `outline` turns into review
drafts (`draft`), using the section-name cues of `cues` and the metadata of `metadata`.
"""
