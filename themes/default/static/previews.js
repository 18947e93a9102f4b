// Link previews: hovering or keyboard-focusing a link to an actor, story, event, place or
// source shows a small card saying what is behind it. The cards' text is in the page, in
// the inert <template id="link-previews"> the build writes for the links the page holds,
// so nothing is fetched and previews work in the offline copy opened from file:// too.
// Without JavaScript the template is never shown and links are plain links.
//
// The card is a tooltip: it never takes focus, the link names it with aria-describedby
// while it is open, Escape closes it, and the pointer may move onto it (WCAG 1.4.13).
// A tap on a touch screen follows the link and shows nothing.
(function () {
  "use strict";

  var HOVER_DELAY = 400;
  var HIDE_DELAY = 150;
  var TOOLTIP_ID = "link-preview";

  var data = document.getElementById("link-previews");
  if (!data || !("content" in data) || typeof URL !== "function") return;

  // Cards by the absolute address of their target, resolved like the links themselves,
  // so any base path and the offline copy's relative links match alike.
  var cards = new Map();
  Array.prototype.forEach.call(data.content.querySelectorAll("[data-href]"), function (card) {
    cards.set(new URL(card.getAttribute("data-href"), document.baseURI).href, card);
  });
  if (cards.size === 0) return;

  var tip = null;
  var owner = null;
  var showTimer = 0;
  var hideTimer = 0;
  var lastTouch = 0;

  function cardFor(link) {
    if (!link || !link.href) return null;
    var href = link.href;
    return cards.get(href) || cards.get(href.split("#")[0]) || null;
  }

  function linkOf(node) {
    return node && node.closest ? node.closest("a[href]") : null;
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = TOOLTIP_ID;
      tip.className = "link-preview";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("pointerleave", function () { hideSoon(); });
      document.body.appendChild(tip);
    }
    return tip;
  }

  function describe(link, on) {
    var ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== TOOLTIP_ID;
    });
    if (on) ids.push(TOOLTIP_ID);
    if (ids.length) link.setAttribute("aria-describedby", ids.join(" "));
    else link.removeAttribute("aria-describedby");
  }

  // Below the link, or above it when there is no room below; never off the sides.
  // Positioned with the CSS object model, which the site's Content-Security-Policy allows.
  function place(link) {
    var rects = link.getClientRects();
    var box = rects.length ? rects[0] : link.getBoundingClientRect();
    var gap = 8;
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var top = box.bottom + gap;
    if (top + height > window.innerHeight && box.top - gap - height > 0) {
      top = box.top - gap - height;
    }
    var left = Math.max(gap, Math.min(box.left, viewport - width - gap));
    tip.style.top = Math.round(top + window.scrollY) + "px";
    tip.style.left = Math.round(left + window.scrollX) + "px";
  }

  function show(link) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    var card = cardFor(link);
    if (!card) return;
    if (owner && owner !== link) hide();
    var box = tooltip();
    box.replaceChildren.apply(box, Array.prototype.map.call(card.childNodes, function (node) {
      return node.cloneNode(true);
    }));
    box.hidden = false;
    owner = link;
    describe(link, true);
    place(link);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (owner) describe(owner, false);
    owner = null;
    if (tip) tip.hidden = true;
  }

  function hideSoon() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;
    var link = linkOf(event.target);
    if (!link || !cardFor(link)) return;
    if (link === owner) {
      clearTimeout(hideTimer);
      return;
    }
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, HOVER_DELAY);
  });

  document.addEventListener("pointerout", function (event) {
    var link = linkOf(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    if (link === owner) hideSoon();
    else clearTimeout(showTimer);
  });

  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "touch") lastTouch = Date.now();
    if (!tip || !tip.contains(event.target)) hide();
  });

  // Keyboard focus only: a click or a tap also focuses the link, without :focus-visible.
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event.target);
    if (!link || !cardFor(link) || Date.now() - lastTouch < 1000) return;
    if (link.matches(":focus-visible")) show(link);
  });

  document.addEventListener("focusout", function (event) {
    if (event.target === owner) hide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && owner) hide();
  });

  window.addEventListener("resize", function () { if (owner) hide(); });
})();
