// The timeline page: every call the app made (views/timeline.js fills it).
// Markup only, as static text (no values are interpolated): app.js puts it on the
// page when the view is first shown.

export const timelineHtml = `
      <!-- Every call the app made, live (views/timeline.js) -->
      <section id="view-timeline" class="view" aria-labelledby="timeline-title" hidden>
        <div class="view-head">
          <div>
            <h1 id="timeline-title" data-i18n="timeline.title">Timeline</h1>
            <p class="muted" data-i18n="timeline.intro"></p>
          </div>
          <button type="button" id="timeline-copy" class="button" data-i18n="timeline.copy">Copy as JSON</button>
        </div>
        <div class="timeline-filters">
          <label for="timeline-service" data-i18n="timeline.service">Service</label>
          <select id="timeline-service">
            <option value="" data-i18n="timeline.all">All</option>
            <option value="cognito-idp">cognito-idp</option>
            <option value="cognito-identity">cognito-identity</option>
            <option value="s3">s3</option>
            <option value="sts">sts</option>
            <option value="iam">iam</option>
            <option value="http">http</option>
          </select>
          <label for="timeline-outcome" data-i18n="timeline.outcome">Outcome</label>
          <select id="timeline-outcome">
            <option value="" data-i18n="timeline.all">All</option>
            <option value="ok" data-i18n="timeline.ok">ok</option>
            <option value="failed" data-i18n="timeline.failed">Failed</option>
          </select>
          <span id="timeline-count" class="muted small"></span>
        </div>
        <div class="panel timeline-panel">
          <table class="claims timeline" data-testid="timeline">
            <thead>
              <tr>
                <th data-i18n="timeline.time">Time</th>
                <th data-i18n="timeline.service">Service</th>
                <th data-i18n="timeline.operation">Operation</th>
                <th data-i18n="timeline.duration">Duration</th>
                <th data-i18n="timeline.outcome">Outcome</th>
                <th data-i18n="timeline.status">HTTP</th>
              </tr>
            </thead>
            <tbody id="timeline-rows"></tbody>
          </table>
          <p id="timeline-empty" class="muted" data-i18n="timeline.empty"></p>
        </div>
      </section>
`;
