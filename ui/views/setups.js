// Test setups from the workbench: the form that makes one (the walkthrough's pool, app
// client, identity pool, role, bucket, two users and a profile) with each step shown as
// the core reports it (`setup-progress` events), the setups made on this computer, and
// their tear-down, confirmed first. The password for the test users goes to the core
// once and leaves the form when the setup is made.

import * as api from "../api.js";
import { t, fieldErrorText } from "../strings.js";
import { fillFacts, dateText } from "./workbench.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { setupsHtml as markup } from "../markup/setups.js";

/** @typedef {import("../bindings.js").Manifest_Serialize} Manifest */
/** @typedef {import("../bindings.js").SetupProgress_Serialize} SetupProgress */
/** @typedef {import("../bindings.js").SetupOutcome_Serialize} SetupOutcome */
/** @typedef {import("../bindings.js").SetupRequest_Deserialize} SetupRequest */
/** @typedef {import("../bindings.js").TeardownReport} TeardownReport */
/** @typedef {import("../bindings.js").FieldError_Serialize} FieldError */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (/** @type {string} */ sel) => /** @type {any} */ (document.querySelector(sel));

// The form's fields by the name the core's field errors use.
const FIELDS = {
  name: "setup-name",
  region: "setup-region",
  endpoint: "setup-endpoint",
  adminCredentials: "setup-admin-credentials",
  adminProfile: "setup-admin-profile",
  signInFlow: "setup-sign-in-flow",
  emailMfaIdentity: "setup-email-mfa",
  managedLoginPrefix: "setup-managed-login",
  passkeyRelyingParty: "setup-passkeys",
};

/** @type {ViewContext} */
let ctx;
/** @type {Manifest[]} */
let setups = [];
/** What the progress list shows: the steps of the last creation or tear-down. */
/** @type {SetupProgress[]} */
let steps = [];
/** @type {{kind: "created", outcome: SetupOutcome} | {kind: "tornDown", name: string, report: TeardownReport} | null} */
let finished = null;
/** @type {FieldError[]} */
let fieldErrors = [];
/** The setup whose tear-down waits for a yes. @type {string | null} */
let confirming = null;
/** A creation or a tear-down runs: the form and the rows wait. */
let working = false;
/** The run under way has reported its first step. */
let started = false;
/** The last run stopped at its last step (the error box says why). */
let stopped = false;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#setup-form").addEventListener("submit", onCreate);
  $("#setup-admin-credentials").addEventListener("change", renderAdminProfile);
  $("#setups-template").addEventListener("click", onCopyTemplate);
  $("#setup-sign-in").addEventListener("click", onSignIn);
  for (const id of Object.values(FIELDS)) {
    document.getElementById(id)?.addEventListener("input", () => clearFieldError(id));
  }
  api.listen("setup-progress", onProgress);
  renderAdminProfile();
}

export function show() {
  $("#setup-session-note").hidden = !ctx.state.session;
  load();
}

// The test users' password does not wait on a page that is not shown.
export function hide() {
  if (!working) $("#setup-password").value = "";
}

export function onLang() {
  renderSteps();
  renderOutcome();
  renderList();
  renderFieldErrors();
}

export function onSession() {
  if (document.getElementById("view-setups")) $("#setup-session-note").hidden = !ctx.state.session;
}

async function load() {
  try {
    setups = await api.listSetups();
  } catch (e) {
    ctx.showError(e);
    setups = [];
  }
  renderList();
}

function renderAdminProfile() {
  $("#setup-admin-profile-field").hidden = $("#setup-admin-credentials").value !== "sharedProfile";
}

/** @returns {SetupRequest} */
function readRequest() {
  const text = (/** @type {string} */ id) => $(`#${id}`).value.trim();
  const optional = (/** @type {string} */ id) => text(id) || null;
  const admin = $("#setup-admin-credentials").value;
  return {
    name: text("setup-name"),
    region: text("setup-region"),
    endpoint: optional("setup-endpoint"),
    admin: {
      adminCredentials: admin,
      adminProfile: admin === "sharedProfile" ? optional("setup-admin-profile") : null,
    },
    options: {
      signInFlow: $("#setup-sign-in-flow").value,
      mfaRequired: $("#setup-mfa-required").checked,
      smsMfa: $("#setup-sms-mfa").checked,
      emailMfaIdentity: optional("setup-email-mfa"),
      deviceTracking: $("#setup-device-tracking").checked,
      clientSecret: $("#setup-client-secret").checked,
      refreshRotation: $("#setup-refresh-rotation").checked,
      managedLoginPrefix: optional("setup-managed-login"),
      passkeyRelyingParty: optional("setup-passkeys"),
    },
  };
}

/** @param {SubmitEvent} e */
async function onCreate(e) {
  e.preventDefault();
  if (working) return;
  const request = readRequest();
  fieldErrors = [];
  renderFieldErrors();
  confirming = null;
  setWorking(true);
  const res = await ctx.run($("#setup-create"), () => api.createSetup(request, $("#setup-password").value));
  setWorking(false);
  stopped = !res.ok && started;
  // Enrolling the MFA user signed it in and out: the window's session is the core's now.
  await followSession();
  await ctx.refreshProfiles();
  if (res.ok) {
    finished = { kind: "created", outcome: res.value };
    $("#setup-password").value = "";
    $("#setup-name").value = "";
  } else if (Array.isArray(res.error.fields)) {
    fieldErrors = res.error.fields;
    renderFieldErrors();
    const first = fieldErrors.find((f) => FIELDS[f.field]);
    const input = first && document.getElementById(FIELDS[first.field]);
    // An option's field is under the closed "Options": open them to show it.
    if (input) input.closest("details")?.setAttribute("open", "");
    input?.focus();
  }
  renderSteps();
  renderOutcome();
  load();
}

/** @param {SetupProgress} p */
function onProgress(p) {
  if (!p || typeof p.step !== "string") return;
  // The first step of a new run replaces the last run's list and outcome (a request
  // refused before any call leaves them on screen), and comes into view.
  if (!started) {
    started = true;
    steps = [];
    finished = null;
    renderOutcome();
    if (document.getElementById("view-setups")) $("#setup-progress-title").scrollIntoView({ block: "start" });
  }
  // A step may make several calls (a user: created, then its password set): one line,
  // "running" until the step says how it ended.
  const last = steps[steps.length - 1];
  const sameRunning = last && last.state === "running" && last.step === p.step;
  if (sameRunning) steps[steps.length - 1] = p;
  else steps.push(p);
  renderSteps();
}

function renderSteps() {
  if (!document.getElementById("view-setups")) return;
  $("#setup-progress-idle").hidden = steps.length > 0;
  const last = steps.length - 1;
  $("#setup-steps").replaceChildren(...steps.map((p, i) => stepItem(p, stopped && i === last && p.state === "running")));
}

/**
 * @param {SetupProgress} p
 * @param {boolean} failed the run stopped at this step
 */
function stepItem(p, failed) {
  const li = document.createElement("li");
  const state = failed ? "failed" : p.state;
  li.className = `setup-step step-${state}`;
  li.dataset.step = p.step;
  li.dataset.state = state;
  const mark = document.createElement("span");
  mark.className = "step-mark";
  mark.setAttribute("aria-hidden", "true");
  const what = document.createElement("span");
  what.className = "step-what";
  what.textContent =
    p.step === "delete" ? t(`setups.kind.${p.kind ?? "unknown"}`) : t(`setups.step.${p.step}`);
  const detail = document.createElement("span");
  detail.className = "step-detail muted";
  if (failed) detail.textContent = t(p.step === "delete" ? "setups.failedDelete" : "setups.failed");
  else if (p.state === "running") detail.textContent = t(p.step === "delete" ? "setups.deleting" : "setups.running");
  else if (p.state === "done") detail.textContent = p.resource ?? t(p.step === "delete" ? "setups.deleted" : "setups.done");
  else if (p.state === "alreadyGone") detail.textContent = t("setups.alreadyGone", { resource: p.resource });
  else if (p.state === "notOffered") detail.textContent = t("setups.notOffered", { operation: p.operation });
  detail.classList.toggle("mono", p.state === "done" && p.resource != null);
  li.append(mark, what, detail);
  return li;
}

function renderOutcome() {
  if (!document.getElementById("view-setups")) return;
  const box = $("#setup-outcome");
  box.hidden = !finished;
  if (!finished) return;
  const created = finished.kind === "created";
  $("#setup-sign-in").hidden = !created;
  if (finished.kind === "created") {
    const o = finished.outcome;
    $("#setup-outcome-title").textContent = t("setups.ready", { name: o.manifest.name, region: o.manifest.region });
    fillFacts($("#setup-outcome-facts"), [
      [t("setups.profile"), o.manifest.name],
      [t("setups.plainUser"), o.plainUser],
      [t("setups.mfaUser"), o.mfaUser],
      [t("setups.resources"), o.manifest.resources.length],
    ]);
  } else {
    const r = finished.report;
    $("#setup-outcome-title").textContent = t("setups.tornDown", {
      name: finished.name,
      deleted: r.deleted.length,
      gone: r.alreadyGone.length,
    });
    fillFacts($("#setup-outcome-facts"), []);
  }
}

function renderList() {
  if (!document.getElementById("view-setups")) return;
  $("#setups-table").hidden = setups.length === 0;
  $("#setups-empty").hidden = setups.length > 0;
  $("#setups-rows").replaceChildren(...setups.flatMap(rows));
}

/** @param {Manifest} m */
function rows(m) {
  const tr = document.createElement("tr");
  tr.dataset.setup = m.name;
  const cell = (/** @type {string | number} */ text, className = "") => {
    const td = document.createElement("td");
    td.textContent = String(text);
    if (className) td.className = className;
    return td;
  };
  const where = m.endpoint ? `${m.region} · ${m.endpoint}` : m.region;
  const stateText = t(m.complete ? "setups.complete" : "setups.incomplete");
  const actions = document.createElement("td");
  const down = document.createElement("button");
  down.type = "button";
  down.className = "button button-small button-danger";
  down.textContent = t("setups.tearDown");
  down.dataset.testid = "setup-tear-down";
  down.disabled = working;
  down.addEventListener("click", () => {
    confirming = m.name;
    renderList();
    document.querySelector(`tr[data-confirm="${CSS.escape(m.name)}"] button`)?.focus();
  });
  actions.append(down);
  tr.append(cell(m.name, "mono"), cell(where, "mono"), cell(dateText(m.createdAt) ?? "—"), cell(m.resources.length), cell(stateText), actions);
  if (confirming !== m.name) return [tr];
  return [tr, confirmRow(m)];
}

/** The tear-down's "are you sure", under its row. @param {Manifest} m */
function confirmRow(m) {
  const tr = document.createElement("tr");
  tr.dataset.confirm = m.name;
  const td = document.createElement("td");
  td.colSpan = 6;
  const box = document.createElement("div");
  box.className = "confirm";
  box.setAttribute("role", "alertdialog");
  const text = document.createElement("p");
  text.textContent = t("setups.confirmTearDown", { name: m.name, count: m.resources.length });
  const yes = document.createElement("button");
  yes.type = "button";
  yes.className = "button button-danger";
  yes.textContent = t("setups.tearDownYes");
  yes.dataset.testid = "setup-tear-down-yes";
  yes.addEventListener("click", () => tearDown(m.name, yes));
  const no = document.createElement("button");
  no.type = "button";
  no.className = "button";
  no.textContent = t("setups.keep");
  const cancel = () => {
    confirming = null;
    renderList();
  };
  no.addEventListener("click", cancel);
  box.addEventListener("keydown", (e) => {
    if (e.key === "Escape") cancel();
  });
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(yes, no);
  box.append(text, actions);
  td.append(box);
  tr.append(td);
  return tr;
}

/**
 * @param {string} name
 * @param {HTMLButtonElement} b
 */
async function tearDown(name, b) {
  confirming = null;
  setWorking(true);
  const res = await ctx.run(b, () => api.destroySetup(name));
  setWorking(false);
  stopped = !res.ok && started;
  renderSteps();
  if (res.ok) finished = { kind: "tornDown", name, report: res.value };
  // Removing the setup's profile ended a session of it.
  await followSession();
  await ctx.refreshProfiles();
  renderOutcome();
  load();
}

/** The window's session as the core holds it now. */
async function followSession() {
  const session = await api.currentSession().catch(() => null);
  if (session || ctx.state.session) ctx.setSession(session);
}

/** @param {boolean} on */
function setWorking(on) {
  working = on;
  if (on) {
    started = false;
    stopped = false;
  }
  $("#setup-create").disabled = on;
  document.querySelectorAll('[data-testid="setup-tear-down"]').forEach((b) => (b.disabled = on));
}

async function onCopyTemplate() {
  const res = await ctx.run($("#setups-template"), () => api.copySetupTemplate());
  if (res.ok) ctx.flash(t("setups.templateCopied"));
}

/** The new profile selected, the sign-in form with the MFA user filled in. */
async function onSignIn() {
  if (finished?.kind !== "created") return;
  const o = finished.outcome;
  await ctx.selectProfile(o.profileId);
  ctx.go("signin");
  $("#signin-username").value = o.mfaUser;
  $("#signin-password").focus();
}

function renderFieldErrors() {
  if (!document.getElementById("view-setups")) return;
  for (const [field, id] of Object.entries(FIELDS)) {
    const messages = fieldErrors.filter((f) => f.field === field).map(fieldErrorText);
    const input = document.getElementById(id);
    if (messages.length) input?.setAttribute("aria-invalid", "true");
    else input?.removeAttribute("aria-invalid");
    const slot = document.querySelector(`#view-setups [data-error-for="${field}"]`);
    if (slot) slot.textContent = messages.join(" ");
  }
}

/** @param {string} id */
function clearFieldError(id) {
  const field = Object.entries(FIELDS).find(([, i]) => i === id)?.[0];
  if (!field || !fieldErrors.some((f) => f.field === field)) return;
  fieldErrors = fieldErrors.filter((f) => f.field !== field);
  renderFieldErrors();
}
