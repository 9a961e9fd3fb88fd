// Errors that are really flows, each a view of its own:
// - "reset": a forgotten password ("Forgot password?") or one an administrator
//   reset (PasswordResetRequiredException): ForgotPassword sends a code, then
//   ConfirmForgotPassword sets the new password;
// - "confirm": an account not confirmed yet (UserNotConfirmedException):
//   ConfirmSignUp with the code from the sign-up message, ResendConfirmationCode
//   for a new one; after it the sign-in runs again with what the form holds.

import * as api from "../api.js";
import { t } from "../strings.js";
import { attachCodeInput, onlyDigits } from "./totp.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../bindings.js").CodeDelivery_Serialize} CodeDelivery */
/** @typedef {{signedUp: () => void, passwordReset: (username: string) => void}} RecoverCallbacks */

const $ = (sel) => document.querySelector(sel);
const MAX_DIGITS = 8;

/** @type {ViewContext} */
let ctx;
/** @type {RecoverCallbacks} */
let done; // {signedUp(), passwordReset(username)} from the sign-in view
/** @type {{username: string, required: boolean, delivery: Partial<CodeDelivery> | null}} */
let reset = { username: "", required: false, delivery: null };
/** @type {{username: string, delivery: Partial<CodeDelivery> | null}} */
let confirm = { username: "", delivery: null };

/**
 * @param {ViewContext} c
 * @param {RecoverCallbacks} callbacks
 */
export function initRecover(c, callbacks) {
  ctx = c;
  done = callbacks;
  $("#reset-request-form").addEventListener("submit", onRequestCode);
  $("#reset-confirm-form").addEventListener("submit", onSetPassword);
  $("#reset-new-code").addEventListener("click", onRequestCode);
  for (const id of ["#reset-back", "#reset-back-2", "#confirm-back"]) {
    $(id).addEventListener("click", () => ctx.go("signin"));
  }
  $("#confirm-form").addEventListener("submit", onConfirm);
  $("#confirm-resend").addEventListener("click", onResend);
  attachCodeInput($("#reset-code"), null, MAX_DIGITS);
  attachCodeInput($("#confirm-code"), null, MAX_DIGITS);
  document.addEventListener("keydown", (e) => {
    const view = ctx.state.current;
    if (e.key === "Escape" && (view === "reset" || view === "confirm") && !e.defaultPrevented) {
      e.preventDefault();
      ctx.go("signin");
    }
  });
}

/**
 * Open the reset view for `username`; `required`: Cognito demands the reset.
 * @param {string} username
 * @param {boolean} required
 */
export function startReset(username, required) {
  reset = { username, required, delivery: null };
  $("#reset-username").value = username;
  for (const id of ["#reset-code", "#reset-password", "#reset-password-confirm"]) $(id).value = "";
  ctx.go("reset");
}

/**
 * Open the confirmation view for `username`.
 * @param {string} username
 */
export function startConfirm(username) {
  confirm = { username, delivery: null };
  $("#confirm-code").value = "";
  ctx.go("confirm");
}

export const resetView = {
  init() {},
  show() {
    renderReset();
    (reset.delivery ? $("#reset-code") : $("#reset-username")).focus();
  },
  onLang: () => renderReset(),
};

export const confirmView = {
  init() {},
  show() {
    renderConfirm();
    $("#confirm-code").focus();
  },
  onLang: () => renderConfirm(),
};

/** @param {Partial<CodeDelivery> | null} d */
function deliveryText(d) {
  const medium = t(d?.medium === "SMS" ? "code.mediumSms" : "code.mediumEmail");
  return d?.destination ? t("code.sentTo", { destination: d.destination, medium }) : t("recover.sentUnknown");
}

function renderReset() {
  $("#reset-intro").textContent = t(reset.required ? "recover.resetRequired" : "recover.resetIntro");
  $("#reset-request-form").hidden = !!reset.delivery;
  $("#reset-confirm-form").hidden = !reset.delivery;
  $("#reset-destination").textContent = reset.delivery ? deliveryText(reset.delivery) : "";
  $("#reset-for").textContent = reset.username;
}

function renderConfirm() {
  $("#confirm-username").textContent = confirm.username;
  $("#confirm-destination").textContent = confirm.delivery ? deliveryText(confirm.delivery) : "";
  $("#confirm-destination").hidden = !confirm.delivery;
}

function profileId() {
  return $("#signin-profile").value || ctx.state.selectedId;
}

async function onRequestCode(e) {
  e.preventDefault();
  const username = (reset.delivery ? reset.username : $("#reset-username").value).trim();
  const buttons = [$("#reset-send"), $("#reset-new-code")];
  const res = await ctx.run(buttons, () => api.forgotPassword(profileId(), username));
  if (!res.ok) return;
  reset = { ...reset, username, delivery: res.value ?? {} };
  renderReset();
  $("#reset-code").value = "";
  $("#reset-code").focus();
}

async function onSetPassword(e) {
  e.preventDefault();
  const code = onlyDigits($("#reset-code").value, MAX_DIGITS);
  const password = $("#reset-password").value;
  const problem = !password
    ? "newPassword.required"
    : password !== $("#reset-password-confirm").value
      ? "newPassword.mismatch"
      : "";
  $("#reset-password-error").textContent = problem ? t(problem) : "";
  if (problem) {
    $("#reset-password").setAttribute("aria-invalid", "true");
    $(problem === "newPassword.required" ? "#reset-password" : "#reset-password-confirm").focus();
    return;
  }
  $("#reset-password").removeAttribute("aria-invalid");
  const buttons = [$("#reset-set"), $("#reset-new-code")];
  const res = await ctx.run(buttons, () =>
    api.confirmForgotPassword(profileId(), reset.username, code, password),
  );
  if (!res.ok) {
    if (res.error.code === "DeliveredCodeMismatch") $("#reset-code").value = "";
    (res.error.code === "InvalidPasswordException" ? $("#reset-password") : $("#reset-code")).focus();
    return;
  }
  for (const id of ["#reset-code", "#reset-password", "#reset-password-confirm"]) $(id).value = "";
  done.passwordReset(reset.username);
}

async function onConfirm(e) {
  e.preventDefault();
  const code = onlyDigits($("#confirm-code").value, MAX_DIGITS);
  const buttons = [$("#confirm-submit"), $("#confirm-resend")];
  const res = await ctx.run(buttons, () => api.confirmSignUp(profileId(), confirm.username, code));
  if (!res.ok) {
    if (res.error.code === "DeliveredCodeMismatch") $("#confirm-code").value = "";
    $("#confirm-code").focus();
    return;
  }
  done.signedUp();
}

async function onResend() {
  const buttons = [$("#confirm-submit"), $("#confirm-resend")];
  const res = await ctx.run(buttons, () => api.resendConfirmationCode(profileId(), confirm.username));
  if (!res.ok) return;
  confirm = { ...confirm, delivery: res.value ?? {} };
  renderConfirm();
  $("#confirm-code").focus();
}
