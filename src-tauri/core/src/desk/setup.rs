//! A test setup made and torn down from the desk: the AWS resources (`crate::setup`),
//! then what a tester would do next by hand: a profile pointing at all of it, and the
//! MFA user signed in once to enroll the test authenticator (and a test passkey when the
//! pool has passkeys), then signed out. `cognito-desk-cli setup` and the window's
//! setup screen both come here.

use super::Desk;
use crate::aws::admin_clients_for;
use crate::dto::{ChallengeView, SignInOutcome};
use crate::error::{Code, Error, Result};
use crate::ids::{ClientId, PoolId, ProfileId, Username};
use crate::profile::{ProfileInput, ProfileSettings, SignInFlow};
use crate::secret::Password;
use crate::session::now_secs;
use crate::setup::{
    CreatedResources, Creator, Destroyer, Manifest, ManifestStore, Progress, Resource,
    SetupProgress, SetupRequest, SetupStep, StepState, TeardownReport,
};
use serde::Serialize;

/// A setup that is ready: its record, the profile, and the users (their password is the
/// one the tester gave; it is kept nowhere).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SetupOutcome {
    pub manifest: Manifest,
    pub profile_id: ProfileId,
    pub plain_user: String,
    /// Enrolled with the test authenticator (its secret in the keychain).
    pub mfa_user: String,
}

impl Desk {
    fn setups_store(&self) -> ManifestStore {
        ManifestStore::new(&self.config_dir)
    }

    /// Every setup made on this computer and not torn down, newest first.
    pub fn setups(&self) -> Vec<Manifest> {
        let mut setups = self.setups_store().list();
        setups.sort_by_key(|m| std::cmp::Reverse(m.created_at));
        setups
    }

    /// Makes the setup `request` names, its users with `password`; `progress` hears
    /// each step. On a failure the record keeps what was made, for [`Desk::destroy_setup`].
    pub async fn create_setup(
        &self,
        request: &SetupRequest,
        password: &Password,
        progress: Progress<'_>,
    ) -> Result<SetupOutcome> {
        request.validate()?;
        let store = self.setups_store();
        if store.exists(&request.name) {
            return Err(Error::new(
                Code::SetupExists,
                format!("A test setup named \"{}\" exists already on this computer.", request.name),
                format!("Choose another name, or tear it down first: `cognito-desk-cli setup destroy {}`.", request.name),
            )
            .with("name", &request.name));
        }
        // A profile of that name would be refused after every resource was made.
        if self
            .profiles()
            .view()
            .profiles
            .iter()
            .any(|p| p.settings.name == request.name)
        {
            return Err(Error::new(
                Code::SetupExists,
                format!("A profile named \"{}\" exists already; the setup's profile takes the setup's name.", request.name),
                "Choose another setup name, or rename or remove that profile first.",
            )
            .with("name", &request.name));
        }
        let clients =
            admin_clients_for(&request.region, request.endpoint.as_deref(), &request.admin).await?;
        let manifest = Manifest {
            name: request.name.clone(),
            region: request.region.clone(),
            endpoint: request.endpoint.clone(),
            admin: request.admin.clone(),
            account: None,
            created_at: now_secs(),
            resources: Vec::new(),
            complete: false,
        };
        store.save(&manifest)?;
        let mut creator = Creator {
            clients: &clients,
            calls: self.calls(),
            store: &store,
            request,
            progress,
            manifest,
        };
        let made = creator.create(password).await?;
        let mut manifest = creator.manifest;
        let profile_id = self.setup_profile(request, made, progress)?;
        manifest.resources.push(Resource::Profile {
            id: profile_id.clone(),
            name: request.name.clone(),
        });
        store.save(&manifest)?;
        self.enroll_setup_user(request, &profile_id, password, progress)
            .await?;
        manifest.complete = true;
        store.save(&manifest)?;
        Ok(SetupOutcome {
            manifest,
            profile_id,
            plain_user: request.plain_user(),
            mfa_user: request.mfa_user(),
        })
    }

    fn setup_profile(
        &self,
        request: &SetupRequest,
        made: CreatedResources,
        progress: Progress<'_>,
    ) -> Result<ProfileId> {
        progress(SetupProgress::new(SetupStep::Profile, StepState::Running));
        let passkeys = request.options.passkey_relying_party.is_some();
        let settings = ProfileSettings {
            name: request.name.clone(),
            region: request.region.clone(),
            user_pool_id: PoolId::new(made.pool_id),
            client_id: ClientId::new(made.client_id),
            sign_in_flow: if passkeys {
                SignInFlow::UserAuth
            } else {
                request.options.sign_in_flow
            },
            has_client_secret: made.client_secret.is_some(),
            identity_pool_id: Some(made.identity_pool_id),
            redirect_uri: made.domain.as_ref().map(|_| request.callback_url()),
            domain: made.domain,
            endpoint: request.endpoint.clone(),
            admin: request.admin.clone(),
            ..Default::default()
        };
        let view = self.profiles().save(ProfileInput {
            id: None,
            settings,
            client_secret: made.client_secret,
        })?;
        progress(SetupProgress::new(
            SetupStep::Profile,
            StepState::Done {
                resource: Some(request.name.clone()),
            },
        ));
        Ok(view.id)
    }

    /// Signs the MFA user in once, enrolls the test authenticator (answering MFA_SETUP
    /// when the pool requires MFA), registers a test passkey when the pool has passkeys,
    /// and signs out again.
    async fn enroll_setup_user(
        &self,
        request: &SetupRequest,
        profile_id: &ProfileId,
        password: &Password,
        progress: Progress<'_>,
    ) -> Result<()> {
        progress(SetupProgress::new(
            SetupStep::TestAuthenticator,
            StepState::Running,
        ));
        let user = Username::new(request.mfa_user());
        let passkeys = request.options.passkey_relying_party.is_some();
        // The choice-based flow asks for the factor: the password's proof, named.
        let choice_based = passkeys || request.options.sign_in_flow == SignInFlow::UserAuth;
        let preferred = choice_based.then_some("PASSWORD_SRP");
        let outcome = self
            .signin()
            .sign_in_preferring(profile_id, &user, password.clone(), preferred)
            .await?;
        match outcome {
            SignInOutcome::SignedIn { .. } => {
                self.mfa().enroll_test_authenticator(None).await?;
            }
            // MFA required: the first sign-in sets the authenticator up.
            SignInOutcome::Challenge {
                challenge: ChallengeView::MfaSetup { .. },
                ..
            } => {
                self.answer_mfa_setup_unattended(None).await?;
            }
            SignInOutcome::Challenge { challenge, .. } => {
                self.signin().cancel();
                return Err(Error::new(
                    Code::UnexpectedResponse,
                    format!("The new user's first sign-in met a challenge the setup does not expect ({challenge:?})."),
                    format!("Tear the setup down (`cognito-desk-cli setup destroy {}`) and report this.", request.name),
                ));
            }
        }
        progress(SetupProgress::new(
            SetupStep::TestAuthenticator,
            StepState::Done {
                resource: Some(request.mfa_user()),
            },
        ));
        if passkeys {
            progress(SetupProgress::new(
                SetupStep::TestPasskey,
                StepState::Running,
            ));
            self.passkeys().register_test_passkey().await?;
            progress(SetupProgress::new(
                SetupStep::TestPasskey,
                StepState::Done {
                    resource: Some(request.mfa_user()),
                },
            ));
        }
        self.sign_out(false).await;
        Ok(())
    }

    /// Tears the setup `name` down: exactly what its record lists.
    pub async fn destroy_setup(
        &self,
        name: &str,
        progress: Progress<'_>,
    ) -> Result<TeardownReport> {
        let store = self.setups_store();
        let manifest = store.load(name)?;
        let clients = admin_clients_for(
            &manifest.region,
            manifest.endpoint.as_deref(),
            &manifest.admin,
        )
        .await?;
        let remove_profile = |id: &ProfileId| self.remove_profile(id).map(drop);
        Destroyer {
            clients: &clients,
            calls: self.calls(),
            store: &store,
            progress,
            manifest,
            remove_profile: &remove_profile,
        }
        .destroy()
        .await
    }
}
