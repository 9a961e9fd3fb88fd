// What the last refresh did, as lines for the session and token pages: which request
// brought the tokens, whether the refresh token rotated (only the last characters of
// the old and the new one), and whether a newer token was taken from the keychain.

import { t, maskedText } from "../strings.js";

/** @typedef {import("../bindings.js").RefreshReport} RefreshReport */

/** The request each refresh path makes (technical names, not translated). */
const REFRESH_OPERATION = {
  getTokensFromRefreshToken: "GetTokensFromRefreshToken",
  refreshTokenAuth: "InitiateAuth REFRESH_TOKEN_AUTH",
  tokenEndpoint: "/oauth2/token",
};

/** @param {string} value */
function code(value) {
  const c = document.createElement("code");
  c.textContent = value;
  return c;
}

/** @param {(string | Node)[]} parts */
function line(...parts) {
  const p = document.createElement("p");
  p.className = "refresh-line";
  p.append(...parts);
  return p;
}

/**
 * @param {RefreshReport} report
 * @returns {HTMLElement[]}
 */
export function refreshReportLines(report) {
  const lines = [line(code(REFRESH_OPERATION[report.path]), " ", t(`session.refreshPath.${report.path}`))];
  if (report.rotated) {
    const rotated = line(t("session.rotated"), " ", code(maskedText(report.rotated.old)), " → ", code(maskedText(report.rotated.new)));
    rotated.dataset.rotated = "";
    lines.push(rotated);
  } else {
    lines.push(line(t("session.notRotated")));
  }
  if (report.tookNewerFromKeychain) lines.push(line(t("session.tookNewer")));
  return lines;
}
