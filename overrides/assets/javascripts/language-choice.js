// Root page only: send the reader to the first of the browser's preferred languages that the
// site has ("pt-BR" -> "pt"), English otherwise. Without JavaScript the page is a plain list.
(function () {
  var script = document.currentScript;
  var available = script.getAttribute("data-languages").split(" ");
  var fallback = script.getAttribute("data-default");
  var preferred = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || ""];
  var choice = fallback;
  for (var i = 0; i < preferred.length; i++) {
    var primary = String(preferred[i]).toLowerCase().split("-")[0];
    if (available.indexOf(primary) !== -1) { choice = primary; break; }
  }
  window.location.replace(choice + "/");
})();
