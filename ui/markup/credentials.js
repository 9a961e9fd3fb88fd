// The AWS credentials page: the identity pool exchange, S3 ListBuckets, STS
// GetCallerIdentity and the picture of the exchange (views/credentials.js and
// views/exchange.js fill it). Markup only, as static text (no values are
// interpolated): app.js puts it on the page when the view is first shown.

export const credentialsHtml = `
      <!-- AWS credentials: identity pool exchange, S3 ListBuckets, STS GetCallerIdentity -->
      <section id="view-credentials" class="view" aria-labelledby="credentials-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="credentials-title" data-i18n="credentials.title">AWS credentials</h1>
            <p class="muted" data-i18n="credentials.intro"></p>
          </div>
        </div>

        <div id="credentials-no-pool" class="panel" hidden>
          <h2 class="panel-title" data-i18n="credentials.noPoolTitle">No identity pool</h2>
          <p id="credentials-no-pool-text"></p>
          <button type="button" id="credentials-go-profiles" class="button button-primary" data-i18n="credentials.goProfiles">Go to Profiles</button>
        </div>

        <div id="credentials-main">
          <div class="panel">
            <p id="credentials-pool-row" class="credentials-pool muted small"><span data-i18n="credentials.identityPool">Identity pool</span> <code id="credentials-pool-id"></code></p>
            <div class="actions">
              <button type="button" id="get-credentials" class="button button-primary" data-i18n="credentials.get">Get AWS credentials</button>
              <button type="button" id="list-buckets" class="button" data-i18n="credentials.listBuckets">List S3 buckets</button>
              <button type="button" id="who-am-i" class="button" data-i18n="credentials.whoAmI">Who am I</button>
            </div>
            <p class="field-help" data-i18n="credentials.actionsHelp"></p>
            <p id="credentials-progress" class="progress-note" role="status" hidden>
              <span class="spinner" aria-hidden="true"></span>
              <span id="credentials-progress-text"></span>
            </p>
            <div id="exchange" class="exchange" role="group" data-i18n-aria-label="exchange.label" aria-label="The credential exchange"></div>
          </div>

          <div id="credentials-results" class="results-stack">



          <section id="credentials-result" class="panel" aria-labelledby="credentials-result-title" hidden>
            <h2 class="panel-title" id="credentials-result-title" data-i18n="credentials.resultTitle">Temporary AWS credentials</h2>
            <p id="credentials-stale" class="warn-text small" role="status" data-i18n="credentials.stale" hidden></p>
            <dl class="facts facts-tokens">
              <dt data-i18n="credentials.identityId">Identity ID</dt>
              <dd id="cred-identity-id" class="mono"></dd>
              <dt data-i18n="credentials.accessKeyId">Access key ID</dt>
              <dd id="cred-access-key-id" class="mono"></dd>
              <dt data-i18n="credentials.secretKey">Secret access key</dt>
              <dd class="token-row">
                <code id="cred-secret-key" class="token"></code>
                <button type="button" id="cred-reveal" class="button button-small button-inline" aria-controls="cred-secret-key" aria-pressed="false"></button>
              </dd>
              <dt data-i18n="credentials.sessionToken">Session token</dt>
              <dd><code id="cred-session-token" class="token"></code></dd>
              <dt data-i18n="credentials.region">Region</dt>
              <dd id="cred-region" class="mono"></dd>
              <dt data-i18n="credentials.expiration">Expiration</dt>
              <dd><span id="cred-expiration"></span> <span id="cred-countdown" class="countdown"></span></dd>
              <dt data-i18n="credentials.loginsKey">Logins key used</dt>
              <dd id="cred-logins-key" class="mono"></dd>
            </dl>
            <p class="field-help" data-i18n="credentials.revealHelp"></p>
            <div class="actions panel-actions">
              <button type="button" id="copy-aws-env" class="button" data-i18n="credentials.copyEnv">Copy as environment variables</button>
              <span id="copy-aws-env-done" class="copied-note" role="status" hidden></span>
            </div>
            <p class="field-help" data-i18n="credentials.copyEnvHelp"></p>
          </section>

          <div id="credentials-grid" class="session-grid credentials-grid">
            <section id="buckets-panel" class="panel" aria-labelledby="buckets-title" hidden>
              <h2 class="panel-title" id="buckets-title" data-i18n="credentials.bucketsTitle">S3 buckets</h2>
              <table id="buckets-table" class="claims" aria-labelledby="buckets-title">
                <thead>
                  <tr><th scope="col" data-i18n="credentials.bucketName">Bucket name</th><th scope="col" data-i18n="credentials.bucketCreated">Created</th></tr>
                </thead>
                <tbody></tbody>
              </table>
              <p id="buckets-empty" class="muted" data-i18n="credentials.bucketsEmpty" hidden>No buckets in this account.</p>
            </section>

            <section id="caller-panel" class="panel" aria-labelledby="caller-title" hidden>
              <h2 class="panel-title" id="caller-title" data-i18n="credentials.callerTitle">Caller identity (STS)</h2>
              <dl id="caller-identity" class="facts">
                <dt data-i18n="credentials.account">Account</dt>
                <dd id="caller-account" class="mono"></dd>
                <dt data-i18n="credentials.arn">ARN</dt>
                <dd id="caller-arn" class="mono"></dd>
                <dt data-i18n="credentials.userId">User ID</dt>
                <dd id="caller-user-id" class="mono"></dd>
              </dl>
            </section>
          </div>
          </div>

          <section id="credentials-steps-panel" class="panel" aria-labelledby="credentials-steps-title" hidden>
            <div class="panel-head">
              <h2 class="panel-title" id="credentials-steps-title" data-i18n="credentials.stepsTitle">Requests</h2>
              <span id="credentials-steps-count" class="muted small"></span>
            </div>
            <ol id="credentials-steps" class="step-log" aria-labelledby="credentials-steps-title"></ol>
            <p class="field-help" data-i18n="credentials.stepsHelp"></p>
          </section>
        </div>
      </section>
`;
