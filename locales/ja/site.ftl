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
