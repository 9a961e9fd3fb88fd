// The user pool page: DescribeUserPool reduced to what a tester checks, and the
// pool's MFA mode and methods (Get/SetUserPoolMfaConfig).

import * as api from "../api.js";
import { t } from "../strings.js";
import { profile, sourceText, yesNo, listText, fillFacts, dateText } from "./workbench.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { poolHtml as markup } from "../markup/workbench.js";

/** @typedef {import("../bindings.js").PoolSummary_Serialize} PoolSummary */
/** @typedef {import("../bindings.js").MfaConfig} MfaConfig */
/** @typedef {import("../bindings.js").ProfileId} ProfileId */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {PoolSummary | null} */
let summary = null; // PoolSummary of the profile in `loadedFor`
/** @type {ProfileId | null} */
let loadedFor = null;
/** @type {boolean | null} */
let revocation = null; // the profile's app client: EnableTokenRevocation
/** @type {{config: MfaConfig, kept: MfaConfig} | null} */
let saved = null; // {config, kept} of the last save, for its note

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#pool-reload").addEventListener("click", load);
  $("#pool-mfa-form").addEventListener("submit", onSave);
  for (const el of document.querySelectorAll("#pool-mfa-form input")) {
    el.addEventListener("change", () => {
      saved = null;
      renderSaved();
    });
  }
  // Editing a relying party id the pool refused: the mark and the message go.
  $("#pool-passkey-rp").addEventListener("input", () => {
    if ($("#pool-passkey-rp").getAttribute("aria-invalid") !== "true") return;
    $("#pool-passkey-rp").setAttribute("aria-invalid", "false");
    ctx.clearError();
  });
}

export function show() {
  const p = profile(ctx);
  $("#pool-source").textContent = sourceText(p);
  if (!summary || loadedFor !== p?.id) load();
  else render();
}

export function onLang() {
  $("#pool-source").textContent = sourceText(profile(ctx));
  render();
  renderSaved();
}

export function onSession() {}

async function load() {
  const p = profile(ctx);
  if (!p) return;
  const res = await ctx.run($("#pool-reload"), () => api.adminPool(p.id));
  loadedFor = p.id;
  saved = null;
  renderSaved();
  summary = res.ok ? res.value : null;
  // Token revocation is the app client's setting: the profile's client says it.
  revocation = null;
  if (res.ok) {
    try {
      revocation = (await api.adminClient(p.id)).tokenRevocation;
    } catch {
      /* the app client page explains a failure; the summary shows "—" */
    }
  }
  render();
  if (res.ok) document.querySelector("input[name=pool-mfa-mode]:checked")?.focus();
}

function render() {
  const s = summary;
  $("#pool-empty").hidden = !!s;
  $("#pool-mfa-form").hidden = !s;
  if (!s) {
    $("#pool-summary").replaceChildren();
    return;
  }
  const pp = s.passwordPolicy;
  const policy = pp
    ? t("pool.policyText", {
        min: pp.minimumLength ?? "—",
        kinds: [
          pp.requireUppercase && t("pool.upper"),
          pp.requireLowercase && t("pool.lower"),
          pp.requireNumbers && t("pool.numbers"),
          pp.requireSymbols && t("pool.symbols"),
        ]
          .filter(Boolean)
          .join(", ") || t("workbench.none"),
      })
    : null;
  const signIn = s.usernameAttributes.length
    ? t("pool.signInWith", { attrs: s.usernameAttributes.join(", ") })
    : s.aliasAttributes.length
      ? t("pool.signInAlias", { attrs: s.aliasAttributes.join(", ") })
      : t("pool.signInUsername");
  fillFacts($("#pool-summary"), [
    [t("pool.id"), s.id],
    [t("pool.name"), s.name],
    [t("pool.signIn"), signIn],
    [t("pool.caseSensitive"), s.usernameCaseSensitive == null ? null : yesNo(s.usernameCaseSensitive)],
    [t("pool.autoVerified"), listText(s.autoVerifiedAttributes)],
    [t("pool.passwordPolicy"), policy],
    [t("pool.firstFactors"), listText(s.firstAuthFactors)],
    [t("pool.mfaNow"), mfaText(s.mfa)],
    [t("pool.revocation"), revocation == null ? null : yesNo(revocation)],
    [t("pool.deletionProtection"), s.deletionProtection],
    [t("pool.featurePlan"), s.featurePlan],
    [t("pool.estimatedUsers"), s.estimatedUsers],
    [t("pool.domain"), s.customDomain || s.domain],
    [t("pool.created"), dateText(s.created)],
  ]);
  for (const radio of document.querySelectorAll("input[name=pool-mfa-mode]")) {
    radio.checked = radio.value === s.mfa.mode;
  }
  $("#pool-mfa-app").checked = s.mfa.authenticatorApp;
  $("#pool-mfa-sms").checked = s.mfa.sms;
  $("#pool-mfa-email").checked = s.mfa.email;
  $("#pool-passkey-rp").value = s.mfa.passkeyRelyingPartyId ?? "";
  $("#pool-passkey-uv").checked = s.mfa.passkeyUserVerificationRequired;
  $("#pool-passkey-rp").setAttribute("aria-invalid", "false");
}

/** @param {MfaConfig} m */
function mfaText(m) {
  const methods = [m.authenticatorApp && t("pool.methodApp"), m.sms && t("pool.methodSms"), m.email && t("pool.methodEmail")]
    .filter(Boolean)
    .join(", ");
  return `${t(`pool.mode.${m.mode}`)} · ${methods || t("workbench.none")}`;
}

async function onSave(e) {
  e.preventDefault();
  const p = profile(ctx);
  if (!p || !summary) return;
  /** @type {MfaConfig} */
  const config = {
    mode: document.querySelector("input[name=pool-mfa-mode]:checked")?.value || "OFF",
    authenticatorApp: $("#pool-mfa-app").checked,
    sms: $("#pool-mfa-sms").checked,
    email: $("#pool-mfa-email").checked,
    passkeyRelyingPartyId: $("#pool-passkey-rp").value.trim() || null,
    passkeyUserVerificationRequired: $("#pool-passkey-uv").checked,
  };
  const res = await ctx.run($("#pool-mfa-save"), () => api.adminSetMfaConfig(p.id, config));
  // A relying party id that is not a domain: marked, and what was typed stays.
  const badRp = !res.ok && res.error.code === "PasskeyRelyingPartyInvalid";
  $("#pool-passkey-rp").setAttribute("aria-invalid", String(badRp));
  if (badRp) $("#pool-passkey-rp").focus();
  if (!res.ok) return;
  summary = { ...summary, mfa: res.value };
  render();
  saved = { config, kept: res.value };
  renderSaved();
}

/** What the pool kept is shown; a method it did not take is named (in the current language). */
function renderSaved() {
  if (!saved) {
    $("#pool-mfa-saved").textContent = "";
    return;
  }
  const { config, kept } = saved;
  const dropped = [
    config.authenticatorApp && !kept.authenticatorApp && t("pool.methodApp"),
    config.sms && !kept.sms && t("pool.methodSms"),
    config.email && !kept.email && t("pool.methodEmail"),
  ].filter(Boolean);
  $("#pool-mfa-saved").textContent = dropped.length
    ? t("pool.mfaNotKept", { mfa: mfaText(kept), methods: dropped.join(", ") })
    : t("pool.mfaSaved", { mfa: mfaText(kept) });
}
