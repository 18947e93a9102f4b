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
      toggle.textContent = dark ? "Light mode" : "Dark mode";
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

  function setUpTimelineFilter() {
    var form = document.getElementById("timeline-filter");
    if (!form) return;
    var actor = document.getElementById("filter-actor");
    var tag = document.getElementById("filter-tag");
    var status = document.getElementById("filter-status");
    var events = document.querySelectorAll(".timeline li.event");
    function apply() {
      var shown = 0;
      events.forEach(function (item) {
        var visible = (!actor.value || hasWord(item.dataset.actors, actor.value)) &&
          (!tag.value || hasWord(item.dataset.tags, tag.value));
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      document.querySelectorAll(".timeline .month-group, .timeline section.year").forEach(function (group) {
        group.hidden = !group.querySelector("li.event:not([hidden])");
      });
      status.textContent = shown === events.length ? "" : shown + " of " + events.length + " events shown";
    }
    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    actor.addEventListener("change", apply);
    tag.addEventListener("change", apply);
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
    notice.textContent = "Search works only when the site is served from a web server. " +
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
  }

  setUpThemeToggle();
  setUpTimelineFilter();
  setUpSearch();
})();
