// All user-visible text. Keys are dotted paths; `t()` falls back to English so
// a missing Japanese entry never shows a raw key.

const en = {
  app: { title: "Cognito Desk", version: "Version {version}" },
  nav: { label: "Main", profiles: "Profiles", signin: "Sign in", session: "Session", mfa: "MFA" },
  topbar: {
    profile: "Profile",
    noProfile: "No profile selected",
    language: "Language",
    busy: "Working…",
  },
  error: { hint: "Hint:", dismiss: "Dismiss" },
  profiles: {
    title: "Profiles",
    intro: "A profile holds the settings of one Cognito user pool and app client.",
    listLabel: "Saved profiles",
    empty: "No profiles yet. Create one to get started.",
    new: "New profile",
    newTitle: "New profile",
    editTitle: "Edit profile",
    selected: "Selected",
    name: "Name",
    namePlaceholder: "e.g. Staging",
    region: "Region",
    regionPlaceholder: "e.g. ap-northeast-1",
    userPoolId: "User pool ID",
    clientId: "App client ID",
    optional: "Optional",
    identityPoolId: "Identity pool ID",
    domain: "Hosted UI domain",
    redirectUri: "Redirect URI",
    endpoint: "Endpoint override (emulators)",
    endpointHelp: "Only for a local emulator (the Sandbox, moto, ministack). Leave empty for AWS.",
    totpIssuer: "Issuer shown in the authenticator app",
    totpIssuerHelp: "The name your authenticator app lists this account under. Empty means “Cognito Desk”.",
    save: "Save",
    saved: "Saved",
    delete: "Delete",
    needsFields: "Fill in the required fields to save.",
    confirmDelete: "Delete the profile “{name}”? This cannot be undone.",
    confirmDeleteYes: "Delete profile",
    cancel: "Cancel",
    deleted: "Profile deleted.",
    loadErrorTitle: "Your profiles could not be loaded",
    reset: "Move the broken file aside and start fresh",
    resetDone: "The broken file was moved to {path}.",
  },
  signin: {
    title: "Sign in",
    intro: "Sign in to the user pool of the selected profile.",
    profile: "Profile",
    username: "Username or email",
    password: "Password",
    show: "Show",
    hide: "Hide",
    showPassword: "Show password",
    hidePassword: "Hide password",
    submit: "Sign in",
    noProfiles: "There are no profiles yet. Create one before signing in.",
    goProfiles: "Go to Profiles",
  },
  challenge: {
    title: "Enter the code from your authenticator app",
    intro: "Signing in as",
    code: "6-digit code",
    submit: "Verify",
    cancel: "Cancel",
    cancelHint: "Esc to cancel",
    secondsLeft: "{n} s left in this code",
    secondsUnit: "s",
  },
  mfaSetup: {
    title: "This user pool requires an authenticator app",
    intro: "Set up an authenticator app now to finish signing in. You will need it at every sign-in.",
  },
  newPassword: {
    title: "Choose a new password",
    intro: "An administrator created this account with a temporary password. Choose your own password.",
    password: "New password",
    confirm: "Type the new password again",
    submit: "Set password and continue",
    required: "Enter a new password.",
    mismatch: "The two passwords do not match.",
  },
  enroll: {
    step1: "Scan the QR code",
    step1Help: "In your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, …) add an account and scan this code.",
    qrAlt: "QR code for your authenticator app",
    issuer: "Issuer",
    account: "Account",
    manualTitle: "or enter the key by hand",
    manualHelp: "Choose “time-based”; the code has 6 digits and changes every 30 seconds.",
    copySecret: "Copy key",
    uri: "Setup link (otpauth URI)",
    copyUri: "Copy link",
    openUri: "Open in authenticator app",
    openUriHelp: "Opening the link works when an authenticator app is installed on this computer.",
    copied: "Copied",
    step2: "Enter the 6-digit code",
    code: "Code shown in the app",
    deviceName: "Device name (optional)",
    deviceNamePlaceholder: "e.g. Pixel 8",
    verify: "Verify",
    cancel: "Cancel",
    done: "Authenticator app is set up. You will be asked for a code at the next sign-in.",
  },
  mfa: {
    title: "Multi-factor authentication",
    intro: "Signed-in user:",
    statusTitle: "Status",
    loading: "Loading…",
    unknown: "The MFA status could not be loaded.",
    statusOff: "Authenticator app (TOTP): off",
    statusOnPreferred: "Authenticator app (TOTP): on, preferred",
    statusOnNotPreferred: "Authenticator app (TOTP): on, not preferred",
    methods: "MFA methods of this user: {methods}",
    preferredMethod: "preferred: {method}",
    setup: "Set up authenticator app",
    setupAgain: "Set up again",
    preferred: "Ask for the code at every sign-in (preferred)",
    nowPreferred: "The authenticator app is now preferred.",
    noLongerPreferred: "The authenticator app is no longer preferred.",
    disable: "Turn off",
    disableConfirm: "Turn off the authenticator app for this user? Signing in will no longer ask for its code (unless the user pool requires MFA).",
    disableYes: "Turn off",
    cancel: "Cancel",
    turnedOff: "The authenticator app is turned off.",
    enrollTitle: "Set up an authenticator app",
  },
  session: {
    title: "Session",
    signedInAs: "Signed in",
    profile: "Profile",
    username: "Username",
    email: "Email",
    sub: "Subject (sub)",
    signedInAt: "Signed in at",
    expiry: "Token expiry",
    idToken: "ID token",
    accessToken: "Access token",
    expired: "expired",
    previews: "Token previews",
    claims: "ID token claims",
    claim: "Claim",
    value: "Value",
    none: "—",
    signout: "Sign out",
    signedOut: "Signed out.",
    manageMfa: "Manage MFA",
  },
  time: {
    now: "just now",
    inSeconds: "in {n} s",
    secondsAgo: "{n} s ago",
    inMinutes: "in {n} min",
    minutesAgo: "{n} min ago",
    inHours: "in {n} h",
    hoursAgo: "{n} h ago",
    inDays: "in {n} d",
    daysAgo: "{n} d ago",
  },
  fieldErrors: {
    nameRequired: "Give the profile a name.",
    nameTooLong: "Keep the name under 64 characters.",
    nameTaken: "Another profile already has this name.",
    regionRequired: "Enter the AWS region of the user pool, e.g. ap-northeast-1.",
    regionInvalid: "This is not a region name; it looks like ap-northeast-1 or us-east-1.",
    userPoolIdRequired: "Enter the user pool id, e.g. ap-northeast-1_AbC123xyz.",
    userPoolIdInvalid: "A user pool id is <region>_<id>, e.g. ap-northeast-1_AbC123xyz.",
    userPoolRegionMismatch: "This pool lives in {poolRegion}, but the region above is {region}.",
    clientIdRequired: "Enter the app client id.",
    clientIdInvalid: "An app client id has only letters and digits (26 characters on AWS).",
    identityPoolIdInvalid: "An identity pool id is <region>:<uuid>, e.g. ap-northeast-1:0a1b2c3d-….",
    identityPoolRegionMismatch: "This identity pool lives in {poolRegion}, but the region above is {region}.",
    urlInvalid: "Enter a full URL starting with https:// (or http:// for a local emulator).",
    domainNeedsHttps: "Managed login needs https:// (http:// only for a local emulator).",
    redirectNotLoopback: "Use a loopback address with a fixed port, e.g. http://127.0.0.1:53682/callback.",
    issuerHasColon: "Authenticator apps cannot read a colon (:) in the issuer.",
  },
  errors: {
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
      message: "Password sign-in is not enabled for this app client.",
      hint: "Enable the needed authentication flow in the app client settings of the user pool.",
    },
    UnsupportedChallenge: {
      message: "This sign-in step is not supported.",
      hint: "Cognito Desk supports MFA with an authenticator app (TOTP) only.",
    },
    ResourceNotFoundException: {
      message: "The user pool or app client was not found.",
      hint: "Check the profile's region, user pool ID and app client ID.",
    },
    InvalidProfile: {
      message: "The profile has invalid fields.",
      hint: "Correct the fields marked in red.",
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
      message: "This user has not been confirmed yet.",
      hint: "Finish the email confirmation, or ask an administrator to confirm the user.",
    },
    PasswordResetRequiredException: {
      message: "A password reset is required.",
      hint: "Reset your password, then sign in again.",
    },
    InvalidCode: {
      message: "The code must be 6 digits.",
      hint: "Type the 6 digits shown in your authenticator app.",
    },
    NotSignedIn: {
      message: "Sign in first.",
      hint: "The MFA page works on the signed-in user.",
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
    NoEnrollment: {
      message: "There is no authenticator setup in progress.",
      hint: "Press “Set up authenticator app” again.",
    },
  },
};

const ja = {
  app: { title: "Cognito Desk", version: "バージョン {version}" },
  nav: { label: "メイン", profiles: "プロファイル", signin: "サインイン", session: "セッション", mfa: "多要素認証" },
  topbar: {
    profile: "プロファイル",
    noProfile: "プロファイル未選択",
    language: "言語",
    busy: "処理中…",
  },
  error: { hint: "ヒント:", dismiss: "閉じる" },
  profiles: {
    title: "プロファイル",
    intro: "プロファイルには、Cognito ユーザープールとアプリクライアントの設定を保存します。",
    listLabel: "保存済みのプロファイル",
    empty: "プロファイルがまだありません。まず作成してください。",
    new: "新規プロファイル",
    newTitle: "新規プロファイル",
    editTitle: "プロファイルの編集",
    selected: "選択中",
    name: "名前",
    namePlaceholder: "例: ステージング",
    region: "リージョン",
    regionPlaceholder: "例: ap-northeast-1",
    userPoolId: "ユーザープール ID",
    clientId: "アプリクライアント ID",
    optional: "任意項目",
    identityPoolId: "ID プール ID",
    domain: "ホストされた UI のドメイン",
    redirectUri: "リダイレクト URI",
    endpoint: "エンドポイントの上書き（エミュレーター用）",
    endpointHelp: "ローカルエミュレーター（Sandbox、moto、ministack）用です。AWS を使う場合は空欄のままにしてください。",
    totpIssuer: "認証アプリに表示する発行者名",
    totpIssuerHelp: "認証アプリでこのアカウントが表示される名前です。空欄なら「Cognito Desk」になります。",
    save: "保存",
    saved: "保存しました",
    delete: "削除",
    needsFields: "保存するには必須項目を入力してください。",
    confirmDelete: "プロファイル「{name}」を削除しますか？この操作は元に戻せません。",
    confirmDeleteYes: "削除する",
    cancel: "キャンセル",
    deleted: "プロファイルを削除しました。",
    loadErrorTitle: "プロファイルを読み込めませんでした",
    reset: "壊れたファイルを退避して新しく始める",
    resetDone: "壊れたファイルを {path} に移動しました。",
  },
  signin: {
    title: "サインイン",
    intro: "選択中のプロファイルのユーザープールにサインインします。",
    profile: "プロファイル",
    username: "ユーザー名またはメールアドレス",
    password: "パスワード",
    show: "表示",
    hide: "隠す",
    showPassword: "パスワードを表示",
    hidePassword: "パスワードを隠す",
    submit: "サインイン",
    noProfiles: "プロファイルがまだありません。サインインする前に作成してください。",
    goProfiles: "プロファイルへ移動",
  },
  challenge: {
    title: "認証アプリに表示されたコードを入力してください",
    intro: "サインインするユーザー:",
    code: "6 桁のコード",
    submit: "確認",
    cancel: "キャンセル",
    cancelHint: "Esc キーでキャンセル",
    secondsLeft: "このコードの残り {n} 秒",
    secondsUnit: "秒",
  },
  mfaSetup: {
    title: "このユーザープールでは認証アプリが必要です",
    intro: "サインインを完了するには、ここで認証アプリを設定してください。以後のサインインでも毎回使います。",
  },
  newPassword: {
    title: "新しいパスワードを設定してください",
    intro: "このアカウントは管理者が仮のパスワードで作成しました。ご自身のパスワードを設定してください。",
    password: "新しいパスワード",
    confirm: "新しいパスワード（確認）",
    submit: "パスワードを設定して続行",
    required: "新しいパスワードを入力してください。",
    mismatch: "2 つのパスワードが一致しません。",
  },
  enroll: {
    step1: "QR コードを読み取る",
    step1Help: "認証アプリ（Google Authenticator、Microsoft Authenticator、1Password など）でアカウントを追加し、このコードを読み取ってください。",
    qrAlt: "認証アプリ用の QR コード",
    issuer: "発行者",
    account: "アカウント",
    manualTitle: "または、キーを手入力する",
    manualHelp: "「時間ベース」を選んでください。コードは 6 桁で、30 秒ごとに変わります。",
    copySecret: "キーをコピー",
    uri: "設定用リンク（otpauth URI）",
    copyUri: "リンクをコピー",
    openUri: "認証アプリで開く",
    openUriHelp: "このパソコンに認証アプリがインストールされている場合に開けます。",
    copied: "コピーしました",
    step2: "6 桁のコードを入力する",
    code: "アプリに表示されたコード",
    deviceName: "デバイス名（任意）",
    deviceNamePlaceholder: "例: Pixel 8",
    verify: "確認",
    cancel: "キャンセル",
    done: "認証アプリを設定しました。次回のサインインからコードの入力を求められます。",
  },
  mfa: {
    title: "多要素認証",
    intro: "サインイン中のユーザー:",
    statusTitle: "状態",
    loading: "読み込み中…",
    unknown: "多要素認証の状態を読み込めませんでした。",
    statusOff: "認証アプリ (TOTP): オフ",
    statusOnPreferred: "認証アプリ (TOTP): オン（優先）",
    statusOnNotPreferred: "認証アプリ (TOTP): オン（優先ではない）",
    methods: "このユーザーの MFA 方式: {methods}",
    preferredMethod: "優先: {method}",
    setup: "認証アプリを設定",
    setupAgain: "設定し直す",
    preferred: "サインインのたびにコードを求める（優先）",
    nowPreferred: "認証アプリを優先にしました。",
    noLongerPreferred: "認証アプリを優先から外しました。",
    disable: "オフにする",
    disableConfirm: "このユーザーの認証アプリをオフにしますか？サインイン時にコードを求められなくなります（ユーザープールで MFA が必須の場合を除く）。",
    disableYes: "オフにする",
    cancel: "キャンセル",
    turnedOff: "認証アプリをオフにしました。",
    enrollTitle: "認証アプリの設定",
  },
  session: {
    title: "セッション",
    signedInAs: "サインイン中",
    profile: "プロファイル",
    username: "ユーザー名",
    email: "メールアドレス",
    sub: "サブジェクト (sub)",
    signedInAt: "サインイン日時",
    expiry: "トークンの有効期限",
    idToken: "ID トークン",
    accessToken: "アクセストークン",
    expired: "期限切れ",
    previews: "トークンのプレビュー",
    claims: "ID トークンのクレーム",
    claim: "クレーム",
    value: "値",
    none: "—",
    signout: "サインアウト",
    signedOut: "サインアウトしました。",
    manageMfa: "多要素認証の管理",
  },
  time: {
    now: "たった今",
    inSeconds: "{n}秒後",
    secondsAgo: "{n}秒前",
    inMinutes: "{n}分後",
    minutesAgo: "{n}分前",
    inHours: "{n}時間後",
    hoursAgo: "{n}時間前",
    inDays: "{n}日後",
    daysAgo: "{n}日前",
  },
  fieldErrors: {
    nameRequired: "プロファイル名を入力してください。",
    nameTooLong: "名前は64文字以内にしてください。",
    nameTaken: "同じ名前のプロファイルがすでにあります。",
    regionRequired: "ユーザープールのリージョンを入力してください（例: ap-northeast-1）。",
    regionInvalid: "リージョン名ではありません。ap-northeast-1 や us-east-1 の形式です。",
    userPoolIdRequired: "ユーザープール ID を入力してください（例: ap-northeast-1_AbC123xyz）。",
    userPoolIdInvalid: "ユーザープール ID は <リージョン>_<ID> の形式です（例: ap-northeast-1_AbC123xyz）。",
    userPoolRegionMismatch: "このプールは {poolRegion} にありますが、上のリージョンは {region} です。",
    clientIdRequired: "アプリクライアント ID を入力してください。",
    clientIdInvalid: "アプリクライアント ID は英数字のみです（AWS では26文字）。",
    identityPoolIdInvalid: "ID プール ID は <リージョン>:<UUID> の形式です。",
    identityPoolRegionMismatch: "この ID プールは {poolRegion} にありますが、上のリージョンは {region} です。",
    urlInvalid: "https://（ローカルエミュレーターなら http://）で始まる完全な URL を入力してください。",
    domainNeedsHttps: "マネージドログインには https:// が必要です（http:// はローカルエミュレーターのみ）。",
    redirectNotLoopback: "ポートを固定したループバックアドレスを使ってください（例: http://127.0.0.1:53682/callback）。",
    issuerHasColon: "認証アプリは発行者名に含まれるコロン (:) を扱えません。",
  },
  errors: {
    Unknown: { message: "問題が発生しました。", hint: "" },
    NotAuthorizedException: {
      message: "ユーザー名またはパスワードが正しくありません。",
      hint: "入力内容を確認して、もう一度お試しください。Caps Lock がオンになっていないかもご確認ください。",
    },
    UserNotFoundException: {
      message: "このユーザーは存在しません。",
      hint: "ユーザー名と、プロファイルのユーザープールが正しいかを確認してください。",
    },
    CodeMismatchException: {
      message: "コードが正しくありません。",
      hint: "認証アプリに表示されている最新の 6 桁のコードを入力してください。パソコンの時刻がずれていないかもご確認ください。",
    },
    SessionExpired: {
      message: "サインインの有効期限が切れました。",
      hint: "もう一度パスワードからサインインしてください。",
    },
    NetworkUnreachable: {
      message: "Cognito に接続できません。",
      hint: "ネットワーク接続と、プロファイルのリージョン・エンドポイントを確認してください。",
    },
    AuthFlowNotEnabled: {
      message: "このアプリクライアントではパスワードによるサインインが有効になっていません。",
      hint: "ユーザープールのアプリクライアント設定で、必要な認証フローを有効にしてください。",
    },
    UnsupportedChallenge: {
      message: "このサインイン手順には対応していません。",
      hint: "Cognito Desk が対応している MFA は認証アプリ（TOTP）のみです。",
    },
    ResourceNotFoundException: {
      message: "ユーザープールまたはアプリクライアントが見つかりません。",
      hint: "プロファイルのリージョン、ユーザープール ID、アプリクライアント ID を確認してください。",
    },
    InvalidProfile: {
      message: "プロファイルの入力内容に誤りがあります。",
      hint: "赤く表示されている項目を修正してください。",
    },
    ProfilesCorrupt: {
      message: "プロファイルのファイルが壊れているため読み込めません。",
      hint: "壊れたファイルを退避して、空の状態から始めることができます。",
    },
    NoProfile: {
      message: "プロファイルが選択されていません。",
      hint: "「プロファイル」画面でプロファイルを作成または選択してください。",
    },
    NoPendingChallenge: {
      message: "コードの入力を待っているサインインはありません。",
      hint: "もう一度サインインしてください。",
    },
    TooManyRequestsException: {
      message: "リクエストが多すぎます。",
      hint: "しばらく待ってから、もう一度お試しください。",
    },
    UserNotConfirmedException: {
      message: "このユーザーはまだ確認されていません。",
      hint: "メールアドレスの確認を済ませるか、管理者にユーザーの確認を依頼してください。",
    },
    PasswordResetRequiredException: {
      message: "パスワードのリセットが必要です。",
      hint: "パスワードをリセットしてから、もう一度サインインしてください。",
    },
    InvalidCode: {
      message: "コードは 6 桁の数字で入力してください。",
      hint: "認証アプリに表示されている 6 桁の数字を入力してください。",
    },
    NotSignedIn: {
      message: "先にサインインしてください。",
      hint: "多要素認証の画面は、サインイン中のユーザーに対して操作します。",
    },
    TotpNotVerified: {
      message: "認証アプリの確認が済むまで TOTP はオンにできません。",
      hint: "先に認証アプリを設定し、アプリに表示されたコードを入力してください。",
    },
    InvalidOtpauthLabel: {
      message: "発行者名またはアカウント名を認証アプリ用のリンクに使えません。",
      hint: "プロファイルの発行者名からコロン (:) を取り除いてから、もう一度設定してください。",
    },
    InvalidTotpSecret: {
      message: "Cognito から受け取った秘密鍵が正しくありません。",
      hint: "もう一度認証アプリの設定をやり直して、新しいキーを取得してください。",
    },
    MfaMethodNotOffered: {
      message: "",
      hint: "管理者がユーザープールのサインイン設定でこの MFA 方式を有効にできます。",
    },
    InvalidPasswordException: {
      message: "新しいパスワードがユーザープールのパスワードポリシーを満たしていません。",
      hint: "必要な文字の種類（大文字・小文字・数字・記号）を含む、より長いパスワードにしてください。",
    },
    NoEnrollment: {
      message: "進行中の認証アプリの設定はありません。",
      hint: "「認証アプリを設定」をもう一度押してください。",
    },
  },
};

export const STRINGS = { en, ja };
export const LANGS = [
  { code: "en", label: "English" },
  { code: "ja", label: "日本語" },
];

let current = "en";

export function getLang() {
  return current;
}

export function setLang(lang) {
  current = lang in STRINGS ? lang : "en";
}

function lookup(table, key) {
  return key.split(".").reduce((node, part) => (node == null ? undefined : node[part]), table);
}

/** Translate `key` in the current language, filling `{name}` placeholders from `vars`. */
export function t(key, vars = {}) {
  let text = lookup(STRINGS[current], key);
  if (typeof text !== "string") text = lookup(en, key);
  if (typeof text !== "string") return key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/**
 * Text to show for a backend error. The backend speaks English, so in Japanese
 * we use our own translation for known codes; otherwise the backend's words win
 * (they are more specific than our generic English fallback).
 */
export function fieldErrorText(fieldError) {
  const key = `fieldErrors.${fieldError.code}`;
  const text = t(key, fieldError.params || {});
  return text === key ? fieldError.message : text;
}

export function errorText(err) {
  const known = Object.prototype.hasOwnProperty.call(en.errors, err.code) && err.code !== "Unknown";
  if (current !== "en" && known) {
    // An empty message in the table means the backend's words are the message
    // (they carry details we cannot translate), with our translated hint.
    const own = t(`errors.${err.code}.message`);
    return {
      message: own || err.message || t("errors.Unknown.message"),
      hint: t(`errors.${err.code}.hint`),
    };
  }
  const ownMessage = known ? lookup(en, `errors.${err.code}.message`) : "";
  return {
    message: err.message || ownMessage || en.errors.Unknown.message,
    hint: err.hint || (known && (!err.message || !ownMessage) ? lookup(en, `errors.${err.code}.hint`) : ""),
  };
}
