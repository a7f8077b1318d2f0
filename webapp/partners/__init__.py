"""Partner organisations, their agreements with the municipality, and join requests."""
