// Managed login page (for testers, only while signed in with managed login):
// what the last managed login did — the authorization request the browser
// opened, the code that came back (masked, state checked), the token
// endpoint's answer (tokens masked by the backend), the ID token's
// verification (signature, issuer, token_use, audience, expiry, nonce) with
// its decoded header and claims, and how long the round trip and the exchange
// took. The report lives in the backend's memory only, so a session restored
// at start has none.

import * as api from "../api.js";
import { t, maskedText } from "../strings.js";
import { viewClock, whenText } from "./time.js";
import { checkLabel, findingNodes, orderedChecks, renderPairs } from "./tokens.js";
import { attachCopyText, onLangCopyText } from "./copytext.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { managedHtml as markup } from "../markup/managed.js";

/** @typedef {import("../bindings.js").ManagedLoginReport} ManagedLoginReport */
/** @typedef {import("../bindings.js").TokenDetails} TokenDetails */
/** @typedef {import("../bindings.js").TokenCheck} TokenCheck */
/** @typedef {import("../bindings.js").TokenField} TokenField */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {ManagedLoginReport | null} */
let report = null; // latest ManagedLoginReport
let loaded = false; // the backend has answered for the current session
let loadSeq = 0;
/** @type {ReturnType<typeof viewClock> | null} */
let clock = null; // relative times, ticking while shown
// The page leaves the window when left (app.js drops it) and is built afresh when shown
// again: an answer that arrives meanwhile only updates what the page will draw.
const onPage = () => document.getElementById("view-managed") !== null;


/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  clock?.stop();
  clock = viewClock(ctx, "managed", renderTimes);
  $("#managed-report-reload").addEventListener("click", () => load());
  attachCopyText(ctx, $("#managed-report-copy-url"), $("#managed-report-url"));
}

export function show() {
  render();
  load();
  clock.start();
}

export function hide() {
  clock.stop();
}

export function onLang() {
  onLangCopyText($("#view-managed"));
  render();
}

/** The user changed (sign-in, sign-out): the old sign-in's report leaves the page. */
export function onSession() {
  loadSeq++;
  report = null;
  loaded = false;
  render();
}

async function load() {
  if (!ctx.state.session) return;
  const seq = ++loadSeq;
  const res = await ctx.run($("#managed-report-reload"), () => api.managedLoginReport());
  if (seq !== loadSeq) return;
  if (!res.ok) {
    report = null;
    loaded = false;
    ctx.sessionGone(res.error);
    render();
    return;
  }
  report = res.value || null;
  loaded = true;
  render();
}

// ---------- rendering ----------

function none(value) {
  return value == null || value === "" ? t("tokens.none") : String(value);
}

function render() {
  if (!onPage()) return;
  const have = !!report && !!ctx.state.session;
  $("#managed-report").hidden = !have;
  $("#managed-report-none").hidden = have || !loaded;
  if (!have) return;
  const r = report;

  $("#managed-report-scope-warning").hidden = !r.missingAdminScope;
  $("#managed-report-url").textContent = r.authorizeUrl ?? "";
  $("#managed-report-redirect").textContent = none(r.redirectUri);
  const scopes = Array.isArray(r.scopesRequested) ? r.scopesRequested : [];
  $("#managed-report-scopes").textContent = scopes.length ? scopes.join(" ") : t("tokens.none");

  $("#managed-code-preview").textContent = none(maskedText(r.codePreview));
  $("#managed-timings").textContent = t("managedReport.timings", {
    waited: none(r.waitedMs),
    exchange: none(r.exchangeMs),
  });

  renderTokenResponse(r.tokenResponse);
  /** @type {Partial<TokenDetails>} */
  const id = r.idToken || {};
  renderChecks(id.checks);
  $("#managed-id-preview").textContent = none(maskedText(id.preview));
  renderPairs($("#managed-id-header tbody"), id.header);
  renderPairs($("#managed-id-claims tbody"), id.claims);
}

/** @param {TokenField[]} fields */
function renderTokenResponse(fields) {
  const rows = (Array.isArray(fields) ? fields : []).map((f) => {
    const tr = document.createElement("tr");
    tr.dataset.field = f.name;
    const th = document.createElement("th");
    th.scope = "row";
    th.className = "mono";
    th.textContent = f.name;
    const td = document.createElement("td");
    td.className = "mono wrap";
    // A token field is masked; the others (token_type, expires_in, scope) as sent.
    const value = f.value?.kind === "masked" ? maskedText(f.value.masked) : f.value?.text;
    td.textContent = none(value);
    tr.append(th, td);
    return tr;
  });
  $("#managed-token-response tbody").replaceChildren(...rows);
}

/** @param {TokenCheck[] | undefined} checks */
function renderChecks(checks) {
  const list = orderedChecks(checks);
  const items = list.map((c) => {
    const li = document.createElement("li");
    li.dataset.check = c.check;
    li.className = c.passed ? "pass" : "fail";
    const badge = document.createElement("span");
    badge.className = `check-badge ${c.passed ? "pass" : "fail"}`;
    badge.textContent = t(c.passed ? "tokens.pass" : "tokens.fail");
    const label = document.createElement("span");
    label.className = "check-name";
    label.textContent = checkLabel("id", c.check);
    li.append(badge, label);
    if (c.finding) {
      const detail = document.createElement("span");
      detail.className = "check-detail wrap";
      detail.append(findingNodes(c.finding));
      li.append(detail);
    }
    return li;
  });
  $("#managed-checks").replaceChildren(...items);

  const summary = $("#managed-checks-summary");
  const n = items.length;
  const failed = list.filter((c) => !c.passed).length;
  summary.textContent =
    n === 0 ? t("tokens.noChecks") : failed === 0 ? t("tokens.allPassed", { n }) : t("tokens.someFailed", { failed, n });
  summary.classList.toggle("all-pass", n > 0 && failed === 0);
  summary.classList.toggle("has-fail", failed > 0 || n === 0);
}

function renderTimes() {
  document.querySelectorAll("#view-managed tr[data-time]").forEach((tr) => {
    tr.querySelector("td").textContent = whenText(Number(tr.dataset.time));
  });
}
