"""Nationality adjectives and demonyms, and the regions they belong to.

Used to read affiliations ("Salvadoran President" -> El Salvador) and to match
descriptions ("the Central American president") to the people they describe.
"""
from __future__ import annotations

DEMONYMS = {
    "american": "United States", "u.s.": "United States", "us": "United States", "british": "United Kingdom",
    "english": "England", "scottish": "Scotland", "welsh": "Wales", "irish": "Ireland", "french": "France",
    "german": "Germany", "italian": "Italy", "spanish": "Spain", "portuguese": "Portugal", "dutch": "Netherlands",
    "belgian": "Belgium", "swiss": "Switzerland", "austrian": "Austria", "swedish": "Sweden", "norwegian": "Norway",
    "danish": "Denmark", "finnish": "Finland", "polish": "Poland", "czech": "Czech Republic", "hungarian": "Hungary",
    "greek": "Greece", "turkish": "Turkey", "russian": "Russia", "ukrainian": "Ukraine", "belarusian": "Belarus",
    "romanian": "Romania", "bulgarian": "Bulgaria", "serbian": "Serbia", "croatian": "Croatia",
    "canadian": "Canada", "mexican": "Mexico", "salvadoran": "El Salvador", "salvadorean": "El Salvador",
    "guatemalan": "Guatemala", "honduran": "Honduras", "nicaraguan": "Nicaragua", "costa rican": "Costa Rica",
    "panamanian": "Panama", "cuban": "Cuba", "haitian": "Haiti", "dominican": "Dominican Republic",
    "venezuelan": "Venezuela", "colombian": "Colombia", "brazilian": "Brazil", "argentine": "Argentina",
    "argentinian": "Argentina", "chilean": "Chile", "peruvian": "Peru", "bolivian": "Bolivia", "ecuadorian": "Ecuador",
    "uruguayan": "Uruguay", "paraguayan": "Paraguay", "chinese": "China", "japanese": "Japan", "korean": "Korea",
    "south korean": "South Korea", "north korean": "North Korea", "taiwanese": "Taiwan", "indian": "India",
    "pakistani": "Pakistan", "afghan": "Afghanistan", "iranian": "Iran", "iraqi": "Iraq", "syrian": "Syria",
    "israeli": "Israel", "palestinian": "Palestine", "lebanese": "Lebanon", "jordanian": "Jordan",
    "saudi": "Saudi Arabia", "egyptian": "Egypt", "libyan": "Libya", "tunisian": "Tunisia", "moroccan": "Morocco",
    "algerian": "Algeria", "nigerian": "Nigeria", "kenyan": "Kenya", "ethiopian": "Ethiopia",
    "south african": "South Africa", "australian": "Australia", "indonesian": "Indonesia", "filipino": "Philippines",
    "vietnamese": "Vietnam", "thai": "Thailand", "malaysian": "Malaysia", "singaporean": "Singapore",
    "european": "Europe", "qatari": "Qatar", "emirati": "United Arab Emirates", "yemeni": "Yemen",
    "sudanese": "Sudan", "somali": "Somalia", "ghanaian": "Ghana", "zimbabwean": "Zimbabwe", "new zealand": "New Zealand",
}

REGIONS = {
    "central american": {"El Salvador", "Guatemala", "Honduras", "Nicaragua", "Costa Rica", "Panama", "Belize"},
    "latin american": {"Mexico", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Costa Rica", "Panama", "Cuba",
                       "Venezuela", "Colombia", "Brazil", "Argentina", "Chile", "Peru", "Bolivia", "Ecuador",
                       "Uruguay", "Paraguay", "Dominican Republic", "Haiti"},
    "south american": {"Venezuela", "Colombia", "Brazil", "Argentina", "Chile", "Peru", "Bolivia", "Ecuador", "Uruguay", "Paraguay"},
    "european": {"United Kingdom", "France", "Germany", "Italy", "Spain", "Portugal", "Netherlands", "Belgium",
                 "Switzerland", "Austria", "Sweden", "Norway", "Denmark", "Finland", "Poland", "Greece", "Ireland",
                 "Czech Republic", "Hungary", "Romania", "Bulgaria", "Croatia", "Serbia", "Europe"},
    "asian": {"China", "Japan", "Korea", "South Korea", "North Korea", "Taiwan", "India", "Pakistan", "Indonesia",
              "Philippines", "Vietnam", "Thailand", "Malaysia", "Singapore"},
    "middle eastern": {"Iran", "Iraq", "Syria", "Israel", "Palestine", "Lebanon", "Jordan", "Saudi Arabia", "Egypt",
                       "Qatar", "United Arab Emirates", "Yemen", "Turkey"},
    "african": {"Nigeria", "Kenya", "Ethiopia", "South Africa", "Egypt", "Libya", "Tunisia", "Morocco", "Algeria",
                "Sudan", "Somalia", "Ghana", "Zimbabwe"},
}

# Political parties, read as affiliations ("the Republican", "Sen. X (D-Ohio)").
PARTIES = {"republican": "Republican Party", "democrat": "Democratic Party", "democratic": "Democratic Party",
           "gop": "Republican Party", "labour": "Labour Party", "conservative": "Conservative Party", "tory": "Conservative Party"}
