// Copy buttons for text that is not secret and already on screen (the managed
// login authorize URL). Tokens and keys never come here: the backend copies
// those (views/copytoken.js). The button sits in a `.copy-text` wrapper next to
// its `.copied-note`.

import { t } from "../strings.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */

const COPIED_MS = 2000;

/**
 * Put `text` on the clipboard. Falls back to copying a selection of `source`
 * (the element showing the text) where the async clipboard API is missing or
 * refused; on failure that selection stays so the user can press Ctrl+C.
 * @param {string} text
 */
export async function copyText(text, source) {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* try the selection below */
  }
  if (!source) return false;
  const selection = window.getSelection();
  const range = document.createRange();
  range.selectNodeContents(source);
  selection.removeAllRanges();
  selection.addRange(range);
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  if (ok) selection.removeAllRanges();
  return ok;
}

/**
 * Wire `button` to copy the current text of `source`; its wrapper's
 * `.copied-note` says "Copied" for a moment. `ctx` shows a failure.
 * @param {ViewContext} ctx
 */
export function attachCopyText(ctx, button, source) {
  let timer = 0;
  const note = button.closest(".copy-text")?.querySelector(".copied-note");
  button.addEventListener("click", async () => {
    const text = source.textContent;
    if (!text) return;
    ctx.clearError();
    const ok = await copyText(text, source);
    if (!ok) {
      ctx.showError({ code: "ClipboardUnavailable", message: "", hint: "" });
      return;
    }
    if (!note) return;
    note.textContent = t("copy.copied");
    note.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => (note.hidden = true), COPIED_MS);
  });
}

/** Language switch: a visible "Copied" follows it. */
export function onLangCopyText(root) {
  root.querySelectorAll(".copy-text .copied-note").forEach((note) => {
    if (!note.hidden) note.textContent = t("copy.copied");
  });
}
