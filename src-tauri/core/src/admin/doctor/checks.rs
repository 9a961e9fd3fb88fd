//! The doctor's checks: pure functions from what was read ([`Facts`]) and the profile
//! to a verdict, the fact each one read, and the fix. Kept apart from the calls so every
//! verdict is unit-tested with canned facts.

use super::reading::{ReadValue, Reading, PROFILE};
use super::{Check, CheckId, CheckParam, Facts, Verdict};
use crate::profile::{Profile, SignInFlow, ADMIN_SCOPE};

const CLIENT: &str = "DescribeUserPoolClient";
const POOL: &str = "DescribeUserPool";
const MFA: &str = "GetUserPoolMfaConfig";

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

fn flows_read(facts: &Facts) -> Reading {
    let flows = &facts.client.auth_flows;
    let value = if flows.is_empty() {
        ReadValue::Defaults {
            items: DEFAULT_FLOWS.map(str::to_owned).to_vec(),
        }
    } else {
        ReadValue::List {
            items: flows.clone(),
        }
    };
    Reading::new(CLIENT, "ExplicitAuthFlows", value)
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
    Check::new(CheckId::SignInFlow, ok, vec![flows_read(facts)])
        .param("flag", flag)
        .fixable(!ok)
}

fn refresh(facts: &Facts) -> Check {
    let ok = has_flow(facts, "ALLOW_REFRESH_TOKEN_AUTH");
    Check::new(CheckId::Refresh, ok, vec![flows_read(facts)])
        .param("flag", "ALLOW_REFRESH_TOKEN_AUTH")
        .fixable(!ok)
}

fn client_secret(profile: &Profile, facts: &Facts) -> Check {
    let client = facts.client.has_secret;
    let ours = profile.settings.has_client_secret;
    Check::new(
        CheckId::ClientSecret,
        client == ours,
        vec![
            Reading::flag(CLIENT, "ClientSecret", client),
            Reading::flag(PROFILE, "hasClientSecret", ours),
        ],
    )
    .param("client", client)
    .param("profile", ours)
}

fn managed_login(profile: &Profile, facts: &Facts) -> Vec<Check> {
    let s = &profile.settings;
    let (Some(domain), Some(redirect)) = (s.domain.as_deref(), s.redirect_uri.as_deref()) else {
        return vec![Check::skipped(
            CheckId::ManagedLogin,
            vec![
                Reading::value(PROFILE, "domain", s.domain.as_deref()),
                Reading::value(PROFILE, "redirectUri", s.redirect_uri.as_deref()),
            ],
        )];
    };
    let client = &facts.client;
    let mut checks = vec![domain_check(profile, domain, facts)];
    let registered = client.callback_urls.iter().any(|u| u == redirect);
    checks.push(
        Check::new(
            CheckId::CallbackUrl,
            registered,
            vec![Reading::list(CLIENT, "CallbackURLs", &client.callback_urls)],
        )
        .param("uri", redirect)
        .fixable(!registered),
    );
    let logout = client.logout_urls.iter().any(|u| u == redirect);
    checks.push(
        Check::new(
            CheckId::SignOutUrl,
            logout,
            vec![Reading::list(CLIENT, "LogoutURLs", &client.logout_urls)],
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
            vec![Reading::list(
                CLIENT,
                "AllowedOAuthScopes",
                &client.oauth_scopes,
            )],
        )
        .param("missing", missing.join(" "))
        .fixable(!missing.is_empty()),
    );
    let code = client.oauth_enabled && client.oauth_flows.iter().any(|f| f == "code");
    checks.push(
        Check::new(
            CheckId::CodeGrant,
            code,
            vec![
                Reading::flag(
                    CLIENT,
                    "AllowedOAuthFlowsUserPoolClient",
                    client.oauth_enabled,
                ),
                Reading::list(CLIENT, "AllowedOAuthFlows", &client.oauth_flows),
            ],
        )
        .fixable(!code),
    );
    checks
}

fn domain_check(profile: &Profile, domain: &str, facts: &Facts) -> Check {
    let mut read = vec![
        Reading::value(POOL, "Domain", facts.pool_domain.as_deref()),
        Reading::value(POOL, "CustomDomain", facts.custom_domain.as_deref()),
    ];
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
            read.push(Reading::value(
                PROFILE,
                "endpoint",
                profile.settings.endpoint.as_deref(),
            ));
            return Check::skipped(CheckId::ManagedLoginDomain, read).param("domain", domain);
        }
        _ => false,
    };
    Check::new(CheckId::ManagedLoginDomain, ok, read).param("domain", domain)
}

fn mfa_readings(facts: &Facts) -> Vec<Reading> {
    let m = &facts.mfa;
    let mode = serde_json::to_value(m.mode)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned));
    vec![
        Reading::value(MFA, "MfaConfiguration", mode.as_deref()),
        Reading::flag(MFA, "SoftwareTokenMfaConfiguration", m.authenticator_app),
        Reading::flag(MFA, "SmsMfaConfiguration", m.sms),
        Reading::flag(MFA, "EmailMfaConfiguration", m.email),
    ]
}

fn mfa_methods(facts: &Facts) -> Check {
    let m = &facts.mfa;
    let any = m.authenticator_app || m.sms || m.email;
    let ok = m.mode == crate::admin::MfaMode::Off || any;
    Check::new(CheckId::MfaMethods, ok, mfa_readings(facts)).fixable(!ok)
}

fn totp_users(facts: &Facts) -> Check {
    let software = Reading::flag(
        MFA,
        "SoftwareTokenMfaConfiguration",
        facts.mfa.authenticator_app,
    );
    if facts.mfa.authenticator_app {
        return Check::new(CheckId::TotpUsers, true, vec![software]);
    }
    let (checked, users) = &facts.totp_users;
    let matching = Reading::new(
        "AdminGetUser",
        "UserMFASettingList",
        ReadValue::Users {
            read: *checked,
            matching: users.clone(),
        },
    );
    Check::new(
        CheckId::TotpUsers,
        users.is_empty(),
        vec![software, matching],
    )
    .param("users", users.join(", ").as_str())
    .param("checked", *checked)
    .fixable(!users.is_empty())
}

fn token_revocation(facts: &Facts) -> Check {
    let on = facts.client.token_revocation;
    Check::new(
        CheckId::TokenRevocation,
        on,
        vec![Reading::flag(CLIENT, "EnableTokenRevocation", on)],
    )
    .fixable(!on)
    .warning_only()
}

fn identity_pool(profile: &Profile, facts: &Facts) -> Vec<Check> {
    let Some(id) = profile.settings.identity_pool_id.as_deref() else {
        return vec![Check::skipped(
            CheckId::IdentityPoolTrust,
            vec![Reading::value(PROFILE, "identityPoolId", None)],
        )];
    };
    let pool = match &facts.identity {
        Some(Ok(pool)) => pool,
        Some(Err(code)) => {
            return vec![Check::new(
                CheckId::IdentityPoolTrust,
                false,
                vec![
                    Reading::value(PROFILE, "identityPoolId", Some(id)),
                    Reading::new(
                        "DescribeIdentityPool",
                        "IdentityPoolId",
                        ReadValue::Failed { code: code.clone() },
                    ),
                ],
            )
            .param("provider", provider_name(profile).as_str())]
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
            vec![Reading::list(
                "DescribeIdentityPool",
                "CognitoIdentityProviders",
                &listed,
            )],
        )
        .param("provider", provider.as_str())
        .param("client", client),
        Check::new(
            CheckId::IdentityPoolRole,
            pool.authenticated_role.is_some(),
            vec![Reading::value(
                "GetIdentityPoolRoles",
                "Roles.authenticated",
                pool.authenticated_role.as_deref(),
            )],
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

impl Check {
    fn new(id: CheckId, ok: bool, read: Vec<Reading>) -> Self {
        Self {
            id,
            verdict: if ok { Verdict::Pass } else { Verdict::Fail },
            read,
            params: Default::default(),
            fixable: false,
        }
    }

    fn skipped(id: CheckId, read: Vec<Reading>) -> Self {
        Self {
            verdict: Verdict::Skipped,
            ..Self::new(id, true, read)
        }
    }

    fn param(mut self, name: &'static str, value: impl Into<CheckParam>) -> Self {
        self.params.insert(name, value.into());
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
