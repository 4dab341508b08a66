/* The map page: copy the embed code, sort the table twin, apply the controls on change.
   Everything here is an enhancement; without JavaScript the form submits and the table is
   sorted by country name. */
(function () {
  "use strict";
  var copy = document.getElementById("copy-embed");
  var code = document.getElementById("embed-code");
  if (copy && code) {
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = copy.getAttribute("data-copied"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.value).then(done);
      } else {
        code.select();
        document.execCommand("copy");
        done();
      }
    });
  }

  var controls = document.querySelector("form.map-controls");
  if (controls) {
    // A pick with the mouse applies at once. With the keyboard, arrowing through the treaties or
    // typing a date fires "change" at every step, so the page would reload under the user's
    // fingers (WCAG 3.2.2): keyboard edits wait for Enter or the "Show" button. A layer toggle is
    // one deliberate action either way and applies at once.
    var typing = false;
    controls.addEventListener("keydown", function (event) {
      var field = event.target;
      if (field.type === "checkbox") { return; }
      if (event.key === "Enter" && (field.tagName === "SELECT" || field.type === "date")) {
        event.preventDefault();
        controls.submit();
      } else if (event.key !== "Tab" && event.key !== "Shift") {
        typing = true;
      }
    });
    controls.addEventListener("pointerdown", function () { typing = false; });
    controls.addEventListener("change", function (event) {
      if (typing && event.target.type !== "checkbox") { return; }
      controls.submit();
    });
  }

  var table = document.getElementById("map-table");
  if (!table) { return; }
  var headers = table.querySelectorAll("th[data-sort]");
  headers.forEach(function (th, index) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var value = function (row) {
        var cell = row.cells[index];
        var v = cell.getAttribute("data-value");
        return v === null ? cell.textContent.trim() : v;
      };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        // Empty dates sort last in either direction.
        if (x === "" && y !== "") { return 1; }
        if (y === "" && x !== "") { return -1; }
        var c = x.localeCompare(y);
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
