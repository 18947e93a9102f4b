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

  // The index is split into shards: the primary at data-bundle, the others (a JSON array of
  // their folders in data-merge) merged into it; results are ranked together by score.
  // Recorded URLs already carry the site's base path, so no shard adds one (pagefind would
  // otherwise prefix the folder above pagefind/ a second time).
  function searchShards(element) {
    try {
      var paths = JSON.parse(element.dataset.merge || "[]");
      return Array.isArray(paths) ? paths.map(function (path) { return { bundlePath: path, baseUrl: "/" }; }) : [];
    } catch (e) {
      return [];
    }
  }

  function setUpSearch() {
    var element = document.getElementById("search");
    if (!element || typeof window.PagefindUI !== "function") return;
    new window.PagefindUI({
      element: "#search",
      bundlePath: element.dataset.bundle,
      baseUrl: "/",
      mergeIndex: searchShards(element),
      showImages: false,
      showSubResults: false,
      resetStyles: false
    });
  }

  setUpThemeToggle();
  setUpTimelineFilter();
  setUpSearch();
})();
