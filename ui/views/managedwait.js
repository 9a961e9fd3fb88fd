// Managed login from the sign-in view: the "Sign in with managed login" button
// (shown when the chosen profile has a domain and a redirect URI) and the panel
// that stands in for the form while the system browser is on the pool's hosted
// sign-in page. begin_managed_login opens the browser; finish_managed_login
// resolves when the browser comes back to the loopback redirect URI, with the
// same SignInOutcome as a password sign-in. Cancel or Escape stops the wait.

import * as api from "../api.js";
import { t } from "../strings.js";
import { attachCopyText, onLangCopyText } from "./copytext.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../api.js").AppError} AppError */
/** @typedef {import("../bindings.js").ProfileView_Serialize} ProfileView */
/** @typedef {import("../bindings.js").ManagedLoginStart} ManagedLoginStart */
/** @typedef {import("../bindings.js").SignInOutcome_Serialize} SignInOutcome */
/** @typedef {import("../bindings.js").CallRecord_Serialize} CallRecord */
/**
 * A wait for the browser: what begin_managed_login said, when it times out, its number.
 * @typedef {{start: Partial<ManagedLoginStart>, deadline: number, attempt: number, cancelled: boolean,
 *   ignored?: number}} Waiting
 */

const $ = (sel) => document.querySelector(sel);
const LOW_SECONDS = 30;

/** @type {ViewContext} */
let ctx;
/** @type {(c: ViewContext, outcome: SignInOutcome) => void} */
let handleOutcome;
/** @type {Waiting | null} */
let waiting = null; // {start, deadline, attempt, cancelled} while the browser is out
let attempts = 0; // numbers the waits; a late answer to an older one is dropped
let clock = 0;

/**
 * `outcome` routes a SignInOutcome (signin.js handleOutcome), passed in to avoid an import cycle.
 * @param {ViewContext} c
 * @param {(c: ViewContext, outcome: SignInOutcome) => void} outcome
 */
export function initManaged(c, outcome) {
  ctx = c;
  handleOutcome = outcome;
  $("#managed-login-start").addEventListener("click", start);
  $("#managed-cancel").addEventListener("click", cancel);
  $("#managed-login-edit-profile").addEventListener("click", async () => {
    ctx.clearError();
    // The profiles page is built when first shown (app.js): edit once it is.
    if (!(await ctx.open("profiles"))) return;
    const { editManagedLogin } = await import("./profiles.js");
    editManagedLogin();
  });
  attachCopyText(ctx, $("#managed-copy-url"), $("#managed-authorize-url"));
  // The backend ignores a redirect with another state (a stale tab, a page probing the
  // port) and goes on waiting; the panel says so, with how many.
  Promise.resolve(
    api.listen("call-recorded", (/** @type {CallRecord} */ record) => {
      if (!waiting || record?.operation !== "LoopbackRedirect") return;
      waiting.ignored = (waiting.ignored ?? 0) + 1;
      renderIgnored();
    }),
  ).catch(() => {});
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && waiting && ctx.state.current === "signin" && !e.defaultPrevented) {
      e.preventDefault();
      cancel();
    }
  });
}

export function isWaiting() {
  return !!waiting;
}

/** The profile the sign-in form would use. */
function chosenProfile() {
  const id = $("#signin-profile").value || ctx.state.selectedId;
  return ctx.state.profiles.find((p) => p.id === id) || null;
}

/** @param {ProfileView | null} profile */
function configured(profile) {
  return !!profile?.domain && !!profile?.redirectUri;
}

/** Draw the managed-login part of the sign-in view (button or hint, waiting panel). */
export function renderManaged() {
  const ready = configured(chosenProfile());
  $("#managed-login-available").hidden = !ready;
  $("#managed-login-unavailable").hidden = ready;
  const hasProfiles = ctx.state.profiles.length > 0;
  $("#managed-waiting").hidden = !waiting;
  // The form (and its profile choice) waits with the browser.
  $("#signin-form").hidden = !hasProfiles || !!waiting;
  if (waiting) renderWaiting();
}

export function onLangManaged() {
  onLangCopyText($("#managed-waiting"));
  if (waiting) {
    renderIgnored();
    renderTimeLeft();
  }
}

function renderWaiting() {
  const s = waiting.start;
  $("#managed-authorize-url").textContent = s.authorizeUrl ?? "";
  $("#managed-redirect-uri").textContent = s.redirectUri ?? "";
  $("#managed-no-browser").hidden = s.browserOpened !== false;
  $("#managed-missing-scope").hidden = !s.missingAdminScope;
  $("#managed-emulator-note").hidden = !s.emulated;
  renderIgnored();
  renderTimeLeft();
}

function renderIgnored() {
  const note = $("#managed-ignored-redirect");
  const n = waiting?.ignored ?? 0;
  note.hidden = n === 0;
  note.textContent = n === 0 ? "" : t("managed.ignoredRedirect", { n });
}

function renderTimeLeft() {
  if (!waiting) return;
  const left = Math.max(0, Math.ceil((waiting.deadline - Date.now()) / 1000));
  const el = $("#managed-time-left");
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  if (el.textContent !== text) el.textContent = text;
  el.classList.toggle("low", left <= LOW_SECONDS);
}

function startClock() {
  clearInterval(clock);
  clock = setInterval(() => {
    if (!waiting) clearInterval(clock);
    else renderTimeLeft();
  }, 1000);
}

function stopWaiting() {
  waiting = null;
  clearInterval(clock);
  const note = $("#managed-waiting .copied-note");
  if (note) note.hidden = true;
  renderManaged();
}

/** Back on the form after a wait: the cursor goes to the managed-login button. */
function focusStart() {
  if (ctx.state.current !== "signin") return;
  const button = $("#managed-login-start");
  if (!$("#signin-form").hidden && !$("#managed-login-available").hidden) button.focus();
}

async function start() {
  const button = $("#managed-login-start");
  if (button.disabled || waiting) return;
  const profileId = $("#signin-profile").value || ctx.state.selectedId;
  const res = await ctx.run([button, $("#signin-submit"), $("#signin-profile")], () =>
    api.beginManagedLogin(profileId),
  );
  if (!res.ok) return;
  /** @type {Partial<ManagedLoginStart>} */
  const begun = res.value || {};
  const attempt = ++attempts;
  const secs = Number(begun.timeoutSecs);
  waiting = {
    start: begun,
    deadline: Date.now() + (Number.isFinite(secs) && secs > 0 ? secs : 0) * 1000,
    attempt,
    cancelled: false,
  };
  renderManaged();
  startClock();
  if (ctx.state.current === "signin") $("#managed-cancel").focus();
  await finish(attempt);
}

/** @param {number} attempt */
async function finish(attempt) {
  /** @type {SignInOutcome | null} */
  let outcome = null;
  /** @type {AppError | null} */
  let error = null;
  try {
    outcome = await api.finishManagedLogin();
  } catch (e) {
    error = api.normaliseError(e);
  }
  const current = waiting?.attempt === attempt;
  if (outcome) {
    // The backend holds this session whatever the window did meanwhile.
    if (current) stopWaiting();
    handleOutcome(ctx, outcome);
    return;
  }
  // A wait the user cancelled (or a newer one replaced) has already left the screen.
  if (!current || waiting.cancelled) return;
  stopWaiting();
  if (error.code === "ManagedLoginCancelled") ctx.flash(t("managed.cancelled"));
  else ctx.showError(error);
  focusStart();
}

async function cancel() {
  if (!waiting || waiting.cancelled || $("#managed-cancel").disabled) return;
  // From here on the wait's own ending (ManagedLoginCancelled) is not news.
  waiting.cancelled = true;
  const res = await ctx.run($("#managed-cancel"), () => api.cancelManagedLogin());
  // The form comes back even if the backend could not be told (the error stays visible);
  // a sign-in that completed meanwhile still arrives through finish().
  if (!waiting) return;
  stopWaiting();
  if (res.ok) ctx.flash(t("managed.cancelled"));
  focusStart();
}
