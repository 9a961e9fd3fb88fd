// The challenge clock: how long this sign-in attempt has been open, shown on
// every challenge screen. Cognito ends an unfinished sign-in after the app
// client's AuthSessionValidity (3–15 minutes, 3 by default); past 3 minutes the
// clock says a refusal may come from that, not from the answer.

import { t } from "../strings.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */

const DEFAULT_VALIDITY_SECS = 180;

/** @type {ViewContext} */
let ctx;

/** @param {ViewContext} c */
export function initClock(c) {
  ctx = c;
  // One timer for every clock element; it only writes while a challenge is open.
  setInterval(renderClocks, 1000);
}

export function renderClocks() {
  const started = ctx?.state.challengeStartedAt;
  if (!ctx?.state.challenge || !started) return;
  const open = Math.max(0, Math.floor(Date.now() / 1000) - started);
  const late = open >= DEFAULT_VALIDITY_SECS;
  const time = `${Math.floor(open / 60)}:${String(open % 60).padStart(2, "0")}`;
  for (const el of document.querySelectorAll(".challenge-clock")) {
    if (el.closest("[hidden]")) continue;
    el.textContent = `${t("clock.open", { time })} ${t(late ? "clock.late" : "clock.limit")}`;
    el.classList.toggle("late", late);
  }
}
