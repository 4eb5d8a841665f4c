//! Shapes a real policy needs beyond the basic blocks: lead-ins in the
//! list of a table cell, a list as a contact value, and a document
//! numbered in its own style next to one numbered in the language's.

use crate::pdf::{pdf_text, squeezed};
use crate::support::*;

#[test]
fn cell_lists_take_lead_ins_and_contact_values_take_lists() {
    let site = Site::example("shapes");
    site.edit(
        "content/privacy.yaml",
        "{ list: [transfer-items-b-account, transfer-items-b-audit",
        "{ list: [{ lead: transfer-items, text: transfer-items-b-account }, transfer-items-b-audit",
    );
    site.edit(
        "content/privacy.yaml",
        "value: contact-hours",
        "value: { list: [contact-hours, { lead: contact-address-label, text: contact-address }] }",
    );
    let run = site.charta(&["check", "--strict", "--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = site.release("privacy", "2027-06-01");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = site.build_with("public", &["--date", DATE]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let page = site.page("ja/privacy/2027-06-01/index.html");
    assert!(
        page.contains("<td><ul><li><strong class=\"lead\">移転する個人情報の項目</strong>：アカウント情報</li><li>監査証跡</li>"),
        "{page}"
    );
    assert!(
        page.contains("<dd><ul><li>平日10時から17時まで（日本時間。年末年始を除きます。）</li><li><strong class=\"lead\">所在地</strong>：〒100-0000 東京都中央区星空町1-2-3 ホシゾラビル</li></ul></dd>"),
        "{page}"
    );
    // The PDF sets the same words.
    let pdf = squeezed(&pdf_text(&site.path("public/ja/privacy/2027-06-01.pdf")));
    for words in [
        "移転する個人情報の項目：アカウント情報",
        "所在地：〒100-0000東京都中央区星空町1-2-3ホシゾラビル",
    ] {
        assert!(pdf.contains(words), "{words} not in {pdf}");
    }
    // A comparison shows the lead-in as part of the cell's words.
    let diff = text_of(&site.page("ja/privacy/diff/2027-01-01...2027-06-01/index.html"));
    assert!(diff.contains("移転する個人情報の項目："), "{diff}");
}

#[test]
fn a_document_numbers_itself_in_its_own_style() {
    let site = Site::example("numbering");
    site.append("content/cookies.yaml", "numbering: plain");
    // Japanese has the style; Korean does not and keeps its own.
    site.append(
        "locales/ja/site.ftl",
        "section-number-plain = { $n }.\ncross-reference-plain = { $number } { $title }",
    );
    let run = site.build_with("public", &["--date", DATE, "--drafts", "--no-pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cookies = site.page("ja/cookies/draft/index.html");
    let privacy = site.page("ja/privacy/draft/index.html");
    assert!(cookies.contains(">1.</a>"), "{cookies}");
    assert!(!cookies.contains(">第1条</a>"), "{cookies}");
    assert!(privacy.contains(">第1条</a>"), "{privacy}");
    // Cross-references inside the document follow its style.
    assert!(cookies.contains(">2. Cookieの種類</a>"), "{cookies}");
    assert!(
        site.page("ko/cookies/draft/index.html")
            .contains(">제1조</a>")
    );
}
