# Cookie policy — English.

# What changed in this version (shown in the version list).
release-summary = Added the analytics cookie hz_stats, which counts visits to the website, to "Cookies we use", and added descriptions of analytics cookies to "Types of cookies" and "Managing cookies" to match.

cookies-title = Cookie Policy
cookies-preamble = This Cookie Policy explains how { -company } ("we") uses cookies and similar technologies in its electronic data capture (EDC) and eConsent service and on its website.

cookies-about-title = About cookies
cookies-about = A cookie is a small text file that a website stores in your browser when you visit it. With cookies, a website can recognize your browser when you come back, and keep you signed in or remember your settings.

cookies-types-title = Types of cookies
cookies-types-intro = We use the following three types of cookies. We do not use cookies for advertising.
cookies-necessary-lead = Strictly necessary cookies
cookies-necessary = Cookies without which the Service cannot work, for example to keep you signed in and to block forged requests.
cookies-functional-lead = Functional cookies
cookies-functional = Cookies that remember your settings, such as the language you chose.
cookies-analytics-lead = Analytics cookies
cookies-analytics = Cookies that count visits to our website without identifying anyone. They are not used on eConsent screens.

cookies-list-title = Cookies we use
cookies-list-intro = We use the cookies listed below. All of them are set by us; we do not use third-party cookies. Their types are explained in [](#types).
cookies-table-caption = Cookie names, purposes and durations
cookies-col-name = Name
cookies-col-purpose = Purpose
cookies-col-duration = Duration
cookies-session-purpose = Keeping you signed in (strictly necessary)
cookies-csrf-purpose = Blocking forged requests (strictly necessary)
cookies-lang-purpose = Remembering the language you chose (functional)
cookies-stats-purpose = Counting visits to the website (analytics)
cookies-duration-session = Until you close the browser
cookies-duration-year = One year
cookies-duration-13-months = 13 months

cookies-managing-title = Managing cookies
cookies-managing = You can delete or refuse cookies through your browser settings. You can also turn off analytics cookies on our [cookie settings page](https://hoshizora.example/cookie-settings). If you block the cookies marked "strictly necessary" in [](#cookie-list), however, you will not be able to sign in to the Service.

cookies-updates-title = Changes and contact
cookies-updates = When we change the cookies we use, we update this Cookie Policy and announce it on this page. Please send questions about this Cookie Policy to [privacy@hoshizora.example](mailto:privacy@hoshizora.example).
