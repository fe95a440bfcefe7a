// Links a quote's parts to each other: pointing at (or focusing) any part of a quote, in the
// text or in the side list, marks all its parts and its side-list entry, and brings the entry
// into view in the side list (which scrolls on its own beside the text). No other script.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  function mark(quote, on) {
    document.querySelectorAll('[data-quote="' + CSS.escape(quote) + '"], #side-' + CSS.escape(quote))
      .forEach(function (el) { el.classList.toggle("linked", on); });
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var el = event.target.closest && event.target.closest("[data-quote]");
      if (el) {
        mark(el.getAttribute("data-quote"), true);
        // a statement in the text brings its entry into view in the side list
        var entry = el.closest("#article-text") && document.getElementById("side-" + el.getAttribute("data-quote"));
        if (entry) { entry.scrollIntoView({block: "nearest"}); }
      }
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var el = event.target.closest && event.target.closest("[data-quote]");
      if (el) { mark(el.getAttribute("data-quote"), false); }
    });
  });
});
