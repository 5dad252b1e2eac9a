/* baogao: small helpers shared by every page (no framework, no CDN). */
(function () {
  "use strict";

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  /* fetch JSON with the session cookie and the CSRF header; rejects with the API's message */
  function api(method, url, body) {
    var opts = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (method !== "GET") opts.headers["X-CSRF-Token"] = csrf();
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (r) {
      return r.text().then(function (t) {
        var data = null;
        try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
        if (!r.ok) {
          var msg = (data && data.error && data.error.message) || ("请求失败 (" + r.status + ")");
          var err = new Error(msg);
          err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }

  var toastTimer = null;
  function toast(msg) {
    var el = document.getElementById("toast");
    if (!el) {
      el = document.createElement("div");
      el.id = "toast";
      el.className = "toast";
      el.setAttribute("role", "status");
      document.body.appendChild(el);
    }
    el.textContent = msg;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { el.hidden = true; }, 2600);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }
  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "offscreen";
    ta.style.position = "fixed";
    ta.style.left = "-9999px";
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand("copy"); } catch (e) { /* ignore */ }
    document.body.removeChild(ta);
  }

  function absolute(url) {
    if (!url) return url;
    return url.charAt(0) === "/" ? location.origin + url : url;
  }

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.matches && t.matches("select[data-autosubmit]") && t.form) t.form.submit();
  });

  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest("[data-copy]");
    if (!btn) return;
    var src = document.querySelector(btn.getAttribute("data-copy"));
    if (!src) return;
    var text = absolute(src.value || src.textContent || "");
    copyText(text).then(function () { toast("已复制：" + text); });
  });

  /* the /ask page: an answer loaded in place replaces the server-rendered one */
  document.addEventListener("submit", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-ask-box")) {
      document.querySelectorAll(".ask-static").forEach(function (el) { el.hidden = true; });
    }
  });

  /* close an open <details class="menu"> when clicking elsewhere */
  document.addEventListener("click", function (e) {
    var chosen = e.target.closest && e.target.closest("details.menu .menu-body a");
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (!d.contains(e.target) || (chosen && d.contains(chosen))) d.removeAttribute("open");
    });
  });

  /* phones: filter boxes start folded, so the results are on the first screen */
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.matchMedia("(max-width: 760px)").matches) return;
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (d) { d.open = false; });
  });

  /* API docs: filter endpoints as you type */
  document.addEventListener("DOMContentLoaded", function () {
    var f = document.getElementById("api-filter");
    if (!f) return;
    f.addEventListener("input", function () {
      var q = f.value.trim().toLowerCase();
      document.querySelectorAll(".op").forEach(function (op) {
        op.hidden = q && op.textContent.toLowerCase().indexOf(q) === -1;
      });
    });
  });

  window.baogao = { csrf: csrf, api: api, toast: toast, copyText: copyText, absolute: absolute };
})();
