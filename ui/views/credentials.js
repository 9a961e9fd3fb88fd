// AWS credentials page: the identity pool exchange (GetId →
// GetCredentialsForIdentity) that turns the signed-in user's ID token into
// temporary AWS credentials, and two calls that try them (S3 ListBuckets, STS
// GetCallerIdentity). Every action reports the requests it made; they go into a
// running step log so testers can see what was sent, how long it took and what
// came from the cache. The secret key stays masked unless "Show" is pressed, and
// hides itself again after 30 s, on the second click and when the page is left.

import * as api from "../api.js";
import { t, maskedText } from "../strings.js";
import { localTime, locale } from "./time.js";
import * as exchange from "./exchange.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { credentialsHtml as markup } from "../markup/credentials.js";

/** @typedef {import("../bindings.js").CredentialsView} CredentialsView */
/** @typedef {import("../bindings.js").BucketsView_Serialize} BucketsView */
/** @typedef {import("../bindings.js").BucketView_Serialize} BucketView */
/** @typedef {import("../bindings.js").CallerView} CallerView */
/** @typedef {import("../bindings.js").StepView} StepView */
/** @typedef {import("../bindings.js").ProfileView_Serialize} ProfileView */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);
const REVEAL_MS = 30_000;
// Long enough to read that the clipboard will be cleared.
const COPIED_MS = 6000;
const MAX_STEPS = 100;
const SERVICES = {
  GetId: "Cognito Identity",
  GetCredentialsForIdentity: "Cognito Identity",
  ListBuckets: "S3",
  GetCallerIdentity: "STS",
};
const ACTIONS = {
  get: { button: "#get-credentials", label: "credentials.actionGet", progress: "credentials.progressGet" },
  buckets: { button: "#list-buckets", label: "credentials.actionBuckets", progress: "credentials.progressBuckets" },
  whoami: { button: "#who-am-i", label: "credentials.actionWhoAmI", progress: "credentials.progressWhoAmI" },
};
/** @typedef {keyof typeof ACTIONS} ActionKey */
/** @typedef {{action: ActionKey, run: number, step: StepView}} StepEntry */

/** @type {ViewContext} */
let ctx;
/** @type {CredentialsView | null} */
let creds = null; // latest CredentialsView
let stale = false; // a later request renewed the credentials shown
/** @type {StepEntry[]} */
let steps = []; // [{action, run, step}] running log, oldest first
let runCount = 0; // numbers the actions in the log
/** @type {BucketView[] | null} */
let buckets = null; // [{name, creationDate}] of the last listing
/** @type {CallerView | null} */
let caller = null; // {account, arn, userId} of the last "Who am I"
/** @type {ActionKey | null} */
let running = null; // key of ACTIONS while one runs
/** @type {ActionKey | null} */
let lastAction = null; // its result is shown first, under the picture
let seq = 0; // bumped on session change: late answers are dropped
let revealed = false;
let revealSeq = 0;
let revealTimer = 0;
let copiedTimer = 0;
let clock = 0;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#get-credentials").addEventListener("click", () => act("get", api.getAwsCredentials));
  $("#list-buckets").addEventListener("click", () => act("buckets", api.listS3Buckets));
  $("#who-am-i").addEventListener("click", () => act("whoami", api.whoAmI));
  $("#cred-reveal").addEventListener("click", onReveal);
  $("#copy-aws-env").addEventListener("click", onCopyEnv);
  exchange.init();
  $("#credentials-go-profiles").addEventListener("click", () => {
    ctx.clearError();
    ctx.go("profiles");
  });
}

export function show() {
  render();
  startClock();
}

/** The page is left: the secret goes off screen, the countdown stops. */
export function hide() {
  hideSecret();
  stopClock();
}

export function onLang() {
  render();
}

/** The user changed (sign-in, sign-out): the old user's credentials and results leave the page. */
export function onSession() {
  seq++;
  running = null;
  creds = null;
  stale = false;
  steps = [];
  runCount = 0;
  buckets = null;
  caller = null;
  lastAction = null;
  exchange.reset();
  hideSecret();
  stopClock();
  clearTimeout(copiedTimer);
  $("#copy-aws-env-done").hidden = true;
  render();
}

// ---------- profile ----------

/** The profile the session was opened with (the selected one when unknown). */
function sessionProfile() {
  const s = ctx.state.session;
  const byId = s ? ctx.state.profiles.find((p) => p.id === s.profileId) : null;
  return byId || ctx.selectedProfile();
}

/** @param {ProfileView | null} profile */
function hasPool(profile) {
  // Unknown profile: let the backend decide (it answers NoIdentityPool).
  if (!profile) return true;
  return typeof profile.identityPoolId === "string" && profile.identityPoolId.trim() !== "";
}

// ---------- actions ----------

function actionButtons() {
  return Object.values(ACTIONS).map((a) => $(a.button));
}

/**
 * @param {ActionKey} key
 * @param {() => Promise<CredentialsView | BucketsView | CallerView>} call the command of `key`
 */
async function act(key, call) {
  if (running || !ctx.state.session) return;
  const mySeq = seq;
  const action = ACTIONS[key];
  const clicked = $(action.button);
  // Only the pressed button spins; the others wait with it (one exchange at a time).
  const others = actionButtons().filter((b) => b !== clicked);
  const before = others.map((b) => b.disabled);
  others.forEach((b) => (b.disabled = true));
  running = key;
  renderProgress();
  exchange.start(key);
  const res = await ctx.run(clicked, call);
  others.forEach((b, i) => (b.disabled = before[i]));
  if (mySeq !== seq) return; // signed out (or in as someone else) meanwhile
  running = null;
  renderProgress();

  const value = res.ok ? res.value : null;
  const reported = res.ok ? value?.steps : res.error.steps;
  addSteps(key, reported);
  exchange.finish(key, reported);
  lastAction = key;

  if (!res.ok) {
    // Old results next to a failed attempt would mislead: drop that part.
    if (key === "get") {
      creds = null;
      stale = false;
      hideSecret();
    } else if (key === "buckets") buckets = null;
    else caller = null;
    render();
    if (ctx.sessionGone(res.error)) return;
    if (res.error.code === "NoIdentityPool") {
      // The profile changed behind our back: read it again, then explain.
      try {
        await ctx.refreshProfiles();
      } catch {
        /* the error box already explains the failure */
      }
      render();
    }
    return;
  }

  if (key === "get") {
    creds = /** @type {CredentialsView} */ (value) || null;
    stale = false;
    hideSecret();
    startClock();
  } else {
    // list/who-am-I fetch credentials themselves when needed: new ones make the panel out of date.
    if (creds && renewed(reported)) {
      stale = true;
      hideSecret();
    }
    if (key === "buckets") {
      const listing = /** @type {BucketsView} */ (value);
      buckets = Array.isArray(listing?.buckets) ? listing.buckets : [];
    } else caller = /** @type {CallerView} */ (value) || null;
  }
  render();
}

/** @param {StepView[] | undefined} list */
function renewed(list) {
  return (Array.isArray(list) ? list : []).some(
    (s) => s?.operation === "GetCredentialsForIdentity" && s.outcome === "ok" && !s.cached,
  );
}

/**
 * @param {ActionKey} key
 * @param {StepView[] | undefined} list
 */
function addSteps(key, list) {
  if (!Array.isArray(list) || list.length === 0) return;
  const run = ++runCount;
  for (const step of list) steps.push({ action: key, run, step });
  if (steps.length > MAX_STEPS) steps = steps.slice(steps.length - MAX_STEPS);
}

// ---------- secret key ----------

async function onReveal() {
  if (revealed) {
    hideSecret();
    $("#cred-reveal").focus();
    return;
  }
  const mySeq = ++revealSeq;
  const button = $("#cred-reveal");
  const res = await ctx.run(button, () => api.revealAwsSecretKey());
  // Hidden again (second click, page left, new credentials) while the request ran.
  if (mySeq !== revealSeq || ctx.state.current !== "credentials" || !creds) return;
  if (!res.ok) {
    if (ctx.sessionGone(res.error)) return;
    if (res.error.code === "CredentialsExpired") renderCountdown();
    return;
  }
  revealed = true;
  const el = $("#cred-secret-key");
  el.textContent = typeof res.value === "string" ? res.value : "";
  el.classList.add("revealed");
  renderRevealButton();
  clearTimeout(revealTimer);
  revealTimer = setTimeout(hideSecret, REVEAL_MS);
}

/** Back to the masked preview; the full key is not kept anywhere. */
function hideSecret() {
  revealSeq++;
  clearTimeout(revealTimer);
  revealed = false;
  const el = $("#cred-secret-key");
  el.classList.remove("revealed");
  el.textContent = text(maskedText(creds?.secretKeyPreview));
  renderRevealButton();
}

// ---------- copy ----------

async function onCopyEnv() {
  const res = await ctx.run($("#copy-aws-env"), () => api.copyAwsEnv());
  if (!res.ok) {
    ctx.sessionGone(res.error);
    return;
  }
  const note = $("#copy-aws-env-done");
  note.dataset.secs = res.value;
  note.textContent = t("copy.copiedSecret", { secs: res.value });
  note.hidden = false;
  clearTimeout(copiedTimer);
  copiedTimer = setTimeout(() => (note.hidden = true), COPIED_MS);
}

// ---------- countdown ----------

function startClock() {
  stopClock();
  if (!creds || ctx.state.current !== "credentials") return;
  renderCountdown();
  clock = setInterval(() => {
    if (ctx.state.current !== "credentials" || !creds) stopClock();
    else renderCountdown();
  }, 1000);
}

function stopClock() {
  clearInterval(clock);
  clock = 0;
}

/** "59:12", "1:02:03" */
function clockText(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function renderCountdown() {
  const el = $("#cred-countdown");
  const exp = Number(creds?.expiration);
  if (!creds || !Number.isFinite(exp)) {
    el.textContent = "";
    el.classList.remove("expired");
    return;
  }
  const left = Math.floor(exp - Date.now() / 1000);
  const expired = left <= 0;
  const value = expired ? t("credentials.expired") : t("credentials.expiresIn", { time: clockText(left) });
  if (el.textContent !== value) el.textContent = value;
  el.classList.toggle("expired", expired);
}

// ---------- rendering ----------

function text(value) {
  return value == null || value === "" ? t("credentials.none") : String(value);
}

function setText(sel, value) {
  $(sel).textContent = text(value);
}

function render() {
  const signedIn = !!ctx.state.session;
  const profile = sessionProfile();
  const noPool = signedIn && !hasPool(profile);
  $("#credentials-no-pool").hidden = !noPool;
  $("#credentials-no-pool-text").textContent = t("credentials.noPool", { name: profile?.name ?? "" });
  $("#credentials-main").hidden = noPool;
  const poolId = profile?.identityPoolId || "";
  $("#credentials-pool-row").hidden = !poolId;
  $("#credentials-pool-id").textContent = poolId;
  renderProgress();
  renderSteps();
  renderCredentials();
  renderBuckets();
  renderCaller();
  renderExchange();
}

/** The picture's node texts, and the last action's result first under it. */
function renderExchange() {
  const session = ctx.state.session;
  exchange.setValues({
    token: session ? t("exchange.tokenOf", { user: session.email || session.username }) : "",
    identity: creds?.identityId,
    keys: creds?.accessKeyId,
    s3: buckets ? t("exchange.buckets", { n: buckets.length }) : "",
    sts: caller?.arn,
  });
  // The result of the last action sits right under the picture, in view.
  $("#credentials-result").style.order = lastAction === "get" ? "0" : "2";
  $("#credentials-grid").style.order = lastAction === "get" ? "2" : "0";
}

function renderProgress() {
  const action = running ? ACTIONS[running] : null;
  $("#credentials-progress").hidden = !action;
  $("#credentials-progress-text").textContent = action ? t(action.progress) : "";
}

function span(className, value) {
  const el = document.createElement("span");
  el.className = className;
  el.textContent = value;
  return el;
}

/**
 * @param {StepEntry} entry
 * @param {number} index
 * @param {number} latestRun
 */
function stepItem({ action, run, step }, index, latestRun) {
  const li = document.createElement("li");
  const op = String(step?.operation ?? "");
  const ok = step?.outcome === "ok";
  li.dataset.operation = op;
  li.dataset.outcome = String(step?.outcome ?? "");
  li.dataset.action = action;
  if (step?.cached) li.dataset.cached = "true";
  li.classList.toggle("step-latest", run === latestRun);
  li.classList.toggle("step-old", run !== latestRun);
  li.classList.toggle("step-failed", !ok);
  const first = index === 0 || steps[index - 1].run !== run;
  li.classList.toggle("step-first", first);
  if (first) li.append(span("step-action", t(ACTIONS[action].label)));
  if (SERVICES[op]) li.append(span("step-service", SERVICES[op]));
  li.append(span("step-op mono", op || t("credentials.none")));
  if (step?.cached) li.append(span("step-cached", t("credentials.cached")));
  const badge = span(`check-badge ${ok ? "pass" : "fail"}`, ok ? t("credentials.ok") : text(step?.outcome));
  if (!ok) badge.classList.add("mono");
  const ms = Number(step?.durationMs);
  li.append(
    span("step-duration", Number.isFinite(ms) ? t("credentials.durationMs", { n: Math.round(ms) }) : t("credentials.none")),
    badge,
  );
  return li;
}

function renderSteps() {
  const latestRun = steps.length ? steps[steps.length - 1].run : 0;
  $("#credentials-steps").replaceChildren(...steps.map((s, i) => stepItem(s, i, latestRun)));
  $("#credentials-steps-count").textContent = steps.length ? t("credentials.stepsCount", { n: steps.length }) : "";
  $("#credentials-steps-panel").hidden = steps.length === 0;
}

function renderCredentials() {
  $("#credentials-result").hidden = !creds;
  $("#credentials-stale").hidden = !(creds && stale);
  setText("#cred-identity-id", creds?.identityId);
  setText("#cred-access-key-id", creds?.accessKeyId);
  if (!revealed) setText("#cred-secret-key", maskedText(creds?.secretKeyPreview));
  setText("#cred-session-token", maskedText(creds?.sessionTokenPreview));
  setText("#cred-region", creds?.region);
  const exp = Number(creds?.expiration);
  const expiration = $("#cred-expiration");
  expiration.textContent = creds && Number.isFinite(exp) ? localTime(exp) : text(null);
  expiration.title = creds && Number.isFinite(exp) ? String(exp) : "";
  setText("#cred-logins-key", creds?.loginsKey);
  renderRevealButton();
  renderCountdown();
  const note = $("#copy-aws-env-done");
  if (!note.hidden) note.textContent = t("copy.copiedSecret", { secs: note.dataset.secs });
}

function renderRevealButton() {
  const button = $("#cred-reveal");
  button.textContent = t(revealed ? "credentials.hide" : "credentials.show");
  button.setAttribute("aria-label", t(revealed ? "credentials.hideSecret" : "credentials.showSecret"));
  button.setAttribute("aria-pressed", String(revealed));
}

/** @param {number} epochSeconds */
function dateText(epochSeconds) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(
    new Date(epochSeconds * 1000),
  );
}

function renderBuckets() {
  const list = Array.isArray(buckets) ? buckets : [];
  $("#buckets-panel").hidden = !buckets;
  $("#buckets-table").hidden = list.length === 0;
  $("#buckets-empty").hidden = !buckets || list.length > 0;
  $("#buckets-table tbody").replaceChildren(
    ...list.map((b) => {
      const tr = document.createElement("tr");
      tr.dataset.bucket = String(b?.name ?? "");
      const name = document.createElement("td");
      name.className = "mono";
      name.textContent = text(b?.name);
      const created = document.createElement("td");
      const seconds = b?.creationDate == null ? NaN : Number(b.creationDate);
      if (Number.isFinite(seconds)) {
        created.textContent = dateText(seconds);
        created.title = localTime(seconds);
      } else {
        created.textContent = text(null);
      }
      tr.append(name, created);
      return tr;
    }),
  );
}

function renderCaller() {
  $("#caller-panel").hidden = !caller;
  setText("#caller-account", caller?.account);
  setText("#caller-arn", caller?.arn);
  setText("#caller-user-id", caller?.userId);
}
