// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Put the keyboard focus on the first field with an error, so the person hears and sees what to fix.
  document.addEventListener("DOMContentLoaded", function () {
    var invalid = document.querySelector("main [aria-invalid='true'], main .is-invalid");
    if (invalid) {
      invalid.focus();
    }
  });
})();
