//! The parser's table tests: what each message is read as, in both languages.

use proptest::prelude::*;

use super::*;

const PRIVATE: ChatContext = ChatContext::Private;
const GROUP: ChatContext = ChatContext::Group { request_channel: false };
const REQUESTS: ChatContext = ChatContext::Group { request_channel: true };

fn cmd(command: Command) -> Parsed {
    Parsed::Command(command)
}

#[test]
fn the_ask_buttons_read_back_as_their_reasons() {
    for lang in [Lang::Fr, Lang::En] {
        for reason in [DeclineReason::NotNow, DeclineReason::NotMine] {
            let typed = decline_with(lang, 7, reason);
            assert_eq!(parse(&typed, PRIVATE), cmd(Command::Decline(7, Some(reason))), "{typed}");
        }
    }
}

#[test]
fn reads_french_english_and_platform_spellings() {
    let cases = [
        ("/besoin une perceuse", PRIVATE, cmd(Command::Need("une perceuse".into()))),
        ("/need a drill", PRIVATE, cmd(Command::Need("a drill".into()))),
        ("/besoin@EntraideBot une scie", GROUP, cmd(Command::Need("une scie".into()))),
        ("!offre je prête ma scie", GROUP, cmd(Command::Offer("je prête ma scie".into()))),
        ("/OFFER  I lend tools ", PRIVATE, cmd(Command::Offer("I lend tools".into()))),
        ("/inviter", PRIVATE, cmd(Command::Invite(None))),
        ("/inviter Léa, ma voisine", PRIVATE, cmd(Command::Invite(Some("Léa, ma voisine".into())))),
        ("/join abcd-efgh", PRIVATE, cmd(Command::Join("abcd-efgh".into()))),
        ("/accepter 12", PRIVATE, cmd(Command::Accept(12))),
        ("/confirmer #12", PRIVATE, cmd(Command::Accept(12))),
        ("/decline 3", PRIVATE, cmd(Command::Decline(3, None))),
        ("/refuser 3 maintenant", PRIVATE, cmd(Command::Decline(3, Some(DeclineReason::NotNow)))),
        ("/refuser 3 pas maintenant", PRIVATE, cmd(Command::Decline(3, Some(DeclineReason::NotNow)))),
        ("/decline 3 not now", PRIVATE, cmd(Command::Decline(3, Some(DeclineReason::NotNow)))),
        ("/refuser #3 Pas pour moi", PRIVATE, cmd(Command::Decline(3, Some(DeclineReason::NotMine)))),
        ("/refuser 3 pas-mon-offre", PRIVATE, cmd(Command::Decline(3, Some(DeclineReason::NotMine)))),
        ("/decline 3 not what I offer", PRIVATE, cmd(Command::Decline(3, Some(DeclineReason::NotMine)))),
        ("/refuser 3 bof", PRIVATE, Parsed::Error(ParseError::Usage(CommandName::Decline))),
        ("/retablir 7", PRIVATE, cmd(Command::Rematch(7))),
        ("/restore #7", PRIVATE, cmd(Command::Rematch(7))),
        ("/rétablir", PRIVATE, Parsed::Error(ParseError::Usage(CommandName::Rematch))),
        ("/merci 4", PRIVATE, cmd(Command::Thanks(4))),
        ("/fait 4", PRIVATE, cmd(Command::Done(4))),
        ("/ouvert 4", PRIVATE, cmd(Command::StillOpen(4))),
        ("/fermer 4", PRIVATE, cmd(Command::Close(4))),
        ("/lieu Lyon 3e", PRIVATE, cmd(Command::Place(Some("Lyon 3e".into())))),
        ("/lieu 12 rue Sala, Lyon", PRIVATE, Parsed::Error(ParseError::Place(PlaceError::Address))),
        ("/lieu 69002", PRIVATE, Parsed::Error(ParseError::Place(PlaceError::NoName))),
        ("/lieu Paris 75011", PRIVATE, cmd(Command::Place(Some("Paris 75011".into())))),
        ("/lieu 12 r. de la Paix", PRIVATE, Parsed::Error(ParseError::Place(PlaceError::Address))),
        ("/lieu 06 12 34 56 78", PRIVATE, Parsed::Error(ParseError::Place(PlaceError::Phone))),
        ("/lieu bob@example.org", PRIVATE, Parsed::Error(ParseError::Place(PlaceError::Email))),
        ("/lieu Ly\u{200B}on 3e", PRIVATE, cmd(Command::Place(Some("Lyon 3e".into())))),
        ("/lieu \u{200B}", PRIVATE, Parsed::Error(ParseError::Usage(CommandName::Place))),
        ("/lieu aucun", PRIVATE, cmd(Command::Place(None))),
        ("/lieu Villeurbanne", PRIVATE, cmd(Command::Place(Some("Villeurbanne".into())))),
        ("/place none", PRIVATE, cmd(Command::Place(None))),
        ("/langue en", PRIVATE, cmd(Command::Language(Lang::En))),
        ("/aide", PRIVATE, cmd(Command::Help)),
        ("/start", PRIVATE, cmd(Command::Help)),
        ("/start entraide", PRIVATE, cmd(Command::Help)),
        ("/start K7QM2XRD9TBFW4HN", PRIVATE, cmd(Command::Join("K7QM2XRD9TBFW4HN".into()))),
        ("/bannir bob spam répété", GROUP, cmd(Command::Ban { target: "bob".into(), reason: "spam répété".into() })),
        ("/journal", PRIVATE, cmd(Command::Audit(AuditFilter { page: 1, ..AuditFilter::default() }))),
        ("/revoquer ABCD-EFGH", PRIVATE, cmd(Command::Revoke("ABCD-EFGH".into()))),
        ("/lier", PRIVATE, cmd(Command::Link(None))),
        ("/link 1234-ABCD", PRIVATE, cmd(Command::Link(Some("1234-ABCD".into())))),
        ("/delier Telegram", PRIVATE, cmd(Command::Unlink(Platform::Telegram))),
        (
            "/retirer-parrainage bob trop d'invitations",
            PRIVATE,
            cmd(Command::WithdrawInvites { target: "bob".into(), reason: "trop d'invitations".into() }),
        ),
        ("/restore-invites #4", PRIVATE, cmd(Command::RestoreInvites("#4".into()))),
        ("/parrainer @zoe", PRIVATE, cmd(Command::Vouch("@zoe".into()))),
        ("/candidater", PRIVATE, cmd(Command::Apply)),
        ("/candidates", PRIVATE, cmd(Command::Candidates)),
        ("/membre bob", PRIVATE, cmd(Command::Record { target: "bob".into(), page: 1 })),
        ("/approuver 3", PRIVATE, cmd(Command::Approve(3))),
        ("/reject #3", PRIVATE, cmd(Command::Reject(3))),
        ("/arrivées", PRIVATE, cmd(Command::Held)),
        ("/adopter", PRIVATE, cmd(Command::Adopt(Adoption::Status))),
        ("/adopter ouvrir", GROUP, cmd(Command::Adopt(Adoption::Open(7)))),
        ("/adopt open 3d", PRIVATE, cmd(Command::Adopt(Adoption::Open(3)))),
        ("/adopter ouvrir 90", PRIVATE, Parsed::Error(ParseError::Usage(CommandName::Adopt))),
        ("/adopter ouvrir demain", PRIVATE, Parsed::Error(ParseError::Usage(CommandName::Adopt))),
        ("/adopter fermer", PRIVATE, cmd(Command::Adopt(Adoption::Close))),
        (
            "/adopter 123456789 Marie  Dupont",
            PRIVATE,
            cmd(Command::Adopt(Adoption::Account { id: "123456789".into(), name: Some("Marie Dupont".into()) })),
        ),
        (
            "/adopter <@200000000000000002>",
            PRIVATE,
            cmd(Command::Adopt(Adoption::Account { id: "<@200000000000000002>".into(), name: None })),
        ),
        ("/member #3 2", PRIVATE, cmd(Command::Record { target: "#3".into(), page: 2 })),
        ("/membre Marie Dupont", PRIVATE, cmd(Command::Record { target: "Marie Dupont".into(), page: 1 })),
        ("/parrainer Marie Dupont", PRIVATE, cmd(Command::Vouch("Marie Dupont".into()))),
        (
            "/avertir @bob propos blessants",
            GROUP,
            cmd(Command::Warn { target: "@bob".into(), reason: "propos blessants".into() }),
        ),
        (
            "/suspend #4 7d spam",
            PRIVATE,
            cmd(Command::Suspend { target: "#4".into(), duration: 7 * 86_400, reason: "spam".into() }),
        ),
        ("/unsuspend bob ok", PRIVATE, cmd(Command::Lift { target: "bob".into(), reason: "ok".into() })),
        (
            "/signaler 12 annonce louche",
            PRIVATE,
            cmd(Command::Report { subject: ReportSubject::Post(12), reason: "annonce louche".into() }),
        ),
        (
            "/report @bob rude",
            PRIVATE,
            cmd(Command::Report { subject: ReportSubject::Member("@bob".into()), reason: "rude".into() }),
        ),
        ("/signalements", PRIVATE, cmd(Command::Reports)),
        ("/prendre #3", PRIVATE, cmd(Command::Take(3))),
        (
            "/résoudre 3 suspendre 2sem récidive",
            PRIVATE,
            cmd(Command::Resolve { id: 3, action: Resolution::Suspend(14 * 86_400), reason: "récidive".into() }),
        ),
        (
            "/resolve 3 hide spam",
            PRIVATE,
            cmd(Command::Resolve { id: 3, action: Resolution::Hide, reason: "spam".into() }),
        ),
        ("/classer 3 rien à voir", PRIVATE, cmd(Command::Dismiss { id: 3, reason: "rien à voir".into() })),
        ("/masquer 9 hors sujet", PRIVATE, cmd(Command::Hide { post: 9, reason: "hors sujet".into() })),
        (
            "/role Marie Dupont modératrice",
            PRIVATE,
            cmd(Command::SetRole { target: "Marie Dupont".into(), role: Role::Moderator }),
        ),
        ("/config", PRIVATE, cmd(Command::Config(None))),
        ("/config trial-days 10", PRIVATE, cmd(Command::Config(Some(("trial_days".into(), Some("10".into())))))),
        ("/config trial_days défaut", PRIVATE, cmd(Command::Config(Some(("trial_days".into(), None))))),
        ("/stats", PRIVATE, cmd(Command::Stats(30))),
        ("/stats 2sem", PRIVATE, cmd(Command::Stats(14))),
        ("/mes-données", PRIVATE, cmd(Command::MyData)),
        ("/mes_donnees", PRIVATE, cmd(Command::MyData)),
        ("/envois", PRIVATE, cmd(Command::Undelivered)),
        ("/resend #12", PRIVATE, cmd(Command::Resend(12))),
        ("/delete-me", PRIVATE, cmd(Command::DeleteMe(false))),
        ("/supprimer-compte CONFIRMER", PRIVATE, cmd(Command::DeleteMe(true))),
        ("/tableau", PRIVATE, cmd(Command::Dashboard(false))),
        ("/dashboard", PRIVATE, cmd(Command::Dashboard(false))),
        ("/tableau Fin", PRIVATE, cmd(Command::Dashboard(true))),
        ("/dashboard end", PRIVATE, cmd(Command::Dashboard(true))),
        (
            "/pour Mme Durand besoin de courses",
            PRIVATE,
            cmd(Command::OnBehalf { name: "Mme Durand".into(), kind: PostKind::Request, text: "de courses".into() }),
        ),
        (
            "/pour Mme Du\u{200B}rand besoin de courses",
            PRIVATE,
            cmd(Command::OnBehalf { name: "Mme Durand".into(), kind: PostKind::Request, text: "de courses".into() }),
        ),
        ("/inviter L\u{202E}éa", PRIVATE, cmd(Command::Invite(Some("Léa".into())))),
        ("/inviter @@@", PRIVATE, Parsed::Error(ParseError::Usage(CommandName::Invite))),
        ("!", PRIVATE, Parsed::NotUnderstood),
        ("!!", GROUP, Parsed::Ignored),
        ("/ 3", PRIVATE, Parsed::NotUnderstood),
        ("/inviter @bob", PRIVATE, cmd(Command::Invite(Some("@bob".into())))),
        ("/fiche @bob", PRIVATE, cmd(Command::Record { target: "@bob".into(), page: 1 })),
        (
            "/journal @bob par:#2 action:warn depuis:7j avant:2026-11-24 2",
            PRIVATE,
            cmd(Command::Audit(AuditFilter {
                target: Some("@bob".into()),
                actor: Some("#2".into()),
                action: Some(AuditAction::Warn),
                since: Some(When::Ago(7 * 86_400)),
                until: Some(When::At(1_795_478_400)),
                page: 2,
            })),
        ),
    ];
    for (text, context, expected) in cases {
        assert_eq!(parse(text, context), expected, "{text}");
    }
}

#[test]
fn hashtags_and_request_channels_make_posts() {
    assert_eq!(
        parse("Quelqu'un aurait un rétroprojecteur ? #besoin", GROUP),
        cmd(Command::Need("Quelqu'un aurait un rétroprojecteur ?".into()))
    );
    assert_eq!(parse("#Offre: je donne un canapé", GROUP), cmd(Command::Offer("je donne un canapé".into())));
    assert_eq!(
        parse("j'ai perdu mon portable à la gare", REQUESTS),
        cmd(Command::Need("j'ai perdu mon portable à la gare".into()))
    );
    assert_eq!(parse("bonjour à tous", GROUP), Parsed::Ignored);
    assert_eq!(parse("/poll Pizza ou raclette ?", GROUP), Parsed::Ignored, "another bot's command");
    assert_eq!(parse("!!! urgent", GROUP), Parsed::Ignored);
    assert_eq!(parse("/poll@EntraideBot x", GROUP), Parsed::Error(ParseError::Unknown("poll".into())));
    assert_eq!(parse("bonjour", PRIVATE), Parsed::NotUnderstood);
    assert_eq!(parse("   ", PRIVATE), Parsed::Ignored);
}

#[test]
fn a_community_can_add_its_own_request_hashtags() {
    let tags = vec!["entraide".to_owned(), "#Urgent".to_owned()];
    assert_eq!(tagged_request("#urgent besoin d'un diable", &tags), Some(Ok("besoin d'un diable".into())));
    assert_eq!(tagged_request("qui a un diable ? #Entraide!", &tags), Some(Ok("qui a un diable ?".into())));
    assert_eq!(tagged_request("#entraidez-vous", &tags), None);
    assert_eq!(tagged_request("#urgent", &tags), Some(Err(ParseError::Usage(CommandName::Need))));
    assert_eq!(tagged_request("#urgent x", &[]), None);
}

#[test]
fn malformed_commands_get_their_usage() {
    let cases = [
        ("/besoin", ParseError::Usage(CommandName::Need)),
        ("/besoin   ?!", ParseError::Usage(CommandName::Need)),
        ("#besoin", ParseError::Usage(CommandName::Need)),
        ("/accepter", ParseError::Usage(CommandName::Accept)),
        ("/accepter douze", ParseError::Usage(CommandName::Accept)),
        ("/accepter -3", ParseError::Usage(CommandName::Accept)),
        ("/fait 99999999999999999999999", ParseError::Usage(CommandName::Done)),
        ("/rejoindre", ParseError::Usage(CommandName::Join)),
        ("/bannir bob", ParseError::Usage(CommandName::Ban)),
        ("/langue klingon", ParseError::Usage(CommandName::Language)),
        ("/delier myspace", ParseError::Usage(CommandName::Unlink)),
        ("/revoquer", ParseError::Usage(CommandName::Revoke)),
        ("/retirer-parrainage bob", ParseError::Usage(CommandName::WithdrawInvites)),
        ("/avertir bob", ParseError::Usage(CommandName::Warn)),
        ("/suspendre bob spam", ParseError::Usage(CommandName::Suspend)),
        ("/suspendre bob 2ans spam", ParseError::Usage(CommandName::Suspend)),
        ("/suspendre bob 400j spam", ParseError::Usage(CommandName::Suspend)),
        ("/resoudre 3 avertir", ParseError::Usage(CommandName::Resolve)),
        ("/resoudre 3 gronder fort", ParseError::Usage(CommandName::Resolve)),
        ("/role bob roi", ParseError::Usage(CommandName::SetRole)),
        ("/config trial_days", ParseError::Usage(CommandName::Config)),
        ("/stats jamais", ParseError::Usage(CommandName::Stats)),
        ("/supprimer-compte oui", ParseError::Usage(CommandName::DeleteMe)),
        ("/tableau ouvrir", ParseError::Usage(CommandName::Dashboard)),
        ("/pour Mme Durand des courses", ParseError::Usage(CommandName::OnBehalf)),
        ("/pour besoin des courses", ParseError::Usage(CommandName::OnBehalf)),
        ("/journal action:sieste", ParseError::Usage(CommandName::Audit)),
        ("/journal depuis:hier", ParseError::Usage(CommandName::Audit)),
        ("/signaler 12", ParseError::Usage(CommandName::Report)),
        ("/frobnicate", ParseError::Unknown("frobnicate".into())),
        ("/frob\u{202E}nicate", ParseError::Unknown("frobnicate".into())),
    ];
    for (text, expected) in cases {
        assert_eq!(parse(text, PRIVATE), Parsed::Error(expected), "{text}");
    }
    let long = format!("/besoin {}", "a".repeat(MAX_TEXT_CHARS + 1));
    assert_eq!(parse(&long, PRIVATE), Parsed::Error(ParseError::TooLong(CommandName::Need)));
}

#[test]
fn reads_dates_and_spans() {
    assert_eq!(date("1970-01-01"), Some(0));
    assert_eq!(date("2026-11-24"), Some(1_795_478_400));
    assert_eq!(date("2024-02-29"), Some(1_709_164_800));
    for bad in ["2026-13-01", "2026-02-30", "2026-11", "hier", "1969-12-31", ""] {
        assert_eq!(date(bad), None, "{bad}");
    }
    assert_eq!(duration("90min"), Some(5_400));
    assert_eq!(duration("12h"), Some(43_200));
    assert_eq!(duration("0j"), None);
    assert_eq!(duration("j"), None);
}

#[test]
fn tells_the_language_of_a_command() {
    assert_eq!(language_of("/join ABCD"), Some(Lang::En));
    assert_eq!(language_of("/rejoindre ABCD"), Some(Lang::Fr));
    assert_eq!(language_of("/need@Bot a drill"), Some(Lang::En));
    assert_eq!(language_of("/start"), None);
    assert_eq!(language_of("hello"), None);
    assert_eq!(language_of("/"), None);
}

#[test]
fn every_command_has_a_french_and_an_english_name() {
    for name in CommandName::all() {
        assert_eq!(CommandName::lookup(name.word(Lang::Fr)), Some(name));
        assert_eq!(CommandName::lookup(name.word(Lang::En)), Some(name));
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        for context in [PRIVATE, GROUP, REQUESTS] {
            let _ = parse(&text, context);
            let _ = parse(&format!("/{text}"), context);
            let _ = parse(&format!("#besoin {text}"), context);
        }
    }

    #[test]
    fn never_panics_on_command_like_text(word in "[/!#]?[a-zé@]{0,12}", args in ".{0,40}") {
        let _ = parse(&format!("{word} {args}"), PRIVATE);
    }
}

/// Numbers at and near the integer limits, and long runs of digits.
fn edge_number() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            i64::MAX.to_string(),
            (i64::MAX - 1).to_string(),
            u64::MAX.to_string(),
            i128::MAX.to_string(),
            (i64::MAX / 60).to_string(),
            (i64::MAX / 86_400 + 1).to_string(),
            (i64::MAX / (7 * 86_400) + 1).to_string(),
            u32::MAX.to_string(),
            (u32::MAX as u64 + 1).to_string(),
            i32::MAX.to_string(),
            "0".to_owned(),
            "-1".to_owned(),
            "106751991167301".to_owned(),
        ]),
        any::<u64>().prop_map(|n| n.to_string()),
        "[0-9]{10,40}",
    ]
}

proptest! {
    /// Every command, with every argument shape it takes, fed numbers near the integer
    /// limits: no panic, and whatever is accepted stays within its bounds.
    #[test]
    fn numbers_near_the_limits_are_refused_or_bounded(
        number in edge_number(),
        unit in prop::sample::select(vec!["", "min", "m", "h", "j", "d", "jours", "sem", "w"]),
    ) {
        let span = format!("{number}{unit}");
        let shapes = [
            number.clone(),
            format!("#{number}"),
            span.clone(),
            format!("bob {span} motif"),
            format!("{number} {span}"),
            format!("{number} suspendre {span} motif"),
            format!("{number} suspend {span} reason"),
            format!("{number} motif"),
            format!("bob {number}"),
            format!("depuis:{span} avant:{span} {number}"),
            format!("since:{span} {number}"),
            format!("bob besoin {number}"),
        ];
        for name in CommandName::all() {
            for lang in [Lang::Fr, Lang::En] {
                for args in &shapes {
                    let parsed = parse(&format!("/{} {args}", name.word(lang)), PRIVATE);
                    if let Parsed::Command(command) = parsed {
                        match command {
                            Command::Suspend { duration, .. }
                            | Command::Resolve { action: Resolution::Suspend(duration), .. } => {
                                prop_assert!((1..=MAX_SUSPENSION_SECONDS).contains(&duration));
                            }
                            Command::Stats(days) => prop_assert!((1..=3_660).contains(&days)),
                            Command::Audit(filter) => {
                                prop_assert!((1..10_000).contains(&filter.page));
                                for when in [filter.since, filter.until].into_iter().flatten() {
                                    if let When::Ago(span) = when {
                                        prop_assert!((1..=MAX_SPAN_SECONDS).contains(&span));
                                    }
                                    let _ = when.resolve(i64::MAX);
                                    let _ = when.resolve(i64::MIN);
                                }
                            }
                            Command::Record { page, .. } => prop_assert!((1..10_000).contains(&page)),
                            _ => {}
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn spans_overflowing_the_integers_get_the_usage_line() {
    for text in [
        "/suspendre bob 9223372036854775807min y",
        "/suspend bob 153722867280912931min y",
        "/suspendre bob 400j trop long",
        "/stats 106751991167301j",
        "/stats 9223372036854775807",
        "/journal depuis:9223372036854775807sem",
        "/resoudre 1 suspendre 9223372036854775807h motif",
    ] {
        let name = command_name(text).expect("a command");
        assert_eq!(parse(text, PRIVATE), Parsed::Error(ParseError::Usage(name)), "{text}");
    }
    assert_eq!(duration("3660j"), Some(MAX_SPAN_SECONDS));
    assert_eq!(duration("3661j"), None);
}

#[test]
fn never_panics_on_huge_or_odd_input() {
    let huge = "é".repeat(1_000_000);
    for text in [huge.as_str(), "\u{0}\u{ffff}\u{fffd}", "/\u{200b}", "/", "!", "#", "/@", "/aide@"] {
        let _ = parse(text, PRIVATE);
        let _ = parse(&format!("/besoin {text}"), PRIVATE);
    }
}

/// The command table holds together: one row per command, names unique across both
/// languages and aliases, and what a row says a command takes agrees with its usage lines
/// (which only explain it: Discord's options come from the table, not from a translation).
#[test]
fn the_command_table_holds_together() {
    let mut spellings = std::collections::HashSet::new();
    for facts in COMMANDS {
        assert_eq!(facts.name.facts(), facts, "one row for {:?}", facts.name);
        for word in [facts.fr, facts.en].iter().chain(facts.aliases) {
            let fresh = spellings.insert(*word) || facts.fr == facts.en && *word == facts.en;
            assert!(fresh, "/{word} names two commands");
        }
        for lang in [Lang::Fr, Lang::En] {
            let usage = facts.name.usage(lang);
            let syntax = usage.split(" : ").next().unwrap_or_default().split(": ").next().unwrap_or_default();
            let words = syntax.split_whitespace().skip(1).count();
            match facts.takes {
                Takes::Nothing => assert_eq!(words, 0, "{usage}"),
                Takes::Number | Takes::NumberThenText | Takes::Text => assert!(
                    words > 0 || matches!(facts.name, CommandName::Link | CommandName::Help | CommandName::DeleteMe),
                    "{usage}"
                ),
            }
        }
        if facts.traits.contains(&Trait::OwnPost) {
            assert_eq!(facts.takes, Takes::Number, "{:?}", facts.name);
        }
        if facts.traits.contains(&Trait::Announces) {
            assert_eq!(facts.takes, Takes::Text, "{:?}", facts.name);
        }
    }
    assert_eq!(CommandName::all().count(), COMMANDS.len());
}
