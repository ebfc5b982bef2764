/*
 * 语音播报 (read aloud) with the browser's own speech synthesis.
 *
 * Progressive enhancement: the page is complete without this file. The
 * control is created here, so where script is off or the browser cannot
 * speak, it does not exist at all. All text comes from the page
 * (data-strings on this script tag, from plansite/strings.py).
 *
 * Before reading it is one button under the title. While reading it becomes
 * a bar fixed to the bottom edge of the window, so it stays in reach; Esc
 * stops. It reads the document one unit at a time (a heading, a paragraph, a
 * list item, a metadata pair, a table row with its headers) from where the
 * reader was, highlighting the unit being read. Its live region announces
 * only changes of state (start, pause, resume, stop, end), never each unit,
 * so it does not talk over a screen reader; progress is shown, not announced.
 */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;
  var script = document.currentScript;
  var main = document.querySelector("main");
  var title = main && main.querySelector("h1");
  if (!script || !main || !title) return;

  var S = JSON.parse(script.getAttribute("data-strings") || "{}");
  var UNITS = "h1, h2, h3, h4, h5, h6, [role=heading], p, li, .meta-list__row, dt, dd, caption, tbody tr";
  var MIN_RATE = 0.5, MAX_RATE = 2, STEP = 0.25;

  var state = "stopped"; // stopped | playing | paused
  var units = [];
  var index = 0;
  var rate = 1;
  var current = null; // the utterance being spoken; others' events are stale

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // What a screen reader says: a symbol's spoken form (data-say, see
  // speech.py) instead of the symbol, nothing that is aria-hidden.
  function spoken(node) {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1) return "";
    if (node.classList.contains("say")) return node.getAttribute("data-say") || "";
    if (node.getAttribute("aria-hidden") === "true") return "";
    var text = "";
    for (var child = node.firstChild; child; child = child.nextSibling) text += spoken(child);
    return text;
  }

  function rowText(row) {
    var table = row.closest("table");
    var heads = table ? table.querySelectorAll("thead th") : [];
    var parts = [];
    Array.prototype.forEach.call(row.children, function (cell, i) {
      var value = spoken(cell).trim();
      if (!value) return;
      var head = heads[i] ? spoken(heads[i]).trim() : "";
      parts.push(head ? head + "：" + value : value);
    });
    return parts.join("；");
  }

  function textOf(el) {
    if (el.tagName === "TR") return rowText(el);
    if (el.classList.contains("meta-list__row")) {
      // a metadata pair is one unit: 文件类型：规划
      var parts = Array.prototype.map.call(el.children, function (c) { return spoken(c).trim(); });
      return parts.join("：").replace(/\s+/g, " ").trim();
    }
    return spoken(el).replace(/\s+/g, " ").trim();
  }

  function collect() {
    return Array.prototype.filter.call(main.querySelectorAll(UNITS), function (el) {
      if (el.closest(".contents, .read-aloud, [aria-hidden=true]")) return false;
      if (el.parentElement.closest(UNITS)) return false; // read with the unit around it
      return textOf(el) !== "";
    });
  }

  // "From the current position": where the reader was before they went to the
  // control. Reaching the control (by Tab or by scrolling up to click it)
  // moves the page, so the position is remembered while they read: the first
  // unit on screen as they scroll (keyboard navigation scrolls too), unless
  // they clicked a paragraph to start from, which holds until reading starts.
  var position = null;
  var chosen = false;

  function firstOnScreen(list) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].getBoundingClientRect().bottom > 0) return list[i];
    }
    return null;
  }

  function remember(el) {
    if (!chosen && !region.contains(document.activeElement) && state !== "playing") position = el;
  }

  function startIndex() {
    if (!position || !document.contains(position)) {
      var top = firstOnScreen(units);
      return top ? units.indexOf(top) : 0;
    }
    for (var i = 0; i < units.length; i++) {
      var u = units[i];
      if (u === position || u.contains(position) || position.compareDocumentPosition(u) & Node.DOCUMENT_POSITION_FOLLOWING) return i;
    }
    return 0;
  }

  // --- the control ----------------------------------------------------------

  var region = document.createElement("div");
  region.className = "read-aloud";
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", S.read_aloud);

  var bar = document.createElement("div");
  bar.className = "read-aloud__buttons";
  function button(label, action, extra) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (extra) b.className = "read-aloud__more";
    b.addEventListener("click", action);
    bar.appendChild(b);
    return b;
  }
  var playButton = button(S.read_aloud, playPauseResume);
  button(S.read_stop, stop, true);
  button(S.read_slower, function () { changeRate(-STEP); }, true);
  button(S.read_faster, function () { changeRate(STEP); }, true);
  region.appendChild(bar);

  var progress = document.createElement("p"); // shown, never announced
  progress.className = "read-aloud__progress read-aloud__more";
  region.appendChild(progress);
  var status = document.createElement("p"); // announces changes of state only
  status.className = "read-aloud__status";
  status.setAttribute("role", "status");
  region.appendChild(status);
  title.insertAdjacentElement("afterend", region);

  function announce(text) {
    status.textContent = text;
  }

  function showProgress() {
    progress.textContent = format(S.read_progress, { n: index + 1, total: units.length, rate: rate });
  }

  function setState(next) {
    state = next;
    playButton.textContent = next === "playing" ? S.read_pause : next === "paused" ? S.read_resume : S.read_aloud;
    var active = next !== "stopped";
    region.classList.toggle("read-aloud--active", active);
    document.body.classList.toggle("read-aloud-active", active); // room below the page for the bar
  }

  function highlight(el) {
    var old = main.querySelector(".reading");
    if (old) old.classList.remove("reading");
    if (!el) return;
    el.classList.add("reading");
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }

  function speak(i) {
    if (i >= units.length) {
      current = null;
      setState("stopped");
      highlight(null);
      announce(S.read_status_done);
      return;
    }
    index = i;
    highlight(units[i]);
    showProgress();
    var utterance = new SpeechSynthesisUtterance(textOf(units[i]));
    utterance.lang = "zh-CN";
    utterance.rate = rate;
    var voice = (synth.getVoices() || []).filter(function (v) { return /^zh(-|_)CN/i.test(v.lang); })[0];
    if (voice) utterance.voice = voice;
    utterance.onend = function () {
      if (current === utterance && state === "playing") speak(i + 1);
    };
    current = utterance;
    synth.speak(utterance);
  }

  function playPauseResume() {
    if (state === "playing") {
      synth.pause();
      setState("paused");
      announce(S.read_status_paused);
    } else if (state === "paused") {
      synth.resume();
      setState("playing");
      announce(S.read_status_resumed);
    } else {
      units = collect();
      var start = startIndex();
      chosen = false;
      setState("playing");
      announce(S.read_status_started);
      speak(start);
    }
  }

  function stop() {
    if (state === "stopped") return;
    current = null;
    setState("stopped");
    synth.cancel();
    highlight(null);
    announce(S.read_status_stopped);
  }

  function changeRate(delta) {
    rate = Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round((rate + delta) * 100) / 100));
    showProgress();
    if (state === "playing") {
      current = null; // restart the current unit at the new rate
      synth.cancel();
      speak(index);
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && state !== "stopped") stop();
  });
  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      remember(firstOnScreen(collect()));
    });
  }, { passive: true });
  main.addEventListener("click", function (event) {
    var unit = event.target.closest(UNITS);
    if (!unit || event.target.closest("a, button, .contents, .read-aloud")) return;
    position = unit;
    chosen = true;
  });

  // Leaving the page stops the voice (some browsers keep speaking otherwise).
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();
