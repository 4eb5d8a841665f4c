# Privacy policy — English.

# What changed in this version (shown in the version list).
release-summary = Reworded the sentence in "Changes to this Policy" on how to view earlier versions, without changing its meaning.

privacy-title = Privacy Policy
privacy-preamble = { -company } ("we") provides medical institutions and trial sponsors with an electronic data capture (EDC) system and an electronic consent (eConsent) system for clinical trials. Information about a clinical trial is closely tied to the health and daily life of the people who take part in it. We keep this in mind and handle personal information properly, in compliance with the laws on the protection of personal information. This Privacy Policy ("this Policy") sets out what personal information we handle, why we use it, how we look after it, and what rights you have.

## Definitions

definitions-title = Definitions
definitions-intro = In this Policy, the following words have the meanings given below.
definitions-personal-information = In this Policy, **"personal information"** means information about a living individual that identifies that individual by name, date of birth or other description (including information that can readily be combined with other information to identify the individual), and information that contains an individual identification code.
definitions-sensitive = **"Sensitive personal information"** means personal information that requires special care so that it does not give rise to unfair discrimination or prejudice against the person, such as medical history, information about medical treatment or dispensing, and the results of health checks. Trial data may contain sensitive personal information.
definitions-service = **"The Service"** means the EDC and eConsent system "Hoshizora Trial Cloud" that we provide over the internet, together with the support that goes with it.
definitions-customers = **"Customer"** means a medical institution, trial sponsor or contract research organization (CRO) that has concluded an agreement with us to use the Service, and **"participant"** means a person who takes part in, or is considering taking part in, a clinical trial conducted by a customer.

# Key terms: each is linked to its definition wherever the text uses it.
term-personal-information = personal information
term-sensitive = sensitive personal information
term-service = Service
term-customer = Customer

## Information we collect

collection-title = Information we collect
collection-intro = We collect the personal information listed in the table below by lawful and fair means. We collect personal information about participants through the Service on behalf of the medical institution that is our customer.
collection-table-caption = Personal information collected, by purpose
collection-col-purpose = Purpose
collection-col-items = Information collected
collection-row-accounts = Issuing and managing accounts for the Service
collection-row-accounts-items = Name, institution, department, job title, e-mail address, phone number, login ID and authentication data of customer staff
collection-row-econsent = Obtaining and recording electronic consent
collection-row-econsent-items = Participant's name, date of birth, contact details, result of identity verification, date and time of consent or withdrawal, electronic signature
collection-row-trial-data = Collecting and managing trial data
collection-row-trial-data-items = Participant identification code and the information recorded in case report forms (including laboratory values, medical history, adverse events and other health information)
collection-row-security = Preventing unauthorized access and keeping audit trails
collection-row-security-items = IP address, device and browser information, time of access, records of operations
collection-row-inquiries = Responding to inquiries
collection-row-inquiries-items = Name, organization, contact details, content of the inquiry
collection-sensitive = We collect sensitive personal information only with the prior consent of the person concerned or where the law provides for it. How long we keep the information we collect is set out in [](#retention).
collection-cookies = We use cookies and similar technologies in the Service and on our website. They are described in detail in our separate Cookie Policy.

## Purposes of use

purposes-title = Purposes of use
purposes-intro = We use the personal information we collect only as far as needed to achieve the following purposes.
purposes-customers = We use personal information about customers and their staff:
purposes-customers-service = to provide the Service, issue accounts, authenticate users and give support;
purposes-customers-contract = to conclude and perform contracts, send invoices and confirm payments;
purposes-customers-notices = to send notices about updates, maintenance and security of the Service; and
purposes-customers-improvement = to produce statistics that cannot identify any individual, and use them to improve the Service.
purposes-participants = We handle personal information about participants only to carry out the work a customer has entrusted to us, namely presenting information sheets, recording consent, verifying identity and managing trial data, and only within the customer's instructions.
purposes-security = We use the records of everyone who accesses the Service to detect and prevent unauthorized access, and to keep the records required by Good Clinical Practice (GCP) and other regulations.
purposes-limits = Except where the law allows it, we do not use personal information beyond these purposes without the consent of the person concerned. If we change a purpose, we will announce it as described in [](#changes).

## Retention

retention-title = Retention
retention-intro = We keep personal information for the period shown below for each purpose, and delete it without delay once that period has passed.
retention-table-caption = Retention period by purpose
retention-col-purpose = Purpose
retention-col-period = Retention period
retention-row-accounts = Issuing and managing accounts for the Service
retention-row-accounts-period = One year after the account is deleted
retention-row-trial-data = Managing consent records and trial data
retention-row-trial-data-period = The period agreed in the contract with the customer (as a rule, until the retention period required by GCP ends). After that, we return or delete the data as the customer instructs.
retention-row-logs = Preventing unauthorized access and keeping audit trails
retention-row-logs-period = Three years from the date of recording; audit trails of trial data are kept for as long as the trial data itself
retention-row-inquiries = Responding to inquiries
retention-row-inquiries-period = Three years after the inquiry is closed
retention-row-billing = Concluding contracts and invoicing
retention-row-billing-period = Seven years from the end of the financial year in which the contract ended
retention-disposal-intro = When a retention period has passed, we dispose of the information in the following order.
retention-step-production = We delete it from the production database **within 30 days**.
retention-step-backups = It then disappears from backups within a further 35 days, as older backup generations are overwritten.
retention-step-media = We shred paper documents, and either erase storage media by a method that prevents recovery or destroy them physically.
retention-step-record = We record the date and method of disposal and, at a customer's request, issue a certificate of deletion.

## Provision to third parties

third-parties-title = Provision to third parties
third-parties-consent = We do not provide personal information to a third party without the prior consent of the person concerned, except in the following cases:
third-parties-exception-law = where the law requires it;
third-parties-exception-life = where it is necessary to protect a person's life, body or property and it is difficult to obtain the person's consent;
third-parties-exception-health = where it is especially necessary for improving public health or promoting the healthy development of children and it is difficult to obtain the person's consent;
third-parties-exception-authorities = where we need to cooperate with a national or local government body, or a party entrusted by one, in carrying out duties prescribed by law, and asking for the person's consent would be likely to hinder those duties.
third-parties-not-third-party = Entrusting the handling of personal information to others as far as needed for our purposes (see [](#outsourcing)), and providing personal information when a business is succeeded through a merger or otherwise, are not provision to a third party.
third-parties-sponsors = We let the trial sponsor view trial data entered by a medical institution, under the trial contract and the institution's instructions. Names and contact details are never included: the sponsor sees the data only as managed under participant identification codes.

## Outsourcing

outsourcing-title = Outsourcing
outsourcing-intro = As far as needed to achieve our purposes, we entrust all or part of the handling of personal information to the following companies.
outsourcing-table-caption = Trustees and the work entrusted to them
outsourcing-col-purpose = Purpose
outsourcing-col-trustee = Trustee
outsourcing-col-task = Work entrusted
outsourcing-row-hosting = Operating the Service
outsourcing-row-hosting-task = Providing and operating servers and storage in data centres in Japan
outsourcing-row-verification = Identity verification for eConsent
outsourcing-row-verification-task = Sending one-time passwords by SMS
outsourcing-row-support = Responding to inquiries
outsourcing-row-support-task = Providing the help-desk ticketing system
outsourcing-row-backup = Disaster preparedness
outsourcing-row-backup-task = Storing encrypted backups
outsourcing-row-billing = Invoicing
outsourcing-row-billing-task = Issuing invoices and managing payments
trustee-amakumo = Amakumo Cloud K.K.
trustee-tsumugi = Tsumugi Telecom Co., Ltd.
trustee-kasane = Kasane Billing Services Co., Ltd.
recipient-a = Aurelian Data Systems, Inc.
recipient-b = Pinecrest Analytics Pte. Ltd.
outsourcing-supervision = We choose trustees that meet our security standards, conclude a contract with each of them on the handling of personal information, and supervise them properly, including through regular audits. Trustees outside Japan are described in [](#overseas-transfer).

## International transfers

transfer-title = International transfers
transfer-intro = As the table below shows, we entrust the handling of some personal information to companies outside Japan, and to that extent we transfer personal information abroad. Through our contracts with them, we require each company to keep taking protective measures equivalent to those required by law. Information about the personal information protection systems of the destination countries is published on [our page about destination countries](https://hoshizora.example/privacy/overseas-systems).
transfer-table-caption = Transfers to recipients outside Japan
transfer-items = Items transferred
transfer-items-a = Name, organization, e-mail address and content of the inquiry of people who contact us
transfer-items-b-account = Account information
transfer-items-b-audit = Audit trails
transfer-items-b-trial = Encrypted trial data
transfer-country = Destination country
transfer-country-a = United States
transfer-country-b-sg = Singapore
transfer-country-b-au = Australia
transfer-when-how = Date and method of transfer
transfer-when-how-a = We send it over an encrypted connection when we receive an inquiry.
transfer-when-how-b = We send encrypted backups once a day over a dedicated encrypted line.
transfer-contact = Recipient contact
transfer-purpose = Recipient's purpose of use
transfer-purpose-a = Recording and managing how inquiries are handled
transfer-purpose-b = Keeping backups for recovery after a disaster
transfer-retention = Retention period at the recipient
transfer-retention-a = Three years after the inquiry is closed
transfer-retention-b = 35 days after the backup is made
transfer-refusal = How to refuse the transfer
transfer-refusal-a = Tell the desk in [](#contact). We will then answer your inquiries by phone or post.
transfer-refusal-b = Individual records cannot be excluded from backups. If you do not want the transfer, ask us to delete your account.
transfer-refusal-note = If you refuse a transfer, we stop transferring your personal information. As a result, however, we may be unable to provide some functions of the Service.

## Security measures

security-title = Security measures
security-intro = To prevent personal information from being leaked, lost or damaged, we take the following measures.
security-organizational-lead = Organizational measures
security-organizational = We have appointed a privacy officer and set rules for handling personal information, and we check regularly through internal audits how those rules are applied.
security-personnel-lead = Personnel measures
security-personnel = Every employee signs a confidentiality undertaking and is trained in handling personal information on joining and every year after that.
security-physical-lead = Physical measures
security-physical = We control entry to the areas where personal information is handled, and restrict taking devices and storage media out of them.
security-technical-lead = Technical measures
security-technical = We encrypt data in transit and at rest, use multi-factor authentication and role-based access control, and continuously fix vulnerabilities and monitor access.
security-incident-lead = Responding to incidents
security-incident = We have set procedures for cases where personal information is, or may have been, leaked or otherwise compromised, so that we can contain the damage and, as the law requires, promptly report to the supervisory authority and notify the people concerned.
security-foreign-lead = Understanding foreign environments
security-foreign = We take our measures after examining the personal information protection systems of the foreign countries where personal information is stored (the United States, Singapore and Australia).
security-certification = Our information security management system is certified to **ISO/IEC 27001**. For details, see [our approach to security](https://hoshizora.example/security).

## Your rights

rights-title = Your rights
rights-intro = You, or your agent, may make the following requests about the personal information we hold about you, as provided by law.
rights-view-lead = Request to view
rights-view = You may ask to see the personal information we hold, the purposes for which we use it, and the records of its provision to third parties.
rights-correct-lead = Request to correct
rights-correct = If the information is not true, you may ask us to correct it, add to it or delete part of it.
rights-delete-lead = Request to delete
rights-delete = If the information is no longer needed, or is being handled in breach of the law, you may ask us to delete it.
rights-stop-lead = Request to stop processing
rights-stop = If the information is used beyond its purposes, or your rights or legitimate interests are likely to be harmed, you may ask us to stop using it or providing it to third parties.
rights-how = You can make a request through our [request form](https://hoshizora.example/privacy/requests) or at the desk in [](#contact). Before we answer, we check that you are the person concerned or their agent.
rights-entrusted = Personal information that we handle on behalf of a medical institution that is our customer, such as participants' consent records, is handled as that institution decides. When we receive a request about such information, we pass it on to the institution without delay and help the institution respond.
rights-response = We answer requests without undue delay and charge no fee. Records that laws on clinical trials require to be kept may not be deletable before their retention period ends; in that case, we stop using them for any purpose other than keeping them, and explain why.

## Contact

contact-title = Contact
contact-intro = Please send questions, complaints and requests about how we handle personal information to:
contact-department-label = Department
contact-department = Privacy Office
contact-officer-label = Privacy officer
contact-officer = Misaki Hoshino (Head of the Privacy Office)
contact-email-label = E-mail
contact-phone-label = Phone
contact-address-label = Address
contact-address = Hoshizora Building, 1-2-3 Hoshizora-cho, Chuo-ku, Tokyo 100-0000, Japan
contact-hours-label = Hours
contact-hours = Weekdays, 10:00 to 17:00 Japan time (except over the New Year holidays)
contact-authorities = If you are not satisfied with our response, you may also consult the supervisory authority of your country, such as the Personal Information Protection Commission of Japan or the Personal Information Protection Commission of Korea.

## Changes to this policy

changes-title = Changes to this Policy
changes-when = We may change this Policy when laws are amended, when the Service changes, or when otherwise necessary.
changes-notice = Before making an important change, such as changing a purpose of use or adding a recipient outside Japan, we publish it on this site **at least 30 days** before the effective date and also notify customers by e-mail.
changes-effective = A revised Policy applies from the effective date shown at the top of this page. [The version history](@privacy/versions) lets you read each earlier version and see what changed from one version to the next. The [](@cookies) explains the similar technology on our website and [how to turn it off](@cookies#managing), and [](#rights-how) how to make a request. Please send questions about this Policy to the desk in [](#contact).
