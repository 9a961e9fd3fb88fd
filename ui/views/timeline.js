// The timeline: every call the app made (SDK calls, the JWKS, the managed-login
// requests), newest first, failures included, with each secret shown only as the
// shell variable that stands for it. Calls arrive as they happen (the backend's
// `call-recorded` event); filters by service and outcome; the whole log can be copied
// as JSON.

import * as api from "../api.js";
import { t, msText, maskedText } from "../strings.js";
import { clockTime } from "./time.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { timelineHtml as markup } from "../markup/timeline.js";

/** @typedef {import("../bindings.js").CallRecord_Serialize} CallRecord */
/** @typedef {import("../app.js").ViewContext} ViewContext */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
// Entries are heard from the first init on, also while the page is off the window.
let listening = false;
// The page leaves the window when left (app.js drops it) and is built afresh when shown
// again: an answer that arrives meanwhile only updates what the page will draw.
const onPage = () => document.getElementById("view-timeline") !== null;

/** @type {CallRecord[]} */
let records = []; // oldest first, as the backend keeps them
/** @type {Set<number>} */
const seen = new Set(); // seq numbers already listed

/** @param {ViewContext} c */
export function init(c) {
  ctx = c;
  $("#timeline-service").addEventListener("change", render);
  $("#timeline-outcome").addEventListener("change", render);
  $("#timeline-copy").addEventListener("click", onCopy);
  $("#timeline-rows").addEventListener("click", onRowClick);
  // Entries appear while a flow runs, whichever view is open.
  if (listening) return;
  listening = true;
  Promise.resolve(
    api.listen("call-recorded", (/** @type {CallRecord} */ record) => {
      add(record);
      if (ctx.state.current === "timeline") render();
    }),
  ).catch(() => {});
}

export async function show() {
  const res = await ctx.run([], () => api.timeline());
  if (res.ok && Array.isArray(res.value)) res.value.forEach(add);
  if (!onPage()) return;
  render();
  $("#timeline-service").focus();
}

export function onLang() {
  render();
}

/** @param {CallRecord} record */
function add(record) {
  if (!record || seen.has(record.seq)) return;
  seen.add(record.seq);
  records.push(record);
  records.sort((a, b) => a.seq - b.seq);
}

function visible() {
  const service = $("#timeline-service").value;
  const outcome = $("#timeline-outcome").value;
  return records
    .filter((r) => !service || r.service === service)
    .filter((r) => !outcome || (outcome === "ok") === (r.outcome === "ok"))
    .slice()
    .reverse();
}


/**
 * @param {string} text
 * @param {string} [cls]
 */
function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

/**
 * The operation's name, tagged when its answer rotated the refresh token.
 * @param {CallRecord} r
 */
function operationCell(r) {
  const td = cell(r.operation, "mono");
  if (r.note?.kind === "refreshTokenRotated") {
    const tag = document.createElement("span");
    tag.className = "tag";
    tag.dataset.testid = "rotated-tag";
    tag.textContent = t("timeline.rotatedTag");
    td.append(" ", tag);
  }
  return td;
}

function render() {
  if (!onPage()) return;
  const rows = visible();
  const body = $("#timeline-rows");
  body.replaceChildren(
    ...rows.flatMap((r) => {
      const tr = document.createElement("tr");
      tr.dataset.seq = String(r.seq);
      tr.dataset.testid = "timeline-row";
      tr.tabIndex = 0;
      tr.className = r.outcome === "ok" ? "" : "call-failed";
      tr.append(
        cell(clockTime(r.startedAtMs), "mono"),
        cell(r.service, "mono"),
        operationCell(r),
        cell(msText(r.durationMs), "num"),
        cell(r.outcome === "ok" ? t("timeline.ok") : r.outcome, "mono"),
        cell(String(r.httpStatus ?? ""), "num"),
      );
      const details = document.createElement("tr");
      details.className = "timeline-details";
      details.hidden = !expanded.has(r.seq);
      const td = document.createElement("td");
      td.colSpan = 6;
      const endpoint = document.createElement("p");
      endpoint.className = "mono small";
      endpoint.textContent = r.endpoint;
      const list = document.createElement("dl");
      list.className = "timeline-params";
      // The request id (long, for a support case) is a detail: the row stays narrow
      // enough for the default window.
      if (r.requestId) {
        const dt = document.createElement("dt");
        dt.textContent = t("timeline.requestId");
        const dd = document.createElement("dd");
        dd.className = "mono";
        dd.dataset.testid = "request-id";
        dd.textContent = r.requestId;
        list.append(dt, dd);
      }
      // What the answer did to the refresh token: rotated (the last characters of
      // the old and the new one) or kept.
      if (r.note) {
        const dt = document.createElement("dt");
        dt.textContent = t("timeline.refreshToken");
        const dd = document.createElement("dd");
        dd.dataset.testid = "call-note";
        if (r.note.kind === "refreshTokenRotated") {
          const old = document.createElement("code");
          old.textContent = maskedText(r.note.old);
          const fresh = document.createElement("code");
          fresh.textContent = maskedText(r.note.new);
          dd.append(t("timeline.rotated"), " ", old, " → ", fresh);
        } else {
          dd.textContent = t("timeline.kept");
        }
        list.append(dt, dd);
      }
      for (const p of r.params ?? []) {
        const dt = document.createElement("dt");
        dt.className = "mono";
        // A map entry is named with its map (AuthParameters.PASSWORD).
        dt.textContent = p.map ? `${p.map}.${p.name}` : p.name;
        const dd = document.createElement("dd");
        dd.className = p.secret ? "mono secret-var" : "mono";
        dd.textContent = p.value;
        list.append(dt, dd);
      }
      td.append(endpoint, list);
      // AWS API calls (not the JWKS or managed-login pages) can be replayed with the AWS CLI.
      if (r.service !== "http") {
        const copy = document.createElement("button");
        copy.type = "button";
        copy.className = "button button-small";
        copy.dataset.copyCli = String(r.seq);
        copy.dataset.testid = "copy-aws-cli";
        copy.textContent = t("timeline.copyCli");
        const shown = document.createElement("pre");
        shown.className = "mono small aws-cli";
        shown.dataset.testid = "aws-cli";
        shown.textContent = commands.get(r.seq) ?? "";
        shown.hidden = !commands.has(r.seq);
        td.append(copy, shown);
      }
      details.append(td);
      return [tr, details];
    }),
  );
  $("#timeline-empty").hidden = rows.length > 0;
  $("#timeline-count").textContent = t("timeline.count", { shown: rows.length, total: records.length });
}

/** @type {Set<number>} */
const expanded = new Set();
/** @type {Map<number, string>} */
const commands = new Map(); // seq → the aws-cli command copied

async function onCopyCli(button) {
  const seq = Number(button.dataset.copyCli);
  const res = await ctx.run(button, () => api.copyAwsCli(seq));
  if (!res.ok) return;
  commands.set(seq, res.value);
  render();
  ctx.flash(t("timeline.copiedCli"));
  $(`#timeline-rows button[data-copy-cli="${seq}"]`)?.focus();
}

function onRowClick(e) {
  const copy = e.target.closest("button[data-copy-cli]");
  if (copy) {
    onCopyCli(copy);
    return;
  }
  const tr = e.target.closest("tr[data-seq]");
  if (!tr) return;
  const seq = Number(tr.dataset.seq);
  if (expanded.has(seq)) expanded.delete(seq);
  else expanded.add(seq);
  render();
  $(`#timeline-rows tr[data-seq="${seq}"]`)?.focus();
}

async function onCopy() {
  const res = await ctx.run($("#timeline-copy"), () => api.copyTimelineJson());
  if (res.ok) ctx.flash(t("timeline.copied"));
}
