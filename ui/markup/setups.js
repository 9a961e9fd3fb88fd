// The workbench's test setups (views/setups.js fills it): the form that makes one, its
// progress step by step, and the setups made on this computer with their tear-down.
// Markup only, as static text: app.js puts it on the page when the view is first shown.

export const setupsHtml = `
      <section id="view-setups" class="view" aria-labelledby="setups-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="setups-title" data-i18n="setups.title">Test setups</h1>
            <p class="muted" data-i18n="setups.intro"></p>
          </div>
          <div class="actions">
            <button type="button" id="setups-template" class="button" data-i18n="setups.copyTemplate">Copy CloudFormation template</button>
            <span id="setups-template-note" class="saved-note" role="status"></span>
          </div>
        </div>
        <form id="setup-form" class="panel form setup-form" aria-labelledby="setup-form-title" novalidate autocomplete="off">
          <h2 id="setup-form-title" class="panel-title" data-i18n="setups.newTitle">New test setup</h2>
          <div class="field-row">
            <div class="field">
              <label for="setup-name" data-i18n="setups.name">Name</label>
              <input id="setup-name" name="name" type="text" required spellcheck="false" autocapitalize="off" class="mono" placeholder="team-a-test" aria-describedby="setup-name-help setup-name-error">
              <p id="setup-name-help" class="field-help" data-i18n="setups.nameHelp"></p>
              <p id="setup-name-error" class="field-error" data-error-for="name"></p>
            </div>
            <div class="field">
              <label for="setup-region" data-i18n="setups.region">Region</label>
              <input id="setup-region" name="region" type="text" required spellcheck="false" class="mono" placeholder="ap-northeast-1" aria-describedby="setup-region-error">
              <p id="setup-region-error" class="field-error" data-error-for="region"></p>
            </div>
          </div>
          <div class="field-row">
            <div class="field">
              <label for="setup-admin-credentials" data-i18n="profiles.adminCredentials">Admin credentials</label>
              <select id="setup-admin-credentials" name="adminCredentials" aria-describedby="setup-admin-credentials-error">
                <option value="sharedProfile" data-i18n="profiles.adminSharedProfile">A named AWS profile (~/.aws/config)</option>
                <option value="environment" data-i18n="profiles.adminEnvironment">The environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, …)</option>
                <option value="emulatorTest" data-i18n="profiles.adminEmulator">The emulator's test credentials</option>
              </select>
              <p id="setup-admin-credentials-error" class="field-error" data-error-for="adminCredentials"></p>
            </div>
            <div class="field" id="setup-admin-profile-field">
              <label for="setup-admin-profile" data-i18n="profiles.adminProfile">AWS profile name</label>
              <input id="setup-admin-profile" name="adminProfile" type="text" spellcheck="false" class="mono" placeholder="dev-admin" aria-describedby="setup-admin-profile-error">
              <p id="setup-admin-profile-error" class="field-error" data-error-for="adminProfile"></p>
            </div>
          </div>
          <div class="field-row">
            <div class="field">
              <label for="setup-password" data-i18n="setups.password">Test users' password</label>
              <input id="setup-password" name="password" type="password" required autocomplete="new-password" aria-describedby="setup-password-help">
              <p id="setup-password-help" class="field-help" data-i18n="setups.passwordHelp"></p>
            </div>
            <div class="field">
              <label for="setup-endpoint"><span data-i18n="setups.endpoint">Endpoint override</span> <span class="muted small" data-i18n="setups.optional">(optional)</span></label>
              <input id="setup-endpoint" name="endpoint" type="url" spellcheck="false" class="mono" placeholder="http://127.0.0.1:4566" aria-describedby="setup-endpoint-help setup-endpoint-error">
              <p id="setup-endpoint-help" class="field-help" data-i18n="setups.endpointHelp"></p>
              <p id="setup-endpoint-error" class="field-error" data-error-for="endpoint"></p>
            </div>
          </div>
          <details id="setup-options" class="setup-options">
            <summary data-i18n="setups.options">Options</summary>
            <div class="field">
              <label for="setup-sign-in-flow" data-i18n="profiles.signInFlow">Sign-in flow</label>
              <select id="setup-sign-in-flow" name="signInFlow" aria-describedby="setup-sign-in-flow-error">
                <option value="srp" data-i18n="profiles.flowSrp">SRP (USER_SRP_AUTH)</option>
                <option value="password" data-i18n="profiles.flowPassword">Password (USER_PASSWORD_AUTH)</option>
                <option value="userAuth" data-i18n="profiles.flowUserAuth">Choice-based (USER_AUTH)</option>
              </select>
              <p id="setup-sign-in-flow-error" class="field-error" data-error-for="signInFlow"></p>
            </div>
            <div class="setup-checks">
            <label class="check"><input type="checkbox" id="setup-mfa-required"> <span data-i18n="setups.mfaRequired">MFA required (else optional)</span></label>
            <label class="check"><input type="checkbox" id="setup-sms-mfa"> <span data-i18n="setups.smsMfa">SMS as an MFA method</span></label>
            <label class="check"><input type="checkbox" id="setup-device-tracking"> <span data-i18n="setups.deviceTracking">Remember devices</span></label>
            <label class="check"><input type="checkbox" id="setup-client-secret"> <span data-i18n="setups.clientSecret">App client with a secret</span></label>
            <label class="check"><input type="checkbox" id="setup-refresh-rotation"> <span data-i18n="setups.refreshRotation">Refresh-token rotation</span></label>
            </div>
            <div class="field">
              <label for="setup-email-mfa"><span data-i18n="setups.emailMfa">Email as an MFA method: SES identity ARN</span> <span class="muted small" data-i18n="setups.optional">(optional)</span></label>
              <input id="setup-email-mfa" name="emailMfaIdentity" type="text" spellcheck="false" autocapitalize="off" class="mono" placeholder="arn:aws:ses:ap-northeast-1:111122223333:identity/example.com" aria-describedby="setup-email-mfa-help setup-email-mfa-error">
              <p id="setup-email-mfa-help" class="field-help" data-i18n="setups.emailMfaHelp"></p>
              <p id="setup-email-mfa-error" class="field-error" data-error-for="emailMfaIdentity"></p>
            </div>
            <div class="field">
              <label for="setup-managed-login"><span data-i18n="setups.managedLogin">Managed login domain prefix</span> <span class="muted small" data-i18n="setups.optional">(optional)</span></label>
              <input id="setup-managed-login" name="managedLoginPrefix" type="text" spellcheck="false" autocapitalize="off" class="mono" placeholder="team-a-login" aria-describedby="setup-managed-login-help setup-managed-login-error">
              <p id="setup-managed-login-help" class="field-help" data-i18n="setups.managedLoginHelp"></p>
              <p id="setup-managed-login-error" class="field-error" data-error-for="managedLoginPrefix"></p>
            </div>
            <div class="field">
              <label for="setup-passkeys"><span data-i18n="setups.passkeys">Passkeys: relying party id</span> <span class="muted small" data-i18n="setups.optional">(optional)</span></label>
              <input id="setup-passkeys" name="passkeyRelyingParty" type="text" spellcheck="false" autocapitalize="off" class="mono" placeholder="auth.example.com" aria-describedby="setup-passkeys-help setup-passkeys-error">
              <p id="setup-passkeys-help" class="field-help" data-i18n="setups.passkeysHelp"></p>
              <p id="setup-passkeys-error" class="field-error" data-error-for="passkeyRelyingParty"></p>
            </div>
          </details>
          <p id="setup-session-note" class="muted small" data-i18n="setups.sessionNote" hidden></p>
          <div class="actions">
            <button type="submit" id="setup-create" class="button button-primary" data-i18n="setups.create">Create test setup</button>
          </div>
        </form>
        <section class="panel" aria-labelledby="setup-progress-title">
          <h2 id="setup-progress-title" class="panel-title" data-i18n="setups.progress">Progress</h2>
          <p id="setup-progress-idle" class="muted" data-i18n="setups.progressIdle"></p>
          <ol id="setup-steps" class="setup-steps" aria-live="polite"></ol>
          <div id="setup-outcome" class="setup-outcome" role="status" hidden>
            <p id="setup-outcome-title" class="setup-outcome-title"></p>
            <dl id="setup-outcome-facts" class="facts"></dl>
            <div class="actions">
              <button type="button" id="setup-sign-in" class="button button-primary" data-i18n="setups.signIn">Sign in as the MFA user</button>
            </div>
          </div>
        </section>
        <section class="panel" aria-labelledby="setups-list-title">
          <h2 id="setups-list-title" class="panel-title" data-i18n="setups.listTitle">Setups on this computer</h2>
          <table class="claims setups-table" id="setups-table" hidden>
            <thead>
              <tr>
                <th data-i18n="setups.name">Name</th>
                <th data-i18n="setups.where">Where</th>
                <th data-i18n="setups.created">Created</th>
                <th data-i18n="setups.resources">Resources</th>
                <th data-i18n="setups.state">State</th>
                <th data-i18n="setups.actions">Actions</th>
              </tr>
            </thead>
            <tbody id="setups-rows"></tbody>
          </table>
          <p id="setups-empty" class="muted" data-i18n="setups.empty" hidden></p>
        </section>
      </section>
`;
