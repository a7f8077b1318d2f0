"""The processing tests' municipality and logged-in clients, for the privacy tests."""

from tests.processing.conftest import as_user, other_town, set_notify, town  # noqa: F401
