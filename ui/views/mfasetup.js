// MFA_SETUP sign-in step: the user pool requires MFA and this user has none
// yet. With an authenticator app offered, the enrollment screen is the one of
// the MFA page; its code goes to answer_mfa_setup, which finishes the sign-in
// (or asks the next challenge). With email offered, an address field sends a
// code there (an EMAIL_OTP challenge follows).

import * as api from "../api.js";
import { t } from "../strings.js";
import { renderClocks } from "./clock.js";
import { mountEnrollment } from "./enrollment.js";
import { cancelChallenge, handleOutcome, onEscape, restartIfGone } from "./signin.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {Extract<import("../bindings.js").ChallengeView_Serialize, {type: "mfaSetup"}>} MfaSetupChallenge */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {ReturnType<typeof mountEnrollment> | null} */
let enrollment = null;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#mfa-setup-email-form").addEventListener("submit", onEmail);
  $("#mfa-setup-use-app").addEventListener("click", onUseApp);
  onEscape(ctx, "mfa-setup", () =>
    onCancel([$("#mfa-setup-email-submit"), $("#mfa-setup-email-cancel"), $("#mfa-setup-use-app")]),
  );
  $("#mfa-setup-email-cancel").addEventListener("click", () =>
    onCancel([$("#mfa-setup-email-submit"), $("#mfa-setup-email-cancel")]),
  );
}

/**
 * Enter this step for a {type:"mfaSetup", username, allowed, enrollment} challenge.
 * @param {MfaSetupChallenge} challenge
 */
export function startMfaSetup(challenge) {
  ctx.state.challenge = challenge;
  close();
  if (challenge.enrollment) {
    enrollment = mountEnrollment($("#mfa-setup-enrollment"), challenge.enrollment, {
      ctx,
      onSubmit,
      onCancel,
    });
  }
  const allowed = challenge.allowed ?? [];
  const email = allowed.includes("EMAIL_OTP");
  $("#mfa-setup-email-form").hidden = !email;
  // Both offered: the app is set up only once picked.
  $("#mfa-setup-app-choice").hidden = !!challenge.enrollment || !allowed.includes("SOFTWARE_TOKEN_MFA");
  // Email as the only method is not an "or", and its button is the main action.
  const title = $("#mfa-setup-email-title");
  const alternative = challenge.enrollment || allowed.includes("SOFTWARE_TOKEN_MFA");
  title.dataset.i18n = alternative ? "mfaSetup.emailTitle" : "mfaSetup.emailOnlyTitle";
  title.textContent = t(title.dataset.i18n);
  $("#mfa-setup-email-submit").classList.toggle("button-primary", !alternative);
  // Without an authenticator enrollment on screen, the email form has the Cancel.
  $("#mfa-setup-email-cancel").hidden = !!challenge.enrollment;
  // The username is often the address itself: offered, editable.
  $("#mfa-setup-email").value = challenge.username?.includes("@") ? challenge.username : "";
  ctx.go("mfa-setup");
}

export function show() {
  const c = ctx.state.challenge;
  const live = enrollment && !enrollment.destroyed;
  // Reached with nothing to answer (e.g. the enrollment was replaced): back to the start.
  if (c?.type !== "mfaSetup" || (!live && !(c.allowed ?? []).includes("EMAIL_OTP"))) {
    ctx.state.challenge = null;
    ctx.go("signin");
    return;
  }
  $("#mfa-setup-username").textContent = c.username ?? "";
  renderClocks();
  if (live) {
    enrollment.resume();
    enrollment.focus();
  } else if (!$("#mfa-setup-app-choice").hidden) {
    $("#mfa-setup-use-app").focus();
  } else {
    $("#mfa-setup-email").focus();
  }
}

async function onUseApp() {
  const buttons = [$("#mfa-setup-use-app"), $("#mfa-setup-email-submit"), $("#mfa-setup-email-cancel")];
  const res = await ctx.run(buttons, () => api.setupAuthenticator());
  if (res.ok) handleOutcome(ctx, res.value);
  else restartIfGone(ctx, res.error);
}

async function onEmail(e) {
  e.preventDefault();
  const submit = $("#mfa-setup-email-submit");
  if (submit.disabled) return;
  const email = $("#mfa-setup-email").value.trim();
  const res = await ctx.run([submit, $("#mfa-setup-email-cancel")], () => api.answerMfaSetupEmail(email));
  if (res.ok) {
    close();
    handleOutcome(ctx, res.value);
  } else if (restartIfGone(ctx, res.error)) {
    close();
  } else if (!$("#mfa-setup-app-choice").hidden) {
    $("#mfa-setup-use-app").focus();
  } else {
    $("#mfa-setup-email").focus();
  }
}

export function onLang() {
  enrollment?.onLang();
}

function close() {
  enrollment?.destroy();
  enrollment = null;
}

/**
 * @param {string} code
 * @param {string | null} deviceName
 */
async function onSubmit(code, deviceName, buttons) {
  const res = await ctx.run(buttons, () => api.answerMfaSetup(code, deviceName));
  if (res.ok) {
    // The secret has done its job; take it off screen before moving on.
    close();
    handleOutcome(ctx, res.value);
  } else if (restartIfGone(ctx, res.error)) {
    close();
  }
  return res;
}

async function onCancel(buttons) {
  await cancelChallenge(ctx, buttons);
  close();
}
