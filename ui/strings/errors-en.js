// English error texts, one per code the core can send (`message` empty: the
// backend's words, with this hint), merged into strings/en.js by ../strings.js.
// core/src/error/code.rs checks every code has one.

export const errorsEn = {
  errors: {
    AdminCredentialsMissing: {
      message: "This profile names no admin credentials, so Cognito Desk cannot read or change the pool.",
      hint: "Edit the profile → Admin access: choose a named AWS profile (aws configure / aws configure sso) or the environment. Signing in works without them.",
    },
    AdminCredentialsUnavailable: {
      message: "The admin credentials could not be found.",
      hint: "Check that the AWS profile exists in ~/.aws/config; for SSO run “aws sso login --profile <name>” first.",
    },
    AdminAccessRefused: {
      message: "AWS refused the admin credentials.",
      hint: "Check that they are current and that their IAM policy allows this cognito-idp action on the pool.",
    },
    UsernameExistsException: {
      message: "A user with this name already exists in the pool.",
      hint: "Choose another username, or open the existing user from the list.",
    },
    PoolSettingUnavailable: {
      message: "This setting cannot be applied from here.",
      hint: "Read the message above; the AWS console can change what Cognito Desk does not.",
    },
    CustomChallengeFailed: {
      message: "The pool's challenge ended the sign-in: the answers were not accepted.",
      hint: "Sign in again to get a new challenge; the pool's Lambda triggers decide how many tries there are.",
    },
    DeliveredCodeMismatch: {
      message: "The code did not match.",
      hint: "Type the code from the latest message Cognito sent, or ask for a new one.",
    },
    MissingAttributes: {
      message: "The pool requires more attributes.",
      hint: "Fill in every field of the form.",
    },
    InvalidDeliveredCode: {
      message: "The code must have 6 to 8 digits.",
      hint: "Type the code from the message Cognito sent.",
    },
    ClientSecretUnexpected: {
      message: "This app client has no client secret, but the profile says it has one.",
      hint: "Edit the profile and untick “{@profiles.hasClientSecret}”.",
    },
    ClientSecretMissing: {
      message: "The profile says its app client has a secret, but the keychain holds none.",
      hint: "Edit the profile and enter the client secret again.",
    },
    ClientSecretWrong: {
      message: "The client secret is wrong: Cognito could not verify the SECRET_HASH made with it.",
      hint: "Edit the profile and enter the app client's secret again.",
    },
    ClientSecretRequired: {
      message: "This app client has a client secret, and the profile does not know it.",
      hint: "Edit the profile: tick “{@profiles.hasClientSecret}” and enter the secret.",
    },
    Unknown: { message: "Something went wrong.", hint: "" },
    NotAuthorizedException: {
      message: "Incorrect username or password.",
      hint: "Check what you typed and try again. Is Caps Lock on?",
    },
    UserNotFoundException: {
      message: "This user does not exist.",
      hint: "Check the username and that the profile points at the right user pool.",
    },
    CodeMismatchException: {
      message: "The code is not correct.",
      hint: "Type the current 6-digit code from your authenticator app. Check that your computer's clock is right.",
    },
    SessionExpired: {
      message: "The sign-in attempt expired.",
      hint: "Sign in again with your password.",
    },
    NetworkUnreachable: {
      message: "Cognito cannot be reached.",
      hint: "Check your network connection and the profile's region and endpoint.",
    },
    AuthFlowNotEnabled: {
      message: "This app client does not allow the profile's sign-in flow.",
      hint: "Enable the flow on the app client (ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH or ALLOW_USER_AUTH), or switch the profile to a flow it allows.",
    },
    UnsupportedChallenge: {
      message: "This sign-in step is not supported.",
      hint: "Passkeys (WebAuthn) and device sign-in are not supported in this version; complete this step in the managed login.",
    },
    ResourceNotFoundException: {
      message: "The user pool, app client or identity pool was not found.",
      hint: "Check the profile's region, user pool ID, app client ID and identity pool ID.",
    },
    InvalidProfile: {
      message: "The profile has invalid fields.",
      hint: "Correct the fields marked in red.",
    },
    ProfileFileInvalid: {
      message: "The profile file cannot be imported.",
      hint: "Fix each problem listed, then import the file again (cognito-desk-cli profile export writes a good one).",
    },
    AmplifyOutputsMalformed: {
      message: "This file is not an Amplify Gen 2 amplify_outputs.json.",
      hint: "Choose the amplify_outputs.json that npx ampx sandbox or a deployment wrote, unchanged.",
    },
    AmplifyOutputsIncomplete: {
      message: "The amplify_outputs.json lacks settings a profile needs.",
      hint: "Add what is missing, or deploy the backend again (npx ampx sandbox) so Amplify writes the whole file.",
    },
    NoConfigDir: {
      message: "There is no folder to keep the profiles in: neither HOME nor XDG_CONFIG_HOME is set.",
      hint: "Set HOME, or set COGNITO_DESK_CONFIG_DIR to a folder only you can write.",
    },
    ProfilesCorrupt: {
      message: "The profiles file is damaged and cannot be read.",
      hint: "Move the broken file aside and start with an empty list.",
    },
    NoProfile: {
      message: "No profile is selected.",
      hint: "Create or select a profile under Profiles.",
    },
    NoPendingChallenge: {
      message: "There is no sign-in waiting for a code.",
      hint: "Sign in again.",
    },
    TooManyRequestsException: {
      message: "Too many requests.",
      hint: "Wait a moment and try again.",
    },
    UserNotConfirmedException: {
      message: "This account is not confirmed yet.",
      hint: "Enter the code from the sign-up message on the confirmation screen.",
    },
    PasswordResetRequiredException: {
      message: "This account must reset its password before signing in.",
      hint: "Reset the password with a code Cognito sends (Forgot password?).",
    },
    InvalidCode: {
      message: "The code must be 6 digits.",
      hint: "Type the 6 digits shown in your authenticator app.",
    },
    NotSignedIn: {
      message: "Sign in first.",
      hint: "This page works on the signed-in user. Sign in again.",
    },
    SessionRevoked: {
      message: "The saved session was revoked or has expired; it was removed.",
      hint: "Sign in again.",
    },
    KeychainUnavailable: {
      message: "The OS keychain is unavailable.",
      hint: "The session lives in memory only and will not survive a restart.",
    },
    RefreshTokenReuseException: {
      message: "Cognito refused the refresh token: it was already exchanged for a newer one, and the app client's grace period for the old one is over.",
      hint: "Sign in again. Another window or command using the same profile may hold the newer token.",
    },
    GracePeriodOutOfRange: {
      message: "The grace period must be 0 to 60 seconds.",
      hint: "Enter a number of seconds from 0 (the old token stops at once) to 60.",
    },
    NoDevice: {
      message: "This computer is not a device of the signed-in user.",
      hint: "The pool does not track devices, or this sign-in did not confirm one.",
    },
    DeviceUnknown: {
      message: "The user pool no longer knows this computer as the user's device.",
      hint: "It was forgotten by an administrator or on another computer; sign in again and it is confirmed anew.",
    },
    PasskeyNotFound: {
      message: "No passkey here matches what Cognito asked for.",
      hint: "The passkey was deleted at the server or made for another pool: choose another way to sign in, then register a new one.",
    },
    PasskeyRelyingPartyInvalid: {
      message: "The pool's relying party id is missing or is not a domain a passkey can be made for.",
      hint: "Set the relying party id on the pool screen to the pool's domain or its custom domain.",
    },
    PasskeyAlgorithmUnsupported: {
      message: "The authenticator supports none of the algorithms Cognito asked for.",
      hint: "Use a passkey that supports ES256 (every current security key does).",
    },
    PasskeyFailed: {
      message: "The passkey could not answer.",
      hint: "Try again; if it persists, sign in another way and register the passkey again.",
    },
    NoTestPasskey: {
      message: "This computer keeps no test passkey for this user.",
      hint: "Choose another way to sign in, then register a test passkey on the MFA page (CLI: passkey register --test-passkey).",
    },
    SetupExists: {
      message: "The name “{name}” is taken: a test setup or a profile of this name exists already on this computer.",
      hint: "Choose another name, or tear the old setup down (or rename the profile) first.",
    },
    SetupNotFound: {
      message: "There is no test setup named “{name}” on this computer.",
      hint: "A setup is known only on the computer that created it; the list shows those made here.",
    },
    SetupManifestDamaged: {
      message: "The record of this test setup cannot be read.",
      hint: "Repair the file in the config folder's setups/ by hand, or delete the setup's resources in the AWS console.",
    },
    SetupPermissionRefused: {
      message: "AWS refused {operation} to the admin credentials.",
      hint: "Allow {operation} to these credentials (their IAM policy), then create the setup again under a new name. What was made so far is in the record of “{setup}”: Tear down removes it.",
    },
    SetupOtherAccount: {
      message: "The setup was made in AWS account {account}; the admin credentials are account {now}'s.",
      hint: "Tear down with credentials of the setup's account (the admin profile or environment it was made with).",
    },
    InvalidSetup: {
      message: "The setup has fields that need fixing.",
      hint: "Correct the fields marked, then create again.",
    },
    SecurityKeyNotFound: {
      message: "No security key is plugged in.",
      hint: "Plug the key into a USB port and try again, or choose another way to sign in.",
    },
    SecurityKeyNoAccess: {
      message: "A security key is plugged in, but this user may not open it.",
      hint: "Linux gives a security key to the user at the desktop through udev rules (systemd's 60-fido-id.rules; Debian and Ubuntu: also the libfido2-1 package). Over SSH or in a container, add a rule for the key's hidraw device; then unplug the key and plug it in again.",
    },
    SecurityKeyCancelled: {
      message: "The security key step was stopped.",
      hint: "Try again, or choose another way to sign in.",
    },
    SecurityKeyTimedOut: {
      message: "The security key was not touched in time.",
      hint: "Start again and touch the key when it blinks.",
    },
    SecurityKeyAlreadyRegistered: {
      message: "This security key already holds a passkey of this user.",
      hint: "Sign in with it, or delete that passkey first to register the key anew.",
    },
    SecurityKeyPinWrong: {
      message: "The security key's PIN was wrong.",
      hint: "Try again with the right PIN; when no tries are left the key locks.",
    },
    SecurityKeyPinBlocked: {
      message: "The security key's PIN is blocked after too many wrong tries.",
      hint: "Reset the key with its maker's tool (this erases the passkeys on it), or sign in another way.",
    },
    SecurityKeyReplugNeeded: {
      message: "The security key stopped taking PINs after three wrong ones in a row.",
      hint: "Unplug the key, plug it in again, and enter the right PIN.",
    },
    SecurityKeyPinNotSet: {
      message: "The pool requires user verification and this security key has no PIN.",
      hint: "Set a PIN on the key with its maker's tool (or fido2-token -S), then try again.",
    },
    WebAuthnNotEnabledException: {
      message: "Passkeys are not turned on for this user pool.",
      hint: "Allow WEB_AUTHN among the pool's first factors and give the pool a relying party, or sign in another way.",
    },
    WebAuthnChallengeNotFoundException: {
      message: "Cognito no longer knows this passkey registration: its challenge expired or was used.",
      hint: "Start the registration again and finish it within a few minutes.",
    },
    WebAuthnRelyingPartyMismatchException: {
      message: "The passkey was made for another relying party than the pool's.",
      hint: "Check the pool's relying party id, then register the passkey again.",
    },
    WebAuthnOriginNotAllowedException: {
      message: "Cognito refused the passkey's origin: it does not lie within the pool's relying party id.",
      hint: "Set the pool's relying party id to the pool's domain (or its custom domain).",
    },
    WebAuthnClientMismatchException: {
      message: "The passkey registration was started with another app client.",
      hint: "Sign in with this profile's app client and register again.",
    },
    WebAuthnCredentialNotSupportedException: {
      message: "Cognito does not accept this passkey (its algorithm, attestation or user verification).",
      hint: "With user verification required, use an authenticator that verifies the user (a PIN or a fingerprint).",
    },
    WebAuthnConfigurationMissingException: {
      message: "The user pool has no passkey configuration: no relying party id and no domain to take it from.",
      hint: "Set the relying party id on the pool screen, or give the pool a domain.",
    },
    FeatureUnavailableInTierException: {
      message: "This needs a feature the user pool's tier does not include.",
      hint: "Passkeys need the Essentials tier or higher: change the pool's feature plan in the Cognito console.",
    },
    RefreshFailed: {
      message: "The tokens could not be refreshed.",
      hint: "Check the network connection and try again, or sign in again.",
    },
    JwksUnavailable: {
      message: "The pool's signing keys could not be fetched.",
      hint: "Check the network or the endpoint override.",
    },
    ClipboardUnavailable: {
      message: "The clipboard cannot be used.",
      hint: "Another program may be holding it. Try again.",
    },
    TotpNotVerified: {
      message: "TOTP cannot be turned on before the authenticator app is verified.",
      hint: "Set up the authenticator app and enter a code from it first.",
    },
    InvalidOtpauthLabel: {
      message: "The issuer or account name cannot be put into an authenticator app link.",
      hint: "Remove colons (:) from the issuer in the profile, then set up the app again.",
    },
    InvalidTotpSecret: {
      message: "The secret key from Cognito is not valid.",
      hint: "Set up the authenticator app again to get a new key.",
    },
    // An empty message means: show the backend's words (they name the method).
    MfaMethodNotOffered: {
      message: "",
      hint: "An administrator can turn this MFA method on in the user pool's sign-in settings.",
    },
    InvalidPasswordException: {
      message: "The new password does not meet the pool's password policy.",
      hint: "Use a longer password with the required mix of upper- and lower-case letters, digits and symbols.",
    },
    NoTestSecret: {
      message: "The test authenticator holds no secret for this user.",
      hint: "Enroll the authenticator again with “{@mfa.rememberTest}” (CLI: mfa enroll --test-authenticator).",
    },
    TestCodeUsed: {
      message: "The test authenticator already answered with this 30-second step's code; Cognito accepts a code only once.",
      hint: "Wait for the next code (at most 30 seconds) and try again.",
    },
    NoEnrollment: {
      message: "There is no authenticator setup in progress.",
      hint: "Press “{@mfa.setup}” again.",
    },
    NoIdentityPool: {
      message: "This profile has no identity pool.",
      hint: "Add the identity pool id on the Profiles page.",
    },
    // The backend's hint names the missing permission; it is shown as is when present.
    AccessDenied: {
      message: "The role of the identity pool may not do this.",
      hint: "Give the identity pool's authenticated role the needed permission.",
    },
    CredentialsExpired: {
      message: "The temporary AWS credentials have expired.",
      hint: "Press “{@credentials.get}” to get new ones.",
    },
    // Managed login. The backend's messages name the port, URL or server answer;
    // where they matter the Japanese message is empty (the backend's words win).
    RedirectPortInUse: {
      message: "The redirect port is already in use.",
      hint: "Close the program using it, or choose another port in the profile's redirect URI and register that exact URL as a callback URL on the app client.",
    },
    RedirectMismatch: {
      message: "The managed-login domain does not accept the redirect URI.",
      hint: "Add exactly the profile's redirect URI (same host, port and path) to the app client's allowed callback URLs.",
    },
    ManagedLoginTimeout: {
      message: "The browser did not come back in time.",
      hint: "Finish the sign-in in the browser sooner, or start again. If the browser showed an error page, the redirect URI may not be registered on the app client.",
    },
    ManagedLoginCancelled: {
      message: "Managed login was cancelled.",
      hint: "Start it again when you are ready.",
    },
    ManagedLoginDenied: {
      message: "The sign-in was declined or cancelled in the browser.",
      hint: "Start managed login again and complete the sign-in, or sign in with your password.",
    },
    ManagedLoginScopeRefused: {
      message: "The app client does not allow the requested scopes.",
      hint: "Allow the profile's scopes in the app client's managed-login settings, or remove them from the profile.",
    },
    ManagedLoginClientRefused: {
      message: "The app client may not use managed login.",
      hint: "Use an app client without a client secret, with the authorization code grant enabled under managed login.",
    },
    ManagedLoginRefused: {
      message: "Managed login answered with an error.",
      hint: "Check the profile's domain and the app client's managed-login settings, then start again.",
    },
    ManagedLoginInvalidGrant: {
      message: "The token endpoint refused the authorization code.",
      hint: "The code was used already, expired (codes last 5 minutes), or its PKCE verifier or redirect URI did not match. Start managed login again.",
    },
    ManagedLoginTokenError: {
      message: "The token endpoint answered with an error.",
      hint: "Check the app client's managed-login settings (allowed OAuth flows and scopes).",
    },
    ManagedLoginUnavailable: {
      message: "",
      hint: "The service has a problem on its side: try again in a moment.",
    },
    ManagedLoginUnreachable: {
      message: "The managed-login domain could not be reached.",
      hint: "Check the network connection and the profile's managed-login domain (App integration → Domain in the console).",
    },
    ManagedLoginNotConfigured: {
      message: "The profile has no managed-login domain and redirect URI.",
      hint: "Edit the profile: enter the pool's domain (App integration → Domain) and a loopback redirect URI such as http://127.0.0.1:53682/callback, registered on the app client.",
    },
    StateMismatch: {
      message: "A redirect arrived whose state does not match the sign-in Cognito Desk started. It was ignored and its code discarded; the sign-in goes on.",
      hint: "This can be a stale browser tab or a web page trying to slip another account's code in. Finish the sign-in in the browser tab Cognito Desk opened.",
    },
    IdTokenRejected: {
      message: "The ID token from managed login failed verification.",
      hint: "Check that the profile's pool id, region and app client match the managed-login domain. No session was started.",
    },
    NoIdToken: {
      message: "The token endpoint sent no ID token.",
      hint: "Add the openid scope to the profile's scopes and allow it on the app client.",
    },
    MissingAdminScope: {
      message: "This access token lacks the aws.cognito.signin.user.admin scope.",
      hint: "Add aws.cognito.signin.user.admin to the profile's managed-login scopes and allow it on the app client, then sign in again (a password sign-in always has it).",
    },
    LoopbackUnavailable: {
      message: "Cognito Desk cannot listen on the redirect port.",
      hint: "Choose another port in the profile's redirect URI and register that exact URL on the app client.",
    },
    NoManagedLogin: {
      message: "No managed login is waiting for the browser.",
      hint: "Start managed login again.",
    },
    UserDisabled: {
      message: "This user is disabled in the user pool.",
      hint: "An administrator must enable the user (Users screen → Enable, or admin-enable-user).",
    },
    PasswordAttemptsExceeded: {
      message: "Too many failed sign-in attempts for this user.",
      hint: "Wait a few minutes before trying again, or reset the password.",
    },
    OperationRefused: {
      message: "",
      hint: "Sign in again; if it keeps failing, check the app client's settings.",
    },
    EnableSoftwareTokenMFAException: {
      message: "The code did not match.",
      hint: "Check the clock of the device that shows the code, wait for the next code, and try again.",
    },
    ExpiredCodeException: {
      message: "The code has expired or was already used.",
      hint: "For a code sent by text or email, ask for a new one and enter it soon after it arrives; for an authenticator app, wait for the next code.",
    },
    InvalidParameterException: {
      message: "",
      hint: "Check the values in the profile and the form; the message names what Cognito refused.",
    },
    SoftwareTokenMFANotFoundException: {
      message: "This user has no authenticator app set up.",
      hint: "Set up the authenticator app on the MFA page first.",
    },
    LimitExceededException: {
      message: "A Cognito limit was reached for this user (too many attempts or requests).",
      hint: "Wait a while (up to an hour for codes) and try again.",
    },
    TooManyFailedAttemptsException: {
      message: "Too many failed attempts.",
      hint: "Wait a few minutes before trying again.",
    },
    InternalErrorException: {
      message: "",
      hint: "Try again in a moment; if it persists, check the AWS Health Dashboard (or the emulator's log).",
    },
    AccessDeniedException: {
      message: "",
      hint: "The credentials lack a permission (the message names the action): add it to the IAM policy or the identity pool's role.",
    },
    InvalidAccessKeyId: {
      message: "AWS does not know this access key.",
      hint: "Get new credentials; for the admin screens, check the keys of the named AWS profile.",
    },
    SignatureDoesNotMatch: {
      message: "AWS could not verify the request's signature: the secret key does not belong to the access key.",
      hint: "Get new credentials; check that the secret access key was copied whole.",
    },
    ExpiredToken: {
      message: "The temporary AWS credentials have expired.",
      hint: "Get new credentials on the Credentials page and try again.",
    },
    InvalidClientTokenId: {
      message: "The security token in the request is not valid.",
      hint: "Get new credentials; for the admin screens, sign in to the AWS profile again (aws sso login).",
    },
    UnexpectedResponse: {
      message: "",
      hint: "Check the region and the endpoint override in the profile.",
    },
    NoAuthenticatorApp: {
      message: "No program on this computer opens setup links (otpauth://).",
      hint: "Scan the QR code with the phone's authenticator app, or copy the key into it.",
    },
    MalformedToken: {
      message: "Cognito sent a token that is not a readable JWT.",
      hint: "Check that the endpoint override points at Cognito or a Cognito emulator.",
    },
    MissingCredentials: {
      message: "",
      hint: "Fill in the field the message names.",
    },
    ProfilesUnreadable: {
      message: "",
      hint: "Check the file's permissions (the message names the file).",
    },
    ProfilesNotBroken: {
      message: "The profiles file can be read: there is nothing to move aside.",
      hint: "Reload the Profiles page.",
    },
    ProfilesWriteFailed: {
      message: "",
      hint: "Check that you can write to the config folder (the message names the file) and that the disk is not full.",
    },
    Internal: {
      message: "Something went wrong inside Cognito Desk.",
      hint: "Try again; if it happens again, report it with the steps that led to it.",
    },
  },
};
