//! The project's own sentence and headline templates, and the topics that
//! fill their slots. Slots: `{P1}` `{P2}` people, `{S1}` `{S2}` their
//! surnames, `{C1}` `{C2}` places, `{O1}` an organisation, `{N1}`–`{N3}`
//! numbers, `{M}` a sum of money, `{D}` a weekday, and the topic's `{EVENT}`,
//! `{THINGS}`, `{ACT}` and `{SITE}`.

/// What an article is about: the words its templates are filled with.
pub struct Topic {
    pub event: &'static str,
    pub things: &'static str,
    pub act: &'static str,
    pub site: &'static str,
}

pub const TOPICS: &[Topic] = &[
    Topic {
        event: "flood",
        things: "homes",
        act: "evacuated",
        site: "river bank",
    },
    Topic {
        event: "strike",
        things: "train services",
        act: "cancelled",
        site: "central station",
    },
    Topic {
        event: "factory closure",
        things: "jobs",
        act: "cut",
        site: "assembly plant",
    },
    Topic {
        event: "election",
        things: "votes",
        act: "counted",
        site: "town hall",
    },
    Topic {
        event: "warehouse fire",
        things: "buildings",
        act: "damaged",
        site: "industrial estate",
    },
    Topic {
        event: "cup final",
        things: "tickets",
        act: "sold",
        site: "stadium",
    },
    Topic {
        event: "hospital expansion",
        things: "beds",
        act: "added",
        site: "north wing",
    },
    Topic {
        event: "bridge collapse",
        things: "vehicles",
        act: "diverted",
        site: "ring road",
    },
    Topic {
        event: "harvest festival",
        things: "visitors",
        act: "welcomed",
        site: "market square",
    },
    Topic {
        event: "court case",
        things: "documents",
        act: "seized",
        site: "district court",
    },
    Topic {
        event: "power cut",
        things: "households",
        act: "left without electricity",
        site: "substation",
    },
    Topic {
        event: "school reform",
        things: "pupils",
        act: "moved",
        site: "education office",
    },
];

pub const HEADLINES: &[&str] = &[
    "{EVENT} in {C1}: {N1} {THINGS} {ACT}",
    "{O1} responds to {EVENT} in {C1}",
    "{P1} warns of lasting effects after {C1} {EVENT}",
    "{N1} {THINGS} {ACT} as {EVENT} hits {C1}",
    "{C1} counts the cost of the {EVENT}",
    "Questions for {O1} after {EVENT} near {C2}",
    "{EVENT}: {P2} says {C1} was not prepared",
    "What the {EVENT} means for {C1} and {C2}",
];

pub const SENTENCES: &[&str] = &[
    "Officials in {C1} said on {D} that {N1} {THINGS} had been {ACT} after the {EVENT}.",
    "{P1}, who leads the {O1}, told reporters that the response had been faster than last year.",
    "\"We were ready for this, but the scale surprised everyone,\" {S1} said outside the {SITE}.",
    "The {EVENT} began early on {D} near the {SITE} and spread within hours.",
    "According to the {O1}, about {N2} people were affected in {C1} and the nearby town of {C2}.",
    "{P2}, a resident of {C2}, said the {SITE} had been closed since the morning.",
    "The cost of the damage was estimated at {M}, a figure that could still rise.",
    "Emergency teams from {C2} arrived before noon to support local crews.",
    "{S2} said the authorities should have acted on warnings issued {N3} days earlier.",
    "The {O1} has promised a full review of what happened at the {SITE}.",
    "By the evening, {N3} {THINGS} remained {ACT} and several roads were still closed.",
    "{P1} said the priority now was to help families in {C1} return to normal life.",
    "Local businesses near the {SITE} reported losses of up to {M} over the week.",
    "Opposition members called for an independent inquiry into the {EVENT}.",
    "The regional government said it would release {M} in emergency funding by {D}.",
    "Residents gathered at the {SITE} to hear an update from {S1} and other officials.",
    "It was the worst {EVENT} in {C1} since records began {N2} years ago.",
    "{S2} urged people in {C2} to follow official advice and avoid the {SITE}.",
    "Volunteers handed out food and blankets to those whose {THINGS} were {ACT}.",
    "Insurance companies said claims linked to the {EVENT} had already passed {N1}.",
    "The {O1} said staff had worked through the night to keep services running.",
    "Schools in {C1} will stay closed until at least {D}, the council announced.",
    "Experts said the {EVENT} showed how exposed small towns like {C2} remain.",
    "{P2} said the community in {C2} had come together in a remarkable way.",
    "A spokesperson for the {O1} declined to comment on the cause of the {EVENT}.",
    "Figures released on {D} showed that {N2} {THINGS} had been {ACT} in total.",
    "{S1} is expected to meet ministers next week to discuss the {EVENT}.",
    "Traffic around the {SITE} was diverted for most of the day.",
    "The mayor of {C1} thanked emergency workers for their efforts during the {EVENT}.",
    "Some residents said they had received no warning before the {EVENT} began.",
    "The {O1} will publish a report on the {EVENT} within {N3} weeks.",
    "Police said {N3} people had been questioned in connection with the {EVENT}.",
    "Rail links between {C1} and {C2} were expected to reopen by {D}.",
    "{S2} said lessons had to be learned before the next {EVENT} arrived.",
    "Photographs shared online showed crowds outside the {SITE} on {D} evening.",
    "A fund set up for victims of the {EVENT} had raised {M} by the weekend.",
];

/// The paragraph added to "added paragraph" copies.
pub const EXTRA_PARAGRAPH: &str = "Update: {P2} later told the {O1} that {N3} more {THINGS} in {C2} would be checked before {D}, and that a public meeting would be held at the {SITE}.";

pub const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Everyday words used to substitute or insert when editing a copy.
pub const EDIT_WORDS: &[&str] = &[
    "also", "later", "however", "nearly", "local", "new", "several", "many", "still", "again",
    "report", "people", "week", "area", "public", "recent", "major", "small", "early", "further",
];
