// NEW_PASSWORD_REQUIRED sign-in step: the account was created by an
// administrator with a temporary password, and the user picks their own. The
// two fields must match (checked here); the pool's password policy is checked
// by Cognito.

import * as api from "../api.js";
import { t } from "../strings.js";
import { cancelChallenge, handleOutcome, restartIfGone } from "./signin.js";

const $ = (sel) => document.querySelector(sel);

let ctx;
let problems = {}; // field id → strings key of the message shown under it

export function init(c) {
  ctx = c;
  $("#new-password-form").addEventListener("submit", onSubmit);
  $("#new-password-cancel").addEventListener("click", onCancel);
  for (const id of ["new-password", "new-password-confirm"]) {
    $(`#${id}`).addEventListener("input", () => {
      // Typing is fixing: quiet the messages until the next submit.
      if (Object.keys(problems).length) {
        problems = {};
        renderProblems();
      }
    });
  }
}

/** Enter this step for a {type:"newPasswordRequired", username} challenge. */
export function startNewPassword(challenge) {
  ctx.state.challenge = challenge;
  clearFields();
  ctx.go("new-password");
}

export function show() {
  $("#new-password-username").textContent = ctx.state.challenge?.username ?? "";
  renderProblems();
  ($("#new-password").value ? $("#new-password-confirm") : $("#new-password")).focus();
}

export function onLang() {
  renderProblems();
}

function clearFields() {
  $("#new-password").value = "";
  $("#new-password-confirm").value = "";
  problems = {};
  renderProblems();
}

function renderProblems() {
  for (const id of ["new-password", "new-password-confirm"]) {
    const key = problems[id];
    const input = $(`#${id}`);
    if (key) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    $(`#${id}-error`).textContent = key ? t(key) : "";
  }
}

function check() {
  const password = $("#new-password").value;
  const confirm = $("#new-password-confirm").value;
  problems = {};
  if (!password) problems["new-password"] = "newPassword.required";
  else if (password !== confirm) problems["new-password-confirm"] = "newPassword.mismatch";
  renderProblems();
  const first = Object.keys(problems)[0];
  if (first) $(`#${first}`).focus();
  return !first;
}

async function onSubmit(e) {
  e.preventDefault();
  const submit = $("#new-password-submit");
  if (submit.disabled || !check()) return;
  const password = $("#new-password").value;
  const res = await ctx.run([submit, $("#new-password-cancel")], () => api.answerNewPassword(password));
  if (res.ok) {
    // The new password has done its job here; do not leave it in the fields.
    clearFields();
    handleOutcome(ctx, res.value);
    return;
  }
  if (restartIfGone(ctx, res.error)) {
    clearFields();
    return;
  }
  // A policy failure: keep what was typed so it can be adjusted.
  $("#new-password").focus();
  $("#new-password").select();
}

async function onCancel() {
  if ($("#new-password-cancel").disabled) return;
  clearFields();
  await cancelChallenge(ctx, [$("#new-password-cancel"), $("#new-password-submit")]);
}
