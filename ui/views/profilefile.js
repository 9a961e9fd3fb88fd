// Profile files: "Import profile…" reads a file that Export… (or `cognito-desk-cli
// profile export`) wrote and fills a new profile's form for review; Export… shows the
// saved profile as that file, to save in Downloads or copy. The core reads and writes
// the format (profile::exchange); no secret is ever in it.

import * as api from "../api.js";
import { t, errorText, fieldErrorText } from "../strings.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../api.js").AppError} AppError */
/** @typedef {import("../bindings.js").ProfileId} ProfileId */
/** @typedef {import("../bindings.js").ProfileSettings_Serialize} ProfileSettings */
/** @typedef {import("../bindings.js").ExportRead_Serialize} ExportRead */
/** @typedef {import("../bindings.js").ProfileExportView} ProfileExportView */
/** @typedef {import("../bindings.js").FieldError_Serialize} FieldError */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {(settings: ProfileSettings) => void} */
let fillForm;
// The import panel's content, kept to render it again in the other language:
// { read, file } after a good file, { error, file } after a bad one, null when closed.
/** @type {{file: string, read?: ExportRead, error?: AppError} | null} */
let shown = null;
// Bumped when the form opens another profile: an answer after that is dropped.
let generation = 0;
// The profile whose export is on screen, and the export itself.
/** @type {({id: ProfileId, savedTo?: string} & ProfileExportView) | null} */
let exported = null;
/** Far larger than a profile file (a few hundred bytes); the core's limit is the same. */
const MAX_BYTES = 64 * 1024;

/**
 * `fill(settings)`: puts a file's settings into a new profile's form.
 * @param {ViewContext} c
 * @param {(settings: ProfileSettings) => void} fill
 */
export function init(c, fill) {
  ctx = c;
  fillForm = fill;
  $("#profile-file-import").addEventListener("click", () => $("#profile-file-import-file").click());
  $("#profile-file-import-file").addEventListener("change", onFile);
  $("#profile-file-close").addEventListener("click", closeImport);
  $("#profile-export-close").addEventListener("click", () => closeExport(true));
  $("#profile-export-save").addEventListener("click", onSave);
  $("#profile-export-copy").addEventListener("click", onCopy);
  $("#profile-export-panel").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      closeExport(true);
    }
  });
}

export function onLang() {
  renderImport();
  renderExport();
}

/** Another profile opened: the last import's panel and the export no longer apply. */
export function close() {
  generation += 1;
  closeImport();
  closeExport(false);
}

// ---------- import ----------

function closeImport() {
  shown = null;
  renderImport();
}

async function onFile(event) {
  const file = event.target.files?.[0];
  // Choosing the same file again (after fixing it) must fire "change" again.
  event.target.value = "";
  if (!file) return;
  if (file.size > MAX_BYTES) {
    const kib = String(Math.floor(file.size / 1024));
    /** @type {FieldError} */
    const tooLarge = { field: "profileFile", code: "tooLarge", message: "", params: { kib } };
    shown = { file: file.name, error: { code: "ProfileFileInvalid", message: "", hint: "", fields: [tooLarge] } };
    renderImport();
    return;
  }
  const asked = generation;
  const res = await ctx.run($("#profile-file-import"), async () => api.readProfileFile(await file.text()));
  if (asked !== generation) return;
  if (!res.ok) {
    // The panel beside the form says it all: not twice.
    ctx.clearError();
    shown = { file: file.name, error: res.error };
    renderImport();
    return;
  }
  fillForm(res.value.settings);
  // Filling opened a new form (and closed this panel): show what was read.
  generation += 1;
  shown = { file: file.name, read: res.value };
  renderImport();
  ctx.flash(t("profileFile.filled", { file: file.name }));
}

function renderImport() {
  const panel = $("#profile-file-panel");
  panel.hidden = !shown;
  if (!shown) return;
  const list = $("#profile-file-problems");
  list.replaceChildren();
  const add = (text) => {
    const li = document.createElement("li");
    li.textContent = text;
    list.append(li);
  };
  const hint = $("#profile-file-hint");
  panel.classList.toggle("panel-danger", !!shown.error);
  hint.hidden = !shown.error;
  if (shown.error) {
    const { message, hint: fix } = errorText(shown.error);
    $("#profile-file-title").textContent = t("profileFile.failedTitle", { file: shown.file });
    $("#profile-file-summary").textContent = `${message} (${shown.error.code})`;
    for (const problem of shown.error.fields || []) add(problemText(problem));
    hint.textContent = fix ? `${t("error.hint")} ${fix}` : "";
    return;
  }
  const settings = shown.read.settings;
  $("#profile-file-title").textContent = t("profileFile.title", { file: shown.file });
  $("#profile-file-summary").textContent = t("profileFile.review");
  if (settings.hasClientSecret) add(t("profileFile.needsSecret"));
}

/**
 * A problem of a file: its own (by key) or the form's (by the field's label).
 * @param {FieldError} problem
 */
function problemText(problem) {
  if (problem.field === "profileFile") {
    const key = `profileFile.problems.${problem.code}`;
    const text = t(key, problem.params || {});
    return text === key ? problem.message : text;
  }
  const label = t(`profiles.${problem.field}`);
  return `${label}: ${fieldErrorText(problem)}`;
}

// ---------- export ----------

/**
 * Shows the saved profile `id` as its export file.
 * @param {ProfileId} id
 */
export async function open(id) {
  const res = await ctx.run($("#profile-export"), () => api.exportProfile(id));
  if (!res.ok) return;
  exported = { id, ...res.value };
  $("#profile-export-saved").hidden = true;
  renderExport();
  // At the top of the form, where the import panels are; the Export button is in the
  // bar at its bottom.
  $("#profile-export-panel").scrollIntoView({ block: "start" });
  $("#profile-export-save").focus();
}

/** @param {boolean} refocus */
function closeExport(refocus) {
  const wasOpen = !!exported;
  exported = null;
  renderExport();
  if (refocus && wasOpen && !$("#profile-export").hidden) $("#profile-export").focus();
}

function renderExport() {
  $("#profile-export-panel").hidden = !exported;
  if (!exported) return;
  $("#profile-export-title").textContent = t("profileFile.exportTitleFile", { file: exported.fileName });
  $("#profile-export-json").textContent = exported.json;
  const saved = $("#profile-export-saved");
  if (!saved.hidden && exported.savedTo) saved.textContent = t("profileFile.savedTo", { path: exported.savedTo });
}

async function onSave() {
  if (!exported) return;
  const id = exported.id;
  const res = await ctx.run([$("#profile-export-save"), $("#profile-export-copy")], () => api.saveProfileExport(id));
  if (!res.ok || exported?.id !== id) return;
  exported.savedTo = res.value.path;
  const saved = $("#profile-export-saved");
  saved.textContent = t("profileFile.savedTo", { path: res.value.path });
  saved.hidden = false;
}

async function onCopy() {
  if (!exported) return;
  const res = await ctx.run($("#profile-export-copy"), () => api.copyProfileExport(exported.id));
  if (res.ok) ctx.flash(t("profileFile.copied"));
}
