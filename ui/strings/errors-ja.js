// Japanese error texts, one per code the core can send (`message` empty: the
// backend's words, with this hint), merged into strings/ja.js by ../strings.js.
// core/src/error/code.rs checks every code has one.

export const errorsJa = {
  errors: {
    AdminCredentialsMissing: {
      message: "このプロファイルには管理者の認証情報が指定されていないため、プールを読み書きできません。",
      hint: "プロファイルを編集し「管理者アクセス」で AWS の名前付きプロファイル (aws configure / aws configure sso) か環境変数を選んでください。サインインは認証情報なしで使えます。",
    },
    AdminCredentialsUnavailable: {
      message: "管理者の認証情報が見つかりませんでした。",
      hint: "~/.aws/config にそのプロファイルがあるか確認してください。SSO の場合は先に「aws sso login --profile <名前>」を実行してください。",
    },
    AdminAccessRefused: {
      message: "AWS が管理者の認証情報を拒否しました。",
      hint: "認証情報が有効期限内か、IAM ポリシーがこのプールへの cognito-idp 操作を許可しているか確認してください。",
    },
    UsernameExistsException: {
      message: "同じ名前のユーザーがすでにプールにいます。",
      hint: "別のユーザー名にするか、一覧から既存のユーザーを開いてください。",
    },
    PoolSettingUnavailable: {
      message: "この設定はここからは変更できません。",
      hint: "上のメッセージを確認してください。Cognito Desk でできない変更は AWS コンソールで行えます。",
    },
    CustomChallengeFailed: {
      message: "ユーザープールのチャレンジでサインインが終了しました。回答が受け付けられませんでした。",
      hint: "もう一度サインインすると新しいチャレンジが出ます。試行回数はユーザープールの Lambda トリガーが決めます。",
    },
    DeliveredCodeMismatch: {
      message: "コードが一致しません。",
      hint: "Cognito から届いた最新のメッセージのコードを入力するか、新しいコードを送ってもらってください。",
    },
    MissingAttributes: {
      message: "ユーザープールが必須にしている属性が不足しています。",
      hint: "フォームのすべての項目を入力してください。",
    },
    InvalidDeliveredCode: {
      message: "コードは 6〜8 桁の数字です。",
      hint: "Cognito から届いたメッセージのコードを入力してください。",
    },
    ClientSecretUnexpected: {
      message: "このアプリクライアントにはクライアントシークレットがありませんが、プロファイルではありとなっています。",
      hint: "プロファイルを編集し、「{@profiles.hasClientSecret}」をオフにしてください。",
    },
    ClientSecretMissing: {
      message: "プロファイルではクライアントシークレットありとなっていますが、キーチェーンにシークレットがありません。",
      hint: "プロファイルを編集し、クライアントシークレットを入力し直してください。",
    },
    ClientSecretWrong: {
      message: "クライアントシークレットが正しくありません。Cognito が SECRET_HASH を検証できませんでした。",
      hint: "プロファイルを編集し、アプリクライアントのシークレットを入力し直してください。",
    },
    ClientSecretRequired: {
      message: "このアプリクライアントにはクライアントシークレットがありますが、プロファイルに設定されていません。",
      hint: "プロファイルを編集し、「{@profiles.hasClientSecret}」をオンにしてシークレットを入力してください。",
    },
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
      message: "このアプリクライアントでは、プロファイルのサインイン方式が許可されていません。",
      hint: "アプリクライアントでその認証フロー（ALLOW_USER_SRP_AUTH、ALLOW_USER_PASSWORD_AUTH、ALLOW_USER_AUTH）を有効にするか、許可されている方式にプロファイルを切り替えてください。",
    },
    UnsupportedChallenge: {
      message: "このサインイン手順には対応していません。",
      hint: "このバージョンはパスキー（WebAuthn）とデバイス認証に対応していません。この手順はマネージドログインで完了してください。",
    },
    ResourceNotFoundException: {
      message: "ユーザープール、アプリクライアント、または ID プールが見つかりません。",
      hint: "プロファイルのリージョン、ユーザープール ID、アプリクライアント ID、ID プール ID を確認してください。",
    },
    InvalidProfile: {
      message: "プロファイルの入力内容に誤りがあります。",
      hint: "赤く表示されている項目を修正してください。",
    },
    ProfileFileInvalid: {
      message: "このプロファイルファイルは読み込めません。",
      hint: "一覧の問題をすべて直してから、もう一度読み込んでください（cognito-desk-cli profile export で正しいファイルを書き出せます）。",
    },
    AmplifyOutputsMalformed: {
      message: "このファイルは Amplify Gen 2 の amplify_outputs.json ではありません。",
      hint: "npx ampx sandbox やデプロイが書き出した amplify_outputs.json を、手を加えずに選んでください。",
    },
    AmplifyOutputsIncomplete: {
      message: "amplify_outputs.json に、プロファイルに必要な設定が足りません。",
      hint: "足りない設定を追加するか、バックエンドを再デプロイ（npx ampx sandbox）してファイル全体を書き出してください。",
    },
    NoConfigDir: {
      message: "プロファイルを保存するフォルダーがありません（HOME も XDG_CONFIG_HOME も設定されていません）。",
      hint: "HOME を設定するか、自分だけが書き込めるフォルダーを COGNITO_DESK_CONFIG_DIR に設定してください。",
    },
    ProfilesCorrupt: {
      message: "プロファイルのファイルが壊れているため読み込めません。",
      hint: "壊れたファイルを退避して、空の状態から始めることができます。",
    },
    NoProfile: {
      message: "プロファイルが選択されていません。",
      hint: "「{@nav.profiles}」画面でプロファイルを作成または選択してください。",
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
      message: "このアカウントはまだ確認されていません。",
      hint: "確認画面でサインアップ時のメッセージにあるコードを入力してください。",
    },
    PasswordResetRequiredException: {
      message: "サインインする前にパスワードの再設定が必要です。",
      hint: "Cognito が送るコードでパスワードを再設定してください（パスワードを忘れた場合）。",
    },
    InvalidCode: {
      message: "コードは 6 桁の数字で入力してください。",
      hint: "認証アプリに表示されている 6 桁の数字を入力してください。",
    },
    NotSignedIn: {
      message: "先にサインインしてください。",
      hint: "この画面はサインイン中のユーザーに対して操作します。もう一度サインインしてください。",
    },
    SessionRevoked: {
      message: "保存されていたセッションは無効化されたか期限切れのため、削除しました。",
      hint: "もう一度サインインしてください。",
    },
    KeychainUnavailable: {
      message: "OS のキーチェーンを利用できません。",
      hint: "セッションはメモリ上にのみ保持され、再起動すると失われます。",
    },
    RefreshTokenReuseException: {
      message: "Cognito はリフレッシュトークンを拒否しました。このトークンはすでに新しいものと交換済みで、アプリクライアントが古いトークンに認める猶予期間も過ぎています。",
      hint: "もう一度サインインしてください。同じプロファイルを使う別のウィンドウやコマンドが新しいトークンを持っている可能性があります。",
    },
    GracePeriodOutOfRange: {
      message: "猶予期間は 0〜60 秒で指定してください。",
      hint: "0（古いトークンはすぐに使えなくなります）から 60 までの秒数を入力してください。",
    },
    NoDevice: {
      message: "このコンピューターはサインイン中のユーザーのデバイスではありません。",
      hint: "プールがデバイスを追跡していないか、このサインインでデバイスが確認されませんでした。",
    },
    DeviceUnknown: {
      message: "ユーザープールはこのコンピューターをユーザーのデバイスとして認識していません。",
      hint: "管理者または別のコンピューターで削除されました。もう一度サインインすると、新しいデバイスとして確認されます。",
    },
    PasskeyNotFound: {
      message: "Cognito が求めるパスキーがこのコンピューターにありません。",
      hint: "パスキーがサーバーで削除されたか、別のユーザープール用です。別の方法でサインインしてから、新しいパスキーを登録してください。",
    },
    PasskeyRelyingPartyInvalid: {
      message: "ユーザープールのリライングパーティ ID がないか、パスキーを作成できるドメインではありません。",
      hint: "ユーザープール画面でリライングパーティ ID をプールのドメインまたはカスタムドメインに設定してください。",
    },
    PasskeyAlgorithmUnsupported: {
      message: "認証器は Cognito が求めるアルゴリズムのどれにも対応していません。",
      hint: "ES256 に対応したパスキーを使ってください（現行のセキュリティキーはすべて対応しています）。",
    },
    PasskeyFailed: {
      message: "パスキーが応答できませんでした。",
      hint: "もう一度試してください。続く場合は別の方法でサインインし、パスキーを登録し直してください。",
    },
    NoTestPasskey: {
      message: "このコンピューターには、このユーザーのテスト用パスキーがありません。",
      hint: "別の方法でサインインしてから、MFA ページでテスト用パスキーを登録してください（CLI: passkey register --test-passkey）。",
    },
    SetupExists: {
      message: "「{name}」という名前は使われています。この名前のテスト環境かプロファイルが、このコンピューターに既にあります。",
      hint: "別の名前を選ぶか、先に既存の環境を削除（またはプロファイルの名前を変更）してください。",
    },
    SetupNotFound: {
      message: "「{name}」という名前のテスト環境は、このコンピューターにありません。",
      hint: "テスト環境は、作成したコンピューターでのみ管理できます。一覧にはここで作成したものが表示されます。",
    },
    SetupManifestDamaged: {
      message: "このテスト環境の記録を読み込めません。",
      hint: "設定フォルダーの setups/ にあるファイルを手で修復するか、AWS コンソールで環境のリソースを削除してください。",
    },
    SetupPermissionRefused: {
      message: "AWS が、管理者の認証情報に対して {operation} を拒否しました。",
      hint: "{operation} を認証情報（IAM ポリシー）に許可してから、別の名前でもう一度作成してください。作成済みのものは「{setup}」の記録にあり、削除で取り除けます。",
    },
    SetupOtherAccount: {
      message: "テスト環境は AWS アカウント {account} で作成されましたが、管理者の認証情報はアカウント {now} のものです。",
      hint: "テスト環境を作成したアカウントの認証情報（作成時の管理者プロファイルまたは環境変数）で削除してください。",
    },
    InvalidSetup: {
      message: "テスト環境の入力に修正が必要な項目があります。",
      hint: "印の付いた項目を修正してから、もう一度作成してください。",
    },
    SecurityKeyNotFound: {
      message: "セキュリティキーが接続されていません。",
      hint: "キーを USB ポートに差し込んでからもう一度試すか、別の方法でサインインしてください。",
    },
    SecurityKeyNoAccess: {
      message: "セキュリティキーは接続されていますが、このユーザーには開く権限がありません。",
      hint: "Linux では udev ルールがデスクトップのユーザーにセキュリティキーの権限を与えます（systemd の 60-fido-id.rules。Debian と Ubuntu では libfido2-1 パッケージも）。SSH やコンテナーの中では、キーの hidraw デバイスに権限を与えるルールを追加し、キーを抜き差ししてください。",
    },
    SecurityKeyCancelled: {
      message: "セキュリティキーの操作を中止しました。",
      hint: "もう一度試すか、別の方法でサインインしてください。",
    },
    SecurityKeyTimedOut: {
      message: "時間内にセキュリティキーがタッチされませんでした。",
      hint: "もう一度始め、キーが点滅したらタッチしてください。",
    },
    SecurityKeyAlreadyRegistered: {
      message: "このセキュリティキーには、このユーザーのパスキーが既にあります。",
      hint: "そのキーでサインインするか、先にそのパスキーを削除してから登録し直してください。",
    },
    SecurityKeyPinWrong: {
      message: "セキュリティキーの PIN が違います。",
      hint: "正しい PIN でもう一度試してください。残り回数がなくなるとキーがロックされます。",
    },
    SecurityKeyPinBlocked: {
      message: "PIN の誤りが多すぎたため、セキュリティキーの PIN がブロックされています。",
      hint: "メーカーのツールでキーをリセットするか（キー上のパスキーは消えます）、別の方法でサインインしてください。",
    },
    SecurityKeyReplugNeeded: {
      message: "PIN を 3 回続けて間違えたため、セキュリティキーが PIN を受け付けなくなりました。",
      hint: "キーを抜いて差し直し、正しい PIN を入力してください。",
    },
    SecurityKeyPinNotSet: {
      message: "このユーザープールはユーザー検証を必須にしていますが、このセキュリティキーには PIN がありません。",
      hint: "メーカーのツール（または fido2-token -S）でキーに PIN を設定してから、もう一度試してください。",
    },
    WebAuthnNotEnabledException: {
      message: "このユーザープールではパスキーが有効になっていません。",
      hint: "プールの第一要素に WEB_AUTHN を許可し、リライングパーティを設定するか、別の方法でサインインしてください。",
    },
    WebAuthnChallengeNotFoundException: {
      message: "Cognito はこのパスキー登録を認識していません。チャレンジの期限切れか、使用済みです。",
      hint: "登録をやり直し、数分以内に完了してください。",
    },
    WebAuthnRelyingPartyMismatchException: {
      message: "パスキーはプールとは別のリライングパーティ用に作成されています。",
      hint: "プールのリライングパーティ ID を確認してから、パスキーを登録し直してください。",
    },
    WebAuthnOriginNotAllowedException: {
      message: "Cognito はパスキーのオリジンを拒否しました。プールのリライングパーティ ID の範囲外です。",
      hint: "プールのリライングパーティ ID をプールのドメイン（またはカスタムドメイン）に設定してください。",
    },
    WebAuthnClientMismatchException: {
      message: "このパスキー登録は別のアプリクライアントで開始されました。",
      hint: "このプロファイルのアプリクライアントでサインインし、登録し直してください。",
    },
    WebAuthnCredentialNotSupportedException: {
      message: "Cognito はこのパスキーを受け付けません（アルゴリズム、アテステーション、またはユーザー検証）。",
      hint: "ユーザー検証が必須の場合は、本人を確認できる認証器（PIN または指紋）を使ってください。",
    },
    WebAuthnConfigurationMissingException: {
      message: "ユーザープールにパスキーの設定がありません。リライングパーティ ID も、その元になるドメインもありません。",
      hint: "ユーザープール画面でリライングパーティ ID を設定するか、プールにドメインを設定してください。",
    },
    FeatureUnavailableInTierException: {
      message: "ユーザープールの機能プランに含まれない機能が必要です。",
      hint: "パスキーには Essentials 以上のプランが必要です。Cognito コンソールでプールの機能プランを変更してください。",
    },
    RefreshFailed: {
      message: "トークンを更新できませんでした。",
      hint: "ネットワーク接続を確認してもう一度お試しいただくか、サインインし直してください。",
    },
    JwksUnavailable: {
      message: "ユーザープールの署名鍵を取得できませんでした。",
      hint: "ネットワーク、またはエンドポイントの上書き設定を確認してください。",
    },
    ClipboardUnavailable: {
      message: "クリップボードを使用できません。",
      hint: "他のプログラムが使用中の可能性があります。もう一度お試しください。",
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
    NoTestSecret: {
      message: "テスト用認証アプリにこのユーザーのシークレットはありません。",
      hint: "「{@mfa.rememberTest}」をオンにして認証アプリを設定し直してください（CLI: mfa enroll --test-authenticator）。",
    },
    TestCodeUsed: {
      message: "テスト用認証アプリはこの 30 秒間のコードをすでに使いました。Cognito は同じコードを一度しか受け付けません。",
      hint: "次のコードまで（最大 30 秒）待ってから、もう一度試してください。",
    },
    NoEnrollment: {
      message: "進行中の認証アプリの設定はありません。",
      hint: "「{@mfa.setup}」をもう一度押してください。",
    },
    NoIdentityPool: {
      message: "このプロファイルには ID プールがありません。",
      hint: "「{@nav.profiles}」画面で ID プール ID を追加してください。",
    },
    AccessDenied: {
      message: "ID プールのロールにはこの操作の権限がありません。",
      hint: "ID プールの認証済みロールに必要な権限を付与してください。",
    },
    CredentialsExpired: {
      message: "一時的な AWS 認証情報の有効期限が切れています。",
      hint: "「{@credentials.get}」を押して、新しい認証情報を取得してください。",
    },
    // マネージドログイン。メッセージが空のものは、ポート番号・URL・サーバーの応答を含む
    // バックエンドの文をそのまま表示します。
    RedirectPortInUse: {
      message: "",
      hint: "そのポートを使っているプログラムを終了するか、プロファイルのリダイレクト URI で別のポートを選び、その URL をそのままアプリクライアントのコールバック URL に登録してください。",
    },
    RedirectMismatch: {
      message: "",
      hint: "プロファイルのリダイレクト URI を（ホスト・ポート・パスまで同じまま）アプリクライアントの許可されたコールバック URL に追加してください。",
    },
    ManagedLoginTimeout: {
      message: "ブラウザーから時間内に戻ってきませんでした。",
      hint: "ブラウザーでのサインインを早めに済ませるか、やり直してください。ブラウザーにエラーページが表示された場合は、リダイレクト URI がアプリクライアントに登録されていない可能性があります。",
    },
    ManagedLoginCancelled: {
      message: "マネージドログインをキャンセルしました。",
      hint: "準備ができたら、もう一度開始してください。",
    },
    ManagedLoginDenied: {
      message: "ブラウザーでサインインが拒否されたか、キャンセルされました。",
      hint: "マネージドログインをもう一度開始してサインインを完了するか、パスワードでサインインしてください。",
    },
    ManagedLoginScopeRefused: {
      message: "アプリクライアントが、要求したスコープを許可していません。",
      hint: "アプリクライアントのマネージドログイン設定でプロファイルのスコープを許可するか、プロファイルからそのスコープを削除してください。",
    },
    ManagedLoginClientRefused: {
      message: "このアプリクライアントではマネージドログインを使えません。",
      hint: "クライアントシークレットのないアプリクライアントを使い、マネージドログインの設定で認可コードグラントを有効にしてください。",
    },
    ManagedLoginRefused: {
      message: "",
      hint: "プロファイルのドメインとアプリクライアントのマネージドログイン設定を確認してから、もう一度開始してください。",
    },
    ManagedLoginInvalidGrant: {
      message: "トークンエンドポイントが認可コードを受け付けませんでした。",
      hint: "コードが使用済みか期限切れ（有効期間は 5 分）、または PKCE の検証値やリダイレクト URI が一致しませんでした。マネージドログインをもう一度開始してください。",
    },
    ManagedLoginTokenError: {
      message: "",
      hint: "アプリクライアントのマネージドログイン設定（許可する OAuth フローとスコープ）と、プロファイルのドメインを確認してください。",
    },
    ManagedLoginUnavailable: {
      message: "",
      hint: "サービス側で問題が起きています。しばらくしてからもう一度お試しください。",
    },
    ManagedLoginUnreachable: {
      message: "",
      hint: "ネットワーク接続と、プロファイルのマネージドログインのドメイン（コンソールの「アプリケーションの統合」→「ドメイン」）を確認してください。",
    },
    ManagedLoginNotConfigured: {
      message: "このプロファイルにはマネージドログインのドメインとリダイレクト URI が設定されていません。",
      hint: "プロファイルを編集して、ユーザープールのドメイン（「アプリケーションの統合」→「ドメイン」）と、アプリクライアントに登録したループバックのリダイレクト URI（例: http://127.0.0.1:53682/callback）を入力してください。",
    },
    StateMismatch: {
      message: "Cognito Desk が開始したサインインと state が一致しないリダイレクトを受け取りました。無視してそのコードは破棄し、サインインを続けています。",
      hint: "古いブラウザーのタブか、別のアカウントのコードを紛れ込ませようとするページの可能性があります。Cognito Desk が開いたブラウザーのタブでサインインを完了してください。",
    },
    IdTokenRejected: {
      message: "",
      hint: "プロファイルのユーザープール ID、リージョン、アプリクライアントがマネージドログインのドメインと合っているか確認してください。セッションは開始していません。",
    },
    NoIdToken: {
      message: "トークンエンドポイントが ID トークンを返しませんでした。",
      hint: "プロファイルのスコープに openid を追加し、アプリクライアントでも許可してください。",
    },
    MissingAdminScope: {
      message: "このアクセストークンには aws.cognito.signin.user.admin スコープがないため、この操作はできません。",
      hint: "プロファイルのマネージドログインのスコープに aws.cognito.signin.user.admin を追加してアプリクライアントでも許可し、もう一度サインインしてください（パスワードでのサインインには常に含まれます）。",
    },
    LoopbackUnavailable: {
      message: "",
      hint: "プロファイルのリダイレクト URI で別のポートを選び、その URL をそのままアプリクライアントに登録してください。",
    },
    NoManagedLogin: {
      message: "ブラウザーからの応答を待っているマネージドログインはありません。",
      hint: "マネージドログインをもう一度開始してください。",
    },
    UserDisabled: {
      message: "このユーザーはユーザープールで無効になっています。",
      hint: "管理者がユーザーを有効にする必要があります（「{@nav.users}」画面の「{@users.enable}」、または admin-enable-user）。",
    },
    PasswordAttemptsExceeded: {
      message: "このユーザーのサインイン失敗が多すぎます。",
      hint: "数分待ってからもう一度お試しいただくか、パスワードをリセットしてください。",
    },
    OperationRefused: {
      message: "",
      hint: "もう一度サインインしてください。失敗が続く場合は、アプリクライアントの設定を確認してください。",
    },
    EnableSoftwareTokenMFAException: {
      message: "コードが正しくありません。",
      hint: "コードを表示している端末の時刻を確認し、次のコードを待ってからもう一度お試しください。",
    },
    ExpiredCodeException: {
      message: "コードの有効期限が切れているか、すでに使用されています。",
      hint: "SMS やメールで届くコードは新しいコードを要求して届いたらすぐに入力し、認証アプリのコードは次のコードを待って入力してください。",
    },
    InvalidParameterException: {
      message: "",
      hint: "プロファイルとフォームの値を確認してください。メッセージに Cognito が拒否した値が示されています。",
    },
    SoftwareTokenMFANotFoundException: {
      message: "このユーザーには認証アプリが設定されていません。",
      hint: "先に「{@nav.mfa}」画面で認証アプリを設定してください。",
    },
    LimitExceededException: {
      message: "このユーザーについて Cognito の上限に達しました（試行またはリクエストが多すぎます）。",
      hint: "しばらく（コードの場合は最大 1 時間）待ってから、もう一度お試しください。",
    },
    TooManyFailedAttemptsException: {
      message: "失敗した試行が多すぎます。",
      hint: "数分待ってからもう一度お試しください。",
    },
    InternalErrorException: {
      message: "",
      hint: "しばらくしてからもう一度お試しください。続く場合は AWS Health Dashboard（またはエミュレーターのログ）を確認してください。",
    },
    AccessDeniedException: {
      message: "",
      hint: "認証情報に権限が不足しています（メッセージに操作名が示されています）。IAM ポリシーまたは ID プールのロールに追加してください。",
    },
    InvalidAccessKeyId: {
      message: "このアクセスキーは AWS に登録されていません。",
      hint: "新しい認証情報を取得してください。管理画面の場合は、指定した AWS プロファイルのキーを確認してください。",
    },
    SignatureDoesNotMatch: {
      message: "AWS がリクエストの署名を検証できませんでした（シークレットキーがアクセスキーと対応していません）。",
      hint: "新しい認証情報を取得してください。シークレットアクセスキーが欠けずにコピーされているか確認してください。",
    },
    ExpiredToken: {
      message: "一時的な AWS 認証情報の有効期限が切れています。",
      hint: "「{@nav.credentials}」画面で新しい認証情報を取得して、もう一度お試しください。",
    },
    InvalidClientTokenId: {
      message: "リクエストのセキュリティトークンが無効です。",
      hint: "新しい認証情報を取得してください。管理画面の場合は、AWS プロファイルに再度サインインしてください（aws sso login）。",
    },
    UnexpectedResponse: {
      message: "",
      hint: "プロファイルのリージョンとエンドポイントの上書き設定を確認してください。",
    },
    NoAuthenticatorApp: {
      message: "このコンピューターにはセットアップリンク（otpauth://）を開くプログラムがありません。",
      hint: "スマートフォンの認証アプリで QR コードを読み取るか、キーをコピーして入力してください。",
    },
    MalformedToken: {
      message: "Cognito から JWT として読み取れないトークンが送られてきました。",
      hint: "エンドポイントの上書き設定が Cognito または Cognito のエミュレーターを指しているか確認してください。",
    },
    MissingCredentials: {
      message: "",
      hint: "メッセージに示された項目を入力してください。",
    },
    ProfilesUnreadable: {
      message: "",
      hint: "ファイルのアクセス権を確認してください（メッセージにファイル名が示されています）。",
    },
    ProfilesNotBroken: {
      message: "プロファイルのファイルは読み込めます。退避するものはありません。",
      hint: "「{@nav.profiles}」画面を再読み込みしてください。",
    },
    ProfilesWriteFailed: {
      message: "",
      hint: "設定フォルダーに書き込めるか（メッセージにファイル名が示されています）、ディスクに空きがあるかを確認してください。",
    },
    Internal: {
      message: "Cognito Desk の内部で問題が発生しました。",
      hint: "もう一度お試しください。再び起きる場合は、そこまでの手順を添えて報告してください。",
    },
  },
};
