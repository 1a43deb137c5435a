"""The translation check: each translation against the English text of the same version."""
