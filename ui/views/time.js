// Time formatting shared by the session and token views: a local date and
// time plus a relative "in 43 min" / "12 min ago" (ja: "43分後" / "12分前"),
// and the clock that keeps those relative times current.

import { t, getLang } from "../strings.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */

/** The locale of the window's language, for Intl (never the process's locale). */
export function locale() {
  return getLang() === "ja" ? "ja-JP" : "en";
}

/** @param {number} epochSeconds */
export function localTime(epochSeconds) {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: "medium",
    timeStyle: "medium",
  }).format(new Date(epochSeconds * 1000));
}

/**
 * A clock time to the millisecond, 24-hour, in the window's language ("14:03:07.412").
 * @param {number} ms
 */
export function clockTime(ms) {
  const d = new Date(Number(ms));
  const hms = new Intl.DateTimeFormat(locale(), {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(d);
  return `${hms}.${String(d.getMilliseconds()).padStart(3, "0")}`;
}

/**
 * @param {number} epochSeconds
 * @param {number} [nowMs]
 */
export function relativeTime(epochSeconds, nowMs = Date.now()) {
  const diff = Math.round(epochSeconds - nowMs / 1000);
  const abs = Math.abs(diff);
  const future = diff > 0;
  if (abs < 5) return t("time.now");
  let n;
  let unit;
  if (abs < 60) [n, unit] = [abs, "Seconds"];
  else if (abs < 120 * 60) [n, unit] = [Math.floor(abs / 60), "Minutes"];
  else if (abs < 48 * 3600) [n, unit] = [Math.floor(abs / 3600), "Hours"];
  else [n, unit] = [Math.floor(abs / 86400), "Days"];
  return future ? t(`time.in${unit}`, { n }) : t(`time.${unit.toLowerCase()}Ago`, { n });
}

/**
 * "24 Nov 2026, 10:41:05 (in 43 min)"
 * @param {number} epochSeconds
 */
export function whenText(epochSeconds) {
  return `${localTime(epochSeconds)} (${relativeTime(epochSeconds)})`;
}

/**
 * Calls `render` every 30 s while the view named `view` is on screen with a
 * session, so its relative times ("in 43 min") stay true. `start` replaces an
 * earlier tick; the tick also ends by itself once the view or session is gone.
 * @param {ViewContext} ctx
 * @param {string} view
 * @param {() => void} render
 */
export function viewClock(ctx, view, render) {
  let timer = 0;
  return {
    start() {
      clearInterval(timer);
      timer = setInterval(() => {
        if (ctx.state.current !== view || !ctx.state.session) clearInterval(timer);
        else render();
      }, 30_000);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
