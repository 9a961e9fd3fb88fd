// Choices Cognito offers during a sign-in: SELECT_MFA_TYPE (which second
// factor, among MFAS_CAN_CHOOSE) and SELECT_CHALLENGE (choice-based sign-in:
// which first factor, among AvailableChallenges). One button per choice;
// PASSWORD and PASSWORD_SRP take the password typed on the sign-in form, or
// ask for it here. WEB_AUTHN leads to the passkey step (views/passkey.js).

import * as api from "../api.js";
import { t } from "../strings.js";
import { renderClocks } from "./clock.js";
import { cancelChallenge, handleOutcome, onEscape, restartIfGone, typedPassword } from "./signin.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../bindings.js").ChallengeView_Serialize} ChallengeView */
/** @typedef {Extract<ChallengeView, {type: "selectMfaType" | "selectChallenge"}>} ChoiceChallenge */

const $ = (sel) => document.querySelector(sel);
const NEEDS_PASSWORD = new Set(["PASSWORD", "PASSWORD_SRP"]);

/** @type {ViewContext} */
let ctx;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#choose-options").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-choice]");
    if (button && !button.disabled) pick(button.dataset.choice);
  });
  // Enter in the password field picks the password factor offered (SRP first).
  $("#choose-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const factor = ["PASSWORD_SRP", "PASSWORD"].find((n) => choices().includes(n));
    if (factor) pick(factor);
  });
  $("#choose-cancel").addEventListener("click", onCancel);
  onEscape(ctx, "choose", onCancel);
}

/**
 * Enter this step for {type:"selectMfaType", options} or {type:"selectChallenge", available}.
 * @param {ChoiceChallenge} challenge
 */
export function startChoose(challenge) {
  ctx.state.challenge = challenge;
  $("#choose-password").value = "";
  ctx.go("choose");
}

export function show() {
  render();
  // The password first when a password factor needs one, else the first choice.
  if (!$("#choose-password-field").hidden) $("#choose-password").focus();
  else $("#choose-options button:not([disabled])")?.focus();
}

export function onLang() {
  render();
}

function choices() {
  const c = ctx.state.challenge;
  if (c?.type === "selectMfaType") return c.options ?? [];
  return c?.type === "selectChallenge" ? (c.available ?? []) : [];
}

function render() {
  const c = ctx.state.challenge;
  const mfa = c?.type === "selectMfaType";
  $("#choose-title").textContent = t(mfa ? "choose.titleMfa" : "choose.titleFirst");
  $("#choose-intro").textContent = t(mfa ? "choose.introMfa" : "choose.introFirst");
  $("#choose-username").textContent = c?.username ?? "";
  const list = $("#choose-options");
  list.replaceChildren(
    ...choices().map((name) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button choice";
      button.dataset.choice = name;
      button.dataset.testid = `choose-${name}`;
      const label = document.createElement("span");
      label.textContent = t(`factors.${name}`) === `factors.${name}` ? name : t(`factors.${name}`);
      const code = document.createElement("span");
      code.className = "mono muted small";
      code.textContent = name;
      button.append(label, code);
      li.append(button);
      return li;
    }),
  );
  // The password field matters only when a password factor is offered and the
  // sign-in form did not already have one.
  const asks = choices().some((n) => NEEDS_PASSWORD.has(n)) && !typedPassword();
  $("#choose-password-field").hidden = !asks;
  renderClocks();
}

/** @param {string} choice */
async function pick(choice) {
  const c = ctx.state.challenge;
  const password = $("#choose-password").value || typedPassword();
  if (c?.type !== "selectMfaType" && NEEDS_PASSWORD.has(choice) && !password) {
    $("#choose-password-field").hidden = false;
    $("#choose-password").setAttribute("aria-invalid", "true");
    $("#choose-password-error").textContent = t("choose.passwordRequired");
    $("#choose-password").focus();
    return;
  }
  $("#choose-password").removeAttribute("aria-invalid");
  $("#choose-password-error").textContent = "";
  const buttons = [...document.querySelectorAll("#choose-options button"), $("#choose-cancel")];
  const res = await ctx.run(buttons, () =>
    c?.type === "selectMfaType" ? api.selectMfa(choice) : api.selectChallenge(choice, password),
  );
  if (res.ok) {
    $("#choose-password").value = "";
    handleOutcome(ctx, res.value);
  } else {
    restartIfGone(ctx, res.error);
  }
}

async function onCancel() {
  if ($("#choose-cancel").disabled) return;
  await cancelChallenge(ctx, [$("#choose-cancel")]);
}
