// The pool doctor: each check of the profile against the pool, the app client and
// the identity pool, as pass / warning / fail / not checked, with what it read,
// the fix, and a "Fix" button where the fix is safe and reversible.

import * as api from "../api.js";
import { t } from "../strings.js";
import { profile, sourceText, button } from "./workbench.js";

const $ = (sel) => document.querySelector(sel);

let ctx;
let report = null;
let loadedFor = null;

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
  $("#doctor-summary").textContent = t("doctor.running");
  const res = await ctx.run($("#doctor-run"), () => api.doctor(p.id));
  report = res.ok ? res.value : null;
  render();
}

function render() {
  const p = profile(ctx);
  const checks = report?.checks ?? [];
  const count = (v) => checks.filter((c) => c.verdict === v).length;
  $("#doctor-summary").textContent = report
    ? t("doctor.summary", { pass: count("pass"), warning: count("warning"), fail: count("fail"), source: sourceText(p) })
    : "";
  $("#doctor-checks").replaceChildren(...checks.map(item));
}

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
  const params = wordsOf(check.params);
  title.textContent = t(`doctor.checks.${check.id}.title`, params);
  const sentence = document.createElement("p");
  const key = check.verdict === "pass" || check.verdict === "skipped" ? check.verdict : "problem";
  sentence.textContent = t(`doctor.checks.${check.id}.${key}`, params);
  const read = document.createElement("p");
  read.className = "muted small";
  const readLabel = document.createElement("span");
  readLabel.textContent = `${t("doctor.read")} `;
  const readText = document.createElement("span");
  readText.className = "mono";
  readText.textContent = check.read;
  read.append(readLabel, readText);
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

async function onFix(id, b) {
  const p = profile(ctx);
  const res = await ctx.run(b, () => api.doctorFix(p.id, id));
  if (!res.ok) return;
  report = res.value;
  render();
  ctx.flash(t("doctor.fixed", { check: t(`doctor.checks.${id}.title`) }));
  document.querySelector(`#doctor-checks li[data-check="${id}"]`)?.focus();
}

/** The core's "yes"/"no" values in the window's language (the rest are names and ids). */
function wordsOf(params = {}) {
  const words = { yes: t("doctor.yes"), no: t("doctor.no") };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, words[v] ?? v]));
}
