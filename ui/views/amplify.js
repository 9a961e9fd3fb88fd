// Import an Amplify Gen 2 amplify_outputs.json into the profile form. The window reads
// the file the person chose, the core judges it (profile::import_amplify_outputs), and
// the form is filled for review: nothing is saved until Save.

import * as api from "../api.js";
import { t, errorText } from "../strings.js";

/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("../api.js").AppError} AppError */
/** @typedef {import("../bindings.js").AmplifyImport_Serialize} AmplifyImport */
/** @typedef {import("../bindings.js").ProfileSettings_Serialize} ProfileSettings */
/** @typedef {import("../bindings.js").FieldError_Serialize} FieldError */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {(settings: ProfileSettings) => void} */
let fillForm;
// What the panel shows, kept to render it again in the other language:
// { import } after a good file, { error } after a bad one, null when closed.
/** @type {{import?: AmplifyImport, error?: AppError} | null} */
let shown = null;
let fileName = "";
// Bumped when the form opens another profile: an import answered after that is dropped.
let generation = 0;
/** Larger than any real outputs file by far (the core's own limit is the same). */
const MAX_BYTES = 1024 * 1024;

/**
 * `fill(settings)`: puts the imported fields into the profile form.
 * @param {ViewContext} c
 * @param {(settings: ProfileSettings) => void} fill
 */
export function init(c, fill) {
  ctx = c;
  fillForm = fill;
  $("#profile-import").addEventListener("click", () => $("#profile-import-file").click());
  $("#profile-import-file").addEventListener("change", onFile);
  $("#profile-import-close").addEventListener("click", close);
}

export function onLang() {
  render();
}

/** Another profile opened, or a new one: the last import's notes no longer apply. */
export function close() {
  generation += 1;
  shown = null;
  render();
}

async function onFile(event) {
  const file = event.target.files?.[0];
  // Choosing the same file again (after fixing it) must fire "change" again.
  event.target.value = "";
  if (!file) return;
  fileName = file.name;
  if (file.size > MAX_BYTES) {
    // Not read, not sent: the core would refuse it anyway.
    const kib = String(Math.floor(file.size / 1024));
    // The field the core names for the file (profile::amplify FILE_FIELD).
    /** @type {FieldError} */
    const tooLarge = { field: "amplifyOutputs", code: "tooLarge", message: "", params: { kib } };
    shown = { error: { code: "AmplifyOutputsMalformed", message: "", hint: "", fields: [tooLarge] } };
    render();
    return;
  }
  const asked = generation;
  const res = await ctx.run($("#profile-import"), async () =>
    api.importAmplifyOutputs(await file.text()),
  );
  if (asked !== generation) return;
  if (!res.ok) {
    // The panel beside the form says it all (what, where, the fix): not twice.
    ctx.clearError();
    shown = { error: res.error };
    render();
    return;
  }
  fillForm(res.value.settings);
  shown = { import: res.value };
  render();
  ctx.flash(t("amplify.filled", { file: fileName }));
}

function render() {
  const panel = $("#profile-import-panel");
  panel.hidden = !shown;
  if (!shown) return;
  const list = $("#profile-import-notes");
  list.replaceChildren();
  const add = (text) => {
    const li = document.createElement("li");
    li.textContent = text;
    list.append(li);
  };
  panel.classList.toggle("panel-danger", !!shown.error);
  const hint = $("#profile-import-hint");
  hint.hidden = !shown.error;
  if (shown.error) {
    const { message, hint: fix } = errorText(shown.error);
    $("#profile-import-title").textContent = t("amplify.failedTitle", { file: fileName });
    $("#profile-import-summary").textContent = `${message} (${shown.error.code})`;
    const detail = shown.error.fields?.[0];
    if (detail) add(detailText(detail));
    hint.textContent = fix ? `${t("error.hint")} ${fix}` : "";
    return;
  }
  const imp = shown.import;
  $("#profile-import-title").textContent = t("amplify.title", { file: fileName });
  $("#profile-import-summary").textContent = t("amplify.review", { version: imp.version });
  if (imp.mfa) {
    const methods = imp.mfa.methods.length ? imp.mfa.methods.join(", ") : t("amplify.noMethods");
    add(t("amplify.mfa", { configuration: imp.mfa.configuration, methods }));
  }
  for (const note of imp.notes) add(t(`amplify.notes.${note.code}`, { detail: note.detail }));
}

/**
 * The file's problem in the window's language (the key names stay as written).
 * @param {FieldError} detail
 */
function detailText(detail) {
  const key = `amplify.details.${detail.code}`;
  const text = t(key, detail.params || {});
  return text === key ? detail.message : text;
}
