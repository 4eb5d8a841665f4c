# Page wording (Korean) and names shared by every document.

-company = 주식회사 호시조라 클리니컬

language-name = 한국어
site-title = { -company } 정책
date = { $year }년 { $month }월 { $day }일
section-number = 제{ $n }조
clause-number = { $circled }
subclause-number = { $n }.
cross-reference = { $number }({ $title })
clause-reference = 제{ $section }조 제{ $clause }항
subclause-reference = 제{ $section }조 제{ $clause }항 제{ $subclause }호
document-part = { $document } { $part }
history-reference = { $document } 개정 이력
effective-label = 시행일
contents = 목차
documents = 정책 목록
language-switch = 표시 언어
choose-language = 언어를 선택해 주십시오
skip-to-content = 본문으로 건너뛰기
lead-separator = { ": " }

## Versions
versions-heading = 개정 이력
all-versions = 모든 버전과 변경 내용
status-current = 현행
status-upcoming = 시행 예정
status-draft = 초안
in-force-period = { $from }부터 { $until }까지 시행되었습니다.
archived-banner = 이 문서는 이 방침의 이전 버전으로, 현재는 효력이 없습니다.
view-current = 현행 버전 보기
upcoming-notice = 이 방침의 새 버전이 { $date }부터 시행됩니다.
read-upcoming = 새 버전 보기
upcoming-banner = 이 버전은 { $date }부터 시행됩니다. 그때까지는 현행 버전이 적용됩니다.
draft-banner = 초안: 아직 공개되지 않은 문서로, 효력이 없습니다.
digest-label = 내용 다이제스트
feed-label = 새 버전 알림(Atom 피드)
not-found-title = 페이지를 찾을 수 없습니다
not-found-text = 요청하신 페이지가 없습니다. 방침 목록은 여기에서 볼 수 있습니다.

## Comparisons
diff-title = { $from } 버전에서 { $to } 버전으로의 변경
diff-summary = 변경 요약
diff-added = 추가
diff-removed = 삭제
diff-changed = 변경
diff-moved = 이동
diff-renumbered = 번호 변경
diff-unchanged = 변경 없는 조항: { $count }
diff-no-changes = 두 버전의 문구는 같습니다.
diff-previous = 이전 버전과 달라진 점 보기
diff-with-current = 현행 버전과 비교하기
diff-changes-link = { $date } 시행 버전과 이전 버전 비교
diff-read-changes = 변경 사항 보기
diff-preamble = 서문
diff-legend = 삭제된 문구는 취소선으로, 추가된 문구는 밑줄로 표시합니다.
diff-del-start = 삭제 시작
diff-del-end = 삭제 끝
diff-ins-start = 추가 시작
diff-ins-end = 추가 끝
fallback-notice = 이 초안의 일부는 아직 번역되지 않아 { $language }(으)로 표시합니다(점선으로 표시한 부분).

## 기록
time-zone-note = 시행일은 { $zone } 시간대의 날짜를 기준으로 합니다.
record-heading = 연기·철회된 버전
record-postponed = { $from }에 시행될 예정이던 버전은 { $on }에 { $to }(으)로 연기되었습니다. 사유: { $reason }
record-withdrawn = { $version }에 시행될 예정이던 버전은 시행 전인 { $on }에 철회되었습니다. 사유: { $reason }
backdated-note = { $on }에 지난 날짜를 시행일로 하여 등록된 버전입니다. 사유: { $reason }
translation-added = { $on }에 번역 추가: { $language }
draft-link = 작업 중인 초안 보기
self-link = { $part } 바로 가기 링크

## 읽기와 인쇄
effective-on = 시행일: { $date }
status-note = { " " }({ $status })
sentence-separator = { " " }
list-separator = { " · " }
summary-heading = 이 버전의 변경 사항
summary-of = { $date } 시행 버전의 변경 사항
print-footer = { $title } · 시행일: { $date } · 버전: { $version }
pdf-link = { $date } 시행 버전 PDF(인쇄·보관용)
pdf-page = { $page }/{ $total }쪽
pdf-version = 버전: { $version }
pdf-subject = { $title }({ $date } 시행)
key-terms = 주요 용어
table-scroll-hint = 표는 옆으로 밀어서 끝까지 볼 수 있습니다.
title-separator = { " | " }
