"""Answers shown: time series and dyads as tables, CSV and JSON, time plots (PNG), maps (PNG, HTML)."""
