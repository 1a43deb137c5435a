// Compare any two versions of a document, in the reader's browser, on the history page.
// The rule is the one of scripts/policy_site/versions/diff.py and comparison.py (blocks matched
// by key, then a longest common subsequence of words, ties broken towards deletion); a test runs
// this file with Node on every pair of versions and requires the same result as the Python code.
(function (root) {
  "use strict";

  // Python's \w is any letter, digit or underscore in Unicode; so is this.
  var TOKEN = /\s+|[^\s\p{L}\p{N}_]|[\p{L}\p{N}_]+/gu;

  function tokens(text) {
    return text.match(TOKEN) || [];
  }

  function opcodes(a, b) {
    var n = a.length, m = b.length, i, j;
    var longest = [];
    for (i = 0; i <= n; i++) { longest.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        longest[i][j] = a[i] === b[j] ? longest[i + 1][j + 1] + 1 : Math.max(longest[i + 1][j], longest[i][j + 1]);
      }
    }
    var result = [];
    i = 0; j = 0;
    while (i < n || j < m) {
      var kind, step;
      if (i < n && j < m && a[i] === b[j]) { kind = "equal"; step = "e"; }
      else if (j >= m || (i < n && longest[i + 1][j] >= longest[i][j + 1])) { kind = "change"; step = "d"; }
      else { kind = "change"; step = "i"; }
      var last = result[result.length - 1];
      if (!last || last[0] !== kind) { last = [kind, i, i, j, j]; result.push(last); }
      if (step !== "i") { i++; }
      if (step !== "d") { j++; }
      last[2] = i; last[4] = j;
    }
    return result;
  }

  function wordParts(older, newer) {
    var a = tokens(older), b = tokens(newer), parts = [];
    opcodes(a, b).forEach(function (op) {
      if (op[0] === "equal") { parts.push(["equal", b.slice(op[3], op[4]).join("")]); return; }
      if (op[2] > op[1]) { parts.push(["del", a.slice(op[1], op[2]).join("")]); }
      if (op[4] > op[3]) { parts.push(["ins", b.slice(op[3], op[4]).join("")]); }
    });
    return parts;
  }

  function compareOutlines(older, newer) {
    var entries = [];
    var keys = function (blocks) { return blocks.map(function (block) { return block.key; }); };
    opcodes(keys(older), keys(newer)).forEach(function (op) {
      var k;
      if (op[0] === "equal") {
        for (k = 0; k < op[2] - op[1]; k++) {
          var before = older[op[1] + k], after = newer[op[3] + k];
          if (before.text === after.text) {
            entries.push({kind: "same", key: after.key, tag: after.tag, parts: [["equal", after.text]]});
          } else {
            entries.push({kind: "modified", key: after.key, tag: after.tag, parts: wordParts(before.text, after.text)});
          }
        }
        return;
      }
      older.slice(op[1], op[2]).forEach(function (block) {
        entries.push({kind: "removed", key: block.key, tag: block.tag, parts: [["del", block.text]]});
      });
      newer.slice(op[3], op[4]).forEach(function (block) {
        entries.push({kind: "added", key: block.key, tag: block.tag, parts: [["ins", block.text]]});
      });
    });
    return entries;
  }

  // -- the history page's form -------------------------------------------------------------

  function render(entries, form, output) {
    var labels = form.dataset;
    output.textContent = "";
    var changes = entries.filter(function (entry) { return entry.kind !== "same"; }).length;
    var count = document.createElement("p");
    count.setAttribute("role", "status");
    count.textContent = labels.count.replace("%(count)s", String(changes));
    output.appendChild(count);
    entries.forEach(function (entry) {
      var block = document.createElement("p");
      block.className = "change-block change-" + entry.kind + (/^h[1-6]$/.test(entry.tag) ? " change-heading" : "");
      entry.parts.forEach(function (part) {
        if (part[0] === "equal") { block.appendChild(document.createTextNode(part[1])); return; }
        var mark = document.createElement(part[0]);
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = (part[0] === "del" ? labels.removed : labels.added) + " ";
        mark.appendChild(hidden);
        mark.appendChild(document.createTextNode(part[1]));
        block.appendChild(mark);
      });
      output.appendChild(block);
    });
  }

  function start() {
    var form = document.getElementById("compare-versions");
    if (!form) { return; }
    var output = document.getElementById("compare-versions-result");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var from = form.elements.from.value, to = form.elements.to.value;
      Promise.all([from, to].map(function (url) {
        return fetch(url).then(function (response) { return response.json(); });
      })).then(function (outlines) {
        render(compareOutlines(outlines[0], outlines[1]), form, output);
        output.focus();
      });
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = {tokens: tokens, opcodes: opcodes, compareOutlines: compareOutlines};
  } else if (root.document) {
    if (root.document.readyState === "loading") { root.document.addEventListener("DOMContentLoaded", start); }
    else { start(); }
  }
})(this);
