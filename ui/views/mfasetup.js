// MFA_SETUP sign-in step: the user pool requires an authenticator app and this
// user has none yet. The enrollment screen is the one of the MFA page; its
// code goes to answer_mfa_setup, which finishes the sign-in (or asks the next
// challenge).

import * as api from "../api.js";
import { mountEnrollment } from "./enrollment.js";
import { cancelChallenge, handleOutcome, restartIfGone } from "./signin.js";

const $ = (sel) => document.querySelector(sel);

let ctx;
let enrollment = null;

export function init(c) {
  ctx = c;
}

/** Enter this step for a {type:"mfaSetup", username, enrollment} challenge. */
export function startMfaSetup(challenge) {
  ctx.state.challenge = challenge;
  enrollment = mountEnrollment($("#mfa-setup-enrollment"), challenge.enrollment, {
    ctx,
    onSubmit,
    onCancel,
  });
  ctx.go("mfa-setup");
}

export function show() {
  // Reached without a live enrollment (e.g. it was replaced): nothing to answer here.
  if (!enrollment || enrollment.destroyed) {
    ctx.state.challenge = null;
    ctx.go("signin");
    return;
  }
  $("#mfa-setup-username").textContent = ctx.state.challenge?.username ?? "";
  enrollment.resume();
  enrollment.focus();
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
