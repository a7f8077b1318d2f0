from tests.cards.world import other_town, town  # noqa: F401  (fixtures)
