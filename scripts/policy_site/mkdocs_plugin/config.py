"""Settings of the policy_site plugin, as written under `plugins:` in mkdocs.yml."""

from mkdocs.config import base
from mkdocs.config import config_options as opt


class PolicySiteConfig(base.Config):
    # The language every translation is checked against, and shown where a translation lacks.
    source_language = opt.Type(str, default="en")
    # The policy documents, in the order readers see them; each is docs/<language>/<name>.md.
    documents = opt.ListOfItems(opt.Type(str))
    # The folder of gettext catalogues for our own templates, relative to mkdocs.yml.
    locales_dir = opt.Type(str, default="locales")
    # External links a translation may point elsewhere than English does, reviewed one by one:
    # {English URL: {language: localised URL}}. Any other external link must be identical.
    localised_urls = opt.Type(dict, default={})
    # The start of every feed and entry id (RFC 4151 tag: URI). Never change it once published:
    # it is what tells feed readers that an entry is the one they have already shown.
    feed_id_prefix = opt.Type(str)
    # Days between the announcement of a material change and its effective date, at least;
    # per document where it differs ({privacy: 30}). A version may say why not: short_notice.
    notice_days = opt.Type(int, default=30)
    notice_days_per_document = opt.Type(dict, default={})
    # Each document's Open Terms Archive terms type, published in versions.json for public
    # trackers ({privacy: Privacy Policy, terms: Terms of Service}); see policy_site/open_data.py.
    terms_types = opt.Type(dict, default={})
    # A tagged PDF (PDF/UA-1) of every version in every language, beside its page. Needs Pango
    # (Debian: libpango-1.0-0, libpangoft2-1.0-0) and the DejaVu fonts (fonts-dejavu-core).
    pdf_copies = opt.Type(bool, default=True)
    # Where rendered PDFs are kept between builds, relative to mkdocs.yml; only new or changed
    # versions are rendered again. POLICY_SITE_PDF_STORE, when set, takes its place.
    pdf_store = opt.Type(str, default=".cache/pdf")
    check_store = opt.Type(str, default=".cache/checks")  # check results kept between builds
    # Processes that build languages at once in `mkdocs build` (0: one per core; 1: one process).
    # POLICY_SITE_BUILD_PROCESSES, when set, takes its place. The site is the same either way.
    build_processes = opt.Type(int, default=0)
