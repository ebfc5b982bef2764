/*
 * 文字大小 (适老化: 网页放大): 放大 / 缩小 / 还原, remembered across pages.
 *
 * Loaded in <head> without defer, so the size the reader chose is applied
 * before the page is first drawn. The buttons are created here, so with
 * script off there is no control (the browser's own zoom and font size still
 * work, and 大字版 follows the browser's font size). The size is a step on
 * <html data-text-size>; style.css turns it into a factor on the root font
 * size, so every rem-based length grows with it.
 */
(function () {
  "use strict";

  var KEY = "plansite-text-size";
  var STEPS = 4; // 0 (as designed) … 4 (twice the size): see style.css
  var script = document.currentScript;
  var S = JSON.parse((script && script.getAttribute("data-strings")) || "{}");
  var root = document.documentElement;

  function stored() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY) || "0", 10);
      return value >= 0 && value <= STEPS ? value : 0;
    } catch (e) {
      return 0; // storage off (private mode, some file:// pages): the size is not remembered
    }
  }

  function apply(step) {
    if (step) root.setAttribute("data-text-size", String(step));
    else root.removeAttribute("data-text-size");
  }

  function save(step) {
    try {
      if (step) window.localStorage.setItem(KEY, String(step));
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* not remembered, still applied */ }
  }

  var step = stored();
  apply(step);

  document.addEventListener("DOMContentLoaded", function () {
    var header = document.querySelector(".site-header .container");
    if (!header) return;
    var group = document.createElement("div");
    group.className = "text-size";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", S.text_size);
    var label = document.createElement("span");
    label.className = "text-size__label";
    label.setAttribute("aria-hidden", "true"); // the group's name already says it
    label.textContent = S.text_size + "：";
    group.appendChild(label);

    function button(text, change) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.addEventListener("click", function () {
        step = change(step);
        apply(step);
        save(step);
        update();
      });
      group.appendChild(b);
      return b;
    }
    var larger = button(S.text_size_larger, function (s) { return Math.min(STEPS, s + 1); });
    var smaller = button(S.text_size_smaller, function (s) { return Math.max(0, s - 1); });
    var reset = button(S.text_size_reset, function () { return 0; });

    function update() {
      // Disabled buttons would leave the tab order under the reader's focus;
      // aria-disabled keeps them focusable and says why nothing happens.
      larger.setAttribute("aria-disabled", String(step === STEPS));
      smaller.setAttribute("aria-disabled", String(step === 0));
      reset.setAttribute("aria-disabled", String(step === 0));
    }
    update();
    header.appendChild(group);
  });
})();
