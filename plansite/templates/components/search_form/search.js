/* 搜索: runs the search page's form with the site's Pagefind index.
 *
 * The index was written by plansite/search.py, which splits the text into
 * units: every letter or digit that is not ASCII is a unit of its own, a run
 * of ASCII letters and digits is one; punctuation and spaces belong to no
 * unit. `units` below is the same rule (tests/browser/test_search.py checks
 * that both agree). Each word of the query is searched as an exact phrase of
 * its units, and a document must contain every word, so 托底 finds 托底 and
 * never a page with 托养 and 底线.
 *
 * Pagefind is loaded on the first search only: the search page's policy is
 * the one that allows it to compile WebAssembly.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var strings = JSON.parse(root.getAttribute("data-strings"));
  var form = root.querySelector("form");
  var input = form.querySelector("input");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var more = root.querySelector("[data-search-more]");
  var unavailable = root.querySelector("[data-search-unavailable]");
  var home = new URL(root.getAttribute("data-home"), location.href);
  var PAGE_SIZE = 10;
  var EXCERPT_BEFORE = 30;
  var EXCERPT_AFTER = 70;

  if (location.protocol === "file:") {
    // Browsers do not let a page opened from the disk load the index.
    unavailable.textContent = strings.search_from_disk;
    return;
  }
  unavailable.hidden = true;
  form.hidden = false;

  var UNIT = /[0-9A-Za-z]+|[\p{L}\p{N}]/gu;
  var NOT_UNIT = "[^\\p{L}\\p{N}]*";

  function halfWidth(text) {
    return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    });
  }

  function units(text) {
    return halfWidth(text).match(UNIT) || [];
  }

  function words(query) {
    return query.split(/\s+/).map(units).filter(function (found) { return found.length > 0; });
  }

  var engine = null;
  function load() {
    if (!engine) {
      var bundle = new URL(root.getAttribute("data-bundle"), location.href);
      // The index is in shards (plansite/search.py): the others are merged into the first,
      // whose WebAssembly engine they share.
      var shards = root.getAttribute("data-merge").split(" ").filter(Boolean).map(function (folder) {
        return new URL(folder.replace(/\/?$/, "/"), location.href).href;
      });
      engine = import(bundle.href).then(function (pagefind) {
        // Result addresses are routes from the site's root ("/" + plans/…/index.html);
        // each result links into this page's mode (see `item`).
        return pagefind.options({ basePath: new URL("./", bundle).href, baseUrl: "/" }).then(function () {
          return pagefind.init();
        }).then(function () {
          return Promise.all(shards.map(function (shard) {
            return pagefind.mergeIndex(shard, { baseUrl: "/" });
          }));
        }).then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* The results every word of the query finds, best first. */
  async function find(queryWords) {
    if (queryWords.length === 0) return [];
    var pagefind = await load();
    var searches = await Promise.all(queryWords.map(function (word) {
      return pagefind.search("\"" + word.join(" ") + "\"");
    }));
    var score = new Map();
    searches[0].results.forEach(function (result) { score.set(result.id, result.score); });
    searches.slice(1).forEach(function (search) {
      var found = new Map(search.results.map(function (result) { return [result.id, result.score]; }));
      score.forEach(function (value, id) {
        if (found.has(id)) score.set(id, value + found.get(id));
        else score.delete(id);
      });
    });
    return searches[0].results
      .filter(function (result) { return score.has(result.id); })
      .sort(function (a, b) { return score.get(b.id) - score.get(a.id); });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Where the words occur in `text`, allowing punctuation and spaces between units. */
  function pattern(queryWords) {
    var alternatives = queryWords.map(function (word) {
      return word.map(escapeRegExp).join(NOT_UNIT);
    });
    return new RegExp(alternatives.join("|"), "giu");
  }

  /* The document's text as indexed: units joined by spaces, its own spaces as U+2060. */
  function shown(content) {
    return content.replace(/ /g, "").replace(/\u2060/g, " ");
  }

  function excerpt(text, queryWords) {
    var paragraph = document.createElement("p");
    paragraph.className = "search__excerpt";
    var first = pattern(queryWords).exec(text);
    var start = first ? Math.max(0, first.index - EXCERPT_BEFORE) : 0;
    var end = Math.min(text.length, (first ? first.index + first[0].length : 0) + EXCERPT_AFTER);
    var part = text.slice(start, end);
    var matcher = pattern(queryWords);
    var at = 0;
    var match;
    if (start > 0) paragraph.append("…");
    while ((match = matcher.exec(part)) !== null) {
      if (match[0].length === 0) { matcher.lastIndex += 1; continue; }
      paragraph.append(part.slice(at, match.index));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      paragraph.append(mark);
      at = match.index + match[0].length;
    }
    paragraph.append(part.slice(at));
    if (end < text.length) paragraph.append("…");
    return paragraph;
  }

  function item(data, queryWords) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = new URL(data.url.replace(/^\/+/, ""), home).href;
    link.textContent = data.meta.title;
    heading.append(link);
    li.append(heading);
    var facts = [data.meta.kind, data.meta.number, data.meta.date].filter(Boolean);
    if (facts.length) {
      var meta = document.createElement("p");
      meta.className = "search__meta";
      meta.textContent = facts.join(strings.search_meta_separator);
      li.append(meta);
    }
    li.append(excerpt(shown(data.content), queryWords));
    return li;
  }

  var current = { results: [], shown: 0, words: [] };

  async function showMore() {
    var shownFor = current;
    var next = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    var data = await Promise.all(next.map(function (result) { return result.data(); }));
    if (shownFor !== current) return []; // a new search began meanwhile
    var items = data.map(function (one) { return item(one, current.words); });
    items.forEach(function (li) { list.append(li); });
    current.shown += next.length;
    more.hidden = current.shown >= current.results.length;
    return items;
  }

  var latest = 0; // the search that is current: an older one that finishes later is dropped

  function announce(text, search) {
    // Emptied first, so that the same count after a new search is announced again.
    status.textContent = "";
    window.setTimeout(function () { if (search === latest) status.textContent = text; }, 50);
  }

  async function search(query) {
    var mine = ++latest;
    var queryWords = words(query);
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    if (queryWords.length === 0) {
      announce(strings.search_empty, mine);
      return;
    }
    status.textContent = strings.search_working;
    var results;
    try {
      results = await find(queryWords);
    } catch (error) {
      if (mine === latest) announce(strings.search_failed, mine);
      return;
    }
    if (mine !== latest) return;
    current = { results: results, shown: 0, words: queryWords };
    if (results.length === 0) {
      announce(strings.search_none.replace("{q}", query), mine);
      return;
    }
    await showMore();
    if (mine !== latest) return;
    list.hidden = false;
    announce(strings.search_count.replace("{n}", String(results.length)).replace("{q}", query), mine);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    // The address keeps the query, so the results can be bookmarked, shared and reloaded.
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    search(query);
  });

  more.addEventListener("click", async function () {
    var items = await showMore();
    if (items.length) items[0].querySelector("a").focus();
  });

  // The same search for other scripts and for the tests that measure its quality:
  // find(query) gives Pagefind's results (each with its id and data()), best first.
  window.plansiteSearch = {
    units: units,
    find: function (query) { return find(words(query)); },
  };

  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    search(asked.trim());
  }
})();
