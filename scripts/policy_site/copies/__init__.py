"""Durable copies of each version: a tagged PDF per version and language, rendered once."""
