"""Versions of policy documents: which is in force on a day, how two of them differ, and the
record that keeps published texts from changing silently."""
