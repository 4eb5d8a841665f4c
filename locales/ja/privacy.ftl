# Privacy policy — Japanese (source language).

# What changed in this version (shown in the version list).
release-summary = 「本ポリシーの変更」の条で、過去の版の確認方法についての一文の表現を改めました（内容に変更はありません）。

privacy-title = プライバシーポリシー
privacy-preamble = { -company }（以下「当社」といいます。）は、医療機関および治験依頼者の皆さまに、治験のための電子データ収集（EDC）システムと電子同意（eConsent）システムを提供しています。当社は、治験に関わる情報が被験者の方の健康や生活に深く関わるものであることを自覚し、個人情報の保護に関する法律その他の関係法令を遵守して、個人情報を適切に取り扱います。本プライバシーポリシー（以下「本ポリシー」といいます。）は、当社が取り扱う個人情報の種類、利用目的、管理の方法および皆さまの権利について定めるものです。

## Definitions

definitions-title = 定義
definitions-intro = 本ポリシーで使用する用語の意味は、次のとおりです。
definitions-personal-information = 本ポリシーにおいて**「個人情報」**とは、生存する個人に関する情報であって、氏名、生年月日その他の記述等により特定の個人を識別できるもの（他の情報と容易に照合でき、それにより特定の個人を識別できるものを含みます。）および個人識別符号が含まれるものをいいます。
definitions-sensitive = **「要配慮個人情報」**とは、病歴、診療や調剤の情報、健康診断等の結果その他、本人に対する不当な差別や偏見が生じないよう取扱いに特に配慮を要する個人情報をいいます。治験データには、要配慮個人情報が含まれることがあります。
definitions-service = **「本サービス」**とは、当社がインターネットを通じて提供するEDCシステムおよびeConsentシステム「Hoshizora Trial Cloud」ならびにこれらに付随するサポートをいいます。
definitions-customers = **「お客様」**とは、本サービスの利用契約を当社と締結した医療機関、治験依頼者および開発業務受託機関（CRO）をいい、**「被験者」**とは、お客様が実施する治験に参加し、または参加を検討している方をいいます。

# Key terms: each is linked to its definition wherever the text uses it.
term-personal-information = 個人情報
term-sensitive = 要配慮個人情報
term-service = 本サービス
term-customer = お客様

## Information we collect

collection-title = 取得する個人情報
collection-intro = 当社は、次の表に掲げる個人情報を、適法かつ公正な手段によって取得します。被験者の方の個人情報は、お客様である医療機関からの委託に基づき、本サービスを通じて取得します。
collection-table-caption = 利用目的ごとの取得する個人情報
collection-col-purpose = 利用目的
collection-col-items = 取得する個人情報
collection-row-accounts = 本サービスのアカウントの発行と管理
collection-row-accounts-items = お客様の担当者の氏名、所属機関、部署、役職、メールアドレス、電話番号、ログインID、認証情報
collection-row-econsent = 電子同意の取得と記録
collection-row-econsent-items = 被験者の氏名、生年月日、連絡先、本人確認の結果、同意または撤回の日時、電子署名
collection-row-trial-data = 治験データの収集と管理
collection-row-trial-data-items = 被験者識別コード、症例報告書に記録される情報（検査値、既往歴、有害事象その他の健康に関する情報を含みます。）
collection-row-security = 不正アクセスの防止と監査証跡の保存
collection-row-security-items = IPアドレス、端末およびブラウザの情報、アクセスの日時、操作の記録
collection-row-inquiries = お問い合わせへの対応
collection-row-inquiries-items = 氏名、所属、連絡先、お問い合わせの内容
collection-sensitive = 当社は、要配慮個人情報を、あらかじめ本人の同意を得た場合または法令に基づく場合に限り取得します。取得した個人情報の保存期間は、[](#retention)に定めます。
collection-cookies = 当社は、本サービスおよび当社ウェブサイトにおいて、Cookieおよびこれに類する技術を使用します。その詳細は、別に定めるCookieポリシーをご覧ください。

## Purposes of use

purposes-title = 利用目的
purposes-intro = 当社は、取得した個人情報を、次の目的の達成に必要な範囲で利用します。
purposes-customers = お客様およびその担当者の個人情報は、次の目的で利用します。
purposes-customers-service = 本サービスの提供、アカウントの発行、本人認証およびサポートのため
purposes-customers-contract = 契約の締結と履行、料金の請求およびお支払いの確認のため
purposes-customers-notices = 本サービスの更新、メンテナンスおよびセキュリティに関するお知らせを送るため
purposes-customers-improvement = 個人を識別できない形に加工した統計情報を作成し、本サービスの改善に役立てるため
purposes-participants = 被験者の個人情報は、お客様から委託を受けた業務、すなわち説明文書の提示、同意の記録、本人確認および治験データの管理を行うためにのみ、お客様の指示の範囲内で取り扱います。
purposes-security = 本サービスにアクセスするすべての方の記録は、不正アクセスの検知と防止のため、ならびに医薬品の臨床試験の実施の基準（GCP）その他の規制が求める記録を保存するために利用します。
purposes-limits = 当社は、法令により認められる場合を除き、本人の同意を得ずにこれらの目的の範囲を超えて個人情報を利用しません。利用目的を変更するときは、[](#changes)に定める方法によりお知らせします。

## Retention

retention-title = 保存期間
retention-intro = 当社は、個人情報を利用目的ごとに次の期間保存し、その期間が経過した後は遅滞なく消去します。
retention-table-caption = 利用目的ごとの保存期間
retention-col-purpose = 利用目的
retention-col-period = 保存期間
retention-row-accounts = 本サービスのアカウントの発行と管理
retention-row-accounts-period = アカウントの削除から1年間
retention-row-trial-data = 電子同意の記録および治験データの管理
retention-row-trial-data-period = お客様との契約で定める期間（原則として、GCPが求める保存期間の満了まで）。その後は、お客様の指示に従い返却または消去します。
retention-row-logs = 不正アクセスの防止と監査証跡の保存
retention-row-logs-period = 記録した日から3年間。ただし、治験データに関する監査証跡は、その治験データと同じ期間
retention-row-inquiries = お問い合わせへの対応
retention-row-inquiries-period = 対応の完了から3年間
retention-row-billing = 契約の締結と料金の請求
retention-row-billing-period = 契約が終了した事業年度の末日から7年間
retention-disposal-intro = 保存期間が経過した個人情報は、次の順序で消去します。
retention-step-production = 本番環境のデータベースから、**30日以内**に消去します。
retention-step-backups = バックアップからは、世代管理による上書きにより、その後35日以内に消去します。
retention-step-media = 紙の書類はシュレッダーで裁断し、記録媒体は復元できない方法で消去するか、物理的に破壊します。
retention-step-record = 消去の日時と方法を記録し、お客様から求めがあるときは消去証明書を発行します。

## Provision to third parties

third-parties-title = 第三者への提供
third-parties-consent = 当社は、次のいずれかに該当する場合を除き、あらかじめ本人の同意を得ないで、個人情報を第三者に提供しません。
third-parties-exception-law = 法令に基づく場合
third-parties-exception-life = 人の生命、身体または財産の保護のために必要がある場合であって、本人の同意を得ることが困難であるとき
third-parties-exception-health = 公衆衛生の向上または児童の健全な育成の推進のために特に必要がある場合であって、本人の同意を得ることが困難であるとき
third-parties-exception-authorities = 国の機関、地方公共団体またはその委託を受けた者が法令の定める事務を遂行することに協力する必要がある場合であって、本人の同意を得ることによりその事務の遂行に支障を及ぼすおそれがあるとき
third-parties-not-third-party = 利用目的の達成に必要な範囲で個人情報の取扱いを委託する場合（[](#outsourcing)を参照）および合併その他の事由による事業の承継に伴って個人情報を提供する場合は、第三者への提供にあたりません。
third-parties-sponsors = 医療機関が入力した治験データは、治験の契約と医療機関の指示に基づき、治験依頼者に閲覧させます。その際、氏名や連絡先は含めず、被験者識別コードによって管理された状態でのみ閲覧させます。

## Outsourcing

outsourcing-title = 業務の委託
outsourcing-intro = 当社は、利用目的の達成に必要な範囲で、個人情報の取扱いの全部または一部を次の事業者に委託しています。
outsourcing-table-caption = 委託先と委託する業務
outsourcing-col-purpose = 委託の目的
outsourcing-col-trustee = 委託先
outsourcing-col-task = 委託する業務の内容
outsourcing-row-hosting = 本サービスの運用
outsourcing-row-hosting-task = 国内のデータセンターにおけるサーバーとストレージの提供および運用
outsourcing-row-verification = 電子同意における本人確認
outsourcing-row-verification-task = SMSによるワンタイムパスワードの送信
outsourcing-row-support = お問い合わせへの対応
outsourcing-row-support-task = ヘルプデスク用チケット管理システムの提供
outsourcing-row-backup = 災害への備え
outsourcing-row-backup-task = 暗号化したバックアップの保管
outsourcing-row-billing = 料金の請求
outsourcing-row-billing-task = 請求書の発行と入金の管理
trustee-amakumo = 株式会社アマクモ・クラウド
trustee-tsumugi = ツムギ通信株式会社
trustee-kasane = カサネ請求サービス株式会社
recipient-a = Aurelian Data Systems, Inc.
recipient-b = Pinecrest Analytics Pte. Ltd.
outsourcing-supervision = 当社は、当社の安全管理の基準を満たす委託先を選定し、個人情報の取扱いに関する契約を締結したうえで、定期的な監査などにより委託先を適切に監督します。外国にある委託先については、[](#overseas-transfer)に定めます。

## International transfers

transfer-title = 外国にある第三者への提供
transfer-intro = 当社は、次の表のとおり、外国にある事業者に個人情報の取扱いを委託しており、その範囲で個人情報を外国に移転します。当社は、各事業者との契約により、法令が求める措置に相当する措置を継続して講じさせています。移転先の国における個人情報の保護に関する制度は、[移転先の国の制度についてのご案内](https://hoshizora.example/privacy/overseas-systems)に掲載しています。
transfer-table-caption = 外国にある移転先ごとの移転の内容
transfer-items = 移転する個人情報の項目
transfer-items-a = お問い合わせをされた方の氏名、所属、メールアドレスおよびお問い合わせの内容
transfer-items-b-account = アカウント情報
transfer-items-b-audit = 監査証跡
transfer-items-b-trial = 暗号化された治験データ
transfer-country = 移転先の国
transfer-country-a = アメリカ合衆国
transfer-country-b-sg = シンガポール
transfer-country-b-au = オーストラリア
transfer-when-how = 移転の時期と方法
transfer-when-how-a = お問い合わせを受け付けた時に、暗号化された通信によって送信します。
transfer-when-how-b = 毎日1回、暗号化したバックアップを専用の暗号化回線によって送信します。
transfer-contact = 移転先の連絡先
transfer-purpose = 移転先の利用目的
transfer-purpose-a = お問い合わせへの対応の記録と管理
transfer-purpose-b = 災害からの復旧に備えたバックアップの保管
transfer-retention = 移転先の保存期間
transfer-retention-a = 対応の完了から3年間
transfer-retention-b = バックアップの作成から35日間
transfer-refusal = 移転を拒否する方法
transfer-refusal-a = [](#contact)の窓口にお申し出ください。以後のお問い合わせには、電話または郵便で対応します。
transfer-refusal-b = バックアップから個人ごとに除外することはできません。移転を望まない場合は、アカウントの削除をお申し出ください。
transfer-refusal-note = 移転を拒否された場合、当社はその方の個人情報の移転を停止します。ただし、その結果として、本サービスの一部の機能を提供できなくなることがあります。

## Security measures

security-title = 安全管理措置
security-intro = 当社は、個人情報の漏えい、滅失または毀損を防止するため、次の措置を講じています。
security-organizational-lead = 組織的安全管理措置
security-organizational = 個人情報保護管理者を置き、取扱いの規程を定め、その運用状況を内部監査により定期的に点検しています。
security-personnel-lead = 人的安全管理措置
security-personnel = すべての従業者と秘密保持に関する誓約を交わし、入社時および毎年、個人情報の取扱いに関する研修を行っています。
security-physical-lead = 物理的安全管理措置
security-physical = 個人情報を取り扱う区域への入退室を管理し、端末と記録媒体の持ち出しを制限しています。
security-technical-lead = 技術的安全管理措置
security-technical = 通信と保存データを暗号化し、多要素認証と役割に応じたアクセス制御を導入するとともに、脆弱性への対応とアクセスの監視を継続して行っています。
security-incident-lead = 漏えい等への対応
security-incident = 個人情報の漏えい等が発生し、または発生したおそれがあるときの対応手順を定め、被害の拡大を防ぐとともに、法令に従って監督機関への報告と本人への通知を速やかに行う体制を整えています。
security-foreign-lead = 外的環境の把握
security-foreign = 個人情報を保存する外国（アメリカ合衆国、シンガポールおよびオーストラリア）の個人情報の保護に関する制度を把握したうえで、安全管理措置を講じています。
security-certification = 当社の情報セキュリティマネジメントシステムは、**ISO/IEC 27001**の認証を取得しています。詳しくは、[当社のセキュリティへの取組み](https://hoshizora.example/security)をご覧ください。

## Your rights

rights-title = 開示等の請求
rights-intro = 本人またはその代理人は、当社が保有する個人情報について、法令の定めるところにより、次の請求をすることができます。
rights-view-lead = 開示の請求
rights-view = 当社が保有する個人情報の内容、利用目的および第三者への提供の記録の開示を求めることができます。
rights-correct-lead = 訂正等の請求
rights-correct = 個人情報の内容が事実でないときは、その訂正、追加または削除を求めることができます。
rights-delete-lead = 削除の請求
rights-delete = 個人情報が不要になったとき、または法令に違反して取り扱われているときは、その消去を求めることができます。
rights-stop-lead = 利用停止等の請求
rights-stop = 個人情報が目的外で利用されているとき、または本人の権利もしくは正当な利益が害されるおそれがあるときは、その利用または第三者への提供の停止を求めることができます。
rights-how = 請求は、[請求受付フォーム](https://hoshizora.example/privacy/requests)または[](#contact)の窓口で受け付けます。当社は、回答の前に、本人またはその代理人であることを確認します。
rights-entrusted = 被験者の同意の記録など、お客様である医療機関からの委託に基づき取り扱う個人情報については、その医療機関が取扱いを決定します。当社は、このような個人情報について請求を受けたときは、速やかにその医療機関に伝え、医療機関による対応に協力します。
rights-response = 当社は、請求に遅滞なく回答し、手数料はいただきません。治験に関する法令により保存が義務づけられている記録は、その保存期間が満了するまで消去できないことがあります。その場合は、保存以外の目的での利用を停止し、その理由をご説明します。

## Contact

contact-title = お問い合わせ窓口
contact-intro = 個人情報の取扱いに関するご質問、苦情および請求は、次の窓口で受け付けます。
contact-department-label = 担当部署
contact-department = 個人情報保護推進室
contact-officer-label = 個人情報保護管理者
contact-officer = 星野 美咲（個人情報保護推進室長）
contact-email-label = メールアドレス
contact-phone-label = 電話番号
contact-address-label = 所在地
contact-address = 〒100-0000 東京都中央区星空町1-2-3 ホシゾラビル
contact-hours-label = 受付時間
contact-hours = 平日10時から17時まで（日本時間。年末年始を除きます。）
contact-authorities = 当社の対応にご納得いただけない場合は、お住まいの国の監督機関（日本の個人情報保護委員会、韓国の個人情報保護委員会など）に相談することもできます。

## Changes to this policy

changes-title = 本ポリシーの変更
changes-when = 当社は、法令の改正、本サービスの内容の変更その他の必要に応じて、本ポリシーを変更することがあります。
changes-notice = 利用目的の変更や外国にある移転先の追加など、重要な変更を行うときは、施行日の**30日前まで**に本サイトで公表し、お客様には電子メールでもお知らせします。
changes-effective = 変更後の本ポリシーは、このページの冒頭に示す施行日から適用します。[](@privacy/versions)では、変更前の各版と、版ごとの変更箇所をご確認いただけます。Cookieの使用については[](@cookies)に定めます。Cookieを無効にする方法は[](@cookies#managing)のとおりです。請求の方法は[](#rights-how)のとおりです。本ポリシーについてのご質問は、[](#contact)の窓口にお寄せください。
