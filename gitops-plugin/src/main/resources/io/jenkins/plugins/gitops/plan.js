// Fetches a resource's diff when its row is first opened, and switches a diff between unified and
// side-by-side views. An adjunct, not inline script, so the page works under Jenkins' CSP.
(function () {
  function load(details) {
    if (details.dataset.gitopsLoaded) {
      return;
    }
    details.dataset.gitopsLoaded = "true";
    var body = details.querySelector(".gitops-diff-body");
    fetch(details.dataset.gitopsDiff, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (rsp) {
        if (!rsp.ok) {
          throw new Error(rsp.status + " " + rsp.statusText);
        }
        return rsp.text();
      })
      .then(function (html) {
        // The fragment is gitops-pages' escaped HTML (PlanHtml.diff), from this same Jenkins.
        body.innerHTML = html;
      })
      .catch(function (e) {
        delete details.dataset.gitopsLoaded;
        body.textContent = "The diff could not be loaded (" + e.message + "). Open it again to retry.";
      });
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.matches && details.matches("details.gitops-diff") && details.open) {
      load(details);
    }
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-gitops-view]");
    if (!button) {
      return;
    }
    var views = button.closest(".gitops-diff-views");
    views.dataset.gitopsShown = button.dataset.gitopsView;
    views.querySelectorAll("button[data-gitops-view]").forEach(function (b) {
      b.classList.toggle("gitops-view--selected", b === button);
    });
  });
})();
