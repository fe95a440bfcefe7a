"""Character ranges and layout hints: the units every stage measures text in."""
