// The theme's search worker, with stemming that works while the reader types.
//
// The theme turns every query term into a prefix search ("копиями" becomes "копиями*") and
// lunr skips its pipeline, stemmer included, for any term with a wildcard. Against a stemmed
// index ("копиями" and "копий" are both indexed as "коп") a whole inflected word then finds
// nothing. Here each prefix term is stemmed first and the wildcard put back ("коп*"), so an
// inflected form finds the others and a half-typed word still finds the words it begins.
//
// The page names the theme's own worker in the query string (?theme=search.<hash>.min.js,
// written by the policy_site plugin) because its name changes with every theme release.
"use strict";

(function () {
  var theme = new URLSearchParams(self.location.search).get("theme") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(theme))
    throw new Error("stemmed-search.js: expected ?theme=search.<hash>.min.js, got " + JSON.stringify(theme));
  importScripts(theme);  // defines the global lunr and the theme's message handlers

  // The theme builds one index per setup message; its search pipeline is the one lunr applies
  // to whole query words (the stemmers of the index's languages).
  var searchPipeline = null;
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    searchPipeline = this.searchPipeline;
    return build.apply(this, arguments);
  };

  // The theme parses each query twice, to search and to tell which words a result lacks; both
  // go through the parser, so both see the same stemmed terms.
  var typed = Object.create(null);  // stem -> the word as the reader typed it
  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.apply(this, arguments);
    if (searchPipeline)
      query.clauses.forEach(function (clause) {
        if (clause.usePipeline || !/^[^*]+\*$/.test(clause.term))
          return;  // lunr stems it already, or it is not a plain prefix term
        var word = clause.term.slice(0, -1);
        var stems = searchPipeline.runString(word);
        if (stems.length === 1 && stems[0]) {
          clause.term = stems[0] + "*";
          typed[stems[0]] = word;
        }
      });
    return query;
  };

  // A result lists the query words it lacks ("Missing: ..."): name them as typed, not stemmed.
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    var items = message && message.data && message.data.items;
    if (Array.isArray(items))
      items.forEach(function (group) {
        group.forEach(function (item) {
          if (!item.terms)
            return;
          var terms = {};
          Object.keys(item.terms).forEach(function (term) {
            terms[typed[term] || term] = item.terms[term];
          });
          item.terms = terms;
        });
      });
    return post.apply(self, arguments);
  };
})();
