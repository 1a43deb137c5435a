"""Checks run on the built site (by the tests, and by anyone auditing a copy)."""
