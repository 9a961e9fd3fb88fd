// Wires the views together: navigation, language, the shared busy indicator,
// status line and error box. Views get a small `ctx` object instead of
// importing this module, which keeps the dependency graph one-way.

import * as api from "./api.js";
import { t, setLang, getLang, errorText, LANGS } from "./strings.js";
import * as signinView from "./views/signin.js";
import * as challengeView from "./views/challenge.js";
import * as mfaSetupView from "./views/mfasetup.js";
import * as newPasswordView from "./views/newpassword.js";
import * as codeView from "./views/code.js";
import * as chooseView from "./views/choose.js";
import * as customView from "./views/custom.js";
import * as passkeyView from "./views/passkey.js";
import * as securityKey from "./views/securitykey.js";
import { resetView, confirmView } from "./views/recover.js";
import { signinStepsHtml } from "./markup/signin-steps.js";
import * as required from "./required.js";

/**
 * What app.js asks of a view module: build on the page (`init`), draw when shown, word
 * again on a language change; optionally forget what must not stay on screen when left
 * (`hide`) and drop per-user data when the user changes (`onSession`) or redraw what
 * new tokens change (`onSessionRefreshed`). A view built when first shown brings its
 * `markup` (one `<section id="view-NAME">`).
 * @typedef {object} View
 * @property {(ctx: ViewContext) => void} init
 * @property {() => void} show
 * @property {() => void} onLang
 * @property {() => void} [hide]
 * @property {() => void} [onSession]
 * @property {() => void} [onSessionRefreshed]
 * @property {string} [markup]
 */

/**
 * Signing in and its steps: on the page from the start (the first view is one of them,
 * and a step follows an answer without a wait). Key = the section id without "view-".
 * @type {Record<string, View>}
 */
const SIGN_IN_VIEWS = {
  signin: signinView,
  challenge: challengeView,
  "mfa-setup": mfaSetupView,
  "new-password": newPasswordView,
  code: codeView,
  choose: chooseView,
  custom: customView,
  passkey: passkeyView,
  reset: resetView,
  confirm: confirmView,
};

/**
 * Every other view is loaded, put on the page and initialised when first shown, so an
 * idle window holds the sign-in form and not 20 views (README, Performance: memory).
 * `drop`: a view whose page grows with what it shows (tables of calls, users, claims,
 * checks) leaves the page again when left, and is built afresh when shown again.
 * @type {Record<string, {load: () => Promise<View>, drop?: boolean}>}
 */
const LATER_VIEWS = {
  profiles: { load: () => import("./views/profiles.js") },
  session: { load: () => import("./views/session.js") },
  tokens: { load: () => import("./views/tokens.js"), drop: true },
  mfa: { load: () => import("./views/mfa.js") },
  credentials: { load: () => import("./views/credentials.js"), drop: true },
  managed: { load: () => import("./views/managed.js"), drop: true },
  timeline: { load: () => import("./views/timeline.js"), drop: true },
  pool: { load: () => import("./views/pool.js") },
  users: { load: () => import("./views/users.js"), drop: true },
  appclient: { load: () => import("./views/appclient.js") },
  doctor: { load: () => import("./views/doctor.js"), drop: true },
  setups: { load: () => import("./views/setups.js") },
};

/** The views on the page now, initialised: the sign-in views, and the others once shown. */
/** @type {Map<string, View>} */
const mounted = new Map(Object.entries(SIGN_IN_VIEWS));

/** @param {string} name */
function isView(name) {
  return Object.hasOwn(SIGN_IN_VIEWS, name) || Object.hasOwn(LATER_VIEWS, name);
}

// Errors that mean the backend holds no usable session any more.
const SESSION_GONE = new Set(["SessionRevoked", "NotSignedIn"]);

// Steps of signing in: the sidebar keeps "Sign in" lit while they are shown.
const SIGN_IN_STEPS = new Set([
  "challenge",
  "mfa-setup",
  "new-password",
  "code",
  "choose",
  "custom",
  "passkey",
  "reset",
  "confirm",
]);

/** @typedef {import("./bindings.js").ProfileView_Serialize} ProfileView */
/** @typedef {import("./bindings.js").SessionView_Serialize} SessionView */
/** @typedef {import("./bindings.js").ChallengeView_Serialize} ChallengeView */
/** @typedef {import("./bindings.js").SignOutReport_Serialize} SignOutReport */
/** @typedef {import("./api.js").AppError} AppError */
/** @typedef {import("./bindings.js").AppInfo} AppInfo */

/** The page's elements, found by selector; the views know which kind each is. */
const $ = (/** @type {string} */ sel) => /** @type {any} */ (document.querySelector(sel));

/**
 * What the views share. A declared type, not the literal's: a misspelt member is an error.
 * @typedef {object} AppState
 * @property {ProfileView[]} profiles
 * @property {string | null} selectedId
 * @property {AppError | null} loadError the profiles file could not be read
 * @property {SessionView | null} session
 * @property {ChallengeView | null} challenge the sign-in step waiting for an answer
 * @property {number | null} challengeStartedAt when the pending sign-in began (Unix seconds)
 * @property {string | null} current the view on screen
 * @property {AppInfo | null} info the app's version and the OS language (null: not known)
 */

/** @type {AppState} */
const state = {
  profiles: [],
  selectedId: null,
  loadError: null,
  session: null,
  challenge: null,
  challengeStartedAt: null,
  current: null,
  info: null,
};

/** @type {AppError | null} */
let lastError = null;
/** After a sign-out the server did not hear about. @type {{report: Partial<SignOutReport>, problems: string[]} | null} */
let signOutWarning = null;
let busyCount = 0;
let statusTimer = 0;

// ---------- error box ----------

function renderError() {
  const box = $("#error");
  if (!lastError) {
    box.hidden = true;
    return;
  }
  const { message, hint } = errorText(lastError);
  box.querySelector("[data-testid=error-code]").textContent = lastError.code;
  box.querySelector("[data-testid=error-message]").textContent = message;
  const hintEl = box.querySelector("[data-testid=error-hint]");
  hintEl.textContent = hint ? `${t("error.hint")} ${hint}` : "";
  hintEl.hidden = !hint;
  box.hidden = false;
}

/** @param {unknown} err an AppError, or anything thrown (normalised) */
function showError(err) {
  lastError = api.normaliseError(err);
  renderError();
}

function clearError() {
  lastError = null;
  renderError();
}

// ---------- status + busy ----------

// ---------- sign-out warning + keychain notice ----------

function renderSignOutWarning() {
  const box = $("#signout-warning");
  if (!signOutWarning) {
    box.hidden = true;
    return;
  }
  const { report, problems } = signOutWarning;
  const parts = [];
  if (problems.includes("server")) {
    parts.push(
      report.serverMessage
        ? t("signoutWarning.withMessage", { message: report.serverMessage })
        : t("signoutWarning.noMessage"),
    );
  }
  if (problems.includes("keychain")) parts.push(t("signoutWarning.keychainNotCleared"));
  $("#signout-warning-message").textContent = parts.join(" ");
  const hint = $("#signout-warning-hint");
  hint.textContent = problems.includes("server") ? t("signoutWarning.hint") : "";
  hint.hidden = !hint.textContent;
  box.hidden = false;
}

/**
 * `problems`: "server" (not revoked on the server), "keychain" (saved copy not removed).
 * @param {Partial<SignOutReport> | null} report
 * @param {string[]} problems
 */
function showSignOutWarning(report, problems) {
  signOutWarning = { report: report || {}, problems };
  renderSignOutWarning();
}

function clearSignOutWarning() {
  signOutWarning = null;
  renderSignOutWarning();
}

/** Shown on every view while the signed-in session lives in memory only. */
function renderKeychainNotice() {
  const problem = state.session?.keychain?.problem;
  const box = $("#keychain-notice");
  box.hidden = !problem;
  if (!problem) return;
  // Only touch the text when it changes, so screen readers do not repeat it.
  const setText = (el, value) => {
    if (el.textContent !== value) el.textContent = value;
  };
  const notice = {
    unavailable: "keychain.notice",
    notRecorded: "keychain.notRecorded",
    rotatedNotKept: "keychain.rotatedNotKept",
  }[problem.kind];
  setText($("#keychain-notice-text"), t(notice));
  let why;
  if (problem.kind === "unavailable" || problem.kind === "rotatedNotKept") {
    const trouble = problem.trouble;
    const entries = trouble.kind === "ambiguous" ? trouble.entries : "";
    const detail = trouble.kind === "failed" ? trouble.detail : "";
    why = t(`keychain.trouble.${trouble.kind}`, { entries, detail });
  } else {
    why = t("keychain.code", { code: problem.code });
  }
  setText($("#keychain-notice-detail"), `${t("keychain.details")} ${why}`);
  $("#keychain-notice-detail").hidden = false;
}

// The view the status line belongs to, and whether it was said in the task running now.
let statusView = null;
let statusJustSaid = false;

/** @param {string} text said in the status line for 4 s */
function flash(text) {
  const el = $("#status");
  el.textContent = text;
  statusView = state.current;
  statusJustSaid = true;
  // The end of this task: a view change after it is another action.
  setTimeout(() => (statusJustSaid = false), 0);
  clearTimeout(statusTimer);
  statusTimer = setTimeout(clearStatus, 4000);
}

function clearStatus() {
  clearTimeout(statusTimer);
  $("#status").textContent = "";
}

/**
 * The status line belongs to the view it was said on. A view change clears it, unless
 * the action that changes the view said it in the same task ("Signed in." then the
 * session): then it moves with the action to the new view.
 */
function statusLeavesWithTheView(name) {
  if (statusJustSaid) statusView = name;
  else if (statusView !== name) clearStatus();
}

function setBusy(on) {
  busyCount = Math.max(0, busyCount + (on ? 1 : -1));
  const busy = busyCount > 0;
  document.body.classList.toggle("busy", busy);
  $("#busy").hidden = !busy;
  document.body.setAttribute("aria-busy", String(busy));
}

/**
 * Run one backend action with progress feedback: the given buttons are
 * disabled and show a spinner, the global busy indicator is on, a failure
 * lands in the error box. Resolves to {ok, value} or {ok:false, error} so
 * views can react to specific codes without try/catch everywhere.
 * @template T
 * @param {any} buttons a button, a list of them (null entries skipped) or null
 * @param {() => Promise<T>} action
 * @returns {Promise<{ok: true, value: T, error?: undefined} | {ok: false, error: AppError, value?: undefined}>}
 */
async function run(buttons, action) {
  const list = (Array.isArray(buttons) ? buttons : [buttons]).filter(Boolean);
  const before = list.map((b) => b.disabled);
  clearError();
  setBusy(true);
  list.forEach((b) => {
    b.disabled = true;
    b.classList.add("is-loading");
  });
  try {
    return { ok: true, value: await action() };
  } catch (e) {
    const error = api.normaliseError(e);
    showError(error);
    return { ok: false, error };
  } finally {
    list.forEach((b, i) => {
      b.disabled = before[i];
      b.classList.remove("is-loading");
    });
    setBusy(false);
  }
}

// ---------- shared data ----------

function selectedProfile() {
  return state.profiles.find((p) => p.id === state.selectedId) || null;
}

function renderChrome() {
  const p = selectedProfile();
  const el = $("#current-profile");
  el.textContent = p ? p.name : t("topbar.noProfile");
  el.classList.toggle("muted", !p);
  $("#nav-session").disabled = !state.session;
  $("#nav-tokens").disabled = !state.session;
  $("#nav-mfa").disabled = !state.session;
  $("#nav-credentials").disabled = !state.session;
  // The workbench works on the selected profile, signed in or not.
  for (const id of ["#nav-pool", "#nav-users", "#nav-appclient", "#nav-doctor"]) $(id).disabled = !p;
  // The managed-login report page exists only for a managed-login session.
  const managed = state.session?.signInMethod === "managedLogin";
  $("#nav-managed").hidden = !managed;
  $("#nav-managed").disabled = !managed;
  renderKeychainNotice();
  renderWindowTitle(p);
}

/** "Sign in — Staging pool — Cognito Desk": the view and the profile, in the title bar too. */
function renderWindowTitle(profile) {
  const name = state.current && SIGN_IN_STEPS.has(state.current) ? "signin" : state.current;
  const key = `nav.${name}`;
  const view = name && t(key) !== key ? t(key) : "";
  const title = [view, profile?.name, t("app.title")].filter(Boolean).join(" — ");
  if (document.title === title) return;
  document.title = title;
  // The capability grants exactly this window call (capabilities/default.json).
  window.__TAURI__?.window?.getCurrentWindow().setTitle(title).catch(() => {});
}

/** Reload the profile list from the backend; throws AppError on failure. */
async function refreshProfiles() {
  const res = await api.listProfiles();
  state.profiles = Array.isArray(res?.profiles) ? res.profiles : [];
  state.selectedId = res?.selectedId ?? null;
  state.loadError = res?.loadError ? api.normaliseError(res.loadError) : null;
  renderChrome();
  return res;
}

/** @param {string} id */
async function selectProfile(id) {
  await api.selectProfile(id);
  state.selectedId = id;
  renderChrome();
}

/** @param {SessionView | null} session */
function setSession(session) {
  state.session = session || null;
  // A new session makes an old sign-out warning history.
  if (state.session) clearSignOutWarning();
  renderChrome();
  // Views holding per-user data (the MFA page) drop it when the user changes.
  sessionChanges++;
  mounted.forEach((v) => v.onSession?.());
}

/**
 * @param {SessionView | null} a
 * @param {SessionView | null} b
 */
function sameUser(a, b) {
  return !!a && !!b && a.sub === b.sub && a.profileId === b.profileId && a.profileName === b.profileName;
}

/**
 * New tokens for the signed-in user (refresh_session or the backend's timer).
 * Views keep their per-user state; they only redraw what the tokens change.
 * @param {SessionView | null} next
 */
function updateSession(next) {
  if (!next) return;
  const prev = state.session;
  if (!sameUser(prev, next)) {
    setSession(next);
    return;
  }
  // "Restored from the keychain" stays true for this session after a refresh.
  state.session = prev.restored && !next.restored ? { ...next, restored: true } : next;
  renderChrome();
  mounted.forEach((v) => v.onSessionRefreshed?.());
}

/**
 * The backend has no session any more: show why (already in #error) and go to sign in.
 * @param {AppError | null} error
 */
function endSession(error) {
  if (state.session) {
    setSession(null);
    go("signin");
  }
  if (error) showError(error);
}

/**
 * For views after a failed call: when the error means the session is gone
 * (revoked, not signed in), end it and return true.
 * @param {AppError | null | undefined} error
 */
function sessionGone(error) {
  if (!error || !SESSION_GONE.has(error.code) || !state.session) return false;
  endSession(error);
  return true;
}

// ---------- navigation ----------

/**
 * The view `name` on the page and initialised: loaded and built the first time (and
 * after it was dropped). Several calls for one view share one build.
 * @param {string} name
 * @returns {Promise<View>}
 */
function mount(name) {
  const view = mounted.get(name);
  if (view) return Promise.resolve(view);
  let build = building.get(name);
  if (!build) {
    build = LATER_VIEWS[name].load().then((view) => {
      building.delete(name);
      $("main.content").insertAdjacentHTML("beforeend", view.markup ?? "");
      localise($(`#view-${name}`));
      view.init(ctx);
      // Dropped while another user signed in: what it kept of the last one goes.
      if (dropped.has(name) && dropped.get(name) !== sessionChanges) view.onSession?.();
      dropped.delete(name);
      mounted.set(name, view);
      return view;
    });
    building.set(name, build);
  }
  return build;
}

/** @type {Map<string, Promise<View>>} views being loaded and built */
const building = new Map();
/** @type {Map<string, number>} views taken off the page: `sessionChanges` then */
const dropped = new Map();
// Counts the changes of the signed-in user (setSession).
let sessionChanges = 0;

/**
 * The view left forgets what must not stay on screen (a revealed secret); one that
 * grows with what it shows leaves the page.
 * @param {string} name
 */
function leave(name) {
  const view = mounted.get(name);
  view?.hide?.();
  if (!LATER_VIEWS[name]?.drop) return;
  mounted.delete(name);
  dropped.set(name, sessionChanges);
  $(`#view-${name}`)?.remove();
}

// The navigation that is to win: a view still loading is not shown after a later one.
let navigation = 0;

/**
 * Show the view `name`: at once when it is on the page (in the caller's task, so the
 * caller may focus what it shows), else once loaded and built. Resolves to the view,
 * or to null when a later navigation came first or the view could not be loaded.
 * @param {string} name a view's key (the section id without "view-")
 * @returns {Promise<View | null>}
 */
function open(name) {
  if (!isView(name)) return Promise.resolve(null);
  const ticket = ++navigation;
  // The status line follows the action that said it, in this task (see flash).
  if (state.current !== name) statusLeavesWithTheView(name);
  const view = mounted.get(name);
  if (view) {
    display(name, view);
    return Promise.resolve(view);
  }
  return mount(name).then(
    (built) => {
      if (ticket !== navigation) return null;
      display(name, built);
      return built;
    },
    (e) => {
      showError(e);
      return null;
    },
  );
}

/** @param {string} name a view's key; see `open` */
function go(name) {
  void open(name);
}

/**
 * @param {string} name
 * @param {View} view
 */
function display(name, view) {
  if (state.current && state.current !== name) leave(state.current);
  state.current = name;
  $("#restoring").hidden = true;
  for (const [key] of mounted) {
    $(`#view-${key}`).hidden = key !== name;
  }
  // A challenge is a step of signing in, so the sidebar keeps "Sign in" lit.
  const navName = SIGN_IN_STEPS.has(name) ? "signin" : name;
  document.querySelectorAll(".nav-item").forEach((b) => {
    const active = b.dataset.view === navName;
    b.classList.toggle("active", active);
    if (active) b.setAttribute("aria-current", "page");
    else b.removeAttribute("aria-current");
  });
  renderChrome();
  view.show();
}

function onNavClick(event) {
  let name = event.currentTarget.dataset.view;
  // A pending challenge is where "Sign in" really is until it is answered or cancelled.
  if (name === "signin" && state.challenge) name = signinView.challengeViewName(state.challenge);
  clearError();
  go(name);
}

// ---------- language ----------

function applyStaticStrings() {
  document.documentElement.lang = getLang();
  localise(document);
}

/**
 * The fixed texts under `root` in the window's language (`data-i18n*` attributes).
 * @param {ParentNode} root
 */
function localise(root) {
  root.querySelectorAll("[data-i18n]").forEach((el) => (el.textContent = t(el.dataset.i18n)));
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => (el.placeholder = t(el.dataset.i18nPlaceholder)));
  root
    .querySelectorAll("[data-i18n-aria-label]")
    .forEach((el) => el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel)));
  root.querySelectorAll("[data-i18n-alt]").forEach((el) => (el.alt = t(el.dataset.i18nAlt)));
  root.querySelectorAll("[data-i18n-title]").forEach((el) => (el.title = t(el.dataset.i18nTitle)));
}

function changeLang(lang) {
  setLang(lang);
  // A status line is in the language it was said in: it goes rather than stay English.
  clearStatus();
  applyStaticStrings();
  renderError();
  renderSignOutWarning();
  renderChrome();
  required.onLang();
  securityKey.onLang();
  mounted.forEach((v) => v.onLang());
  if (state.info) $("#app-version").textContent = t("app.version", { version: state.info.version });
}

function initLangSelect(initial) {
  const select = $("#lang-select");
  for (const { code, label } of LANGS) {
    const opt = document.createElement("option");
    opt.value = code;
    opt.textContent = label;
    select.append(opt);
  }
  select.value = initial;
  select.addEventListener("change", () => {
    try {
      localStorage.setItem("lang", select.value);
    } catch {
      /* storage can be unavailable; the switch still works for this run */
    }
    changeLang(select.value);
  });
}

function storedLang() {
  try {
    const v = localStorage.getItem("lang");
    return v === "en" || v === "ja" ? v : null;
  } catch {
    return null;
  }
}

// ---------- start ----------

/**
 * What every view gets at init: the shared state and the app's services.
 * @typedef {object} ViewContext
 * @property {AppState} state
 * @property {typeof go} go
 * @property {typeof open} open
 * @property {typeof run} run
 * @property {typeof showError} showError
 * @property {typeof clearError} clearError
 * @property {typeof flash} flash
 * @property {typeof refreshProfiles} refreshProfiles
 * @property {typeof selectProfile} selectProfile
 * @property {typeof selectedProfile} selectedProfile
 * @property {typeof setSession} setSession
 * @property {typeof updateSession} updateSession
 * @property {typeof sessionGone} sessionGone
 * @property {typeof showSignOutWarning} showSignOutWarning
 */

/** @type {ViewContext} */
const ctx = {
  state,
  go,
  open,
  run,
  showError,
  clearError,
  flash,
  refreshProfiles,
  selectProfile,
  selectedProfile,
  setSession,
  updateSession,
  sessionGone,
  showSignOutWarning,
};

function listenToBackend() {
  const quietly = (p) => Promise.resolve(p).catch(() => {});
  // A security key's prompts (touch it, its PIN) while a ceremony waits.
  securityKey.initSecurityKey();
  // The backend refreshed the tokens a minute before expiry.
  quietly(
    api.listen("session-refreshed", (session) => {
      if (!state.session || !session) return;
      updateSession(session);
      flash(t("session.autoRefreshed"));
    }),
  );
  // A background refresh found the session revoked: sign in again.
  quietly(
    api.listen("session-ended", (error) => {
      if (!state.session) return;
      endSession(api.normaliseError(error));
    }),
  );
}

/** The sign-in steps' markup takes the slot's place, before any view looks. */
function insertMarkup() {
  $("#markup-slot").outerHTML = signinStepsHtml;
}

async function start() {
  insertMarkup();
  required.init();
  let info = null;
  let startError = null;
  try {
    info = await api.appInfo();
  } catch (e) {
    startError = e;
  }
  state.info = info;
  const osLang = info?.osLocale === "ja" ? "ja" : info ? "en" : navigator.language?.startsWith("ja") ? "ja" : "en";
  const lang = storedLang() || osLang;
  setLang(lang);
  initLangSelect(lang);
  applyStaticStrings();
  if (info) $("#app-version").textContent = t("app.version", { version: info.version });

  document.querySelectorAll(".nav-item").forEach((b) => b.addEventListener("click", onNavClick));
  $("#error-dismiss").addEventListener("click", clearError);
  $("#signout-warning-dismiss").addEventListener("click", clearSignOutWarning);
  mounted.forEach((v) => v.init(ctx));
  listenToBackend();

  // A managed login begun before this page loaded (a webview reload) has lost its
  // waiting screen: stop it, so its loopback port is free again.
  api.cancelManagedLogin().catch(() => {});

  setBusy(true);
  try {
    await refreshProfiles();
  } catch (e) {
    startError = startError || e;
  }
  // Once per start, before choosing the first view (#restoring is on screen meanwhile).
  let restoreError = null;
  let restored = false;
  try {
    const outcome = await api.restoreSession();
    if (state.session) {
      // Signed in by hand while the restore ran: that session wins.
    } else if (outcome?.kind === "restored" && outcome.session) {
      setSession(outcome.session);
      restored = true;
    } else if (outcome?.kind === "failed") {
      restoreError = api.normaliseError(outcome.error);
    } else {
      // Nothing saved; the backend may still hold a session (webview reload).
      try {
        const current = await api.currentSession();
        if (current && !state.session) setSession(current);
      } catch (e) {
        startError = startError || e;
      }
    }
  } catch (e) {
    restoreError = api.normaliseError(e);
  }
  setBusy(false);

  // The user may have moved on while the restore ran; only a restored
  // session takes them off the sign-in form.
  let first = null;
  if (state.current === null || (restored && state.current === "signin")) {
    if (state.session) first = open("session");
    else if (restoreError) first = open("signin");
    else if (state.profiles.length === 0) first = open("profiles");
    else first = open("signin");
  }
  if (restoreError || startError) showError(restoreError || startError);
  await first;
  // After the first frame with the view drawn.
  requestAnimationFrame(() => api.startupReady(state.current).catch(() => {}));
}

start();
