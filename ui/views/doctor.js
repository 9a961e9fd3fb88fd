// The pool doctor: each check of the profile against the pool, the app client and
// the identity pool, as pass / warning / fail / not checked, with what it read,
// the fix, and a "Fix" button where the fix is safe and reversible.

import * as api from "../api.js";
import { t, numberText } from "../strings.js";
import { profile, sourceText, button } from "./workbench.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { doctorHtml as markup } from "../markup/workbench.js";

/** @typedef {import("../bindings.js").DoctorReport_Serialize} DoctorReport */
/** @typedef {import("../bindings.js").Check_Serialize} Check */
/** @typedef {import("../bindings.js").CheckId} CheckId */
/** @typedef {import("../bindings.js").CheckParam} CheckParam */
/** @typedef {import("../bindings.js").Reading_Serialize} Reading */
/** @typedef {import("../bindings.js").ReadValue_Serialize} ReadValue */
/** @typedef {import("../bindings.js").ProfileId} ProfileId */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {DoctorReport | null} */
let report = null;
/** @type {ProfileId | null} */
let loadedFor = null;
// The page leaves the window when left (app.js drops it) and is built afresh when shown
// again: an answer that arrives meanwhile only updates what the page will draw.
const onPage = () => document.getElementById("view-doctor") !== null;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#doctor-run").addEventListener("click", run);
}

export function show() {
  const p = profile(ctx);
  if (loadedFor !== p?.id || !report) run();
  else render();
}

export function onLang() {
  render();
}

export function onSession() {}

async function run() {
  const p = profile(ctx);
  if (!p) return;
  loadedFor = p.id;
  if (onPage()) $("#doctor-summary").textContent = t("doctor.running");
  const res = await ctx.run($("#doctor-run"), () => api.doctor(p.id));
  report = res.ok ? res.value : null;
  render();
}

function render() {
  if (!onPage()) return;
  const p = profile(ctx);
  const checks = report?.checks ?? [];
  const count = (v) => checks.filter((c) => c.verdict === v).length;
  $("#doctor-summary").textContent = report
    ? t("doctor.summary", { pass: count("pass"), warning: count("warning"), fail: count("fail"), source: sourceText(p) })
    : "";
  $("#doctor-checks").replaceChildren(...checks.map(item));
}

/** @param {Check} check */
function item(check) {
  const li = document.createElement("li");
  li.className = `doctor-check verdict-${check.verdict}`;
  li.dataset.check = check.id;
  li.dataset.verdict = check.verdict;
  li.dataset.testid = "doctor-check";
  const badge = document.createElement("span");
  badge.className = "verdict-badge";
  badge.textContent = t(`doctor.verdict.${check.verdict}`);
  const body = document.createElement("div");
  body.className = "doctor-body";
  const title = document.createElement("h2");
  const params = paramsText(check.params);
  title.textContent = t(`doctor.checks.${check.id}.title`, params);
  const sentence = document.createElement("p");
  const key = check.verdict === "pass" || check.verdict === "skipped" ? check.verdict : "problem";
  sentence.textContent = t(`doctor.checks.${check.id}.${key}`, params);
  const read = document.createElement("div");
  read.className = "doctor-read muted small";
  const readLabel = document.createElement("span");
  readLabel.textContent = t("doctor.read");
  const readings = document.createElement("ul");
  readings.append(...(check.read || []).map(readingItem));
  read.append(readLabel, readings);
  body.append(title, sentence, read);
  if (check.verdict === "fail" || check.verdict === "warning") {
    const fix = document.createElement("p");
    fix.className = "doctor-fix";
    fix.textContent = `${t("doctor.fixLabel")} ${t(`doctor.checks.${check.id}.fix`, params)}`;
    body.append(fix);
  }
  li.append(badge, body);
  if (check.fixable) {
    const b = button("doctor.fix", "button button-primary");
    b.dataset.testid = "doctor-fix";
    b.addEventListener("click", () => onFix(check.id, b));
    li.append(b);
  }
  return li;
}

/** @param {CheckId} id */
async function onFix(id, b) {
  const p = profile(ctx);
  const res = await ctx.run(b, () => api.doctorFix(p.id, id));
  if (!res.ok) return;
  report = res.value;
  render();
  ctx.flash(t("doctor.fixed", { check: t(`doctor.checks.${id}.title`) }));
  document.querySelector(`#doctor-checks li[data-check="${id}"]`)?.focus();
}

/**
 * The values a check's sentence names, in the window's language.
 * @param {Check["params"]} [params]
 */
function paramsText(params = {}) {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, paramText(k, v)]));
}

/**
 * @param {string} name
 * @param {CheckParam} value
 */
function paramText(name, value) {
  if (typeof value === "boolean") return t(value ? "doctor.yes" : "doctor.no");
  if (typeof value === "number") return numberText(value);
  return value;
}

/**
 * One thing a check read: where (an AWS operation and field, named as AWS names them,
 * or the profile's setting, by its form label) and what it held.
 * @param {Reading} reading
 */
function readingItem(reading) {
  const li = document.createElement("li");
  const where = document.createElement("span");
  if (reading.source === "profile") {
    where.textContent = `${t("doctor.profile")} › ${t(`profiles.${reading.field}`)}`;
  } else {
    where.className = "mono";
    where.textContent = `${reading.source} ${reading.field}`;
  }
  const value = document.createElement("span");
  const v = reading.value;
  // Identifiers (flags, URLs, scopes, ids) are shown as AWS spells them.
  if (["list", "defaults", "value"].includes(v?.kind) || v?.kind === "failed") value.className = "mono";
  value.textContent = v ? readValueText(v) : "";
  li.append(where, document.createTextNode(": "), value);
  return li;
}

/** @param {ReadValue} v */
function readValueText(v) {
  switch (v.kind) {
    case "list":
      return v.items.length ? v.items.join(", ") : t("doctor.value.none");
    case "defaults":
      return t("doctor.value.defaults", { items: v.items.join(", ") });
    case "flag":
      return t(v.on ? "doctor.value.on" : "doctor.value.off");
    case "value":
      return v.value ?? t("doctor.value.notSet");
    case "users":
      return t("doctor.value.users", {
        read: numberText(v.read),
        matching: numberText(v.matching.length),
        users: v.matching.join(", "),
      });
    case "failed":
      return t("doctor.value.failed", { code: v.code });
    default:
      return "";
  }
}
