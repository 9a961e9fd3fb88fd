// The managed-login report (views/managed.js fills it).
// Markup only, as static text (no values are interpolated): app.js puts it on the page
// when the view is first shown.

export const managedHtml = `
      <!-- Managed login: what the last managed login did, for testers (views/managed.js) -->
      <section id="view-managed" class="view" aria-labelledby="managed-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="managed-title" data-i18n="managedReport.title">Managed login</h1>
            <p class="muted" data-i18n="managedReport.intro"></p>
          </div>
          <button type="button" id="managed-report-reload" class="button" data-i18n="managedReport.reload">Reload</button>
        </div>

        <p id="managed-report-none" class="panel muted" data-i18n="managedReport.none" hidden></p>

        <div id="managed-report" hidden>
          <p id="managed-report-scope-warning" class="note note-warn" data-i18n="managedReport.missingAdminScope" hidden></p>

          <section class="panel" aria-labelledby="managed-request-title">
            <h2 class="panel-title" id="managed-request-title" data-i18n="managedReport.requestTitle">Request</h2>
            <dl class="facts facts-tokens">
              <dt data-i18n="managedReport.authorizeUrl">Authorize URL</dt>
              <dd class="token-row url-row">
                <code id="managed-report-url" class="token"></code>
                <span class="copy-text">
                  <button type="button" id="managed-report-copy-url" class="button button-small" data-i18n="copy.copy" data-i18n-aria-label="managed.copyUrl" aria-label="Copy the URL">Copy</button>
                  <span class="copied-note" role="status" hidden></span>
                </span>
              </dd>
              <dt data-i18n="managedReport.redirectUri">Redirect URI</dt>
              <dd id="managed-report-redirect" class="mono"></dd>
              <dt data-i18n="managedReport.scopes">Scopes requested</dt>
              <dd id="managed-report-scopes" class="mono"></dd>
            </dl>
          </section>

          <section class="panel" aria-labelledby="managed-code-title">
            <h2 class="panel-title" id="managed-code-title" data-i18n="managedReport.codeTitle">Redirect</h2>
            <ul class="done-list">
              <li id="managed-code-row"><span data-i18n="managedReport.codeReceived">Authorization code received:</span> <code id="managed-code-preview"></code> <span class="muted" data-i18n="managedReport.masked">(masked)</span></li>
              <li data-i18n="managedReport.stateChecked">state checked</li>
            </ul>
            <p id="managed-timings" class="muted small"></p>
          </section>

          <section class="panel" aria-labelledby="managed-token-response-title">
            <h2 class="panel-title" id="managed-token-response-title" data-i18n="managedReport.tokenResponseTitle">Token response</h2>
            <table id="managed-token-response" class="claims" aria-labelledby="managed-token-response-title">
              <thead>
                <tr><th scope="col" data-i18n="tokens.name">Name</th><th scope="col" data-i18n="tokens.value">Value</th></tr>
              </thead>
              <tbody></tbody>
            </table>
            <p class="field-help" data-i18n="managedReport.tokenResponseHelp"></p>
          </section>

          <section class="panel" aria-labelledby="managed-id-title">
            <div class="panel-head">
              <h2 class="panel-title" id="managed-id-title" data-i18n="managedReport.idTokenTitle">ID token</h2>
              <p id="managed-checks-summary" class="checks-summary" role="status"></p>
            </div>
            <h3 class="sub-title" data-i18n="tokens.verification">Verification</h3>
            <ul id="managed-checks" class="check-list"></ul>
            <h3 class="sub-title" data-i18n="tokens.preview">Preview (masked)</h3>
            <code id="managed-id-preview" class="token"></code>
            <h3 class="sub-title" data-i18n="tokens.header">Header</h3>
            <table id="managed-id-header" class="claims">
              <thead><tr><th scope="col" data-i18n="tokens.name">Name</th><th scope="col" data-i18n="tokens.value">Value</th></tr></thead>
              <tbody></tbody>
            </table>
            <h3 class="sub-title" data-i18n="tokens.claims">Claims</h3>
            <table id="managed-id-claims" class="claims">
              <thead><tr><th scope="col" data-i18n="tokens.name">Name</th><th scope="col" data-i18n="tokens.value">Value</th></tr></thead>
              <tbody></tbody>
            </table>
          </section>
        </div>
      </section>
`;
