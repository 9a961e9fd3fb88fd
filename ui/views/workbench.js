// Helpers shared by the workbench pages (pool, users, app client, doctor): the
// profile they work on, where its admin credentials come from, and fact lists.

import { t } from "../strings.js";
import { localTime } from "./time.js";

/** @typedef {import("../bindings.js").ProfileView_Serialize} ProfileView */
/** @typedef {import("../app.js").ViewContext} ViewContext */

/**
 * A fact row: its label and its value (null or "" shows "—").
 * @typedef {[string, string | number | boolean | null]} Fact
 */

/**
 * The selected profile, or null.
 * @param {ViewContext} ctx
 * @returns {ProfileView | null}
 */
export function profile(ctx) {
  return ctx.selectedProfile();
}

/**
 * "Admin calls are signed with …" for the selected profile.
 * @param {ProfileView | null} p
 */
export function sourceText(p) {
  if (!p) return "";
  const kind = p.adminCredentials || "none";
  return t(`workbench.source.${kind}`, { profile: p.adminProfile || "" });
}

/** @param {boolean} value */
export function yesNo(value) {
  return t(value ? "workbench.yes" : "workbench.no");
}

/**
 * A list for a fact: one item per line (flags and URLs do not break mid-word).
 * @param {string[] | null | undefined} values
 */
export function listText(values) {
  return Array.isArray(values) && values.length ? values.join("\n") : t("workbench.none");
}

/**
 * Fills a <dl> with [label, value] rows; a null value shows "—".
 * @param {Fact[]} rows
 */
export function fillFacts(dl, rows) {
  dl.replaceChildren(
    ...rows.flatMap(([label, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value == null || value === "" ? "—" : String(value);
      return [dt, dd];
    }),
  );
}

/**
 * A date and time in the window's language (never the process's locale).
 * @param {number | null | undefined} secs Unix seconds
 */
export function dateText(secs) {
  if (secs == null) return null;
  return localTime(Number(secs));
}

/**
 * A button with a translated label.
 * @param {string} key
 * @param {string} [className]
 */
export function button(key, className = "button") {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = t(key);
  return b;
}
