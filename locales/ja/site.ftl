# Page wording (Japanese) and names shared by every document.

-company = 株式会社ホシゾラ・クリニカル

language-name = 日本語
site-title = { -company } ポリシー
date = { $year }年{ $month }月{ $day }日
section-number = 第{ $n }条
clause-number = { $n }
subclause-number = （{ $n }）
cross-reference = { $number }（{ $title }）
clause-reference = 第{ $section }条第{ $clause }項
subclause-reference = 第{ $section }条第{ $clause }項第{ $subclause }号
document-part = { $document }{ $part }
history-reference = { $document }の改定履歴
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
in-force-period = { $from }から{ $until }まで施行されていました。
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

## Comparisons
diff-title = { $from }版から{ $to }版への変更
diff-summary = 変更の概要
diff-added = 追加
diff-removed = 削除
diff-changed = 変更
diff-moved = 移動
diff-renumbered = 番号変更
diff-unchanged = 変更のない条項：{ $count }
diff-no-changes = 2つの版の文言は同じです。
diff-previous = 前の版からの変更を見る
diff-with-current = 現行版と比較する
diff-changes-link = { $date }施行版と前の版の比較
diff-read-changes = 変更点を見る
diff-preamble = 前文
diff-legend = 削除された文言は取り消し線で、追加された文言は下線で示します。
diff-del-start = 削除ここから
diff-del-end = 削除ここまで
diff-ins-start = 追加ここから
diff-ins-end = 追加ここまで
fallback-notice = この草案の一部はまだ翻訳されていないため、{ $language }で表示しています（点線で囲んだ箇所）。

## 記録
time-zone-note = 施行日は、{ $zone }のタイムゾーンにおける暦日です。
record-heading = 延期・撤回された版
record-postponed = { $from }に施行予定だった版は、{ $on }に{ $to }へ延期されました。理由：{ $reason }
record-withdrawn = { $version }に施行予定だった版は、施行前の{ $on }に撤回されました。理由：{ $reason }
backdated-note = { $on }に、過去の日付を施行日として登録された版です。理由：{ $reason }
translation-added = { $on }に翻訳を追加：{ $language }
draft-link = 作業中の草案を読む
self-link = { $part }へのリンク

## Reading and printing
effective-on = 施行日：{ $date }
status-note = （{ $status }）
sentence-separator = { "" }
list-separator = { "｜" }
summary-heading = この版の変更点
summary-of = { $date }施行版の変更点
print-footer = { $title }｜施行日：{ $date }｜版：{ $version }
pdf-link = { $date }施行版のPDF（印刷・保存用）
pdf-page = { $page }／{ $total }ページ
pdf-version = 版：{ $version }
pdf-subject = { $title }（{ $date }施行）
key-terms = 主な用語
table-scroll-hint = 表は横にスクロールできます。
title-separator = { "｜" }
