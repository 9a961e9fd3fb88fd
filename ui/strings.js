// All user-visible text, one file per language under strings/. Keys are dotted paths;
// `t()` falls back to English so a missing Japanese entry never shows a raw key.

import { en as enBase } from "./strings/en.js";
import { ja as jaBase } from "./strings/ja.js";
import { workbenchEn } from "./strings/workbench-en.js";
import { workbenchJa } from "./strings/workbench-ja.js";
import { errorsEn } from "./strings/errors-en.js";
import { errorsJa } from "./strings/errors-ja.js";

// The workbench pages and the error texts keep their text in files of their own
// (top-level keys apart).
const en = { ...enBase, ...workbenchEn, ...errorsEn };
const ja = { ...jaBase, ...workbenchJa, ...errorsJa };

export const STRINGS = { en, ja };
export const LANGS = [
  { code: "en", label: "English" },
  { code: "ja", label: "日本語" },
];

let current = "en";

export function getLang() {
  return current;
}

export function setLang(lang) {
  current = lang in STRINGS ? lang : "en";
}

function lookup(table, key) {
  return key.split(".").reduce((node, part) => (node == null ? undefined : node[part]), table);
}

/** Translate `key` in the current language, filling `{name}` placeholders from `vars`. */
export function t(key, vars = {}) {
  let text = lookup(STRINGS[current], key);
  if (typeof text !== "string") text = lookup(en, key);
  if (typeof text !== "string") return key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/**
 * A masked preview from the core ("••••abcd (1023 chars)") with its length said in the
 * window's language.
 */
export function previewText(preview) {
  if (typeof preview !== "string") return preview;
  return preview.replace(/ \((\d+) chars\)$/, (m, n) => ` ${t("copy.chars", { n })}`);
}

/**
 * Text to show for a backend error. The backend speaks English, so in Japanese
 * we use our own translation for known codes; otherwise the backend's words win
 * (they are more specific than our generic English fallback).
 */
export function fieldErrorText(fieldError) {
  const key = `fieldErrors.${fieldError.code}`;
  const text = t(key, fieldError.params || {});
  return text === key ? fieldError.message : text;
}

// Codes whose backend hint names something we cannot know (the missing IAM
// permission): when the backend sends a hint it is shown as is, in every language.
const BACKEND_HINT = new Set(["AccessDenied"]);

/**
 * Errors shown exactly as the backend words them, in every language: the
 * identity pool's NotAuthorizedException names the Logins key it expected,
 * which no translation of the sign-in message ("Incorrect password") fits.
 */
function verbatim(err) {
  return err.code === "NotAuthorizedException" && /Logins/.test(err.message || "");
}

export function errorText(err) {
  if (verbatim(err)) return { message: err.message, hint: err.hint || "" };
  const known = Object.prototype.hasOwnProperty.call(en.errors, err.code) && err.code !== "Unknown";
  if (current !== "en" && known) {
    // An empty message in the table means the backend's words are the message
    // (they carry details we cannot translate), with our translated hint.
    const own = t(`errors.${err.code}.message`);
    return {
      message: own || err.message || t("errors.Unknown.message"),
      hint: BACKEND_HINT.has(err.code) && err.hint ? err.hint : t(`errors.${err.code}.hint`),
    };
  }
  const ownMessage = known ? lookup(en, `errors.${err.code}.message`) : "";
  return {
    message: err.message || ownMessage || en.errors.Unknown.message,
    hint: err.hint || (known && (!err.message || !ownMessage) ? lookup(en, `errors.${err.code}.hint`) : ""),
  };
}
