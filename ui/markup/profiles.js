// The profiles page: the list and the form (views/profiles.js fills it).
// Markup only, as static text (no values are interpolated): app.js puts it on the page
// when the view is first shown.

export const profilesHtml = `
      <!-- Profiles -->
      <section id="view-profiles" class="view" aria-labelledby="profiles-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="profiles-title" data-i18n="profiles.title">Profiles</h1>
            <p class="muted" data-i18n="profiles.intro"></p>
          </div>
          <div class="actions">
            <button type="button" id="profile-file-import" class="button" data-i18n="profileFile.import" data-i18n-title="profileFile.importHelp">Import profile…</button>
            <input type="file" id="profile-file-import-file" accept=".json,application/json" hidden>
            <button type="button" id="profile-import" class="button" data-i18n="amplify.import" data-i18n-title="amplify.importHelp">Import amplify_outputs.json…</button>
            <input type="file" id="profile-import-file" accept=".json,application/json" hidden>
            <button type="button" id="new-profile" class="button" data-i18n="profiles.new">New profile</button>
          </div>
        </div>

        <div id="profiles-load-error" class="panel panel-danger" hidden>
          <h2 data-i18n="profiles.loadErrorTitle">Your profiles could not be loaded</h2>
          <p id="profiles-load-error-message"></p>
          <p id="profiles-load-error-hint" class="muted"></p>
          <button type="button" id="profiles-reset" class="button button-danger" data-i18n="profiles.reset">Move the broken file aside and start fresh</button>
        </div>

        <div class="profiles-layout">
          <div class="panel profile-list-panel">
            <h2 class="panel-title" id="profile-list-title" data-i18n="profiles.listLabel">Saved profiles</h2>
            <ul id="profile-list" class="profile-list" aria-labelledby="profile-list-title"></ul>
            <p id="profile-list-empty" class="muted empty" data-i18n="profiles.empty" hidden></p>
          </div>

          <form id="profile-form" class="panel form" novalidate autocomplete="off" data-own-validation>
            <h2 id="profile-form-title" class="panel-title"></h2>

            <div id="profile-import-panel" class="import-panel" role="status" hidden>
              <div class="import-head">
                <h3 id="profile-import-title"></h3>
                <button type="button" id="profile-import-close" class="button button-small" data-i18n="amplify.close">Close</button>
              </div>
              <p id="profile-import-summary"></p>
              <ul id="profile-import-notes"></ul>
              <p id="profile-import-hint" class="muted small" hidden></p>
            </div>

            <div id="profile-file-panel" class="import-panel" role="status" hidden>
              <div class="import-head">
                <h3 id="profile-file-title"></h3>
                <button type="button" id="profile-file-close" class="button button-small" data-i18n="profileFile.close">Close</button>
              </div>
              <p id="profile-file-summary"></p>
              <ul id="profile-file-problems"></ul>
              <p id="profile-file-hint" class="muted small" hidden></p>
            </div>

            <div id="profile-export-panel" class="import-panel export-panel" role="region" aria-labelledby="profile-export-title" hidden>
              <div class="import-head">
                <h3 id="profile-export-title"></h3>
                <button type="button" id="profile-export-close" class="button button-small" data-i18n="profileFile.close">Close</button>
              </div>
              <p class="muted small" data-i18n="profileFile.exportHelp"></p>
              <pre id="profile-export-json" class="mono export-json" tabindex="0"></pre>
              <div class="actions">
                <button type="button" id="profile-export-save" class="button button-primary" data-i18n="profileFile.save">Save to Downloads</button>
                <button type="button" id="profile-export-copy" class="button" data-i18n="profileFile.copy">Copy</button>
                <span id="profile-export-saved" class="saved-note" role="status" hidden></span>
              </div>
            </div>

            <div class="field">
              <label for="profile-name" data-i18n="profiles.name">Name</label>
              <input id="profile-name" name="name" type="text" required spellcheck="false" aria-describedby="profile-name-error" data-i18n-placeholder="profiles.namePlaceholder">
              <p id="profile-name-error" class="field-error" data-error-for="name"></p>
            </div>
            <div class="field-row">
              <div class="field">
                <label for="profile-region" data-i18n="profiles.region">Region</label>
                <input id="profile-region" name="region" type="text" required spellcheck="false" aria-describedby="profile-region-error" data-i18n-placeholder="profiles.regionPlaceholder">
                <p id="profile-region-error" class="field-error" data-error-for="region"></p>
              </div>
              <div class="field">
                <label for="profile-user-pool-id" data-i18n="profiles.userPoolId">User pool ID</label>
                <input id="profile-user-pool-id" name="userPoolId" type="text" required spellcheck="false" class="mono" placeholder="ap-northeast-1_AbCdEf123" aria-describedby="profile-user-pool-id-error">
                <p id="profile-user-pool-id-error" class="field-error" data-error-for="userPoolId"></p>
              </div>
            </div>
            <div class="field">
              <label for="profile-client-id" data-i18n="profiles.clientId">App client ID</label>
              <input id="profile-client-id" name="clientId" type="text" required spellcheck="false" class="mono" aria-describedby="profile-client-id-error">
              <p id="profile-client-id-error" class="field-error" data-error-for="clientId"></p>
            </div>
            <div class="field">
              <label for="profile-sign-in-flow" data-i18n="profiles.signInFlow">Sign-in flow</label>
              <select id="profile-sign-in-flow" name="signInFlow" aria-describedby="profile-sign-in-flow-help">
                <option value="srp" data-i18n="profiles.flowSrp">SRP (USER_SRP_AUTH)</option>
                <option value="password" data-i18n="profiles.flowPassword">Password (USER_PASSWORD_AUTH)</option>
                <option value="userAuth" data-i18n="profiles.flowUserAuth">Choice-based (USER_AUTH)</option>
                <option value="custom" data-i18n="profiles.flowCustom">Custom challenge (CUSTOM_AUTH)</option>
              </select>
              <p id="profile-sign-in-flow-help" class="field-help" data-i18n="profiles.signInFlowHelp"></p>
            </div>
            <div class="field" id="profile-preferred-challenge-field" hidden>
              <label for="profile-preferred-challenge" data-i18n="profiles.preferredChallenge">First factor to ask for</label>
              <select id="profile-preferred-challenge" name="preferredChallenge" aria-describedby="profile-preferred-challenge-help profile-preferred-challenge-error">
                <option value="" data-i18n="factors.offer">Let Cognito offer the choice</option>
                <option value="PASSWORD_SRP" data-i18n="factors.PASSWORD_SRP">Password, proved with SRP</option>
                <option value="PASSWORD" data-i18n="factors.PASSWORD">Password</option>
                <option value="EMAIL_OTP" data-i18n="factors.EMAIL_OTP">A code by email</option>
                <option value="SMS_OTP" data-i18n="factors.SMS_OTP">A code by text message</option>
                <option value="WEB_AUTHN" data-i18n="factors.WEB_AUTHN">Passkey</option>
              </select>
              <p id="profile-preferred-challenge-help" class="field-help" data-i18n="profiles.preferredChallengeHelp"></p>
              <p id="profile-preferred-challenge-error" class="field-error" data-error-for="preferredChallenge"></p>
            </div>
            <label class="check">
              <input type="checkbox" id="profile-has-client-secret" name="hasClientSecret">
              <span data-i18n="profiles.hasClientSecret">The app client has a client secret</span>
            </label>
            <div class="field" id="profile-client-secret-field" hidden>
              <label for="profile-client-secret" data-i18n="profiles.clientSecret">Client secret</label>
              <input id="profile-client-secret" name="clientSecret" type="password" autocomplete="off" spellcheck="false" class="mono" aria-describedby="profile-client-secret-help profile-client-secret-error">
              <p id="profile-client-secret-help" class="field-help"></p>
              <p id="profile-client-secret-error" class="field-error" data-error-for="clientSecret"></p>
            </div>

            <fieldset class="optional-group">
              <legend data-i18n="profiles.optional">Optional</legend>
              <div class="field">
                <label for="profile-identity-pool-id" data-i18n="profiles.identityPoolId">Identity pool ID</label>
                <input id="profile-identity-pool-id" name="identityPoolId" type="text" spellcheck="false" class="mono" aria-describedby="profile-identity-pool-id-error">
                <p id="profile-identity-pool-id-error" class="field-error" data-error-for="identityPoolId"></p>
              </div>
              <div class="field">
                <label for="profile-domain" data-i18n="profiles.domain">Managed login domain</label>
                <input id="profile-domain" name="domain" type="text" spellcheck="false" class="mono" aria-describedby="profile-domain-error">
                <p id="profile-domain-error" class="field-error" data-error-for="domain"></p>
              </div>
              <div class="field">
                <label for="profile-redirect-uri" data-i18n="profiles.redirectUri">Redirect URI</label>
                <input id="profile-redirect-uri" name="redirectUri" type="url" spellcheck="false" class="mono" placeholder="http://127.0.0.1:53682/callback" aria-describedby="profile-redirect-uri-help profile-redirect-uri-error">
                <p id="profile-redirect-uri-help" class="field-help" data-i18n="profiles.redirectUriHelp"></p>
                <p id="profile-redirect-uri-error" class="field-error" data-error-for="redirectUri"></p>
              </div>
              <div class="field">
                <label for="profile-scopes" data-i18n="profiles.scopes">Scopes (managed login)</label>
                <input id="profile-scopes" name="scopes" type="text" spellcheck="false" class="mono" placeholder="openid email profile aws.cognito.signin.user.admin" aria-describedby="profile-scopes-help profile-scopes-error">
                <p id="profile-scopes-help" class="field-help" data-i18n="profiles.scopesHelp"></p>
                <p id="profile-scopes-error" class="field-error" data-error-for="scopes"></p>
              </div>
              <div class="field">
                <label for="profile-endpoint" data-i18n="profiles.endpoint">Endpoint override (emulators)</label>
                <input id="profile-endpoint" name="endpoint" type="url" spellcheck="false" class="mono" placeholder="http://127.0.0.1:4566" aria-describedby="profile-endpoint-help profile-endpoint-error">
                <p id="profile-endpoint-help" class="field-help" data-i18n="profiles.endpointHelp"></p>
                <p id="profile-endpoint-error" class="field-error" data-error-for="endpoint"></p>
              </div>
              <div class="field">
                <label for="profile-totp-issuer" data-i18n="profiles.totpIssuer">Issuer shown in the authenticator app</label>
                <input id="profile-totp-issuer" name="totpIssuer" type="text" spellcheck="false" placeholder="Cognito Desk" aria-describedby="profile-totp-issuer-help profile-totp-issuer-error">
                <p id="profile-totp-issuer-help" class="field-help" data-i18n="profiles.totpIssuerHelp"></p>
                <p id="profile-totp-issuer-error" class="field-error" data-error-for="totpIssuer"></p>
              </div>
              <div class="field">
                <label for="profile-device-name" data-i18n="profiles.deviceName">This computer's device name</label>
                <input id="profile-device-name" name="deviceName" type="text" spellcheck="false" placeholder="" aria-describedby="profile-device-name-help profile-device-name-error">
                <p id="profile-device-name-help" class="field-help" data-i18n="profiles.deviceNameHelp"></p>
                <p id="profile-device-name-error" class="field-error" data-error-for="deviceName"></p>
              </div>
            </fieldset>

            <fieldset class="optional-group">
              <legend data-i18n="profiles.adminLegend">Admin access (workbench)</legend>
              <div class="field">
                <label for="profile-admin-credentials" data-i18n="profiles.adminCredentials">Admin credentials</label>
                <select id="profile-admin-credentials" name="adminCredentials" aria-describedby="profile-admin-credentials-help profile-admin-credentials-error">
                  <option value="none" data-i18n="profiles.adminNone">None: sign-in only</option>
                  <option value="sharedProfile" data-i18n="profiles.adminSharedProfile">A named AWS profile (~/.aws/config)</option>
                  <option value="environment" data-i18n="profiles.adminEnvironment">The environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, …)</option>
                  <option value="emulatorTest" data-i18n="profiles.adminEmulator">The emulator's test credentials</option>
                </select>
                <p id="profile-admin-credentials-help" class="field-help" data-i18n="profiles.adminCredentialsHelp"></p>
                <p id="profile-admin-credentials-error" class="field-error" data-error-for="adminCredentials"></p>
              </div>
              <div class="field" id="profile-admin-profile-field" hidden>
                <label for="profile-admin-profile" data-i18n="profiles.adminProfile">AWS profile name</label>
                <input id="profile-admin-profile" name="adminProfile" type="text" spellcheck="false" class="mono" placeholder="dev-admin" aria-describedby="profile-admin-profile-help profile-admin-profile-error">
                <p id="profile-admin-profile-help" class="field-help" data-i18n="profiles.adminProfileHelp"></p>
                <p id="profile-admin-profile-error" class="field-error" data-error-for="adminProfile"></p>
              </div>
            </fieldset>

            <div id="delete-confirm" class="confirm" role="alertdialog" aria-labelledby="delete-confirm-text" hidden>
              <p id="delete-confirm-text"></p>
              <div class="actions">
                <button type="button" id="delete-confirm-yes" class="button button-danger" data-i18n="profiles.confirmDeleteYes">Delete profile</button>
                <button type="button" id="delete-confirm-no" class="button" data-i18n="profiles.cancel">Cancel</button>
              </div>
            </div>

            <div class="actions actions-sticky">
              <button type="submit" id="profile-save" class="button button-primary" data-i18n="profiles.save">Save</button>
              <span id="profile-saved" class="saved-note" role="status" hidden></span>
              <span id="profile-needs" class="muted small" hidden></span>
              <span class="spacer"></span>
              <button type="button" id="profile-export" class="button" data-i18n="profileFile.export" data-i18n-title="profileFile.exportTitle">Export…</button>
              <button type="button" id="profile-delete" class="button button-quiet-danger" data-i18n="profiles.delete">Delete</button>
            </div>
          </form>
        </div>
      </section>
`;
