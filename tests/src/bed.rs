//! One scenario's world: its own emulator, a fresh seeded pool, and the app's core with
//! a profile pointing at that pool, a config dir of its own and keychain entries of its
//! own.

use crate::emulator::{Emulator, Kind};
use crate::identity::{create_identity_pool, IdentityOptions};
use crate::seed::{self, Pool, PoolOptions, DEMO_PASSWORD};
use cognito_desk_core::desk::Desk;
use cognito_desk_core::dto::SignInOutcome;
use cognito_desk_core::error::Error;
use cognito_desk_core::ids::Username;
use cognito_desk_core::profile::{Profile, ProfileSettings, SignInFlow};
use cognito_desk_core::secret::Password;
use cognito_desk_core::signin::Conversation;
use cognito_desk_core::vault::OsKeychain;
use std::path::PathBuf;

pub struct Bed {
    pub emu: Emulator,
    pub pool: Pool,
    pub desk: Desk,
    pub profile: Profile,
    pub dir: PathBuf,
}

impl Bed {
    pub async fn new(kind: Kind, name: &str, opts: PoolOptions) -> Self {
        let dir = crate::temp_dir(&format!("{name}-{}", kind.name()));
        // nextest runs each test in its own process: this variable is the test's alone.
        std::env::set_var(
            cognito_desk_core::vault::SERVICE_ENV,
            format!("cognito-desk-test-{}", dir.display()),
        );
        let emu = Emulator::start(kind, &dir.join("emulator")).expect("emulator starts");
        let pool = seed::create_pool(&emu, &opts).await.expect("pool seeded");
        let desk = Desk::open(&dir.join("config"), Box::new(OsKeychain::default()));
        let saved = desk
            .profiles()
            .save(pool.profile_input("Test"))
            .expect("profile saved");
        let profile = desk.profiles().get(&saved.id).expect("profile kept");
        Self {
            emu,
            pool,
            desk,
            profile,
            dir,
        }
    }

    pub async fn sign_in(&self, user: &str, password: &str) -> Result<SignInOutcome, Error> {
        self.desk
            .signin()
            .sign_in(
                &self.profile.id,
                &Username::new(user),
                Password::new(password),
            )
            .await
    }

    /// A bed with `user` (password [`DEMO_PASSWORD`]) and an identity pool trusting the
    /// pool, built with `opts` and named by the profile.
    pub async fn with_identity_pool(
        kind: Kind,
        name: &str,
        user: &str,
        opts: &IdentityOptions,
    ) -> Self {
        let mut bed = Self::new(kind, name, PoolOptions::default()).await;
        seed::create_user(&bed.emu, &bed.pool, user, DEMO_PASSWORD)
            .await
            .expect("user created");
        let identity_pool = create_identity_pool(&bed.emu, &bed.pool, opts)
            .await
            .expect("identity pool created");
        bed.edit_profile(|s| s.identity_pool_id = Some(identity_pool));
        bed
    }

    /// Saves the profile with `change` applied and reads it back.
    pub fn edit_profile(&mut self, change: impl FnOnce(&mut ProfileSettings)) {
        let mut input = self.profile.to_input();
        change(&mut input.settings);
        self.desk.profiles().save(input).expect("profile saved");
        self.profile = self.desk.profiles().get(&self.profile.id).expect("profile");
    }

    /// Saves the profile with another sign-in flow (the seed uses the password flow).
    pub fn use_flow(&mut self, flow: SignInFlow) {
        self.edit_profile(|s| s.sign_in_flow = flow);
    }

    /// Points the profile at `endpoint` (a proxy in front of the emulator).
    pub fn use_endpoint(&mut self, endpoint: &str) {
        self.edit_profile(|s| s.endpoint = Some(endpoint.to_owned()));
    }

    /// The profile's sign-in conversation, outside the desk (to replay a call the
    /// desk would not make, such as a refresh after sign-out or a forged session).
    pub async fn conversation(&self) -> Conversation<'_> {
        let app = self
            .desk
            .profiles()
            .app_client(&self.profile)
            .expect("app client");
        Conversation::new(
            self.pool.public_client().await,
            self.desk.calls(),
            &self.profile,
            app,
        )
    }

    /// The app's core as a second start of the app sees it (same config dir, same keychain).
    pub fn second_start(&self) -> Desk {
        Desk::open(&self.dir.join("config"), Box::new(OsKeychain::default()))
    }
}
