//! The WEB_AUTHN step of a sign-in: answered with a security key or the test passkey
//! kept for the user, or left for another first factor Cognito offers.

use super::passkeys::{at_the_key, no_test_passkey};
use super::signin::SignInService;
use crate::dto::SignInOutcome;
use crate::error::{Error, Result};
use crate::ids::Username;
use crate::passkey::security_key::{self, SecurityKeyUser};
use crate::passkey::RequestOptions;
use crate::secret::Password;
use crate::session::Factor;
use crate::signin::ChallengeKind;
use std::sync::Arc;

impl SignInService {
    /// WEB_AUTHN: an assertion of the test passkey kept for the user Cognito named (or
    /// the sign-in name as typed), its counter kept again, then RespondToAuthChallenge.
    pub async fn answer_with_test_passkey(&self) -> Result<SignInOutcome> {
        let (mut progress, challenge, mark) = self.pending()?;
        let ChallengeKind::WebAuthn { request_options } = &challenge.kind else {
            return Err(Error::no_pending_challenge());
        };
        let options = RequestOptions::parse(request_options)?;
        let named = Username::new(challenge.username.as_str());
        let (owner, mut key) = self
            .passkeys
            .find(&progress.profile.id, &[&named, &progress.login])?
            .ok_or_else(|| no_test_passkey(&progress.login))?;
        let credential = key.answer(options).await?;
        self.passkeys.keep(&progress.profile.id, &owner, &key)?;
        progress.factors.push(Factor::Passkey);
        let talk = self.conversation_for(&progress).await?;
        let result = talk.answer_web_authn(&challenge, &credential).await;
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// WEB_AUTHN answered by the plugged-in security key (its touch and PIN asked of
    /// `person`), then RespondToAuthChallenge. A refusal at the key (cancelled, wrong
    /// PIN, no key) keeps the sign-in waiting, so the person can try again or choose
    /// another way.
    pub async fn answer_with_security_key(
        &self,
        person: Arc<dyn SecurityKeyUser>,
    ) -> Result<SignInOutcome> {
        let (mut progress, challenge, mark) = self.pending()?;
        let ChallengeKind::WebAuthn { request_options } = &challenge.kind else {
            return Err(Error::no_pending_challenge());
        };
        let options = RequestOptions::parse(request_options)?;
        let credential = at_the_key(move || security_key::answer(&options, &*person)).await?;
        progress.factors.push(Factor::Passkey);
        let talk = self.conversation_for(&progress).await?;
        let result = talk.answer_web_authn(&challenge, &credential).await;
        drop(talk);
        self.after_answer(progress, mark, result).await
    }

    /// Leaves the passkey for another way in: USER_AUTH again without a preferred
    /// factor, so Cognito offers every first factor the user has (SELECT_CHALLENGE).
    pub async fn choose_another_way(&self) -> Result<SignInOutcome> {
        let (progress, _, _) = self.pending()?;
        self.sign_in_preferring(
            &progress.profile.id,
            &progress.login,
            Password::new(""),
            Some(""),
        )
        .await
    }
}
