"""What a trainer takes away: handouts and 7-minute briefings as Markdown and Word."""
