//! The core of Cognito Desk: everything the app knows about Cognito, with no GUI in its
//! dependency tree (CI checks that `tauri`, `wry` and `webkit2gtk` are absent), so the
//! window, a command line and the test bed all drive the same code.
//!
//! Two layers:
//! - protocol modules, one per concern, that speak to AWS and hold no state:
//!   [`signin`], [`mfa`], [`session`], [`jwt`], [`credentials`], [`hosted`], [`vault`],
//!   [`admin`] (signed, with the profile's admin credentials);
//! - [`desk`], the services that keep state between the calls a front makes (the
//!   pending challenge, the session, the AWS credentials, the managed login), one per
//!   concern, composed by [`desk::Desk`].

pub mod admin;
pub mod appclient;
pub mod aws;
pub mod cognito_errors;
pub mod credentials;
pub mod desk;
pub mod device;
pub mod dto;
pub mod error;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod hosted;
pub mod http;
pub mod ids;
pub mod jwt;
pub mod mfa;
pub mod passkey;
pub mod profile;
pub mod recovery;
pub mod secret;
pub mod session;
pub mod setup;
pub mod signin;
pub mod srp;
pub mod testauth;
pub mod vault;

pub use desk::Desk;
pub use error::{Code, Error, Result};
