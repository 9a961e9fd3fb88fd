// The tester's workbench pages: the pool, its users, the app client with the
// identity pool, and the doctor (views/pool.js, users.js, appclient.js, doctor.js
// fill them). Markup only, as static text (no values are interpolated): app.js puts
// each on the page when its view is first shown.

export const poolHtml = `
      <!-- The user pool: summary and MFA configuration (views/pool.js) -->
      <section id="view-pool" class="view" aria-labelledby="pool-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="pool-title" data-i18n="pool.title">User pool</h1>
            <p class="muted" data-i18n="pool.intro"></p>
          </div>
          <button type="button" id="pool-reload" class="button" data-i18n="workbench.reload">Reload</button>
        </div>
        <p id="pool-source" class="muted small"></p>
        <div class="workbench-grid">
          <section class="panel" aria-labelledby="pool-summary-title">
            <h2 id="pool-summary-title" class="panel-title" data-i18n="pool.summary">Summary</h2>
            <dl id="pool-summary" class="facts"></dl>
            <p id="pool-empty" class="muted" data-i18n="workbench.notLoaded"></p>
          </section>
          <form id="pool-mfa-form" class="panel form" aria-labelledby="pool-mfa-title" novalidate>
            <h2 id="pool-mfa-title" class="panel-title" data-i18n="pool.mfaTitle">Multi-factor authentication</h2>
            <fieldset class="choice-row">
              <legend data-i18n="pool.mfaMode">MFA</legend>
              <label class="check"><input type="radio" name="pool-mfa-mode" value="OFF"> <span data-i18n="pool.modeOff">Off</span></label>
              <label class="check"><input type="radio" name="pool-mfa-mode" value="OPTIONAL"> <span data-i18n="pool.modeOptional">Optional</span></label>
              <label class="check"><input type="radio" name="pool-mfa-mode" value="ON"> <span data-i18n="pool.modeOn">Required</span></label>
            </fieldset>
            <p class="field-help" data-i18n="pool.modeHelp"></p>
            <fieldset class="choice-row">
              <legend data-i18n="pool.methods">Methods</legend>
              <label class="check"><input type="checkbox" id="pool-mfa-app"> <span data-i18n="pool.methodApp">Authenticator app (TOTP)</span></label>
              <label class="check"><input type="checkbox" id="pool-mfa-sms"> <span data-i18n="pool.methodSms">SMS</span></label>
              <label class="check"><input type="checkbox" id="pool-mfa-email"> <span data-i18n="pool.methodEmail">Email</span></label>
            </fieldset>
            <p class="field-help" data-i18n="pool.orderHelp"></p>
            <fieldset class="plain-group">
              <legend data-i18n="pool.passkeys">Passkeys (WebAuthnConfiguration)</legend>
              <div class="field">
                <label for="pool-passkey-rp" data-i18n="pool.passkeyRp">Relying party id</label>
                <input id="pool-passkey-rp" type="text" spellcheck="false" autocapitalize="off" placeholder="auth.example.com" aria-describedby="pool-passkey-rp-help">
                <p id="pool-passkey-rp-help" class="field-help" data-i18n="pool.passkeyRpHelp"></p>
              </div>
              <label class="check"><input type="checkbox" id="pool-passkey-uv"> <span data-i18n="pool.passkeyUv">Require user verification (a PIN or a fingerprint)</span></label>
            </fieldset>
            <div class="actions">
              <button type="submit" id="pool-mfa-save" class="button button-primary" data-i18n="pool.mfaSave">Save MFA settings</button>
              <span id="pool-mfa-saved" class="saved-note" role="status"></span>
            </div>
          </form>
        </div>
      </section>
`;

export const usersHtml = `
      <!-- Users and groups (views/users.js) -->
      <section id="view-users" class="view" aria-labelledby="users-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="users-title" data-i18n="users.title">Users</h1>
            <p class="muted" data-i18n="users.intro"></p>
          </div>
          <button type="button" id="users-new" class="button" data-i18n="users.new">New test user</button>
        </div>
        <form id="user-create" class="panel form user-create" aria-labelledby="user-create-title" novalidate hidden>
          <h2 id="user-create-title" class="panel-title" data-i18n="users.createTitle">New test user</h2>
          <div class="field-row">
            <div class="field">
              <label for="user-create-username" data-i18n="users.username">Username</label>
              <input id="user-create-username" type="text" spellcheck="false" autocomplete="off" required data-required-unless="user-create-email">
            </div>
            <div class="field">
              <label for="user-create-email" data-i18n="users.email">Email</label>
              <input id="user-create-email" type="email" spellcheck="false" autocomplete="off">
            </div>
            <div class="field">
              <label for="user-create-password" data-i18n="users.password">Password</label>
              <input id="user-create-password" type="password" autocomplete="new-password" required>
            </div>
          </div>
          <div class="choice-row">
            <label class="check"><input type="checkbox" id="user-create-verified" checked> <span data-i18n="users.emailVerified">Email verified (email_verified = true)</span></label>
            <label class="check"><input type="checkbox" id="user-create-permanent" checked> <span data-i18n="users.permanent">Permanent password (no new password at first sign-in)</span></label>
          </div>
          <p class="field-help" data-i18n="users.createHelp"></p>
          <div class="actions">
            <button type="submit" id="user-create-submit" class="button button-primary" data-i18n="users.create">Create user</button>
            <button type="button" id="user-create-cancel" class="button" data-i18n="profiles.cancel">Cancel</button>
          </div>
        </form>
        <form id="users-filter" class="users-filter" novalidate>
          <label for="users-filter-attribute" data-i18n="users.filter">Filter</label>
          <select id="users-filter-attribute">
            <option value="email">email</option>
            <option value="username">username</option>
            <option value="phone_number">phone_number</option>
            <option value="name">name</option>
            <option value="preferred_username">preferred_username</option>
            <option value="cognito:user_status">cognito:user_status</option>
            <option value="status">status</option>
            <option value="sub">sub</option>
          </select>
          <select id="users-filter-op" data-i18n-aria-label="users.filterOp" aria-label="Match">
            <option value="prefix" data-i18n="users.startsWith">starts with</option>
            <option value="exact" data-i18n="users.equals">is</option>
          </select>
          <input id="users-filter-value" type="search" spellcheck="false" data-i18n-aria-label="users.filterValue" aria-label="Value">
          <button type="submit" id="users-search" class="button" data-i18n="users.search">Search</button>
        </form>
        <div class="panel users-panel">
          <table class="claims users-table" data-testid="users">
            <thead>
              <tr>
                <th data-i18n="users.compare">Compare</th>
                <th data-i18n="users.username">Username</th>
                <th data-i18n="users.email">Email</th>
                <th data-i18n="users.status">Status</th>
                <th data-i18n="users.enabled">Enabled</th>
                <th data-i18n="users.created">Created</th>
              </tr>
            </thead>
            <tbody id="users-rows"></tbody>
          </table>
          <p id="users-empty" class="muted" hidden></p>
          <div class="pager">
            <button type="button" id="users-prev" class="button" data-i18n="users.prev">Previous page</button>
            <span id="users-page" class="muted small"></span>
            <button type="button" id="users-next" class="button" data-i18n="users.next">Next page</button>
          </div>
        </div>
        <div id="user-cards" class="user-cards"></div>
        <section class="panel" aria-labelledby="groups-title">
          <h2 id="groups-title" class="panel-title" data-i18n="users.groups">Groups</h2>
          <p class="field-help" data-i18n="users.groupsHelp"></p>
          <ul id="groups-list" class="chips"></ul>
          <form id="group-create" class="inline-form" novalidate>
            <label for="group-create-name" data-i18n="users.newGroup">New group</label>
            <input id="group-create-name" type="text" spellcheck="false">
            <button type="submit" id="group-create-submit" class="button" data-i18n="users.createGroup">Create group</button>
          </form>
        </section>
      </section>
`;

export const appClientHtml = `
      <!-- The app client and the identity pool (views/appclient.js) -->
      <section id="view-appclient" class="view" aria-labelledby="appclient-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="appclient-title" data-i18n="appclient.title">App client</h1>
            <p class="muted" data-i18n="appclient.intro"></p>
          </div>
          <button type="button" id="appclient-reload" class="button" data-i18n="workbench.reload">Reload</button>
        </div>
        <div class="workbench-grid">
          <section class="panel" aria-labelledby="appclient-facts-title">
            <h2 id="appclient-facts-title" class="panel-title" data-i18n="appclient.details">Details</h2>
            <dl id="appclient-facts" class="facts"></dl>
          </section>
          <form id="appclient-form" class="panel form" aria-labelledby="appclient-edit-title" novalidate>
            <div class="card-head">
              <h2 id="appclient-edit-title" class="panel-title" data-i18n="appclient.edit">Settings</h2>
              <span id="appclient-saved" class="saved-note" role="status"></span>
              <button type="submit" id="appclient-save" class="button button-primary" data-i18n="appclient.save">Save app client</button>
            </div>
            <fieldset class="choice-grid" id="appclient-flows">
              <legend data-i18n="appclient.authFlows">Authentication flows</legend>
            </fieldset>
            <div class="field">
              <label for="appclient-callbacks" data-i18n="appclient.callbacks">Callback URLs (one per line)</label>
              <textarea id="appclient-callbacks" rows="2" spellcheck="false" class="mono"></textarea>
            </div>
            <div class="field">
              <label for="appclient-logouts" data-i18n="appclient.logouts">Sign-out URLs (one per line)</label>
              <textarea id="appclient-logouts" rows="2" spellcheck="false" class="mono"></textarea>
            </div>
            <fieldset class="choice-row" id="appclient-oauth-flows">
              <legend data-i18n="appclient.oauthFlows">OAuth grant types</legend>
            </fieldset>
            <div class="field">
              <label for="appclient-scopes" data-i18n="appclient.scopes">OAuth scopes (space-separated)</label>
              <input id="appclient-scopes" type="text" spellcheck="false" class="mono">
            </div>
            <div class="choice-row">
              <label class="check"><input type="checkbox" id="appclient-oauth-enabled"> <span data-i18n="appclient.oauthEnabled">Managed login on for this client</span></label>
              <label class="check"><input type="checkbox" id="appclient-revocation"> <span data-i18n="appclient.revocation">Token revocation</span></label>
            </div>
            <div class="choice-row">
              <label class="check"><input type="checkbox" id="appclient-rotation" aria-describedby="appclient-rotation-help"> <span data-i18n="appclient.rotation">Refresh-token rotation</span></label>
              <label for="appclient-grace" data-i18n="appclient.grace">Grace period (seconds, 0–60)</label>
              <input id="appclient-grace" type="number" min="0" max="60" step="1" inputmode="numeric" class="input-narrow">
            </div>
            <p id="appclient-rotation-help" class="field-help" data-i18n="appclient.rotationHelp"></p>
            <p class="field-help" data-i18n="appclient.completeHelp"></p>
          </form>
        </div>
        <section class="panel" aria-labelledby="identity-title">
          <h2 id="identity-title" class="panel-title" data-i18n="appclient.identityTitle">Identity pool</h2>
          <p id="identity-none" class="muted" data-i18n="appclient.identityNone" hidden></p>
          <dl id="identity-facts" class="facts"></dl>
          <table class="claims" id="identity-providers-table" hidden>
            <thead>
              <tr>
                <th data-i18n="appclient.provider">Provider</th>
                <th data-i18n="appclient.clientId">App client</th>
                <th data-i18n="appclient.serverSideCheck">Server-side token check</th>
              </tr>
            </thead>
            <tbody id="identity-providers"></tbody>
          </table>
        </section>
      </section>
`;

export const doctorHtml = `
      <!-- The pool doctor (views/doctor.js) -->
      <section id="view-doctor" class="view" aria-labelledby="doctor-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="doctor-title" data-i18n="doctor.title">Pool doctor</h1>
            <p class="muted" data-i18n="doctor.intro"></p>
          </div>
          <button type="button" id="doctor-run" class="button button-primary" data-i18n="doctor.run">Check again</button>
        </div>
        <p id="doctor-summary" class="muted" role="status"></p>
        <ul id="doctor-checks" class="doctor-checks" data-testid="doctor-checks"></ul>
      </section>
`;
