//! Table-driven tests of the event rules: one line per case, on sentences
//! written for these tests. Each case lists every event the text must
//! give, as `type trigger key=value ...`; a key left out is not checked,
//! an event not listed fails the case.

use crate::{Event, Extractor, Genericity, Input, Modality, Polarity, Tense};

/// The document date of every case.
const DATE: &str = "2017-06-01";

fn ids(e: &Option<crate::Entity>) -> Vec<String> {
    e.iter()
        .flat_map(|e| e.id.iter().chain(e.ancestors.iter()))
        .map(|s| s.to_string())
        .collect()
}

/// Whether an event has every `key=value` of a wanted line.
fn fits(ev: &Event, want: &str) -> Result<(), String> {
    let mut parts = want.split_whitespace();
    let ty = parts.next().unwrap_or_default();
    let trigger = parts.next().unwrap_or_default();
    if ev.event_type.as_str() != ty {
        return Err(format!("type {}", ev.event_type));
    }
    if !ev.trigger.text.contains(trigger) {
        return Err(format!("trigger {:?}", ev.trigger.text));
    }
    for kv in parts {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let ok = match k {
            "agent" => ids(&ev.agent).iter().any(|i| i == v),
            "target" => ids(&ev.target).iter().any(|i| i == v),
            "place" => ids(&ev.place).iter().any(|i| i == v),
            "source" => ids(&ev.source).iter().any(|i| i == v),
            "time" => ev
                .time
                .as_ref()
                .and_then(|t| t.value.from_iso())
                .is_some_and(|f| f.starts_with(v)),
            "count" => ev
                .count
                .as_ref()
                .and_then(|c| c.value)
                .is_some_and(|x| x.to_string() == v),
            "qualifier" => ev.count.as_ref().is_some_and(|c| {
                serde_json::to_value(c.qualifier).ok()
                    == Some(serde_json::Value::String(v.to_string()))
            }),
            "negative" => ev.polarity == Polarity::Negative,
            "future" => ev.tense == Tense::Future,
            "generic" => ev.genericity == Genericity::Generic,
            "disputed" => ev.modality == Modality::Other,
            "rule" => ev.rule == v,
            other => return Err(format!("unknown key {other}")),
        };
        if !ok {
            return Err(format!("{kv} does not hold: {ev}"));
        }
    }
    // Attributes not asked for keep their defaults.
    for (flag, default) in [
        ("negative", ev.polarity == Polarity::Positive),
        ("future", ev.tense != Tense::Future),
        ("generic", ev.genericity == Genericity::Specific),
        ("disputed", ev.modality == Modality::Asserted),
    ] {
        if !default && !want.split_whitespace().any(|p| p == flag) {
            return Err(format!("unexpected {flag}: {ev}"));
        }
    }
    Ok(())
}

fn check(text: &str, wanted: &[&str]) {
    let doc = Extractor::builtin()
        .extract(Input::new(text).with_date(DATE.parse().unwrap()));
    let mut unmatched: Vec<&Event> = doc.events.iter().collect();
    for want in wanted {
        let pos = unmatched.iter().position(|e| fits(e, want).is_ok());
        match pos {
            Some(k) => {
                unmatched.remove(k);
            }
            None => {
                let why: Vec<String> = doc
                    .events
                    .iter()
                    .map(|e| {
                        format!(
                            "  {e} [{}]: {:?}",
                            e.trigger.text,
                            fits(e, want)
                        )
                    })
                    .collect();
                panic!(
                    "no event `{want}` in {text:?}; events:\n{}",
                    why.join("\n")
                );
            }
        }
    }
    assert!(
        unmatched.is_empty(),
        "unexpected events in {text:?}: {}",
        unmatched
            .iter()
            .map(|e| format!("{e} [{}]", e.trigger.text))
            .collect::<Vec<_>>()
            .join("; ")
    );
}

macro_rules! t {
    ($name:ident, $text:expr, [$($want:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            check($text, &[$($want),*]);
        }
    };
}

// Word order and argument marking.
t!(
    vso_target_marked,
    "شنّ تنظيم داعش هجوماً على مواقع لقوات النظام في ريف حمص.",
    ["offensive هجوما agent=isis target=saa place=homs_governorate"]
);
t!(
    svo,
    "قوات سوريا الديمقراطية هاجمت مواقع التنظيم قرب منبج.",
    ["offensive هاجمت agent=sdf target=isis place=manbij"]
);
t!(
    construct_state,
    "وجاء هجوم التنظيم على حاجز للجيش السوري بعد منتصف الليل.",
    ["offensive هجوم agent=isis target=saa"]
);
t!(
    possessive_lam,
    "مقتل عشرة عناصر من قسد بهجوم لتنظيم داعش.",
    [
        "casualties مقتل count=10 target=sdf agent=isis",
        "offensive بهجوم agent=isis target=sdf"
    ]
);
t!(
    passive_toll,
    "تم تدمير القافلة وقتل خمسة عناصر من قوات النظام.",
    ["casualties قتل count=5 target=saa"]
);
t!(
    relative_clause_agent,
    "يواصل التحالف الدولي الذي يوجه ضربات جوية ضد مواقع داعش عملياته.",
    ["airstrike ضربات agent=global_coalition target=isis generic"]
);
// Airstrike or shelling.
t!(
    air_by_agent,
    "قصفت الطائرات الروسية بلدة في ريف إدلب.",
    ["airstrike قصفت agent=russia place=idlib_governorate"]
);
t!(
    air_demonym_on_trigger,
    "وتزامن ذلك مع قصف روسي كثيف على المدينة.",
    ["airstrike قصف agent=russia"]
);
t!(
    shelling_by_cue,
    "قصفت قوات النظام بالمدفعية الثقيلة أحياء درعا.",
    ["shelling قصفت agent=saa place=daraa"]
);
t!(
    shelling_ground_group,
    "قصف تنظيم داعش بقذائف الهاون أحياء مدينة دير الزور.",
    ["shelling قصف agent=isis"]
);
t!(
    raids_are_air,
    "شنت مقاتلات التحالف عشرين غارة على مواقع التنظيم.",
    ["airstrike غارة agent=global_coalition target=isis count=20"]
);
t!(
    air_support,
    "تقدمت قوات النظام بغطاء جوي روسي.",
    [
        "offensive تقدمت agent=saa",
        "airstrike غطاء agent=russia rule=airstrike.air_support"
    ]
);
// What is not an event.
t!(overflight, "وشهدت المنطقة تحليقاً مكثفاً للطائرات الحربية الروسية.", []);
t!(leaflets, "ألقت طائرات التحالف مناشير فوق مدينة الرقة.", []);
t!(aim, "تعمل قوات سوريا الديمقراطية من أجل تحرير مدينة الرقة.", []);
t!(figurative_blow, "وجهت المعارضة ضربة كبيرة للحكومة في المفاوضات.", []);
t!(toppling_is_no_shootdown, "تسعى المعارضة إلى إسقاط النظام.", []);
t!(relative_verb, "وتحدث عن الأهداف التي تقصفها في سورية.", []);
t!(definite_support_is_an_idea, "وقال إن الدعم الجوي الروسي لا يكفي.", []);
t!(bare_campaign_refers_back, "وترافقت الحملة مع انقطاع الكهرباء.", []);
// Negation, denial, future, generic.
t!(
    negated,
    "لم تنفذ الطائرات الروسية أي ضربات جوية على المدينة.",
    ["airstrike ضربات agent=russia negative"]
);
t!(
    absent_support,
    "تراجعت قوات النظام في غياب أي دعم جوي روسي.",
    ["withdrawal تراجعت agent=saa", "airstrike دعم agent=russia negative"]
);
t!(
    stopped,
    "توقف القصف الروسي على المدينة.",
    ["airstrike القصف agent=russia negative"]
);
t!(
    denied_claim,
    "نفت وزارة الدفاع الروسية مزاعم عن إسقاط مروحية روسية.",
    ["shootdown إسقاط disputed"]
);
t!(
    threat_speaker,
    "روسيا: سنقصف مواقع داعش في الرقة.",
    ["airstrike سنقصف agent=russia target=isis place=raqqa future"]
);
t!(
    intention,
    "وتنوي القوات الكردية بدء هجوم على الرقة.",
    ["offensive هجوم agent=ypg future"]
);
t!(
    threat_noun,
    "وهددت تركيا بشن هجوم على منبج.",
    ["offensive هجوم agent=turkey future"]
);
t!(
    habitual,
    "تنفذ طائرات روسية منذ أشهر ضربات جوية في سوريا.",
    ["airstrike ضربات agent=russia generic"]
);
t!(
    relative_generic,
    "وقالت موسكو إن الغارات التي تشنها طائراتها تستهدف داعش.",
    ["airstrike الغارات generic"]
);
// Casualties and counts.
t!(
    at_least,
    "قتل ما لا يقل عن 120 عنصراً من تنظيم داعش.",
    ["casualties قتل count=120 qualifier=at_least target=isis"]
);
t!(
    toll_after_strike,
    "قصفت الطائرات الروسية مواقع التنظيم، ما أسفر عن مقتل 30 مسلحاً.",
    [
        "airstrike قصفت agent=russia target=isis",
        "casualties مقتل count=30 agent=russia target=isis"
    ]
);
t!(
    causal_verb,
    "أدت العمليات المشتركة للجيشين السوري والروسي إلى تصفية 28 ألف مسلح.",
    ["casualties تصفية count=28000"]
);
t!(
    victims_before,
    "ولقي ثلاثة عناصر من الشرطة العسكرية الروسية حتفهم بانفجار لغم.",
    ["casualties حتف count=3 target=russian_mp"]
);
t!(
    displaced,
    "نزح أكثر من 200 ألف شخص من مدينة الرقة.",
    ["displacement نزح count=200000 qualifier=more_than place=raqqa"]
);
t!(
    fleeing_people,
    "وفرت مئات العائلات من القرى نحو الحدود.",
    ["displacement وفرت"]
);
t!(fleeing_fighters, "وحاول عناصر التنظيم الفرار من المدينة.", []);
// Deadlines.
t!(
    deadline_dated,
    "مددت قوات سوريا الديمقراطية المهلة حتى 2017/5/31.",
    ["deadline المهلة agent=sdf time=2017-05-31"]
);
t!(
    deadline_end_of_month,
    "وأعلنت تمديد الهدنة لغاية نهاية هذا الشهر.",
    ["deadline تمديد time=2017-06-30"]
);
// Across sentences, referents, attribution.
t!(toll_next_sentence, "قصفت الطائرات الروسية مواقع التنظيم في الرقة. وأسفر القصف عن مقتل 30 مسلحاً.",
   ["airstrike قصفت agent=russia place=raqqa", "airstrike القصف agent=russia",
    "casualties مقتل count=30 agent=russia target=isis"]);
t!(
    referent_organisation,
    "سيطر تنظيم داعش على القرية. وشن التنظيم هجوماً على حاجز.",
    ["territory_capture سيطر agent=isis", "offensive هجوما agent=isis"]
);
t!(
    referent_jihadists,
    "قبل أن يبدأ الجهاديون بهجوم معاكس على قوات النظام.",
    ["offensive بهجوم agent=isis target=saa"]
);
t!(
    attribution,
    "بحسب المرصد السوري لحقوق الإنسان، قصفت قوات النظام بلدة كفرنبل.",
    ["shelling قصفت agent=saa source=sohr place=kafr_nubl"]
);
t!(
    withdrawal_place,
    "انسحبت قوات النظام من مدينة تدمر.",
    ["withdrawal انسحبت agent=saa place=palmyra"]
);
t!(
    withdrawal_of_attacked,
    "شن داعش هجوماً على قوات النظام ما أجبرها على الانسحاب.",
    ["offensive هجوما agent=isis target=saa", "withdrawal الانسحاب agent=saa"]
);
t!(
    clash_between,
    "اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في البادية.",
    ["clash اشتباكات agent=saa target=isis"]
);
t!(
    launched_battle,
    "أطلقت قوات سوريا الديمقراطية معركة للسيطرة على الطبقة.",
    ["offensive معركة agent=sdf"]
);
t!(
    shootdown,
    "أسقطت طائرات التحالف طائرة مسيرة قرب التنف.",
    ["shootdown أسقطت agent=global_coalition place=tanf"]
);
t!(
    time_weekday,
    "قصفت الطائرات الروسية مدينة الرقة يوم الإثنين.",
    ["airstrike قصفت agent=russia time=2017-05-29"]
);

// Types beyond the annotation's nine.
t!(
    capture,
    "سيطرت قوات النظام على بلدة التريمسة بعد معارك مع الفصائل.",
    ["territory_capture سيطرت agent=saa place=tremseh", "clash معارك"]
);
t!(
    control_statement_is_no_event,
    "ويسيطر تنظيم داعش على أجزاء من البادية.",
    []
);
t!(aim_to_control_is_no_event, "تهدف العملية إلى السيطرة على المدينة.", []);
t!(
    managed_to_take,
    "وتمكنت قوات سوريا الديمقراطية من السيطرة على حي المشلب.",
    ["territory_capture السيطرة agent=sdf"]
);
t!(
    surrender,
    "أعلن عشرات من عناصر تنظيم داعش استسلامهم لقوات سوريا الديمقراطية.",
    ["surrender استسلام"]
);
t!(
    reinforcements,
    "ودفعت قوات سوريا الديمقراطية بتعزيزات عسكرية إلى ريف الرقة.",
    ["reinforcement تعزيزات agent=sdf place=raqqa_governorate"]
);

#[test]
fn display_is_one_human_line() {
    let text = "قصفت الطائرات الروسية مواقع تنظيم داعش في الرقة أمس.";
    let doc = Extractor::builtin()
        .extract(Input::new(text).with_date(DATE.parse().unwrap()));
    let line = doc.events[0].to_string();
    assert!(line.starts_with("airstrike · agent russia_aerospace · target isis · place raqqa · 2017-05-31"), "{line}");
    assert!(line.ends_with(" · rule airstrike.verb"), "{line}");
}

#[test]
fn rule_names_are_type_dot_pattern() {
    use crate::EventType;
    for (i, ty) in EventType::ALL.into_iter().enumerate() {
        assert_eq!(ty as usize, i, "{ty}");
        assert_eq!(ty.default_rule(true), format!("{ty}.verb"));
        assert_eq!(ty.default_rule(false), format!("{ty}.noun"));
    }
    // A trigger with a rule name of its own, in a file of one's own: the
    // name follows the event's type, which the context may change.
    let toml = include_str!("../../gazetteers/events.toml");
    let lex = super::EventLexicon::from_toml("e.toml", toml).unwrap();
    let named: Vec<_> =
        lex.entries.iter().filter(|e| e.rule_names.is_some()).collect();
    assert!(!named.is_empty());
    for e in named {
        for ty in EventType::ALL {
            assert_eq!(e.rule_name(ty, true), format!("{ty}.air_support"));
        }
    }
    let plain = lex.entries.iter().find(|e| e.rule_names.is_none()).unwrap();
    assert_eq!(plain.rule_name(EventType::Clash, false), "clash.noun");
    // And in an extraction.
    let doc = Extractor::builtin().extract(
        "وتقدمت قوات سوريا الديمقراطية بدعم جوي من التحالف الدولي في الرقة.",
    );
    let rules: Vec<&str> = doc.events.iter().map(|e| &*e.rule).collect();
    assert!(rules.iter().any(|r| r.ends_with(".air_support")), "{rules:?}");
}

#[test]
fn document_view_merges_repeated_headlines() {
    let text = "قصف روسي على الرقة\n\nقصف روسي على الرقة\n\n\
                واندلعت اشتباكات بين قوات النظام وتنظيم داعش.";
    let doc = Extractor::builtin().extract(text);
    assert_eq!(doc.events.len(), 3);
    let merged: Vec<(crate::EventType, Vec<usize>)> = doc
        .document_events
        .iter()
        .map(|d| (d.event_type, d.mentions.clone()))
        .collect();
    assert_eq!(
        merged,
        [
            (crate::EventType::Airstrike, vec![0, 1]),
            (crate::EventType::Clash, vec![2])
        ]
    );
}

/// `has_event_time` answers as `event_time` does, on every time mention
/// of the articles and the peer texts.
#[test]
fn has_event_time_agrees_with_event_time() {
    let x = Extractor::builtin();
    let texts = crate::test_texts::all();
    let mut n = 0;
    for t in &texts {
        let p = crate::__stages::prepare(&x, t.as_str());
        for m in crate::__stages::times(&p) {
            assert_eq!(
                super::view::has_event_time(&m),
                super::view::event_time(&m).is_some(),
                "{:?}",
                m.loc.text
            );
            n += 1;
        }
    }
    assert!(n > 100, "{n}");
}

/// The merge as it was before its lists were kept inline, its text ids
/// found per mention and its times formatted once per run: the slow path
/// of [`super::merge`].
fn merge_slow(
    events: &[Event],
    sentences: &[&str],
    repeats: &[(usize, usize)],
) -> Vec<crate::DocumentEvent> {
    use crate::hash::FastMap;
    use crate::{DocumentEvent, EventType};
    /// How many recent document events a mention may join by nearness.
    const RECENT: usize = 8;
    let mut out: Vec<DocumentEvent> = Vec::new();
    // Document events by (type, sentence text) and, for repeated
    // paragraphs, the sentence each repeat copies.
    let mut by_text: FastMap<(EventType, usize), Vec<usize>> =
        FastMap::default();
    // Each distinct sentence text gets an id: its first sentence.
    let text_id = crate::text::first_occurrences(sentences);
    let text_of = |si: usize| text_id.get(si).copied().unwrap_or(usize::MAX);
    let mut copy_of: Vec<Option<usize>> = vec![None; sentences.len()];
    for &(orig, rep) in repeats {
        if let Some(slot) = copy_of.get_mut(rep) {
            *slot = Some(orig);
        }
    }
    let mut by_sentence: FastMap<(EventType, usize), Vec<usize>> =
        FastMap::default();
    let agree = |x: Option<&str>, y: Option<&str>| {
        x.is_none() || y.is_none() || x == y
    };
    for (i, e) in events.iter().enumerate() {
        let time = e.time.as_ref().and_then(super::view::time_from);
        let fits = |d: &DocumentEvent| {
            d.event_type == e.event_type
                && agree(d.agent.as_deref(), super::id_of(&e.agent))
                && agree(d.target.as_deref(), super::id_of(&e.target))
                && agree(d.time.as_deref(), time.as_deref())
        };
        let near = |d: &DocumentEvent| {
            let Some(last) = d.mentions.last().and_then(|&m| events.get(m))
            else {
                return false;
            };
            e.sentence_index <= last.sentence_index + 1
                && agree(d.place.as_deref(), super::id_of(&e.place))
        };
        let same_text = by_text
            .get(&(e.event_type, text_of(e.sentence_index)))
            .into_iter()
            .flatten();
        let repeated = copy_of
            .get(e.sentence_index)
            .copied()
            .flatten()
            .and_then(|o| by_sentence.get(&(e.event_type, o)))
            .into_iter()
            .flatten();
        let recent = (out.len().saturating_sub(RECENT)..out.len()).rev();
        let found = same_text
            .chain(repeated)
            .copied()
            .find(|&k| out.get(k).is_some_and(fits))
            .or_else(|| {
                recent
                    .into_iter()
                    .find(|&k| out.get(k).is_some_and(|d| fits(d) && near(d)))
            });
        let k = match found.and_then(|k| Some((k, out.get_mut(k)?))) {
            Some((k, d)) => {
                d.mentions.push(i);
                d.agent =
                    d.agent.take().or_else(|| super::shared_id(&e.agent));
                d.target =
                    d.target.take().or_else(|| super::shared_id(&e.target));
                d.place =
                    d.place.take().or_else(|| super::shared_id(&e.place));
                d.time = d.time.take().or(time);
                k
            }
            None => {
                out.push(DocumentEvent {
                    event_type: e.event_type,
                    mentions: vec![i],
                    agent: super::shared_id(&e.agent),
                    target: super::shared_id(&e.target),
                    place: super::shared_id(&e.place),
                    time,
                });
                out.len() - 1
            }
        };
        let texts = by_text
            .entry((e.event_type, text_of(e.sentence_index)))
            .or_default();
        if !texts.contains(&k) {
            // Keep the lists short: a text repeated with ever new
            // arguments must not make the merge quadratic.
            if texts.len() == RECENT {
                texts.remove(0);
            }
            texts.push(k);
        }
        let sents =
            by_sentence.entry((e.event_type, e.sentence_index)).or_default();
        if !sents.contains(&k) && sents.len() < RECENT {
            sents.push(k);
        }
    }
    out
}

/// The merge answers as the slow path, on the events of every test text
/// and of every test text printed twice, with every repeat of a sentence
/// text and every pair of neighbours given as repeated paragraphs.
#[test]
fn merge_answers_as_the_slow_path() {
    let x = Extractor::builtin();
    let mut merged = 0;
    for t in crate::test_texts::all() {
        for text in [t.clone(), format!("{t}\n\n{t}")] {
            let doc =
                x.extract(Input::new(&text).with_date(DATE.parse().unwrap()));
            let texts: Vec<&str> =
                doc.sentences.iter().map(|s| s.loc.text.as_str()).collect();
            let first = crate::text::first_occurrences(&texts);
            let same: Vec<(usize, usize)> = first
                .iter()
                .enumerate()
                .filter(|&(i, &f)| f != i)
                .map(|(i, &f)| (f, i))
                .collect();
            let pairs: Vec<(usize, usize)> =
                (1..texts.len()).map(|i| (i - 1, i)).collect();
            // Texts of one length that differ (each told by its index in
            // threes, or mod 4 as one char), to reach the whole-text
            // comparison behind the length.
            let thirds: Vec<String> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| ["a", "b", "c"][i % 3].repeat(t.len()))
                .collect();
            let fours: Vec<String> =
                (0..texts.len()).map(|i| (i % 4).to_string()).collect();
            for repeats in [Vec::new(), same, pairs] {
                let fast = super::merge(&doc.events, &texts, &repeats);
                let slow = merge_slow(&doc.events, &texts, &repeats);
                assert_eq!(fast, slow, "{text}");
                merged += doc.events.len() - fast.len();
                for other in [&thirds, &fours] {
                    let other: Vec<&str> =
                        other.iter().map(String::as_str).collect();
                    let fast = super::merge(&doc.events, &other, &repeats);
                    let slow = merge_slow(&doc.events, &other, &repeats);
                    assert_eq!(fast, slow, "{text}");
                }
            }
        }
    }
    assert!(merged > 100, "{merged}");
}

/// `same_text` answers as `==`: on one slice, on equal texts held
/// apart, on prefixes, on slices of one text that start together and on
/// empty texts.
#[test]
fn same_text_answers_as_equality() {
    let whole = String::from("raqqa_governorate raqqa");
    let apart = String::from("raqqa");
    let texts = [
        &whole[..5],
        &whole[18..],
        apart.as_str(),
        &whole[..],
        &whole[..0],
        &whole[18..18],
        "",
        "raqq",
        "syria",
    ];
    for x in texts {
        for y in texts {
            assert_eq!(super::same_text(x, y), x == y, "{x:?} {y:?}");
        }
    }
}
