//! The SDK clients of each profile, built once and reused, on one HTTP client: every
//! service a profile talks to shares one connection pool, so a session opens one
//! connection per endpoint and keeps it alive (the proxy test in the test bed counts).

use super::timeouts;
use crate::credentials::AwsCredentials;
use crate::ids::ProfileId;
use crate::profile::Profile;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_cognitoidentity as identity;
use aws_sdk_cognitoidentityprovider as idp;
use aws_sdk_s3 as s3;
use aws_sdk_sts as sts;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};
use aws_smithy_http_client::{Builder, ConnectorBuilder};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// A client is rebuilt when the profile's region or endpoint changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ClientKey {
    region: String,
    endpoint: Option<String>,
}

impl ClientKey {
    fn of(profile: &Profile) -> Self {
        Self {
            region: profile.settings.region.clone(),
            endpoint: profile.settings.endpoint.clone(),
        }
    }
}

/// One kind of client per profile, with the key it was built for (and for the proof
/// clients, the access key of the credentials they sign with).
type Cache<T> = Arc<Mutex<HashMap<ProfileId, (ClientKey, String, T)>>>;

fn lock<T>(cache: &Cache<T>) -> MutexGuard<'_, HashMap<ProfileId, (ClientKey, String, T)>> {
    cache.lock().unwrap_or_else(|p| p.into_inner())
}

/// The S3 and STS clients signing with one set of temporary credentials.
#[derive(Debug, Clone)]
pub struct ProofClients {
    pub s3: s3::Client,
    pub sts: sts::Client,
}

#[derive(Debug, Clone)]
pub struct Clients {
    http: SharedHttpClient,
    idp: Cache<idp::Client>,
    identity: Cache<identity::Client>,
    proof: Cache<ProofClients>,
}

impl Default for Clients {
    fn default() -> Self {
        Self {
            http: shared_http_client(),
            idp: Cache::default(),
            identity: Cache::default(),
            proof: Cache::default(),
        }
    }
}

/// The SDK's default HTTPS client (rustls on aws-lc, proxy settings from the
/// environment), built once here instead of once per SDK client, so the clients share
/// its connection pool.
fn shared_http_client() -> SharedHttpClient {
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut connector =
            ConnectorBuilder::default().tls_provider(Provider::Rustls(CryptoMode::AwsLc));
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}

fn cached<T: Clone>(cache: &Cache<T>, profile: &Profile, tag: &str) -> Option<T> {
    match lock(cache).get(&profile.id) {
        Some((key, t, client)) if *key == ClientKey::of(profile) && t == tag => {
            Some(client.clone())
        }
        _ => None,
    }
}

fn keep<T: Clone>(cache: &Cache<T>, profile: &Profile, tag: &str, client: T) -> T {
    lock(cache).insert(
        profile.id.clone(),
        (ClientKey::of(profile), tag.to_owned(), client.clone()),
    );
    client
}

impl Clients {
    /// The user pool's public (unsigned) client.
    pub async fn user_pool(&self, profile: &Profile) -> idp::Client {
        if let Some(client) = cached(&self.idp, profile, "") {
            return client;
        }
        let client = idp::Client::new(&self.public_config(profile));
        keep(&self.idp, profile, "", client)
    }

    /// The identity pool's client (GetId and GetCredentialsForIdentity are unsigned).
    pub async fn identity_pool(&self, profile: &Profile) -> identity::Client {
        if let Some(client) = cached(&self.identity, profile, "") {
            return client;
        }
        let client = identity::Client::new(&self.public_config(profile));
        keep(&self.identity, profile, "", client)
    }

    /// S3 and STS signing with `creds`; rebuilt only when the credentials change.
    pub fn proof(&self, profile: &Profile, creds: &AwsCredentials) -> ProofClients {
        if let Some(clients) = cached(&self.proof, profile, &creds.access_key_id) {
            return clients;
        }
        let config = self.signed_config(profile, creds);
        let s3_config = s3::config::Builder::from(&config)
            // Emulators answer on one host: bucket names go in the path.
            .force_path_style(profile.settings.endpoint.is_some())
            .build();
        let clients = ProofClients {
            s3: s3::Client::from_conf(s3_config),
            sts: sts::Client::new(&config),
        };
        keep(&self.proof, profile, &creds.access_key_id, clients)
    }

    /// How many user-pool clients were built (for the reuse test).
    pub fn built(&self) -> usize {
        lock(&self.idp).len()
    }

    /// No credentials (the public calls are unsigned), and nothing read from the
    /// environment or `~/.aws/config`: where a profile's calls go is the profile's
    /// business (an `AWS_ENDPOINT_URL` meant for other tools must not redirect them),
    /// and a CLI command should not parse config files it does not use.
    fn public_config(&self, profile: &Profile) -> aws_config::SdkConfig {
        self.config_builder(profile).build()
    }

    /// Sleep and time come from the service clients' defaults (tokio).
    fn config_builder(&self, profile: &Profile) -> aws_types::sdk_config::Builder {
        let (retry, timeout) = timeouts();
        let mut builder = aws_config::SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .http_client(self.http.clone())
            .retry_config(retry)
            .timeout_config(timeout)
            .region(Region::new(profile.settings.region.clone()));
        if let Some(endpoint) = &profile.settings.endpoint {
            builder = builder.endpoint_url(endpoint);
        }
        builder
    }

    fn signed_config(&self, profile: &Profile, creds: &AwsCredentials) -> aws_config::SdkConfig {
        let provider = aws_credential_types::Credentials::new(
            &creds.access_key_id,
            creds.secret_key.expose(),
            Some(creds.session_token.expose().to_owned()),
            std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_secs(
                u64::try_from(creds.expiration).unwrap_or(0),
            )),
            "cognito-identity-pool",
        );
        self.config_builder(profile)
            .credentials_provider(SharedCredentialsProvider::new(provider))
            .build()
    }
}
