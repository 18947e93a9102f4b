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

  setUpThemeToggle();
  setUpTimelineFilter();
})();
