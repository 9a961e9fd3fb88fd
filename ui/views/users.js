// The users page: ListUsers with a filter and pages; one user's details (or two side
// by side, the walkthrough's comparison) with the admin actions on them; new test
// users without a message (SUPPRESS); groups. Destructive actions ask first.

import * as api from "../api.js";
import { t } from "../strings.js";
import { profile, yesNo, dateText } from "./workbench.js";
import { card } from "./usercard.js";

/** The view's markup: app.js puts it on the page when the view is first shown. */
export { usersHtml as markup } from "../markup/workbench.js";

/** @typedef {import("../bindings.js").UserPage_Serialize} UserPage */
/** @typedef {import("../bindings.js").UserDetail_Serialize} UserDetail */
/** @typedef {import("../bindings.js").GroupView_Serialize} GroupView */
/** @typedef {import("../bindings.js").UserFilter_Deserialize} UserFilter */
/** @typedef {import("../bindings.js").NewUser_Deserialize} NewUser */
/** @typedef {import("../bindings.js").ProfileId} ProfileId */
/** @typedef {import("../app.js").ViewContext} ViewContext */
/** @typedef {import("./usercard.js").CardEnv} CardEnv */

const $ = (sel) => document.querySelector(sel);

/** @type {ViewContext} */
let ctx;
/** @type {ProfileId | null} */
let loadedFor = null;
/** @type {UserPage | null} */
let page = null; // UserPage on screen
/** @type {(string | null)[]} */
let tokens = [null]; // pagination token of each page seen; the last is the current page's
/** @type {UserDetail[]} */
let cards = []; // UserDetail[] open (at most two)
/** @type {GroupView[]} */
let groups = []; // GroupView[] of the pool

/** @param {ViewContext} c */
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

/** @returns {UserFilter} */
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

/**
 * @param {string | null} text
 * @param {string} [cls]
 */
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

/**
 * Opens a user's card: alone, or beside the one open when comparing.
 * @param {string} username
 * @param {boolean} compare
 */
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

/** @param {UserDetail} detail */
function replaceCard(detail) {
  cards = cards.map((c) => (c.username === detail.username ? detail : c));
  if (page) page.users = page.users.map((u) => (u.username === detail.username ? { ...u, status: detail.status, enabled: detail.enabled } : u));
  render();
}

function renderCards() {
  const box = $("#user-cards");
  box.classList.toggle("two", cards.length === 2);
  box.replaceChildren(...cards.map((d) => card(d, cards.find((o) => o !== d), cardEnv)));
}

// What a card may do to the page around it.
/** @type {CardEnv} */
const cardEnv = {
  get ctx() {
    return ctx;
  },
  get groups() {
    return groups;
  },
  replace: (detail) => replaceCard(detail),
  rerender: () => renderCards(),
  close: (d) => {
    cards = cards.filter((c) => c.username !== d.username);
    render();
  },
  deleted: (d) => {
    cards = cards.filter((c) => c.username !== d.username);
    loadPage();
  },
};

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
  /** @type {NewUser} */
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
