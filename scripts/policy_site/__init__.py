"""Multilingual policy site: the rules, as plain functions; the MkDocs layer only wires them in."""
