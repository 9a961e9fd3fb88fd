// The tokens page: decoded claims and the verification checks (views/tokens.js fills it).
// Markup only, as static text (no values are interpolated): app.js puts it on the page
// when the view is first shown.

export const tokensHtml = `
      <!-- Tokens -->
      <section id="view-tokens" class="view" aria-labelledby="tokens-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="tokens-title" data-i18n="tokens.title">Tokens</h1>
            <p class="muted" data-i18n="tokens.intro"></p>
          </div>
          <button type="button" id="tokens-reload" class="button" data-i18n="tokens.reload">Verify again</button>
        </div>

        <div id="tokens-loading" class="panel view-center-panel" role="status" hidden>
          <span class="spinner spinner-large" aria-hidden="true"></span>
          <p class="restoring-title" data-i18n="tokens.loading">Verifying the tokens…</p>
          <p class="muted small" data-i18n="tokens.loadingHelp"></p>
        </div>
        <p id="tokens-failed" class="panel muted" data-i18n="tokens.failed" hidden></p>

        <div id="token-panels"></div>
        <section id="refresh-token-panel" class="panel" aria-labelledby="refresh-token-title" hidden>
          <h2 id="refresh-token-title" data-i18n="tokens.refreshTitle">Refresh token</h2>
          <p class="muted small" data-i18n="tokens.refreshHelp"></p>
          <div id="refresh-token-report"></div>
        </section>
        <!-- One panel per token (ID, access), cloned by views/tokens.js. -->
        <template id="token-panel-template">
          <section class="panel token-panel" hidden>
            <div class="panel-head">
              <h2 class="token-title"></h2>
              <p class="checks-summary" role="status"></p>
            </div>
            <h3 class="sub-title" data-i18n="tokens.preview">Preview (masked)</h3>
            <div class="token-row"><code class="token token-preview"></code><span class="copy-slot"></span></div>
            <h3 class="sub-title" data-i18n="tokens.verification">Verification</h3>
            <table class="claims checks">
              <thead><tr><th scope="col" data-i18n="tokens.check">Check</th><th scope="col" data-i18n="tokens.result">Result</th><th scope="col" data-i18n="tokens.detail">Detail</th></tr></thead>
              <tbody></tbody>
            </table>
            <h3 class="sub-title" data-i18n="tokens.header">Header</h3>
            <table class="claims token-header">
              <thead><tr><th scope="col" data-i18n="tokens.name">Name</th><th scope="col" data-i18n="tokens.value">Value</th></tr></thead>
              <tbody></tbody>
            </table>
            <h3 class="sub-title" data-i18n="tokens.claims">Claims</h3>
            <table class="claims token-claims">
              <thead><tr><th scope="col" data-i18n="tokens.name">Name</th><th scope="col" data-i18n="tokens.value">Value</th></tr></thead>
              <tbody></tbody>
            </table>
          </section>
        </template>
      </section>
`;
