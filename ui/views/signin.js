// Sign-in view: choose a profile, type username + password. A challenge
// outcome hands over to the view of that challenge; nothing typed is cleared
// on error. Managed login (the hosted sign-in page in the browser) starts from
// here too; views/managedwait.js runs it.

import * as api from "../api.js";
import { t } from "../strings.js";
import { startChallenge } from "./challenge.js";
import { startMfaSetup } from "./mfasetup.js";
import { startNewPassword } from "./newpassword.js";
import { initManaged, renderManaged, onLangManaged, isWaiting } from "./managedwait.js";

// Challenge type → the view that answers it.
const CHALLENGE_VIEWS = {
  softwareTokenMfa: { view: "challenge", start: startChallenge },
  mfaSetup: { view: "mfa-setup", start: startMfaSetup },
  newPasswordRequired: { view: "new-password", start: startNewPassword },
};

const $ = (sel) => document.querySelector(sel);

let ctx;

export function init(c) {
  ctx = c;
  $("#signin-form").addEventListener("submit", onSubmit);
  $("#signin-profile").addEventListener("change", onProfileChange);
  $("#signin-password-toggle").addEventListener("click", togglePassword);
  $("#signin-go-profiles").addEventListener("click", () => ctx.go("profiles"));
  initManaged(ctx, handleOutcome);
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
  onLangManaged();
}

/** Called by the challenge views when the user must start over (keeps the username). */
export function restart() {
  $("#signin-password").value = "";
  ctx.go("signin");
}

/** The view where a pending challenge is answered ("signin" when none). */
export function challengeViewName(challenge) {
  return CHALLENGE_VIEWS[challenge?.type]?.view ?? "signin";
}

/**
 * After a failed answer to a challenge: when the Cognito session behind it is
 * gone, forget the challenge and start over from the password (the error stays
 * visible). Returns true when that happened.
 */
export function restartIfGone(c, error) {
  if (error?.code !== "SessionExpired" && error?.code !== "NoPendingChallenge") return false;
  c.state.challenge = null;
  restart();
  return true;
}

/** A challenge view's Cancel: tell the backend, then back to the password step. */
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
  renderManaged();
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
  const res = await ctx.run([submit, $("#signin-profile"), $("#managed-login-start")], () =>
    api.signIn(profileId, username, password),
  );
  if (!res.ok) return;
  handleOutcome(ctx, res.value);
}

/** Shared by sign-in and challenge views: route a SignInOutcome. */
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
