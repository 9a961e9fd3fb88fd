// Stand-in OpenID provider for Cognito Desk's integration tests.
//
// Built on oidc-provider 9.13.3 and shaped like an Amazon Cognito user pool's
// managed login: the same routes, RS256 ID tokens carrying token_use/cognito:username,
// JWT access tokens carrying client_id/token_use/username/scope, and a refresh token on
// every authorization code exchange. It listens on 127.0.0.1 only and keeps everything
// in memory; a fresh RSA signing key is generated at every start.
//
// Environment (all required unless marked optional):
//   OIDC_PORT          port to listen on (127.0.0.1 only)
//   OIDC_ISSUER        `iss` of every token, e.g.
//                      https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OidcTest1
//   OIDC_POOL_ID       e.g. us-east-1_OidcTest1; JWKS at GET /<pool>/.well-known/jwks.json
//   OIDC_CLIENT_ID     the one public (no secret) app client
//   OIDC_REDIRECT_URI  its redirect URI, e.g. http://127.0.0.1:53682/callback
//   OIDC_LOGOUT_URI    its sign-out (post-logout redirect) URI
//   OIDC_TOKEN_TTL     optional, seconds: lifetime of ID and access tokens (default 3600)
//   OIDC_ROTATE_REFRESH_TOKEN  optional, "1" to rotate refresh tokens on use. Default: no
//                      rotation, like Cognito's default (the refresh grant then echoes the
//                      same refresh_token back; Cognito omits it)
//   OIDC_VERBOSE       optional, "1" to keep oidc-provider's development notices
//   OIDC_DEBUG         optional, "1" to log the reason behind each error response to stderr
//
// Routes (as Cognito's): GET /oauth2/authorize, POST /oauth2/token, GET /logout,
// GET /<pool>/.well-known/jwks.json, plus discovery at
// /.well-known/openid-configuration and /<pool>/.well-known/openid-configuration.
// The sign-in pages are oidc-provider's devInteractions (any login, any password).
//
// When ready, prints exactly one line to stdout:
//   oidc-provider listening on http://127.0.0.1:PORT
// Everything else goes to stderr. SIGTERM/SIGINT close the server and exit 0.

import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createServer } from 'node:http';

// oidc-provider prints development notices with console.info (stdout) and warnings with
// console.warn. Keep stdout for the single "listening" line, and drop the expected
// quick-start noise unless OIDC_VERBOSE=1. This must run before oidc-provider loads.
const verbose = process.env.OIDC_VERBOSE === '1';
const toStderr = (...args) => console.error(...args);
const quiet = (write) => (...args) => {
  if (!verbose && typeof args[0] === 'string' && /^oidc-provider (NOTICE|WARNING): /.test(args[0])) {
    return;
  }
  write(...args);
};
console.log = quiet(toStderr);
console.info = quiet(toStderr);
console.warn = quiet(toStderr);

function required(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    console.error(`oidc stub: missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

const port = Number(required('OIDC_PORT'));
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`oidc stub: OIDC_PORT must be a port number, got ${process.env.OIDC_PORT}`);
  process.exit(2);
}
const issuer = required('OIDC_ISSUER');
const poolId = required('OIDC_POOL_ID');
const clientId = required('OIDC_CLIENT_ID');
const redirectUri = required('OIDC_REDIRECT_URI');
const logoutUri = required('OIDC_LOGOUT_URI');
const tokenTtl = Number(process.env.OIDC_TOKEN_TTL || 3600);
const rotateRefreshToken = process.env.OIDC_ROTATE_REFRESH_TOKEN === '1';

// A fresh RS256 key for this run (Cognito signs ID and access tokens with RS256). It is
// generated off the main thread while oidc-provider loads: each takes ~0.2-0.4 s.
const keyPair = promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
const { default: Provider, errors } = await import('oidc-provider');
const { privateKey } = await keyPair;
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: `stub-${randomBytes(6).toString('hex')}`,
  alg: 'RS256',
  use: 'sig',
};

const SCOPES = ['openid', 'email', 'profile', 'offline_access', 'aws.cognito.signin.user.admin'];
// Every access token is a JWT for this one (internal) resource server. oidc-provider
// requires an audience in JWT access tokens, so they carry aud=RESOURCE (Cognito's carry
// no aud). The app never calls userinfo, which oidc-provider would refuse them at.
const RESOURCE = 'urn:cognito-desk:oidc-stub';

// The devInteractions login form makes the typed login the account id; `sub` is derived
// from it (as a "pairwise" identifier, so the ID token, the access token and userinfo
// all carry the same `sub`).
const subFor = (login) => `sub-${login}`;
const emailFor = (login) => (login.includes('@') ? login : `${login}@example.com`);

const configuration = {
  clients: [{
    client_id: clientId,
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    subject_type: 'pairwise',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [logoutUri],
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  routes: {
    authorization: '/oauth2/authorize',
    token: '/oauth2/token',
    userinfo: '/oauth2/userInfo',
    end_session: '/logout',
    jwks: `/${poolId}/.well-known/jwks.json`,
  },
  scopes: SCOPES,
  subjectTypes: ['public', 'pairwise'],
  pairwiseIdentifier: async (_ctx, accountId) => subFor(accountId),
  claims: {
    openid: ['sub', 'cognito:username', 'token_use'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Put the scope-requested claims (email...) in the ID token itself, as Cognito does.
  conformIdTokenClaims: false,
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims(use) {
        return {
          sub: id, // replaced by pairwiseIdentifier -> `sub-<login>`
          'cognito:username': id,
          token_use: use === 'id_token' ? 'id' : undefined,
          email: emailFor(id),
          email_verified: true,
          name: id,
        };
      },
    };
  },
  async extraTokenClaims(_ctx, token) {
    if (token.kind === 'AccessToken') {
      return { token_use: 'access', username: token.accountId };
    }
    return undefined;
  },
  // Cognito issues a refresh token on every code exchange, with or without offline_access,
  // and it does not die with the sign-in session.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  expiresWithSession: async () => false,
  rotateRefreshToken: () => rotateRefreshToken,
  ttl: {
    AccessToken: tokenTtl,
    IdToken: tokenTtl,
    AuthorizationCode: 300,
    RefreshToken: 30 * 24 * 60 * 60,
    Interaction: 60 * 60,
    Session: 24 * 60 * 60,
    Grant: 30 * 24 * 60 * 60,
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => RESOURCE,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        if (indicator !== RESOURCE) {
          throw new errors.InvalidTarget();
        }
        return {
          scope: SCOPES.join(' '),
          accessTokenFormat: 'jwt',
          accessTokenTTL: tokenTtl,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  // No browser-side (CORS) calls in these tests; also quiets a development notice.
  clientBasedCORS: () => false,
  formats: {
    customizers: {
      // Cognito's access tokens have no `typ` header (oidc-provider sets "at+jwt").
      jwt: async (_ctx, _token, jwt) => {
        jwt.header = { typ: undefined };
      },
    },
  },
};

const provider = new Provider(issuer, configuration);
if (process.env.OIDC_DEBUG === '1') {
  for (const event of ['server_error', 'authorization.error', 'grant.error', 'end_session.error']) {
    provider.on(event, (_ctx, err) => console.error(`oidc stub: ${event}: ${err.message} ${err.error_detail ?? ''}`));
  }
}

// Cognito matches redirect and sign-out URLs exactly; oidc-provider lets a native client's
// loopback redirect use any port (RFC 8252 7.3). Restore exact matching.
provider.Client.prototype.redirectUriAllowed = function exact(value) {
  return this.redirectUris.includes(value);
};
provider.Client.prototype.postLogoutRedirectUriAllowed = function exact(value) {
  return this.postLogoutRedirectUris.includes(value);
};

const json = (ctx, status, body) => {
  ctx.status = status;
  ctx.type = 'json';
  ctx.set('cache-control', 'no-store');
  ctx.body = body;
};

// Cognito's GET /logout?client_id=...&logout_uri=...: ends the sign-in session and
// redirects (302) straight to logout_uri, which must be exactly a registered sign-out
// URL. (oidc-provider's own end_session ignores logout_uri and shows a confirm form; it
// still serves requests that use post_logout_redirect_uri / id_token_hint instead.)
async function cognitoLogout(ctx) {
  const { client_id: requestedClient, logout_uri: requestedUri } = ctx.query;
  if (requestedClient !== clientId) {
    return json(ctx, 400, { error: 'invalid_client', error_description: 'client_id is not a client of this pool' });
  }
  if (requestedUri !== logoutUri) {
    return json(ctx, 400, { error: 'invalid_request', error_description: 'logout_uri is not a registered sign-out URL of this client' });
  }
  const session = await provider.Session.get(ctx);
  if (session.accountId) {
    await session.destroy();
  }
  ctx.cookies.set(provider.cookieName('session'), null, { httpOnly: true, sameSite: 'lax' });
  ctx.set('cache-control', 'no-store');
  ctx.redirect(requestedUri); // 302
  return undefined;
}

provider.use(async (ctx, next) => {
  if (ctx.path === `/${poolId}/.well-known/openid-configuration`) {
    ctx.path = '/.well-known/openid-configuration'; // Cognito publishes discovery here
  } else if (ctx.path === '/logout' && ctx.method === 'GET' && ctx.query.logout_uri !== undefined) {
    return cognitoLogout(ctx);
  }
  return next();
});

const server = createServer(provider.callback());
server.on('error', (err) => {
  console.error(`oidc stub: ${err.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`oidc-provider listening on http://127.0.0.1:${port}\n`);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
