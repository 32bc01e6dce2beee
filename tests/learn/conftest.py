from ..gold.conftest import shared  # noqa: F401 -- the small shared folder of our own
