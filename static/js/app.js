// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Put the keyboard focus on the first field with an error, so the person hears and sees what to fix.
    var invalid = document.querySelector("main [aria-invalid='true'], main .is-invalid");
    if (invalid) {
      invalid.focus();
    }
    // The menu's groups open and close only with Bootstrap's script, so only then do they say whether they are open.
    document.querySelectorAll("[data-bs-toggle='dropdown']").forEach(function (toggle) {
      if (!toggle.hasAttribute("aria-expanded")) {
        toggle.setAttribute("aria-expanded", "false");
      }
    });
  });
  // A group's toggle is a link (so that it works without JavaScript) that acts as a button: Space opens it too.
  document.addEventListener("keydown", function (event) {
    var toggle = event.target.closest && event.target.closest("a[data-bs-toggle='dropdown']");
    if (toggle && event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
})();
