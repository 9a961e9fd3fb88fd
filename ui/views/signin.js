// Sign-in view: choose a profile, type username + password. A challenge
// outcome hands over to the view of that challenge; nothing typed is cleared
// on error. Managed login (the hosted sign-in page in the browser) starts from
// here too; views/managedwait.js runs it.

import * as api from "../api.js";
import { t } from "../strings.js";
import { startChallenge } from "./challenge.js";
import { startMfaSetup } from "./mfasetup.js";
import { startNewPassword } from "./newpassword.js";
import { startCode } from "./code.js";
import { startChoose } from "./choose.js";
import { startCustom } from "./custom.js";
import { startPasskey } from "./passkey.js";
import { initClock } from "./clock.js";
import { initRecover, startConfirm, startReset } from "./recover.js";
import { initManaged, renderManaged, onLangManaged, isWaiting } from "./managedwait.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../api.js").AppError} AppError */
/** @typedef {import("../bindings.js").ProfileId} ProfileId */
/** @typedef {import("../bindings.js").SignInFlow} SignInFlow */
/** @typedef {import("../bindings.js").ChallengeView_Serialize} ChallengeView */
/** @typedef {import("../bindings.js").SignInOutcome_Serialize} SignInOutcome */

// Challenge type → the view that answers it.
/** @type {Record<ChallengeView["type"], {view: string, start: (challenge: ChallengeView) => void}>} */
const CHALLENGE_VIEWS = {
  softwareTokenMfa: { view: "challenge", start: startChallenge },
  mfaSetup: { view: "mfa-setup", start: startMfaSetup },
  newPasswordRequired: { view: "new-password", start: startNewPassword },
  deliveredCode: { view: "code", start: startCode },
  selectMfaType: { view: "choose", start: startChoose },
  selectChallenge: { view: "choose", start: startChoose },
  customChallenge: { view: "custom", start: startCustom },
  webAuthn: { view: "passkey", start: startPasskey },
};

// First factors of a choice-based sign-in that need the password.
const PASSWORD_FACTORS = new Set(["PASSWORD", "PASSWORD_SRP"]);

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#signin-form").addEventListener("submit", onSubmit);
  $("#signin-profile").addEventListener("change", onProfileChange);
  $("#signin-password-toggle").addEventListener("click", togglePassword);
  $("#signin-go-profiles").addEventListener("click", () => ctx.go("profiles"));
  $("#signin-preferred").addEventListener("change", renderPasswordNeed);
  $("#signin-switch-flow").addEventListener("click", onSwitchFlow);
  initManaged(ctx, handleOutcome);
  initClock(ctx);
  $("#signin-forgot").addEventListener("click", () => {
    ctx.clearError();
    startReset($("#signin-username").value.trim(), false);
  });
  initRecover(ctx, {
    // Confirmed: the sign-in that found the account unconfirmed runs again.
    signedUp() {
      ctx.flash(t("recover.confirmed"));
      resubmit();
    },
    passwordReset(username) {
      $("#signin-username").value = username;
      $("#signin-password").value = "";
      ctx.go("signin");
      ctx.flash(t("recover.passwordChanged"));
      $("#signin-password").focus();
    },
  });
  renderToggle();
}

export function show() {
  renderProfiles();
  const hasProfiles = ctx.state.profiles.length > 0;
  // Put the cursor where typing is needed next.
  if (isWaiting()) $("#managed-cancel").focus();
  else if (hasProfiles) ($("#signin-username").value ? $("#signin-password") : $("#signin-username")).focus();
  else $("#signin-go-profiles").focus();
}

export function onLang() {
  renderToggle();
  renderSwitchFlow();
  onLangManaged();
}

/**
 * Escape on the view `name` runs `cancel` (a sign-in step's Cancel or Back).
 * @param {ViewContext} c
 * @param {string} name
 * @param {() => void} cancel
 */
export function onEscape(c, name, cancel) {
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && c.state.current === name && !e.defaultPrevented) {
      e.preventDefault();
      cancel();
    }
  });
}

/** The password typed on the sign-in form (a choice-based sign-in may use it later). */
export function typedPassword() {
  return $("#signin-password").value;
}

/** "Send a new code": the same sign-in again, with what the form still holds. */
export function resubmit() {
  ctx.go("signin");
  if ($("#signin-username").value) $("#signin-form").requestSubmit();
}

/** Called by the challenge views when the user must start over (keeps the username). */
export function restart() {
  $("#signin-password").value = "";
  ctx.go("signin");
}

/**
 * The view where a pending challenge is answered ("signin" when none).
 * @param {ChallengeView | null} challenge
 */
export function challengeViewName(challenge) {
  return CHALLENGE_VIEWS[challenge?.type]?.view ?? "signin";
}

/**
 * After a failed answer to a challenge: when the Cognito session behind it is
 * gone, forget the challenge and start over from the password (the error stays
 * visible). Returns true when that happened.
 * @param {ViewContext} c
 * @param {AppError} error
 */
export function restartIfGone(c, error) {
  // The backend says when an answer ended the sign-in (Cognito used its session up).
  const gone = ["SessionExpired", "NoPendingChallenge"];
  if (!error?.signInEnded && !gone.includes(error?.code)) return false;
  c.state.challenge = null;
  restart();
  return true;
}

/**
 * A challenge view's Cancel: tell the backend, then back to the password step.
 * @param {ViewContext} c
 */
export async function cancelChallenge(c, buttons) {
  await c.run(buttons, () => api.cancelSignIn());
  // Even if the backend failed to forget the challenge, the user wants out;
  // any error stays visible on the sign-in view.
  c.state.challenge = null;
  c.go("signin");
}

function renderProfiles() {
  const select = $("#signin-profile");
  const { profiles, selectedId } = ctx.state;
  select.replaceChildren(
    ...profiles.map((p) => {
      const opt = document.createElement("option");
      opt.value = p.id;
      opt.textContent = `${p.name} (${p.region})`;
      return opt;
    }),
  );
  if (selectedId && profiles.some((p) => p.id === selectedId)) select.value = selectedId;
  $("#signin-empty").hidden = profiles.length > 0;
  $("#signin-form").hidden = profiles.length === 0;
  renderFlow();
  renderManaged();
}

function selectedProfile() {
  const id = $("#signin-profile").value || ctx.state.selectedId;
  return ctx.state.profiles.find((p) => p.id === id);
}

/** A choice-based profile shows its first factor, which may not need a password. */
function renderFlow() {
  const p = selectedProfile();
  const choice = p?.signInFlow === "userAuth";
  $("#signin-preferred-field").hidden = !choice;
  if (choice) $("#signin-preferred").value = p.preferredChallenge ?? "";
  switchOffer = null;
  renderSwitchFlow();
  renderPasswordNeed();
}

function renderPasswordNeed() {
  const p = selectedProfile();
  const preferred = $("#signin-preferred").value;
  // CUSTOM_AUTH sends only the username; USER_AUTH needs the password only for
  // a password factor.
  const optional =
    p?.signInFlow === "custom" || (p?.signInFlow === "userAuth" && !PASSWORD_FACTORS.has(preferred));
  $("#signin-password").required = !optional;
  $("#signin-password-optional").hidden = !optional;
}

// After "this app client does not allow <flow>": offer the other flows.
/** @type {{profileId: ProfileId, current: SignInFlow} | null} */
let switchOffer = null; // {profileId, current}

function renderSwitchFlow() {
  const box = $("#signin-switch");
  box.hidden = !switchOffer;
  if (!switchOffer) return;
  const flows = ["srp", "password", "userAuth"].filter((f) => f !== switchOffer.current);
  $("#signin-switch-flow").replaceChildren(
    ...flows.map((flow) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "button";
      b.dataset.flow = flow;
      b.dataset.testid = `switch-flow-${flow}`;
      b.textContent = t(`signin.switchTo.${flow}`);
      return b;
    }),
  );
}

async function onSwitchFlow(e) {
  const flow = e.target.closest("button[data-flow]")?.dataset.flow;
  const p = selectedProfile();
  if (!flow || !p) return;
  const input = { ...p, signInFlow: flow, clientSecret: "" };
  const res = await ctx.run([...$("#signin-switch-flow").querySelectorAll("button")], async () => {
    const saved = await api.saveProfile(input);
    await ctx.refreshProfiles();
    return saved;
  });
  if (!res.ok) return;
  ctx.clearError();
  renderProfiles();
  ctx.flash(t("signin.flowSwitched", { flow: t(`signin.flowName.${flow}`) }));
  $("#signin-submit").focus();
}

async function onProfileChange() {
  const select = $("#signin-profile");
  const id = select.value;
  const previous = ctx.state.selectedId;
  const res = await ctx.run(select, () => ctx.selectProfile(id));
  // Keep the select truthful if the backend refused the change.
  if (!res.ok && previous) select.value = previous;
  // Managed login is offered only for a profile with a domain and a redirect URI.
  renderManaged();
}

function renderToggle() {
  const btn = $("#signin-password-toggle");
  const shown = $("#signin-password").type === "text";
  btn.textContent = t(shown ? "signin.hide" : "signin.show");
  btn.setAttribute("aria-label", t(shown ? "signin.hidePassword" : "signin.showPassword"));
  btn.setAttribute("aria-pressed", String(shown));
}

function togglePassword() {
  const input = $("#signin-password");
  input.type = input.type === "password" ? "text" : "password";
  renderToggle();
}

async function onSubmit(e) {
  e.preventDefault();
  const submit = $("#signin-submit");
  if (submit.disabled) return;
  const profileId = $("#signin-profile").value || ctx.state.selectedId;
  const username = $("#signin-username").value.trim();
  const password = $("#signin-password").value;
  const profile = selectedProfile();
  const preferred = profile?.signInFlow === "userAuth" ? $("#signin-preferred").value : null;
  switchOffer = null;
  renderSwitchFlow();
  const res = await ctx.run([submit, $("#signin-profile"), $("#managed-login-start")], () =>
    api.signIn(profileId, username, password, preferred),
  );
  if (!res.ok) {
    // Errors that are really flows: their views say what happened and what to do.
    if (res.error.code === "PasswordResetRequiredException") {
      ctx.clearError();
      startReset(username, true);
      return;
    }
    if (res.error.code === "UserNotConfirmedException") {
      ctx.clearError();
      startConfirm(username);
      return;
    }
    if (res.error.code === "AuthFlowNotEnabled" && profile) {
      switchOffer = { profileId: profile.id, current: profile.signInFlow };
      renderSwitchFlow();
    }
    return;
  }
  handleOutcome(ctx, res.value);
}

/**
 * Shared by sign-in and challenge views: route a SignInOutcome.
 * @param {ViewContext} c
 * @param {SignInOutcome} outcome
 */
export function handleOutcome(c, outcome) {
  if (outcome?.kind === "signedIn") {
    c.state.challenge = null;
    // The password is only forgotten once it has done its job.
    $("#signin-password").value = "";
    $("#signin-password").type = "password";
    renderToggle();
    c.setSession(outcome.session);
    c.go("session");
  } else if (outcome?.kind === "challenge") {
    // The clock runs from the first request of this sign-in attempt.
    c.state.challengeStartedAt = outcome.startedAt ?? Math.floor(Date.now() / 1000);
    const handler = CHALLENGE_VIEWS[outcome.challenge?.type];
    if (handler) {
      handler.start(outcome.challenge);
      return;
    }
    // A challenge this UI cannot answer: drop it and say so.
    c.state.challenge = null;
    c.showError({ code: "UnsupportedChallenge", message: "", hint: "" });
    c.go("signin");
  }
}
