"""kg's word lists: the sets of English words the rules test tokens against, each defined once.

Pure data at the bottom of the dependency order (it imports nothing from kg): the spaCy components (kg.nlp),
the extractors (kg.extract), the gazetteer and the evaluation take their words from here. The lists are grouped
by what the words mean. Where a rule needs a variant of a list, the variant is derived here from its base, with
the reason it differs, so that a word added to the base reaches every rule that means the same thing.

Words are lower case (but the titles). A list of lemmas is tested against ``token.lemma_``; a list of surface
forms (plurals, inflected forms) against ``token.lower_``; the comments say where that matters. Not here: the
names of states, groups and institutions (:mod:`kg.gazetteer`), number and date words (with their parsers in
:mod:`kg.extract.numbers` and :mod:`kg.extract.timex`), and a few words written in the one rule that reads them.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------------------------
# Attacks: the words that tell one
# ---------------------------------------------------------------------------------------------------------------

# verbs that tell an attack (lemmas); "throw" (a grenade, an explosive device) is decided by its object
VERB_TRIGGERS = {"hit", "strike", "shell", "target", "attack", "bomb", "bombard", "pound", "explode",
                 "detonate", "ambush", "raid", "storm", "fire", "launch", "damage", "destroy", "shoot",
                 "fight", "battle", "clash", "slam", "crash", "smash", "blow", "drop", "fall", "land", "impact", "aim",
                 "seize", "capture", "overrun", "assault", "besiege"}
# nouns that tell an attack (lemmas); "violation" only of a ceasefire (TRUCE_WORDS)
NOUN_TRIGGERS = {"attack", "strike", "airstrike", "shelling", "bombardment", "bombing", "explosion", "blast",
                 "incursion", "raid", "assault", "clash", "fighting", "ambush", "barrage", "offensive",
                 "firefight", "shootout", "bomb", "air-strike", "onslaught", "counteroffensive",
                 "counter-offensive", "abduction", "kidnapping", "battle", "gunbattle", "gunfight", "skirmish",
                 "violation", "stabbing", "shooting"}
# "truce violations were recorded near X, Y and Z": fire across a front line
TRUCE_WORDS = {"ceasefire", "cease-fire", "truce"}
# the attack nouns that also name a labour strike, a raid by police or a sports offensive: a trigger only where
# the sentence speaks of armed violence
AMBIGUOUS_NOUNS = {"attack", "strike", "raid", "assault", "offensive", "onslaught", "counteroffensive",
                   "counter-offensive", "battle", "shooting"}
# the type of event a trigger word tells (lemmas; "overran" as the tagger leaves it)
TRIGGER_TYPES = {
    "abduct": "other_attack", "kidnap": "other_attack", "fight": "armed_clash", "battle": "armed_clash",
    "blow": "bombing",
    "airstrike": "air_strike", "air-strike": "air_strike", "shelling": "shelling", "bombardment": "shelling",
    "barrage": "shelling", "shell": "shelling", "bombard": "shelling", "bombing": "bombing", "bomb": "bombing", "explosion": "bombing",
    "blast": "bombing", "explode": "bombing", "detonate": "bombing", "incursion": "armed_clash",
    "raid": "armed_clash", "clash": "armed_clash", "fighting": "armed_clash", "ambush": "armed_clash",
    "firefight": "armed_clash", "shootout": "armed_clash", "storm": "armed_clash", "assault": "armed_clash",
    "shoot": "armed_clash", "shooting": "armed_clash", "stab": "other_attack", "stabbing": "other_attack",
    "besiege": "armed_clash",
    "gunfire": "armed_clash", "firing": "armed_clash", "exchange": "armed_clash", "counteroffensive": "armed_clash",
    "counter-offensive": "armed_clash",
    "abduction": "other_attack", "kidnapping": "other_attack", "execute": "other_attack",
    "seize": "armed_clash", "capture": "armed_clash", "overrun": "armed_clash", "overran": "armed_clash",
    "gunbattle": "armed_clash", "gunfight": "armed_clash", "skirmish": "armed_clash",
    "ram": "bombing", "drive": "bombing", "plough": "bombing", "plow": "bombing", "set": "other_attack",
}
# words of an explosion, which do not say what exploded: a planted bomb, a shell, a missile or a drone
BLAST_WORDS = {"explosion", "blast", "explode", "detonate"}
# weapon word (lemma) → (instrument code, event type)
WEAPON_WORDS = {
    "missile": ("missile", "missile_strike"), "cruise": ("missile", "missile_strike"),
    "drone": ("drone", "drone_strike"), "uav": ("drone", "drone_strike"), "shahed": ("drone", "drone_strike"),
    "airstrike": ("aircraft", "air_strike"), "warplane": ("aircraft", "air_strike"), "plane": ("aircraft", "air_strike"),
    "jet": ("aircraft", "air_strike"),
    "helicopter": ("aircraft", "air_strike"), "bomber": ("aircraft", "air_strike"), "aircraft": ("aircraft", "air_strike"),
    "artillery": ("artillery", "shelling"), "mortar": ("mortar", "shelling"), "shell": ("artillery", "shelling"),
    "shelling": ("artillery", "shelling"), "howitzer": ("artillery", "shelling"), "rocket": ("rocket", "shelling"),
    "grad": ("rocket", "shelling"),
    "ied": ("explosive_device", "bombing"), "explosive": ("explosive_device", "bombing"),
    "landmine": ("explosive_device", "bombing"), "mine": ("explosive_device", "bombing"),
    "grenade": ("explosive_device", "bombing"), "bomb": ("explosive_device", "bombing"), "rpg": ("firearm", "armed_clash"),
    "gun": ("firearm", "armed_clash"), "rifle": ("firearm", "armed_clash"), "gunfire": ("firearm", "armed_clash"),
}
# what "suicide" makes a bombing: "a suicide attack", "a suicide blast" (a "suicide bomber" is a weapon word's case)
SUICIDE_ACTS = {"attack", "strike", "blast", "explosion", "raid", "assault", "operation", "attacker"}
# weapons that fly to their target: what air defences shoot down
AERIAL_WEAPONS = {"drone", "uav", "shahed", "missile", "rocket", "projectile"}
# nouns of an attack as a thing done or fired ("mortar fire", "a salvo"): what an armed doer or a light verb's
# object may be
ATTACK_NOUNS = {"attack", "strike", "airstrike", "shelling", "bombardment", "barrage", "fire", "gunfire",
                "explosion", "blast", "raid", "assault", "salvo", "volley"}
RAM_VERBS = {"ram", "drive", "plough", "plow", "mow"}  # a vehicle driven into its target, a bomb or not
# what a vehicle used as a weapon is; what it is driven into or through to be an attack
RAM_VEHICLES = {"truck", "lorry", "car", "van", "vehicle", "bulldozer", "suv", "minivan", "bus"}
RAM_TARGETS = {"crowd", "crowds", "people", "pedestrians", "worshippers", "shoppers", "soldiers", "troops",
               "police", "officers", "protesters", "checkpoint", "market", "bus", "stop", "promenade", "festival"}
TAKE_OVER = {"seize", "capture", "overrun", "overran", "besiege"}  # an attack that takes a place
# verbs whose object is what was fired: an attack only with a weapon or an attack as the object
LAUNCH_VERBS = ("launch", "fire", "drop")
# verbs of an attempt: "gunmen tried to storm a post" tells an attack (repelled or not), not an intention
ATTEMPT_VERBS = {"try", "attempt"}
# participles that name an attack's means: "opened fire on the villages, using artillery and mortars"
USE_VERBS = {"use", "employ", "utilise", "utilize"}
# verbs whose object is the attack ("carried out strikes", "staged an assault"); their subject is its doer
LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "mount", "unleash", "execute", "perform"}
# the light verbs a side uses of its own attack in a statement ("it carried out the attack")
CARRY_OUT_VERBS = ("carry", "conduct", "launch", "stage", "mount")
# nouns a count of attacks or weapons hangs from: "dozens of rockets", "a barrage of missiles"
QUANTITY_HEADS = {"dozens", "dozen", "hundreds", "scores", "number", "barrage", "salvo", "volley", "wave", "swarm",
                  "series", "pair", "couple", "round", "rounds"}
# what makes a vehicle a bomb: "a motorcycle packed with explosives", "an explosives-laden minibus"
LADEN = {"pack", "lade", "laden", "load", "rig", "fill", "stuff", "fit", "strap"}
# verbs of the defender stopping an attack: "air defences destroyed 19 drones", "shot down two missiles"
INTERCEPT_VERBS = {"destroy", "down", "intercept", "shoot", "neutralise", "neutralize", "repel", "repulse"}
# verbs of the state that built or supplied a weapon: "Iranian-made drones" (not who used them)
MADE_VERBS = ("make", "build", "supply", "manufacture", "design", "produce")
SUPPLIED_VERBS = (*MADE_VERBS, "provide")  # where the parse hangs the state from the verb: "missiles provided by"

# ---------------------------------------------------------------------------------------------------------------
# Not an attack: words that make an attack word mean something else
# ---------------------------------------------------------------------------------------------------------------

# modifiers of an attack noun that make it no one event: "possible attacks", "daily strikes", "a hunger strike"
NON_EVENT_MODIFIERS = {"any", "further", "future", "possible", "potential", "new", "more", "heart", "hunger", "similar",
                       "general", "cyber", "panic", "verbal", "planned", "feared", "labour", "labor",
                       "daily", "near-daily", "nightly", "constant", "frequent", "regular", "routine", "ongoing",
                       "repeated", "sporadic", "continuing", "persistent"}
# units of a campaign's length: "a two-year offensive", "attacks for months"
DURATION_UNITS = {"year", "month", "week", "decade"}
# military exercises (surface forms): fire without an attack
NON_EVENT_CONTEXT = {"exercise", "exercises", "drill", "drills", "rehearsal", "wargame", "wargames", "simulation"}
# objects of an attack noun that make it figurative: "an attack on democracy"
FIGURATIVE_OBJECTS = {"democracy", "freedom", "press", "rights", "sovereignty", "deal", "plan", "reform", "record"}
# verbs whose object is attacks in general: "to halt the group's attacks on shipping"
PREVENT_VERBS = {"halt", "stop", "prevent", "deter", "end", "curb", "thwart", "foil", "avert", "counter", "condemn",
                 "abandon", "renounce", "suspend", "cease"}
# abstract subjects of "killed": a conflict as a whole, not one attack ("the insurgency has killed 40,000 people")
ABSTRACT_DOERS = {"insurgency", "violence", "war", "conflict", "crisis", "unrest", "insecurity", "campaign",
                  "fighting", "rebellion", "uprising", "instability"}
# "the second attack on police this week", "the latest strike": the attack being told, not a new one
ORDINAL_MODS = {"second", "third", "fourth", "fifth", "sixth", "latest"}
FLEE_VERBS = {"flee", "escape", "displace"}  # "many fled earlier fighting": the background, not one event
MODALS = {"could", "would", "might", "may", "will", "should", "must", "can"}  # a clause that does not assert

# ---------------------------------------------------------------------------------------------------------------
# Who attacks: armed actors and their means
# ---------------------------------------------------------------------------------------------------------------

# nouns of state forces (surface forms and lemmas): "its forces", "the troops" are armed whoever they belong to
FORCE_NOUNS = {"force", "forces", "military", "army", "troops", "troop", "soldiers", "soldier", "navy",
               "air force", "militaries", "units", "unit", "artillery", "jets", "warplanes", "aircraft", "junta",
               "regime"}
# the same without the means of the forces (aircraft, artillery) and the rare forms the attack rules never see
FORCE_WORDS = FORCE_NOUNS - {"air force", "aircraft", "artillery", "jets", "militaries", "warplanes"}
# subjects that make a verb an attack (surface forms): "gunmen stormed", "warplanes struck"
ARMED_SUBJECTS = {"forces", "force", "troops", "military", "army", "militants", "gunmen", "rebels", "insurgents", "enemy",
                  "fighters", "terrorists", "jihadists", "militia", "militias", "extremists", "separatists", "jets",
                  "warplanes", "aircraft", "attackers", "bomber", "bombers", "soldiers", "navy", "police",
                  "gang", "gangs", "bandits", "kidnappers", "assailants", "raiders", "pirates", "snipers", "sniper",
                  "commandos", "guerrillas", "paramilitaries", "gunman", "officers", "policemen", "militiamen",
                  "militiaman", "combatants", "shooters", "saboteurs", "saboteur", "militant", "rebel", "insurgent",
                  "fighter", "terrorist", "jihadist", "extremist", "separatist", "attacker", "assailant", "soldier",
                  "raider", "guerrilla", "paramilitary", "combatant", "shooter", "maoists", "maoist", "naxals",
                  "naxal", "naxalites", "islamists", "mujahideen", "marauders", "marauder", "troopers", "trooper",
                  "jawans", "jawan", "marines", "paratroopers", "gendarmes", "peacekeepers", "infiltrators"}
# doers that fight on the ground (lemmas): "gunmen attacked a checkpoint" is an armed clash
# the head words of an unnamed armed group that stands for the one a story names: "the group", "the militants"
GENERIC_GROUPS = {"group", "organization", "organisation", "outfit", "militia", "movement", "rebels", "militants",
                  "insurgents", "jihadists", "terrorists"}
# attackers with no weapons of war, whose attacks (arson, beatings, stoning) are other attacks unless a weapon is
# named: "settlers attacked the village", "settler attacks on the towns of X and Y"
MOB_ATTACKERS = {"settler", "mob", "rioter", "vigilante"}
GROUND_FORCES = {"fighter", "gunman", "gunmen", "militant", "troop", "soldier", "rebel", "insurgent", "jihadist",
                 "militia", "militiaman", "attacker", "assailant", "commando", "paratrooper", "guerrilla",
                 "gang", "bandit", "kidnapper", "raider", "sniper", "officer", "policeman", "saboteur"}
# nouns of armed groups (surface forms): "the group", "two anti-Kremlin groups"
GROUP_NOUNS = {"group", "groups", "militants", "militant", "rebels", "rebel", "insurgents", "insurgent",
               "militia", "militias", "fighters", "gunmen", "jihadists", "extremists", "terrorists",
               "brigade", "brigades", "faction", "factions", "movement", "separatists", "attackers",
               "bombers", "bomber", "paramilitaries", "paramilitary", "front", "gang", "gangs", "coalition",
               "alliance", "cartel", "cell", "cells", "bandits", "kidnappers", "dissidents", "settlers"}
# group nouns that name an alliance of sides: "the coalition" refers back only to a group named as one
COALITION_NOUNS = {"coalition", "alliance"}
# a part of a body that acts for it when it attacks: "a band of the group's fighters", "members of the X group"
PART_NOUNS = {"band", "members", "member", "unit", "units", "squad", "cell", "contingent", "detachment", "team",
              "elements", "section", "column", "platoon", "battalion", "company"}
# the armed people of a named group, who stand for it when they attack: "fighters of the PKK", "militiamen of the
# CODECO" (not "a member of X", who speaks for himself)
MEMBER_NOUNS = {"fighters", "fighter", "militants", "militant", "militiamen", "militiaman", "rebels", "rebel",
                "guerrillas", "guerrilla", "gunmen", "insurgents", "elements", "operatives"}
# armed people a participle or adjective ties to a named body, which stands for them: "armed men affiliated with the
# X group", "forces loyal to the Y council", "fighters linked to Z" (the word → the prepositions it takes)
AFFILIATION_WORDS = {"loyal": ("to",), "linked": ("to", "with"), "affiliated": ("with", "to"), "belonging": ("to",),
                     "allied": ("with", "to"), "aligned": ("with", "to"), "associated": ("with",), "tied": ("to",)}
AFFILIATED_NOUNS = MEMBER_NOUNS | {"forces", "troops", "men", "factions", "units", "cells", "groups"}
# what marks a doer as somebody's enemy, not a speaker's own forces: "rebel forces", "insurgent units"
HOSTILE_WORDS = {"rebel", "militant", "insurgent", "guerrilla", "gunman", "jihadist", "separatist", "terrorist",
                 "militiaman", "extremist", "bandit", "enemy"}
# the words a list of place names may have between two names: "X and the villages of Y", "X, in addition to Y",
# "X, and the city of Y", "X, Y, and Z", "X, along with the villages of Y and Z"
LIST_WORDS = frozenset({",", "and", "the", "of", "as", "well", "in", "addition", "to", "along", "with", "town", "towns",
                        "village", "villages", "city", "cities", "camp", "camps", "area", "areas", "district",
                        "districts", "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods"})
LIST_CLOSERS = frozenset({"and", "addition", "well", "along"})  # what makes a run of names a list, not an address
# parts of one town: a list of them tells shelling across the town, not an attack at each ("shelling hit the
# neighbourhoods of X, Y and Z")
QUARTER_NOUNS = frozenset({"neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods",
                           "quarter", "quarters", "suburb", "suburbs"})
# the words that name a side in a conflict before an attack noun ("a jihadist attack", "a rebel raid"): the side
# is the plural ("the jihadists"); not "terrorist", which judges an attack rather than saying whose it was
SIDE_ADJECTIVES = {"rebel", "jihadist", "militant", "insurgent", "separatist", "islamist", "maoist", "guerrilla",
                   "settler"}
# an unnamed but identifiable side: "the army", "government shelling", "the regime" (not "gunmen")
INSTITUTION_HEADS = {"government", "army", "military", "regime", "police", "navy", "junta", "administration"}
# nouns that name who attacked when they modify an attack noun ("government shelling", "army air strikes"): the
# institutions (an administration does not shell) and the armed groups named by a common noun
ATTACKER_NOUNS = INSTITUTION_HEADS - {"administration"} | {"rebel", "militia", "coalition", "paramilitary",
                                                           "insurgent", "jihadist", "militant", "gang"}
# heads a state's possessive belongs to, not a place: "Sudan's paramilitary forces", "Russia's Defense Ministry"
ACTOR_HEADS = {"forces", "force", "military", "army", "ministry", "government", "troops", "navy", "police",
               "president", "leader", "spokesman", "militia", "militias", "officials", "authorities", "envoy"}
# heads whose national modifier names who attacks, not where: "an Israeli strike", "Russian drones"
DOER_HEADS = {"strike", "attack", "airstrike", "shelling", "bombardment", "raid", "assault", "offensive", "drone",
              "missile", "rocket", "shell", "artillery", "jet", "warplane", "aircraft", "force", "troop", "army",
              "military", "soldier", "fighter", "navy", "incursion", "fire", "gunfire", "bomb"}
# who did it, as a statement names them: "the attackers belonged to Y"
PERPETRATORS = {"attacker", "gunman", "assailant", "bomber", "militant", "kidnapper", "abductor", "perpetrator",
                "fighter", "raider", "shooter", "culprit"}
# the means of a state's own forces: "military warplanes bombed", "troops advanced"
AIR_MEANS = {"air", "airstrike", "warplane", "jet", "aircraft", "helicopter", "drone"}
OWN_MEANS = AIR_MEANS | {"troop", "soldier", "force", "artillery", "military", "army", "navy", "officer", "police",
                         "policeman"}
# subjects of a future act of force that make it a threat: "the army would pursue them"
FORCE_SUBJECTS = {"army", "military", "force", "troop", "soldier", "fighter", "man", "police", "navy", "militia",
                  "government", "we", "group", "movement", "brigade", "unit"}

# ---------------------------------------------------------------------------------------------------------------
# Casualties
# ---------------------------------------------------------------------------------------------------------------

# casualty words (lemmas and surface forms) by outcome: killed, injured, missing
KILL = {"kill", "killed", "die", "dead", "death", "slay", "fatality", "perish", "massacre", "murder", "behead",
        "assassinate", "martyr", "martyred"}
INJURE = {"injure", "injured", "wound", "wounded", "hurt", "injury", "maim"}
MISSING = {"missing", "unaccounted"}
# nouns an explicit zero is told with (surface forms): "no casualties", "without fatalities"
CASUALTY_ZERO = {"casualty", "casualties", "victims", "fatalities", "deaths", "injuries"}
# verbs of harm to people that tell an attack when an armed doer does them
CASUALTY_VERBS = {"kill", "wound", "injure", "maim", "neutralise", "neutralize", "execute", "massacre", "murder",
                  "slaughter", "slay", "behead", "assassinate", "stab"}
# shots told as a noun: "came under heavy fire", "an exchange of fire"
FIRE_NOUNS = {"fire", "firing", "gunfire"}
# what kills people without an attack: "two people were killed in a car crash near X" is no attack there
ACCIDENT_WORDS = {"crash", "accident", "collision", "flood", "flooding", "floods", "earthquake", "quake", "landslide",
                  "stampede", "storm", "lightning", "drowning", "heatwave", "collapse", "avalanche", "mudslide"}
# killings only an armed side commits, told without a doer: "civilians massacred on Saturday in X"
MASS_KILLING = {"massacre", "slaughter", "behead"}
# people an attack harms, executes or shoots (lemmas)
VICTIMS = {"civilian", "people", "person", "villager", "prisoner", "hostage", "man", "woman", "child", "soldier",
           "resident", "worker", "student", "member", "captive", "detainee"}
# the victims a parse may take for the doer of "killed" ("two people killed"): never an attacker
CASUALTY_NOUNS = VICTIMS - {"villager", "prisoner", "hostage", "resident", "worker", "student", "member", "captive",
                            "detainee"}
# nouns an attack's date may hang from: "the death toll from a strike on X on May 14"
TOLL_NOUNS = {"toll", "victim", "casualty", "death", "survivor", "number", "aftermath"}
# words of the aftermath a statement reports: "the bodies had been pulled from the rubble"
# what a source puts out, named in its place: "according to a report from Radio X"
DOCUMENT_NOUNS = {"report", "statement", "account", "issue", "edition", "bulletin", "broadcast", "tally", "post",
                  "video", "communique", "dispatch"}
REPORT_WORDS = {"shoot", "building", "facility", "site", "body", "rubble", "dead", "death", "casualty", "wound",
                "injure", "kill", "hospital", "rescuer", "rescue", "search", "destroy", "damage", "missing",
                "unaccounted", "toll", "victim", "survivor", "debris", "blaze", "evacuate", "intercept", "hurt",
                "wounded", "injured", "killed"}

# ---------------------------------------------------------------------------------------------------------------
# Statements: saying, blaming, denying, threatening
# ---------------------------------------------------------------------------------------------------------------

# cue verbs of claims (lemmas), by the kind of claim they tell
SAY = {"say", "tell", "report", "write", "announce", "state", "add", "confirm", "declare", "insist", "allege"}
ACCUSE = {"blame", "accuse"}
DENY = {"deny", "reject", "dismiss", "refute"}
THREAT = {"vow", "threaten", "warn", "pledge", "promise"}
ADMIT = {"acknowledge", "admit"}
# verbs that report a side's own words, for "the army said its aircraft struck": the cue verbs that can frame the
# side's account of its own attack
REPORTING = SAY - {"declare", "insist", "allege"} | ADMIT | {"claim"}
# verbs of making a text public: a day on them dates the text, not what it tells ("published a list on Thursday")
PUBLISHING = {"publish", "release", "issue", "post", "broadcast", "air"}
# verbs of a statement about an attack: a negation on them denies, and a day on them dates the statement
CLAIM_VERBS = ACCUSE | DENY - {"refute"} | {"say", "claim"}
# words that hedge a statement
HEDGES = {"may", "might", "could", "apparent", "apparently", "reportedly", "allegedly", "possibly", "likely",
          "suspected", "believed", "alleged", "unconfirmed", "purportedly", "probably", "presumably"}
# what a statement can blame or deny (lemmas): "accused Kyiv of striking", "blamed for the killing"
ATTACK_WORDS = {"attack", "strike", "shelling", "bombing", "shell", "bomb", "target", "kill", "death", "hit", "crime",
                "atrocity", "abduction", "kidnapping",
                "explosion", "blast", "raid", "assault", "massacre", "incursion", "airstrike", "fire", "killing"}
# gerunds an accusation of an attack is told with: "accused the group of orchestrating"
ATTACK_VERBS = {"shell", "bomb", "fire", "launch", "carry", "conduct", "target", "murder", "massacre", "execute",
                "abduct", "kidnap", "ambush", "storm", "raid", "wound", "injure", "destroy", "shoot", "use", "stage",
                "orchestrate", "plan", "mastermind", "order", "perpetrate", "commit", "be"}
# nouns that refer back to an attack told before: "the attack", "that bombing"
ANAPHORIC_ATTACKS = {"attack", "strike", "bombing", "ambush", "raid", "assault", "explosion", "blast", "shelling",
                     "incursion", "killing", "massacre"}
# the nouns a plural reference to attacks told before is made with: "both attacks", "the three bombings"
PLURAL_ANAPHOR_NOUNS = ANAPHORIC_ATTACKS - {"incursion", "massacre"} | {"airstrike", "incident", "attempt"}
# acts a statement denies: "had not fired any rockets", "did not carry out any strikes"
DENIED_ACTS = {"fire", "carry", "launch", "conduct", "attack", "strike", "target", "shell", "bomb", "open", "stage",
               "mount", "hit"}
# the denied acts that are acts of force only with an attack (or fire) as the object: not "did not open the road"
DENIED_LIGHT_VERBS = {*CARRY_OUT_VERBS, "open"}
# a side's own acts of force, told of itself: "it had eliminated an operative"
OWN_ACTS = {"eliminate", "kill", "target", "strike", "hit", "neutralise", "neutralize", "destroy", "take", "seize",
            "capture", "overrun", "storm", "attack", "plant", "detonate", "shell", "bomb"}
# words of a threat: "would not go unanswered", "vowed revenge"
THREAT_WORDS = {"response", "retaliation", "retaliate", "revenge", "strike", "attack", "respond", "punish", "avenge",
                "hit", "destroy", "consequence", "war", "force", "hunt", "neutralise", "neutralize", "answer",
                "unanswered", "action", "crush", "eliminate", "pay", "price", "offensive", "hesitate", "fight",
                "decisive", "score"}  # "vowed to settle the score"
AMBIGUOUS_THREAT = {"strike", "attack", "action", "force", "war"}  # "controllers will stage a strike"
# a future act of force by an armed side: "the army would pursue them", "his forces would enter the city",
# "Ukraine would keep striking", "would launch operations to flush them out"
FORCE_VERBS = {"strike", "attack", "hit", "target", "pursue", "hunt", "retaliate", "crush", "eliminate", "destroy",
               "punish", "avenge", "enter", "wipe", "flush", "storm", "bomb", "shell", "fight", "act", "launch",
               "take", "expand", "intensify", "escalate", "step", "carry", "conduct", "mount", "retake", "continue",
               "keep"}
# the force verbs that need an operation as their object: "would launch an inquiry" is no threat
LIGHT_FORCE = {"launch", "take", "expand", "intensify", "escalate", "step", "carry", "conduct", "mount", "continue",
               "keep"}
FORCE_OPS = {"operation", "offensive", "attack", "strike", "war", "battle", "fight", "campaign", "raid", "assault",
             "action", "fighting", "bombardment"}
# what someone feels about an attack (lemmas and surface forms): "alarmed by the bombing" reports no facts
REACTIONS = {"alarm", "alarmed", "concern", "concerned", "shock", "shocked", "appal", "appalled", "sadden",
             "saddened", "outrage", "outraged", "horrify", "horrified", "dismay", "dismayed", "condemn", "deplore",
             "denounce", "disturb", "disturbed", "worry", "worried"}
# News services that other outlets credit for a quote ("X said ..., Reuters reported"): they relay, X speaks.
WIRES = {"reuters", "afp", "agence france-presse", "ap", "associated press", "xinhua", "apa", "dpa", "efe", "ani",
         "pti", "anha", "bbc", "cnn", "al jazeera", "al-jazeera", "irna", "sana", "tass", "anadolu", "wafa",
         "ukrinform", "interfax", "ria novosti", "kcna", "menafn", "bernama", "yonhap"}

# ---------------------------------------------------------------------------------------------------------------
# People and organisations: the nouns they are described by
# ---------------------------------------------------------------------------------------------------------------

SPOKESPERSONS = ("spokesman", "spokeswoman", "spokesperson")
# the words of a person's role, before the name ("Belgorod governor Vyacheslav Gladkov", "Prime Minister X")
ROLE_WORDS = {*SPOKESPERSONS, "governor", "president", "minister", "mayor", "head", "chief", "commander", "leader",
              "prime", "general", "secretary", "official", "director", "ambassador", "envoy", "chairman", "deputy",
              "prosecutor", "representative"}
# the roles of those who speak for a state and its forces, not for a region or an office in it
STATE_ROLES = {*SPOKESPERSONS, "president", "minister", "secretary", "general", "commander", "official", "ambassador",
               "envoy", "chancellor", "premier"}
# lower-case role nouns written right before a name ("spokesman Willy Ngoma", "governor Volodymyr Artiukh"): the
# NER fix marks the capitalised words after them a person, so not the words a title continues with ("head of",
# "prime minister", "deputy governor", "director general"), and a military rank besides
NAME_ROLE_NOUNS = ROLE_WORDS - {"head", "prime", "secretary", "director", "chairman", "deputy",
                                "representative"} | {"colonel"}
# titles written capitalised before a name ("Mayor Ihor Terekhov", "Lt. Col. X")
TITLES = {"Mayor", "Governor", "President", "Minister", "Spokesman", "Spokeswoman", "Spokesperson", "Commander",
          "General", "Gen.", "Colonel", "Col.", "Maj.", "Lt.", "Capt.", "Chief", "Secretary", "Ambassador",
          "Envoy", "Director", "Prosecutor", "Senator", "Prime"}
# a speaker described by a role in a group, whom the text may name after ("a spokesman for the group, who gave his
# name as Abu Amir"): the roles that speak for a group, and its members and sources
SPEAKER_ROLE_NOUNS = {*SPOKESPERSONS, "commander", "official", "leader", "member", "source"}
# nouns of institutions (surface forms): "the ministry", "the authorities", "the Kremlin"
ORG_NOUNS = {"ministry", "government", "authorities", "police", "office", "council", "administration",
             "agency", "service", "services", "command", "cabinet", "presidency", *SPOKESPERSONS,
             "kremlin", "defence", "defense", "embassy", "interior"}
# sources that speak without a name (surface forms): "officials said", "witnesses told"
GENERIC_SPEAKERS = {"officials", "official", "authorities", "police", "witnesses", "residents",
                    "sources", "medics", "rescuers", *SPOKESPERSONS,
                    "source", "observers", "monitors", "activists", "doctors", "officers"}
# a firm, outlet or monitor named right after its noun: "security firm Ambrey said", "the monitor Airwars"
FIRM_NOUNS = {"firm", "company", "agency", "outlet", "broadcaster", "channel", "newspaper", "monitor", "observatory",
              "network", "group", "organisation", "organization", "ngo", "charity", "watchdog", "tracker"}
# words that tell an institution's portfolio: they are part of its key ("Lebanese health ministry" is not the
# foreign ministry)
PORTFOLIO_WORDS = {"foreign", "health", "interior", "information", "civil", "intelligence", "emergency",
                   "emergencies", "security", "justice", "finance", "energy", "communication", "communications",
                   "news"}
# generic words no organisation's name is short for ("the Army" is not the Arakan Army)
GENERIC_ORG_WORDS = ORG_NOUNS | FORCE_NOUNS | GROUP_NOUNS | FIRM_NOUNS
# who or what a story cites as its source, unnamed ("according to a medic", "according to the security firm"),
# as lemmas: "according to" a noun not among them cites no one ("according to the plan", "according to figures")
SOURCE_NOUNS = GENERIC_SPEAKERS | FIRM_NOUNS | {
    "official", "officer", "source", "medic", "doctor", "nurse", "rescuer", "witness", "eyewitness", "resident",
    "survivor", "villager", "activist", "monitor", "observer", "journalist", "reporter", "correspondent", "media",
    "television", "tv", "radio", "paper", "press", "daily", "website"}

# ---------------------------------------------------------------------------------------------------------------
# Pronouns and determiners
# ---------------------------------------------------------------------------------------------------------------

PRONOUNS = {"he", "she", "him", "her"}  # a person told before
# a side speaking of itself: "it", "we", "its forces", "our troops"
SELF_SUBJECTS = {"it", "we", "they"}
SELF_POSSESSIVES = {"its", "our", "their"}
IT_PRONOUNS = SELF_SUBJECTS | SELF_POSSESSIVES
SELF_WORDS = IT_PRONOUNS | {"us"}  # a statement's own side may also be the object: "attacked by us"
# determiners of a noun that refers back to what was told: "the attack", "their strikes"
ANAPHORIC_DETS = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}

# ---------------------------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------------------------

# nouns a place's name follows, after "of" ("the town of Ariha", "the northern city of X")
PLACE_NOUNS = {"town", "city", "village", "district", "province", "region", "suburb", "neighbourhood",
               "neighborhood", "camp", "port", "capital", "county"}
# where an event's place is read from the parse, also the parts of a place ("the outskirts of X", "the centre of X")
LOCATING_PLACE_NOUNS = PLACE_NOUNS | {"area", "outskirts", "centre", "center"}
# where the NER fix marks the name after "of" a place, also the administrative units ("the municipality of X")
NAMING_PLACE_NOUNS = PLACE_NOUNS | {"municipality", "settlement"}
# first-level divisions, the word after the name: "Kherson oblast", "the Gao region"
# people a story often reports hit far from their own state: their nationality does not place the attack
ABROAD_NOUNS = {"peacekeeper", "tourist", "diplomat", "expatriate", "national", "citizen", "contractor", "sailor",
                "seafarer", "crew", "mercenary", "volunteer"}
PROVINCE_WORDS = ("region", "province", "oblast", "governorate", "department")
REGION_NOUNS = (*PROVINCE_WORDS, "state")  # "Borno state": a region whose name may also be a city's
# the words a region's name may end with ("Kherson region", "Tal Afar district")
REGION_WORDS = (*REGION_NOUNS, "district", "county")
# a generic word a place's name may end with; an unknown place is named without it ("Mayom County" → Mayom)
GENERIC_AREA_WORDS = {"township", "county", "district", "village", "town", "tehsil", "municipality", "subdistrict",
                      "area", "upazila", "locality", "commune", "woreda", "kebele"}
# Generic words that end a place's name ("Sulaimani Province", "Kherson region"): lower case in its label, however
# the article capitalised them.
PLACE_NAME_WORDS = frozenset(GENERIC_AREA_WORDS | {*PROVINCE_WORDS, "camp"})
# nouns a place name comes right before ("the Barmal district", "Kyauktaw township")
AREA_NOUNS = GENERIC_AREA_WORDS | {*PROVINCE_WORDS, "prefecture", "territory"}
# the kind words scoring drops from a place name before comparing it ("Kherson region" is Kherson): a city's too
SCORED_PLACE_WORDS = frozenset({*PROVINCE_WORDS, *GENERIC_AREA_WORDS, "city", "state"})
# a word that makes the name before it (or after "the X of") a settlement or a part of one, for the place ranker:
# "Bule village", "the town of Sake", "Mir Ali tehsil", "Gitai junction"
SETTLEMENT_WORDS = frozenset({"village", "town", "city", "camp", "settlement", "district", "neighbourhood",
                              "neighborhood", "suburb", "area", "township", "tehsil", "junction"})
# places an armed side holds or takes: "troops seized the town", "overran a military outpost"
HELD_PLACES = {"base", "position", "post", "outpost", "town", "village", "city", "checkpoint", "camp", "airport",
               "barracks", "garrison", "stronghold", "hill", "district", "area", "territory", "headquarters",
               "compound", "airbase", "port", "bridge", "settlement"}
# words of a facility's name after a city's ("Goma airport", "Erbil international airport")
FACILITY_WORDS = {"airport", "international", "air", "base", "airbase", "port", "camp", "station", "hospital",
                  "university", "stadium", "bridge", "dam", "market", "refinery", "plant", "prison", "barracks",
                  "district", "city", "town", "province", "region", "oblast", "governorate", "state"}
# the participle after "X-" that makes the place X a backer, a base or an owner, not where something happened
BACKING_WORDS = frozenset({"backed", "based", "led", "allied", "aligned", "funded", "supported", "sponsored", "linked",
                           "affiliated"})
# buildings and sites a town's name may come before: "the Timba police station", "a Pittsburgh synagogue"
# houses of worship, often named after a saint ("Saint George church", "St Mark's Cathedral": no town's name)
WORSHIP_NOUNS = {"church", "cathedral", "chapel", "basilica", "monastery", "mosque", "synagogue", "temple", "shrine"}
SAINT_WORDS = {"saint", "st", "st.", "sainte", "saints"}
BUILDING_NOUNS = WORSHIP_NOUNS | {"station", "camp", "base", "airbase", "airport", "hospital", "clinic", "school",
                                  "market", "prison", "jail", "barracks", "checkpoint", "outpost", "hotel", "stadium",
                                  "refinery", "port", "bridge", "university", "headquarters", "compound"}
# the last word of a site's name, a building or a road, which an attack is filed under the town of ("Mitiga
# International Airport", "the Justice Palace", "Gulistan Road"): not camps, squares or junctions, often places
# in their own right
SITE_WORDS = (BUILDING_NOUNS - {"camp"}) | {"palace", "mall", "road", "street", "avenue", "highway", "building",
                                     "tower", "centre", "center", "metro"}
# where a landmark only locates another place: "on the northern edge of Y", "30km northwest of the capital"
BORDER_NOUNS = ("edge", "outskirts", "fringe", "fringes")
EDGE_NOUNS = {*BORDER_NOUNS, "side", "heart", "centre", "center", "part"}
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
           "north-west", "south-east", "south-west", "northeastern", "northwestern", "southeastern", "southwestern"}
DISTANCE_NOUNS = {"km", "kilometre", "kilometer", "mile", "metre", "meter", "kms"}
# prepositions of where something is: "near al-Shaddadi", "outside the city"
LOCATING_PREPS = {"near", "outside", "in", "around"}
NEAR = LOCATING_PREPS | {"at"}  # before a one-word name the small model took for a person's: "at Intahaka"
# prepositions a place name follows (the NER fix): also of a direction or an origin, "towards X", "from X"
LOCATIVE = NEAR | {"of", "from", "into", "across", "towards", "toward"}
# prepositions of an event's place (the attack rules): also "on", "inside", "over"; "from" and "of" are judged apart
LOCATIVE_PREPS = NEAR | {"on", "across", "inside", "into", "of", "from", "over"}
# verbs of taking someone from a place, where "from X" is where it happened: "abducted students from a school"
TAKEN_FROM = {"abduct", "kidnap", "seize", "snatch", "take", "grab", "rescue", "evacuate", "pull", "free", "recover"}

# ---------------------------------------------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------------------------------------------

TIME_WORDS = {"overnight", "yesterday", "today", "tonight"}  # time words the NER does not tag
# words that make a date a bound of a period, not the day of an attack: "since October", "after Friday's attack"
TIME_BOUND_WORDS = {"since", "until", "till", "before", "after", "by", "from", "between"}
# the bounds that never give the day of what they bound ("after" and "between" may: "shortly after midnight on
# Sunday", "between Thursday night and Friday")
OPEN_BOUNDS = {"since", "until", "till", "before"}
# a day told relative to the attack just reported → days after it
RELATIVE_DAYS = [("the same day", 0), ("that same day", 0), ("hours later", 0), ("hours after", 0), ("later that day", 0),
                 ("hours earlier", 0), ("earlier that day", 0), ("a day earlier", -1), ("the day before", -1),
                 ("the previous day", -1), ("a day later", 1), ("the next day", 1), ("the following day", 1)]
