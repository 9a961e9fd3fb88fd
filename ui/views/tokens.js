// Tokens view: the decoded ID and access tokens of the signed-in user (header,
// claims, masked preview, copy button) and the backend's verification of each
// (signature against the pool's JWKS, issuer, token_use, audience/client_id,
// expiry). The first report is slow (the backend downloads the JWKS), so a
// progress panel stands in until it arrives. New tokens (refresh) make the
// report stale; it is fetched again when the page is (or becomes) visible.

import * as api from "../api.js";
import { t, tNodes, maskedText, secondsText } from "../strings.js";
import { refreshReportLines } from "./refreshreport.js";
import { viewClock, whenText } from "./time.js";
import { placeCopyButtons, onLang as copyOnLang } from "./copytoken.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { tokensHtml as markup } from "../markup/tokens.js";

/** @typedef {import("../bindings.js").TokenReport} TokenReport */
/** @typedef {import("../bindings.js").TokenDetails} TokenDetails */
/** @typedef {import("../bindings.js").TokenCheck} TokenCheck */
/** @typedef {import("../bindings.js").Finding} Finding */
/** @typedef {import("../bindings.js").ClaimRow} ClaimRow */
/** @typedef {import("../bindings.js").WhichToken} WhichToken */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);
// "nonce" only appears for the ID token of a managed login (views/managed.js).
const CHECK_ORDER = [
  "signature",
  "issuer",
  "tokenUse",
  "audience",
  "expiry",
  "issuedAt",
  "notBefore",
  "nonce",
];
/** @type {WhichToken[]} */
const WHICH = ["id", "access"];

/** @type {ViewContext} */
let ctx;
/** @type {TokenReport | null} */
let report = null; // latest TokenReport
/** @type {string | null} */
let reportFor = null; // tokensKey() of the tokens it describes
let loading = false;
let failed = false;
let loadSeq = 0;
/** @type {ReturnType<typeof viewClock> | null} */
let clock = null; // relative times, ticking while shown
// The page leaves the window when left (app.js drops it) and is built afresh when shown
// again: an answer that arrives meanwhile only updates what the page will draw.
const onPage = () => document.getElementById("view-tokens") !== null;


/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  clock?.stop();
  clock = viewClock(ctx, "tokens", renderTimes);
  buildPanels();
  $("#tokens-reload").addEventListener("click", () => load());
}

// Both panels come from one template: #token-id and #token-access.
function buildPanels() {
  const template = $("#token-panel-template");
  const panels = WHICH.map((which) => {
    const panel = template.content.firstElementChild.cloneNode(true);
    panel.id = `token-${which}`;
    panel.dataset.which = which;
    panel.setAttribute("aria-labelledby", `token-${which}-title`);
    const title = panel.querySelector(".token-title");
    title.id = `token-${which}-title`;
    title.dataset.i18n = `tokens.${which}Title`;
    panel.querySelector(".copy-slot").dataset.copySlot = which;
    panel.querySelectorAll("[data-i18n]").forEach((el) => (el.textContent = t(el.dataset.i18n)));
    return panel;
  });
  $("#token-panels").replaceChildren(...panels);
}

export function show() {
  placeCopyButtons($("#view-tokens"));
  if (!report || reportFor !== tokensKey()) load();
  else render();
  clock.start();
}

export function onLang() {
  copyOnLang();
  render();
}

/** The user changed (sign-in, sign-out): the old user's tokens leave the page. */
export function onSession() {
  loadSeq++;
  loading = false;
  failed = false;
  report = null;
  reportFor = null;
  render();
}

/** New tokens for the same session: verify them when the page is on screen. */
export function onSessionRefreshed() {
  if (ctx.state.current === "tokens") load();
}

/** Identifies one set of tokens; it changes when they are refreshed. */
function tokensKey() {
  const s = ctx.state.session;
  if (!s) return null;
  return [s.sub, s.signedInAt, s.refreshedAt, s.idTokenExpiresAt, s.accessTokenExpiresAt].join("|");
}

async function load() {
  if (!ctx.state.session) return;
  const seq = ++loadSeq;
  const key = tokensKey();
  loading = true;
  failed = false;
  render();
  const res = await ctx.run($("#tokens-reload"), () => api.tokenReport());
  if (seq !== loadSeq) return;
  loading = false;
  if (res.ok) {
    report = res.value;
    reportFor = key;
  } else {
    // Old results next to a failed check would mislead: show none.
    report = null;
    reportFor = null;
    failed = true;
    if (ctx.sessionGone(res.error)) return;
  }
  render();
}

// ---------- rendering ----------

function render() {
  if (!onPage()) return;
  const have = !!report && !!ctx.state.session;
  $("#tokens-loading").hidden = !(loading && !have);
  $("#tokens-failed").hidden = !(failed && !have && !loading);
  for (const which of WHICH) {
    const panel = $(`#token-${which}`);
    const details = have ? report[which] : null;
    panel.hidden = !details;
    renderPanel(panel, which, details);
  }
  // The refresh token is never shown; what its last refresh did is.
  const last = have ? ctx.state.session?.lastRefresh : null;
  $("#refresh-token-panel").hidden = !last;
  $("#refresh-token-report").replaceChildren(...(last ? refreshReportLines(last) : []));
}

function cell(tag, text, className) {
  const el = document.createElement(tag);
  el.textContent = text == null || text === "" ? t("tokens.none") : String(text);
  if (className) el.className = className;
  return el;
}

/**
 * What a check found ({code, …values} from the core) in the window's language, as DOM
 * nodes: key ids, URLs, claim names and values are code, as they are.
 * @param {Finding | null | undefined} finding
 */
export function findingNodes(finding) {
  if (!finding || typeof finding !== "object") return document.createDocumentFragment();
  const { code, ...values } = finding;
  /** @type {Record<string, unknown>} */
  const vars = { ...values };
  if ("seconds" in values) vars.time = secondsText(values.seconds);
  const key = `tokens.findings.${code}`;
  if (t(key) === key) return document.createTextNode(code);
  const technical = Object.keys(values).filter((k) => k !== "seconds");
  return tNodes(key, vars, technical);
}

/**
 * Label of a TokenCheck's `check`; `which` is "id" or "access". Shared with views/managed.js.
 * @param {WhichToken} which
 * @param {string} check
 */
export function checkLabel(which, check) {
  if (check === "audience") return t(which === "id" ? "tokens.checks.audienceId" : "tokens.checks.audienceAccess");
  const key = `tokens.checks.${check}`;
  const label = t(key);
  return label === key ? check : label;
}

/**
 * Checks in the page's fixed order, unknown ones last. Shared with views/managed.js.
 * @param {TokenCheck[] | null | undefined} checks
 * @returns {TokenCheck[]}
 */
export function orderedChecks(checks) {
  const list = Array.isArray(checks) ? checks.slice() : [];
  const rank = (/** @type {TokenCheck} */ c) => {
    const i = CHECK_ORDER.indexOf(c.check);
    return i === -1 ? CHECK_ORDER.length : i;
  };
  // Array.prototype.sort is stable: unknown checks keep the backend's order, last.
  return list.sort((a, b) => rank(a) - rank(b));
}

/**
 * @param {WhichToken} which
 * @param {TokenCheck[] | undefined} checks
 */
function renderChecks(panel, which, checks) {
  const rows = orderedChecks(checks).map((c) => {
    const tr = document.createElement("tr");
    tr.dataset.check = c.check;
    tr.classList.toggle("check-failed", !c.passed);
    const th = cell("th", checkLabel(which, c.check));
    th.scope = "row";
    const result = document.createElement("td");
    const badge = document.createElement("span");
    badge.className = `check-badge ${c.passed ? "pass" : "fail"}`;
    badge.textContent = t(c.passed ? "tokens.pass" : "tokens.fail");
    result.append(badge);
    const detail = cell("td", "", "wrap check-detail");
    detail.append(findingNodes(c.finding));
    tr.append(th, result, detail);
    return tr;
  });
  panel.querySelector("table.checks tbody").replaceChildren(...rows);

  const summary = panel.querySelector(".checks-summary");
  const n = rows.length;
  const failedCount = (checks || []).filter((c) => !c.passed).length;
  summary.textContent =
    n === 0 ? t("tokens.noChecks") : failedCount === 0 ? t("tokens.allPassed", { n }) : t("tokens.someFailed", { failed: failedCount, n });
  summary.classList.toggle("all-pass", n > 0 && failedCount === 0);
  summary.classList.toggle("has-fail", failedCount > 0 || n === 0);
}

/**
 * Fill `tbody` with ClaimRow rows (time claims as dates, tr[data-time]). Shared with views/managed.js.
 * @param {ClaimRow[] | undefined} pairs
 */
export function renderPairs(tbody, pairs) {
  tbody.replaceChildren(
    ...(Array.isArray(pairs) ? pairs : []).map((p) => {
      const tr = document.createElement("tr");
      tr.dataset.claim = p.name;
      const th = cell("th", p.name, "mono");
      th.scope = "row";
      const td = document.createElement("td");
      const seconds = Number(p.value);
      if (p.isTime && Number.isFinite(seconds)) {
        // Readable local time + relative in the cell, the raw number on hover.
        tr.dataset.time = String(seconds);
        td.title = String(p.value);
        td.textContent = whenText(seconds);
      } else {
        td.textContent = p.value == null ? t("tokens.none") : String(p.value);
        td.className = "mono wrap";
      }
      tr.append(th, td);
      return tr;
    }),
  );
}

/**
 * @param {WhichToken} which
 * @param {TokenDetails | null} details
 */
function renderPanel(panel, which, details) {
  panel.querySelector(".token-preview").textContent = maskedText(details?.preview) || t("tokens.none");
  renderChecks(panel, which, details?.checks);
  renderPairs(panel.querySelector("table.token-header tbody"), details?.header);
  renderPairs(panel.querySelector("table.token-claims tbody"), details?.claims);
  if (!details) panel.querySelector(".checks-summary").textContent = "";
}

function renderTimes() {
  document.querySelectorAll("#view-tokens tr[data-time]").forEach((tr) => {
    tr.querySelector("td").textContent = whenText(Number(tr.dataset.time));
  });
}
