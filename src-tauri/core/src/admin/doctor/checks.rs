//! The doctor's checks: pure functions from what was read ([`Facts`]) and the profile
//! to a verdict, the fact each one read, and the fix. Kept apart from the calls so every
//! verdict is unit-tested with canned facts.

use super::{Check, CheckId, Facts, Verdict};
use crate::profile::{Profile, SignInFlow, ADMIN_SCOPE};

/// When the client lists no flows, AWS applies these.
pub(super) const DEFAULT_FLOWS: [&str; 3] = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
];

/// The ExplicitAuthFlows flag a sign-in flow needs.
pub fn flow_flag(flow: SignInFlow) -> &'static str {
    match flow {
        SignInFlow::Srp => "ALLOW_USER_SRP_AUTH",
        SignInFlow::Password => "ALLOW_USER_PASSWORD_AUTH",
        SignInFlow::UserAuth => "ALLOW_USER_AUTH",
        SignInFlow::Custom => "ALLOW_CUSTOM_AUTH",
    }
}

fn has_flow(facts: &Facts, flag: &str) -> bool {
    let flows = &facts.client.auth_flows;
    if flows.is_empty() {
        return DEFAULT_FLOWS.contains(&flag);
    }
    // The legacy names (USER_PASSWORD_AUTH, …) count as their ALLOW_ form.
    let legacy = flag.trim_start_matches("ALLOW_");
    flows.iter().any(|f| f == flag || f == legacy)
}

fn flows_read(facts: &Facts) -> String {
    if facts.client.auth_flows.is_empty() {
        format!(
            "DescribeUserPoolClient ExplicitAuthFlows: none listed (AWS applies {})",
            DEFAULT_FLOWS.join(", ")
        )
    } else {
        format!(
            "DescribeUserPoolClient ExplicitAuthFlows: {}",
            facts.client.auth_flows.join(", ")
        )
    }
}

pub fn all(profile: &Profile, facts: &Facts) -> Vec<Check> {
    let mut checks = vec![
        sign_in_flow(profile, facts),
        refresh(facts),
        client_secret(profile, facts),
    ];
    checks.extend(managed_login(profile, facts));
    checks.push(mfa_methods(facts));
    checks.push(totp_users(facts));
    checks.push(token_revocation(facts));
    checks.extend(identity_pool(profile, facts));
    checks
}

fn sign_in_flow(profile: &Profile, facts: &Facts) -> Check {
    let flag = flow_flag(profile.settings.sign_in_flow);
    let ok = has_flow(facts, flag);
    Check::new(CheckId::SignInFlow, ok, flows_read(facts))
        .param("flag", flag)
        .fixable(!ok)
}

fn refresh(facts: &Facts) -> Check {
    let ok = has_flow(facts, "ALLOW_REFRESH_TOKEN_AUTH");
    Check::new(CheckId::Refresh, ok, flows_read(facts))
        .param("flag", "ALLOW_REFRESH_TOKEN_AUTH")
        .fixable(!ok)
}

fn client_secret(profile: &Profile, facts: &Facts) -> Check {
    let client = facts.client.has_secret;
    let ours = profile.settings.has_client_secret;
    Check::new(
        CheckId::ClientSecret,
        client == ours,
        format!(
            "DescribeUserPoolClient ClientSecret: {}; profile: {}",
            if client { "present" } else { "none" },
            if ours { "has a secret" } else { "no secret" }
        ),
    )
    .param("client", if client { "yes" } else { "no" })
    .param("profile", if ours { "yes" } else { "no" })
}

fn managed_login(profile: &Profile, facts: &Facts) -> Vec<Check> {
    let s = &profile.settings;
    let (Some(domain), Some(redirect)) = (s.domain.as_deref(), s.redirect_uri.as_deref()) else {
        return vec![Check::skipped(
            CheckId::ManagedLogin,
            "profile: no managed-login domain and redirect URI",
        )];
    };
    let client = &facts.client;
    let mut checks = vec![domain_check(profile, domain, facts)];
    let registered = client.callback_urls.iter().any(|u| u == redirect);
    checks.push(
        Check::new(
            CheckId::CallbackUrl,
            registered,
            format!("CallbackURLs: {}", list(&client.callback_urls)),
        )
        .param("uri", redirect)
        .fixable(!registered),
    );
    let logout = client.logout_urls.iter().any(|u| u == redirect);
    checks.push(
        Check::new(
            CheckId::SignOutUrl,
            logout,
            format!("LogoutURLs: {}", list(&client.logout_urls)),
        )
        .param("uri", redirect)
        .fixable(!logout)
        .warning_only(),
    );
    let mut wanted = profile.scopes();
    for needed in ["openid", ADMIN_SCOPE] {
        if !wanted.iter().any(|w| w == needed) {
            wanted.push(needed.to_owned());
        }
    }
    let missing: Vec<String> = wanted
        .into_iter()
        .filter(|w| !client.oauth_scopes.contains(w))
        .collect();
    checks.push(
        Check::new(
            CheckId::Scopes,
            missing.is_empty(),
            format!("AllowedOAuthScopes: {}", list(&client.oauth_scopes)),
        )
        .param("missing", &missing.join(" "))
        .fixable(!missing.is_empty()),
    );
    let code = client.oauth_enabled && client.oauth_flows.iter().any(|f| f == "code");
    checks.push(
        Check::new(
            CheckId::CodeGrant,
            code,
            format!(
                "AllowedOAuthFlowsUserPoolClient: {}; AllowedOAuthFlows: {}",
                client.oauth_enabled,
                list(&client.oauth_flows)
            ),
        )
        .fixable(!code),
    );
    checks
}

fn domain_check(profile: &Profile, domain: &str, facts: &Facts) -> Check {
    let read = format!(
        "DescribeUserPool Domain: {}; CustomDomain: {}",
        facts.pool_domain.as_deref().unwrap_or("none"),
        facts.custom_domain.as_deref().unwrap_or("none")
    );
    let host = url::Url::parse(domain)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    let ok = match host.split_once(".auth.") {
        Some((prefix, rest)) if rest.ends_with(".amazoncognito.com") => {
            facts.pool_domain.as_deref() == Some(prefix)
        }
        _ if facts.custom_domain.as_deref() == Some(host.as_str()) => true,
        // An emulator serves managed login at its own address, with no domain to compare.
        _ if profile.settings.endpoint.is_some() => {
            return Check::skipped(
                CheckId::ManagedLoginDomain,
                &format!("{read}; profile domain {domain} is an emulator's"),
            )
            .param("domain", domain);
        }
        _ => false,
    };
    Check::new(CheckId::ManagedLoginDomain, ok, read).param("domain", domain)
}

fn mfa_methods(facts: &Facts) -> Check {
    let m = &facts.mfa;
    let any = m.authenticator_app || m.sms || m.email;
    let ok = m.mode == crate::admin::MfaMode::Off || any;
    Check::new(
        CheckId::MfaMethods,
        ok,
        format!(
            "GetUserPoolMfaConfig: {:?}; authenticator app {}, SMS {}, email {}",
            m.mode, m.authenticator_app, m.sms, m.email
        ),
    )
    .fixable(!ok)
}

fn totp_users(facts: &Facts) -> Check {
    if facts.mfa.authenticator_app {
        return Check::new(
            CheckId::TotpUsers,
            true,
            "GetUserPoolMfaConfig: authenticator app on".to_owned(),
        );
    }
    let (checked, users) = &facts.totp_users;
    Check::new(
        CheckId::TotpUsers,
        users.is_empty(),
        format!(
            "GetUserPoolMfaConfig: authenticator app off; AdminGetUser of {checked} users: {} with SOFTWARE_TOKEN_MFA",
            users.len()
        ),
    )
    .param("users", &users.join(", "))
    .param("checked", &checked.to_string())
    .fixable(!users.is_empty())
}

fn token_revocation(facts: &Facts) -> Check {
    let on = facts.client.token_revocation;
    Check::new(
        CheckId::TokenRevocation,
        on,
        format!("DescribeUserPoolClient EnableTokenRevocation: {on}"),
    )
    .fixable(!on)
    .warning_only()
}

fn identity_pool(profile: &Profile, facts: &Facts) -> Vec<Check> {
    let Some(id) = profile.settings.identity_pool_id.as_deref() else {
        return vec![Check::skipped(
            CheckId::IdentityPoolTrust,
            "profile: no identity pool",
        )];
    };
    let pool = match &facts.identity {
        Some(Ok(pool)) => pool,
        Some(Err(message)) => {
            return vec![Check::new(
                CheckId::IdentityPoolTrust,
                false,
                format!("DescribeIdentityPool {id}: {message}"),
            )
            .param("provider", &provider_name(profile))]
        }
        None => return vec![],
    };
    let provider = provider_name(profile);
    let client = profile.settings.client_id.as_str();
    let trusts = pool
        .providers
        .iter()
        .any(|p| p.provider_name == provider && p.client_id == client);
    let listed: Vec<String> = pool
        .providers
        .iter()
        .map(|p| format!("{} ({})", p.provider_name, p.client_id))
        .collect();
    vec![
        Check::new(
            CheckId::IdentityPoolTrust,
            trusts,
            format!(
                "DescribeIdentityPool CognitoIdentityProviders: {}",
                list(&listed)
            ),
        )
        .param("provider", &provider)
        .param("client", client),
        Check::new(
            CheckId::IdentityPoolRole,
            pool.authenticated_role.is_some(),
            format!(
                "GetIdentityPoolRoles authenticated: {}",
                pool.authenticated_role.as_deref().unwrap_or("none")
            ),
        ),
    ]
}

/// How an identity pool names this profile's user pool.
pub fn provider_name(profile: &Profile) -> String {
    format!(
        "cognito-idp.{}.amazonaws.com/{}",
        profile.settings.region,
        profile.settings.user_pool_id.as_str()
    )
}

fn list(values: &[String]) -> String {
    if values.is_empty() {
        "none".to_owned()
    } else {
        values.join(", ")
    }
}

impl Check {
    fn new(id: CheckId, ok: bool, read: String) -> Self {
        Self {
            id,
            verdict: if ok { Verdict::Pass } else { Verdict::Fail },
            read,
            params: Default::default(),
            fixable: false,
        }
    }

    fn skipped(id: CheckId, read: &str) -> Self {
        Self {
            verdict: Verdict::Skipped,
            ..Self::new(id, true, read.to_owned())
        }
    }

    fn param(mut self, name: &'static str, value: &str) -> Self {
        self.params.insert(name, value.to_owned());
        self
    }

    fn fixable(mut self, yes: bool) -> Self {
        self.fixable = yes;
        self
    }

    /// A problem that breaks no sign-in today: a warning, not a failure.
    fn warning_only(mut self) -> Self {
        if self.verdict == Verdict::Fail {
            self.verdict = Verdict::Warning;
        }
        self
    }
}
