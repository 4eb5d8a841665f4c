# Page wording (English) and names shared by every document.

-company = Hoshizora Clinical Inc.

language-name = English
site-title = { -company } Policies
date = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $day }, { $year }
section-number = { $n }.
clause-number = ({ $n })
subclause-number = ({ $alpha })
cross-reference = section { $n } ({ $title })
clause-reference = section { $section }({ $clause })
subclause-reference = section { $section }({ $clause })({ $subclause-alpha })
document-part = { $part } of the { $document }
history-reference = the version history of the { $document }
effective-label = Effective date
contents = Contents
documents = Policies
language-switch = Language
choose-language = Choose a language
skip-to-content = Skip to content
lead-separator = { ": " }

## Versions
versions-heading = Version history
all-versions = All versions and what changed
status-current = current
status-upcoming = upcoming
status-draft = draft
in-force-period = It was in force from { $from } until { $until }.
archived-banner = This is an earlier version of this policy. It is no longer in force.
view-current = Read the current version
upcoming-notice = A new version of this policy takes effect on { $date }.
read-upcoming = Read the new version
upcoming-banner = This version takes effect on { $date }. Until then, the current version applies.
draft-banner = Draft: this text has not been released and is not in force.
digest-label = Content digest
feed-label = Get notified of new versions (Atom feed)
not-found-title = Page not found
not-found-text = This page does not exist. The policies are listed here.

## Comparisons
diff-title = Changes from { $from } to { $to }
diff-summary = Summary of changes
diff-added = Added
diff-removed = Removed
diff-changed = Changed
diff-moved = Moved
diff-renumbered = Renumbered
diff-unchanged = Sections without changes: { $count }
diff-no-changes = The two versions have the same wording.
diff-previous = See what changed from the previous version
diff-with-current = Compare with the current version
diff-changes-link = Compare the version effective { $date } with the one before
diff-read-changes = See what changes
diff-preamble = Introduction
diff-legend = Deleted words are struck through; added words are underlined.
diff-del-start = deletion starts
diff-del-end = deletion ends
diff-ins-start = insertion starts
diff-ins-end = insertion ends
fallback-notice = Parts of this draft are not yet translated and are shown in { $language } (outlined with a dotted line).

## The record
time-zone-note = Effective dates are calendar days in the { $zone } time zone.
record-heading = Postponed and withdrawn versions
record-postponed = The version announced for { $from } was postponed to { $to } on { $on }. Reason: { $reason }
record-withdrawn = The version announced for { $version } was withdrawn on { $on }, before it took effect. Reason: { $reason }
backdated-note = Released on { $on } with an effective date in the past. Reason: { $reason }
translation-added = Translation added on { $on }: { $language }
draft-link = Read the working draft
self-link = Link to { $part }

## Reading and printing
effective-on = Effective date: { $date }
status-note = { " " }({ $status })
sentence-separator = { " " }
list-separator = { " · " }
summary-heading = What changed in this version
summary-of = What changed in the version effective { $date }
print-footer = { $title } · Effective { $date } · Version { $version }
pdf-link = PDF of the version effective { $date } (for printing and filing)
pdf-page = Page { $page } of { $total }
pdf-version = Version { $version }
pdf-subject = { $title }, effective { $date }
key-terms = Key terms
table-scroll-hint = Scroll sideways to see the whole table.
title-separator = { " | " }
