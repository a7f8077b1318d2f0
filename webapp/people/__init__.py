"""What a person says they are willing to do with their municipality (engagements)."""
