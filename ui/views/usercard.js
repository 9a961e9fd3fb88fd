// One user's card on the users page: facts (differences from the user beside it
// marked), attributes, MFA per method, groups, password, and the actions that
// disturb a user, each confirmed first. `env` is what the card may do to the page:
// {ctx, groups, replace(detail), rerender(), close(d), deleted(d)}.

import * as api from "../api.js";
import { t } from "../strings.js";
import { profile, yesNo, listText, fillFacts, dateText, button } from "./workbench.js";
import { devicesBlock } from "./userdevices.js";

/** @typedef {import("../bindings.js").UserDetail_Serialize} UserDetail */
/** @typedef {import("../bindings.js").GroupView_Serialize} GroupView */
/** @typedef {import("../bindings.js").MfaMethod} MfaMethod */
/** @typedef {import("../bindings.js").MfaPreferenceInput_Deserialize} MfaPreferenceInput */
/** @typedef {import("../app.js").ViewContext} ViewContext */

/**
 * What a card may do to the page around it.
 * @typedef {object} CardEnv
 * @property {ViewContext} ctx
 * @property {GroupView[]} groups the pool's groups
 * @property {(detail: UserDetail) => void} replace
 * @property {() => void} rerender
 * @property {(d: UserDetail) => void} close
 * @property {(d: UserDetail) => void} deleted
 */

/** @typedef {"reset" | "signOut" | "delete"} ConfirmAction */

/** @type {MfaMethod[]} */
const METHODS = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"];

/** @type {{username: string, action: ConfirmAction} | null} */
let confirming = null; // {username, action} of the action waiting for a yes

/**
 * @param {UserDetail} detail
 * @param {MfaMethod} method
 */
function mfaState(detail, method) {
  if (!detail.mfaMethods.includes(method)) return "off";
  return detail.preferredMfa === method ? "preferred" : "on";
}

/**
 * One user's card; `other` is the user beside it (differences are marked).
 * @param {UserDetail} d
 * @param {UserDetail | undefined} other
 * @param {CardEnv} env
 */
export function card(d, other, env) {
  const section = document.createElement("section");
  section.className = "panel user-card";
  section.dataset.username = d.username;
  section.dataset.testid = "user-card";
  const head = document.createElement("div");
  head.className = "card-head";
  const h2 = document.createElement("h2");
  h2.className = "panel-title mono";
  h2.tabIndex = -1;
  h2.textContent = d.username;
  const close = button("users.close", "button button-quiet");
  close.addEventListener("click", () => env.close(d));
  head.append(h2, close);

  const facts = document.createElement("dl");
  facts.className = "facts";
  fillFacts(facts, [
    [t("users.status"), d.status],
    [t("users.enabled"), yesNo(d.enabled)],
    [t("users.preferredMfa"), d.preferredMfa || t("workbench.none")],
    [t("users.mfaMethods"), listText(d.mfaMethods)],
    [t("users.groups"), listText(d.groups)],
    [t("users.created"), dateText(d.created)],
    [t("users.modified"), dateText(d.modified)],
  ]);
  if (other) {
    // The walkthrough's comparison: mark what differs from the user beside.
    const mine = [d.status, d.enabled, d.preferredMfa || "", d.mfaMethods.join(), d.groups.join()];
    const theirs = [other.status, other.enabled, other.preferredMfa || "", other.mfaMethods.join(), other.groups.join()];
    const dds = facts.querySelectorAll("dd");
    mine.forEach((v, i) => dds[i].classList.toggle("differs", v !== theirs[i]));
  }

  const attrs = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = t("users.attributes", { n: d.attributes.length });
  const attrList = document.createElement("dl");
  attrList.className = "facts mono small";
  fillFacts(attrList, d.attributes);
  attrs.append(summary, attrList);

  section.append(
    head,
    facts,
    attrs,
    mfaBlock(d, env),
    groupBlock(d, env),
    devicesBlock(d, env),
    passkeysBlock(d),
    passwordBlock(d, env),
    actionsBlock(d, env),
  );
  return section;
}

/**
 * Why the card lists no passkeys, and where the user's own list is.
 * @param {UserDetail} d
 */
function passkeysBlock(d) {
  const box = document.createElement("div");
  box.className = "user-passkeys";
  box.dataset.testid = "user-passkeys";
  const title = document.createElement("h3");
  title.textContent = t("users.passkeysTitle");
  const why = document.createElement("p");
  why.className = "muted small";
  why.textContent = t("users.passkeysNoAdminCall", { user: d.username });
  box.append(title, why);
  return box;
}

/**
 * @param {UserDetail} d
 * @param {CardEnv} env
 */
function mfaBlock(d, env) {
  const form = document.createElement("form");
  form.className = "user-mfa";
  form.noValidate = true;
  const title = document.createElement("h3");
  title.textContent = t("users.mfaTitle");
  form.append(title);
  for (const method of METHODS) {
    const row = document.createElement("label");
    row.className = "field-inline";
    const name = document.createElement("span");
    name.textContent = t(`users.method.${method}`);
    const select = document.createElement("select");
    select.name = method;
    select.dataset.testid = `mfa-${method}`;
    for (const value of ["off", "on", "preferred"]) {
      const opt = document.createElement("option");
      opt.value = value;
      opt.textContent = t(`users.mfaState.${value}`);
      select.append(opt);
    }
    select.value = mfaState(d, method);
    select.dataset.initial = select.value;
    select.addEventListener("change", () => save.toggleAttribute("disabled", false));
    row.append(name, select);
    form.append(row);
  }
  const help = document.createElement("p");
  help.className = "field-help";
  help.textContent = t("users.mfaHelp");
  const save = button("users.mfaSave", "button");
  save.type = "submit";
  form.append(help, save);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const p = profile(env.ctx);
    /** @type {UserDetail | null} */
    let detail = null;
    for (const select of form.querySelectorAll("select")) {
      if (select.value === select.dataset.initial) continue;
      /** @type {MfaPreferenceInput} */
      const preference = { method: select.name, enabled: select.value !== "off", preferred: select.value === "preferred" };
      const res = await env.ctx.run(save, () => api.adminSetUserMfa(p.id, d.username, preference));
      if (!res.ok) return;
      detail = res.value;
    }
    if (detail) {
      env.replace(detail);
      env.ctx.flash(t("users.mfaSaved", { user: d.username }));
    }
  });
  return form;
}

/**
 * @param {UserDetail} d
 * @param {CardEnv} env
 */
function groupBlock(d, env) {
  const box = document.createElement("div");
  box.className = "user-groups";
  const title = document.createElement("h3");
  title.textContent = t("users.groups");
  const chips = document.createElement("ul");
  chips.className = "chips";
  for (const g of d.groups) {
    const li = document.createElement("li");
    li.className = "chip";
    li.textContent = g;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip-remove";
    remove.textContent = "×";
    remove.setAttribute("aria-label", t("users.removeFrom", { group: g }));
    remove.addEventListener("click", () => membership(d, g, false, remove, env));
    li.append(remove);
    chips.append(li);
  }
  const add = document.createElement("div");
  add.className = "inline-form";
  const select = document.createElement("select");
  select.setAttribute("aria-label", t("users.addToGroup"));
  for (const g of env.groups.filter((g) => !d.groups.includes(g.name))) {
    const opt = document.createElement("option");
    opt.value = g.name;
    opt.textContent = g.name;
    select.append(opt);
  }
  const addButton = button("users.addToGroup");
  addButton.addEventListener("click", () => membership(d, select.value, true, addButton, env));
  add.append(select, addButton);
  if (select.options.length === 0) {
    // Nothing to add to: say why instead of an empty list.
    const none = document.createElement("p");
    none.className = "muted small";
    none.textContent = t(env.groups.length ? "users.inEveryGroup" : "users.noGroups");
    box.append(title, chips, none);
  } else box.append(title, chips, add);
  return box;
}

/**
 * @param {UserDetail} d
 * @param {string} group
 * @param {boolean} member
 * @param {CardEnv} env
 */
async function membership(d, group, member, el, env) {
  const p = profile(env.ctx);
  const res = await env.ctx.run(el, () => api.adminSetMembership(p.id, d.username, group, member));
  if (res.ok) env.replace(res.value);
}

/**
 * @param {UserDetail} d
 * @param {CardEnv} env
 */
function passwordBlock(d, env) {
  const form = document.createElement("form");
  form.className = "inline-form";
  form.noValidate = true;
  const input = document.createElement("input");
  input.type = "password";
  input.autocomplete = "new-password";
  input.setAttribute("aria-label", t("users.newPassword"));
  input.placeholder = t("users.newPassword");
  const permanentLabel = document.createElement("label");
  permanentLabel.className = "check";
  const permanent = document.createElement("input");
  permanent.type = "checkbox";
  permanent.checked = true;
  const span = document.createElement("span");
  span.textContent = t("users.permanentShort");
  permanentLabel.append(permanent, span);
  const set = button("users.setPassword");
  set.type = "submit";
  form.append(input, permanentLabel, set);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const p = profile(env.ctx);
    const res = await env.ctx.run(set, () => api.adminSetPassword(p.id, d.username, input.value, permanent.checked));
    if (!res.ok) return;
    input.value = "";
    env.replace(res.value);
    env.ctx.flash(t("users.passwordSet", { user: d.username }));
  });
  return form;
}

// The actions that disturb a user ask first: which one is being confirmed.
const CONFIRM = {
  reset: { text: "users.confirmReset", yes: "users.resetPassword" },
  signOut: { text: "users.confirmSignOut", yes: "users.signOutEverywhere" },
  delete: { text: "users.confirmDelete", yes: "users.deleteYes" },
};

/**
 * @param {UserDetail} d
 * @param {CardEnv} env
 */
function actionsBlock(d, env) {
  const box = document.createElement("div");
  box.className = "actions wrap";
  const p = profile(env.ctx);
  const toggle = button(d.enabled ? "users.disable" : "users.enable");
  toggle.addEventListener("click", async () => {
    const res = await env.ctx.run(toggle, () => api.adminSetEnabled(p.id, d.username, !d.enabled));
    if (res.ok) env.replace(res.value);
  });
  const ask = (/** @type {ConfirmAction} */ action, /** @type {string} */ key, className = "button") => {
    const b = button(key, className);
    b.dataset.action = action;
    b.addEventListener("click", () => {
      confirming = { username: d.username, action };
      env.rerender();
      document.querySelector(".user-card .confirm button")?.focus();
    });
    return b;
  };
  box.append(
    toggle,
    ask("reset", "users.resetPassword"),
    ask("signOut", "users.signOutEverywhere"),
    ask("delete", "users.delete", "button button-quiet-danger"),
  );
  if (confirming?.username !== d.username) return box;
  const action = confirming.action;
  const confirm = document.createElement("div");
  confirm.className = "confirm";
  confirm.setAttribute("role", "alertdialog");
  const text = document.createElement("p");
  text.textContent = t(CONFIRM[action].text, { user: d.username });
  const yes = button(CONFIRM[action].yes, action === "delete" ? "button button-danger" : "button button-primary");
  yes.dataset.testid = "confirm-yes";
  const no = button("profiles.cancel");
  const cancel = () => {
    confirming = null;
    env.rerender();
  };
  no.addEventListener("click", cancel);
  confirm.addEventListener("keydown", (e) => {
    if (e.key === "Escape") cancel();
  });
  yes.addEventListener("click", () => perform(d, action, yes, env));
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(yes, no);
  confirm.append(text, actions);
  const wrap = document.createElement("div");
  wrap.append(box, confirm);
  return wrap;
}

/**
 * @param {UserDetail} d
 * @param {ConfirmAction} action
 * @param {CardEnv} env
 */
async function perform(d, action, el, env) {
  const p = profile(env.ctx);
  const calls = {
    reset: () => api.adminResetPassword(p.id, d.username),
    signOut: () => api.adminGlobalSignOut(p.id, d.username),
    delete: () => api.adminDeleteUser(p.id, d.username),
  };
  const res = await env.ctx.run(el, calls[action]);
  if (!res.ok) return;
  confirming = null;
  if (action === "reset") {
    env.replace(res.value);
    env.ctx.flash(t("users.resetDone", { user: d.username }));
  } else if (action === "signOut") {
    env.rerender();
    env.ctx.flash(t("users.signedOut", { user: d.username }));
  } else {
    env.ctx.flash(t("users.deleted", { user: d.username }));
    env.deleted(d);
  }
}

