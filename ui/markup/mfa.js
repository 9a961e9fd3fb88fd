// The MFA page of the signed-in user (views/mfa.js fills it).
// Markup only, as static text (no values are interpolated): app.js puts it on the page
// when the view is first shown.

export const mfaHtml = `
      <!-- MFA of the signed-in user -->
      <section id="view-mfa" class="view view-medium" aria-labelledby="mfa-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="mfa-title" data-i18n="mfa.title">Multi-factor authentication</h1>
            <p class="muted"><span data-i18n="mfa.intro"></span> <strong id="mfa-user" class="mono"></strong></p>
          </div>
        </div>

        <div class="panel">
          <h2 class="panel-title" data-i18n="mfa.statusTitle">Status</h2>
          <p id="mfa-status" class="mfa-status" role="status"></p>
          <p id="mfa-methods" class="muted small"></p>
          <div id="mfa-test-account" class="test-account" hidden>
            <p><span class="badge badge-warn" data-i18n="mfa.testAccount">Test account</span>
              <span class="muted small" data-i18n="mfa.testAccountNote"></span></p>
            <div class="actions">
              <button type="button" id="mfa-test-code-show" class="button" data-i18n="mfa.testCodeShow">Show current code</button>
              <output id="mfa-test-code" class="mono test-code" aria-live="polite" hidden></output>
              <span class="spacer"></span>
              <button type="button" id="mfa-test-forget" class="button button-quiet-danger" data-i18n="mfa.testForget">Forget the test secret</button>
            </div>
          </div>
          <div id="mfa-controls" hidden>
            <label id="mfa-preferred-row" class="check">
              <input type="checkbox" id="mfa-preferred">
              <span data-i18n="mfa.preferred">Ask for the code at every sign-in (preferred)</span>
            </label>
            <div class="actions">
              <button type="button" id="mfa-setup" class="button button-primary"></button>
              <span class="spacer"></span>
              <button type="button" id="mfa-disable" class="button button-quiet-danger" data-i18n="mfa.disable">Turn off</button>
            </div>
            <div id="mfa-disable-confirm" class="confirm confirm-below" role="alertdialog" aria-labelledby="mfa-disable-confirm-text" hidden>
              <p id="mfa-disable-confirm-text" data-i18n="mfa.disableConfirm"></p>
              <div class="actions">
                <button type="button" id="mfa-disable-yes" class="button button-danger" data-i18n="mfa.disableYes">Turn off</button>
                <button type="button" id="mfa-disable-no" class="button" data-i18n="mfa.cancel">Cancel</button>
              </div>
            </div>
          </div>
        </div>

        <!-- The user's passkeys (views/passkeys.js) -->
        <div class="panel">
          <div class="panel-head">
            <h2 class="panel-title" id="passkeys-title" data-i18n="passkeys.title">Passkeys</h2>
            <button type="button" id="passkeys-load" class="button button-small" data-i18n="passkeys.load">List passkeys</button>
          </div>
          <p class="muted small" data-i18n="passkeys.intro"></p>
          <table id="passkeys-table" class="claims" aria-labelledby="passkeys-title" hidden>
            <thead>
              <tr>
                <th scope="col" data-i18n="passkeys.name">Name</th>
                <th scope="col" data-i18n="passkeys.created">Created</th>
                <th scope="col" data-i18n="passkeys.attachment">Kind</th>
                <th scope="col" data-i18n="passkeys.actions">Action</th>
              </tr>
            </thead>
            <tbody id="passkeys-rows"></tbody>
          </table>
          <p id="passkeys-empty" class="muted" data-i18n="passkeys.none" hidden></p>
          <div id="passkeys-key" class="key-prompt" data-testid="passkeys-key" hidden></div>
          <div class="actions">
            <button type="button" id="passkeys-register-key" class="button" data-testid="passkeys-register-key" data-i18n="passkeys.registerKey">Register a security key</button>
          </div>
          <div class="test-account">
            <p><span class="badge badge-warn" data-i18n="mfa.testAccount">Test account</span>
              <span class="muted small" data-i18n="passkeys.testNote"></span></p>
            <div class="actions">
              <button type="button" id="passkeys-register-test" class="button" data-testid="passkeys-register-test" data-i18n="passkeys.registerTest">Register a test passkey</button>
            </div>
          </div>
        </div>

        <div id="mfa-enrollment-panel" class="panel" hidden>
          <h2 class="panel-title" data-i18n="mfa.enrollTitle">Set up an authenticator app</h2>
          <label class="check">
            <input type="checkbox" id="mfa-remember-test" aria-describedby="mfa-remember-test-note">
            <span data-i18n="mfa.rememberTest">Remember this secret for automated tests (test accounts only)</span>
          </label>
          <p id="mfa-remember-test-note" class="muted small" data-i18n="mfa.rememberTestNote"></p>
          <div id="mfa-enrollment"></div>
        </div>
      </section>
`;
