// The two "Copy" buttons (#copy-id-token, #copy-access-token). Each exists once
// in the document: the session and token views have empty slots
// ([data-copy-slot=id|access]) and the view being shown takes the buttons into
// its own slots, so the ids stay unique and always name the visible button.
// The backend writes the clipboard; the UI never holds a full token.

import * as api from "../api.js";
import { t } from "../strings.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../bindings.js").WhichToken} WhichToken */

// Long enough to read that the clipboard will be cleared.
const COPIED_MS = 6000;

/** @type {ViewContext | null} */
let ctx = null;
/** @type {Map<WhichToken, number>} */
const timers = new Map();

function wrappers() {
  return document.querySelectorAll(".copy-token[data-copy]");
}

/** @param {ViewContext} c */
export function initCopyButtons(c) {
  if (ctx) return; // shared by two views; wire once
  ctx = c;
  wrappers().forEach((w) => {
    const which = w.dataset.copy;
    w.querySelector("button").addEventListener("click", () => copy(which, w));
  });
}

/** Move the copy buttons into the slots inside `root` (a view's section). */
export function placeCopyButtons(root) {
  wrappers().forEach((w) => {
    const slot = root.querySelector(`[data-copy-slot="${w.dataset.copy}"]`);
    if (slot && w.parentElement !== slot) slot.append(w);
  });
}

export function onLang() {
  wrappers().forEach((w) => {
    const note = w.querySelector(".copied-note");
    if (!note.hidden) note.textContent = t("copy.copiedSecret", { secs: note.dataset.secs });
  });
}

/** @param {WhichToken} which */
async function copy(which, wrapper) {
  const button = wrapper.querySelector("button");
  const res = await ctx.run(button, () => api.copyToken(which));
  if (!res.ok) {
    ctx.sessionGone?.(res.error);
    return;
  }
  const note = wrapper.querySelector(".copied-note");
  note.dataset.secs = res.value;
  note.textContent = t("copy.copiedSecret", { secs: res.value });
  note.hidden = false;
  clearTimeout(timers.get(which));
  timers.set(
    which,
    setTimeout(() => (note.hidden = true), COPIED_MS),
  );
}
