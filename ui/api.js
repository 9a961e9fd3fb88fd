// The only module that talks to the Rust backend. Every function returns the
// command's result or throws a normalised AppError {code, message, hint, fields?},
// so views never need to care what shape a rejection had.

/** Turn anything a rejected invoke (or our own code) may throw into an AppError. */
export function normaliseError(e) {
  if (e && typeof e === "object" && typeof e.code === "string" && e.code !== "") {
    const err = {
      code: e.code,
      message: typeof e.message === "string" ? e.message : "",
      hint: typeof e.hint === "string" ? e.hint : "",
    };
    if (Array.isArray(e.fields)) err.fields = e.fields;
    // The sign-in this error answered is over: start again from the form.
    if (e.signInEnded === true) err.signInEnded = true;
    // AWS-credential commands may say which requests ran before the failure.
    if (Array.isArray(e.steps)) err.steps = e.steps;
    return err;
  }
  // Error instances stringify as "Error: ..."; keep just the message for them.
  const message = e instanceof Error ? e.message : String(e);
  return { code: "Unknown", message, hint: "" };
}

async function call(command, args) {
  const invoke = window.__TAURI__?.core?.invoke;
  if (typeof invoke !== "function") {
    throw { code: "Unknown", message: "The Tauri backend is not available.", hint: "" };
  }
  try {
    return await invoke(command, args);
  } catch (e) {
    throw normaliseError(e);
  }
}

export const appInfo = () => call("app_info");
/** The first view takes input (the benchmark's cold-start probe; silent otherwise). */
export const startupReady = (view) => call("startup_ready", { view });
export const listProfiles = () => call("list_profiles");
export const validateProfile = (input) => call("validate_profile", { input });
export const saveProfile = (input) => call("save_profile", { input });
/** Deletes the profile and its keychain entries: { id, name, keychain: [{ kind, username? }] }. */
export const deleteProfile = (id) => call("delete_profile", { id });
export const selectProfile = (id) => call("select_profile", { id });
export const resetProfilesFile = () => call("reset_profiles_file");
/** The text of an amplify_outputs.json: the profile fields it names, for review. */
export const importAmplifyOutputs = (text) => call("import_amplify_outputs", { text });
/** A profile as an export file: { json, fileName } (no secret in it). */
export const exportProfile = (id) => call("export_profile", { id });
/** Saves the export in Downloads (never over a file): { path }. */
export const saveProfileExport = (id) => call("save_profile_export", { id });
export const copyProfileExport = (id) => call("copy_profile_export", { id });
/** The text of a profile file: { settings, problems } for the form, or an error naming every problem. */
export const readProfileFile = (text) => call("read_profile_file", { text });
/** `preferred`: a choice-based profile's first factor for this sign-in (null keeps the profile's). */
export const signIn = (profileId, username, password, preferred = null) =>
  call("sign_in", { profileId, username, password, preferred });
/** SMS_MFA, SMS_OTP or EMAIL_OTP: the code Cognito sent. */
export const answerCode = (code) => call("answer_code", { code });
/** SELECT_MFA_TYPE: one of MFAS_CAN_CHOOSE. */
export const selectMfa = (method) => call("select_mfa", { method });
/** SELECT_CHALLENGE: one of AvailableChallenges (with the password for PASSWORD / PASSWORD_SRP). */
export const selectChallenge = (factor, password) => call("select_challenge", { factor, password });
export const answerCustom = (answer) => call("answer_custom", { answer });
export const answerMfaSetupEmail = (email) => call("answer_mfa_setup_email", { email });
/** MFA_SETUP offering the app and email: set up the app (the enrollment comes back). */
export const setupAuthenticator = () => call("setup_authenticator");
/** Every call the app made (CallRecord[], oldest first); new ones come as `call-recorded` events. */
export const timeline = () => call("timeline");
/** The timeline as JSON on the clipboard (written from Rust). */
export const copyTimelineJson = () => call("copy_timeline_json");
/** CodeDelivery {destination, medium, attribute}: where Cognito sent the reset code. */
export const forgotPassword = (profileId, username) => call("forgot_password", { profileId, username });
export const confirmForgotPassword = (profileId, username, code, newPassword) =>
  call("confirm_forgot_password", { profileId, username, code, newPassword });
export const confirmSignUp = (profileId, username, code) => call("confirm_sign_up", { profileId, username, code });
/** CodeDelivery of the new sign-up code. */
export const resendConfirmationCode = (profileId, username) =>
  call("resend_confirmation_code", { profileId, username });
export const answerTotp = (code) => call("answer_totp", { code });
export const cancelSignIn = () => call("cancel_sign_in");
export const currentSession = () => call("current_session");
/** RestoreOutcome: {kind:"restored", session} | {kind:"none"} | {kind:"failed", error}. Call once at start. */
export const restoreSession = () => call("restore_session");
export const refreshSession = () => call("refresh_session");
/**
 * `everywhere` false: revoke this app's refresh token; true: GlobalSignOut.
 * `browserLogout` (managed-login sessions): also open the domain's /logout in
 * the browser. Resolves to a SignOutReport (managedLogoutUrl: string|null, browserLogoutOpened: bool).
 */
export const signOut = (everywhere, browserLogout) =>
  call("sign_out", { everywhere: !!everywhere, browserLogout: !!browserLogout });
/**
 * Binds the redirect port, checks the request with the domain and opens the
 * browser. ManagedLoginStart {authorizeUrl, redirectUri, scopes,
 * missingAdminScope, timeoutSecs, emulated, browserOpened}.
 */
export const beginManagedLogin = (profileId) => call("begin_managed_login", { profileId });
/** Resolves to a SignInOutcome when the browser comes back; rejects on timeout, cancel, refusal… */
export const finishManagedLogin = () => call("finish_managed_login");
/** Stops a waiting managed login; true if one was waiting. */
export const cancelManagedLogin = () => call("cancel_managed_login");
/** ManagedLoginReport of the current session's managed login, or null. */
export const managedLoginReport = () => call("managed_login_report");
/** `which` is "id" or "access"; the backend writes the clipboard, the UI never sees the token. */
export const copyToken = (which) => call("copy_token", { which });
/** TokenReport {id, access}: decoded header + claims and the verification checks of each token. */
export const tokenReport = () => call("token_report");
export const answerMfaSetup = (code, deviceName) => call("answer_mfa_setup", { code, deviceName });
/** `attributes`: {name: value} for the pool's required attributes. */
export const answerNewPassword = (newPassword, attributes = {}) =>
  call("answer_new_password", { newPassword, attributes });
export const mfaStatus = () => call("mfa_status");
export const beginTotpEnrollment = () => call("begin_totp_enrollment");
export const verifyTotpEnrollment = (code, deviceName, rememberForTests = false) =>
  call("verify_totp_enrollment", { code, deviceName, rememberForTests });
export const testCode = () => call("test_code");
export const forgetTestSecret = () => call("forget_test_secret");
export const cancelTotpEnrollment = () => call("cancel_totp_enrollment");
export const setTotpPreference = (enabled, preferred) =>
  call("set_totp_preference", { enabled, preferred });
/** `what` is "secret" or "uri"; the backend writes the clipboard. */
export const copyEnrollmentText = (what) => call("copy_enrollment_text", { what });
export const openOtpauthUri = () => call("open_otpauth_uri");
/** CredentialsView: the identity pool exchange (GetId → GetCredentialsForIdentity), secrets masked. */
export const getAwsCredentials = () => call("get_aws_credentials");
/** The full secret access key, only for an explicit "Show". */
export const revealAwsSecretKey = () => call("reveal_aws_secret_key");
/** The backend puts AWS_* environment lines on the clipboard. */
export const copyAwsEnv = () => call("copy_aws_env");
/** {buckets: [{name, creationDate}], steps}; gets credentials itself when needed. */
export const listS3Buckets = () => call("list_s3_buckets");
/** STS GetCallerIdentity: {account, arn, userId, steps}. */
export const whoAmI = () => call("who_am_i");

/**
 * Listen to a backend event; `handler` gets the payload. Resolves to an
 * unlisten function (a no-op when the event API is not available).
 */
export async function listen(event, handler) {
  const fn = window.__TAURI__?.event?.listen;
  if (typeof fn !== "function") return () => {};
  return fn(event, (e) => handler(e?.payload));
}
/** "Copy as aws-cli" of call `seq`: on the clipboard (from Rust), and returned to show. */
export const copyAwsCli = (seq) => call("copy_aws_cli", { seq });

// The workbench: each command works on the profile named, with its admin credentials.
export const adminPool = (profileId) => call("admin_pool", { profileId });
export const adminSetMfaConfig = (profileId, config) => call("admin_set_mfa_config", { profileId, config });
export const adminListUsers = (profileId, filter, page) => call("admin_list_users", { profileId, filter, page });
export const adminUser = (profileId, username) => call("admin_user", { profileId, username });
export const adminCreateUser = (profileId, user) => call("admin_create_user", { profileId, user });
export const adminSetPassword = (profileId, username, password, permanent) =>
  call("admin_set_password", { profileId, username, password, permanent });
export const adminSetUserMfa = (profileId, username, preference) =>
  call("admin_set_user_mfa", { profileId, username, preference });
export const adminSetEnabled = (profileId, username, enabled) => call("admin_set_enabled", { profileId, username, enabled });
export const adminResetPassword = (profileId, username) => call("admin_reset_password", { profileId, username });
export const adminGlobalSignOut = (profileId, username) => call("admin_global_sign_out", { profileId, username });
export const adminDeleteUser = (profileId, username) => call("admin_delete_user", { profileId, username });
export const adminGroups = (profileId) => call("admin_groups", { profileId });
export const adminCreateGroup = (profileId, name) => call("admin_create_group", { profileId, name });
export const adminSetMembership = (profileId, username, group, member) =>
  call("admin_set_membership", { profileId, username, group, member });
export const adminClient = (profileId) => call("admin_client", { profileId });
export const adminUpdateClient = (profileId, change) => call("admin_update_client", { profileId, change });
export const adminIdentityPool = (profileId) => call("admin_identity_pool", { profileId });
export const doctor = (profileId) => call("doctor", { profileId });
export const doctorFix = (profileId, check) => call("doctor_fix", { profileId, check });
