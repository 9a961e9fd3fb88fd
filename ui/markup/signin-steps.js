// The sign-in steps after the form: one section per challenge (TOTP, MFA setup, new
// password, delivered code, choices, custom) and the recovery flows (reset, confirm).
// Markup only, as static text (no values are interpolated): app.js inserts it
// into the page before any view initialises.

export const signinStepsHtml = `
      <!-- TOTP challenge -->
      <section id="view-challenge" class="view view-narrow" aria-labelledby="challenge-title" hidden>
        <form id="challenge-form" class="panel form challenge" novalidate>
          <h1 id="challenge-title" data-i18n="challenge.title">Enter the code from your authenticator app</h1>
          <p class="challenge-user"><span id="challenge-intro" class="muted" data-i18n="challenge.intro"></span> <strong id="challenge-username" class="mono"></strong></p>

          <div class="field">
            <label for="totp-code" data-i18n="challenge.code">6-digit code</label>
            <div class="totp-row">
              <input id="totp-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                     maxlength="6" pattern="[0-9]{6}" spellcheck="false" class="totp-input" aria-describedby="totp-timer-label">
              <div class="totp-timer" aria-hidden="true">
                <svg viewBox="0 0 36 36" class="ring">
                  <circle class="ring-track" cx="18" cy="18" r="15.9155"></circle>
                  <circle id="totp-ring" class="ring-fill" cx="18" cy="18" r="15.9155" pathLength="100" stroke-dasharray="100 100"></circle>
                </svg>
                <span id="totp-seconds-left" class="ring-text">30</span>
              </div>
            </div>
            <p id="totp-timer-label" class="field-help"></p>
          </div>
          <p class="challenge-clock muted small"></p>

          <div class="actions">
            <button type="submit" id="totp-submit" class="button button-primary" data-i18n="challenge.submit">Verify</button>
            <button type="button" id="challenge-cancel" class="button" data-i18n="challenge.cancel">Cancel</button>
            <span class="spacer"></span>
            <span class="muted small" data-i18n="challenge.cancelHint"></span>
          </div>
        </form>
      </section>

      <!-- Sign-in challenge: the pool requires an authenticator app (MFA_SETUP) -->
      <section id="view-mfa-setup" class="view view-medium" aria-labelledby="mfa-setup-title" hidden>
        <div class="panel challenge">
          <h1 id="mfa-setup-title" data-i18n="mfaSetup.title">This user pool requires an authenticator app</h1>
          <p class="muted" data-i18n="mfaSetup.intro"></p>
          <p class="challenge-user"><span class="muted" data-i18n="challenge.intro"></span> <strong id="mfa-setup-username" class="mono"></strong></p>
          <div id="mfa-setup-enrollment"></div>
          <!-- MFA_SETUP offering the app and email: the app is set up only when picked
               (AssociateSoftwareToken uses the challenge's session up). -->
          <div id="mfa-setup-app-choice" class="mfa-setup-choice" hidden>
            <h2 data-i18n="mfaSetup.appTitle">Use an authenticator app</h2>
            <p class="muted" data-i18n="mfaSetup.appHelp"></p>
            <button type="button" id="mfa-setup-use-app" class="button button-primary" data-i18n="mfaSetup.useApp">Set up an authenticator app</button>
          </div>
          <!-- MFA_SETUP offering email: codes by email instead of (or without) an authenticator app. -->
          <form id="mfa-setup-email-form" class="form mfa-setup-email" novalidate hidden>
            <h2 id="mfa-setup-email-title" data-i18n="mfaSetup.emailTitle">Or receive sign-in codes by email</h2>
            <div class="field">
              <label for="mfa-setup-email" data-i18n="mfaSetup.email">Email address</label>
              <input id="mfa-setup-email" type="email" autocomplete="email" spellcheck="false">
            </div>
            <div class="actions">
              <button type="submit" id="mfa-setup-email-submit" class="button" data-i18n="mfaSetup.emailSubmit">Send a code to this address</button>
              <button type="button" id="mfa-setup-email-cancel" class="button" data-i18n="challenge.cancel" hidden>Cancel</button>
            </div>
          </form>
          <p class="challenge-clock muted small"></p>
        </div>
      </section>

      <!-- Sign-in challenge: temporary password must be replaced (NEW_PASSWORD_REQUIRED) -->
      <section id="view-new-password" class="view view-narrow" aria-labelledby="new-password-title" hidden>
        <form id="new-password-form" class="panel form challenge" novalidate data-own-validation>
          <h1 id="new-password-title" data-i18n="newPassword.title">Choose a new password</h1>
          <p class="muted" data-i18n="newPassword.intro"></p>
          <p class="challenge-user"><span class="muted" data-i18n="challenge.intro"></span> <strong id="new-password-username" class="mono"></strong></p>

          <div class="field">
            <label for="new-password" data-i18n="newPassword.password">New password</label>
            <input id="new-password" name="newPassword" type="password" autocomplete="new-password" required aria-describedby="new-password-error">
            <p id="new-password-error" class="field-error"></p>
          </div>
          <div class="field">
            <label for="new-password-confirm" data-i18n="newPassword.confirm">Type it again</label>
            <input id="new-password-confirm" name="newPasswordConfirm" type="password" autocomplete="new-password" required aria-describedby="new-password-confirm-error">
            <p id="new-password-confirm-error" class="field-error"></p>
          </div>
          <!-- The attributes the pool requires on a first sign-in (requiredAttributes). -->
          <fieldset id="new-password-attributes-group" class="optional-group attributes-group" hidden>
            <legend data-i18n="newPassword.attributes">Required attributes</legend>
            <div id="new-password-attributes"></div>
          </fieldset>
          <p class="challenge-clock muted small"></p>

          <div class="actions">
            <button type="submit" id="new-password-submit" class="button button-primary" data-i18n="newPassword.submit">Set password and continue</button>
            <button type="button" id="new-password-cancel" class="button" data-i18n="challenge.cancel">Cancel</button>
          </div>
        </form>
      </section>

      <!-- Sign-in challenge: a code Cognito sent by SMS or email (SMS_MFA, SMS_OTP, EMAIL_OTP) -->
      <section id="view-code" class="view view-narrow" aria-labelledby="code-title" hidden>
        <form id="code-form" class="panel form challenge" novalidate>
          <h1 id="code-title">Enter the code Cognito sent</h1>
          <p class="challenge-user"><span class="muted" data-i18n="challenge.intro"></span> <strong id="code-username" class="mono"></strong> <span id="code-kind" class="badge mono"></span></p>
          <p id="code-destination" class="code-destination" data-testid="code-destination"></p>
          <div class="field">
            <label for="code-input" data-i18n="code.label">Code</label>
            <input id="code-input" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                   maxlength="8" spellcheck="false" class="totp-input" aria-describedby="code-help">
            <p id="code-help" class="field-help" data-i18n="code.help"></p>
          </div>
          <p class="challenge-clock muted small"></p>
          <div class="actions">
            <button type="submit" id="code-submit" class="button button-primary" data-i18n="challenge.submit">Verify</button>
            <button type="button" id="code-cancel" class="button" data-i18n="challenge.cancel">Cancel</button>
            <span class="spacer"></span>
            <button type="button" id="code-restart" class="link-button" data-i18n="code.newCode">Send a new code</button>
          </div>
        </form>
      </section>

      <!-- Sign-in challenge: pick a second factor (SELECT_MFA_TYPE) or a first factor (SELECT_CHALLENGE) -->
      <section id="view-choose" class="view view-narrow" aria-labelledby="choose-title" hidden>
        <form id="choose-form" class="panel form challenge" novalidate>
          <h1 id="choose-title">Choose how to sign in</h1>
          <p id="choose-intro" class="muted"></p>
          <p class="challenge-user"><span class="muted" data-i18n="challenge.intro"></span> <strong id="choose-username" class="mono"></strong></p>
          <div class="field" id="choose-password-field" hidden>
            <label for="choose-password" data-i18n="choose.password">Password (for a password choice)</label>
            <input id="choose-password" type="password" autocomplete="current-password" aria-describedby="choose-password-error">
            <p id="choose-password-error" class="field-error"></p>
          </div>
          <ul id="choose-options" class="choices"></ul>
          <p class="challenge-clock muted small"></p>
          <div class="actions">
            <button type="button" id="choose-cancel" class="button" data-i18n="challenge.cancel">Cancel</button>
            <span class="spacer"></span>
            <span class="muted small" data-i18n="challenge.cancelHint"></span>
          </div>
        </form>
      </section>

      <!-- Sign-in challenge: a Lambda-defined question (CUSTOM_CHALLENGE) -->
      <section id="view-custom" class="view view-narrow" aria-labelledby="custom-title" hidden>
        <form id="custom-form" class="panel form challenge" novalidate>
          <h1 id="custom-title" data-i18n="custom.title">Answer the pool's challenge</h1>
          <p class="muted" data-i18n="custom.intro"></p>
          <p class="challenge-user"><span class="muted" data-i18n="challenge.intro"></span> <strong id="custom-username" class="mono"></strong> <span id="custom-round" class="badge"></span></p>
          <p id="custom-again" class="round-notice" role="status" hidden></p>
          <table id="custom-parameters" class="claims" data-testid="custom-parameters">
            <caption class="muted small" data-i18n="custom.parameters">Public challenge parameters</caption>
            <tbody></tbody>
          </table>
          <p id="custom-no-parameters" class="muted small" data-i18n="custom.noParameters" hidden></p>
          <div class="field">
            <label for="custom-answer" data-i18n="custom.answer">Answer</label>
            <input id="custom-answer" name="answer" type="text" autocomplete="off" spellcheck="false">
          </div>
          <p class="challenge-clock muted small"></p>
          <div class="actions">
            <button type="submit" id="custom-submit" class="button button-primary" data-i18n="custom.submit">Send answer</button>
            <button type="button" id="custom-cancel" class="button" data-i18n="challenge.cancel">Cancel</button>
          </div>
        </form>
      </section>

      <!-- Sign-in challenge: a passkey (WEB_AUTHN) -->
      <section id="view-passkey" class="view view-narrow" aria-labelledby="passkey-title" hidden>
        <div class="panel form challenge">
          <h1 id="passkey-title" data-i18n="passkey.title">Sign in with a passkey</h1>
          <p class="challenge-user"><span class="muted" data-i18n="challenge.intro"></span> <strong id="passkey-username" class="mono"></strong></p>
          <p><span class="muted" data-i18n="passkey.relyingParty">Relying party</span> <strong id="passkey-rp" class="mono"></strong></p>
          <p id="passkey-uv" class="muted small"></p>
          <p id="passkey-test-note" class="field-help"><span class="badge" data-i18n="passkey.testBadge">Test account</span> <span data-i18n="passkey.testNote"></span></p>
          <p class="challenge-clock muted small"></p>
          <div id="passkey-key" class="key-prompt" data-testid="passkey-key" hidden></div>
          <div class="actions">
            <button type="button" id="passkey-key-use" class="button button-primary" data-testid="passkey-key-use" data-i18n="passkey.useKey">Use a security key</button>
            <button type="button" id="passkey-use" class="button" data-testid="passkey-use" data-i18n="passkey.useTest">Use the test passkey</button>
            <button type="button" id="passkey-other" class="button" data-testid="passkey-other" data-i18n="passkey.other">Choose another way</button>
            <button type="button" id="passkey-cancel" class="button" data-i18n="challenge.cancel">Cancel</button>
          </div>
        </div>
      </section>

      <!-- A forgotten or administrator-reset password: ForgotPassword, then ConfirmForgotPassword -->
      <section id="view-reset" class="view view-narrow" aria-labelledby="reset-title" hidden>
        <div class="panel challenge">
          <h1 id="reset-title" data-i18n="recover.resetTitle">Reset the password</h1>
          <p id="reset-intro" class="muted"></p>
          <form id="reset-request-form" class="form" novalidate>
            <div class="field">
              <label for="reset-username" data-i18n="signin.username">Username or email</label>
              <input id="reset-username" type="email" autocomplete="username" spellcheck="false" autocapitalize="off">
            </div>
            <div class="actions">
              <button type="submit" id="reset-send" class="button button-primary" data-i18n="recover.sendCode">Send a reset code</button>
              <button type="button" id="reset-back" class="button" data-i18n="recover.back">Back to sign-in</button>
            </div>
          </form>
          <form id="reset-confirm-form" class="form" novalidate hidden>
            <p class="challenge-user"><span class="muted" data-i18n="recover.for">Account</span> <strong id="reset-for" class="mono"></strong></p>
            <p id="reset-destination" class="code-destination" data-testid="reset-destination"></p>
            <div class="field">
              <label for="reset-code" data-i18n="code.label">Code</label>
              <input id="reset-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" spellcheck="false" class="totp-input">
            </div>
            <div class="field">
              <label for="reset-password" data-i18n="newPassword.password">New password</label>
              <input id="reset-password" type="password" autocomplete="new-password" aria-describedby="reset-password-error">
            </div>
            <div class="field">
              <label for="reset-password-confirm" data-i18n="newPassword.confirm">Type the new password again</label>
              <input id="reset-password-confirm" type="password" autocomplete="new-password">
              <p id="reset-password-error" class="field-error"></p>
            </div>
            <div class="actions">
              <button type="submit" id="reset-set" class="button button-primary" data-i18n="recover.setPassword">Set the new password</button>
              <button type="button" id="reset-back-2" class="button" data-i18n="recover.back">Back to sign-in</button>
              <span class="spacer"></span>
              <button type="button" id="reset-new-code" class="link-button" data-i18n="code.newCode">Send a new code</button>
            </div>
          </form>
        </div>
      </section>

      <!-- An account not confirmed yet: ConfirmSignUp, ResendConfirmationCode -->
      <section id="view-confirm" class="view view-narrow" aria-labelledby="confirm-title" hidden>
        <form id="confirm-form" class="panel form challenge" novalidate>
          <h1 id="confirm-title" data-i18n="recover.confirmTitle">Confirm the account</h1>
          <p class="muted" data-i18n="recover.confirmIntro"></p>
          <p class="challenge-user"><span class="muted" data-i18n="recover.for">Account</span> <strong id="confirm-username" class="mono"></strong></p>
          <p id="confirm-destination" class="code-destination" data-testid="confirm-destination" hidden></p>
          <div class="field">
            <label for="confirm-code" data-i18n="code.label">Code</label>
            <input id="confirm-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" spellcheck="false" class="totp-input">
          </div>
          <div class="actions">
            <button type="submit" id="confirm-submit" class="button button-primary" data-i18n="recover.confirm">Confirm and sign in</button>
            <button type="button" id="confirm-back" class="button" data-i18n="recover.back">Back to sign-in</button>
            <span class="spacer"></span>
            <button type="button" id="confirm-resend" class="link-button" data-i18n="recover.resend">Send the code again</button>
          </div>
        </form>
      </section>
`;
