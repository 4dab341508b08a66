/* Accessibility helpers loaded on every page (base.html).
   A form that failed validation renders an error summary (templates/includes/error_summary.html):
   move focus to it so keyboard and screen-reader users land on the list of problems instead of
   <body>, and make each link in it put focus in the field it names (following a fragment link
   only scrolls; it does not focus an input). */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var row = field.closest(".form-row") || field;
    row.scrollIntoView();
    field.focus();
  });
})();
