"""The site as readers get it, decided from the sources, the build date and the settings, with no
MkDocs import: every page of every language, the text each shows, and what its templates get.

- model.py: what spans languages (the text shown where a translation lags, alternates, the
  sitemap, versions.json, the language chooser).
- language.py: one language's pages and their template data (versions, documents, feeds,
  notices, generated pages, the print page of a version).

The MkDocs plugin registers these pages and hands their data to the theme; nothing here knows
which engine renders them.
"""
