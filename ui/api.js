// The only module that talks to the Rust backend. The commands, their arguments and
// their results are typed by the bindings generated from Rust (bindings.js: a renamed
// command, argument or field fails `scripts/check-ui`); this module adds one thing to
// each: it throws a normalised AppError {code, message, hint, fields?}, so views never
// need to care what shape a rejection had.

import { commands as generated } from "./bindings.js";

/**
 * The generated commands as a closed type: a JS object literal is open to new members
 * in checkJs, so a command renamed in Rust would otherwise read as `any` here.
 * @typedef {{ readonly [K in keyof typeof generated]: (typeof generated)[K] }} Commands
 */
/** @type {Commands} */
const commands = generated;

/**
 * @typedef {object} AppError
 * @property {string} code
 * @property {string} message
 * @property {string} hint
 * @property {import("./bindings.js").FieldError_Serialize[]} [fields]
 * @property {boolean} [signInEnded]
 * @property {import("./bindings.js").StepView[]} [steps]
 * @property {Record<string, string>} [params] the values the window's wording fills in
 */

/**
 * Turn anything a rejected invoke (or our own code) may throw into an AppError.
 * @param {any} e
 * @returns {AppError}
 */
export function normaliseError(e) {
  if (e && typeof e === "object" && typeof e.code === "string" && e.code !== "") {
    /** @type {AppError} */
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
    // The values the sentence names, for the window's own wording.
    if (e.params && typeof e.params === "object" && !Array.isArray(e.params)) {
      err.params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, String(v)]));
    }
    return err;
  }
  // Error instances stringify as "Error: ..."; keep just the message for them.
  const message = e instanceof Error ? e.message : String(e);
  return { code: "Unknown", message, hint: "" };
}

/**
 * The generated command, rejecting with an AppError.
 * @template {(...args: any[]) => Promise<any>} F
 * @param {F} command
 * @returns {F}
 */
function normalised(command) {
  const wrapped = async (/** @type {any[]} */ ...args) => {
    try {
      return await command(...args);
    } catch (e) {
      throw normaliseError(e);
    }
  };
  return /** @type {F} */ (wrapped);
}

export const appInfo = normalised(commands.appInfo);
/** The first view takes input (the benchmark's cold-start probe; silent otherwise). */
export const startupReady = normalised(commands.startupReady);
export const listProfiles = normalised(commands.listProfiles);
export const validateProfile = normalised(commands.validateProfile);
export const saveProfile = normalised(commands.saveProfile);
/** Deletes the profile and its keychain entries: { id, name, keychain: [{ kind, username? }] }. */
export const deleteProfile = normalised(commands.deleteProfile);
export const selectProfile = normalised(commands.selectProfile);
export const resetProfilesFile = normalised(commands.resetProfilesFile);
/** The text of an amplify_outputs.json: the profile fields it names, for review. */
export const importAmplifyOutputs = normalised(commands.importAmplifyOutputs);
/** A profile as an export file: { json, fileName } (no secret in it). */
export const exportProfile = normalised(commands.exportProfile);
/** Saves the export in Downloads (never over a file): { path }. */
export const saveProfileExport = normalised(commands.saveProfileExport);
export const copyProfileExport = normalised(commands.copyProfileExport);
/** The text of a profile file: { settings, problems } for the form, or an error naming every problem. */
export const readProfileFile = normalised(commands.readProfileFile);
/** `preferred`: a choice-based profile's first factor for this sign-in (null keeps the profile's). */
export const signIn = normalised(commands.signIn);
/** SMS_MFA, SMS_OTP or EMAIL_OTP: the code Cognito sent. */
export const answerCode = normalised(commands.answerCode);
/** SELECT_MFA_TYPE: one of MFAS_CAN_CHOOSE. */
export const selectMfa = normalised(commands.selectMfa);
/** SELECT_CHALLENGE: one of AvailableChallenges (with the password for PASSWORD / PASSWORD_SRP). */
export const selectChallenge = normalised(commands.selectChallenge);
export const answerCustom = normalised(commands.answerCustom);
/** WEB_AUTHN: the test passkey kept for the user answers. */
export const answerWithTestPasskey = normalised(commands.answerWithTestPasskey);
export const answerWithSecurityKey = normalised(commands.answerWithSecurityKey);
export const securityKeyPin = normalised(commands.securityKeyPin);
export const cancelSecurityKey = normalised(commands.cancelSecurityKey);
/** Leaves the passkey step for Cognito's choice of first factors. */
export const chooseAnotherWay = normalised(commands.chooseAnotherWay);
/** ListWebAuthnCredentials (PasskeyRow[]). */
export const listPasskeys = normalised(commands.listPasskeys);
/** A test passkey registered and kept in the keychain; the list after it. */
export const registerTestPasskey = normalised(commands.registerTestPasskey);
export const registerSecurityKey = normalised(commands.registerSecurityKey);
/** DeleteWebAuthnCredential; the list after it. */
export const deletePasskey = normalised(commands.deletePasskey);
export const answerMfaSetupEmail = normalised(commands.answerMfaSetupEmail);
/** MFA_SETUP offering the app and email: set up the app (the enrollment comes back). */
export const setupAuthenticator = normalised(commands.setupAuthenticator);
/** Every call the app made (CallRecord[], oldest first); new ones come as `call-recorded` events. */
export const timeline = normalised(commands.timeline);
/** The timeline as JSON on the clipboard (written from Rust). */
export const copyTimelineJson = normalised(commands.copyTimelineJson);
/** CodeDelivery {destination, medium, attribute}: where Cognito sent the reset code. */
export const forgotPassword = normalised(commands.forgotPassword);
export const confirmForgotPassword = normalised(commands.confirmForgotPassword);
export const confirmSignUp = normalised(commands.confirmSignUp);
/** CodeDelivery of the new sign-up code. */
export const resendConfirmationCode = normalised(commands.resendConfirmationCode);
export const answerTotp = normalised(commands.answerTotp);
export const cancelSignIn = normalised(commands.cancelSignIn);
export const currentSession = normalised(commands.currentSession);
/** RestoreOutcome: {kind:"restored", session} | {kind:"none"} | {kind:"failed", error}. Call once at start. */
export const restoreSession = normalised(commands.restoreSession);
export const refreshSession = normalised(commands.refreshSession);
export const rememberDevice = normalised(commands.rememberDevice);
export const listDevices = normalised(commands.listDevices);
export const forgetDevice = normalised(commands.forgetDevice);
export const adminUserDevices = normalised(commands.adminUserDevices);
export const adminForgetDevice = normalised(commands.adminForgetDevice);
/**
 * `everywhere` false: revoke this app's refresh token; true: GlobalSignOut.
 * `browserLogout` (managed-login sessions): also open the domain's /logout in
 * the browser. Resolves to a SignOutReport (managedLogoutUrl: string|null, browserLogoutOpened: bool).
 */
export const signOut = normalised(commands.signOut);
/**
 * Binds the redirect port, checks the request with the domain and opens the
 * browser. ManagedLoginStart {authorizeUrl, redirectUri, scopes,
 * missingAdminScope, timeoutSecs, emulated, browserOpened}.
 */
export const beginManagedLogin = normalised(commands.beginManagedLogin);
/** Resolves to a SignInOutcome when the browser comes back; rejects on timeout, cancel, refusal… */
export const finishManagedLogin = normalised(commands.finishManagedLogin);
/** Stops a waiting managed login; true if one was waiting. */
export const cancelManagedLogin = normalised(commands.cancelManagedLogin);
/** ManagedLoginReport of the current session's managed login, or null. */
export const managedLoginReport = normalised(commands.managedLoginReport);
/** `which` is "id" or "access"; the backend writes the clipboard, the UI never sees the token. */
export const copyToken = normalised(commands.copyToken);
/** TokenReport {id, access}: decoded header + claims and the verification checks of each token. */
export const tokenReport = normalised(commands.tokenReport);
export const answerMfaSetup = normalised(commands.answerMfaSetup);
/** `attributes`: {name: value} for the pool's required attributes. */
export const answerNewPassword = normalised(commands.answerNewPassword);
export const mfaStatus = normalised(commands.mfaStatus);
export const beginTotpEnrollment = normalised(commands.beginTotpEnrollment);
export const verifyTotpEnrollment = normalised(commands.verifyTotpEnrollment);
export const testCode = normalised(commands.testCode);
export const forgetTestSecret = normalised(commands.forgetTestSecret);
export const cancelTotpEnrollment = normalised(commands.cancelTotpEnrollment);
export const setTotpPreference = normalised(commands.setTotpPreference);
/** `what` is "secret" or "uri"; the backend writes the clipboard. */
export const copyEnrollmentText = normalised(commands.copyEnrollmentText);
export const openOtpauthUri = normalised(commands.openOtpauthUri);
/** CredentialsView: the identity pool exchange (GetId → GetCredentialsForIdentity), secrets masked. */
export const getAwsCredentials = normalised(commands.getAwsCredentials);
/** The full secret access key, only for an explicit "Show". */
export const revealAwsSecretKey = normalised(commands.revealAwsSecretKey);
/** The backend puts AWS_* environment lines on the clipboard. */
export const copyAwsEnv = normalised(commands.copyAwsEnv);
/** {buckets: [{name, creationDate}], steps}; gets credentials itself when needed. */
export const listS3Buckets = normalised(commands.listS3Buckets);
/** STS GetCallerIdentity: {account, arn, userId, steps}. */
export const whoAmI = normalised(commands.whoAmI);
/** "Copy as aws-cli" of call `seq`: on the clipboard (from Rust), and returned to show. */
export const copyAwsCli = normalised(commands.copyAwsCli);
export const adminPool = normalised(commands.adminPool);
export const adminSetMfaConfig = normalised(commands.adminSetMfaConfig);
export const adminListUsers = normalised(commands.adminListUsers);
export const adminUser = normalised(commands.adminUser);
export const adminCreateUser = normalised(commands.adminCreateUser);
export const adminSetPassword = normalised(commands.adminSetPassword);
export const adminSetUserMfa = normalised(commands.adminSetUserMfa);
export const adminSetEnabled = normalised(commands.adminSetEnabled);
export const adminResetPassword = normalised(commands.adminResetPassword);
export const adminGlobalSignOut = normalised(commands.adminGlobalSignOut);
export const adminDeleteUser = normalised(commands.adminDeleteUser);
export const adminGroups = normalised(commands.adminGroups);
export const adminCreateGroup = normalised(commands.adminCreateGroup);
export const adminSetMembership = normalised(commands.adminSetMembership);
export const adminClient = normalised(commands.adminClient);
export const adminUpdateClient = normalised(commands.adminUpdateClient);
export const adminIdentityPool = normalised(commands.adminIdentityPool);
export const doctor = normalised(commands.doctor);
export const doctorFix = normalised(commands.doctorFix);
/** The test setups made on this computer (their records), newest first. */
export const listSetups = normalised(commands.listSetups);
/** Makes a test setup; each step arrives meanwhile as a `setup-progress` event. */
export const createSetup = normalised(commands.createSetup);
/** Tears a setup down by its record; each resource as a `setup-progress` event. */
export const destroySetup = normalised(commands.destroySetup);
export const copySetupTemplate = normalised(commands.copySetupTemplate);

/**
 * Listen to a backend event; `handler` gets the payload. Resolves to an
 * unlisten function (a no-op when the event API is not available).
 * @param {string} event
 * @param {(payload: any) => void} handler
 * @returns {Promise<() => void>}
 */
export async function listen(event, handler) {
  const fn = window.__TAURI__?.event?.listen;
  if (typeof fn !== "function") return () => {};
  return fn(event, (/** @type {{payload?: unknown}} */ e) => handler(e?.payload));
}
