"""Finding attributed statements: candidates (marks, cues), attribution, decoding."""
