// The share button of a story: the Web Share API where the browser has it, else copying
// the link. Without either (or without JavaScript) the button stays hidden.
(() => {
  "use strict";
  for (const box of document.querySelectorAll(".share[data-share-url]")) {
    const button = box.querySelector("button");
    const status = box.querySelector("[role=status]");
    const url = box.dataset.shareUrl;
    const title = box.dataset.shareTitle || document.title;
    if (typeof navigator.share === "function") {
      button.textContent = box.dataset.labelShare || "Share";
      button.addEventListener("click", () => {
        navigator.share({ title, url }).catch(() => {});
      });
    } else if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      button.textContent = box.dataset.labelCopy || "Copy link";
      button.addEventListener("click", () => {
        navigator.clipboard.writeText(url).then(
          () => { status.textContent = box.dataset.labelCopied || "Link copied"; },
          () => { status.textContent = box.dataset.labelFailed || "Could not copy the link"; },
        );
      });
    } else {
      continue;
    }
    box.hidden = false;
  }
})();
