// Empty required fields are caught in the window, before anything is sent: each turns
// red, says what it needs under itself, and the first takes the focus. One listener for
// every form (capture phase, so it runs before the form's own submit handler); a form
// that validates through the backend as the person types opts out with
// data-own-validation.

import { t } from "./strings.js";

function labelOf(input) {
  const label = input.id && document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  // The label's first text (not the "(optional …)" notes beside it).
  return (label?.querySelector("span") ?? label)?.textContent.trim() || input.name;
}

function slotFor(input) {
  const id = `${input.id}-required`;
  let slot = document.getElementById(id);
  if (!slot) {
    slot = document.createElement("p");
    slot.id = id;
    slot.className = "field-error";
    slot.dataset.requiredFor = input.id;
    (input.closest(".field") ?? input.parentElement).append(slot);
    const described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
  }
  return slot;
}

function clear(input) {
  input.removeAttribute("aria-invalid");
  const slot = document.getElementById(`${input.id}-required`);
  if (slot) slot.textContent = "";
}

function mark(input) {
  input.setAttribute("aria-invalid", "true");
  slotFor(input).textContent = t("form.required", { label: labelOf(input) });
}

/** Typing into a marked field, or into the field that stands in for it, clears it. */
function onInput(event) {
  const el = event.target;
  if (!(el instanceof HTMLElement) || !el.id) return;
  if (document.getElementById(`${el.id}-required`)) clear(el);
  document.querySelectorAll(`[data-required-unless="${CSS.escape(el.id)}"]`).forEach(clear);
}

/**
 * The form's empty required fields that a person can see and fill. A field with
 * data-required-unless="<id>" is filled enough when that other field is (a new user's
 * email is its username when no username is typed).
 */
function emptyFields(form) {
  const filled = (el) => !!el?.value.trim();
  return [...form.querySelectorAll("input[required], select[required], textarea[required]")].filter(
    (el) =>
      !el.disabled &&
      !el.closest("[hidden]") &&
      !filled(el) &&
      !filled(el.dataset.requiredUnless && document.getElementById(el.dataset.requiredUnless)),
  );
}

function onSubmit(event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-own-validation")) return;
  // Marks from an earlier try go: a field may have become optional or been filled by code.
  form.querySelectorAll("[data-required-for]").forEach((slot) => {
    const input = document.getElementById(slot.dataset.requiredFor);
    if (input) clear(input);
  });
  const empty = emptyFields(form);
  if (!empty.length) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  empty.forEach(mark);
  empty[0].focus();
}

export function init() {
  document.addEventListener("submit", onSubmit, true);
  document.addEventListener("input", onInput, true);
}

/** Marked fields say it again in the new language. */
export function onLang() {
  document.querySelectorAll("[data-required-for]").forEach((slot) => {
    const input = document.getElementById(slot.dataset.requiredFor);
    if (slot.textContent && input) slot.textContent = t("form.required", { label: labelOf(input) });
  });
}
