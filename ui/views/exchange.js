// The credential exchange as a picture on the AWS credentials page: ID token →
// GetId → identity id → GetCredentialsForIdentity → temporary keys → S3 / STS. Each
// arrow is a call; it lights up when the backend records that call (the
// `call-recorded` event, while the action still runs), turns red with its error
// code, or says "cached" when GetId was skipped.

import * as api from "../api.js";
import { t } from "../strings.js";

/** @typedef {import("../bindings.js").CallRecord_Serialize} CallRecord */
/** @typedef {import("../bindings.js").StepView} StepView */
/** @typedef {"running" | "ok" | "failed" | "cached"} CallState */
/** @typedef {{state: CallState, outcome?: string, ms?: number}} CallSeen */
/**
 * The text under each node (empty or absent: "—").
 * @typedef {{token?: string, identity?: string, keys?: string, s3?: string, sts?: string}} ExchangeValues
 */

const $ = (sel) => document.querySelector(sel);

// The calls of each action, in the order they run.
/** @type {Record<"get" | "buckets" | "whoami", string[]>} */
const ACTION_CALLS = {
  get: ["GetId", "GetCredentialsForIdentity"],
  buckets: ["ListBuckets"],
  whoami: ["GetCallerIdentity"],
};
const CALLS = ["GetId", "GetCredentialsForIdentity", "ListBuckets", "GetCallerIdentity"];

/** @type {Record<string, CallSeen>} */
let calls = {}; // operation → {state: running|ok|failed|cached, outcome, ms}
/** @type {ExchangeValues} */
let values = {}; // node → text under it
let listening = false;

export function init() {
  if (listening) return;
  listening = true;
  Promise.resolve(
    api.listen("call-recorded", (/** @type {CallRecord} */ record) => {
      if (!record || !CALLS.includes(record.operation)) return;
      calls[record.operation] = {
        state: record.outcome === "ok" ? "ok" : "failed",
        outcome: record.outcome,
        ms: record.durationMs,
      };
      render();
    }),
  ).catch(() => {});
}

/** A new user: nothing has happened yet. */
export function reset() {
  calls = {};
  values = {};
  render();
}

/**
 * An action starts: its calls wait (credentials may be fetched first by any action).
 * @param {keyof typeof ACTION_CALLS} action
 */
export function start(action) {
  for (const op of ACTION_CALLS[action] ?? []) calls[op] = { state: "running" };
  render();
}

/**
 * The action ended: its reported steps say which calls came from the cache, and
 * which calls never ran (an earlier one failed).
 * @param {keyof typeof ACTION_CALLS} action
 * @param {StepView[] | undefined} steps
 */
export function finish(action, steps) {
  for (const step of Array.isArray(steps) ? steps : []) {
    if (step?.cached && CALLS.includes(step.operation)) calls[step.operation] = { state: "cached" };
  }
  for (const op of ACTION_CALLS[action] ?? []) {
    if (calls[op]?.state === "running") delete calls[op];
  }
  render();
}

/**
 * What the nodes show: identity id, access key id, bucket count, caller ARN.
 * @param {ExchangeValues} next
 */
export function setValues(next) {
  values = next;
  render();
}

function node(id, label, value, lit) {
  const box = document.createElement("div");
  box.className = `exchange-node${lit ? " lit" : ""}`;
  box.dataset.node = id;
  box.dataset.testid = `exchange-node-${id}`;
  const name = document.createElement("span");
  name.className = "exchange-label";
  name.textContent = label;
  const text = document.createElement("span");
  text.className = "exchange-value mono";
  text.textContent = value || "—";
  if (value) text.title = value;
  box.append(name, text);
  return box;
}

/** @param {string} op */
function edge(op) {
  /** @type {{state: CallState | "idle", outcome?: string, ms?: number}} */
  const c = calls[op] ?? { state: "idle" };
  const arrow = document.createElement("div");
  arrow.className = `exchange-edge state-${c.state}`;
  arrow.dataset.call = op;
  arrow.dataset.state = c.state;
  arrow.dataset.testid = `exchange-edge-${op}`;
  const name = document.createElement("span");
  name.className = "mono small";
  // The long name may break before "For" (a zero-width space), not inside a word.
  // An operation's name may wrap between its words (GetCaller|Identity), never inside one.
  name.textContent = op.replace(/(?<=[a-z])(?=[A-Z])/g, "\u200b");
  const status = document.createElement("span");
  status.className = "small exchange-status";
  status.textContent =
    c.state === "ok"
      ? t("exchange.ok", { ms: c.ms ?? 0 })
      : c.state === "failed"
        ? c.outcome
        : c.state === "idle"
          ? ""
          : t(`exchange.${c.state}`);
  arrow.append(name, status);
  return arrow;
}

/** @param {string} op */
function lit(op) {
  const s = calls[op]?.state;
  return s === "ok" || s === "cached";
}

export function render() {
  const box = $("#exchange");
  if (!box) return;
  const tail = document.createElement("div");
  tail.className = "exchange-tail";
  for (const [op, id, label, value] of [
    ["ListBuckets", "s3", t("exchange.s3"), values.s3],
    ["GetCallerIdentity", "sts", t("exchange.sts"), values.sts],
  ]) {
    const row = document.createElement("div");
    row.className = "exchange-branch";
    row.append(edge(op), node(id, label, value, calls[op]?.state === "ok"));
    tail.append(row);
  }
  box.replaceChildren(
    node("token", t("exchange.idToken"), values.token, !!values.token),
    edge("GetId"),
    node("identity", t("exchange.identity"), values.identity, lit("GetId") || !!values.identity),
    edge("GetCredentialsForIdentity"),
    node("keys", t("exchange.keys"), values.keys, lit("GetCredentialsForIdentity")),
    tail,
  );
}
