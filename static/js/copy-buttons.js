/* Copy buttons (the campaign page's share messages): shown only when the Clipboard API is there;
   without it the text stays selectable. Each button names the element to copy in
   data-copy-target and what to announce in data-copied; the status is the next element. */
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll(".copy-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copyTarget);
      var status = button.nextElementSibling;
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        status.textContent = button.dataset.copied;
      });
    });
  });
})();
