// All user-visible text, one file per language under strings/. Keys are dotted paths;
// `t()` falls back to English so a missing Japanese entry never shows a raw key.

import { en as enBase } from "./strings/en.js";
import { ja as jaBase } from "./strings/ja.js";
import { workbenchEn } from "./strings/workbench-en.js";
import { workbenchJa } from "./strings/workbench-ja.js";
import { errorsEn } from "./strings/errors-en.js";
import { errorsJa } from "./strings/errors-ja.js";

/** @typedef {import("./bindings.js").Masked} Masked */
/** @typedef {import("./bindings.js").TimeSpan} TimeSpan */
/** @typedef {import("./bindings.js").FieldError_Serialize} FieldError */
/** @typedef {import("./api.js").AppError} AppError */

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

/** @param {string} lang "en" or "ja"; anything else is English */
export function setLang(lang) {
  current = lang in STRINGS ? lang : "en";
}

/**
 * @param {object} table
 * @param {string} key
 * @returns {unknown}
 */
function lookup(table, key) {
  return key.split(".").reduce((node, part) => (node == null ? undefined : node[part]), table);
}

/**
 * Translate `key` in the current language, filling `{name}` placeholders from `vars`,
 * and `{@other.key}` with another string of the same language: a hint that names a
 * form label quotes the label's own string, so the two never drift apart.
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 * @returns {string}
 */
export function t(key, vars = {}) {
  let text = lookup(STRINGS[current], key);
  if (typeof text !== "string") text = lookup(en, key);
  if (typeof text !== "string") return key;
  const filled = text
    .replace(/\{@([\w.]+)\}/g, (m, other) => (other === key ? m : t(other)))
    .replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  return current === "ja" ? wordBreaks(filled) : filled;
}

// Japanese has no spaces between words. With `word-break: keep-all` (styles.css) a line
// breaks only where the text allows it, so a zero-width space marks where a phrase ends
// and the next begins: after its particle or ending (hiragana) or closing punctuation,
// before a word in kanji or katakana or an opening bracket, at a boundary of Intl's
// word segmentation. Lines then break between phrases, never inside a word (a katakana
// word such as クライアント is never cut, whatever the dictionary says).
const JA_WORDS = typeof Intl.Segmenter === "function" ? new Intl.Segmenter("ja", { granularity: "word" }) : null;
const ENDS_PHRASE = /[\u3041-\u309f、。）」』】〕〉》]$/;
const STARTS_WORD = /^[\u30a1-\u30fa\u3400-\u9fff（「『【〔〈《]/;

/** @param {string} text */
function wordBreaks(text) {
  if (!JA_WORDS || !/[\u3040-\u30ff\u3400-\u9fff]/.test(text)) return text;
  let out = "";
  let previous = "";
  for (const { segment } of JA_WORDS.segment(text)) {
    const between = ENDS_PHRASE.test(previous) && STARTS_WORD.test(segment);
    out += (between ? "\u200b" : "") + segment;
    previous = segment;
  }
  return out;
}

/**
 * `t(key, vars)` as DOM nodes, the values named in `technical` (identifiers, URLs,
 * claim names) as <code> elements: marked as technical, they stay as they are and wrap
 * by their own rules inside a sentence of the window's language.
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 * @param {string[]} [technical] the names in `vars` whose values are technical
 * @returns {DocumentFragment}
 */
export function tNodes(key, vars = {}, technical = []) {
  const MARK = "\u0000";
  const marked = Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, technical.includes(k) ? `${MARK}${k}${MARK}` : v]),
  );
  const fragment = document.createDocumentFragment();
  t(key, marked)
    .split(MARK)
    .forEach((part, i) => {
      if (i % 2 === 0) {
        if (part) fragment.append(part);
        return;
      }
      const code = document.createElement("code");
      code.textContent = String(vars[part] ?? "");
      fragment.append(code);
    });
  return fragment;
}

/**
 * A number in the window's language (grouping as its readers expect).
 * @param {number | string} n
 */
export function numberText(n) {
  return new Intl.NumberFormat(current === "ja" ? "ja-JP" : "en").format(Number(n));
}

/**
 * A duration in milliseconds in the window's language ("12 ms", "12 ミリ秒").
 * @param {number} ms
 */
export function msText(ms) {
  return new Intl.NumberFormat(current === "ja" ? "ja-JP" : "en", {
    style: "unit",
    unit: "millisecond",
    unitDisplay: "short",
  }).format(Number(ms) || 0);
}

/**
 * A masked secret from the core ({tail, length}) in the window's language:
 * "••••abcd (1,023 chars)"; a short secret shows only bullets.
 * @param {Masked | null | undefined} masked
 * @returns {string}
 */
export function maskedText(masked) {
  if (!masked) return "";
  if (!masked.tail) return "•".repeat(Math.min(Number(masked.length) || 0, 8));
  return `••••${masked.tail} ${t("copy.chars", { n: numberText(masked.length) })}`;
}

/**
 * A span of time from the core ({value, unit}: seconds … days) in the window's
 * language ("30 days", "30 日").
 * @param {TimeSpan | null | undefined} span
 * @returns {string | null}
 */
export function spanText(span) {
  if (!span) return null;
  const unit = { seconds: "second", minutes: "minute", hours: "hour", days: "day" }[span.unit];
  if (!unit) return `${span.value} ${span.unit}`;
  return new Intl.NumberFormat(current === "ja" ? "ja-JP" : "en", {
    style: "unit",
    unit,
    unitDisplay: "long",
  }).format(Number(span.value));
}

/**
 * A number of seconds as a person reads a lifetime, in the window's language
 * ("59 min 59 sec" / "59分59秒"): the two largest units that are not zero.
 * @param {number} total
 * @returns {string}
 */
export function secondsText(total) {
  const secs = Math.max(0, Math.round(Number(total) || 0));
  /** @type {[string, number][]} */
  const parts = [
    ["days", Math.floor(secs / 86400)],
    ["hours", Math.floor((secs % 86400) / 3600)],
    ["minutes", Math.floor((secs % 3600) / 60)],
    ["seconds", secs % 60],
  ];
  const first = parts.findIndex(([, n]) => n > 0);
  /** @type {[string, number][]} */
  const shown = first === -1 ? [["seconds", 0]] : parts.slice(first, first + 2).filter(([, n]) => n > 0);
  const locale = current === "ja" ? "ja-JP" : "en";
  // Intl.DurationFormat is newer than TypeScript 5.9's library types.
  const DurationFormat = /** @type {any} */ (Intl).DurationFormat;
  if (typeof DurationFormat === "function") {
    // Japanese reads "59分56秒" (narrow), English "59 min, 56 sec" (short).
    const style = current === "ja" ? "narrow" : "short";
    return new DurationFormat(locale, { style }).format(Object.fromEntries(shown));
  }
  const unit = { days: "day", hours: "hour", minutes: "minute", seconds: "second" };
  return shown
    .map(([u, n]) => new Intl.NumberFormat(locale, { style: "unit", unit: unit[u], unitDisplay: "short" }).format(n))
    .join(current === "ja" ? "" : " ");
}

/**
 * Text to show for a backend error. The backend speaks English, so in Japanese
 * we use our own translation for known codes; otherwise the backend's words win
 * (they are more specific than our generic English fallback).
 */
/** @param {FieldError} fieldError */
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
/** @param {AppError} err */
function verbatim(err) {
  return err.code === "NotAuthorizedException" && /Logins/.test(err.message || "");
}

/**
 * @param {AppError} err
 * @returns {{message: string, hint: string}}
 */
export function errorText(err) {
  if (verbatim(err)) return { message: err.message, hint: err.hint || "" };
  const known = Object.prototype.hasOwnProperty.call(en.errors, err.code) && err.code !== "Unknown";
  // The core sent the values its sentence names: the window words it, in every language.
  if (known && err.params) {
    return { message: t(`errors.${err.code}.message`, err.params), hint: t(`errors.${err.code}.hint`, err.params) };
  }
  if (current !== "en" && known) {
    // An empty message in the table means the backend's words are the message
    // (they carry details we cannot translate), with our translated hint.
    const own = t(`errors.${err.code}.message`);
    return {
      message: own || err.message || t("errors.Unknown.message"),
      hint: BACKEND_HINT.has(err.code) && err.hint ? err.hint : t(`errors.${err.code}.hint`),
    };
  }
  const englishText = (/** @type {string} */ key) => {
    const found = known ? lookup(en, key) : "";
    return typeof found === "string" ? found : "";
  };
  const ownMessage = englishText(`errors.${err.code}.message`);
  const ownHint = englishText(`errors.${err.code}.hint`);
  // A hint that names a form label is the window's own: it quotes the label's string.
  if (ownHint.includes("{@")) {
    return { message: err.message || ownMessage, hint: t(`errors.${err.code}.hint`) };
  }
  return {
    message: err.message || ownMessage || en.errors.Unknown.message,
    hint: err.hint || (known && (!err.message || !ownMessage) ? ownHint : ""),
  };
}
