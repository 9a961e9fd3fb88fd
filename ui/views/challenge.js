// TOTP challenge view: one 6-digit field, a countdown of the current 30 s
// TOTP window, Enter submits, Escape cancels, pasting a full code submits.

import * as api from "../api.js";
import { handleOutcome, restart } from "./signin.js";
import { attachCodeInput, onlyDigits, renderCountdown } from "./totp.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {Extract<import("../bindings.js").ChallengeView_Serialize, {type: "softwareTokenMfa"}>} TotpChallenge */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
let timer = 0;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#challenge-form").addEventListener("submit", onSubmit);
  $("#challenge-cancel").addEventListener("click", onCancel);
  // Typed, pasted or autofilled text may contain spaces or dashes; keep digits
  // only. Pasting a full code submits it.
  attachCodeInput($("#totp-code"), () => {
    if (!$("#totp-submit").disabled) $("#challenge-form").requestSubmit();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && ctx.state.current === "challenge" && !e.defaultPrevented) {
      e.preventDefault();
      onCancel();
    }
  });
}

/**
 * Enter the challenge step for a Challenge from sign_in.
 * @param {TotpChallenge} challenge
 */
export function startChallenge(challenge) {
  ctx.state.challenge = challenge;
  $("#totp-code").value = "";
  ctx.go("challenge");
}

export function show() {
  renderText();
  tick();
  clearInterval(timer);
  timer = setInterval(() => {
    // Stop ticking once the view is left, so no timer runs in the background.
    if (ctx.state.current !== "challenge") clearInterval(timer);
    else tick();
  }, 1000);
  $("#totp-code").focus();
}

export function onLang() {
  renderText();
  tick();
}

function renderText() {
  const username = ctx.state.challenge?.username ?? "";
  $("#challenge-username").textContent = username;
}

function tick() {
  renderCountdown({
    ring: $("#totp-ring"),
    text: $("#totp-seconds-left"),
    label: $("#totp-timer-label"),
    timer: $("#view-challenge .totp-timer"),
  });
}

async function onSubmit(e) {
  e.preventDefault();
  const submit = $("#totp-submit");
  if (submit.disabled) return;
  const input = $("#totp-code");
  input.value = onlyDigits(input.value);
  const res = await ctx.run([submit, $("#challenge-cancel")], () => api.answerTotp(input.value));
  if (res.ok) {
    handleOutcome(ctx, res.value);
    return;
  }
  const code = res.error.code;
  if (code === "SessionExpired" || code === "NoPendingChallenge") {
    // The Cognito session for this challenge is gone: start over from the password.
    ctx.state.challenge = null;
    restart();
    return;
  }
  // A wrong code is useless to keep; anything else (network, format) keeps
  // what was typed so the user can simply retry.
  if (code === "CodeMismatchException") input.value = "";
  input.focus();
}

async function onCancel() {
  if ($("#challenge-cancel").disabled) return;
  await ctx.run([$("#challenge-cancel"), $("#totp-submit")], () => api.cancelSignIn());
  // Even if the backend failed to forget the challenge, the user wants out;
  // any error stays visible on the sign-in view.
  ctx.state.challenge = null;
  ctx.go("signin");
}
