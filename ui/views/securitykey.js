// A security key's ceremony as the window shows it: while the key waits, the core's
// prompts arrive as `security-key-prompt` events (touch the key, choose one, its PIN
// with the tries left) and show in the box of the view that started the ceremony. The
// PIN goes back with securityKeyPin; Stop ends the wait (cancelSecurityKey).

import * as api from "../api.js";
import { t } from "../strings.js";

/** @typedef {import("../bindings.js").SecurityKeyPrompt} SecurityKeyPrompt */

/** @type {HTMLElement | null} */
let box = null;
/** @type {SecurityKeyPrompt | null} */
let prompt = null;
let pinSent = false;

export function initSecurityKey() {
  api.listen("security-key-prompt", showPrompt);
}

/**
 * What the key asks for now, in the box of the ceremony under way.
 * @param {SecurityKeyPrompt} p
 */
export function showPrompt(p) {
  prompt = p;
  pinSent = false;
  render();
}

/**
 * Runs `ceremony` (a command that talks to the key) with its prompts in `container`.
 * @template T
 * @param {HTMLElement} container
 * @param {() => Promise<T>} ceremony
 * @returns {Promise<T>}
 */
export async function withSecurityKey(container, ceremony) {
  box = container;
  prompt = null;
  pinSent = false;
  render();
  try {
    return await ceremony();
  } finally {
    container.hidden = true;
    container.replaceChildren();
    box = null;
    prompt = null;
  }
}

/** The prompt in the current language (after a language switch too). */
export function onLang() {
  render();
}

/** @param {SecurityKeyPrompt | null} p */
function sentence(p) {
  if (pinSent) return t("securityKey.checkingPin");
  switch (p?.kind) {
    case "touch":
      return t("securityKey.touch");
    case "chooseKey":
      return t("securityKey.chooseKey");
    case "verifyAgain":
      return p.retriesLeft == null ? t("securityKey.verifyAgain") : t("securityKey.verifyAgainCount", { n: p.retriesLeft });
    case "pin":
      if (!p.afterWrongPin) return t("securityKey.pin");
      return p.retriesLeft == null ? t("securityKey.pinWrong") : t("securityKey.pinWrongCount", { n: p.retriesLeft });
    default:
      return t("securityKey.waiting");
  }
}

function render() {
  if (!box) return;
  box.hidden = false;
  const text = document.createElement("p");
  text.className = "key-prompt-text";
  text.setAttribute("role", "status");
  text.dataset.testid = "security-key-prompt";
  text.textContent = sentence(prompt);
  if (prompt?.kind === "pin" && prompt.afterWrongPin) text.classList.add("key-prompt-warn");
  /** @type {HTMLElement[]} */
  const parts = [text];
  const asksPin = prompt?.kind === "pin" && !pinSent;
  if (asksPin) parts.push(pinForm());
  const stop = document.createElement("button");
  stop.type = "button";
  stop.className = "button button-small";
  stop.dataset.testid = "security-key-stop";
  stop.textContent = t("securityKey.stop");
  stop.addEventListener("click", () => api.cancelSecurityKey());
  parts.push(stop);
  box.replaceChildren(...parts);
  if (asksPin) /** @type {HTMLInputElement} */ (box.querySelector("input")).focus();
}

function pinForm() {
  const form = document.createElement("form");
  form.className = "key-pin";
  const label = document.createElement("label");
  label.textContent = t("securityKey.pinLabel");
  const input = document.createElement("input");
  input.type = "password";
  input.autocomplete = "off";
  input.minLength = 4;
  input.maxLength = 63;
  input.dataset.testid = "security-key-pin";
  label.append(" ", input);
  const send = document.createElement("button");
  send.type = "submit";
  send.className = "button button-primary button-small";
  send.textContent = t("securityKey.sendPin");
  form.append(label, send);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.value.length < 4) {
      input.setCustomValidity(t("securityKey.pinShort"));
      input.reportValidity();
      return;
    }
    const pin = input.value;
    input.value = "";
    pinSent = true;
    render();
    api.securityKeyPin(pin);
  });
  input.addEventListener("input", () => input.setCustomValidity(""));
  return form;
}
