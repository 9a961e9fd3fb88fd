// Session view: who is signed in, when the tokens expire (kept fresh every
// 30 s), token previews and the ID token claims.

import * as api from "../api.js";
import { t, getLang } from "../strings.js";

const $ = (sel) => document.querySelector(sel);

let ctx;
let timer = 0;

export function init(c) {
  ctx = c;
  $("#signout").addEventListener("click", onSignOut);
  $("#session-go-mfa").addEventListener("click", () => {
    ctx.clearError();
    ctx.go("mfa");
  });
}

export function show() {
  render();
  clearInterval(timer);
  timer = setInterval(() => {
    if (ctx.state.current !== "session" || !ctx.state.session) clearInterval(timer);
    else renderTimes();
  }, 30_000);
}

export function onLang() {
  if (ctx.state.session) render();
}

// ---------- time formatting ----------

function localTime(epochSeconds) {
  return new Intl.DateTimeFormat(getLang() === "ja" ? "ja-JP" : "en", {
    dateStyle: "medium",
    timeStyle: "medium",
  }).format(new Date(epochSeconds * 1000));
}

/** "in 43 min" / "12 min ago" (ja: "43分後" / "12分前"). */
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

function whenText(epochSeconds) {
  return `${localTime(epochSeconds)} (${relativeTime(epochSeconds)})`;
}

// ---------- rendering ----------

function text(sel, value) {
  const el = $(sel);
  el.textContent = value == null || value === "" ? t("session.none") : String(value);
}

function renderExpiry(sel, epochSeconds) {
  const el = $(sel);
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
  document.querySelectorAll("#claims-table tr[data-time]").forEach((tr) => {
    tr.querySelector("td").textContent = whenText(Number(tr.dataset.time));
  });
}

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

function render() {
  const s = ctx.state.session;
  if (!s) return;
  text("#session-profile", s.profileName);
  text("#session-username", s.username);
  text("#session-email", s.email);
  text("#session-sub", s.sub);
  text("#session-id-token", s.idTokenPreview);
  text("#session-access-token", s.accessTokenPreview);
  renderClaims(s.idClaims);
  renderTimes();
}

async function onSignOut() {
  const res = await ctx.run($("#signout"), () => api.signOut());
  if (!res.ok) return;
  clearInterval(timer);
  ctx.setSession(null);
  ctx.flash(t("session.signedOut"));
  ctx.go("signin");
}
