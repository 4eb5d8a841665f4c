# Page wording (Korean) and names shared by every document.

-company = 주식회사 호시조라 클리니컬

language-name = 한국어
site-title = { -company } 정책
date = { $year }년 { $month }월 { $day }일
section-number = 제{ $n }조
clause-number = { $circled }
subclause-number = { $n }.
cross-reference = { $number }({ $title })
effective-label = 시행일
contents = 목차
documents = 정책 목록
language-switch = 표시 언어
choose-language = 언어를 선택해 주십시오
skip-to-content = 본문으로 건너뛰기
lead-separator = { ": " }
