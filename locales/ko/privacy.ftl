# Privacy policy — Korean.

# What changed in this version (shown in the version list).
release-summary = “방침의 변경” 조에서 이전 버전을 확인하는 방법에 관한 문장의 표현을 다듬었습니다. 내용에는 변경이 없습니다.

privacy-title = 개인정보 처리방침
privacy-preamble = { -company }(이하 “회사”)는 의료기관과 임상시험 의뢰자에게 임상시험용 전자자료수집(EDC) 시스템과 전자동의(eConsent) 시스템을 제공하고 있습니다. 회사는 임상시험과 관련된 정보가 임상시험 대상자의 건강과 생활에 깊이 관련되어 있음을 인식하고, 개인정보 보호에 관한 법령을 준수하여 개인정보를 적절하게 처리합니다. 이 개인정보 처리방침(이하 “이 방침”)은 회사가 처리하는 개인정보의 종류, 처리 목적, 관리 방법 및 정보주체의 권리를 정한 것입니다.

## Definitions

definitions-title = 정의
definitions-intro = 이 방침에서 사용하는 용어의 뜻은 다음과 같습니다.
definitions-personal-information = 이 방침에서 **“개인정보”**란 살아 있는 개인에 관한 정보로서 성명, 생년월일 등을 통하여 특정 개인을 알아볼 수 있는 정보(다른 정보와 쉽게 결합하여 특정 개인을 알아볼 수 있는 정보를 포함합니다)와 개인식별부호가 포함된 정보를 말합니다.
definitions-sensitive = **“민감정보”**란 병력, 진료 및 조제에 관한 정보, 건강검진 결과 등 정보주체에 대한 부당한 차별이나 편견이 생기지 않도록 특별히 주의하여 처리해야 하는 개인정보를 말합니다. 임상시험 자료에는 민감정보가 포함될 수 있습니다.
definitions-service = **“서비스”**란 회사가 인터넷을 통하여 제공하는 EDC 시스템 및 eConsent 시스템 “Hoshizora Trial Cloud”와 이에 딸린 지원 업무를 말합니다.
definitions-customers = **“고객”**이란 회사와 서비스 이용계약을 체결한 의료기관, 임상시험 의뢰자 및 임상시험수탁기관(CRO)을 말하고, **“임상시험 대상자”**란 고객이 실시하는 임상시험에 참여하거나 참여를 검토하고 있는 사람을 말합니다.

# Key terms: each is linked to its definition wherever the text uses it.
term-personal-information = 개인정보
term-sensitive = 민감정보
term-service = 서비스
term-customer = 고객

## Information we collect

collection-title = 수집하는 개인정보
collection-intro = 회사는 다음 표의 개인정보를 적법하고 공정한 방법으로 수집합니다. 임상시험 대상자의 개인정보는 고객인 의료기관의 위탁에 따라 서비스를 통하여 수집합니다.
collection-table-caption = 처리 목적별 수집하는 개인정보 항목
collection-col-purpose = 처리 목적
collection-col-items = 수집 항목
collection-row-accounts = 서비스 계정의 발급 및 관리
collection-row-accounts-items = 고객 담당자의 성명, 소속 기관, 부서, 직위, 이메일 주소, 전화번호, 로그인 ID, 인증 정보
collection-row-econsent = 전자동의의 취득 및 기록
collection-row-econsent-items = 임상시험 대상자의 성명, 생년월일, 연락처, 본인 확인 결과, 동의 또는 철회 일시, 전자서명
collection-row-trial-data = 임상시험 자료의 수집 및 관리
collection-row-trial-data-items = 임상시험 대상자 식별코드, 증례기록서에 기록되는 정보(검사 수치, 병력, 이상사례 등 건강에 관한 정보 포함)
collection-row-security = 부정 접속 방지 및 감사 추적 기록 보존
collection-row-security-items = IP 주소, 단말기 및 브라우저 정보, 접속 일시, 조작 기록
collection-row-inquiries = 문의 대응
collection-row-inquiries-items = 성명, 소속, 연락처, 문의 내용
collection-sensitive = 회사는 민감정보를 정보주체의 사전 동의를 받은 경우나 법령에 근거가 있는 경우에만 수집합니다. 수집한 개인정보의 보유기간은 [](#retention)에서 정합니다.
collection-cookies = 회사는 서비스와 회사 웹사이트에서 쿠키 및 이와 유사한 기술을 사용합니다. 자세한 내용은 별도로 정한 쿠키 정책을 참고하시기 바랍니다.

## Purposes of use

purposes-title = 처리 목적
purposes-intro = 회사는 수집한 개인정보를 다음 목적을 달성하는 데 필요한 범위에서 처리합니다.
purposes-customers = 고객과 그 담당자의 개인정보는 다음 목적으로 처리합니다.
purposes-customers-service = 서비스 제공, 계정 발급, 본인 인증 및 사용자 지원
purposes-customers-contract = 계약의 체결과 이행, 요금 청구 및 결제 확인
purposes-customers-notices = 서비스의 업데이트, 점검 및 보안에 관한 공지 발송
purposes-customers-improvement = 개인을 알아볼 수 없도록 가공한 통계 정보의 작성과 이를 활용한 서비스 개선
purposes-participants = 임상시험 대상자의 개인정보는 고객으로부터 위탁받은 업무, 즉 설명문 제시, 동의 기록, 본인 확인 및 임상시험 자료 관리를 위해서만 고객의 지시 범위 안에서 처리합니다.
purposes-security = 서비스에 접속하는 모든 사람의 기록은 부정 접속을 탐지하고 방지하기 위하여, 그리고 의약품 임상시험 관리기준(GCP) 등 규제가 요구하는 기록을 보존하기 위하여 처리합니다.
purposes-limits = 회사는 법령에서 허용하는 경우를 제외하고는 정보주체의 동의 없이 이 목적의 범위를 넘어 개인정보를 처리하지 않습니다. 처리 목적을 변경하는 경우에는 [](#changes)에서 정한 방법으로 알려 드립니다.

## Retention

retention-title = 보유기간
retention-intro = 회사는 개인정보를 처리 목적별로 다음 기간 동안 보유하며, 그 기간이 지나면 지체 없이 파기합니다.
retention-table-caption = 처리 목적별 보유기간
retention-col-purpose = 처리 목적
retention-col-period = 보유기간
retention-row-accounts = 서비스 계정의 발급 및 관리
retention-row-accounts-period = 계정 삭제 후 1년
retention-row-trial-data = 전자동의 기록 및 임상시험 자료의 관리
retention-row-trial-data-period = 고객과의 계약에서 정한 기간(원칙적으로 GCP가 요구하는 보존기간이 끝날 때까지). 그 후에는 고객의 지시에 따라 반환하거나 파기합니다.
retention-row-logs = 부정 접속 방지 및 감사 추적 기록 보존
retention-row-logs-period = 기록한 날부터 3년. 다만, 임상시험 자료에 관한 감사 추적 기록은 해당 임상시험 자료와 같은 기간
retention-row-inquiries = 문의 대응
retention-row-inquiries-period = 대응 완료 후 3년
retention-row-billing = 계약 체결 및 요금 청구
retention-row-billing-period = 계약이 끝난 사업연도의 말일부터 7년
retention-disposal-intro = 보유기간이 지난 개인정보는 다음 순서로 파기합니다.
retention-step-production = 운영 환경의 데이터베이스에서 **30일 이내**에 삭제합니다.
retention-step-backups = 백업에서는 세대 관리에 따른 덮어쓰기를 통하여 그 후 35일 이내에 삭제합니다.
retention-step-media = 종이 문서는 분쇄하고, 기록매체는 복구할 수 없는 방법으로 삭제하거나 물리적으로 파괴합니다.
retention-step-record = 파기 일시와 방법을 기록하고, 고객이 요청하면 파기 확인서를 발급합니다.

## Provision to third parties

third-parties-title = 제3자 제공
third-parties-consent = 회사는 다음 중 어느 하나에 해당하는 경우를 제외하고는 정보주체의 사전 동의 없이 개인정보를 제3자에게 제공하지 않습니다.
third-parties-exception-law = 법령에 근거가 있는 경우
third-parties-exception-life = 사람의 생명, 신체 또는 재산을 보호하기 위하여 필요한 경우로서 정보주체의 동의를 받기 어려운 경우
third-parties-exception-health = 공중위생의 향상이나 아동의 건전한 성장을 위하여 특히 필요한 경우로서 정보주체의 동의를 받기 어려운 경우
third-parties-exception-authorities = 국가기관, 지방자치단체 또는 그 위탁을 받은 자가 법령에서 정한 사무를 수행하는 데 협력할 필요가 있는 경우로서 정보주체의 동의를 받으면 그 사무 수행에 지장을 줄 우려가 있는 경우
third-parties-not-third-party = 처리 목적을 달성하는 데 필요한 범위에서 개인정보 처리를 위탁하는 경우([](#outsourcing) 참조)와 합병 등으로 사업을 승계하면서 개인정보를 이전하는 경우는 제3자 제공에 해당하지 않습니다.
third-parties-sponsors = 의료기관이 입력한 임상시험 자료는 임상시험 계약과 의료기관의 지시에 따라 임상시험 의뢰자가 열람할 수 있도록 합니다. 이때 성명과 연락처는 포함하지 않으며, 임상시험 대상자 식별코드로 관리되는 상태로만 열람하게 합니다.

## Outsourcing

outsourcing-title = 처리위탁
outsourcing-intro = 회사는 처리 목적을 달성하는 데 필요한 범위에서 개인정보 처리 업무의 전부 또는 일부를 다음 업체에 위탁하고 있습니다.
outsourcing-table-caption = 수탁자와 위탁업무
outsourcing-col-purpose = 위탁 목적
outsourcing-col-trustee = 수탁자
outsourcing-col-task = 위탁업무의 내용
outsourcing-row-hosting = 서비스 운영
outsourcing-row-hosting-task = 일본 내 데이터센터의 서버 및 스토리지 제공과 운영
outsourcing-row-verification = 전자동의 시 본인 확인
outsourcing-row-verification-task = SMS를 통한 일회용 비밀번호 발송
outsourcing-row-support = 문의 대응
outsourcing-row-support-task = 헬프데스크용 티켓 관리 시스템 제공
outsourcing-row-backup = 재해 대비
outsourcing-row-backup-task = 암호화된 백업의 보관
outsourcing-row-billing = 요금 청구
outsourcing-row-billing-task = 청구서 발행 및 입금 관리
trustee-amakumo = 주식회사 아마쿠모 클라우드
trustee-tsumugi = 츠무기 통신 주식회사
trustee-kasane = 카사네 청구 서비스 주식회사
recipient-a = Aurelian Data Systems, Inc.
recipient-b = Pinecrest Analytics Pte. Ltd.
outsourcing-supervision = 회사는 회사의 안전관리 기준을 충족하는 수탁자를 선정하고, 개인정보 처리에 관한 계약을 체결한 후 정기적인 점검 등을 통하여 수탁자를 적절히 관리·감독합니다. 외국에 있는 수탁자에 관한 사항은 [](#overseas-transfer)에서 정합니다.

## International transfers

transfer-title = 국외 이전
transfer-intro = 회사는 다음 표와 같이 외국에 있는 업체에 개인정보 처리를 위탁하고 있으며, 그 범위에서 개인정보를 국외로 이전합니다. 회사는 각 업체와의 계약을 통하여 관련 법령이 요구하는 수준에 상응하는 보호 조치를 지속적으로 취하도록 하고 있습니다. 이전받는 국가의 개인정보 보호 제도는 [이전 대상 국가의 제도 안내](https://hoshizora.example/privacy/overseas-systems)에 게시하고 있습니다.
transfer-table-caption = 국외 이전받는 자별 이전 내용
transfer-items = 이전되는 개인정보 항목
transfer-items-a = 문의한 사람의 성명, 소속, 이메일 주소 및 문의 내용
transfer-items-b-account = 계정 정보
transfer-items-b-audit = 감사 추적 기록
transfer-items-b-trial = 암호화된 임상시험 자료
transfer-country = 이전되는 국가
transfer-country-a = 미국
transfer-country-b-sg = 싱가포르
transfer-country-b-au = 호주
transfer-when-how = 이전 일시 및 방법
transfer-when-how-a = 문의를 접수할 때 암호화된 통신으로 전송합니다.
transfer-when-how-b = 매일 1회 암호화한 백업을 전용 암호화 회선으로 전송합니다.
transfer-contact = 이전받는 자의 연락처
transfer-purpose = 이전받는 자의 이용 목적
transfer-purpose-a = 문의 대응 내역의 기록 및 관리
transfer-purpose-b = 재해 복구에 대비한 백업 보관
transfer-retention = 이전받는 자의 보유기간
transfer-retention-a = 대응 완료 후 3년
transfer-retention-b = 백업 생성 후 35일
transfer-refusal = 이전을 거부하는 방법
transfer-refusal-a = [](#contact)의 창구에 요청하시기 바랍니다. 이후의 문의에는 전화나 우편으로 대응합니다.
transfer-refusal-b = 백업에서 개인별로 제외할 수는 없습니다. 이전을 원하지 않으면 계정 삭제를 요청하시기 바랍니다.
transfer-refusal-note = 정보주체가 이전을 거부하면 회사는 그 사람의 개인정보 이전을 중단합니다. 다만, 그 결과 서비스의 일부 기능을 제공하지 못할 수 있습니다.

## Security measures

security-title = 안전성 확보 조치
security-intro = 회사는 개인정보의 유출, 분실 또는 훼손을 방지하기 위하여 다음과 같은 조치를 하고 있습니다.
security-organizational-lead = 관리적 조치
security-organizational = 개인정보 보호책임자를 지정하고 처리 규정을 마련하였으며, 그 운영 상황을 내부 감사를 통하여 정기적으로 점검합니다.
security-personnel-lead = 인적 조치
security-personnel = 모든 임직원으로부터 비밀유지 서약을 받고, 입사 시와 매년 개인정보 처리에 관한 교육을 실시합니다.
security-physical-lead = 물리적 조치
security-physical = 개인정보를 처리하는 구역의 출입을 통제하고, 단말기와 기록매체의 반출을 제한합니다.
security-technical-lead = 기술적 조치
security-technical = 통신과 저장 데이터를 암호화하고, 다중 인증과 역할에 따른 접근 통제를 적용하며, 취약점 대응과 접속 감시를 지속적으로 수행합니다.
security-incident-lead = 유출 등에 대한 대응
security-incident = 개인정보의 유출 등이 발생하였거나 발생하였을 우려가 있는 경우의 대응 절차를 마련하여 피해 확산을 막고, 관련 법령에 따라 감독기관에 대한 신고와 정보주체에 대한 통지를 신속하게 하는 체계를 갖추고 있습니다.
security-foreign-lead = 외부 환경의 파악
security-foreign = 개인정보를 보관하는 외국(미국, 싱가포르 및 호주)의 개인정보 보호 제도를 파악한 후 안전성 확보 조치를 하고 있습니다.
security-certification = 회사의 정보보호 관리체계는 **ISO/IEC 27001** 인증을 받았습니다. 자세한 내용은 [회사의 보안 활동](https://hoshizora.example/security)을 참고하시기 바랍니다.

## Your rights

rights-title = 정보주체의 권리
rights-intro = 정보주체 또는 그 대리인은 회사가 보유한 개인정보에 대하여 관련 법령에서 정하는 바에 따라 다음과 같은 요구를 할 수 있습니다.
rights-view-lead = 열람 요구
rights-view = 회사가 보유한 개인정보의 내용, 처리 목적 및 제3자 제공 기록의 열람을 요구할 수 있습니다.
rights-correct-lead = 정정 요구
rights-correct = 개인정보의 내용이 사실과 다른 경우 그 정정, 추가 또는 삭제를 요구할 수 있습니다.
rights-delete-lead = 삭제 요구
rights-delete = 개인정보가 더 이상 필요하지 않거나 법령을 위반하여 처리되고 있는 경우 그 삭제를 요구할 수 있습니다.
rights-stop-lead = 처리정지 요구
rights-stop = 개인정보가 목적 외로 처리되고 있거나 정보주체의 권리 또는 정당한 이익이 침해될 우려가 있는 경우 그 처리나 제3자 제공의 정지를 요구할 수 있습니다.
rights-how = 요구는 [요구 접수 양식](https://hoshizora.example/privacy/requests) 또는 [](#contact)의 창구에서 접수합니다. 회사는 답변하기 전에 정보주체 본인이거나 그 대리인인지 확인합니다.
rights-entrusted = 임상시험 대상자의 동의 기록 등 고객인 의료기관의 위탁에 따라 처리하는 개인정보는 그 의료기관이 처리 방법을 결정합니다. 회사는 이러한 개인정보에 관한 요구를 받으면 지체 없이 해당 의료기관에 전달하고, 의료기관의 대응에 협력합니다.
rights-response = 회사는 요구에 지체 없이 답변하며, 수수료를 받지 않습니다. 임상시험 관련 법령에 따라 보존이 의무화된 기록은 그 보존기간이 끝날 때까지 삭제할 수 없는 경우가 있습니다. 이 경우 보존 외의 목적으로는 처리를 정지하고 그 이유를 설명합니다.

## Contact

contact-title = 문의처
contact-intro = 개인정보 처리에 관한 질문, 불만 및 요구는 다음 창구에서 접수합니다.
contact-department-label = 담당 부서
contact-department = 개인정보보호추진실
contact-officer-label = 개인정보 보호책임자
contact-officer = 호시노 미사키(개인정보보호추진실장)
contact-email-label = 이메일
contact-phone-label = 전화번호
contact-address-label = 주소
contact-address = (우)100-0000 일본 도쿄도 주오구 호시조라초 1-2-3 호시조라 빌딩
contact-hours-label = 접수 시간
contact-hours = 평일 10시부터 17시까지(일본 시간, 연말연시 제외)
contact-authorities = 회사의 처리 결과에 만족하지 못하는 경우에는 거주하는 국가의 감독기관(일본의 개인정보보호위원회, 대한민국의 개인정보보호위원회 등)에 상담할 수도 있습니다.

## Changes to this policy

changes-title = 방침의 변경
changes-when = 회사는 법령 개정, 서비스 내용 변경 등 필요에 따라 이 방침을 변경할 수 있습니다.
changes-notice = 처리 목적의 변경이나 국외 이전받는 자의 추가 등 중요한 변경을 하는 경우에는 시행일 **30일 전까지** 이 사이트에 공개하고, 고객에게는 이메일로도 알려 드립니다.
changes-effective = 변경된 방침은 이 페이지 상단에 표시된 시행일부터 적용합니다. 이 페이지의 이전 버전 목록에서 변경 전의 각 버전과 버전별 변경 내용을 확인할 수 있으며, 모든 버전은 [](@privacy/versions)에 있습니다. 쿠키 사용은 [](@cookies)에서, 쿠키를 차단하는 방법은 [](@cookies#managing)에서 정합니다. 요구하는 방법은 [](#rights-how)에 따릅니다. 이 방침에 관한 질문은 [](#contact)의 창구로 보내 주시기 바랍니다.
