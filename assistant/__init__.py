"""Safeguarding learning-from-reviews assistant."""
