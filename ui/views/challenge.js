// TOTP challenge view: one 6-digit field, a countdown of the current 30 s
// TOTP window, Enter submits, Escape cancels, pasting a full code submits.

import * as api from "../api.js";
import { t } from "../strings.js";
import { handleOutcome, restart } from "./signin.js";

const $ = (sel) => document.querySelector(sel);
const PERIOD = 30;

let ctx;
let timer = 0;

export function init(c) {
  ctx = c;
  $("#challenge-form").addEventListener("submit", onSubmit);
  $("#challenge-cancel").addEventListener("click", onCancel);
  const input = $("#totp-code");
  input.addEventListener("paste", onPaste);
  // Typed or autofilled text may contain spaces or dashes; keep digits only.
  input.addEventListener("input", () => {
    const digits = onlyDigits(input.value);
    if (digits !== input.value) input.value = digits;
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && ctx.state.current === "challenge" && !e.defaultPrevented) {
      e.preventDefault();
      onCancel();
    }
  });
}

/** Enter the challenge step for a Challenge from sign_in. */
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

function secondsLeft() {
  return PERIOD - (Math.floor(Date.now() / 1000) % PERIOD);
}

function tick() {
  const left = secondsLeft();
  $("#totp-seconds-left").textContent = String(left);
  $("#totp-timer-label").textContent = t("challenge.secondsLeft", { n: left });
  // pathLength is 100, so the dash length is the remaining percentage.
  $("#totp-ring").setAttribute("stroke-dasharray", `${(left / PERIOD) * 100} 100`);
  $("#view-challenge .totp-timer").classList.toggle("low", left <= 5);
}

function onlyDigits(text) {
  return String(text).replace(/\D/g, "").slice(0, 6);
}

function onPaste(e) {
  const text = e.clipboardData?.getData("text") ?? "";
  e.preventDefault();
  const input = $("#totp-code");
  // Replace the selection with the pasted digits, as a normal paste would.
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? input.value.length;
  const merged = onlyDigits(input.value.slice(0, start) + text + input.value.slice(end));
  input.value = merged;
  if (merged.length === 6 && !$("#totp-submit").disabled) {
    $("#challenge-form").requestSubmit();
  }
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
