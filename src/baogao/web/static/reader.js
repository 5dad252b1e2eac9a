/* baogao reader: find in document, selection popover, notes, outline tracking, share, print.
 *
 * Every text block in #doc-body carries data-start/data-end: its text content is exactly
 * text[start:end] of the document's canonical text, so DOM positions map to character offsets
 * (Spans) and back. Highlights (find hits, notes, a shared passage) are <mark> elements
 * wrapped around text nodes; they never add or remove characters.
 */
(function () {
  "use strict";
  var B = window.baogao;
  var body = document.getElementById("doc-body");
  if (!body) return;
  var data = JSON.parse(document.getElementById("reader-data").textContent);
  var docId = data.doc.id;
  var blocks = Array.prototype.slice.call(body.querySelectorAll("[data-start]"));
  var starts = blocks.map(function (b) { return +b.getAttribute("data-start"); });

  /* ---------------------------------------------------------------- spans <-> DOM */

  function firstBlockEndingAfter(offset) {
    var lo = 0, hi = blocks.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (+blocks[mid].getAttribute("data-end") <= offset) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function textNodes(el) {
    var out = [], w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, null);
    var n;
    while ((n = w.nextNode())) out.push(n);
    return out;
  }

  /* wrap text[start:end] in <mark class=cls>; returns the marks (one per text node piece) */
  function wrapSpan(start, end, cls, attrs) {
    var out = [];
    for (var i = firstBlockEndingAfter(start); i < blocks.length && starts[i] < end; i++) {
      var el = blocks[i], bs = starts[i];
      var from = Math.max(start, bs) - bs, to = Math.min(end, +el.getAttribute("data-end")) - bs;
      if (to <= from) continue;
      var pos = 0;
      textNodes(el).forEach(function (node) {
        var len = node.nodeValue.length, ns = pos, ne = pos + len;
        pos = ne;
        if (ne <= from || ns >= to || !len) return;
        var a = Math.max(from, ns) - ns, b = Math.min(to, ne) - ns;
        var target = node;
        if (a > 0) target = target.splitText(a);
        if (b - a < target.nodeValue.length) target.splitText(b - a);
        var m = document.createElement("mark");
        m.className = cls;
        if (attrs) Object.keys(attrs).forEach(function (k) { m.setAttribute(k, attrs[k]); });
        target.parentNode.insertBefore(m, target);
        m.appendChild(target);
        out.push(m);
      });
    }
    return out;
  }

  function unwrap(selector) {
    var parents = [];
    body.querySelectorAll(selector).forEach(function (m) {
      var p = m.parentNode;
      while (m.firstChild) p.insertBefore(m.firstChild, m);
      p.removeChild(m);
      parents.push(p);
    });
    parents.forEach(function (p) { p.normalize(); });
  }

  function pointOffset(block, container, offset) {
    var r = document.createRange();
    r.setStart(block, 0);
    r.setEnd(container, offset);
    return +block.getAttribute("data-start") + r.toString().length;
  }

  /* the Span of the current selection inside the document body, or null */
  function selectionSpan() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer) && !range.commonAncestorContainer.contains(body)) return null;
    var hit = [];
    for (var i = 0; i < blocks.length; i++) if (range.intersectsNode(blocks[i])) hit.push(blocks[i]);
    if (!hit.length) return null;
    var first = hit[0], last = hit[hit.length - 1];
    var s = first.contains(range.startContainer) ? pointOffset(first, range.startContainer, range.startOffset) : +first.getAttribute("data-start");
    var e = last.contains(range.endContainer) ? pointOffset(last, range.endContainer, range.endOffset) : +last.getAttribute("data-end");
    if (e <= s) return null;
    var parts = [];
    hit.forEach(function (b) {
      var bs = +b.getAttribute("data-start"), t = b.textContent;
      var a = Math.max(s, bs) - bs, z = Math.min(e, +b.getAttribute("data-end")) - bs;
      if (z > a) parts.push(t.slice(a, z));
    });
    var text = parts.join("\n");
    if (!text.trim()) return null;
    return { start: s, end: e, text: text, rect: range.getBoundingClientRect() };
  }

  /* the sections containing an offset, outermost first (一、… › (三)…) */
  function sectionsAt(offset) {
    return data.sections.filter(function (s) { return s.start <= offset && offset < s.end; })
      .sort(function (a, b) { return a.level - b.level || a.start - b.start; });
  }

  /* Where the eye is: a passage one is sent to (shared link, find hit, note) is put a little
     above the middle of the window, and the outline's current section is the one at that line. */
  function readingLine() { return Math.max(120, window.innerHeight * 0.4); }
  function scrollToReadingLine(el) {
    var r = el.getBoundingClientRect();
    window.scrollTo(0, Math.max(0, window.scrollY + r.top - window.innerHeight * 0.3));
  }

  function spanLink(s, e) { return location.origin + "/d/" + encodeURIComponent(docId) + "#s=" + s + "-" + e; }

  /* 《title》，上海市黄浦区，2025年（2025-01-08），一、2024年工作回顾 › (三)增进民生福祉扎实有力 */
  function citation(span) {
    var parts = ["《" + (data.doc.title || docId) + "》"];
    if (data.doc.region) parts.push(data.doc.region);
    if (data.doc.year) parts.push(data.doc.year + "年" + (data.doc.date ? "（" + data.doc.date + "）" : ""));
    var secs = sectionsAt(span.start);
    if (secs.length) parts.push(secs.map(function (s) { return s.label + s.title; }).join(" › "));
    return parts.join("，");
  }

  /* the selection as one exact phrase of the search language: its first line (a match never
     crosses a paragraph), inside ASCII quotes so that spaces, “”, -, OR and 地区: are text */
  function searchPhrase(text) {
    var line = text.split("\n").map(function (l) { return l.trim(); }).filter(Boolean)[0] || "";
    if (line.indexOf('"') !== -1) {
      line = line.split('"').reduce(function (a, b) { return b.trim().length > a.length ? b.trim() : a; }, "");
    }
    return '"' + line.slice(0, 80) + '"';
  }

  /* ---------------------------------------------------------------- shared passage #s=a-b */

  function showTarget() {
    var m = /^#s=(\d+)-(\d+)$/.exec(location.hash);
    unwrap("mark.target");
    if (!m) return;
    var s = +m[1], e = +m[2];
    if (e <= s) return;
    var marks = wrapSpan(s, e, "target");
    if (marks.length) scrollToReadingLine(marks[0]);
  }
  window.addEventListener("hashchange", showTarget);

  /* ---------------------------------------------------------------- find in document */

  var findInput = document.getElementById("find-input");
  var counter = document.getElementById("find-counter");
  var hits = [], cur = -1, seq = 0, findTimer = null;

  function setCurrent(i, scroll) {
    body.querySelectorAll("mark.find.cur").forEach(function (m) { m.classList.remove("cur"); });
    if (!hits.length) { cur = -1; counter.textContent = "0/0"; return; }
    cur = (i + hits.length) % hits.length;
    var marks = body.querySelectorAll('mark.find[data-i="' + cur + '"]');
    marks.forEach(function (m) { m.classList.add("cur"); });
    counter.textContent = (cur + 1) + "/" + hits.length;
    if (scroll && marks.length) scrollToReadingLine(marks[0]);
  }

  function runFind() {
    var q = findInput.value.trim();
    var my = ++seq;
    if (!q) { unwrap("mark.find"); hits = []; setCurrent(0); return; }
    B.api("GET", "/api/v1/documents/" + encodeURIComponent(docId) + "/find?q=" + encodeURIComponent(q)).then(function (res) {
      if (my !== seq) return;
      unwrap("mark.find");
      hits = res.spans || [];
      hits.forEach(function (h, i) { wrapSpan(h.start, h.end, "find", { "data-i": String(i) }); });
      // start at the first hit below the top of the screen
      var first = 0;
      for (var i = 0; i < hits.length; i++) {
        var m = body.querySelector('mark.find[data-i="' + i + '"]');
        if (m && m.getBoundingClientRect().top > 60) { first = i; break; }
      }
      setCurrent(first, true);
    }).catch(function (err) { B.toast(err.message); });
  }

  if (findInput) {
    findInput.addEventListener("input", function () { clearTimeout(findTimer); findTimer = setTimeout(runFind, 180); });
    findInput.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        if (findTimer && seq === 0) runFind();
        setCurrent(cur + (e.shiftKey ? -1 : 1), true);
      } else if (e.key === "Escape") {
        findInput.value = "";
        runFind();
        findInput.blur();
      }
    });
    document.getElementById("find-form").addEventListener("submit", function (e) { e.preventDefault(); });
    document.getElementById("find-next").addEventListener("click", function () { setCurrent(cur + 1, true); });
    document.getElementById("find-prev").addEventListener("click", function () { setCurrent(cur - 1, true); });
    document.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && (e.key === "f" || e.key === "F") && document.activeElement !== findInput) {
        e.preventDefault();
        findInput.focus();
        findInput.select();
      } else if (e.key === "F3") {
        e.preventDefault();
        setCurrent(cur + (e.shiftKey ? -1 : 1), true);
      }
    });
  }

  /* ---------------------------------------------------------------- selection popover */

  var pop = document.getElementById("sel-popover");
  var current = null;

  function hidePopover() { pop.hidden = true; current = null; }

  function maybeShowPopover() {
    var span = selectionSpan();
    if (!span) { hidePopover(); return; }
    current = span;
    pop.hidden = false;
    var r = span.rect;
    var top = window.scrollY + r.top - pop.offsetHeight - 8;
    if (r.top < pop.offsetHeight + 70) top = window.scrollY + r.bottom + 8;
    var left = window.scrollX + r.left + r.width / 2 - pop.offsetWidth / 2;
    left = Math.max(window.scrollX + 6, Math.min(left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 6));
    pop.style.top = top + "px";
    pop.style.left = left + "px";
    var wrap = document.getElementById("share-sel-wrap");
    if (wrap) {
      wrap.hidden = false;
      document.getElementById("share-sel-copy").hidden = false;
      document.getElementById("share-sel-link").value = spanLink(span.start, span.end);
    }
  }

  var selTimer = null;
  document.addEventListener("mouseup", function (e) {
    if (pop.contains(e.target)) return;
    setTimeout(maybeShowPopover, 10);
  });
  document.addEventListener("keyup", function (e) {
    if (e.shiftKey || e.key === "Shift") setTimeout(maybeShowPopover, 10);
  });
  document.addEventListener("selectionchange", function () {
    clearTimeout(selTimer);
    selTimer = setTimeout(function () {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed) hidePopover();
      else if ("ontouchstart" in window) maybeShowPopover();
    }, 250);
  });
  document.addEventListener("mousedown", function (e) { if (!pop.contains(e.target)) pop.hidden = true; });
  pop.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep the selection

  pop.addEventListener("click", function (e) {
    var btn = e.target.closest("button[data-act]");
    if (!btn || !current) return;
    var span = current, act = btn.getAttribute("data-act");
    if (act === "copy") {
      var out = span.text + "\n——" + citation(span) + "\n" + spanLink(span.start, span.end);
      B.copyText(out).then(function () { B.toast("已复制（含出处）"); });
    } else if (act === "search") {
      location.href = "/search?q=" + encodeURIComponent(searchPhrase(span.text));
    } else if (act === "ask") {
      var askPanel = document.getElementById("ask-panel");
      var askForm = askPanel && askPanel.querySelector("form[data-ask-box]");
      if (!askForm) {
        location.href = "/ask?doc=" + encodeURIComponent(docId) + "&q=" + encodeURIComponent(span.text.slice(0, 200));
      } else {
        askPanel.open = true;
        openDrawer(panel);
        askForm.elements.q.value = span.text.slice(0, 200);
        if (askForm.elements.context) askForm.elements.context.value = span.text.slice(0, 2000);
        askForm.elements.q.focus();
        askForm.elements.q.select();
      }
    } else if (act === "link") {
      var link = spanLink(span.start, span.end);
      history.replaceState(null, "", "#s=" + span.start + "-" + span.end);
      showTarget();
      B.copyText(link).then(function () { B.toast("已复制段落链接"); });
    } else if (act === "note") {
      if (!data.logged_in) {
        B.toast("请先登录再记笔记");
        setTimeout(function () {
          location.href = "/login?next=" + encodeURIComponent("/d/" + docId + "#s=" + span.start + "-" + span.end);
        }, 700);
        return;
      }
      openNoteDialog({ start: span.start, end: span.end, quote: span.text });
    }
    pop.hidden = true;
  });

  /* ---------------------------------------------------------------- notes */

  var dialog = document.getElementById("note-dialog");
  var editing = null;

  function openNoteDialog(note) {
    editing = note;
    document.getElementById("note-dialog-title").textContent = note.id ? "编辑笔记" : "记笔记";
    document.getElementById("note-quote").textContent = note.quote || "";
    document.getElementById("note-body").value = note.body || "";
    document.getElementById("note-tags").value = note.tags || "";
    document.getElementById("note-error").hidden = true;
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
    document.getElementById("note-body").focus();
  }

  function closeDialog() { if (dialog.close) dialog.close(); else dialog.removeAttribute("open"); editing = null; }

  if (dialog) {
    document.getElementById("note-cancel").addEventListener("click", closeDialog);
    document.getElementById("note-form").addEventListener("submit", function (e) {
      e.preventDefault();
      if (!editing) return;
      var tags = document.getElementById("note-tags").value.split(/[,，]/).map(function (t) { return t.trim(); }).filter(Boolean);
      var bodyText = document.getElementById("note-body").value;
      var req = editing.id
        ? B.api("PATCH", "/api/v1/notes/" + editing.id, { body: bodyText, tags: tags })
        : B.api("POST", "/api/v1/notes", { doc_id: docId, start: editing.start, end: editing.end, body: bodyText, tags: tags });
      var wasNew = !editing.id;
      req.then(function (note) {
        closeDialog();
        window.getSelection().removeAllRanges();
        return refreshNotes().then(function () {
          B.toast(wasNew ? "笔记已保存" : "笔记已更新");
          flashNote(note.id);
        });
      }).catch(function (err) {
        var el = document.getElementById("note-error");
        el.textContent = err.status === 401 ? "登录已过期，请重新登录" : err.message;
        el.hidden = false;
      });
    });
  }

  var panel = document.getElementById("notes-panel");
  var notesList = document.getElementById("notes-list");

  function noteItems() { return Array.prototype.slice.call(panel.querySelectorAll("li.note")); }

  function applyNoteHighlights() {
    unwrap("mark.note-hl");
    body.querySelectorAll(".margin-note").forEach(function (n) { n.remove(); });
    noteItems().forEach(function (li, i) {
      if (li.getAttribute("data-status") !== "anchored") return;
      wrapSpan(+li.getAttribute("data-start"), +li.getAttribute("data-end"), "note-hl",
        { "data-note": li.getAttribute("data-id"), "data-n": String(i + 1), title: "笔记 " + (i + 1) });
    });
    var count = document.getElementById("notes-count");
    if (count) count.textContent = String(noteItems().length);
    if (document.body.classList.contains("print-notes-margin")) buildMarginNotes();
  }

  function refreshNotes() {
    return fetch("/d/" + encodeURIComponent(docId) + "/notes-panel", { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var tpl = document.createElement("template");
        tpl.innerHTML = html;  // server-rendered, autoescaped partial from our own origin
        notesList.replaceChildren(tpl.content);
        applyNoteHighlights();
      });
  }

  function flashNote(id) {
    var li = document.getElementById("note-" + id);
    if (!li) return;
    noteItems().forEach(function (n) { n.classList.remove("active"); });
    li.classList.add("active");
    li.scrollIntoView({ block: "nearest" });
  }

  panel.addEventListener("click", function (e) {
    var li = e.target.closest("li.note");
    if (!li) return;
    var id = li.getAttribute("data-id");
    if (e.target.closest("[data-jump]")) {
      if (li.getAttribute("data-status") !== "anchored") { e.preventDefault(); B.toast("原文已变化，这条笔记无法定位"); return; }
      e.preventDefault();
      var m = body.querySelector('mark.note-hl[data-note="' + id + '"]');
      if (narrow()) closeDrawers();
      if (m) scrollToReadingLine(m);
      flashNote(id);
    } else if (e.target.closest("[data-edit]")) {
      openNoteDialog({ id: id, quote: li.querySelector(".quote").textContent, body: li.getAttribute("data-body"), tags: li.getAttribute("data-tags") });
    } else if (e.target.closest("[data-delete]")) {
      if (!window.confirm("删除这条笔记？")) return;
      B.api("DELETE", "/api/v1/notes/" + id).then(function () {
        return refreshNotes().then(function () { B.toast("笔记已删除"); });
      }).catch(function (err) { B.toast(err.message); });
    }
  });

  body.addEventListener("click", function (e) {
    var m = e.target.closest("mark.note-hl");
    if (!m || !window.getSelection().isCollapsed) return;
    openDrawer(panel);
    flashNote(m.getAttribute("data-note"));
  });

  /* ---------------------------------------------------------------- outline tracking */

  var heads = Array.prototype.slice.call(body.querySelectorAll(".sec[data-sec]"));
  var outlineLinks = {};
  document.querySelectorAll(".outline a[data-sec]").forEach(function (a) { outlineLinks[a.getAttribute("data-sec")] = a; });
  var ticking = false, lastSec = null;
  function trackOutline() {
    ticking = false;
    var curSec = null;
    // the section being read: the last heading above the reading line (not just above the
    // toolbar: a heading in the upper part of the screen has begun the text one is reading)
    var line = readingLine();
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getBoundingClientRect().top < line) curSec = heads[i].getAttribute("data-sec"); else break;
    }
    if (curSec === lastSec) return;
    if (lastSec && outlineLinks[lastSec]) outlineLinks[lastSec].classList.remove("current");
    lastSec = curSec;
    var a = curSec && outlineLinks[curSec];
    if (a) {
      a.classList.add("current");
      var box = a.closest(".outline");
      if (box && box.scrollHeight > box.clientHeight) {
        var r = a.getBoundingClientRect(), br = box.getBoundingClientRect();
        if (r.top < br.top || r.bottom > br.bottom) box.scrollTop += r.top - br.top - br.height / 3;
      }
    }
  }
  window.addEventListener("scroll", function () { if (!ticking) { ticking = true; requestAnimationFrame(trackOutline); } }, { passive: true });

  /* ---------------------------------------------------------------- narrow screens */

  /* On narrow windows the outline and the notes are drawers over the text (a bottom sheet on
     a phone), opened from the toolbar, closed by 关闭, Escape, or choosing an entry. */
  var outline = document.getElementById("outline");
  var drawers = [outline, panel].filter(Boolean);
  var toggles = { outline: document.getElementById("toggle-outline"), "notes-panel": document.getElementById("toggle-notes") };

  function narrow() { return window.matchMedia("(max-width: 760px)").matches; }  // notes panel is a drawer

  function setOpen(el, open) {
    el.classList.toggle("open", open);
    var b = toggles[el.id];
    if (b) b.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function openDrawer(el) {
    drawers.forEach(function (d) { setOpen(d, d === el); });
    var cur = el === outline && outline.querySelector("a.current");
    if (cur) outline.scrollTop = Math.max(0, cur.offsetTop - outline.clientHeight / 3);  // show where one is
  }
  function closeDrawers() { drawers.forEach(function (d) { setOpen(d, false); }); }

  Object.keys(toggles).forEach(function (id) {
    var b = toggles[id], el = document.getElementById(id);
    if (b && el) b.addEventListener("click", function () {
      if (el.classList.contains("open")) setOpen(el, false); else openDrawer(el);
    });
  });
  document.querySelectorAll("[data-close]").forEach(function (b) {
    b.addEventListener("click", function () { setOpen(document.getElementById(b.getAttribute("data-close")), false); });
  });
  if (outline) outline.addEventListener("click", function (e) {
    if (e.target.closest("a[href^='#']") && outline.classList.contains("open")) setOpen(outline, false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && drawers.some(function (d) { return d.classList.contains("open"); })) closeDrawers();
  });

  /* ---------------------------------------------------------------- print */

  function buildMarginNotes() {
    body.querySelectorAll(".margin-note").forEach(function (n) { n.remove(); });
    noteItems().forEach(function (li, i) {
      if (li.getAttribute("data-status") !== "anchored") return;
      var start = +li.getAttribute("data-start");
      var idx = firstBlockEndingAfter(start);
      if (idx >= blocks.length) return;
      var holder = blocks[idx].closest(".blk") || blocks[idx];
      var aside = document.createElement("aside");
      aside.className = "margin-note";
      var head = document.createElement("b");
      head.textContent = "[" + (i + 1) + "]";
      aside.appendChild(head);
      var bodyEl = li.querySelector(".body");
      // the note as rendered (the server's sanitized Markdown: lists stay lists), else its quote
      if (bodyEl) aside.appendChild(bodyEl.cloneNode(true));
      else aside.appendChild(document.createTextNode(li.querySelector(".quote").textContent));
      holder.parentNode.insertBefore(aside, holder);
    });
  }

  function setPrintMode(mode) {
    document.body.classList.toggle("print-notes-end", mode === "end");
    document.body.classList.toggle("print-notes-margin", mode === "margin");
    if (mode === "margin") buildMarginNotes();
    else body.querySelectorAll(".margin-note").forEach(function (n) { n.remove(); });
  }
  document.querySelectorAll('input[name="print-notes"]').forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) setPrintMode(r.value); });
  });
  var printBtn = document.getElementById("btn-print");
  if (printBtn) printBtn.addEventListener("click", function () {
    var menu = document.getElementById("print-menu");
    if (menu) menu.removeAttribute("open");
    setTimeout(function () { window.print(); }, 50);
  });

  /* ---------------------------------------------------------------- share */

  var docLink = document.getElementById("share-doc-link");
  if (docLink) docLink.value = location.origin + "/d/" + docId;
  var shareForm = document.getElementById("share-notes-form");
  if (shareForm) shareForm.addEventListener("submit", function (e) {
    e.preventDefault();
    var title = shareForm.querySelector('input[name="title"]').value.trim();
    B.api("POST", "/api/v1/shares", { doc_id: docId, title: title || null }).then(function (share) {
      var out = document.getElementById("share-notes-link");
      out.value = location.origin + share.url;
      document.getElementById("share-result").hidden = false;
      B.copyText(out.value).then(function () { B.toast("已生成并复制分享链接"); });
    }).catch(function (err) { B.toast(err.message); });
  });

  /* ---------------------------------------------------------------- start */

  applyNoteHighlights();
  showTarget();
  trackOutline();
  window.baogaoReader = { wrapSpan: wrapSpan, selectionSpan: selectionSpan, refreshNotes: refreshNotes };
})();
