from tests.partners.conftest import other_place, partners  # noqa: F401  (fixtures)
