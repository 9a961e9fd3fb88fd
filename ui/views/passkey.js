// WEB_AUTHN: Cognito asks for a passkey made for the pool's relying party. A security
// key answers (its touch and PIN prompted here, views/securitykey.js), or the test
// passkey a test account keeps in the OS keychain; the other way in is Cognito's
// choice of first factors (SELECT_CHALLENGE).

import * as api from "../api.js";
import { t } from "../strings.js";
import { renderClocks } from "./clock.js";
import { withSecurityKey } from "./securitykey.js";
import { cancelChallenge, handleOutcome, onEscape, restartIfGone } from "./signin.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {Extract<import("../bindings.js").ChallengeView_Serialize, {type: "webAuthn"}>} PasskeyChallenge */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#passkey-key-use").addEventListener("click", onUseKey);
  $("#passkey-use").addEventListener("click", onUse);
  $("#passkey-other").addEventListener("click", onOther);
  $("#passkey-cancel").addEventListener("click", onCancel);
  onEscape(ctx, "passkey", onCancel);
}

/**
 * Enter this step for {type:"webAuthn", username, relyingPartyId, …}.
 * @param {PasskeyChallenge} challenge
 */
export function startPasskey(challenge) {
  ctx.state.challenge = challenge;
  ctx.go("passkey");
}

export function show() {
  render();
  // A test account's test passkey first: it is why the account has one.
  const first = $("#passkey-use").hidden ? $("#passkey-key-use") : $("#passkey-use");
  first.focus();
}

export function onLang() {
  render();
}

function render() {
  const c = ctx.state.challenge;
  if (c?.type !== "webAuthn") return;
  $("#passkey-username").textContent = c.username;
  $("#passkey-rp").textContent = c.relyingPartyId;
  $("#passkey-uv").textContent = t(c.userVerificationRequired ? "passkey.uvRequired" : "passkey.uvPreferred");
  $("#passkey-use").hidden = !c.testPasskey;
  $("#passkey-use").classList.toggle("button-primary", c.testPasskey);
  $("#passkey-key-use").classList.toggle("button-primary", !c.testPasskey);
  $("#passkey-test-note").hidden = !c.testPasskey;
  renderClocks();
}

function buttons() {
  return [$("#passkey-key-use"), $("#passkey-use"), $("#passkey-other"), $("#passkey-cancel")];
}

async function onUseKey() {
  if ($("#passkey-key-use").disabled) return;
  const res = await ctx.run(buttons(), () => withSecurityKey($("#passkey-key"), () => api.answerWithSecurityKey()));
  if (res.ok) handleOutcome(ctx, res.value);
  else if (!restartIfGone(ctx, res.error)) $("#passkey-key-use").focus();
}

async function onUse() {
  if ($("#passkey-use").disabled) return;
  const res = await ctx.run(buttons(), () => api.answerWithTestPasskey());
  if (res.ok) handleOutcome(ctx, res.value);
  else if (!restartIfGone(ctx, res.error)) $("#passkey-other").focus();
}

async function onOther() {
  if ($("#passkey-other").disabled) return;
  const res = await ctx.run(buttons(), () => api.chooseAnotherWay());
  if (res.ok) handleOutcome(ctx, res.value);
  else restartIfGone(ctx, res.error);
}

async function onCancel() {
  if ($("#passkey-cancel").disabled) return;
  await cancelChallenge(ctx, buttons());
}
