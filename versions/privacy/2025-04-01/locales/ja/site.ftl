# Page wording (Japanese) and names shared by every document.

-company = 株式会社ホシゾラ・クリニカル

language-name = 日本語
site-title = { -company } ポリシー
date = { $year }年{ $month }月{ $day }日
section-number = 第{ $n }条
clause-number = { $n }
subclause-number = （{ $n }）
cross-reference = { $number }（{ $title }）
effective-label = 施行日
contents = 目次
documents = ポリシー一覧
language-switch = 表示言語
choose-language = 言語を選択してください
skip-to-content = 本文へスキップ
lead-separator = { "：" }

## Versions
versions-heading = 改定履歴
all-versions = すべての版と変更内容
status-current = 現行版
status-upcoming = 施行予定
status-draft = 草案
in-force-period = { $from }から{ $until }まで施行
archived-banner = これは本ポリシーの過去の版です。現在は効力を有しません。
view-current = 現行版を読む
upcoming-notice = 本ポリシーの新しい版が{ $date }に施行されます。
read-upcoming = 新しい版を読む
upcoming-banner = この版は{ $date }に施行されます。それまでは現行版が適用されます。
draft-banner = 草案：この文章は公開前のもので、効力を有しません。
digest-label = 内容のダイジェスト
feed-label = 新しい版の通知（Atomフィード）
not-found-title = ページが見つかりません
not-found-text = お探しのページは存在しません。ポリシーの一覧はこちらです。
