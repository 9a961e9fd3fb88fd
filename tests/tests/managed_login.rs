//! Managed login (authorization code + PKCE + loopback redirect) against two
//! independent servers: ministack's hosted UI (Cognito's own paths, PKCE enforced at
//! the token endpoint) and oidc-provider (a certified OpenID provider on Cognito's
//! route names). The test plays the browser; the app's core does the rest.

use cognito_desk_core::dto::{FieldValue, ManagedLoginStart, SignInOutcome};
use cognito_desk_core::error::Error;
use cognito_desk_core::ids::Username;
use cognito_desk_core::Code;
use cognito_desk_testbed::browser::{param, with_param, Tab};
use cognito_desk_testbed::managed::{Server, World, USER};
use cognito_desk_testbed::on_both_servers;
use oauth2::PkceCodeChallenge;
use std::time::Duration;
use url::Url;

async fn begin(world: &World) -> (ManagedLoginStart, Url) {
    let start = world
        .desk
        .managed()
        .begin(&world.profile.id)
        .await
        .expect("managed login begins");
    let url = Url::parse(&start.authorize_url).expect("authorize URL");
    (start, url)
}

/// Runs the app's wait and the browser side by side.
async fn finish_while<F>(world: &World, browser_side: F) -> (Result<SignInOutcome, Error>, Tab)
where
    F: std::future::Future<Output = anyhow::Result<Tab>>,
{
    let (outcome, tab) = tokio::join!(world.desk.managed().finish(), browser_side);
    (outcome, tab.expect("the browser side ran"))
}

async fn full_flow_ends_with_verified_tokens(server: Server) {
    let world = World::new(server, "flow", None).await;
    let (start, url) = begin(&world).await;
    // RFC 8252 + PKCE: code flow, S256, state, nonce, the exact loopback redirect.
    assert_eq!(param(&url, "response_type").as_deref(), Some("code"));
    assert_eq!(
        param(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(param(&url, "code_challenge").map(|c| c.len()), Some(43));
    assert!(param(&url, "state").is_some_and(|s| s.len() >= 16));
    assert!(param(&url, "nonce").is_some_and(|s| s.len() >= 16));
    assert_eq!(
        param(&url, "redirect_uri").as_deref(),
        Some(world.redirect_uri.as_str())
    );
    assert_eq!(
        param(&url, "scope").as_deref(),
        Some("openid email profile aws.cognito.signin.user.admin")
    );
    assert!(param(&url, "code_verifier").is_none());
    assert!(!start.missing_admin_scope);
    assert!(start.emulated, "a loopback domain is an emulator");

    let browser = world.browser();
    let (outcome, tab) = finish_while(&world, browser.sign_in(&start.authorize_url)).await;
    let SignInOutcome::SignedIn { session } = outcome.expect("signed in") else {
        panic!("expected tokens");
    };
    assert_eq!(tab.status, 200, "{}", tab.body);
    assert!(tab.body.contains("Signed in"), "{}", tab.body);
    assert_eq!(session.sign_in_method, "managedLogin");
    assert_eq!(session.email.as_deref(), Some(USER));
    assert!(session.keychain.stored, "{:?}", session.keychain);

    let report = world.desk.managed().report().expect("report");
    let checks: Vec<(&str, bool)> = report
        .id_token
        .checks
        .iter()
        .map(|c| (c.check, c.passed))
        .collect();
    assert_eq!(
        checks,
        [
            ("signature", true),
            ("issuer", true),
            ("tokenUse", true),
            ("audience", true),
            ("expiry", true),
            ("issuedAt", true),
            ("nonce", true)
        ]
    );
    assert_eq!(report.authorize_url, start.authorize_url);
    let field = |name: &str| {
        report
            .token_response
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.clone())
    };
    match field("token_type") {
        Some(FieldValue::Text { text }) => assert_eq!(text.to_lowercase(), "bearer"),
        other => panic!("token_type: {other:?}"),
    }
    // The tokens as their last characters and length, never more.
    for token in ["id_token", "access_token", "refresh_token"] {
        match field(token) {
            Some(FieldValue::Masked { masked }) => {
                assert_eq!(masked.tail.chars().count(), 4, "{token}: {masked:?}");
                assert!(masked.length > 12, "{token}: {masked:?}");
            }
            other => panic!("{token} is not masked: {other:?}"),
        }
    }
    assert!(report.code_preview.length > 0);
    assert_eq!(world.desk.calls().count("TokenEndpoint"), 1);

    // The token page verifies these tokens like a password sign-in's.
    let tokens = world.desk.tokens().report().await.expect("token page");
    assert!(
        tokens.id.checks.iter().all(|c| c.passed),
        "{:?}",
        tokens.id.checks
    );
    assert!(
        tokens.access.checks.iter().all(|c| c.passed),
        "{:?}",
        tokens.access.checks
    );

    // Refresh goes to the token endpoint (refresh_token grant) and keeps the session.
    let refreshed = world.desk.session().refresh().await.expect("refreshed");
    assert!(refreshed.refreshed_at.is_some());
    assert_eq!(refreshed.sign_in_method, "managedLogin");
    assert_eq!(world.desk.calls().count("TokenEndpoint"), 2);
    assert_eq!(world.desk.calls().count("InitiateAuth"), 0);

    // A second start restores from the keychain through the same grant.
    let second = world.second_start();
    let cognito_desk_core::dto::RestoreOutcome::Restored { session } =
        second.session().restore().await
    else {
        panic!("expected a restored session");
    };
    assert_eq!(session.sign_in_method, "managedLogin");
    assert_eq!(second.calls().count("TokenEndpoint"), 1);

    if server == Server::Ministack {
        // The access token works on the emulator's user APIs, which check its scope.
        let status = world
            .desk
            .mfa()
            .status()
            .await
            .expect("GetUser with this token");
        assert!(!status.totp_enabled);
        world
            .desk
            .mfa()
            .begin_totp_enrollment()
            .await
            .expect("AssociateSoftwareToken with this token");
    }
    world.desk.sign_out(false).await;
}

/// A redirect with another state (a forged one, or any page's `<img>` pointing at the
/// port) is refused with an error page and ignored: the user's own sign-in goes on.
async fn wrong_state_is_ignored_and_the_sign_in_goes_on(server: Server) {
    let world = World::new(server, "state", None).await;
    let (start, _) = begin(&world).await;
    let browser = world.browser();
    let (outcome, forged) = tokio::join!(world.desk.managed().finish(), async {
        let redirect = browser.sign_in_until_redirect(&start.authorize_url).await?;
        assert!(param(&redirect, "code").is_some());
        let forged = browser
            .visit(&with_param(&redirect, "state", "forged-by-someone-else"))
            .await?;
        // The forged one exchanged nothing.
        assert_eq!(world.desk.calls().count("TokenEndpoint"), 0);
        let genuine = browser.visit(&redirect).await?;
        assert!(genuine.body.contains("Signed in"), "{}", genuine.body);
        anyhow::Ok(forged)
    });
    let forged = forged.expect("the browser side ran");
    assert_eq!(forged.status, 400);
    assert!(forged.body.contains("state mismatch"), "{}", forged.body);
    assert!(
        matches!(outcome, Ok(SignInOutcome::SignedIn { .. })),
        "{outcome:?}"
    );
    assert_eq!(world.desk.calls().count("TokenEndpoint"), 1);
    let noted = world
        .desk
        .calls()
        .records()
        .into_iter()
        .find(|r| r.operation == "LoopbackRedirect")
        .expect("the ignored redirect is in the call log");
    assert_eq!(noted.outcome, "StateMismatch");
}

async fn pkce_verifier_mismatch_is_invalid_grant(server: Server) {
    let world = World::new(server, "pkce", None).await;
    let (start, url) = begin(&world).await;
    // The code is bound to someone else's challenge: the app's verifier cannot match.
    let (foreign, _) = PkceCodeChallenge::new_random_sha256();
    let tampered = with_param(&url, "code_challenge", foreign.as_str());
    let browser = world.browser();
    let (outcome, tab) = finish_while(&world, browser.sign_in(tampered.as_str())).await;
    let error = outcome.expect_err("the token endpoint must refuse");
    assert_eq!(error.code, Code::ManagedLoginInvalidGrant, "{error:?}");
    assert!(error.message.contains("invalid_grant"), "{}", error.message);
    assert!(error.hint.contains("PKCE"), "{}", error.hint);
    assert_eq!(tab.status, 400);
    assert!(tab.body.contains("Sign-in failed"), "{}", tab.body);
    assert!(world.desk.session().current().is_none());
    let _ = start;
}

async fn a_token_for_another_nonce_is_refused(server: Server) {
    let world = World::new(server, "nonce", None).await;
    let (start, url) = begin(&world).await;
    // The server puts this nonce in the ID token: not the one the app sent.
    let tampered = with_param(&url, "nonce", "someone-elses-nonce");
    let browser = world.browser();
    let (outcome, tab) = finish_while(&world, browser.sign_in(tampered.as_str())).await;
    let error = outcome.expect_err("a replayed ID token must not sign in");
    assert_eq!(error.code, Code::IdTokenRejected, "{error:?}");
    assert!(error.message.contains("nonce differs"), "{}", error.message);
    assert!(tab.body.contains("Sign-in failed"), "{}", tab.body);
    assert!(world.desk.session().current().is_none());
    assert!(world.desk.managed().report().is_none());
    let _ = start;
}

async fn an_error_callback_is_shown_in_words(server: Server) {
    let world = World::new(server, "denied", None).await;
    let (start, url) = begin(&world).await;
    let state = param(&url, "state").expect("state");
    let browser = world.browser();
    let (outcome, tab) = finish_while(&world, async {
        let mut denied = Url::parse(&world.redirect_uri)?;
        denied
            .query_pairs_mut()
            .append_pair("error", "access_denied")
            .append_pair("error_description", "The user said no")
            .append_pair("state", &state);
        browser.visit(&denied).await
    })
    .await;
    let error = outcome.expect_err("denied");
    assert_eq!(error.code, Code::ManagedLoginDenied);
    assert!(
        error.message.contains("access_denied: The user said no"),
        "{}",
        error.message
    );
    assert!(tab.body.contains("access_denied"), "{}", tab.body);
    let _ = start;
}

async fn an_unregistered_redirect_uri_is_reported_before_the_browser_opens(server: Server) {
    let world = World::new(server, "mismatch", None).await;
    let unregistered = format!(
        "http://127.0.0.1:{}/callback",
        cognito_desk_testbed::free_port()
    );
    let mut input = world.profile.to_input();
    input.settings.redirect_uri = Some(unregistered.clone());
    world.desk.profiles().save(input).expect("saved");
    let error = world
        .desk
        .managed()
        .begin(&world.profile.id)
        .await
        .expect_err("the domain refuses the redirect URI");
    assert_eq!(error.code, Code::RedirectMismatch, "{error:?}");
    assert!(error.hint.contains(&unregistered), "{}", error.hint);
}

on_both_servers!(
    full_flow_ends_with_verified_tokens,
    wrong_state_is_ignored_and_the_sign_in_goes_on,
    pkce_verifier_mismatch_is_invalid_grant,
    a_token_for_another_nonce_is_refused,
    browser_logout_clears_the_hosted_session_and_comes_back,
    an_error_callback_is_shown_in_words,
    an_unregistered_redirect_uri_is_reported_before_the_browser_opens,
);

#[tokio::test]
async fn without_the_admin_scope_user_apis_fail_with_a_hint_naming_it() {
    let world = World::new(
        Server::Ministack,
        "no-admin-scope",
        Some("openid email profile"),
    )
    .await;
    let (start, url) = begin(&world).await;
    assert!(start.missing_admin_scope);
    assert_eq!(
        param(&url, "scope").as_deref(),
        Some("openid email profile")
    );
    let browser = world.browser();
    let (outcome, _) = finish_while(&world, browser.sign_in(&start.authorize_url)).await;
    outcome.expect("signed in");
    assert!(
        world
            .desk
            .managed()
            .report()
            .expect("report")
            .missing_admin_scope
    );
    let error = world
        .desk
        .mfa()
        .status()
        .await
        .expect_err("GetUser refused");
    assert_eq!(error.code, Code::MissingAdminScope);
    assert!(
        error.hint.contains("aws.cognito.signin.user.admin"),
        "{}",
        error.hint
    );
    let error = world
        .desk
        .mfa()
        .begin_totp_enrollment()
        .await
        .expect_err("AssociateSoftwareToken refused");
    assert_eq!(error.code, Code::MissingAdminScope);

    // GlobalSignOut needs that scope too: "sign out everywhere" revokes this session's
    // refresh token instead and says so.
    let refresh = {
        use cognito_desk_core::vault::{OsKeychain, Vault};
        OsKeychain::default()
            .load(&world.profile.id, &Username::new(USER))
            .expect("keychain")
            .expect("entry")
    };
    let report = world.desk.sign_out(true).await;
    assert!(!report.server_revoked);
    let message = report.server_message.unwrap_or_default();
    assert!(message.contains("revoked instead"), "{message}");
    let config = cognito_desk_core::hosted::oauth::HostedConfig::from_profile(&world.profile)
        .expect("config");
    let http = cognito_desk_core::http::client();
    let error =
        cognito_desk_core::hosted::oauth::refresh(&config, &http, world.desk.calls(), &refresh)
            .await
            .expect_err("the refresh token was revoked");
    assert_eq!(error.code, Code::SessionRevoked);
}

async fn browser_logout_clears_the_hosted_session_and_comes_back(server: Server) {
    let world = World::new(server, "logout", None).await;
    let (start, _) = begin(&world).await;
    let browser = world.browser();
    let (outcome, _) = finish_while(&world, browser.sign_in(&start.authorize_url)).await;
    outcome.expect("signed in");
    let report = world.desk.sign_out(false).await;
    let logout = report
        .managed_logout_url
        .expect("a managed-login session offers /logout");
    let logout_url = Url::parse(&logout).expect("URL");
    assert_eq!(logout_url.path(), "/logout");
    assert_eq!(
        param(&logout_url, "client_id").as_deref(),
        Some(world.profile.settings.client_id.as_str())
    );
    assert_eq!(
        param(&logout_url, "logout_uri").as_deref(),
        Some(world.redirect_uri.as_str())
    );
    // A managed login started while the sign-out page still listens takes the port.
    let waiting = world
        .desk
        .managed()
        .logout_return(&logout)
        .await
        .expect("port free again");
    let waiting = tokio::spawn(waiting.serve(Duration::from_secs(30)));
    let (again, _) = begin(&world).await;
    assert!(again.authorize_url.contains("/oauth2/authorize"));
    let stopped = waiting.await.expect("joined").expect_err("stopped");
    assert_eq!(stopped.code, Code::ManagedLoginCancelled);
    world.desk.managed().cancel();

    let back = world
        .desk
        .managed()
        .logout_return(&logout)
        .await
        .expect("port free again");
    let (served, tab) = tokio::join!(
        back.serve(Duration::from_secs(20)),
        browser.follow_to_app(&logout)
    );
    served.expect("the return was answered");
    let tab = tab.expect("browser");
    assert!(
        tab.body.contains("Signed out of managed login"),
        "{}",
        tab.body
    );
    // The browser's hosted session is gone: a new sign-in asks for the password again.
    let (next, _) = begin(&world).await;
    let page = browser
        .page(&next.authorize_url)
        .await
        .expect("sign-in page");
    assert!(page.contains("type=\"password\""), "{page}");
    world.desk.managed().cancel();
}

#[tokio::test]
async fn the_wait_times_out_and_frees_the_port() {
    let world = World::new(Server::OidcProvider, "timeout", None).await;
    world
        .desk
        .managed()
        .begin_within(&world.profile.id, Duration::from_secs(2))
        .await
        .expect("begins");
    let started = std::time::Instant::now();
    let error = world.desk.managed().finish().await.expect_err("timeout");
    assert_eq!(error.code, Code::ManagedLoginTimeout);
    assert!(started.elapsed() >= Duration::from_secs(1));
    // The listener is gone: the next attempt binds the same port.
    begin(&world).await;
}

#[tokio::test]
async fn a_taken_port_names_the_program_holding_it() {
    let world = World::new(Server::OidcProvider, "port", None).await;
    let port = Url::parse(&world.redirect_uri)
        .expect("url")
        .port()
        .expect("port");
    let _squatter = std::net::TcpListener::bind(("127.0.0.1", port)).expect("bind");
    let error = world
        .desk
        .managed()
        .begin(&world.profile.id)
        .await
        .expect_err("port in use");
    assert_eq!(error.code, Code::RedirectPortInUse);
    assert!(
        error.message.contains(&port.to_string()),
        "{}",
        error.message
    );
    assert!(
        error
            .message
            .contains(&format!("pid {}", std::process::id())),
        "names this test process: {}",
        error.message
    );
    assert!(error.hint.contains("choose another port"), "{}", error.hint);
}

#[tokio::test]
async fn requests_to_other_paths_do_not_end_the_wait() {
    let world = World::new(Server::OidcProvider, "other-path", None).await;
    let (start, _) = begin(&world).await;
    let browser = world.browser();
    let (outcome, tab) = finish_while(&world, async {
        let mut favicon = Url::parse(&world.redirect_uri)?;
        favicon.set_path("/favicon.ico");
        let probe = browser.visit(&favicon).await?;
        assert_eq!(probe.status, 404);
        // Nothing to act on at the callback path either: still waiting.
        let bare = Url::parse(&world.redirect_uri)?;
        let empty = browser.visit(&bare).await?;
        assert_eq!(empty.status, 400);
        assert!(empty.body.contains("still waiting"), "{}", empty.body);
        browser.sign_in(&start.authorize_url).await
    })
    .await;
    outcome.expect("the real redirect still signs in");
    assert!(tab.body.contains("Signed in"));
}

#[tokio::test]
async fn cancel_ends_the_wait_and_releases_the_port() {
    let world = World::new(Server::OidcProvider, "cancel", None).await;
    begin(&world).await;
    let (outcome, ()) = tokio::join!(world.desk.managed().finish(), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(world.desk.managed().cancel());
    });
    assert_eq!(
        outcome.expect_err("cancelled").code,
        Code::ManagedLoginCancelled
    );
    begin(&world).await;
}

/// A client that rotates refresh tokens: each refresh's new token replaces the old one
/// in the keychain, so the next start can still restore.
#[tokio::test]
async fn rotated_refresh_tokens_replace_the_stored_one() {
    let world = World::with_oidc_env(
        Server::OidcProvider,
        "rotation",
        None,
        &[("OIDC_ROTATE_REFRESH_TOKEN", "1")],
    )
    .await;
    let (start, _) = begin(&world).await;
    let browser = world.browser();
    let (outcome, _) = finish_while(&world, browser.sign_in(&start.authorize_url)).await;
    outcome.expect("signed in");
    let stored = || {
        use cognito_desk_core::vault::{OsKeychain, Vault};
        OsKeychain::default()
            .load(&world.profile.id, &Username::new(USER))
            .expect("keychain")
            .expect("entry")
    };
    let first = stored();
    world.desk.session().refresh().await.expect("refresh");
    let second = stored();
    assert_ne!(first, second, "the rotated token is kept");
    // Restoring twice works only if each restore keeps the token it was handed.
    for _ in 0..2 {
        let desk = world.second_start();
        let restored = desk.session().restore().await;
        assert!(
            matches!(
                restored,
                cognito_desk_core::dto::RestoreOutcome::Restored { .. }
            ),
            "{restored:?}"
        );
    }
    assert_ne!(stored(), second);
}

/// The provider itself sends the error: the user presses "Cancel" on its sign-in page
/// and it redirects with error=access_denied.
#[tokio::test]
async fn cancelling_on_the_providers_page_is_shown_as_denied() {
    let world = World::new(Server::OidcProvider, "provider-cancel", None).await;
    let (start, _) = begin(&world).await;
    let browser = world.browser();
    let (outcome, tab) = finish_while(&world, async {
        let redirect = browser
            .click_link_until_redirect(&start.authorize_url, "Cancel")
            .await?;
        assert_eq!(param(&redirect, "error").as_deref(), Some("access_denied"));
        browser.visit(&redirect).await
    })
    .await;
    let error = outcome.expect_err("denied");
    assert_eq!(error.code, Code::ManagedLoginDenied);
    assert!(
        error.message.contains("End-User aborted interaction"),
        "{}",
        error.message
    );
    assert!(tab.body.contains("Sign-in not completed"), "{}", tab.body);
}

/// A confidential app client: the token endpoint wants the client authenticated (HTTP
/// Basic with the secret from the keychain); ministack refuses the code exchange
/// without it and with a wrong secret.
#[tokio::test]
async fn ministack_a_confidential_client_authenticates_at_the_token_endpoint() {
    let world = World::confidential("confidential", None).await;
    let (_, url) = begin(&world).await;
    let browser = world.browser();
    let (outcome, _) = finish_while(&world, browser.sign_in(url.as_str())).await;
    let SignInOutcome::SignedIn { session } = outcome.expect("signed in") else {
        panic!("expected a session");
    };
    assert_eq!(session.email.as_deref(), Some(USER));
    let exchange = world
        .desk
        .calls()
        .records()
        .into_iter()
        .find(|r| r.operation == "TokenEndpoint")
        .expect("the code exchange");
    assert!(
        exchange.params.iter().any(|p| p.name == "Authorization"),
        "{exchange:?}"
    );
    world.desk.session().refresh().await.expect("refreshed");

    let wrong = World::confidential("confidential-wrong", Some("not-the-secret")).await;
    let (_, url) = begin(&wrong).await;
    let browser = wrong.browser();
    let (outcome, _) = finish_while(&wrong, browser.sign_in(url.as_str())).await;
    let e = outcome.expect_err("a wrong secret is refused");
    assert_eq!(e.code, Code::ManagedLoginClientRefused, "{e:?}");
}
