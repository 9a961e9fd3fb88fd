// The session page's device panel: this computer as the user's device (device
// tracking: remembered or not, "Remember this computer" when the pool leaves it to the
// user, a confirmation Cognito refused, a device the pool had forgotten), and the
// user's devices (ListDevices) with Forget.

import * as api from "../api.js";
import { t, tNodes } from "../strings.js";
import { whenText } from "./time.js";

/** @typedef {import("../bindings.js").SessionView_Serialize} SessionView */
/** @typedef {import("../bindings.js").DeviceRow} DeviceRow */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {DeviceRow[] | null} */
let rows = null; // the last list, for the session it was read in
let rowsFor = "";

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#devices-load").addEventListener("click", load);
  $("#device-remember").addEventListener("click", () => remember(true));
  $("#device-not-now").addEventListener("click", () => remember(false));
  $("#devices-rows").addEventListener("click", (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest("[data-forget]");
    if (button) forget(/** @type {HTMLElement} */ (button).dataset.forget || "", /** @type {HTMLButtonElement} */ (button));
  });
}

/** @param {SessionView} s */
function sessionKey(s) {
  return `${s.sub}|${s.signedInAt}`;
}

/**
 * What the sign-in did with this computer, as nodes: device keys, error codes and
 * Cognito's own words are technical (code), the rest in the window's language.
 * @param {SessionView} s
 * @returns {Node}
 */
function stateNodes(s) {
  const device = s.device;
  if (!device) return document.createTextNode(t("devices.notTracked"));
  const name = device.name || device.key;
  switch (device.status.kind) {
    case "remembered": {
      const noCode = s.factors.includes("thisComputer") && !s.factors.some((f) => ["authenticatorApp", "smsCode", "emailCode"].includes(f));
      const text = `${t("devices.rememberedState", { name })}${noCode ? ` ${t("devices.noCodeAsked")}` : ""}`;
      return document.createTextNode(text);
    }
    case "askUser":
      return document.createTextNode(t("devices.askState", { name }));
    case "notRemembered":
      return document.createTextNode(t("devices.notRememberedState", { name }));
    case "known":
      return tNodes("devices.knownState", { key: device.key }, ["key"]);
    case "confirmFailed":
      return tNodes("devices.confirmFailed", { code: device.status.code, message: device.status.message }, ["code", "message"]);
  }
  return document.createTextNode("");
}

/** @param {SessionView} s */
export function render(s) {
  $("#device-state").replaceChildren(stateNodes(s));
  $("#device-stale").hidden = !s.staleDeviceForgotten;
  $("#device-ask").hidden = s.device?.status.kind !== "askUser";
  if (rowsFor !== sessionKey(s)) rows = null;
  renderRows();
}

function renderRows() {
  $("#devices-table").hidden = !rows?.length;
  $("#devices-empty").hidden = !rows || rows.length > 0;
  $("#devices-rows").replaceChildren(
    ...(rows ?? []).map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.device = row.key;
      const name = document.createElement("td");
      name.textContent = row.name || row.key;
      name.title = row.key;
      if (row.thisComputer) {
        const tag = document.createElement("span");
        tag.className = "tag";
        tag.dataset.testid = "this-computer";
        tag.textContent = t("devices.thisComputer");
        name.append(" ", tag);
      }
      const used = document.createElement("td");
      used.textContent = row.lastAuthenticatedAt != null ? whenText(row.lastAuthenticatedAt) : t("session.none");
      const remembered = document.createElement("td");
      remembered.textContent = row.remembered == null ? t("session.none") : t(row.remembered ? "devices.yes" : "devices.no");
      const action = document.createElement("td");
      const forget = document.createElement("button");
      forget.type = "button";
      forget.className = "button button-small";
      forget.dataset.forget = row.key;
      forget.textContent = t("devices.forget");
      forget.setAttribute("aria-label", t("devices.forgetNamed", { name: row.name || row.key }));
      action.append(forget);
      tr.append(name, used, remembered, action);
      return tr;
    }),
  );
}

async function load() {
  const s = ctx.state.session;
  if (!s) return;
  const res = await ctx.run($("#devices-load"), () => api.listDevices());
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  rows = res.value;
  rowsFor = sessionKey(s);
  renderRows();
}

/** @param {boolean} remembered */
async function remember(remembered) {
  const button = remembered ? $("#device-remember") : $("#device-not-now");
  const res = await ctx.run(button, () => api.rememberDevice(remembered));
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  ctx.updateSession(res.value);
  render(res.value);
}

/**
 * @param {string} key
 * @param {HTMLButtonElement} button
 */
async function forget(key, button) {
  const res = await ctx.run(button, () => api.forgetDevice(key));
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  rows = res.value;
  const s = ctx.state.session;
  if (s) {
    rowsFor = sessionKey(s);
    // Forgetting this computer changes the session (no device any more).
    const current = await api.currentSession();
    if (current) {
      ctx.updateSession(current);
      render(current);
      return;
    }
  }
  renderRows();
}
