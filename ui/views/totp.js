// Shared bits of every "type the 6-digit code" field: keeping digits only,
// paste handling and the countdown ring of the current 30 s TOTP window.

import { t } from "../strings.js";

export const PERIOD = 30;

/**
 * @param {string} text
 * @param {number} [max]
 */
export function onlyDigits(text, max = 6) {
  return String(text).replace(/\D/g, "").slice(0, max);
}

export function secondsLeft() {
  return PERIOD - (Math.floor(Date.now() / 1000) % PERIOD);
}

/**
 * Make `input` accept codes the way people paste them ("123 456", "123-456"):
 * only digits survive. `onFullPaste` (optional) runs when a paste completes
 * the 6 digits, e.g. to submit straight away.
 * @param {(() => void) | null} [onFullPaste]
 * @param {number} [max]
 */
export function attachCodeInput(input, onFullPaste, max = 6) {
  input.addEventListener("input", () => {
    const digits = onlyDigits(input.value, max);
    if (digits !== input.value) input.value = digits;
  });
  input.addEventListener("paste", (e) => {
    const text = e.clipboardData?.getData("text") ?? "";
    e.preventDefault();
    // Replace the selection with the pasted digits, as a normal paste would.
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const merged = onlyDigits(input.value.slice(0, start) + text + input.value.slice(end), max);
    input.value = merged;
    if (merged.length === max && onFullPaste) onFullPaste();
  });
}

/**
 * Draw the countdown: `els` = {ring, text, label, timer} (ring: the SVG circle
 * with pathLength 100; timer: the wrapper that turns amber near the end).
 */
export function renderCountdown(els) {
  const left = secondsLeft();
  els.text.textContent = String(left);
  if (els.label) els.label.textContent = t("challenge.secondsLeft", { n: left });
  // pathLength is 100, so the dash length is the remaining percentage.
  els.ring.setAttribute("stroke-dasharray", `${(left / PERIOD) * 100} 100`);
  els.timer?.classList.toggle("low", left <= 5);
}
