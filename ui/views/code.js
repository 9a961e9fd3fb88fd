// SMS_MFA, SMS_OTP and EMAIL_OTP: a code Cognito sent. Shows where it went
// (masked, as Cognito says it) and how it travelled; codes have 6 to 8 digits
// and paste with spaces. "Send a new code" starts the sign-in again, which is
// how Cognito sends another one.

import * as api from "../api.js";
import { t } from "../strings.js";
import { renderClocks } from "./clock.js";
import { cancelChallenge, handleOutcome, onEscape, restartIfGone, resubmit } from "./signin.js";
import { attachCodeInput, onlyDigits } from "./totp.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {Extract<import("../bindings.js").ChallengeView_Serialize, {type: "deliveredCode"}>} CodeChallenge */

const $ = (sel) => document.querySelector(sel);
const MAX_DIGITS = 8;

/** @type {ViewContext} */
let ctx;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#code-form").addEventListener("submit", onSubmit);
  $("#code-cancel").addEventListener("click", onCancel);
  $("#code-restart").addEventListener("click", onNewCode);
  attachCodeInput($("#code-input"), null, MAX_DIGITS);
  onEscape(ctx, "code", onCancel);
}

/**
 * Enter this step for a {type:"deliveredCode", username, challenge, destination, medium}.
 * @param {CodeChallenge} challenge
 */
export function startCode(challenge) {
  ctx.state.challenge = challenge;
  $("#code-input").value = "";
  ctx.go("code");
}

export function show() {
  render();
  $("#code-input").focus();
}

export function onLang() {
  render();
}

function render() {
  const c = ctx.state.challenge;
  // Only a delivered code says which challenge it answers and where it went.
  const d = c?.type === "deliveredCode" ? c : null;
  const byEmail = d?.challenge === "EMAIL_OTP" || d?.medium === "EMAIL";
  $("#code-title").textContent = t(byEmail ? "code.titleEmail" : "code.titleSms");
  $("#code-username").textContent = c?.username ?? "";
  const medium = t(byEmail ? "code.mediumEmail" : "code.mediumSms");
  $("#code-destination").textContent = d?.destination
    ? t("code.sentTo", { destination: d.destination, medium })
    : t("code.sentSomewhere", { medium });
  $("#code-kind").textContent = d?.challenge ?? "";
  renderClocks();
}

async function onSubmit(e) {
  e.preventDefault();
  const submit = $("#code-submit");
  if (submit.disabled) return;
  const input = $("#code-input");
  input.value = onlyDigits(input.value, MAX_DIGITS);
  const buttons = [submit, $("#code-cancel"), $("#code-restart")];
  const res = await ctx.run(buttons, () => api.answerCode(input.value));
  if (res.ok) {
    handleOutcome(ctx, res.value);
    return;
  }
  if (restartIfGone(ctx, res.error)) return;
  if (res.error.code === "DeliveredCodeMismatch") input.value = "";
  input.focus();
}

async function onCancel() {
  if ($("#code-cancel").disabled) return;
  await cancelChallenge(ctx, [$("#code-cancel"), $("#code-submit"), $("#code-restart")]);
}

async function onNewCode() {
  if ($("#code-restart").disabled) return;
  await cancelChallenge(ctx, [$("#code-cancel"), $("#code-submit"), $("#code-restart")]);
  resubmit();
}
