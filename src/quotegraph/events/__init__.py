"""What happened when: events anchored to time expressions, and the timeline view."""
