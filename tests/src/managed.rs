//! A managed-login world: the app's core with a profile whose managed-login domain is
//! either ministack's hosted UI (Cognito's own paths, PKCE enforced) or oidc-provider
//! (a certified OpenID provider on Cognito's route names), and a user who can sign in.

use crate::browser::Browser;
use crate::emulator::{Emulator, Kind, REGION};
use crate::oidc::{self, OidcProvider};
use crate::seed::{self, PoolOptions, DEMO_PASSWORD};
use cognito_desk_core::desk::Desk;
use cognito_desk_core::ids::{ClientId, PoolId};
use cognito_desk_core::profile::Profile;
use cognito_desk_core::profile::ProfileSettings;
use cognito_desk_core::vault::OsKeychain;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    Ministack,
    OidcProvider,
}

impl Server {
    pub fn name(self) -> &'static str {
        match self {
            Server::Ministack => "ministack",
            Server::OidcProvider => "oidc-provider",
        }
    }
}

pub const USER: &str = "demo@example.com";

/// Keeps the server of the world running.
pub enum Running {
    Ministack(Emulator),
    Oidc(OidcProvider),
}

pub struct World {
    pub server: Server,
    pub running: Running,
    pub desk: Desk,
    pub profile: Profile,
    pub redirect_uri: String,
    pub dir: PathBuf,
}

impl World {
    /// A fresh server and app core; `scopes` overrides the profile's default scopes.
    pub async fn new(server: Server, name: &str, scopes: Option<&str>) -> Self {
        Self::with_oidc_env(server, name, scopes, &[]).await
    }

    /// [`World::new`] with options for oidc-provider (e.g. refresh-token rotation).
    pub async fn with_oidc_env(
        server: Server,
        name: &str,
        scopes: Option<&str>,
        oidc_env: &[(&str, &str)],
    ) -> Self {
        let dir = crate::temp_dir(&format!("managed-{name}-{}", server.name()));
        std::env::set_var(
            cognito_desk_core::vault::SERVICE_ENV,
            format!("cognito-desk-test-{}", dir.display()),
        );
        let redirect_uri = format!("http://127.0.0.1:{}/callback", crate::free_port());
        let desk = Desk::open(&dir.join("config"), Box::new(OsKeychain::default()));
        let (running, input) = match server {
            Server::Ministack => {
                let emu =
                    Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("ministack");
                let input = ProfileSettings {
                    scopes: scopes.map(str::to_owned),
                    ..ministack_profile(&emu, &redirect_uri).await
                };
                (Running::Ministack(emu), input)
            }
            Server::OidcProvider => {
                let provider = OidcProvider::start(&dir.join("oidc"), &redirect_uri, oidc_env)
                    .expect("oidc-provider");
                let input = ProfileSettings {
                    name: "Managed".into(),
                    region: REGION.into(),
                    user_pool_id: PoolId::new(oidc::POOL_ID),
                    client_id: ClientId::new(oidc::CLIENT_ID),
                    domain: Some(provider.base_url()),
                    redirect_uri: Some(redirect_uri.clone()),
                    endpoint: Some(provider.base_url()),
                    scopes: scopes.map(str::to_owned),
                    ..ProfileSettings::default()
                };
                (Running::Oidc(provider), input)
            }
        };
        let saved = desk.profiles().save(input.into()).expect("profile saved");
        let profile = desk.profiles().get(&saved.id).expect("profile kept");
        Self {
            server,
            running,
            desk,
            profile,
            redirect_uri,
            dir,
        }
    }

    /// ministack's hosted UI for an app client with a client secret; the profile knows
    /// `secret` (the right one, or not).
    pub async fn confidential(name: &str, secret: Option<&str>) -> Self {
        let dir = crate::temp_dir(&format!("managed-{name}-ministack"));
        std::env::set_var(
            cognito_desk_core::vault::SERVICE_ENV,
            format!("cognito-desk-test-{}", dir.display()),
        );
        let redirect_uri = format!("http://127.0.0.1:{}/callback", crate::free_port());
        let desk = Desk::open(&dir.join("config"), Box::new(OsKeychain::default()));
        let emu = Emulator::start(Kind::Ministack, &dir.join("emulator")).expect("ministack");
        let opts = PoolOptions {
            managed_login_redirect: Some(redirect_uri.clone()),
            client_secret: true,
            ..PoolOptions::default()
        };
        let pool = seed::create_pool(&emu, &opts).await.expect("pool");
        seed::create_user(&emu, &pool, USER, DEMO_PASSWORD)
            .await
            .expect("user");
        let mut input = pool.profile_input("Managed");
        input.settings.domain = Some(emu.endpoint());
        input.settings.redirect_uri = Some(redirect_uri.clone());
        if let Some(secret) = secret {
            input.client_secret = Some(cognito_desk_core::secret::ClientSecret::new(secret));
        }
        let saved = desk.profiles().save(input).expect("profile saved");
        let profile = desk.profiles().get(&saved.id).expect("profile kept");
        Self {
            server: Server::Ministack,
            running: Running::Ministack(emu),
            desk,
            profile,
            redirect_uri,
            dir,
        }
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.redirect_uri, USER, DEMO_PASSWORD).expect("browser")
    }

    /// The app's core as a second start of the app sees it.
    pub fn second_start(&self) -> Desk {
        Desk::open(&self.dir.join("config"), Box::new(OsKeychain::default()))
    }
}

/// A fresh pool on `emu` whose app client does managed login with `redirect_uri`, the
/// demo user in it, and a profile named "Managed" for its hosted UI.
pub async fn ministack_profile(emu: &Emulator, redirect_uri: &str) -> ProfileSettings {
    let pool = seed::create_pool(
        emu,
        &PoolOptions {
            managed_login_redirect: Some(redirect_uri.to_owned()),
            ..PoolOptions::default()
        },
    )
    .await
    .expect("pool");
    seed::create_user(emu, &pool, USER, DEMO_PASSWORD)
        .await
        .expect("user");
    ProfileSettings {
        domain: Some(emu.endpoint()),
        redirect_uri: Some(redirect_uri.to_owned()),
        ..pool.profile_settings("Managed")
    }
}

/// Runs a scenario against both servers: `on_both_servers!(name)` turns
/// `async fn name(server: Server)` into `name::ministack` and `name::oidc_provider`.
#[macro_export]
macro_rules! on_both_servers {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[tokio::test]
            async fn ministack() {
                super::$scenario($crate::managed::Server::Ministack).await
            }
            #[tokio::test]
            async fn oidc_provider() {
                super::$scenario($crate::managed::Server::OidcProvider).await
            }
        }
    )*};
}
