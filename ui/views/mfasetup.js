// MFA_SETUP sign-in step: the user pool requires MFA and this user has none
// yet. With an authenticator app offered, the enrollment screen is the one of
// the MFA page; its code goes to answer_mfa_setup, which finishes the sign-in
// (or asks the next challenge). With email offered, an address field sends a
// code there (an EMAIL_OTP challenge follows).

import * as api from "../api.js";
import { t } from "../strings.js";
import { renderClocks } from "./clock.js";
import { mountEnrollment } from "./enrollment.js";
import { cancelChallenge, handleOutcome, restartIfGone } from "./signin.js";

const $ = (sel) => document.querySelector(sel);

let ctx;
let enrollment = null;

export function init(c) {
  ctx = c;
  $("#mfa-setup-email-form").addEventListener("submit", onEmail);
  $("#mfa-setup-email-cancel").addEventListener("click", () =>
    onCancel([$("#mfa-setup-email-submit"), $("#mfa-setup-email-cancel")]),
  );
}

/** Enter this step for a {type:"mfaSetup", username, allowed, enrollment} challenge. */
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
  const email = (challenge.allowed ?? []).includes("EMAIL_OTP");
  $("#mfa-setup-email-form").hidden = !email;
  // Email as the only method is not an "or", and its button is the main action.
  const title = $("#mfa-setup-email-title");
  title.dataset.i18n = challenge.enrollment ? "mfaSetup.emailTitle" : "mfaSetup.emailOnlyTitle";
  title.textContent = t(title.dataset.i18n);
  $("#mfa-setup-email-submit").classList.toggle("button-primary", !challenge.enrollment);
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
  } else {
    $("#mfa-setup-email").focus();
  }
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
