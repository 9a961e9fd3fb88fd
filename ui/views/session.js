// Session view: who is signed in, how the session is kept (OS keychain or
// memory only), when the tokens expire (kept fresh every 30 s, refreshed by
// the backend's timer or "Refresh now"), token previews with copy buttons, the
// ID token claims and the two ways of signing out (a managed-login session can
// also sign out of the hosted page in the browser).

import * as api from "../api.js";
import { t, maskedText } from "../strings.js";
import { viewClock, whenText } from "./time.js";
import { refreshReportLines } from "./refreshreport.js";
import * as devicesPanel from "./devices.js";
import { initCopyButtons, placeCopyButtons, onLang as copyOnLang } from "./copytoken.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { sessionHtml as markup } from "../markup/session.js";

export { relativeTime } from "./time.js";

/** @typedef {import("../bindings.js").SessionView_Serialize} SessionView */
/** @typedef {import("../bindings.js").SignOutReport_Serialize} SignOutReport */
/** @typedef {import("../bindings.js").ClaimRow} ClaimRow */
/** @typedef {import("../bindings.js").RefreshReport} RefreshReport */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);
const REFRESHED_MS = 4000;

/** @type {ViewContext} */
let ctx;
/** @type {ReturnType<typeof viewClock> | null} */
let clock = null; // relative times, ticking while shown
let refreshedTimer = 0;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  clock = viewClock(ctx, "session", renderTimes);
  initCopyButtons(ctx);
  devicesPanel.init(ctx);
  $("#signout").addEventListener("click", () => onSignOut(false));
  $("#signout-everywhere").addEventListener("click", () => onSignOut(true));
  $("#session-refresh").addEventListener("click", onRefresh);
  $("#session-go-mfa").addEventListener("click", () => {
    ctx.clearError();
    ctx.go("mfa");
  });
  const goTokens = () => {
    ctx.clearError();
    ctx.go("tokens");
  };
  $("#session-go-tokens").addEventListener("click", goTokens);
  $("#session-open-tokens").addEventListener("click", goTokens);
}

export function show() {
  placeCopyButtons($("#view-session"));
  render();
  clock.start();
}

export function onLang() {
  copyOnLang();
  if (!$("#session-refresh-status").hidden) $("#session-refresh-status").textContent = t("session.refreshed");
  if (ctx.state.session) render();
}

/** The user changed (sign-in, sign-out): a "Refreshed" note belongs to the old one. */
export function onSession() {
  clearTimeout(refreshedTimer);
  $("#session-refresh-status").hidden = true;
  // Each new session starts with the browser sign-out ticked.
  $("#signout-browser").checked = true;
}

/** New tokens for the same session (timer or "Refresh now"). */
export function onSessionRefreshed() {
  if (ctx.state.current === "session") render();
}

// ---------- rendering ----------

function text(sel, value) {
  const el = $(sel);
  el.textContent = value == null || value === "" ? t("session.none") : String(value);
}

/** @param {number} epochSeconds */
function renderExpiry(sel, epochSeconds) {
  const el = $(sel);
  if (!Number.isFinite(epochSeconds)) {
    text(sel, null);
    el.classList.remove("expired");
    return;
  }
  const expired = epochSeconds * 1000 <= Date.now();
  el.textContent = whenText(epochSeconds);
  el.classList.toggle("expired", expired);
  if (expired) {
    const tag = document.createElement("span");
    tag.className = "tag tag-danger";
    tag.textContent = t("session.expired");
    el.append(" ", tag);
  }
}

function renderTimes() {
  const s = ctx.state.session;
  if (!s) return;
  text("#session-signed-in-at", whenText(s.signedInAt));
  renderExpiry("#session-id-expiry", s.idTokenExpiresAt);
  renderExpiry("#session-access-expiry", s.accessTokenExpiresAt);
  const refreshed = Number.isFinite(s.refreshedAt) ? whenText(s.refreshedAt) : t("session.notRefreshed");
  text("#session-refreshed-at", refreshed);
  renderRefreshReport(s.lastRefresh);
  document.querySelectorAll("#claims-table tr[data-time]").forEach((tr) => {
    tr.querySelector("td").textContent = whenText(Number(tr.dataset.time));
  });
}

/**
 * What the last refresh did, beside "Last refreshed" (hidden before the first).
 * @param {RefreshReport | null | undefined} report
 */
function renderRefreshReport(report) {
  document.querySelectorAll("[data-refresh-report]").forEach((el) => {
    /** @type {HTMLElement} */ (el).hidden = !report;
  });
  $("#session-refresh-how").replaceChildren(...(report ? refreshReportLines(report) : []));
}

/** @param {ClaimRow[]} claims */
function renderClaims(claims) {
  const body = $("#claims-table tbody");
  body.replaceChildren(
    ...(claims || []).map((claim) => {
      const tr = document.createElement("tr");
      tr.dataset.claim = claim.name;
      const th = document.createElement("th");
      th.scope = "row";
      th.className = "mono";
      th.textContent = claim.name;
      const td = document.createElement("td");
      const seconds = Number(claim.value);
      if (claim.isTime && Number.isFinite(seconds)) {
        // Readable time in the cell, the raw epoch number on hover.
        tr.dataset.time = String(seconds);
        td.title = claim.value;
      } else {
        td.textContent = claim.value;
        td.className = "mono wrap";
      }
      tr.append(th, td);
      return tr;
    }),
  );
}

/** @param {string} method */
function methodText(method) {
  if (!method) return null;
  const key = `session.method${method.charAt(0).toUpperCase()}${method.slice(1)}`;
  const label = t(key);
  return label === key ? method : label;
}

/** @param {SessionView | null} s */
function isManaged(s) {
  return s?.signInMethod === "managedLogin";
}

/**
 * "SRP + Authenticator app": what the sign-in proved, in order.
 * @param {SessionView} s
 */
function factorsText(s) {
  const factors = s.factors?.length ? s.factors : s.signInMethod ? [s.signInMethod] : [];
  return factors
    .map((f) => {
      const key = `session.factor${f.charAt(0).toUpperCase()}${f.slice(1)}`;
      const label = t(key);
      return label === key ? f : label;
    })
    .join(" + ");
}

/** @param {SessionView} s */
function signedInWithText(s) {
  const factors = factorsText(s);
  return factors ? t("session.signedInWith", { factors }) : t("session.signedInAs");
}

function render() {
  const s = ctx.state.session;
  if (!s) return;
  $("#session-signed-in-with").textContent = signedInWithText(s);
  $("#signout-browser-row").hidden = !isManaged(s);
  text("#session-profile", s.profileName);
  text("#session-username", s.username);
  text("#session-email", s.email);
  text("#session-sub", s.sub);
  text("#session-method", factorsText(s) || methodText(s.signInMethod));
  text("#session-storage", s.keychain ? t(s.keychain.stored ? "session.storedKeychain" : "session.storedMemory") : null);
  $("#session-storage").classList.toggle("warn-text", !!s.keychain && !s.keychain.stored);
  $("#session-restored-note").hidden = !s.restored;
  text("#session-id-token", maskedText(s.idTokenPreview));
  text("#session-access-token", maskedText(s.accessTokenPreview));
  renderClaims(s.idClaims);
  renderTimes();
  devicesPanel.render(s);
}

// ---------- actions ----------

async function onRefresh() {
  const res = await ctx.run($("#session-refresh"), () => api.refreshSession());
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  ctx.updateSession(res.value);
  render();
  const note = $("#session-refresh-status");
  note.textContent = t("session.refreshed");
  note.hidden = false;
  clearTimeout(refreshedTimer);
  refreshedTimer = setTimeout(() => (note.hidden = true), REFRESHED_MS);
}

/** @param {boolean} everywhere */
async function onSignOut(everywhere) {
  const keptInKeychain = !!ctx.state.session?.keychain?.stored;
  // Only a managed-login session has a hosted session cookie in the browser.
  const browserLogout = isManaged(ctx.state.session) && $("#signout-browser").checked;
  // Only the pressed button spins; the other session actions wait with it.
  const clicked = everywhere ? $("#signout-everywhere") : $("#signout");
  const others = [$("#signout"), $("#signout-everywhere"), $("#session-refresh"), $("#signout-browser")].filter(
    (b) => b !== clicked,
  );
  const before = others.map((b) => b.disabled);
  others.forEach((b) => (b.disabled = true));
  const res = await ctx.run(clicked, () => api.signOut(everywhere, browserLogout));
  others.forEach((b, i) => (b.disabled = before[i]));
  if (!res.ok) {
    // A session the server already dropped is signed out all the same.
    ctx.sessionGone(res.error);
    return;
  }
  clock.stop();
  /** @type {Partial<SignOutReport>} */
  const report = res.value || {};
  ctx.setSession(null);
  ctx.go("signin");
  const problems = [];
  if (report.serverRevoked === false) problems.push("server");
  if (report.keychainCleared === false && keptInKeychain) problems.push("keychain");
  const browserNote = browserLogout && report.browserLogoutOpened ? t("session.browserSignedOut") : "";
  if (problems.length) {
    ctx.showSignOutWarning(report, problems);
    if (browserNote) ctx.flash(browserNote);
  } else {
    const done = t(everywhere ? "session.signedOutEverywhere" : "session.signedOut");
    ctx.flash(browserNote ? `${done} ${browserNote}` : done);
  }
}
