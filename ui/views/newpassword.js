// NEW_PASSWORD_REQUIRED sign-in step: the account was created by an
// administrator with a temporary password, and the user picks their own. The
// two fields must match (checked here); the pool's password policy is checked
// by Cognito.

import * as api from "../api.js";
import { t } from "../strings.js";
import { renderClocks } from "./clock.js";
import { cancelChallenge, handleOutcome, onEscape, restartIfGone } from "./signin.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../bindings.js").ChallengeView_Serialize} ChallengeView */
/** @typedef {Extract<ChallengeView, {type: "newPasswordRequired"}>} NewPasswordChallenge */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {Record<string, string>} */
let problems = {}; // field id → strings key of the message shown under it

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#new-password-form").addEventListener("submit", onSubmit);
  $("#new-password-cancel").addEventListener("click", onCancel);
  onEscape(ctx, "new-password", onCancel);
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

/**
 * Enter this step for a {type:"newPasswordRequired", username, requiredAttributes} challenge.
 * @param {NewPasswordChallenge} challenge
 */
export function startNewPassword(challenge) {
  ctx.state.challenge = challenge;
  clearFields();
  renderAttributeFields(challenge.requiredAttributes ?? []);
  ctx.go("new-password");
}

/**
 * One text field per attribute the pool requires (named as Cognito names them).
 * @param {string[]} names
 */
function renderAttributeFields(names) {
  $("#new-password-attributes-group").hidden = names.length === 0;
  $("#new-password-attributes").replaceChildren(
    ...names.map((name) => {
      const field = document.createElement("div");
      field.className = "field";
      const label = document.createElement("label");
      label.htmlFor = `new-password-attr-${name}`;
      label.className = "mono";
      label.textContent = name;
      const input = document.createElement("input");
      input.id = `new-password-attr-${name}`;
      input.dataset.attribute = name;
      input.type = name.includes("email") ? "email" : name.includes("phone") ? "tel" : "text";
      input.spellcheck = false;
      const error = document.createElement("p");
      error.className = "field-error";
      error.id = `new-password-attr-${name}-error`;
      input.setAttribute("aria-describedby", error.id);
      input.addEventListener("input", () => {
        input.removeAttribute("aria-invalid");
        error.textContent = "";
        delete error.dataset.i18nHelp;
      });
      field.append(label, input, error);
      if (name === "phone_number") {
        const help = document.createElement("p");
        help.className = "field-help";
        help.dataset.i18nHelp = "newPassword.phoneHelp";
        help.textContent = t("newPassword.phoneHelp");
        field.append(help);
      }
      return field;
    }),
  );
}

function attributeInputs() {
  return [...document.querySelectorAll("#new-password-attributes input[data-attribute]")];
}

export function show() {
  $("#new-password-username").textContent = ctx.state.challenge?.username ?? "";
  renderProblems();
  renderClocks();
  ($("#new-password").value ? $("#new-password-confirm") : $("#new-password")).focus();
}

export function onLang() {
  renderProblems();
  for (const help of document.querySelectorAll("#new-password-attributes [data-i18n-help]")) {
    help.textContent = t(help.dataset.i18nHelp);
  }
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
  // Every required attribute needs a value; mark each empty one at its field.
  const empty = attributeInputs().filter((input) => !input.value.trim());
  for (const input of empty) {
    input.setAttribute("aria-invalid", "true");
    const error = $(`#${CSS.escape(input.id)}-error`);
    error.dataset.i18nHelp = "newPassword.attributeRequired";
    error.textContent = t("newPassword.attributeRequired");
  }
  const first = Object.keys(problems)[0];
  if (first) $(`#${first}`).focus();
  else empty[0]?.focus();
  return !first && empty.length === 0;
}

async function onSubmit(e) {
  e.preventDefault();
  const submit = $("#new-password-submit");
  if (submit.disabled || !check()) return;
  const password = $("#new-password").value;
  const attributes = Object.fromEntries(
    attributeInputs().map((input) => [input.dataset.attribute, input.value.trim()]),
  );
  const res = await ctx.run([submit, $("#new-password-cancel")], () =>
    api.answerNewPassword(password, attributes),
  );
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
