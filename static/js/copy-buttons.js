/* Copy buttons (the share panel's link and messages): shown only when the Clipboard API is
   there; without it the text stays selectable (and the link's box selects itself on focus).
   Each button names the element to copy in data-copy-target (a text field's value, or an
   element's text) and what to announce in data-copied; the status is the next element. */
(function () {
  "use strict";
  document.querySelectorAll("input.share-link").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
  if (!navigator.clipboard) { return; }
  document.querySelectorAll(".copy-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copyTarget);
      var status = button.nextElementSibling;
      var text = "value" in source ? source.value : source.textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = button.dataset.copied;
      });
    });
  });
})();
