// The SDGs the platform's suggester reads in what the person writes, shown beside the goals' checkboxes.
// The form works without it; the words it shows come from the fieldset's data attributes, translated by the server.
(function () {
  "use strict";

  var WAIT_MS = 600; // after the last key, so a request goes out when the person pauses, not at every letter
  var MIN_CHARACTERS = 40; // shorter texts say too little for a suggestion worth showing
  var MAX_CHARACTERS = 10000; // the API refuses longer texts
  var LIKELY_FROM = 0.6; // a confidence at or above this reads "likely", below it "possible"

  function setUp(group) {
    var words = group.dataset;
    var results = document.getElementById(words.sdgResults);
    var form = group.closest("form");
    var tokenField = form && form.querySelector("input[name='csrf_token']");
    var sources = words.sdgSources.split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    if (!results || !form || !tokenField || !sources.length) {
      return;
    }
    var boxes = Array.prototype.slice.call(group.querySelectorAll("input[type='checkbox']"));
    // Once the person changes a goal, their choice is theirs: the script never ticks or unticks again.
    var mayPreselect = words.sdgPreselect === "true";
    var tickedByScript = [];
    var timer = null;
    var asked = 0; // the number of the latest request, so a slower earlier answer never overwrites a newer one
    var lastText = "";

    group.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        mayPreselect = false;
        tickedByScript = [];
      }
    });

    function text() {
      return sources.map(function (field) { return field.value.trim(); }).filter(Boolean).join("\n\n");
    }

    function boxFor(number) {
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].value === String(number)) {
          return boxes[i];
        }
      }
      return null;
    }

    function labelFor(box) {
      return box && group.querySelector("label[for='" + box.id + "']");
    }

    function clearTags() {
      Array.prototype.forEach.call(group.querySelectorAll(".sdg-suggested-tag"), function (tag) {
        tag.parentNode.removeChild(tag);
      });
    }

    function note(message) {
      results.textContent = "";
      var paragraph = document.createElement("p");
      paragraph.className = "mb-0 text-body-secondary";
      paragraph.textContent = message;
      results.appendChild(paragraph);
    }

    function preselect(numbers) {
      tickedByScript.forEach(function (box) {
        if (numbers.indexOf(box.value) === -1) {
          box.checked = false;
        }
      });
      tickedByScript = [];
      numbers.forEach(function (number) {
        var box = boxFor(number);
        if (box && !box.checked) {
          box.checked = true;
          tickedByScript.push(box);
        }
      });
    }

    function show(suggestions) {
      clearTags();
      var known = suggestions.filter(function (s) { return boxFor(s.number); });
      if (!known.length) {
        note(words.textNone);
        return;
      }
      var numbers = known.map(function (s) { return String(s.number); });
      var preselecting = mayPreselect;
      if (preselecting) {
        preselect(numbers);
      }
      results.textContent = "";
      var heading = document.createElement("p");
      heading.className = "fw-semibold mb-1";
      heading.textContent = words.textHeading;
      results.appendChild(heading);
      var list = document.createElement("ul");
      list.className = "mb-1 ps-3";
      known.forEach(function (suggestion) {
        var label = labelFor(boxFor(suggestion.number));
        var tag = document.createElement("span");
        tag.className = "badge rounded-pill text-bg-warning ms-1 sdg-suggested-tag";
        tag.textContent = words.textSuggested;
        label.appendChild(tag);
        var item = document.createElement("li");
        var name = document.createElement("strong");
        name.textContent = label.firstChild.textContent.trim();
        item.appendChild(name);
        var confidence = suggestion.confidence >= LIKELY_FROM ? words.textLikely : words.textPossible;
        item.appendChild(document.createTextNode(" (" + confidence + ")"));
        if (suggestion.reasons.length) {
          item.appendChild(document.createTextNode(", " + words.textBecause + ": " + suggestion.reasons.join("; ")));
        }
        list.appendChild(item);
      });
      results.appendChild(list);
      var after = document.createElement("p");
      after.className = "mb-0 text-body-secondary";
      after.textContent = preselecting ? words.textPreselected : words.textKept;
      results.appendChild(after);
    }

    function ask() {
      var written = text().slice(0, MAX_CHARACTERS);
      if (written.length < MIN_CHARACTERS || written === lastText) {
        return;
      }
      lastText = written;
      var mine = ++asked;
      fetch(words.sdgSuggest, {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "Accept": "application/json",
                  "X-CSRFToken": tokenField.value},
        // No language: the text's own is guessed, as people often write in English on the Italian interface.
        body: JSON.stringify({text: written})
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      }).then(function (answer) {
        if (mine === asked) {
          show(answer.sdgs || []);
        }
      }).catch(function () {
        if (mine === asked) {
          lastText = ""; // let the next pause try again
          note(words.textFailed);
        }
      });
    }

    sources.forEach(function (field) {
      field.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(ask, WAIT_MS);
      });
    });
    ask(); // a form that opens with text (an edit, or a form sent back) shows its suggestions at once
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("fieldset[data-sdg-suggest]"), setUp);
  });
})();
