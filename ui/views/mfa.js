// MFA page of the signed-in user: the authenticator-app (TOTP) status, turning
// it on (enrollment), making it preferred, turning it off. The status is
// loaded from the backend every time the page is shown.

import * as api from "../api.js";
import { t } from "../strings.js";
import { mountEnrollment } from "./enrollment.js";
import * as passkeysPanel from "./passkeys.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { mfaHtml as markup } from "../markup/mfa.js";

/** @typedef {import("../bindings.js").MfaStatus_Serialize} MfaStatus */
/** @typedef {import("./enrollment.js").EnrollmentController} EnrollmentController */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);
const TOTP_METHOD = "SOFTWARE_TOKEN_MFA";

/** @type {ViewContext} */
let ctx;
/** @type {MfaStatus | null} */
let status = null; // latest MfaStatus, null while unknown
let loading = false;
/** @type {EnrollmentController | null} */
let enrollment = null; // controller of the mounted enrollment screen
/** @type {string | null} */
let enrollmentSession = null; // the session the enrollment belongs to
let loadSeq = 0;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#mfa-setup").addEventListener("click", onSetup);
  $("#mfa-preferred").addEventListener("change", onPreferredChange);
  $("#mfa-disable").addEventListener("click", askDisable);
  $("#mfa-disable-no").addEventListener("click", closeConfirm);
  $("#mfa-disable-yes").addEventListener("click", onDisable);
  $("#mfa-test-code-show").addEventListener("click", onShowTestCode);
  $("#mfa-test-forget").addEventListener("click", onForgetTestSecret);
  passkeysPanel.init(ctx);
  $("#mfa-disable-confirm").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      closeConfirm();
    }
  });
}

export function show() {
  // A finished enrollment has said its piece; one started by an earlier
  // session (signed out since) is gone. An unfinished one stays on screen.
  if (enrollment && (enrollment.destroyed || enrollment.completed || enrollmentSession !== sessionKey())) {
    closeEnrollment();
  }
  $("#mfa-user").textContent = ctx.state.session?.username ?? "";
  closeConfirm(false);
  enrollment?.resume();
  loadStatus();
  passkeysPanel.show();
}

/** Leaving the page: a test code does not stay on screen. */
export function hide() {
  hideTestCode();
}

/** The signed-in user changed (sign-in, sign-out): forget the old one's data. */
export function onSession() {
  if (enrollment && enrollmentSession !== sessionKey()) closeEnrollment();
  status = null;
  hideTestCode();
}

export function onLang() {
  render();
  renderTestCode();
  enrollment?.onLang();
  passkeysPanel.render();
}

// ---------- status ----------

async function loadStatus() {
  const seq = ++loadSeq;
  loading = true;
  render();
  const res = await ctx.run([], () => api.mfaStatus());
  if (seq !== loadSeq) return;
  loading = false;
  status = res.ok ? res.value : null;
  render();
}

function statusText() {
  if (loading && !status) return t("mfa.loading");
  if (!status) return t("mfa.unknown");
  if (!status.totpEnabled) return t("mfa.statusOff");
  return t(status.totpPreferred ? "mfa.statusOnPreferred" : "mfa.statusOnNotPreferred");
}

function methodsText() {
  if (!status) return "";
  const methods = Array.isArray(status.enabledMethods) ? status.enabledMethods : [];
  // Only worth a line when something besides the authenticator app is involved.
  const others = methods.filter((m) => m !== TOTP_METHOD);
  const preferredOther = status.preferredMethod && status.preferredMethod !== TOTP_METHOD;
  if (others.length === 0 && !preferredOther) return "";
  const parts = [t("mfa.methods", { methods: methods.join(", ") || t("session.none") })];
  if (status.preferredMethod) parts.push(t("mfa.preferredMethod", { method: status.preferredMethod }));
  return parts.join(" · ");
}

function render() {
  const on = !!status?.totpEnabled;
  const el = $("#mfa-status");
  el.textContent = statusText();
  el.classList.toggle("is-on", on);
  el.classList.toggle("is-off", !!status && !on);
  $("#mfa-methods").textContent = methodsText();
  $("#mfa-methods").hidden = !$("#mfa-methods").textContent;

  const enrolling = !!enrollment && !enrollment.destroyed && !enrollment.completed;
  $("#mfa-controls").hidden = !status || enrolling;
  $("#mfa-setup").textContent = t(on ? "mfa.setupAgain" : "mfa.setup");
  $("#mfa-setup").classList.toggle("button-primary", !on);
  $("#mfa-preferred-row").hidden = !on;
  $("#mfa-preferred").checked = !!status?.totpPreferred;
  $("#mfa-disable").hidden = !on;
  if (!on) closeConfirm(false);
  const testAccount = !!status?.testAccount;
  $("#mfa-test-account").hidden = !testAccount;
  if (!testAccount) hideTestCode();
}

// ---------- test account ----------

/** @type {{code: string, until: number} | null} */
let testCode = null; // { code, until } while a code is on screen
let testCodeTimer = 0;

function hideTestCode() {
  clearInterval(testCodeTimer);
  testCode = null;
  $("#mfa-test-code").hidden = true;
  $("#mfa-test-code").textContent = "";
}

/** The code and its seconds left, in the current language; gone when it expires. */
function renderTestCode() {
  if (!testCode) return;
  const seconds = Math.ceil((testCode.until - Date.now()) / 1000);
  if (seconds <= 0) {
    hideTestCode();
    return;
  }
  $("#mfa-test-code").textContent = t("mfa.testCode", { code: testCode.code, seconds });
}

async function onShowTestCode() {
  const res = await ctx.run($("#mfa-test-code-show"), () => api.testCode());
  // Not on screen once the page was left while the code was on its way.
  if (!res.ok || ctx.state.current !== "mfa") return;
  testCode = { code: res.value.code, until: Date.now() + res.value.secondsLeft * 1000 };
  $("#mfa-test-code").hidden = false;
  renderTestCode();
  clearInterval(testCodeTimer);
  testCodeTimer = setInterval(renderTestCode, 1000);
}

async function onForgetTestSecret() {
  const res = await ctx.run($("#mfa-test-forget"), () => api.forgetTestSecret());
  if (!res.ok) return;
  status = res.value;
  render();
  ctx.flash(t("mfa.testForgotten"));
  $("#mfa-setup").focus();
}

// ---------- enrollment ----------

function sessionKey() {
  const s = ctx.state.session;
  return s ? `${s.profileName}|${s.sub}|${s.signedInAt}` : null;
}

function closeEnrollment() {
  enrollment?.destroy();
  enrollment = null;
  enrollmentSession = null;
  $("#mfa-enrollment-panel").hidden = true;
  // Opt-in for each enrollment: never carried over to the next one (or user).
  $("#mfa-remember-test").checked = false;
}

async function onSetup() {
  closeConfirm(false);
  const res = await ctx.run($("#mfa-setup"), () => api.beginTotpEnrollment());
  if (!res.ok) return;
  $("#mfa-enrollment-panel").hidden = false;
  enrollment = mountEnrollment($("#mfa-enrollment"), res.value, {
    ctx,
    onSubmit: onVerify,
    onCancel: onCancelEnrollment,
  });
  enrollmentSession = sessionKey();
  render();
  enrollment.focus();
  $("#mfa-enrollment-panel").scrollIntoView?.({ block: "nearest" });
}

/**
 * @param {string} code
 * @param {string | null} deviceName
 */
async function onVerify(code, deviceName, buttons) {
  const remember = $("#mfa-remember-test").checked;
  const res = await ctx.run(buttons, () => api.verifyTotpEnrollment(code, deviceName, remember));
  if (res.ok) {
    enrollment.complete();
    // The backend answers with the new status (no second GetUser).
    status = res.value;
    $("#mfa-remember-test").checked = false;
    render();
  } else if (res.error.code === "NoEnrollment") {
    // The backend has forgotten this enrollment: its QR code is useless now.
    closeEnrollment();
    render();
    $("#mfa-setup").focus();
  }
  return res;
}

async function onCancelEnrollment(buttons) {
  await ctx.run(buttons, () => api.cancelTotpEnrollment());
  // Even if the backend failed to forget it, the user wants the secret off screen.
  closeEnrollment();
  render();
  $("#mfa-setup").focus();
}

// ---------- preference ----------

async function onPreferredChange() {
  const box = $("#mfa-preferred");
  const preferred = box.checked;
  const res = await ctx.run(box, () => api.setTotpPreference(true, preferred));
  if (res.ok) {
    status = res.value;
    ctx.flash(t(preferred ? "mfa.nowPreferred" : "mfa.noLongerPreferred"));
  }
  // On failure render() puts the box back to the last known state.
  render();
  box.focus();
}

function askDisable() {
  $("#mfa-disable-confirm").hidden = false;
  // Focus the safe choice first.
  $("#mfa-disable-no").focus();
}

function closeConfirm(refocus = true) {
  const wasOpen = !$("#mfa-disable-confirm").hidden;
  $("#mfa-disable-confirm").hidden = true;
  if (wasOpen && refocus && !$("#mfa-disable").hidden) $("#mfa-disable").focus();
}

async function onDisable() {
  const res = await ctx.run([$("#mfa-disable-yes"), $("#mfa-disable-no")], () =>
    api.setTotpPreference(false, false),
  );
  if (!res.ok) return;
  status = res.value;
  $("#mfa-disable-confirm").hidden = true;
  // A finished enrollment's note no longer describes the state.
  if (enrollment?.completed) closeEnrollment();
  render();
  ctx.flash(t("mfa.turnedOff"));
  $("#mfa-setup").focus();
}
