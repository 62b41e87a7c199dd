// htmx leaves 4xx answers unswapped; forms marked data-swap-errors show theirs (the form with its error messages:
// 400 bad input, 409 blocked, 429 too many). No inline script: strict CSP.
document.addEventListener("htmx:beforeSwap", function (event) {
  var source = event.detail.requestConfig && event.detail.requestConfig.elt;
  var status = event.detail.xhr.status;
  if (source && source.closest("[data-swap-errors]") && status >= 400 && status < 500) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
