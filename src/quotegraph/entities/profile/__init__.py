"""Source profiles: what the text signals of a person's gender (`gender`), with a first-name
statistic only where the text says nothing (`name_prior`). The source type is in
quotegraph/source_types.py; the store's corpus-level profile in store/profiles.py."""
