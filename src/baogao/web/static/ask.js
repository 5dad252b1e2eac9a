// The question box (partials/_ask_box.html): load the answer fragment from /partials/ask in place.
// The reader's 问答 action can prefill it: window.baogaoAsk(question, selectedText).
(function () {
  "use strict";
  function boxes() { return document.querySelectorAll("form[data-ask-box]"); }

  async function submit(form) {
    const params = new URLSearchParams(new FormData(form));
    const target = form.querySelector("[data-ask-answer]");
    if (!target || !params.get("q")) return;
    target.textContent = "正在查找…";
    try {
      const resp = await fetch("/partials/ask?" + params.toString(), { headers: { Accept: "text/html" } });
      target.innerHTML = resp.ok ? await resp.text() : "<p class=\"notice\">出错了（" + resp.status + "）</p>";
    } catch (err) {
      target.textContent = "网络错误，请重试";
    }
  }

  document.addEventListener("submit", function (ev) {
    const form = ev.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-ask-box")) {
      ev.preventDefault();
      submit(form);
    }
  });

  window.baogaoAsk = function (question, context) {
    const form = boxes()[0];
    if (!form) return;
    form.elements.q.value = question || "";
    if (form.elements.context) form.elements.context.value = context || "";
    form.elements.q.focus();
    if (question) submit(form);
  };
})();
