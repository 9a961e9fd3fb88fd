// A user's devices on the user card (AdminListDevices, AdminForgetDevice): read on
// request, since most pools track none and every read is a call on the timeline.

import * as api from "../api.js";
import { t } from "../strings.js";
import { profile, button } from "./workbench.js";
import { whenText } from "./time.js";

/** @typedef {import("../bindings.js").UserDetail_Serialize} UserDetail */
/** @typedef {import("../bindings.js").DeviceRow} DeviceRow */
/** @typedef {import("./usercard.js").CardEnv} CardEnv */

/**
 * The lists read so far, by profile and user: a card drawn again (another language, a
 * change elsewhere on the card) shows the list it had.
 * @type {Map<string, DeviceRow[]>}
 */
const lists = new Map();

/**
 * @param {UserDetail} d
 * @param {CardEnv} env
 */
export function devicesBlock(d, env) {
  const listKey = `${profile(env.ctx)?.id ?? ""}|${d.username}`;
  const box = document.createElement("div");
  box.className = "user-devices";
  box.dataset.testid = "user-devices";
  const title = document.createElement("h3");
  title.textContent = t("devices.title");
  const list = document.createElement("ul");
  list.className = "device-list";
  const load = button("devices.load");
  load.classList.add("button-small");
  /** @param {DeviceRow[]} rows */
  const show = (rows) => {
    lists.set(listKey, rows);
    list.replaceChildren(
      ...(rows.length ? rows : [null]).map((row) => {
        const li = document.createElement("li");
        if (!row) {
          li.className = "muted small";
          li.textContent = t("devices.none");
          return li;
        }
        li.dataset.device = row.key;
        const name = document.createElement("span");
        name.textContent = row.name || row.key;
        name.title = row.key;
        const facts = document.createElement("span");
        facts.className = "muted small";
        const used = row.lastAuthenticatedAt != null ? whenText(row.lastAuthenticatedAt) : t("session.none");
        const remembered = row.remembered == null ? t("session.none") : t(row.remembered ? "devices.yes" : "devices.no");
        facts.textContent = ` ${t("devices.lastUsed")}: ${used} · ${t("devices.remembered")}: ${remembered} `;
        const forget = button("devices.forget");
        forget.classList.add("button-small");
        forget.setAttribute("aria-label", t("devices.forgetNamed", { name: row.name || row.key }));
        forget.addEventListener("click", async () => {
          const p = profile(env.ctx);
          const res = await env.ctx.run(forget, () => api.adminForgetDevice(p.id, d.username, row.key));
          if (res.ok) show(res.value);
        });
        li.append(name, facts, forget);
        return li;
      }),
    );
  };
  load.addEventListener("click", async () => {
    const p = profile(env.ctx);
    const res = await env.ctx.run(load, () => api.adminUserDevices(p.id, d.username));
    if (res.ok) show(res.value);
  });
  box.append(title, load, list);
  const known = lists.get(listKey);
  if (known) show(known);
  return box;
}
