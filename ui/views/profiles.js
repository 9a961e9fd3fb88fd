// Profiles view: list on the left, edit form on the right. Validation is done
// by the backend (single source of truth) while the user types.

import * as api from "../api.js";
import * as amplify from "./amplify.js";
import * as profileFile from "./profilefile.js";
import { t, errorText, fieldErrorText } from "../strings.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { profilesHtml as markup } from "../markup/profiles.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../bindings.js").ProfileId} ProfileId */
/** @typedef {import("../bindings.js").ProfileView_Serialize} ProfileView */
/** @typedef {import("../bindings.js").ProfileInput_Deserialize} ProfileInput */
/** @typedef {import("../bindings.js").ProfileSettings_Serialize} ProfileSettings */
/** @typedef {import("../bindings.js").FieldError_Serialize} FieldError */
/** @typedef {import("../bindings.js").RemovedProfile} RemovedProfile */

const $ = (sel) => document.querySelector(sel);

// Input id suffix → ProfileInput key.
/** @type {{[K in Exclude<keyof ProfileInput, "id">]-?: string}} */
const FIELDS = {
  name: "profile-name",
  region: "profile-region",
  userPoolId: "profile-user-pool-id",
  clientId: "profile-client-id",
  signInFlow: "profile-sign-in-flow",
  preferredChallenge: "profile-preferred-challenge",
  hasClientSecret: "profile-has-client-secret",
  clientSecret: "profile-client-secret",
  identityPoolId: "profile-identity-pool-id",
  domain: "profile-domain",
  redirectUri: "profile-redirect-uri",
  scopes: "profile-scopes",
  endpoint: "profile-endpoint",
  totpIssuer: "profile-totp-issuer",
  deviceName: "profile-device-name",
  adminCredentials: "profile-admin-credentials",
  adminProfile: "profile-admin-profile",
};

// What a new profile starts with, where not empty.
/** @type {Partial<ProfileInput>} */
const DEFAULTS = { signInFlow: "srp", adminCredentials: "none" };

// Checkboxes carry a boolean, every other field its text.
function readField(input) {
  return input.type === "checkbox" ? input.checked : input.value.trim();
}

function writeField(input, value) {
  if (input.type === "checkbox") input.checked = !!value;
  else input.value = value ?? "";
}

/** @type {ViewContext} */
let ctx;
/** @type {ProfileId | null} */
let editingId = null; // null = new profile
/** @type {FieldError[]} */
let fieldErrors = []; // latest FieldError[] from the backend
/** @type {Set<string>} */
let touched = new Set(); // fields whose errors are shown (untouched empty fields stay quiet)
let validateTimer = 0;
let validateSeq = 0;
let savedTimer = 0;
let opened = false; // has the form been filled once?
let secretStored = false; // the keychain holds the edited profile's client secret

/** Fields that only matter for a choice of another field. */
function renderDependentFields() {
  $("#profile-preferred-challenge-field").hidden = $("#profile-sign-in-flow").value !== "userAuth";
  $("#profile-admin-profile-field").hidden = $("#profile-admin-credentials").value !== "sharedProfile";
  const hasSecret = $("#profile-has-client-secret").checked;
  $("#profile-client-secret-field").hidden = !hasSecret;
  const secret = $("#profile-client-secret");
  secret.placeholder = secretStored ? t("profiles.clientSecretStored") : "";
  $("#profile-client-secret-help").textContent = t(
    secretStored ? "profiles.clientSecretStoredHelp" : "profiles.clientSecretHelp",
  );
}

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#new-profile").addEventListener("click", () => {
    ctx.clearError();
    openForm(null);
    $("#profile-name").focus();
  });
  $("#profile-form").addEventListener("submit", onSave);
  amplify.init(ctx, fillFromImport);
  profileFile.init(ctx, fillFromProfileFile);
  $("#profile-export").addEventListener("click", () => editingId && profileFile.open(editingId));
  $("#profile-delete").addEventListener("click", askDelete);
  $("#delete-confirm-no").addEventListener("click", closeConfirm);
  $("#delete-confirm-yes").addEventListener("click", onDelete);
  $("#profiles-reset").addEventListener("click", onReset);
  $("#profile-list").addEventListener("click", onListClick);
  $("#profile-list").addEventListener("keydown", onListKey);
  $("#delete-confirm").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      closeConfirm();
    }
  });

  for (const [field, id] of Object.entries(FIELDS)) {
    const input = document.getElementById(id);
    input.addEventListener(input.type === "checkbox" ? "change" : "input", () => {
      touched.add(field);
      hideSaved();
      renderDependentFields();
      scheduleValidate();
      // "Has a secret" ticked: the secret is what to type next, and its field says so.
      if (input.id === "profile-has-client-secret" && input.checked) {
        touched.add("clientSecret");
        $("#profile-client-secret").focus();
      }
    });
    input.addEventListener("blur", () => {
      touched.add(field);
      renderFieldErrors();
    });
  }
}

export function show() {
  // First visit: open the selected profile (or an empty form). Later visits
  // keep whatever is being edited, unless that profile no longer exists.
  const gone = editingId !== null && !ctx.state.profiles.some((p) => p.id === editingId);
  if (!opened || gone) openForm(ctx.selectedProfile());
  renderList();
  renderLoadError();
}

/**
 * From the sign-in page ("Edit profile" next to the managed-login hint): open
 * the selected profile and put the cursor on the managed-login field to fill.
 * Call once the page is shown (after `ctx.open("profiles")` resolves).
 */
export function editManagedLogin() {
  const p = ctx.selectedProfile();
  if (p && editingId !== p.id) openForm(p);
  const target = $("#profile-domain").value.trim() ? $("#profile-redirect-uri") : $("#profile-domain");
  target.focus();
}

export function onLang() {
  amplify.onLang();
  profileFile.onLang();
  renderList();
  renderLoadError();
  renderTitle();
  renderDependentFields();
  renderFieldErrors();
  if (!$("#profile-saved").hidden) $("#profile-saved").textContent = t("profiles.saved");
  if (!$("#delete-confirm").hidden) renderConfirmText();
}

// ---------- list ----------

function renderList() {
  const list = $("#profile-list");
  list.replaceChildren();
  for (const p of ctx.state.profiles) {
    const li = document.createElement("li");
    li.dataset.testid = "profile-item";
    li.dataset.id = p.id;
    li.tabIndex = 0;
    li.className = "profile-item";
    li.classList.toggle("selected", p.id === ctx.state.selectedId);
    li.classList.toggle("editing", p.id === editingId);
    li.setAttribute("aria-current", p.id === ctx.state.selectedId ? "true" : "false");

    const top = document.createElement("div");
    top.className = "profile-item-top";
    const name = document.createElement("span");
    name.className = "profile-item-name";
    name.textContent = p.name;
    top.append(name);
    if (p.id === ctx.state.selectedId) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = t("profiles.selected");
      top.append(badge);
    }
    const meta = document.createElement("div");
    meta.className = "profile-item-meta mono";
    meta.textContent = `${p.region} · ${p.userPoolId}`;
    li.append(top, meta);
    list.append(li);
  }
  $("#profile-list-empty").hidden = ctx.state.profiles.length > 0;
}

function onListClick(e) {
  const li = e.target.closest("[data-testid=profile-item]");
  if (li) pick(li.dataset.id);
}

function onListKey(e) {
  const li = e.target.closest("[data-testid=profile-item]");
  if (!li) return;
  if (e.key === "Enter" || e.key === " ") {
    e.preventDefault();
    pick(li.dataset.id);
  } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    const next = e.key === "ArrowDown" ? li.nextElementSibling : li.previousElementSibling;
    next?.focus();
  }
}

/** @param {ProfileId} id */
async function pick(id) {
  const res = await ctx.run([], () => ctx.selectProfile(id));
  if (!res.ok) return;
  openForm(ctx.state.profiles.find((p) => p.id === id) || null);
  renderList();
  $(`#profile-list [data-id="${CSS.escape(id)}"]`)?.focus();
}

function renderLoadError() {
  const err = ctx.state.loadError;
  $("#profiles-load-error").hidden = !err;
  if (!err) return;
  const { message, hint } = errorText(err);
  $("#profiles-load-error-message").textContent = `${message} (${err.code})`;
  $("#profiles-load-error-hint").textContent = hint;
}

async function onReset() {
  const res = await ctx.run($("#profiles-reset"), async () => {
    const out = await api.resetProfilesFile();
    await ctx.refreshProfiles();
    return out;
  });
  if (!res.ok) return;
  ctx.flash(t("profiles.resetDone", { path: res.value?.movedTo ?? "" }));
  openForm(ctx.selectedProfile());
  renderList();
  renderLoadError();
}

// ---------- form ----------

function renderTitle() {
  $("#profile-form-title").textContent = t(editingId ? "profiles.editTitle" : "profiles.newTitle");
}

/** @param {ProfileView | null} profile */
function openForm(profile) {
  opened = true;
  amplify.close();
  profileFile.close();
  editingId = profile ? profile.id : null;
  for (const [field, id] of Object.entries(FIELDS)) {
    writeField(document.getElementById(id), profile?.[field] ?? DEFAULTS[field]);
  }
  // The secret never comes back from the backend: the field only says it is stored.
  secretStored = !!profile?.clientSecretStored;
  renderDependentFields();
  touched = new Set();
  fieldErrors = [];
  closeConfirm();
  hideSaved();
  $("#profile-delete").hidden = !editingId;
  $("#profile-export").hidden = !editingId;
  renderTitle();
  renderList();
  renderFieldErrors();
  validateNow();
}

/**
 * An import's fields into a new profile's form: another pool's settings must not mix
 * with the profile being edited (its secret, its managed-login fields), so an import
 * always starts a new profile, with the defaults where the file names nothing.
 * @param {ProfileSettings} settings
 */
function fillFromImport(settings) {
  openForm(null);
  for (const [field, id] of Object.entries(FIELDS)) {
    const value = settings[field];
    if (value === undefined || value === null || value === "" || typeof value === "boolean") continue;
    if (field === "signInFlow" || field === "adminCredentials") continue;
    writeField(document.getElementById(id), value);
    touched.add(field);
  }
  hideSaved();
  renderDependentFields();
  validateNow();
  $("#profile-name").focus();
}

/**
 * A profile file's settings (Import profile…) into a new profile's form, every field
 * as the file has it; the form's checks then show what needs fixing, and the client
 * secret (never in a file) is asked for when the client has one.
 * @param {ProfileSettings} settings
 */
function fillFromProfileFile(settings) {
  openForm(null);
  for (const [field, id] of Object.entries(FIELDS)) {
    if (field === "clientSecret") continue;
    const value = settings[field] ?? DEFAULTS[field];
    writeField(document.getElementById(id), value);
    if (value !== undefined && value !== null && value !== "") touched.add(field);
  }
  hideSaved();
  renderDependentFields();
  validateNow();
  if (settings.hasClientSecret) {
    touched.add("clientSecret");
    $("#profile-client-secret").focus();
  } else {
    $("#profile-name").focus();
  }
}

/** @returns {ProfileInput} */
function readInput() {
  /** @type {ProfileInput} */
  const input = { id: editingId };
  for (const [field, id] of Object.entries(FIELDS)) {
    input[field] = readField(document.getElementById(id));
  }
  return input;
}

function scheduleValidate() {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(validateNow, 150);
}

async function validateNow() {
  clearTimeout(validateTimer);
  const seq = ++validateSeq;
  try {
    const errors = await api.validateProfile(readInput());
    // Ignore answers that arrive after a newer keystroke was validated.
    if (seq !== validateSeq) return;
    fieldErrors = Array.isArray(errors) ? errors : [];
  } catch {
    // Validation is advisory; a failure here must not block saving.
    if (seq !== validateSeq) return;
    fieldErrors = [];
  }
  renderFieldErrors();
}

function renderFieldErrors() {
  for (const [field, id] of Object.entries(FIELDS)) {
    const messages = fieldErrors.filter((e) => e.field === field).map(fieldErrorText);
    const visible = touched.has(field) && messages.length > 0;
    const input = document.getElementById(id);
    if (visible) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    // A checkbox has no message slot of its own.
    const slot = document.querySelector(`[data-error-for="${field}"]`);
    if (slot) slot.textContent = visible ? messages.join(" ") : "";
  }
  const hasErrors = fieldErrors.length > 0;
  $("#profile-save").disabled = hasErrors;
  // Explain a disabled Save when the reasons are not on screen yet.
  const hidden = fieldErrors.some((e) => !touched.has(e.field));
  $("#profile-needs").hidden = !(hasErrors && hidden);
  $("#profile-needs").textContent = t("profiles.needsFields");
}

function hideSaved() {
  clearTimeout(savedTimer);
  $("#profile-saved").hidden = true;
}

async function onSave(e) {
  e.preventDefault();
  if ($("#profile-save").disabled) return;
  const input = readInput();
  const res = await ctx.run($("#profile-save"), async () => {
    const saved = await api.saveProfile(input);
    await ctx.selectProfile(saved.id);
    await ctx.refreshProfiles();
    return saved;
  });
  if (!res.ok) {
    if (res.error.code === "KeychainUnavailable") {
      // The profile was saved, only its secret was not: edit the saved profile now,
      // so saving again (with the keychain back) does not make a second one.
      await ctx.refreshProfiles();
      const saved = ctx.state.profiles.find((p) => p.name === input.name);
      if (saved && !editingId) {
        editingId = saved.id;
        renderTitle();
        renderList();
        $("#profile-delete").hidden = false;
      }
      return;
    }
    if (Array.isArray(res.error.fields)) {
      // Show every reported problem, even on fields the user has not touched.
      fieldErrors = res.error.fields;
      res.error.fields.forEach((f) => touched.add(f.field));
      renderFieldErrors();
      const first = res.error.fields[0];
      if (first && FIELDS[first.field]) document.getElementById(FIELDS[first.field]).focus();
    }
    return;
  }
  const saved = ctx.state.profiles.find((p) => p.id === res.value.id) || res.value;
  openForm(saved);
  renderList();
  const note = $("#profile-saved");
  note.textContent = t("profiles.saved");
  note.hidden = false;
  savedTimer = setTimeout(() => (note.hidden = true), 4000);
}

// ---------- delete ----------

function renderConfirmText() {
  const p = ctx.state.profiles.find((x) => x.id === editingId);
  $("#delete-confirm-text").textContent = t("profiles.confirmDelete", { name: p?.name ?? "" });
}

function askDelete() {
  if (!editingId) return;
  renderConfirmText();
  $("#delete-confirm").hidden = false;
  // Focus the safe choice first.
  $("#delete-confirm-no").focus();
}

function closeConfirm() {
  const wasOpen = !$("#delete-confirm").hidden;
  $("#delete-confirm").hidden = true;
  if (wasOpen && editingId) $("#profile-delete").focus();
}

async function onDelete() {
  const id = editingId;
  const res = await ctx.run([$("#delete-confirm-yes"), $("#delete-confirm-no")], async () => {
    const removed = await api.deleteProfile(id);
    await ctx.refreshProfiles();
    return removed;
  });
  if (!res.ok) return;
  // The core ended the session of the removed profile with it.
  if (ctx.state.session?.profileId === id) ctx.setSession(null);
  $("#delete-confirm").hidden = true;
  ctx.flash(deletedText(res.value));
  openForm(ctx.selectedProfile());
  renderList();
}

/**
 * "Profile deleted; removed from the OS keychain: …", in the window's language.
 * @param {RemovedProfile} removed
 */
function deletedText(removed) {
  const entries = (removed?.keychain || []).map((e) =>
    t(`profiles.keychain.${e.kind}`, { user: e.kind === "clientSecret" ? "" : (e.username ?? "") }),
  );
  if (!entries.length) return t("profiles.deleted");
  return t("profiles.deletedWith", { entries: entries.join(t("profiles.keychain.separator")) });
}
