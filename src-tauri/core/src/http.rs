//! The HTTP client for the calls that are not SDK calls (the JWKS, the managed-login
//! domain). Its TLS is rustls on aws-lc-rs, the provider the AWS SDK's client uses, set
//! here in code so that no second crypto provider is compiled in; roots come from the
//! OS store, as for the SDK.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// [`client`], built on first use: loading the OS's root certificates takes tens of
/// milliseconds, which a CLI command that never fetches a JWKS or talks to a managed
/// login domain should not pay at every start.
#[derive(Debug, Default)]
pub struct LazyClient(OnceLock<reqwest::Client>);

impl LazyClient {
    pub fn get(&self) -> &reqwest::Client {
        self.0.get_or_init(client)
    }

    /// Whether the client was built (the laziness test).
    pub fn is_built(&self) -> bool {
        self.0.get().is_some()
    }
}

/// No redirects (a token endpoint never redirects, and following one could send the
/// code elsewhere; the preflight reads the redirect itself), short timeouts.
pub fn client() -> reqwest::Client {
    install_crypto_provider();
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15));
    let builder = match tls_config() {
        Some(tls) => builder.use_preconfigured_tls(tls),
        None => builder,
    };
    builder.build().unwrap_or_default()
}

/// Makes aws-lc-rs the process's default rustls provider. reqwest (built without a
/// provider of its own) panics on building a client when there is none; with this,
/// every client in the process, ours or a library's, finds one. Safe to call again.
pub fn install_crypto_provider() {
    // An Err means a provider is installed already: nothing to do.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
}

fn tls_config() -> Option<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A certificate the store cannot parse is skipped, as the SDK's client does.
        let _ = roots.add(cert);
    }
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .ok()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Some(config)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_client_builds_with_the_aws_lc_provider() {
        assert!(super::tls_config().is_some());
        // Building must not panic for want of a process-wide crypto provider, and
        // afterwards a plain builder finds one too.
        let _ = super::client();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
        assert!(reqwest::Client::builder().build().is_ok());
        let lazy = super::LazyClient::default();
        assert!(!lazy.is_built());
        let _ = lazy.get();
        assert!(lazy.is_built());
    }
}
