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
effective-label = Effective date
contents = Contents
documents = Policies
language-switch = Language
choose-language = Choose a language
skip-to-content = Skip to content
lead-separator = { ": " }
