// Authenticator-app enrollment screen, shared by the MFA page (signed-in user)
// and the MFA_SETUP sign-in step. It is cloned from #enrollment-template, so
// both places use the same ids (#mfa-qr, #mfa-code, #mfa-verify, …); only one
// copy may exist at a time, mounting a new one removes the old one.
//
// The secret is on screen only while it is needed: a successful verification
// or unmounting clears the QR image, the key and the link from the DOM.

import * as api from "../api.js";
import { t } from "../strings.js";
import { attachCodeInput, onlyDigits, renderCountdown } from "./totp.js";

/** @typedef {import("../bindings.js").EnrollmentView} EnrollmentView */
/** @typedef {import("../bindings.js").EnrollmentText} EnrollmentText */
/** @typedef {import("../api.js").AppError} AppError */
/** @typedef {import("../app.js").ViewContext} ViewContext */
/**
 * What mountEnrollment returns.
 * @typedef {object} EnrollmentController
 * @property {boolean} destroyed
 * @property {boolean} completed
 * @property {() => void} complete
 * @property {() => void} destroy
 * @property {() => void} resume
 * @property {() => void} onLang
 * @property {() => void} focus
 */
/**
 * What onSubmit resolves to: the result of its ctx.run.
 * @typedef {{ok: boolean, error?: AppError}} SubmitResult
 */
/**
 * @typedef {object} EnrollmentOptions
 * @property {ViewContext} ctx
 * @property {(code: string, deviceName: string | null, buttons: any[]) => Promise<SubmitResult>} onSubmit
 * @property {(buttons: any[]) => void} [onCancel]
 */

// Long enough to read that the clipboard will be cleared.
const COPIED_MS = 6000;

/** @type {EnrollmentController | null} */
let active = null; // the mounted controller

/** Fill data-i18n texts of a freshly cloned subtree (app.js only sees the document). */
function localise(root) {
  root.querySelectorAll("[data-i18n]").forEach((el) => (el.textContent = t(el.dataset.i18n)));
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => (el.placeholder = t(el.dataset.i18nPlaceholder)));
  root.querySelectorAll("[data-i18n-alt]").forEach((el) => (el.alt = t(el.dataset.i18nAlt)));
}

/**
 * Render the enrollment for `enrollment` (an Enrollment from the backend) into
 * `container`, replacing its content.
 *
 * options:
 *  - ctx: the app context (run, state, …)
 *  - onSubmit(code, deviceName, buttons): start the backend call with
 *    ctx.run(buttons, …) and return its {ok, value|error}. deviceName is null
 *    when left empty. On CodeMismatchException the code field is cleared and
 *    focused, QR and key stay.
 *  - onCancel(buttons): the Cancel button.
 *
 * Returns a controller: {complete(), destroy(), resume(), onLang(), focus(),
 * destroyed, completed}.
 * @param container
 * @param {EnrollmentView} enrollment
 * @param {EnrollmentOptions} options
 * @returns {EnrollmentController}
 */
export function mountEnrollment(container, enrollment, { ctx, onSubmit, onCancel }) {
  active?.destroy();

  const frag = document.getElementById("enrollment-template").content.cloneNode(true);
  localise(frag);
  const root = {
    form: frag.querySelector("form"),
    note: frag.querySelector("#mfa-enrolled-note"),
  };
  const q = (sel) => root.form.querySelector(sel);
  const el = {
    qr: q("#mfa-qr"),
    issuer: q("#mfa-issuer"),
    account: q("#mfa-account"),
    secret: q("#mfa-secret"),
    copySecret: q("#mfa-copy-secret"),
    copyUri: q("#mfa-copy-uri"),
    openUri: q("#mfa-open-uri"),
    code: q("#mfa-code"),
    deviceName: q("#mfa-device-name"),
    verify: q("#mfa-verify"),
    cancel: q("#mfa-cancel"),
    countdown: {
      ring: q("#mfa-ring"),
      text: q("#mfa-seconds-left"),
      label: q("#mfa-timer-label"),
      timer: q(".totp-timer"),
    },
  };

  el.qr.src = enrollment?.qrSvgDataUrl ?? "";
  el.issuer.textContent = enrollment?.issuer ?? "";
  el.account.textContent = enrollment?.account ?? "";
  el.secret.textContent = (enrollment?.secretGroups ?? []).join(" ");

  let timer = 0;
  const copiedTimers = new Map();
  /** @type {EnrollmentController} */
  const controller = { destroyed: false, completed: false, complete, destroy, resume, onLang, focus };

  // ---------- behaviour ----------

  attachCodeInput(el.code); // no auto-submit: the device name may still be typed
  el.copySecret.addEventListener("click", () => copy("secret", el.copySecret));
  el.copyUri.addEventListener("click", () => copy("uri", el.copyUri));
  el.openUri.addEventListener("click", () => ctx.run(el.openUri, () => api.openOtpauthUri()));
  el.cancel.addEventListener("click", () => {
    if (!el.cancel.disabled) onCancel?.([el.cancel, el.verify]);
  });
  root.form.addEventListener("submit", submit);

  /** @param {EnrollmentText} what */
  async function copy(what, button) {
    const res = await ctx.run(button, () => api.copyEnrollmentText(what));
    if (!res.ok || controller.destroyed) return;
    const note = root.form.querySelector(`[data-copied-for="${what}"]`);
    note.dataset.secs = res.value;
    note.textContent = t("copy.copiedSecret", { secs: res.value });
    note.hidden = false;
    clearTimeout(copiedTimers.get(what));
    copiedTimers.set(
      what,
      setTimeout(() => (note.hidden = true), COPIED_MS),
    );
  }

  async function submit(e) {
    e.preventDefault();
    if (el.verify.disabled || controller.destroyed) return;
    el.code.value = onlyDigits(el.code.value);
    const deviceName = el.deviceName.value.trim() || null;
    const res = await onSubmit(el.code.value, deviceName, [el.verify, el.cancel]);
    if (controller.destroyed || !res || res.ok) return;
    // A wrong code is useless to keep; anything else keeps what was typed.
    if (res.error?.code === "CodeMismatchException") el.code.value = "";
    el.code.focus();
  }

  function tick() {
    // Stop once the screen is gone or hidden, so no timer runs in the background.
    if (controller.destroyed || !root.form.isConnected || root.form.closest("[hidden]")) {
      clearInterval(timer);
      return;
    }
    renderCountdown(el.countdown);
  }

  function clearSecrets() {
    clearInterval(timer);
    copiedTimers.forEach((id) => clearTimeout(id));
    el.qr.src = "";
    el.qr.removeAttribute("src");
    el.secret.textContent = "";
    root.form.remove();
  }

  // ---------- controller ----------

  /** Verified: wipe QR, key and link, leave only the success note. */
  function complete() {
    if (controller.destroyed) return;
    clearSecrets();
    controller.completed = true;
    root.note.hidden = false;
    root.note.textContent = t("enroll.done");
  }

  /** Remove everything this enrollment put on screen. */
  function destroy() {
    if (controller.destroyed) return;
    clearSecrets();
    root.note.remove();
    controller.destroyed = true;
    if (active === controller) active = null;
  }

  /** (Re)start the countdown; call when the view holding the screen is shown. */
  function resume() {
    if (controller.destroyed || !root.form.isConnected) return;
    renderCountdown(el.countdown);
    clearInterval(timer);
    timer = setInterval(tick, 1000);
  }

  function onLang() {
    if (controller.destroyed) return;
    localise(root.form);
    if (!root.note.hidden) root.note.textContent = t("enroll.done");
    root.form.querySelectorAll(".copied-note:not([hidden])").forEach((n) => (n.textContent = t("copy.copiedSecret", { secs: n.dataset.secs })));
    if (root.form.isConnected) renderCountdown(el.countdown);
  }

  function focus() {
    if (!controller.destroyed && root.form.isConnected) el.code.focus();
  }

  container.replaceChildren(root.form, root.note);
  active = controller;
  resume();
  return controller;
}
