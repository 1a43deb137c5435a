// The theme's search worker, with stemming that works while the reader types, and with the
// texts a language shows in another language (English in place of a lagging translation)
// searched by that language's rules.
//
// The theme turns every query term into a prefix search ("копиями" becomes "копиями*") and
// lunr skips its pipeline, stemmer included, for any term with a wildcard. Against a stemmed
// index ("копиями" and "копий" are both indexed as "коп") a whole inflected word then finds
// nothing. Here each prefix term is stemmed first and the wildcard put back ("коп*"), so an
// inflected form finds the others and a half-typed word still finds the words it begins.
//
// lunr stems a whole index by one set of rules. The index of a language therefore carries the
// entries of texts in other languages apart, in its config under "texts_in_other_languages"
// (the theme hands the worker only an index's config and docs), each with its own languages and
// pipeline. Each gets its own copy of the theme's worker, hence its own lunr and index; a query
// goes to every copy and their results are merged by score.
//
// The page names the theme's own worker in the query string (?theme=search.<hash>.min.js,
// written by the policy_site plugin) because its name changes with every theme release.
"use strict";

(function () {
  var theme = new URLSearchParams(self.location.search).get("theme") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(theme))
    throw new Error("stemmed-search.js: expected ?theme=search.<hash>.min.js, got " + JSON.stringify(theme));
  var OTHER_LANGUAGES = "texts_in_other_languages";  // theme/search.py OTHER_LANGUAGES
  var typed = Object.create(null);  // stem -> the word as the reader typed it

  // One copy of the theme's worker: its message handler and the lunr it defines (self.lunr).
  var addListener = self.addEventListener.bind(self);
  function themeWorker() {
    var handlers = [];
    self.addEventListener = function (type, handler) {
      if (type === "message") handlers.push(handler);
      else addListener.apply(null, arguments);
    };
    importScripts(theme);
    self.addEventListener = addListener;
    if (handlers.length !== 1 || !self.lunr)
      throw new Error("stemmed-search.js: " + theme + " no longer sets self.lunr and one message handler");
    stemPrefixTerms(self.lunr);
    return { handle: handlers[0], lunr: self.lunr };
  }

  function stemPrefixTerms(lunr) {
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
  }

  // A copy answers with postMessage once its work is done; the answer is caught here, one
  // message at a time, so that each answer is known to be that copy's.
  var post = self.postMessage.bind(self);
  var waiting = null;
  self.postMessage = function (message) {
    var resolve = waiting;
    waiting = null;
    if (resolve) resolve(message);
    else post(message);
  };
  function ask(worker, message) {
    return new Promise(function (resolve) {
      waiting = resolve;
      self.lunr = worker.lunr;  // the theme's code reads the global lunr while it works
      worker.handle({ data: message });
    });
  }

  // The best result of each page first, whichever index found it.
  function merged(answers) {
    var best = function (group) {
      return Math.max.apply(null, group.map(function (item) { return item.score || 0; }));
    };
    var items = [];
    answers.forEach(function (answer) { items = items.concat(answer.data.items); });
    items.sort(function (a, b) { return best(b) - best(a); });
    return { type: answers[0].type, data: Object.assign({}, answers[0].data, { items: items }) };
  }

  // A result lists the query words it lacks ("Missing: ..."): name them as typed, not stemmed.
  function asTyped(message) {
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
    return message;
  }

  var workers = [themeWorker()];
  function answer(message) {
    if (message && message.type === 0 && message.data && message.data.config) {  // setup
      var others = message.data.config[OTHER_LANGUAGES] || [];
      workers = workers.slice(0, 1);
      others.forEach(function () { workers.push(themeWorker()); });
      var setups = [message].concat(others.map(function (part) {
        return { type: 0, data: { config: part.config, docs: part.docs, options: message.data.options } };
      }));
      return setups.reduce(function (done, setup, i) {
        return done.then(function () { return ask(workers[i], setup); });
      }, Promise.resolve());  // the last copy's "ready"
    }
    if (message && message.type === 2 && workers.length > 1) {  // a query, asked of every index
      var answers = [];
      return workers.reduce(function (done, worker) {
        return done.then(function () { return ask(worker, message).then(function (a) { answers.push(a); }); });
      }, Promise.resolve()).then(function () { return merged(answers); });
    }
    return ask(workers[0], message);
  }

  var queue = Promise.resolve();
  addListener("message", function (event) {
    queue = queue.then(function () { return answer(event.data); }).then(function (message) {
      post(asTyped(message));
    }, function (error) {
      console.error(error);
    });
  });
})();
