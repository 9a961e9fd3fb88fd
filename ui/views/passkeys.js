// The MFA page's passkey panel: the user's passkeys (ListWebAuthnCredentials) with
// Delete (asked twice: a user without a password may have no other way in), and
// registering one: on a security key (its touch and PIN prompted here), or a test
// passkey (a software passkey whose key the OS keychain keeps, for test accounts: it
// signs in without a touch or a PIN).

import * as api from "../api.js";
import { t } from "../strings.js";
import { withSecurityKey } from "./securitykey.js";
import { whenText } from "./time.js";

/** @typedef {import("../bindings.js").PasskeyRow} PasskeyRow */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {PasskeyRow[] | null} */
let rows = null; // the last list, for the session it was read in
let rowsFor = "";

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#passkeys-load").addEventListener("click", load);
  $("#passkeys-register-key").addEventListener("click", registerKey);
  $("#passkeys-register-test").addEventListener("click", registerTest);
  $("#passkeys-rows").addEventListener("click", (e) => {
    const button = /** @type {HTMLButtonElement | null} */ (/** @type {HTMLElement} */ (e.target).closest("[data-delete]"));
    if (!button) return;
    if (button.dataset.armed !== "true") {
      arm(button);
      return;
    }
    remove(button.dataset.delete || "", button);
  });
}

function sessionKey() {
  const s = ctx.state.session;
  return s ? `${s.sub}|${s.signedInAt}` : "";
}

/** Shown: a list read for another session is not this user's. */
export function show() {
  if (rowsFor !== sessionKey()) rows = null;
  render();
}

export function render() {
  $("#passkeys-table").hidden = !rows?.length;
  $("#passkeys-empty").hidden = !rows || rows.length > 0;
  $("#passkeys-rows").replaceChildren(
    ...(rows ?? []).map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.passkey = row.credentialId;
      const name = document.createElement("td");
      name.textContent = row.name || row.credentialId;
      name.title = `${row.credentialId} (${row.relyingPartyId})`;
      if (row.testPasskey) {
        const tag = document.createElement("span");
        tag.className = "tag";
        tag.dataset.testid = "test-passkey";
        tag.textContent = t("passkeys.testTag");
        name.append(" ", tag);
      }
      const created = document.createElement("td");
      created.textContent = whenText(row.createdAt);
      const kind = document.createElement("td");
      // Cognito's words, worded when known: "platform" or "cross-platform".
      const attachment = row.attachment ?? "";
      const known = { platform: "passkeys.attachmentPlatform", "cross-platform": "passkeys.attachmentCrossPlatform" };
      const key = known[/** @type {keyof typeof known} */ (attachment)];
      kind.textContent = key ? t(key) : attachment || t("session.none");
      const action = document.createElement("td");
      const del = document.createElement("button");
      del.type = "button";
      del.className = "button button-small button-quiet-danger";
      del.dataset.delete = row.credentialId;
      del.textContent = t("passkeys.delete");
      del.setAttribute("aria-label", t("passkeys.deleteNamed", { name: row.name || row.credentialId }));
      action.append(del);
      tr.append(name, created, kind, action);
      return tr;
    }),
  );
}

/**
 * The first press asks: the button says what a second press does; leaving it undoes.
 * @param {HTMLButtonElement} button
 */
function arm(button) {
  button.dataset.armed = "true";
  button.className = "button button-small button-danger";
  button.textContent = t("passkeys.confirmDelete");
  button.setAttribute("aria-label", `${t("passkeys.confirmDelete")}: ${button.getAttribute("aria-label") ?? ""}`);
  button.addEventListener("blur", () => render(), { once: true });
}

/** @param {PasskeyRow[]} list */
function took(list) {
  rows = list;
  rowsFor = sessionKey();
  render();
}

async function load() {
  const res = await ctx.run($("#passkeys-load"), () => api.listPasskeys());
  if (res.ok) took(res.value);
  else ctx.sessionGone(res.error);
}

async function registerKey() {
  const buttons = [$("#passkeys-register-key"), $("#passkeys-register-test")];
  const res = await ctx.run(buttons, () => withSecurityKey($("#passkeys-key"), () => api.registerSecurityKey()));
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  took(res.value);
  ctx.flash(t("passkeys.keyRegistered"));
}

async function registerTest() {
  const res = await ctx.run($("#passkeys-register-test"), () => api.registerTestPasskey());
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  took(res.value);
  ctx.flash(t("passkeys.registered"));
}

/**
 * @param {string} id
 * @param {HTMLButtonElement} button
 */
async function remove(id, button) {
  const res = await ctx.run(button, () => api.deletePasskey(id));
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  took(res.value);
  ctx.flash(t("passkeys.deleted"));
}
