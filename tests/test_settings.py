"""Settings are validated where they are defined: a value that does not fit is a ConfigError
naming the variable and what fits (issue 16), never a traceback nor a silent default."""
import pytest

from dragoman import settings
from dragoman.errors import ConfigError


@pytest.mark.parametrize("name, raw, value", [("MAX_DOC_BYTES", " 2000 ", 2000), ("MIN_CONFIDENCE", "0.5", 0.5),
                                              ("RULES_ONLY", "yes", True), ("RULES_ONLY", "0", False),
                                              ("ON_ERROR", "raise", "raise")])
def test_good_values_are_read(monkeypatch, name, raw, value):
    monkeypatch.setenv(f"DRAGOMAN_{name}", raw)
    assert settings.get(name) == value


@pytest.mark.parametrize("name, raw, wanted", [("MAX_DOC_BYTES", "abc", "whole number"),
                                               ("MAX_DOC_BYTES", "0", "from 1"),
                                               ("MIN_CONFIDENCE", "high", "a number"),
                                               ("MIN_CONFIDENCE", "1.5", "to 1.0"),
                                               ("RULES_ONLY", "maybe", "true/false"),
                                               ("ON_ERROR", "ignore", "skip or raise")])
def test_bad_values_are_config_errors_saying_what_fits(monkeypatch, name, raw, wanted):
    monkeypatch.setenv(f"DRAGOMAN_{name}", raw)
    with pytest.raises(ConfigError) as caught:
        settings.get(name)
    assert f"DRAGOMAN_{name}" in str(caught.value) and wanted in str(caught.value)
    with pytest.raises(ConfigError):
        settings.check()


def test_every_default_fits_its_own_rule():
    for setting in settings.TABLE:
        assert setting.parse(str(setting.default).lower() if isinstance(setting.default, bool)
                             else str(setting.default)) == setting.default
