//! DEVICE_SRP_AUTH: after the user's own proof, Cognito asks a remembered device to
//! prove itself (SRP over the device's random password), and then may skip MFA.

use super::{claim_responses, parse_answer, responded, Challenge, Conversation, Logged, Step};
use crate::error::{Code, Error, Result};
use aws_sdk_cognitoidentityprovider::types::ChallengeNameType;

impl Conversation<'_> {
    /// Answers DEVICE_SRP_AUTH with this computer's SRP_A, then DEVICE_PASSWORD_VERIFIER
    /// with its proof: two requests, then whatever Cognito answers (tokens, or MFA when
    /// the pool does not skip it for this device).
    pub async fn answer_device(&self, challenge: &Challenge) -> Result<Step> {
        let device = self.device.as_ref().ok_or_else(|| {
            Error::new(
                Code::UnexpectedResponse,
                "Cognito asked this computer to prove it is a remembered device, but it is not one.",
                "Sign in again.",
            )
        })?;
        let exchange = device.exchange(self.profile.settings.user_pool_id.as_str());
        let srp_a = exchange.srp_a();
        let out = self
            .respond_raw(
                ChallengeNameType::DeviceSrpAuth,
                &challenge.username,
                Some(challenge.session.expose()),
                &[
                    ("DEVICE_KEY", device.key.as_str(), Logged::Plain),
                    ("SRP_A", srp_a.as_str(), Logged::Plain),
                ],
                &[],
            )
            .await?;
        let answer = responded(&out);
        if answer.challenge_name != Some(&ChallengeNameType::DevicePasswordVerifier) {
            return parse_answer(&challenge.username, answer);
        }
        let claim = exchange.claim(answer.parameters)?;
        let username = answer
            .parameters
            .and_then(|p| p.get("USERNAME"))
            .cloned()
            .unwrap_or_else(|| challenge.username.clone());
        let mut responses = claim_responses(&claim);
        responses.push(("DEVICE_KEY", device.key.as_str(), Logged::Plain));
        let out = self
            .respond_raw(
                ChallengeNameType::DevicePasswordVerifier,
                &username,
                answer.session,
                &responses,
                &[],
            )
            .await?;
        parse_answer(&username, responded(&out))
    }
}
