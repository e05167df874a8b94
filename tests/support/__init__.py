"""Helpers shared by the unit, app and browser tests: sample media and a local HTTP server."""
