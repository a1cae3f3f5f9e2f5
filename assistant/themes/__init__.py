"""Themes across reviews: theme names (`names`), which units speak to a theme (`tagging`),
theme views (`views`), comparisons (`compare`) and 7-minute briefings (`briefing`), built
on demand by `explorer`."""
