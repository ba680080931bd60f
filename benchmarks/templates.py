"""Slot fillers and sentence templates for the synthetic benchmark corpus (see corpus.py).

Placeholders: {A} {B} country names, {Adem} {Bdem} demonyms, {Acap} {Bcap} capitals,
{Aoff} {Boff} an official of A / B (title + name), {Aoff2} a second official of A, {org} an
international organisation, {ngo} a non-governmental organisation, {src} a news source, {when}
a past time expression, {future} a future time expression, {n} {n2} numbers, {pct} a percentage,
{topic} a policy topic, {city} a city of A. All content is invented for benchmarking.
"""

from __future__ import annotations

# (name, demonym, capital, other city)
COUNTRIES: list[tuple[str, str, str, str]] = [
    ("France", "French", "Paris", "Marseille"),
    ("Germany", "German", "Berlin", "Hamburg"),
    ("Poland", "Polish", "Warsaw", "Krakow"),
    ("Italy", "Italian", "Rome", "Milan"),
    ("Spain", "Spanish", "Madrid", "Barcelona"),
    ("Turkey", "Turkish", "Ankara", "Istanbul"),
    ("Egypt", "Egyptian", "Cairo", "Alexandria"),
    ("Nigeria", "Nigerian", "Abuja", "Lagos"),
    ("Kenya", "Kenyan", "Nairobi", "Mombasa"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Mekelle"),
    ("South Africa", "South African", "Pretoria", "Durban"),
    ("Brazil", "Brazilian", "Brasilia", "Sao Paulo"),
    ("Argentina", "Argentine", "Buenos Aires", "Cordoba"),
    ("Colombia", "Colombian", "Bogota", "Medellin"),
    ("Mexico", "Mexican", "Mexico City", "Monterrey"),
    ("Canada", "Canadian", "Ottawa", "Toronto"),
    ("India", "Indian", "New Delhi", "Mumbai"),
    ("Pakistan", "Pakistani", "Islamabad", "Karachi"),
    ("Bangladesh", "Bangladeshi", "Dhaka", "Chittagong"),
    ("Indonesia", "Indonesian", "Jakarta", "Surabaya"),
    ("Vietnam", "Vietnamese", "Hanoi", "Ho Chi Minh City"),
    ("the Philippines", "Philippine", "Manila", "Cebu"),
    ("Japan", "Japanese", "Tokyo", "Osaka"),
    ("South Korea", "South Korean", "Seoul", "Busan"),
    ("Australia", "Australian", "Canberra", "Sydney"),
    ("Iran", "Iranian", "Tehran", "Isfahan"),
    ("Iraq", "Iraqi", "Baghdad", "Basra"),
    ("Jordan", "Jordanian", "Amman", "Irbid"),
    ("Saudi Arabia", "Saudi", "Riyadh", "Jeddah"),
    ("Qatar", "Qatari", "Doha", "Al Wakrah"),
    ("Kazakhstan", "Kazakh", "Astana", "Almaty"),
    ("Uzbekistan", "Uzbek", "Tashkent", "Samarkand"),
    ("Armenia", "Armenian", "Yerevan", "Gyumri"),
    ("Azerbaijan", "Azerbaijani", "Baku", "Ganja"),
    ("Serbia", "Serbian", "Belgrade", "Novi Sad"),
    ("Moldova", "Moldovan", "Chisinau", "Balti"),
    ("Peru", "Peruvian", "Lima", "Arequipa"),
    ("Chile", "Chilean", "Santiago", "Valparaiso"),
]

TITLES: list[str] = [
    "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister",
    "Trade Minister", "Finance Minister", "Energy Minister", "Justice Minister", "army chief",
]  # fmt: skip

FIRST_NAMES: list[str] = [
    "Amina", "Ahmed", "Ana", "Andrzej", "Carlos", "Chen", "Daniel", "Elena", "Farid", "Fatima",
    "Hiroshi", "Ibrahim", "Ines", "Javier", "John", "Kamala", "Karim", "Lars", "Leila", "Luis",
    "Maria", "Mehmet", "Miguel", "Nadia", "Nikolai", "Olga", "Omar", "Priya", "Rahul", "Rosa",
    "Samuel", "Sofia", "Tariq", "Thabo", "Viktor", "Yusuf", "Zainab", "Grace", "Pedro", "Marta",
]  # fmt: skip

LAST_NAMES: list[str] = [
    "Abdullahi", "Alvarez", "Bakr", "Banda", "Castillo", "Demir", "Dubois", "Fernandes",
    "Gonzalez", "Haddad", "Ivanova", "Jensen", "Kamau", "Kowalski", "Lopez", "Mahmoud", "Mensah",
    "Moreno", "Nakamura", "Novak", "Okafor", "Oliveira", "Petrov", "Rahman", "Reyes", "Rossi",
    "Saleh", "Santos", "Sharma", "Silva", "Tanaka", "Umarov", "Vasquez", "Weber", "Yilmaz",
]  # fmt: skip

ORGS: list[str] = [
    "the United Nations", "the European Union", "NATO", "the African Union", "the World Bank",
    "the International Monetary Fund", "the Organization of American States", "ASEAN",
    "the UN Security Council", "the World Health Organization", "the World Food Programme",
    "the International Criminal Court", "the Arab League", "the OSCE",
]  # fmt: skip

NGOS: list[str] = [
    "Amnesty International", "Human Rights Watch", "the International Committee of the Red Cross",
    "Doctors Without Borders", "the Committee to Protect Journalists", "Oxfam", "Save the Children",
]  # fmt: skip

SOURCES: list[str] = [
    "Reuters", "the Associated Press", "Agence France-Presse", "state media",
    "the state news agency", "a government spokesman", "two diplomats", "a senior official",
    "local media", "witnesses", "the foreign ministry",
]  # fmt: skip

PAST: list[str] = [
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "late on Sunday", "earlier on Thursday", "last week", "earlier this month",
    "last month", "in March", "in June", "on Oct. 3", "on Feb. 12", "two days ago", "last year",
    "yesterday", "this week",
]  # fmt: skip

FUTURE: list[str] = [
    "next week", "next month", "on Friday", "later this year", "in the coming days",
    "before the end of the month", "in September", "next year", "on March 4", "within weeks",
]  # fmt: skip

TOPICS: list[str] = [
    "energy supplies", "border security", "trade tariffs", "migration", "grain exports",
    "water sharing", "debt relief", "arms control", "climate finance", "fishing rights",
    "a long-delayed pipeline project", "visa rules", "nuclear safety", "election monitoring",
]  # fmt: skip

# Story types: headline templates, lead sentences, body sentences specific to the type.
STORIES: dict[str, dict[str, list[str]]] = {
    "visit": {
        "headline": [
            "{Aoff} visits {Bcap} for talks on {topic}",
            "{A} and {B} sign {n} agreements during state visit",
            "{Adem} leader in {B} to boost ties amid regional tensions",
        ],
        "lead": [
            "{Aoff} arrived in {Bcap} {when} for a two-day state visit, the first by a {Adem} head of government in {n} years, {src} reported.",
            "{Aoff} held talks with {Boff} in {Bcap} {when}, and the two governments signed {n} agreements on {topic} and investment.",
        ],
        "body": [
            "The two sides agreed to set up a joint commission on {topic} and to meet again {future}.",
            "{Boff} said {B} welcomed {Adem} investment and hoped trade would reach {n} billion dollars within five years.",
            "Officials said a deal on {topic} was not signed because negotiators failed to agree on financing.",
            "{Aoff} is expected to travel on to {Bdem} port city {Bcity} before returning home {future}.",
            "{Boff} accepted an invitation to visit {Acap} {future}, according to a joint statement.",
        ],
    },
    "sanctions": {
        "headline": [
            "{org} imposes new sanctions on {B}",
            "{A} freezes assets of {n} {Bdem} officials",
            "{B} vows retaliation after {A} tightens sanctions",
        ],
        "lead": [
            "{A} {when} imposed sanctions on {n} {Bdem} officials and companies accused of {topic} violations, {src} said.",
            "{org} agreed {when} to ban imports of {Bdem} steel and freeze the assets of {n} individuals, officials said.",
        ],
        "body": [
            "{B} condemned the measures as illegal and said it would respond in kind, according to {src}.",
            "{Boff} warned that {B} could cut gas deliveries to {A} if the sanctions were not lifted.",
            "The measures do not apply to food and medicine, {Aoff} told reporters.",
            "{A} also expelled {n2} {Bdem} diplomats and recalled its ambassador from {Bcap} for consultations.",
            "Business groups in {A} said the sanctions would cost exporters about {n} million dollars a year.",
        ],
    },
    "protest": {
        "headline": [
            "Police detain {n} as thousands protest in {Acap}",
            "Protesters rally in {Acity} against {topic} reform",
            "{Adem} unions call general strike over {topic}",
        ],
        "lead": [
            "Police in {A} arrested at least {n} people {when} as thousands of demonstrators marched through {Acap} to demand the resignation of {Aoff}, {src} said.",
            "Thousands of people protested in {Acity} {when} against government plans on {topic}, in the largest demonstrations in the country this year.",
        ],
        "body": [
            "Riot police fired tear gas and water cannon to disperse protesters who tried to reach the parliament building, witnesses said.",
            "{ngo} called on the authorities to release all detained demonstrators and to investigate reports of beatings.",
            "{Aoff2} accused opposition leaders of organising the unrest and said the government would not back down.",
            "Organisers said they would hold another march {future} if their demands were not met.",
            "The interior ministry said {n2} police officers were injured when protesters threw stones.",
        ],
    },
    "clash": {
        "headline": [
            "{Adem} and {Bdem} forces clash on disputed border",
            "{n2} soldiers killed in border shootout between {A} and {B}",
            "{A} accuses {B} of shelling border villages",
        ],
        "lead": [
            "{Adem} and {Bdem} troops exchanged fire along their disputed border {when}, killing {n2} soldiers, officials in both countries said.",
            "{A} accused {B} {when} of shelling villages near the border with artillery, wounding {n2} civilians, according to {src}.",
        ],
        "body": [
            "{B} denied the accusation and said its forces had only returned fire.",
            "{Aoff} ordered reinforcements to the area and warned that {A} would respond with force to any new attack.",
            "{org} urged both sides to show restraint and offered to mediate.",
            "The defence ministry in {Bcap} said its troops had not crossed the border.",
            "Local officials evacuated about {n} residents from border villages as a precaution.",
        ],
    },
    "aid": {
        "headline": [
            "{A} sends aid to flood-hit {B}",
            "{org} appeals for {n} million dollars for {B}",
            "Aid convoys reach {Bdem} earthquake zone",
        ],
        "lead": [
            "{A} sent {n2} planes carrying tents, food and medical supplies to {B} {when} after floods killed hundreds of people, {src} said.",
            "{org} {when} delivered emergency food to {n} families in {B}, where a drought has destroyed most of this year's harvest.",
        ],
        "body": [
            "{Boff} thanked donors and said {B} would need help for months to rebuild roads and bridges.",
            "{org} said it would send more supplies {future} and appealed for {n} million dollars.",
            "Rescue workers said access to the worst-hit areas remained difficult because roads had been washed away.",
            "{ngo} said aid had not reached several districts and warned of a risk of disease outbreaks.",
            "{A} also pledged {n} million dollars in reconstruction loans, {Aoff} said.",
        ],
    },
    "ceasefire": {
        "headline": [
            "Warring sides agree truce in talks mediated by {A}",
            "{A} brokers ceasefire between {B} and rebels",
            "Ceasefire takes hold in {B} after {org}-backed talks",
        ],
        "lead": [
            "The government of {B} and rebel groups agreed {when} to a ceasefire after talks in {Acap} mediated by {A}, according to a joint statement.",
            "A ceasefire brokered by {A} and {org} took effect in {B} {when}, and both sides said they would release prisoners.",
        ],
        "body": [
            "The truce is due to last {n2} days and will allow aid agencies to reach besieged towns, the statement said.",
            "Both sides accused each other of violating an earlier truce signed last year.",
            "If the ceasefire holds, negotiators will meet again {future} to discuss a permanent settlement, {Aoff} said.",
            "Rebel commanders said they would not disarm until government troops withdrew from the region.",
            "{org} welcomed the agreement and called on both parties to respect it.",
        ],
    },
    "threat": {
        "headline": [
            "{A} puts troops on alert as tensions with {B} rise",
            "{Aoff} warns {B} over military drills",
            "{A} threatens to cut ties with {B} over {topic}",
        ],
        "lead": [
            "{A} placed its armed forces on high alert {when} and moved tanks toward its border with {B}, the defence ministry in {Acap} said.",
            "{Aoff} warned {when} that {A} would break off diplomatic relations with {B} unless {Bcap} changed its position on {topic}.",
        ],
        "body": [
            "{B} called the move a provocation and said it would not be intimidated.",
            "{Boff} said {B} had no plans to send troops to the border but was ready to defend itself.",
            "Analysts said a military confrontation was unlikely, but warned that a miscalculation could trigger clashes.",
            "{org} called for dialogue and said its envoy would travel to both capitals {future}.",
            "The navy of {A} will hold live-fire exercises near the disputed islands {future}, officials said.",
        ],
    },
    "accuse": {
        "headline": [
            "{A} accuses {B} of interfering in its election",
            "{Adem} court charges {n2} over {topic} corruption",
            "{A} summons {Bdem} envoy over spying allegations",
        ],
        "lead": [
            "{A} accused {B} {when} of running a disinformation campaign ahead of next year's election, {src} said.",
            "Prosecutors in {A} charged {n2} former officials {when} with taking bribes linked to contracts on {topic}, the justice ministry said.",
        ],
        "body": [
            "{B} rejected the allegations as baseless and accused {A} of trying to distract from its own problems.",
            "The foreign ministry summoned {B}'s ambassador to deliver a formal protest.",
            "{Aoff2} said an investigation had been opened and more arrests could follow.",
            "{ngo} criticised the government for failing to protect journalists who reported on the case.",
            "The defendants denied the charges, their lawyers said.",
        ],
    },
}

# General sentences that fit any story: background, reactions, attribution, outlook.
GENERAL: list[str] = [
    "Relations between {A} and {B} have been strained since a dispute over {topic} {when}.",
    "{org} said it was following the situation closely.",
    "\"We will not accept any solution that ignores our interests,\" {Aoff} said in a televised address.",
    "\"This is a positive step, but much work remains,\" a senior {Adem} official said on condition of anonymity.",
    "According to {src}, the talks lasted more than {n2} hours.",
    "{B} is one of {A}'s {n2} largest trading partners, with bilateral trade worth about {n} million dollars last year.",
    "Opposition parties in {A} criticised the government's handling of the crisis.",
    "The {Adem} parliament is expected to debate the issue {future}.",
    "{ngo} said at least {n} people had been displaced in the region since the start of the year.",
    "Neither government has commented on the reports, {src} said.",
    "Markets in {Acap} fell {pct} percent after the announcement.",
    "Diplomats said a meeting of foreign ministers planned for {future} could be postponed.",
    "{Boff} is due to address {org} {future}.",
    "The {Bdem} government did not respond to a request for comment.",
    "Officials in {Bcap} said they had not been informed of the decision in advance.",
    "{Aoff2} told {src} that {A} remained open to dialogue with {B}.",
    "The dispute has overshadowed preparations for a regional summit that {A} is due to host {future}, and several delegations have asked for the agenda to be changed.",
    "In a statement posted on social media {when}, the {Adem} foreign ministry said it regretted the decision and called on {B} to reconsider.",
    "Analysts in {Acap} said the government was under pressure from nationalist parties ahead of local elections and could not be seen to make concessions on {topic}.",
    "The last high-level meeting between the two countries took place in {Bcap} {when}, when both sides promised to resolve their differences through negotiations.",
    "{org} has repeatedly called for a solution based on international law and warned that the crisis could destabilise the wider region.",
    "A spokesman for {org} said the organisation was ready to provide technical assistance if both governments requested it.",
    "Newspapers in {Bcap} criticised the {Bdem} government for what they described as a weak response, and opposition lawmakers demanded a debate in parliament.",
    "Economists said the uncertainty had already hurt investment, with foreign companies delaying decisions on new factories until the situation becomes clearer.",
    "{ngo} said in a report published {when} that civilians were paying the highest price for the dispute, and urged donors to increase funding.",
    "The {Adem} central bank said it was monitoring the effect on the currency, which has lost {pct} percent of its value against the dollar since January.",
    "Asked whether {A} would consider further steps, {Aoff2} said all options remained on the table but that diplomacy was the priority.",
    "It was not immediately possible to verify the figures independently, and {Bdem} officials gave a different account of the events.",
    "Residents said shops and schools had reopened {when}, although many families remained afraid to return to their homes.",
    "The issue is likely to feature at talks between {Adem} and {Bdem} officials {future}, according to a person familiar with the preparations.",
]  # fmt: skip
