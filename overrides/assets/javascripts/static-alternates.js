// The theme fetches <alternate address>/sitemap.xml for every <link rel="alternate"> of a page,
// to find the same page in other languages: ten requests for files that do not exist. Our
// language links already lead to the same page, so the hreflang links (read by search engines
// from the HTML) are hidden from the theme at run time.
document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
  link.setAttribute("data-rel", "alternate");
  link.removeAttribute("rel");
});
