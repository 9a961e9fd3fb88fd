// The users page: ListUsers with a filter and pages; one user's details (or two side
// by side, the walkthrough's comparison) with the admin actions on them; new test
// users without a message (SUPPRESS); groups. Destructive actions ask first.

import * as api from "../api.js";
import { t } from "../strings.js";
import { profile, yesNo, listText, fillFacts, dateText, button } from "./workbench.js";

const $ = (sel) => document.querySelector(sel);
const METHODS = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"];

let ctx;
let loadedFor = null;
let page = null; // UserPage on screen
let tokens = [null]; // pagination token of each page seen; the last is the current page's
let cards = []; // UserDetail[] open (at most two)
let groups = []; // GroupView[] of the pool
let confirming = null; // username whose deletion is being confirmed

export function init(c) {
  ctx = c;
  $("#users-filter").addEventListener("submit", (e) => {
    e.preventDefault();
    tokens = [null];
    loadPage();
  });
  $("#users-prev").addEventListener("click", () => {
    if (tokens.length > 1) tokens.pop();
    loadPage();
  });
  $("#users-next").addEventListener("click", () => {
    if (page?.next) tokens.push(page.next);
    loadPage();
  });
  $("#users-new").addEventListener("click", () => openCreate(true));
  $("#user-create-cancel").addEventListener("click", () => openCreate(false));
  $("#user-create").addEventListener("submit", onCreate);
  $("#user-create").addEventListener("keydown", (e) => {
    if (e.key === "Escape") openCreate(false);
  });
  $("#users-rows").addEventListener("click", onRowClick);
  $("#users-rows").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.matches("tr[data-username]")) open(e.target.dataset.username, false);
  });
  $("#group-create").addEventListener("submit", onCreateGroup);
}

export function show() {
  const p = profile(ctx);
  if (loadedFor !== p?.id) {
    loadedFor = p?.id ?? null;
    tokens = [null];
    cards = [];
    page = null;
    loadPage();
    loadGroups();
  } else render();
}

export function onLang() {
  render();
}

export function onSession() {}

function filter() {
  return {
    attribute: $("#users-filter-attribute").value,
    prefix: $("#users-filter-op").value === "prefix",
    value: $("#users-filter-value").value,
  };
}

async function loadPage() {
  const p = profile(ctx);
  if (!p) return;
  const token = tokens[tokens.length - 1];
  const res = await ctx.run([$("#users-search"), $("#users-next"), $("#users-prev")], () =>
    api.adminListUsers(p.id, filter(), token),
  );
  page = res.ok ? res.value : null;
  render();
}

async function loadGroups() {
  const p = profile(ctx);
  if (!p) return;
  const res = await ctx.run([], () => api.adminGroups(p.id));
  groups = res.ok ? res.value : [];
  renderGroups();
}

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (cls) td.className = cls;
  return td;
}

function render() {
  const users = page?.users ?? [];
  const open = new Set(cards.map((c) => c.username));
  $("#users-rows").replaceChildren(
    ...users.map((u) => {
      const tr = document.createElement("tr");
      tr.dataset.username = u.username;
      tr.dataset.testid = "user-row";
      tr.tabIndex = 0;
      tr.classList.toggle("selected", open.has(u.username));
      const pick = document.createElement("td");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.className = "compare";
      box.checked = open.has(u.username);
      box.setAttribute("aria-label", t("users.compareUser", { user: u.username }));
      pick.append(box);
      tr.append(
        pick,
        cell(u.username, "mono"),
        cell(u.email, "mono"),
        cell(u.status, "mono"),
        cell(yesNo(u.enabled)),
        cell(dateText(u.created)),
      );
      return tr;
    }),
  );
  $("#users-empty").hidden = users.length > 0 || !page;
  $("#users-empty").textContent = t("users.empty");
  $("#users-prev").disabled = tokens.length <= 1;
  $("#users-next").disabled = !page?.next;
  $("#users-page").textContent = page ? t("users.pageN", { n: tokens.length, count: users.length }) : "";
  renderCards();
  renderGroups();
}

function onRowClick(e) {
  const tr = e.target.closest("tr[data-username]");
  if (!tr) return;
  open(tr.dataset.username, e.target.matches("input.compare"));
}

/** Opens a user's card: alone, or beside the one open when comparing. */
async function open(username, compare) {
  const already = cards.findIndex((c) => c.username === username);
  if (compare && already >= 0) {
    cards.splice(already, 1);
    render();
    return;
  }
  const p = profile(ctx);
  const res = await ctx.run([], () => api.adminUser(p.id, username));
  if (!res.ok) return;
  cards = compare ? [...cards.filter((c) => c.username !== username), res.value].slice(-2) : [res.value];
  render();
  document.querySelector(`.user-card[data-username="${CSS.escape(username)}"] h2`)?.focus();
}

function replaceCard(detail) {
  cards = cards.map((c) => (c.username === detail.username ? detail : c));
  if (page) page.users = page.users.map((u) => (u.username === detail.username ? { ...u, status: detail.status, enabled: detail.enabled } : u));
  render();
}

function mfaState(detail, method) {
  if (!detail.mfaMethods.includes(method)) return "off";
  return detail.preferredMfa === method ? "preferred" : "on";
}

function renderCards() {
  const box = $("#user-cards");
  box.classList.toggle("two", cards.length === 2);
  box.replaceChildren(...cards.map((d) => card(d, cards.find((o) => o !== d))));
}

/** One user's card; `other` is the user beside it (differences are marked). */
function card(d, other) {
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
  close.addEventListener("click", () => {
    cards = cards.filter((c) => c !== d);
    render();
  });
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

  section.append(head, facts, attrs, mfaBlock(d), groupBlock(d), passwordBlock(d), actionsBlock(d));
  return section;
}

function mfaBlock(d) {
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
    const p = profile(ctx);
    let detail = null;
    for (const select of form.querySelectorAll("select")) {
      if (select.value === select.dataset.initial) continue;
      const preference = { method: select.name, enabled: select.value !== "off", preferred: select.value === "preferred" };
      const res = await ctx.run(save, () => api.adminSetUserMfa(p.id, d.username, preference));
      if (!res.ok) return;
      detail = res.value;
    }
    if (detail) {
      replaceCard(detail);
      ctx.flash(t("users.mfaSaved", { user: d.username }));
    }
  });
  return form;
}

function groupBlock(d) {
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
    remove.addEventListener("click", () => membership(d, g, false, remove));
    li.append(remove);
    chips.append(li);
  }
  const add = document.createElement("div");
  add.className = "inline-form";
  const select = document.createElement("select");
  select.setAttribute("aria-label", t("users.addToGroup"));
  for (const g of groups.filter((g) => !d.groups.includes(g.name))) {
    const opt = document.createElement("option");
    opt.value = g.name;
    opt.textContent = g.name;
    select.append(opt);
  }
  const addButton = button("users.addToGroup");
  addButton.disabled = select.options.length === 0;
  addButton.addEventListener("click", () => membership(d, select.value, true, addButton));
  add.append(select, addButton);
  box.append(title, chips, add);
  return box;
}

async function membership(d, group, member, el) {
  const p = profile(ctx);
  const res = await ctx.run(el, () => api.adminSetMembership(p.id, d.username, group, member));
  if (res.ok) replaceCard(res.value);
}

function passwordBlock(d) {
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
    const p = profile(ctx);
    const res = await ctx.run(set, () => api.adminSetPassword(p.id, d.username, input.value, permanent.checked));
    if (!res.ok) return;
    input.value = "";
    replaceCard(res.value);
    ctx.flash(t("users.passwordSet", { user: d.username }));
  });
  return form;
}

function actionsBlock(d) {
  const box = document.createElement("div");
  box.className = "actions wrap";
  const p = profile(ctx);
  const toggle = button(d.enabled ? "users.disable" : "users.enable");
  toggle.addEventListener("click", async () => {
    const res = await ctx.run(toggle, () => api.adminSetEnabled(p.id, d.username, !d.enabled));
    if (res.ok) replaceCard(res.value);
  });
  const reset = button("users.resetPassword");
  reset.addEventListener("click", async () => {
    const res = await ctx.run(reset, () => api.adminResetPassword(p.id, d.username));
    if (res.ok) {
      replaceCard(res.value);
      ctx.flash(t("users.resetDone", { user: d.username }));
    }
  });
  const signOut = button("users.signOutEverywhere");
  signOut.addEventListener("click", async () => {
    const res = await ctx.run(signOut, () => api.adminGlobalSignOut(p.id, d.username));
    if (res.ok) ctx.flash(t("users.signedOut", { user: d.username }));
  });
  const del = button("users.delete", "button button-quiet-danger");
  del.addEventListener("click", () => {
    confirming = d.username;
    renderCards();
    document.querySelector(".user-card .confirm button")?.focus();
  });
  box.append(toggle, reset, signOut, del);
  if (confirming !== d.username) return box;
  const confirm = document.createElement("div");
  confirm.className = "confirm";
  confirm.setAttribute("role", "alertdialog");
  const text = document.createElement("p");
  text.textContent = t("users.confirmDelete", { user: d.username });
  const yes = button("users.deleteYes", "button button-danger");
  const no = button("profiles.cancel");
  const cancel = () => {
    confirming = null;
    renderCards();
  };
  no.addEventListener("click", cancel);
  confirm.addEventListener("keydown", (e) => {
    if (e.key === "Escape") cancel();
  });
  yes.addEventListener("click", async () => {
    const res = await ctx.run(yes, () => api.adminDeleteUser(p.id, d.username));
    if (!res.ok) return;
    confirming = null;
    cards = cards.filter((c) => c.username !== d.username);
    ctx.flash(t("users.deleted", { user: d.username }));
    loadPage();
  });
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(yes, no);
  confirm.append(text, actions);
  const wrap = document.createElement("div");
  wrap.append(box, confirm);
  return wrap;
}

function renderGroups() {
  $("#groups-list").replaceChildren(
    ...groups.map((g) => {
      const li = document.createElement("li");
      li.className = "chip";
      li.textContent = g.name;
      return li;
    }),
  );
}

async function onCreateGroup(e) {
  e.preventDefault();
  const p = profile(ctx);
  const name = $("#group-create-name").value;
  const res = await ctx.run($("#group-create-submit"), () => api.adminCreateGroup(p.id, name));
  if (!res.ok) return;
  groups = res.value;
  $("#group-create-name").value = "";
  render();
}

function openCreate(on) {
  $("#user-create").hidden = !on;
  if (on) $("#user-create-username").focus();
  else $("#users-new").focus();
}

async function onCreate(e) {
  e.preventDefault();
  const p = profile(ctx);
  const email = $("#user-create-email").value.trim();
  const user = {
    // The walkthrough's users sign in with their email: it is the username unless one is typed.
    username: $("#user-create-username").value.trim() || email,
    email: email || null,
    emailVerified: $("#user-create-verified").checked,
    password: $("#user-create-password").value,
    permanent: $("#user-create-permanent").checked,
  };
  const res = await ctx.run($("#user-create-submit"), () => api.adminCreateUser(p.id, user));
  if (!res.ok) return;
  // The form keeps its text on failure; only a created user clears it.
  $("#user-create-password").value = "";
  $("#user-create-username").value = "";
  $("#user-create-email").value = "";
  $("#user-create").hidden = true;
  cards = [res.value];
  ctx.flash(t("users.createdUser", { user: res.value.username }));
  await loadPage();
}
