"""Word lists that name roles, places and genders, kept apart from the logic that uses them."""
