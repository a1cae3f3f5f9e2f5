"""Themes across reviews: theme names (`names`), which units speak to a theme (`tagging`),
theme views, comparisons and briefings (`views`), built on demand by `explorer`."""
