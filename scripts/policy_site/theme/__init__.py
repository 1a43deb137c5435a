"""The theme adapter: every coupling of the site to Material for MkDocs, and nothing else.

- markup.py: corrections to the theme's markup and its settings on each page;
- search.py: the theme's search plugin, its lunr languages and its index file;
- settings.py: the theme's language and language links on each pass;
- contract.py: what those expect of the theme's files, checked at the start of every build
  (tests/test_theme_contract.py holds it to the installed theme).

The templates that extend the theme are in overrides/ (main.html, 404.html, partials/copyright.html,
assets/javascripts/static-alternates.js and workers/stemmed-search.js). Moving to another theme,
or a Material upgrade that breaks the contract, means porting this folder and those templates.
"""
