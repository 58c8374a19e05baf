// The idle timeout (customers/idle.py): a signed-in session ends after SESSION_IDLE_SECONDS
// unused. This shows a Bootstrap toast SESSION_WARNING_SECONDS before that with a countdown
// and "Stay signed in" (a POST that slides the expiry), then says that the session has ended.
// Tabs share the latest expiry through localStorage, so a tab in use keeps the others quiet.
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box || !window.bootstrap) return;
  var KEY = "partner-center:session-ends";
  var age = parseInt(box.dataset.age, 10) * 1000;
  var refresh = parseInt(box.dataset.refresh, 10) * 1000;
  var warning = parseInt(box.dataset.warning, 10) * 1000;
  var endsAt = Date.now() + parseInt(box.dataset.left, 10) * 1000;
  var text = box.querySelector(".session-timeout-text");
  var toast = window.bootstrap.Toast.getOrCreateInstance(box, { autohide: false });
  var ended = false;

  function shared() {
    try { return parseInt(window.localStorage.getItem(KEY), 10) || 0; } catch (e) { return 0; }
  }
  function share() {
    try { window.localStorage.setItem(KEY, String(Math.max(endsAt, shared()))); } catch (e) { /* private mode */ }
  }
  function used(fresh) {  // the server slid the expiry (fresh) or may have (any request: at worst `refresh` ago)
    endsAt = Math.max(endsAt, Date.now() + age - (fresh ? 0 : refresh));
    share();
    tick();
  }
  function clock(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }
  function end() {
    ended = true;
    text.textContent = box.dataset.textEnded;
    box.querySelector("[data-session-keep-alive]").hidden = true;
    box.querySelector("[data-session-sign-in]").hidden = false;
    toast.show();
  }
  function tick() {
    if (ended) return;
    endsAt = Math.max(endsAt, shared());
    var left = endsAt - Date.now();
    if (left <= 0) {
      end();
    } else if (left <= warning) {
      text.textContent = text.dataset.textWarning.replace("%(time)s", clock(left));
      toast.show();
    } else if (box.classList.contains("show")) {
      toast.hide();
    }
  }

  box.querySelector("[data-session-keep-alive]").addEventListener("click", function () {
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
    var headers = { "X-Requested-With": "XMLHttpRequest" };
    if (csrf) headers["X-CSRFToken"] = csrf.value;
    fetch(box.dataset.keepAliveUrl, { method: "POST", credentials: "same-origin", headers: headers })
      .then(function (response) {
        if (response.status === 204) { used(true); } else { endsAt = Date.now(); end(); }
      });
  });
  document.addEventListener("htmx:afterRequest", function () { used(false); });
  window.addEventListener("storage", function (event) { if (event.key === KEY) tick(); });
  share();
  tick();
  window.setInterval(tick, 1000);
})();
