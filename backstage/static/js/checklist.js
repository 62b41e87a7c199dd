// Ticks the writing guide's items while a student types a first message (no inline script: strict CSP).
(function () {
  function update(textarea) {
    var list = document.getElementById(textarea.dataset.checklist);
    if (!list) return;
    var text = textarea.value.toLowerCase();
    list.querySelectorAll("[data-clues]").forEach(function (item) {
      var done = item.dataset.clues.split("|").some(function (clue) { return clue && text.indexOf(clue) !== -1; });
      item.classList.toggle("done", done);
      item.setAttribute("aria-checked", done ? "true" : "false");
    });
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-checklist]")) update(event.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-checklist]").forEach(update);
  });
})();
