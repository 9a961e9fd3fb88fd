// The app client page: DescribeUserPoolClient (the secret only as "present"), its
// settings edited and saved with the complete current configuration, and the
// profile's identity pool (trusted providers, roles).

import * as api from "../api.js";
import { t, spanText } from "../strings.js";
import { profile, yesNo, listText, fillFacts } from "./workbench.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { appClientHtml as markup } from "../markup/workbench.js";

/** @typedef {import("../bindings.js").ClientView_Serialize} ClientView */
/** @typedef {import("../bindings.js").ClientChange_Deserialize} ClientChange */
/** @typedef {import("../bindings.js").IdentityPoolView_Serialize} IdentityPoolView */
/** @typedef {import("../bindings.js").ProfileId} ProfileId */
/** @typedef {import("../api.js").AppError} AppError */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);
const FLOWS = [
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_USER_AUTH",
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
];
const OAUTH_FLOWS = ["code", "implicit", "client_credentials"];

/** @type {ViewContext} */
let ctx;
/** @type {ClientView | null} */
let client = null;
/** @type {IdentityPoolView | {error: AppError} | null} */
let identity = null; // IdentityPoolView, or {error} / null
/** @type {ProfileId | null} */
let loadedFor = null;

/**
 * @param {string[]} values
 * @param {string} prefix
 */
function checkboxes(container, values, prefix) {
  for (const value of values) {
    const label = document.createElement("label");
    label.className = "check";
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = value;
    input.id = `${prefix}-${value}`;
    const span = document.createElement("span");
    span.className = "mono small";
    span.textContent = value;
    label.append(input, span);
    container.append(label);
  }
}

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  checkboxes($("#appclient-flows"), FLOWS, "appclient-flow");
  checkboxes($("#appclient-oauth-flows"), OAUTH_FLOWS, "appclient-oauth");
  $("#appclient-reload").addEventListener("click", load);
  $("#appclient-form").addEventListener("submit", onSave);
  $("#appclient-form").addEventListener("input", () => {
    $("#appclient-saved").textContent = "";
    // A refused value being corrected: its message goes with it.
    if ($("#appclient-grace").getAttribute("aria-invalid") === "true") {
      $("#appclient-grace").setAttribute("aria-invalid", "false");
      ctx.clearError();
    }
  });
}

export function show() {
  const p = profile(ctx);
  if (loadedFor !== p?.id || !client) load();
  else render();
}

export function onLang() {
  render();
}

export function onSession() {}

async function load() {
  const p = profile(ctx);
  if (!p) return;
  loadedFor = p.id;
  const res = await ctx.run($("#appclient-reload"), () => api.adminClient(p.id));
  client = res.ok ? res.value : null;
  identity = null;
  if (p.identityPoolId) {
    try {
      identity = await api.adminIdentityPool(p.id);
    } catch (e) {
      identity = { error: e };
    }
  }
  render();
}

/** @param {string} text */
function lines(text) {
  return text
    .split(/\s+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function checked(container) {
  return [...container.querySelectorAll("input:checked")].map((i) => i.value);
}

function render() {
  const c = client;
  $("#appclient-form").hidden = !c;
  if (!c) {
    $("#appclient-facts").replaceChildren();
  } else {
    fillFacts($("#appclient-facts"), [
      [t("appclient.clientId"), c.clientId],
      [t("appclient.name"), c.name],
      [t("appclient.secret"), c.hasSecret ? t("appclient.secretPresent") : t("appclient.secretNone")],
      [t("appclient.authFlows"), listText(c.authFlows)],
      [t("appclient.callbackList"), listText(c.callbackUrls)],
      [t("appclient.logoutList"), listText(c.logoutUrls)],
      [t("appclient.oauthFlows"), listText(c.oauthFlows)],
      [t("appclient.scopeList"), listText(c.oauthScopes)],
      [t("appclient.oauthEnabled"), yesNo(c.oauthEnabled)],
      [t("appclient.providers"), listText(c.identityProviders)],
      [t("appclient.accessValidity"), spanText(c.accessTokenValidity)],
      [t("appclient.idValidity"), spanText(c.idTokenValidity)],
      [t("appclient.refreshValidity"), spanText(c.refreshTokenValidity)],
      [t("appclient.revocation"), yesNo(c.tokenRevocation)],
      [t("appclient.rotation"), rotationText(c.refreshTokenRotation)],
      [t("appclient.sessionValidity"), spanText(c.authSessionValidity)],
      [t("appclient.existenceErrors"), c.preventUserExistenceErrors],
      [t("appclient.readAttributes"), listText(c.readAttributes)],
      [t("appclient.writeAttributes"), listText(c.writeAttributes)],
    ]);
    for (const input of $("#appclient-flows").querySelectorAll("input")) input.checked = c.authFlows.includes(input.value);
    for (const input of $("#appclient-oauth-flows").querySelectorAll("input")) input.checked = c.oauthFlows.includes(input.value);
    $("#appclient-callbacks").value = c.callbackUrls.join("\n");
    $("#appclient-logouts").value = c.logoutUrls.join("\n");
    $("#appclient-scopes").value = c.oauthScopes.join(" ");
    $("#appclient-oauth-enabled").checked = c.oauthEnabled;
    $("#appclient-revocation").checked = c.tokenRevocation;
    $("#appclient-rotation").checked = c.refreshTokenRotation.enabled;
    $("#appclient-grace").value = String(c.refreshTokenRotation.retryGracePeriodSeconds);
  }
  renderIdentity();
}

/** @param {ClientView["refreshTokenRotation"]} r */
function rotationText(r) {
  if (!r.enabled) return yesNo(false);
  return t("appclient.rotationOn", { time: spanText({ value: r.retryGracePeriodSeconds, unit: "seconds" }) });
}

function renderIdentity() {
  const p = profile(ctx);
  const none = !p?.identityPoolId;
  $("#identity-none").hidden = !none;
  const table = $("#identity-providers-table");
  if (none || !identity || "error" in identity) {
    $("#identity-facts").replaceChildren();
    table.hidden = true;
    if (identity && "error" in identity) {
      fillFacts($("#identity-facts"), [[t("appclient.identityError"), identity.error.message]]);
    }
    return;
  }
  const i = identity;
  fillFacts($("#identity-facts"), [
    [t("appclient.identityId"), i.id],
    [t("appclient.name"), i.name],
    [t("appclient.unauthenticated"), yesNo(i.allowUnauthenticated)],
    [t("appclient.classicFlow"), yesNo(i.classicFlow)],
    [t("appclient.authenticatedRole"), i.authenticatedRole],
    [t("appclient.unauthenticatedRole"), i.unauthenticatedRole],
    [t("appclient.roleMappings"), listText(i.roleMappings)],
  ]);
  table.hidden = false;
  $("#identity-providers").replaceChildren(
    ...i.providers.map((pr) => {
      const tr = document.createElement("tr");
      const ours = pr.clientId === p.clientId && pr.providerName.endsWith(`/${p.userPoolId}`);
      tr.classList.toggle("selected", ours);
      for (const [text, cls] of [
        [pr.providerName, "mono small"],
        [ours ? `${pr.clientId} (${t("appclient.thisProfile")})` : pr.clientId, "mono small"],
        [yesNo(pr.serverSideTokenCheck), ""],
      ]) {
        const td = document.createElement("td");
        td.textContent = text;
        td.className = cls;
        tr.append(td);
      }
      return tr;
    }),
  );
}

async function onSave(e) {
  e.preventDefault();
  const p = profile(ctx);
  if (!p || !client) return;
  /** @type {ClientChange} */
  const change = {
    authFlows: checked($("#appclient-flows")),
    callbackUrls: lines($("#appclient-callbacks").value),
    logoutUrls: lines($("#appclient-logouts").value),
    oauthFlows: checked($("#appclient-oauth-flows")),
    oauthScopes: lines($("#appclient-scopes").value),
    oauthEnabled: $("#appclient-oauth-enabled").checked,
    tokenRevocation: $("#appclient-revocation").checked,
    refreshTokenRotation: {
      enabled: $("#appclient-rotation").checked,
      retryGracePeriodSeconds: Number($("#appclient-grace").value),
    },
  };
  const grace = change.refreshTokenRotation.retryGracePeriodSeconds;
  const field = $("#appclient-grace");
  const badGrace = !Number.isInteger(grace) || grace < 0 || grace > 60 || field.value.trim() === "";
  field.setAttribute("aria-invalid", String(badGrace));
  if (badGrace) {
    // Said in the window, before anything is sent; what was typed stays.
    ctx.showError({ code: "GracePeriodOutOfRange", message: "", hint: "" });
    field.focus();
    return;
  }
  const res = await ctx.run($("#appclient-save"), () => api.adminUpdateClient(p.id, change));
  if (!res.ok) return;
  client = res.value;
  render();
  $("#appclient-saved").textContent = t("appclient.saved");
}

