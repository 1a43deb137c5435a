"""Open data for public trackers: each document published under its Open Terms Archive terms
type, so that a tracker can follow the site's versions.json without scraping its pages.

The names are Open Terms Archive's vocabulary (github.com/OpenTermsArchive/terms-types, version
2.2.0 of 2026-01-07, EUPL-1.2): a type names the commitment (a "Terms of Use" document is of type
"Terms of Service"), whatever the organisation calls its document.
"""

from __future__ import annotations

import difflib
from typing import Mapping, Sequence

from .problems import Problem

TERMS_TYPES = frozenset({
    "Acceptable Use Policy", "Accessibility Statement", "Advertising Content Policy", "Affiliate Agreement",
    "Anti-corruption Policy", "Brand Guidelines", "Business Mediation Policy", "Business Privacy Policy",
    "Closed Captioning Policy", "Commercial Terms", "Community Guidelines", "Complaints Policy",
    "Conditions of Carriage", "Content Monetisation Policy", "Copyright Claims Policy", "Data Controller Agreement",
    "Data Processor Agreement", "Deceased Users", "Developer Terms", "Editorial Policy", "General Conditions of Sale",
    "Human Rights Policy", "Hyperlinks Policy", "Imprint", "In-App Purchases Policy", "Law Enforcement Guidelines",
    "Live Policy", "Marketplace Buyers Conditions", "Marketplace Sellers Conditions", "Platform to Business Notice",
    "Premium Partner Conditions", "Privacy Policy", "Quality Guidelines", "Ranking Parameters Description",
    "Restricted Use Policy", "Review Guidelines", "Seller Warranty", "Service Level Agreement",
    "Single Sign-On Policy", "Terms of Service", "Trackers Policy", "User Consent Policy",
    "Vulnerability Disclosure Policy", "Whistleblower Policy",
})


def terms_type_problems(terms_types: Mapping[str, object], documents: Sequence[str]) -> list[Problem]:
    """`terms_types` of mkdocs.yml: each key a document of the site, each value a known type."""
    problems = []
    for document, kind in sorted(terms_types.items(), key=lambda item: str(item[0])):
        if document not in documents:
            problems.append(Problem("mkdocs.yml", None, f"terms_types names '{document}', which is not a document of the site.",
                                    f"Use one of {', '.join(documents)}."))
        elif kind not in TERMS_TYPES:
            close = difflib.get_close_matches(str(kind), sorted(TERMS_TYPES), n=1)
            problems.append(Problem(
                "mkdocs.yml", None, f"terms_types gives '{document}' the type '{kind}', which Open Terms Archive does not know.",
                (f"Did you mean '{close[0]}'? " if close else "")
                + "Use the name of the commitment, as listed at github.com/OpenTermsArchive/terms-types "
                "(for example 'Privacy Policy', 'Terms of Service', 'Trackers Policy')."))
    return problems
