# Cookie policy — Japanese (source language).

# What changed in this version (shown in the version list).
release-summary = 「使用するCookieの一覧」に、ウェブサイトの閲覧数を集計する分析Cookie（hz_stats）を追加しました。これに合わせて、「Cookieの種類」と「Cookieの管理」に分析Cookieについての説明を加えました。

cookies-title = Cookieポリシー
cookies-preamble = 本Cookieポリシーは、{ -company }（以下「当社」といいます。）が、電子データ収集（EDC）および電子同意（eConsent）のサービスならびに当社ウェブサイトにおいて、Cookieおよびこれに類する技術をどのように使用するかを説明するものです。

cookies-about-title = Cookieの概要
cookies-about = Cookieとは、ウェブサイトを閲覧したときに、お使いのブラウザに保存される小さなテキストファイルです。ウェブサイトは、Cookieによって再度アクセスしたブラウザを識別し、ログインの状態や設定を引き継ぐことができます。

cookies-types-title = Cookieの種類
cookies-types-intro = 当社は、次の3種類のCookieを使用します。広告を目的とするCookieは使用しません。
cookies-necessary-lead = 必須Cookie
cookies-necessary = ログインの状態を保ち、偽造されたリクエストによる操作を防ぐなど、サービスの提供に欠かせないCookieです。
cookies-functional-lead = 機能Cookie
cookies-functional = 選択された表示言語など、利用者の設定を記憶するCookieです。
cookies-analytics-lead = 分析Cookie
cookies-analytics = 当社ウェブサイトの閲覧数を、個人を識別しない形で集計するためのCookieです。eConsentの画面では使用しません。

cookies-list-title = 使用するCookieの一覧
cookies-list-intro = 当社が使用するCookieは、次のとおりです。いずれも当社が設定するものであり、第三者のCookieは使用しません。各Cookieの種類は、[](#types)で説明しています。
cookies-table-caption = Cookieの名称、目的および保存期間
cookies-col-name = 名称
cookies-col-purpose = 目的
cookies-col-duration = 保存期間
cookies-session-purpose = ログインの状態を保つ（必須）
cookies-csrf-purpose = 偽造されたリクエストによる操作を防ぐ（必須）
cookies-lang-purpose = 選択された表示言語を記憶する（機能）
cookies-stats-purpose = ウェブサイトの閲覧数を集計する（分析）
cookies-duration-session = ブラウザを閉じるまで
cookies-duration-year = 1年間
cookies-duration-13-months = 13か月間

cookies-managing-title = Cookieの管理
cookies-managing = Cookieは、ブラウザの設定によって削除し、または受け入れないようにすることができます。分析Cookieは、当社ウェブサイトの[Cookie設定ページ](https://hoshizora.example/cookie-settings)で無効にすることもできます。ただし、[](#cookie-list)に「必須」と記載したCookieを無効にすると、サービスにログインできなくなります。

cookies-updates-title = 変更とお問い合わせ
cookies-updates = 当社は、使用するCookieを変更したときは、本Cookieポリシーを更新し、このページでお知らせします。本Cookieポリシーに関するご質問は、[privacy@hoshizora.example](mailto:privacy@hoshizora.example)までお寄せください。
