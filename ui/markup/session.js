// The session page: who is signed in, until when, sign-out (views/session.js fills it).
// Markup only, as static text (no values are interpolated): app.js puts it on the page
// when the view is first shown.

export const sessionHtml = `
      <!-- Session -->
      <section id="view-session" class="view" aria-labelledby="session-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="session-title" data-i18n="session.title">Session</h1>
            <p class="muted"><span id="session-signed-in-with">Signed in</span> · <span id="session-profile"></span></p>
          </div>
          <div class="actions">
            <button type="button" id="session-go-tokens" class="button" data-i18n="session.openTokens">Open token details</button>
            <button type="button" id="session-go-mfa" class="button" data-i18n="session.manageMfa">Manage MFA</button>
          </div>
        </div>

        <p id="session-restored-note" class="info-note" role="status" data-i18n="session.restoredNote" hidden>Session restored from the OS keychain</p>

        <div class="session-grid">
          <div class="panel">
            <dl class="facts">
              <dt data-i18n="session.username">Username</dt>
              <dd id="session-username" class="mono"></dd>
              <dt data-i18n="session.email">Email</dt>
              <dd id="session-email"></dd>
              <dt data-i18n="session.sub">Subject (sub)</dt>
              <dd id="session-sub" class="mono"></dd>
              <dt data-i18n="session.signedInAt">Signed in at</dt>
              <dd id="session-signed-in-at"></dd>
              <dt data-i18n="session.signInMethod">Sign-in method</dt>
              <dd id="session-method"></dd>
              <dt data-i18n="session.storage">Session saved in</dt>
              <dd id="session-storage"></dd>
            </dl>
          </div>
          <div class="panel">
            <h2 class="panel-title" data-i18n="session.expiry">Token expiry</h2>
            <dl id="session-expiry" class="facts">
              <dt data-i18n="session.idToken">ID token</dt>
              <dd id="session-id-expiry"></dd>
              <dt data-i18n="session.accessToken">Access token</dt>
              <dd id="session-access-expiry"></dd>
              <dt data-i18n="session.refreshedAt">Last refreshed</dt>
              <dd id="session-refreshed-at"></dd>
              <dt data-i18n="session.refreshHow" data-refresh-report hidden>How it refreshed</dt>
              <dd id="session-refresh-how" data-refresh-report hidden></dd>
            </dl>
            <div class="actions panel-actions">
              <button type="button" id="session-refresh" class="button" data-i18n="session.refresh">Refresh now</button>
              <span id="session-refresh-status" class="copied-note" role="status" hidden></span>
            </div>
            <p class="field-help" data-i18n="session.refreshHelp"></p>
          </div>
        </div>

        <!-- Above the previews and the long claims table: in view at the default size. -->
        <div class="panel">
          <h2 class="panel-title" data-i18n="session.signoutTitle">Sign out</h2>
          <!-- Only for a managed-login session (views/session.js). -->
          <label id="signout-browser-row" class="check" hidden>
            <input type="checkbox" id="signout-browser" checked>
            <span data-i18n="session.signoutBrowser">Also sign out of managed login in the browser (clears the hosted session cookie)</span>
          </label>
          <div class="signout-grid">
            <div class="signout-option">
              <button type="button" id="signout" class="button" data-i18n="session.signout">Sign out</button>
              <p class="field-help" data-i18n="session.signoutHelp"></p>
            </div>
            <div class="signout-option">
              <button type="button" id="signout-everywhere" class="button button-quiet-danger button-outline-danger" data-i18n="session.signoutEverywhere" aria-describedby="signout-everywhere-help">Sign out everywhere</button>
              <p id="signout-everywhere-help" class="field-help" data-i18n="session.signoutEverywhereHelp"></p>
            </div>
          </div>
        </div>

        <!-- This computer as the user's device (device tracking), and the user's devices. -->
        <div class="panel" id="device-panel" aria-labelledby="device-title">
          <div class="panel-head">
            <h2 class="panel-title" id="device-title" data-i18n="devices.title">Devices</h2>
            <button type="button" id="devices-load" class="button button-small" data-i18n="devices.load">List the user's devices</button>
          </div>
          <p id="device-state" role="status"></p>
          <p id="device-stale" class="warn-text" data-i18n="devices.staleForgotten" hidden></p>
          <div id="device-ask" class="actions" hidden>
            <button type="button" id="device-remember" class="button button-primary" data-i18n="devices.remember">Remember this computer</button>
            <button type="button" id="device-not-now" class="button" data-i18n="devices.notNow">Not now</button>
          </div>
          <table id="devices-table" class="claims" aria-labelledby="device-title" hidden>
            <thead>
              <tr>
                <th scope="col" data-i18n="devices.name">Name</th>
                <th scope="col" data-i18n="devices.lastUsed">Last used</th>
                <th scope="col" data-i18n="devices.remembered">Remembered</th>
                <th scope="col" data-i18n="devices.actions">Action</th>
              </tr>
            </thead>
            <tbody id="devices-rows"></tbody>
          </table>
          <p id="devices-empty" class="muted" data-i18n="devices.none" hidden></p>
        </div>

        <div class="panel">
          <div class="panel-head">
            <h2 class="panel-title" data-i18n="session.previews">Token previews</h2>
            <button type="button" id="session-open-tokens" class="link-button" data-i18n="session.openTokens">Open token details</button>
          </div>
          <dl class="facts facts-tokens">
            <dt data-i18n="session.idToken">ID token</dt>
            <dd class="token-row"><code id="session-id-token" class="token"></code><span class="copy-slot" data-copy-slot="id">
              <span class="copy-token" data-copy="id">
                <button type="button" id="copy-id-token" class="button button-small" data-i18n="copy.copy" data-i18n-aria-label="copy.idToken" aria-label="Copy ID token">Copy</button>
                <span class="copied-note" role="status" hidden></span>
              </span>
            </span></dd>
            <dt data-i18n="session.accessToken">Access token</dt>
            <dd class="token-row"><code id="session-access-token" class="token"></code><span class="copy-slot" data-copy-slot="access">
              <span class="copy-token" data-copy="access">
                <button type="button" id="copy-access-token" class="button button-small" data-i18n="copy.copy" data-i18n-aria-label="copy.accessToken" aria-label="Copy access token">Copy</button>
                <span class="copied-note" role="status" hidden></span>
              </span>
            </span></dd>
          </dl>
        </div>

        <div class="panel">
          <h2 class="panel-title" id="claims-title" data-i18n="session.claims">ID token claims</h2>
          <table id="claims-table" class="claims" aria-labelledby="claims-title">
            <thead>
              <tr><th scope="col" data-i18n="session.claim">Claim</th><th scope="col" data-i18n="session.value">Value</th></tr>
            </thead>
            <tbody></tbody>
          </table>
        </div>

      </section>
`;
