//! The sign-in state machine: InitiateAuth, then one challenge after another until
//! Cognito hands out tokens. A [`Conversation`] holds what every call of one sign-in
//! shares (the SDK client, the call log, the profile, the app client and its secret);
//! `challenge.rs` parses what Cognito answers, `answers.rs` answers each challenge.

mod answers;
mod challenge;
mod device;
mod refresh;

pub use challenge::{
    normalise_code, normalise_delivered_code, parse_answer, parse_name_list, unsupported_error,
    Answer, Challenge, ChallengeKind, DeliveredCode, Delivery,
};
pub use refresh::{RefreshPath, Refreshed};

use crate::appclient::AppClient;
use crate::aws::{Call, CallLog};
use crate::cognito_errors::{
    flow_not_enabled, CUSTOM_FLOW, PASSWORD_FLOW, SRP_FLOW, USER_AUTH_FLOW,
};
use crate::device::RememberedDevice;
use crate::error::{Code, Error, Result};
use crate::profile::Profile;
use crate::secret::{Jwt, Password, RefreshToken};
use crate::srp::{PasswordVerifier, SrpExchange};
use aws_sdk_cognitoidentityprovider as idp;
use idp::operation::initiate_auth::InitiateAuthOutput;
use idp::operation::respond_to_auth_challenge::RespondToAuthChallengeOutput;
use idp::types::{AuthFlowType, ChallengeNameType};

/// Tokens from a finished sign-in.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub id: Jwt,
    pub access: Jwt,
    /// Absent on a refresh: Cognito keeps the old refresh token valid.
    pub refresh: Option<RefreshToken>,
    pub expires_in_secs: i64,
    /// NewDeviceMetadata: Cognito tracks devices in this pool and names this computer
    /// (ConfirmDevice follows the sign-in).
    pub new_device: Option<crate::device::NewDevice>,
}

/// Where the conversation with Cognito stands.
#[derive(Debug, Clone)]
pub enum Step {
    SignedIn(Tokens),
    Challenge(Challenge),
}

/// What every call of one sign-in shares.
#[derive(Debug, Clone)]
pub struct Conversation<'a> {
    pub client: idp::Client,
    pub calls: &'a CallLog,
    pub profile: &'a Profile,
    pub app: AppClient,
    /// This computer as a remembered device of the user: its DEVICE_KEY goes with the
    /// sign-in, and DEVICE_SRP_AUTH is answered with its password.
    pub device: Option<RememberedDevice>,
}

impl<'a> Conversation<'a> {
    pub fn new(
        client: idp::Client,
        calls: &'a CallLog,
        profile: &'a Profile,
        app: AppClient,
    ) -> Self {
        Self {
            client,
            calls,
            profile,
            app,
            device: None,
        }
    }

    /// The same conversation, signing in as `device` too.
    pub fn with_device(mut self, device: Option<RememberedDevice>) -> Self {
        self.device = device;
        self
    }

    /// DEVICE_KEY beside the other parameters, when this computer is a known device.
    fn device_key_parameter(&self) -> Option<(&'static str, &str, Logged)> {
        self.device
            .as_ref()
            .map(|d| ("DEVICE_KEY", d.key.as_str(), Logged::Plain))
    }

    fn call(&self, operation: &'static str) -> Call {
        crate::aws::cognito_call(operation, self.profile)
    }

    /// InitiateAuth with `parameters` (plus SECRET_HASH for `username` when the client
    /// has a secret). `logged` says how each parameter appears in the call log: a
    /// secret's name stands in for its value.
    async fn initiate(
        &self,
        flow: AuthFlowType,
        username: &str,
        parameters: &[(&'static str, &str, Logged)],
    ) -> Result<InitiateAuthOutput> {
        let mut call = self
            .call("InitiateAuth")
            .param("AuthFlow", flow.as_str())
            .param("ClientId", self.app.id());
        let mut request = self
            .client
            .initiate_auth()
            .auth_flow(flow.clone())
            .client_id(self.app.id());
        for (key, value, logged) in parameters {
            call = logged.log(call, AUTH_PARAMETERS, key, value);
            request = request.auth_parameters(*key, *value);
        }
        if let Some(hash) = self.app.secret_hash(username) {
            call = call.secret_entry(AUTH_PARAMETERS, "SECRET_HASH", "SECRET_HASH");
            request = request.auth_parameters("SECRET_HASH", hash);
        }
        let flag = match flow {
            AuthFlowType::UserPasswordAuth => Some(PASSWORD_FLOW),
            AuthFlowType::UserSrpAuth => Some(SRP_FLOW),
            AuthFlowType::UserAuth => Some(USER_AUTH_FLOW),
            AuthFlowType::CustomAuth => Some(CUSTOM_FLOW),
            _ => None,
        };
        self.calls
            .call(call, request.send())
            .await
            .map_err(|e| match (e.code.clone(), flag) {
                // Name the flag of the flow that was refused, whatever the server's words.
                (Code::AuthFlowNotEnabled, Some(flow)) => flow_not_enabled(flow),
                _ => e,
            })
    }

    /// USER_PASSWORD_AUTH: the walkthrough's flow.
    pub async fn start_password(&self, username: &str, password: &Password) -> Result<Step> {
        let username = checked(username, password)?;
        let mut parameters = vec![
            ("USERNAME", username, Logged::Plain),
            ("PASSWORD", password.expose(), Logged::Secret),
        ];
        parameters.extend(self.device_key_parameter());
        let out = self
            .initiate(AuthFlowType::UserPasswordAuth, username, &parameters)
            .await?;
        parse_answer(username, initiated(&out))
    }

    /// USER_SRP_AUTH: SRP_A, then the answer to PASSWORD_VERIFIER, then whatever follows
    /// (tokens or a challenge such as SOFTWARE_TOKEN_MFA). The password never leaves this
    /// machine: Cognito receives only a proof computed from it.
    pub async fn start_srp(&self, username: &str, password: &Password) -> Result<Step> {
        let username = checked(username, password)?;
        let exchange = self.srp_exchange(username, password);
        let srp_a = exchange.srp_a();
        let mut parameters = vec![
            ("USERNAME", username, Logged::Plain),
            ("SRP_A", srp_a.as_str(), Logged::Plain),
        ];
        parameters.extend(self.device_key_parameter());
        let out = self
            .initiate(AuthFlowType::UserSrpAuth, username, &parameters)
            .await?;
        self.after_srp_a(username, &exchange, initiated(&out)).await
    }

    /// USER_AUTH (choice-based): the username, and the first factor the user prefers if
    /// any (`PASSWORD` sends the password along, `PASSWORD_SRP` an SRP_A). Cognito
    /// answers with that factor's challenge, or SELECT_CHALLENGE to pick one.
    pub async fn start_user_auth(
        &self,
        username: &str,
        preferred: Option<&str>,
        password: &Password,
    ) -> Result<Step> {
        let username = required_username(username)?;
        let exchange = self.srp_exchange(username, password);
        let srp_a = exchange.srp_a();
        let mut parameters = vec![("USERNAME", username, Logged::Plain)];
        match preferred {
            Some("PASSWORD") | Some("PASSWORD_SRP") if password.is_empty() => {
                return Err(missing_credentials())
            }
            Some("PASSWORD") => parameters.push(("PASSWORD", password.expose(), Logged::Secret)),
            Some("PASSWORD_SRP") => parameters.push(("SRP_A", srp_a.as_str(), Logged::Plain)),
            _ => {}
        }
        if let Some(preferred) = preferred {
            parameters.push(("PREFERRED_CHALLENGE", preferred, Logged::Plain));
        }
        parameters.extend(self.device_key_parameter());
        let out = self
            .initiate(AuthFlowType::UserAuth, username, &parameters)
            .await?;
        self.after_srp_a(username, &exchange, initiated(&out)).await
    }

    /// CUSTOM_AUTH: only the username; the pool's Define/Create Auth Challenge
    /// triggers decide what to ask (CUSTOM_CHALLENGE, answered with `ANSWER`).
    pub async fn start_custom(&self, username: &str) -> Result<Step> {
        let username = required_username(username)?;
        let out = self
            .initiate(
                AuthFlowType::CustomAuth,
                username,
                &[("USERNAME", username, Logged::Plain)],
            )
            .await?;
        parse_answer(username, initiated(&out))
    }

    fn srp_exchange(&self, username: &str, password: &Password) -> SrpExchange {
        let settings = &self.profile.settings;
        SrpExchange::new(
            &settings.user_pool_id,
            username,
            password,
            &settings.client_id,
        )
    }

    /// After SRP_A went out: answer PASSWORD_VERIFIER with the proof, or take what came
    /// instead (tokens or another challenge: not SRP as Cognito does it, but an answer).
    pub(crate) async fn after_srp_a(
        &self,
        username: &str,
        exchange: &SrpExchange,
        answer: Answer<'_>,
    ) -> Result<Step> {
        if answer.challenge_name != Some(&ChallengeNameType::PasswordVerifier) {
            return parse_answer(username, answer);
        }
        let verifier = PasswordVerifier::parse(answer.parameters)?;
        let claim = exchange.claim(&verifier)?;
        let user_id = verifier.user_id_for_srp.as_str();
        let mut responses = claim_responses(&claim);
        responses.extend(self.device_key_parameter());
        let out = self
            .respond_raw(
                ChallengeNameType::PasswordVerifier,
                user_id,
                answer.session,
                &responses,
                &[],
            )
            // A proof that does not match comes back as "Incorrect username or
            // password", which cognito_errors turns into the wrong-password error.
            .await?;
        parse_answer(user_id, responded(&out))
    }

    /// RespondToAuthChallenge with `USERNAME`, the session, SECRET_HASH when the client
    /// has a secret, `responses`, and `attributes` (NEW_PASSWORD_REQUIRED's
    /// `userAttributes.<name>`, named by the pool, so logged as one list of names).
    pub(crate) async fn respond_raw(
        &self,
        name: ChallengeNameType,
        username: &str,
        session: Option<&str>,
        responses: &[(&'static str, &str, Logged)],
        attributes: &[(String, &str)],
    ) -> Result<RespondToAuthChallengeOutput> {
        let mut call = self
            .call("RespondToAuthChallenge")
            .param("ClientId", self.app.id())
            .param("ChallengeName", name.as_str())
            .secret("Session", "SESSION")
            .entry(CHALLENGE_RESPONSES, "USERNAME", username);
        let mut request = self
            .client
            .respond_to_auth_challenge()
            .client_id(self.app.id())
            .challenge_name(name)
            .set_session(session.map(str::to_owned))
            .challenge_responses("USERNAME", username);
        for (key, value, logged) in responses {
            call = logged.log(call, CHALLENGE_RESPONSES, key, value);
            request = request.challenge_responses(*key, *value);
        }
        for (key, value) in attributes {
            call = call.entry(CHALLENGE_RESPONSES, key, *value);
            request = request.challenge_responses(key, *value);
        }
        if let Some(hash) = self.app.secret_hash(username) {
            call = call.secret_entry(CHALLENGE_RESPONSES, "SECRET_HASH", "SECRET_HASH");
            request = request.challenge_responses("SECRET_HASH", hash);
        }
        self.calls.call(call, request.send()).await
    }
}

/// The answer to PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER: the proof (never
/// logged), the echoed secret block and the timestamp it was made at.
pub(crate) fn claim_responses(
    claim: &crate::srp::PasswordClaim,
) -> Vec<(&'static str, &str, Logged)> {
    vec![
        (
            "PASSWORD_CLAIM_SECRET_BLOCK",
            claim.secret_block.as_str(),
            Logged::Plain,
        ),
        (
            "PASSWORD_CLAIM_SIGNATURE",
            claim.signature.as_str(),
            Logged::Secret,
        ),
        ("TIMESTAMP", claim.timestamp.as_str(), Logged::Plain),
    ]
}

/// How a parameter appears in the call log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Logged {
    Plain,
    /// Passwords, codes, proofs: the log keeps the name, never the value.
    Secret,
}

const AUTH_PARAMETERS: &str = "AuthParameters";
const CHALLENGE_RESPONSES: &str = "ChallengeResponses";

impl Logged {
    fn log(self, call: Call, map: &'static str, key: &'static str, value: &str) -> Call {
        match self {
            Logged::Plain => call.entry(map, key, value),
            Logged::Secret => call.secret_entry(map, key, key),
        }
    }
}

pub(crate) fn initiated(out: &InitiateAuthOutput) -> Answer<'_> {
    Answer {
        challenge_name: out.challenge_name(),
        session: out.session(),
        parameters: out.challenge_parameters(),
        available_challenges: out.available_challenges(),
        result: out.authentication_result(),
    }
}

pub(crate) fn responded(out: &RespondToAuthChallengeOutput) -> Answer<'_> {
    Answer {
        challenge_name: out.challenge_name(),
        session: out.session(),
        parameters: out.challenge_parameters(),
        available_challenges: &[],
        result: out.authentication_result(),
    }
}

/// The username as typed, trimmed; empty is refused before any request.
pub(crate) fn required_username(raw: &str) -> Result<&str> {
    let username = raw.trim();
    if username.is_empty() {
        return Err(missing_credentials());
    }
    Ok(username)
}

fn checked<'u>(username: &'u str, password: &Password) -> Result<&'u str> {
    let username = required_username(username)?;
    if password.is_empty() {
        return Err(missing_credentials());
    }
    Ok(username)
}

fn missing_credentials() -> Error {
    Error::new(
        Code::MissingCredentials,
        "Enter both the email (or username) and the password.",
        "",
    )
}
