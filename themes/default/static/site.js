// flashpoint default theme: the dark-mode toggle and the timeline filter.
// Everything works without this file; it only adds conveniences.
(function () {
  "use strict";
  var root = document.documentElement;
  var THEME_KEY = "flashpoint-theme";

  function systemPrefersDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function currentTheme() {
    return root.dataset.theme || (systemPrefersDark() ? "dark" : "light");
  }

  function setUpThemeToggle() {
    var toggle = document.getElementById("theme-toggle");
    if (!toggle) return;
    function show() {
      var dark = currentTheme() === "dark";
      toggle.setAttribute("aria-pressed", dark ? "true" : "false");
      // The page's language's words, when the theme gave them (see i18n/).
      toggle.textContent = dark ? (toggle.dataset.lightLabel || "Light mode") : (toggle.dataset.darkLabel || "Dark mode");
    }
    toggle.hidden = false;
    show();
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem(THEME_KEY, next); } catch (e) { /* private mode: not remembered */ }
      show();
    });
  }

  function hasWord(list, word) {
    return (" " + (list || "") + " ").indexOf(" " + word + " ") !== -1;
  }

  // The filter's state lives in the query string (?actor=<id>&tag=<slug>), so a filtered
  // view can be bookmarked and shared; it is read back on load. Values that name no option
  // are ignored.
  var FILTER_PARAMS = ["actor", "tag"];

  function setUpTimelineFilter() {
    var form = document.getElementById("timeline-filter");
    if (!form) return;
    var selects = { actor: document.getElementById("filter-actor"), tag: document.getElementById("filter-tag") };
    var status = document.getElementById("filter-status");
    var reset = document.getElementById("filter-reset");
    var empty = document.getElementById("filter-empty");
    var emptyReset = document.getElementById("filter-empty-reset");
    var events = document.querySelectorAll(".timeline li.event");

    function hasOption(select, value) {
      return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
    }

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      FILTER_PARAMS.forEach(function (name) {
        var value = params.get(name) || "";
        selects[name].value = hasOption(selects[name], value) ? value : "";
      });
    }

    function writeUrl() {
      var params = new URLSearchParams(window.location.search);
      FILTER_PARAMS.forEach(function (name) {
        if (selects[name].value) params.set(name, selects[name].value); else params.delete(name);
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// or sandboxed: the view still filters */ }
    }

    function apply() {
      var actor = selects.actor.value;
      var tag = selects.tag.value;
      var shown = 0;
      events.forEach(function (item) {
        var visible = (!actor || hasWord(item.dataset.actors, actor)) && (!tag || hasWord(item.dataset.tags, tag));
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      document.querySelectorAll(".timeline .month-group, .timeline section.year").forEach(function (group) {
        group.hidden = !group.querySelector("li.event:not([hidden])");
      });
      var filtered = Boolean(actor || tag);
      var phrase = status.dataset.shown || "{shown} of {total} events shown";
      status.textContent = shown === events.length ? "" : phrase.replace("{shown}", shown).replace("{total}", events.length);
      reset.hidden = !filtered;
      if (empty) empty.hidden = !(filtered && shown === 0);
    }

    function clear() {
      selects.actor.value = "";
      selects.tag.value = "";
      apply();
      writeUrl();
      selects.actor.focus();
    }

    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    FILTER_PARAMS.forEach(function (name) {
      selects[name].addEventListener("change", function () { apply(); writeUrl(); });
    });
    reset.addEventListener("click", clear);
    if (emptyReset) emptyReset.addEventListener("click", clear);
    window.addEventListener("popstate", function () { readUrl(); apply(); });
    readUrl();
    apply();
  }

  // A folder path from the page, as the path of an address on this host: pagefind loads
  // its files relative to its own script, not to the page.
  function pathFromPage(path) {
    return new URL(path, window.location.href).pathname;
  }

  // What pagefind puts before each result's recorded URL. The usual build records URLs
  // that already carry the site's base path, so "/"; a relative build (--relative) names
  // the bundle relatively and records URLs from the site's root, the folder above pagefind/.
  function resultBase(bundle) {
    return /^(\/|[a-z][a-z0-9+.-]*:)/i.test(bundle) ? "/" : pathFromPage(bundle + "../");
  }

  // The index is split into shards: the primary at data-bundle, the others (a JSON array of
  // their folders in data-merge) merged into it; results are ranked together by score.
  // No shard adds a base of its own (pagefind would otherwise prefix the folder above
  // pagefind/ a second time).
  function searchShards(element, base) {
    try {
      var paths = JSON.parse(element.dataset.merge || "[]");
      return Array.isArray(paths) ? paths.map(function (path) { return { bundlePath: pathFromPage(path), baseUrl: base }; }) : [];
    } catch (e) {
      return [];
    }
  }

  // Opened from disk (file://), the browser lets no script fetch the index: say so, and
  // leave the list of everything below as the way to find things.
  function showOfflineNotice(element) {
    var notice = document.createElement("p");
    notice.className = "search-offline";
    notice.textContent = element.dataset.offline ||
      "Search works only when the site is served from a web server. " +
      "This copy is opened from disk, so everything on this site is listed below instead.";
    element.appendChild(notice);
  }

  function setUpSearch() {
    var element = document.getElementById("search");
    if (!element) return;
    if (window.location.protocol === "file:") {
      showOfflineNotice(element);
      return;
    }
    if (typeof window.PagefindUI !== "function") return;
    var bundle = element.dataset.bundle;
    var base = resultBase(bundle);
    new window.PagefindUI({
      element: "#search",
      bundlePath: pathFromPage(bundle),
      baseUrl: base,
      mergeIndex: searchShards(element, base),
      showImages: false,
      showSubResults: false,
      resetStyles: false
    });
    // The live search replaces the list of everything, which is there for readers without
    // JavaScript.
    var everything = document.getElementById("everything");
    if (everything) everything.hidden = true;
  }

  setUpThemeToggle();
  setUpTimelineFilter();
  setUpSearch();
})();
