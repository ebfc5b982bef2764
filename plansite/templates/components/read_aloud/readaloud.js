/*
 * 语音播报 (read aloud) with the browser's own speech synthesis.
 *
 * Progressive enhancement: the page is complete without this file. The
 * control is created here, so where script is off or the browser cannot
 * speak, it does not exist at all. All text comes from the page
 * (data-strings on this script tag, from plansite/strings.py).
 *
 * It reads the document one unit at a time (a heading, a paragraph, a table
 * row with its headers) from the first unit on screen, highlights and
 * scrolls to the unit being read, and announces its state in a live region.
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
  var UNITS = "h1, h2, h3, h4, h5, h6, [role=heading], p, dt, dd, caption, tbody tr";
  var MIN_RATE = 0.5, MAX_RATE = 2, STEP = 0.25;

  var state = "stopped"; // stopped | playing | paused
  var units = [];
  var index = 0;
  var rate = 1;
  var current = null; // the utterance being spoken; others' events are stale

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // What a screen reader would say: skip aria-hidden symbols, keep the
  // visually hidden spoken forms (without their brackets).
  function spoken(node) {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1 || node.getAttribute("aria-hidden") === "true") return "";
    var text = "";
    for (var child = node.firstChild; child; child = child.nextSibling) text += spoken(child);
    if (node.classList.contains("sr-only")) text = text.replace(/^（/, "").replace(/）$/, "");
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
    return (el.tagName === "TR" ? rowText(el) : spoken(el)).replace(/\s+/g, " ").trim();
  }

  function collect() {
    return Array.prototype.filter.call(main.querySelectorAll(UNITS), function (el) {
      if (el.closest(".contents, .read-aloud, [aria-hidden=true]")) return false;
      if (el.tagName === "P" && el.closest("td, th, dd, li")) return false; // read with its container
      if (el.tagName === "CAPTION" && el.classList.contains("sr-only")) return false; // repeats the heading just read
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

  var region = document.createElement("section");
  region.className = "read-aloud";
  region.setAttribute("aria-labelledby", "read-aloud-title");
  var heading = document.createElement("h2");
  heading.id = "read-aloud-title";
  heading.textContent = S.read_aloud;
  region.appendChild(heading);

  var bar = document.createElement("div");
  bar.className = "read-aloud__buttons";
  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", action);
    bar.appendChild(b);
    return b;
  }
  var playButton = button(S.read_play, playPauseResume);
  button(S.read_stop, stop);
  button(S.read_slower, function () { changeRate(-STEP); });
  button(S.read_faster, function () { changeRate(STEP); });
  region.appendChild(bar);

  var status = document.createElement("p");
  status.className = "read-aloud__status";
  status.setAttribute("role", "status");
  region.appendChild(status);
  title.insertAdjacentElement("afterend", region);

  function announce(text) {
    status.textContent = text;
  }

  function setState(next) {
    state = next;
    playButton.textContent = next === "playing" ? S.read_pause : next === "paused" ? S.read_resume : S.read_play;
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
    announce(format(S.read_status_reading, { n: i + 1, total: units.length }));
  }

  function playPauseResume() {
    if (state === "playing") {
      synth.pause();
      setState("paused");
      announce(S.read_status_paused);
    } else if (state === "paused") {
      synth.resume();
      setState("playing");
      announce(format(S.read_status_reading, { n: index + 1, total: units.length }));
    } else {
      units = collect();
      var start = startIndex();
      chosen = false;
      setState("playing");
      speak(start);
    }
  }

  function stop() {
    current = null;
    setState("stopped");
    synth.cancel();
    highlight(null);
    announce(S.read_status_stopped);
  }

  function changeRate(delta) {
    rate = Math.min(MAX_RATE, Math.max(MIN_RATE, Math.round((rate + delta) * 100) / 100));
    if (state === "playing") {
      current = null; // restart the current unit at the new rate
      synth.cancel();
      speak(index);
    }
    announce(format(S.read_status_rate, { rate: rate }));
  }

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
