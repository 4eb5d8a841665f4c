# Cookie policy — Korean.

# What changed in this version (shown in the version list).
release-summary = “사용하는 쿠키 목록”에 웹사이트 방문 수를 집계하는 분석 쿠키(hz_stats)를 추가하였습니다. 이에 맞추어 “쿠키의 종류”와 “쿠키 관리”에 분석 쿠키에 관한 설명을 추가하였습니다.

cookies-title = 쿠키 정책
cookies-preamble = 이 쿠키 정책은 { -company }(이하 “회사”)가 전자자료수집(EDC) 및 전자동의(eConsent) 서비스와 회사 웹사이트에서 쿠키 및 이와 유사한 기술을 어떻게 사용하는지 설명합니다.

cookies-about-title = 쿠키 개요
cookies-about = 쿠키란 웹사이트를 방문할 때 이용자의 브라우저에 저장되는 작은 텍스트 파일입니다. 웹사이트는 쿠키를 통하여 다시 방문한 브라우저를 식별하고 로그인 상태나 설정을 유지할 수 있습니다.

cookies-types-title = 쿠키의 종류
cookies-types-intro = 회사는 다음 세 종류의 쿠키를 사용합니다. 광고를 목적으로 하는 쿠키는 사용하지 않습니다.
cookies-necessary-lead = 필수 쿠키
cookies-necessary = 로그인 상태를 유지하고 위조된 요청에 의한 조작을 막는 등 서비스 제공에 꼭 필요한 쿠키입니다.
cookies-functional-lead = 기능 쿠키
cookies-functional = 선택한 표시 언어 등 이용자의 설정을 기억하는 쿠키입니다.
cookies-analytics-lead = 분석 쿠키
cookies-analytics = 회사 웹사이트의 방문 수를 개인을 식별하지 않는 형태로 집계하기 위한 쿠키입니다. eConsent 화면에서는 사용하지 않습니다.

cookies-list-title = 사용하는 쿠키 목록
cookies-list-intro = 회사가 사용하는 쿠키는 다음과 같습니다. 모두 회사가 설정하는 쿠키이며, 제3자 쿠키는 사용하지 않습니다. 각 쿠키의 종류는 [](#types)에서 설명합니다.
cookies-table-caption = 쿠키의 이름, 목적 및 보존기간
cookies-col-name = 이름
cookies-col-purpose = 목적
cookies-col-duration = 보존기간
cookies-session-purpose = 로그인 상태 유지(필수)
cookies-csrf-purpose = 위조된 요청에 의한 조작 방지(필수)
cookies-lang-purpose = 선택한 표시 언어 기억(기능)
cookies-stats-purpose = 웹사이트 방문 수 집계(분석)
cookies-duration-session = 브라우저를 닫을 때까지
cookies-duration-year = 1년
cookies-duration-13-months = 13개월

cookies-managing-title = 쿠키 관리
cookies-managing = 브라우저 설정을 통하여 쿠키를 삭제하거나 받지 않도록 할 수 있습니다. 분석 쿠키는 회사 웹사이트의 [쿠키 설정 페이지](https://hoshizora.example/cookie-settings)에서 끌 수도 있습니다. 다만, [](#cookie-list)에서 “필수”로 표시한 쿠키를 차단하면 서비스에 로그인할 수 없습니다.

cookies-updates-title = 변경 및 문의
cookies-updates = 회사는 사용하는 쿠키를 변경하면 이 쿠키 정책을 갱신하고 이 페이지에서 알려 드립니다. 이 쿠키 정책에 관한 질문은 [privacy@hoshizora.example](mailto:privacy@hoshizora.example)로 보내 주시기 바랍니다.
