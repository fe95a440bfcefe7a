"""The spaCy pipeline: loading it, quotegraph's components in run order, and putting an
article's record together from its parsed pieces."""
