//! This computer as a Cognito device of the signed-in user (device tracking):
//! ConfirmDevice after a sign-in that names a new device, "Remember this computer"
//! (UpdateDeviceStatus), the user's device list (ListDevices) and Forget
//! (ForgetDevice). The device's key, group key and password live in the keychain, per
//! profile and sign-in name.

use super::saved::SavedSessions;
use super::session::SessionService;
use super::Shared;
use crate::aws::cognito_call;
use crate::device::{NewDevice, RememberedDevice};
use crate::dto::SessionView;
use crate::error::{Code, Error, Result};
use crate::ids::{ProfileId, Username};
use crate::profile::Profile;
use crate::secret::Jwt;
use crate::session::{DeviceStatus, ThisDevice};
use crate::vault::Vault;
use aws_sdk_cognitoidentityprovider::types::{
    DeviceRememberedStatusType, DeviceSecretVerifierConfigType, DeviceType,
};
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// One of the user's devices, as ListDevices (or AdminListDevices) names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeviceRow {
    pub key: String,
    pub name: Option<String>,
    /// Seconds since the epoch.
    pub created_at: Option<i64>,
    pub last_authenticated_at: Option<i64>,
    /// `dev:device_remembered_status`: remembered, not remembered, or not said.
    pub remembered: Option<bool>,
    /// This computer (the device this app signed in as).
    pub this_computer: bool,
}

impl DeviceRow {
    pub(crate) fn of(d: &DeviceType, this_key: Option<&str>) -> Self {
        let attribute = |name: &str| {
            d.device_attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(|a| a.value())
                .map(str::to_owned)
        };
        let key = d.device_key().unwrap_or_default().to_owned();
        Self {
            this_computer: this_key == Some(key.as_str()),
            name: attribute("device_name"),
            remembered: attribute("dev:device_remembered_status").map(|s| s == "remembered"),
            created_at: d.device_create_date().map(|t| t.secs()),
            last_authenticated_at: d.device_last_authenticated_date().map(|t| t.secs()),
            key,
        }
    }
}

/// What a sign-in that names a new device does when the pool leaves remembering it to
/// the user: the CLI decides up front (`--remember-device`), the window asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RememberChoice {
    #[default]
    Ask,
    Remember,
    DoNotRemember,
}

#[derive(Debug)]
pub struct DeviceService {
    shared: Arc<Shared>,
    sessions: Arc<SessionService>,
    vault: Arc<dyn Vault>,
    /// Which sign-in names have a device in the keychain (no secret in it).
    saved: SavedSessions,
    choice: Mutex<RememberChoice>,
}

impl DeviceService {
    pub(crate) fn new(
        shared: Arc<Shared>,
        sessions: Arc<SessionService>,
        vault: Arc<dyn Vault>,
        config_dir: &std::path::Path,
    ) -> Self {
        Self {
            shared,
            sessions,
            vault,
            saved: SavedSessions::new(config_dir),
            choice: Mutex::default(),
        }
    }

    /// What the next sign-ins do when the pool lets the user choose.
    pub fn set_remember_choice(&self, choice: RememberChoice) {
        *super::lock(&self.choice) = choice;
    }

    /// The device kept for `login` on `profile`; a keychain that cannot be read counts
    /// as none (the full challenge follows).
    pub(crate) fn remembered(
        &self,
        profile: &ProfileId,
        login: &Username,
    ) -> Option<RememberedDevice> {
        self.vault.load_device(profile, login).ok().flatten()
    }

    /// Forgets the kept device here (the pool no longer knows it, or the user forgot it).
    pub(crate) fn forget_here(&self, profile: &ProfileId, login: &Username) {
        let _ = self.vault.delete_device(profile, login);
        self.saved.remove_device_login(profile, login);
    }

    /// The sign-in name the device `key` is kept under for `profile`.
    fn login_of(&self, profile: &ProfileId, key: &str) -> Option<Username> {
        self.saved.device_logins(profile).into_iter().find(|login| {
            self.remembered(profile, login)
                .is_some_and(|device| device.key == key)
        })
    }

    /// Removes every device kept for `profile` (the profile is being removed): the
    /// sign-in names whose entries went.
    pub(crate) fn forget_profile(
        &self,
        profile: &ProfileId,
    ) -> std::result::Result<Vec<Username>, crate::vault::VaultError> {
        let mut removed = Vec::new();
        for login in self.saved.device_logins(profile) {
            if self.vault.delete_device(profile, &login)? {
                removed.push(login.clone());
            }
            self.saved.remove_device_login(profile, &login);
        }
        Ok(removed)
    }

    /// ConfirmDevice for the device a sign-in named: a fresh random password into the
    /// keychain, its verifier to Cognito, and, where the pool leaves it to the user,
    /// UpdateDeviceStatus as chosen. A failure is the device's state, never the
    /// sign-in's.
    pub(crate) async fn confirm(
        &self,
        profile: &Profile,
        login: &Username,
        access: &Jwt,
        new: NewDevice,
    ) -> ThisDevice {
        let name = profile
            .settings
            .device_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(crate::device::default_name);
        let (verifier, device) = new.verifier(profile.settings.user_pool_id.as_str());
        // The password is kept before Cognito learns its verifier: a device confirmed
        // without it could never prove itself. A keychain that refuses it stops here.
        let kept = self
            .vault
            .store_device(&profile.id, login, &device)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                self.saved
                    .add_device_login(&profile.id, login)
                    .map_err(|e| e.message)
            });
        if let Err(message) = kept {
            return ThisDevice {
                key: new.key,
                name,
                status: DeviceStatus::ConfirmFailed {
                    code: Code::KeychainUnavailable.as_str().to_owned(),
                    message,
                },
            };
        }
        let status = match self
            .confirm_on_server(profile, access, &new, &name, &verifier)
            .await
        {
            Err(e) => {
                // Not a device of the user: nothing to keep.
                self.forget_here(&profile.id, login);
                DeviceStatus::ConfirmFailed {
                    code: e.code.as_str().to_owned(),
                    message: e.message,
                }
            }
            Ok(necessary) => {
                let choice = *super::lock(&self.choice);
                match (necessary, choice) {
                    (false, _) => DeviceStatus::Remembered,
                    (true, RememberChoice::Ask) => DeviceStatus::AskUser,
                    (true, RememberChoice::DoNotRemember) => DeviceStatus::NotRemembered,
                    (true, RememberChoice::Remember) => {
                        match self.update_status(profile, access, &new.key, true).await {
                            Ok(()) => DeviceStatus::Remembered,
                            Err(_) => DeviceStatus::NotRemembered,
                        }
                    }
                }
            }
        };
        ThisDevice {
            key: new.key,
            name,
            status,
        }
    }

    /// ConfirmDevice; whether the user must still choose to remember the device.
    async fn confirm_on_server(
        &self,
        profile: &Profile,
        access: &Jwt,
        new: &NewDevice,
        name: &str,
        verifier: &crate::device::SecretVerifier,
    ) -> Result<bool> {
        let client = self.shared.clients.user_pool(profile).await;
        let config = DeviceSecretVerifierConfigType::builder()
            .password_verifier(&verifier.password_verifier)
            .salt(&verifier.salt)
            .build();
        let call = cognito_call("ConfirmDevice", profile)
            .secret("AccessToken", "ACCESS_TOKEN")
            .param("DeviceKey", &new.key)
            .param("DeviceName", name)
            .param("DeviceSecretVerifierConfig.Salt", &verifier.salt)
            .param(
                "DeviceSecretVerifierConfig.PasswordVerifier",
                &verifier.password_verifier,
            );
        let out = self
            .shared
            .calls
            .call(
                call,
                client
                    .confirm_device()
                    .access_token(access.expose())
                    .device_key(&new.key)
                    .device_name(name)
                    .device_secret_verifier_config(config)
                    .send(),
            )
            .await?;
        Ok(out.user_confirmation_necessary())
    }

    async fn update_status(
        &self,
        profile: &Profile,
        access: &Jwt,
        key: &str,
        remembered: bool,
    ) -> Result<()> {
        let client = self.shared.clients.user_pool(profile).await;
        let status = if remembered {
            DeviceRememberedStatusType::Remembered
        } else {
            DeviceRememberedStatusType::NotRemembered
        };
        let call = cognito_call("UpdateDeviceStatus", profile)
            .secret("AccessToken", "ACCESS_TOKEN")
            .param("DeviceKey", key)
            .param("DeviceRememberedStatus", status.as_str());
        self.shared
            .calls
            .call(
                call,
                client
                    .update_device_status()
                    .access_token(access.expose())
                    .device_key(key)
                    .device_remembered_status(status)
                    .send(),
            )
            .await
            .map(drop)
    }

    /// "Remember this computer" (or not) for the signed-in session's device.
    pub async fn remember(&self, remembered: bool) -> Result<SessionView> {
        let user = self.sessions.signed_in_fresh().await?;
        let key = self
            .sessions
            .with_session(|s| s.device_key().map(str::to_owned))?
            .ok_or_else(no_device)?;
        self.update_status(&user.profile, &user.access, &key, remembered)
            .await?;
        self.sessions.update_device(|device| {
            device.status = if remembered {
                DeviceStatus::Remembered
            } else {
                DeviceStatus::NotRemembered
            };
        })
    }

    /// ListDevices: the signed-in user's devices, this computer marked.
    pub async fn list(&self) -> Result<Vec<DeviceRow>> {
        let user = self.sessions.signed_in_fresh().await?;
        let this = self
            .sessions
            .with_session(|s| s.device_key().map(str::to_owned))?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let call = cognito_call("ListDevices", &user.profile)
            .secret("AccessToken", "ACCESS_TOKEN")
            .param("Limit", "60");
        let out = self
            .shared
            .calls
            .call(
                call,
                client
                    .list_devices()
                    .access_token(user.access.expose())
                    .limit(60)
                    .send(),
            )
            .await?;
        Ok(out
            .devices()
            .iter()
            .map(|d| DeviceRow::of(d, this.as_deref()))
            .collect())
    }

    /// ForgetDevice; forgetting this computer also removes its keychain entry, so the
    /// next sign-in here is a new device.
    pub async fn forget(&self, key: &str) -> Result<Vec<DeviceRow>> {
        let user = self.sessions.signed_in_fresh().await?;
        let client = self.shared.clients.user_pool(&user.profile).await;
        let call = cognito_call("ForgetDevice", &user.profile)
            .secret("AccessToken", "ACCESS_TOKEN")
            .param("DeviceKey", key);
        self.shared
            .calls
            .call(
                call,
                client
                    .forget_device()
                    .access_token(user.access.expose())
                    .device_key(key)
                    .send(),
            )
            .await?;
        let this_computer = self
            .sessions
            .with_session(|s| (s.device_key() == Some(key)).then(|| s.device_login.clone()))?;
        if let Some(login) = this_computer {
            // A restored session knows its device's key, not the name it is kept under.
            let login = login.or_else(|| self.login_of(&user.profile.id, key));
            if let Some(login) = login {
                self.forget_here(&user.profile.id, &login);
            }
            let _ = self.sessions.forget_device();
        }
        self.list().await
    }
}

fn no_device() -> Error {
    Error::new(
        Code::NoDevice,
        "This computer is not a device of the signed-in user.",
        "Sign in again on a pool that tracks devices (Cognito console → Sign-in → Remember user devices).",
    )
}

/// The keychain name of a device: the sign-in name as typed, trimmed and in lower
/// case (Cognito's user names are case-insensitive by default).
pub(crate) fn login_key(typed: &Username) -> Username {
    Username::new(typed.as_str().trim().to_lowercase())
}
