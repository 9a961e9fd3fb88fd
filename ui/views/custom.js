// CUSTOM_CHALLENGE: a question a Lambda trigger (Create Auth Challenge) asks.
// Shows its public parameters and sends what the user types as ANSWER; Cognito
// may ask again (another round) until it issues tokens or fails the sign-in.

import * as api from "../api.js";
import { t } from "../strings.js";
import { renderClocks } from "./clock.js";
import { cancelChallenge, handleOutcome, onEscape, restartIfGone } from "./signin.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {Extract<import("../bindings.js").ChallengeView_Serialize, {type: "customChallenge"}>} CustomChallenge */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
let round = 0;

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#custom-form").addEventListener("submit", onSubmit);
  $("#custom-cancel").addEventListener("click", onCancel);
  onEscape(ctx, "custom", onCancel);
}

/**
 * Enter this step for {type:"customChallenge", username, parameters:[{name, value}]}.
 * @param {CustomChallenge} challenge
 */
export function startCustom(challenge) {
  // A second custom challenge in a row is the next round of the same sign-in.
  round = ctx.state.challenge?.type === "customChallenge" ? round + 1 : 1;
  ctx.state.challenge = challenge;
  $("#custom-answer").value = "";
  ctx.go("custom");
}

export function show() {
  render();
  $("#custom-answer").focus();
}

export function onLang() {
  render();
}

function render() {
  const c = ctx.state.challenge;
  $("#custom-username").textContent = c?.username ?? "";
  $("#custom-round").textContent = t("custom.round", { n: round });
  // Cognito answered the last answer with another challenge: say that much, and no
  // more (whether the answer was wrong is the trigger's business, not said to us).
  $("#custom-again").hidden = round < 2;
  $("#custom-again").textContent = round < 2 ? "" : t("custom.again", { n: round });
  const params = (c?.type === "customChallenge" ? c.parameters : null) ?? [];
  const body = $("#custom-parameters tbody");
  body.replaceChildren(
    ...params.map(({ name, value }) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.className = "mono";
      th.textContent = name;
      const td = document.createElement("td");
      td.className = "mono";
      td.textContent = value;
      tr.append(th, td);
      return tr;
    }),
  );
  $("#custom-parameters").hidden = params.length === 0;
  $("#custom-no-parameters").hidden = params.length > 0;
  renderClocks();
}

async function onSubmit(e) {
  e.preventDefault();
  const submit = $("#custom-submit");
  if (submit.disabled) return;
  const answer = $("#custom-answer").value;
  const res = await ctx.run([submit, $("#custom-cancel")], () => api.answerCustom(answer));
  if (res.ok) {
    handleOutcome(ctx, res.value);
    return;
  }
  if (!restartIfGone(ctx, res.error)) $("#custom-answer").focus();
}

async function onCancel() {
  if ($("#custom-cancel").disabled) return;
  await cancelChallenge(ctx, [$("#custom-cancel"), $("#custom-submit")]);
}
