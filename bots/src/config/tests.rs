//! The configuration's tests: the example, errors in the operator's language, validation.

use super::*;

#[test]
fn the_example_is_the_default_and_is_valid() {
    let config = Config::load(None).expect("example config");
    assert_eq!(config.database.url, "sqlite:entraide.db");
    let settings = config.settings().expect("settings");
    assert_eq!(settings.founders[0].account, AccountRef::new(Platform::Console, "alice"));
    assert_eq!(settings.invitation_ttl, 7 * 86_400);
}

#[test]
fn errors_name_the_file_line_and_key() {
    let text = EXAMPLE.replace("helpers_asked = 3", "helpers_asked = \"three\"");
    let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("my.toml") && error.contains("ligne") && error.contains("helpers_asked"), "{error}");
    let text = EXAMPLE.replace("[console]", "[console]\nactas = \"bob\"");
    let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("actas") && error.contains("ligne"), "{error}");
    let error = Config::parse("[community\n", Path::new("broken.toml")).expect_err("must fail").to_string();
    assert!(error.contains("broken.toml") && error.contains("ligne 1"), "{error}");
    // The line's value is never quoted: it may be a password.
    let text = EXAMPLE.replace("url = \"sqlite:entraide.db\"", "url = postgres://bot:s3cret@db/entraide");
    let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("ligne 27") && error.contains("(clé url)") && !error.contains("s3cret"), "{error}");
}

#[test]
fn errors_are_in_the_language_the_file_declares() {
    let french = EXAMPLE.replace("helpers_asked = 3", "helpers_asked = \"three\"");
    let error = Config::parse(&french, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("il faut un nombre entier, 0 ou plus, pas un texte entre guillemets"), "{error}");
    assert!(!error.contains("invalid type") && !error.contains("expected") && !error.contains("three"), "{error}");
    let english = french.replace("language = \"fr\"", "language = \"en\"");
    let error = Config::parse(&english, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("line") && error.contains("expected a whole number, 0 or more, not a text"), "{error}");

    let text = EXAMPLE.replace("[console]", "[console]\nactas = \"bob\"");
    let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("clé inconnue « actas » (clés possibles ici : act_as, files_dir)"), "{error}");
    let text = EXAMPLE.replace("language = \"fr\"", "language = \"de\"");
    let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("valeur inconnue « de » (valeurs possibles : fr, en)"), "{error}");
    let text = EXAMPLE.replace("slug = ", "#slug = ");
    let error = Config::parse(&text, Path::new("my.toml")).expect_err("must fail").to_string();
    assert!(error.contains("il manque la clé slug"), "{error}");
    let error = Config::parse("[community\n", Path::new("broken.toml")).expect_err("must fail").to_string();
    assert!(error.contains("ce n'est pas du TOML valide"), "{error}");

    // What types alone cannot check, likewise.
    let config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    let mut english = config.clone();
    english.community.language = Lang::En;
    english.invitations.quota = 0;
    let error = english.validate(Path::new("x.toml"), EXAMPLE).expect_err("no quota").to_string();
    assert!(error.contains("key invitations.quota: must be between 1 and 100"), "{error}");
    let mut french = config;
    french.invitations.quota = 0;
    let error = french.validate(Path::new("x.toml"), EXAMPLE).expect_err("no quota").to_string();
    assert!(error.contains("clé invitations.quota : doit être entre 1 et 100"), "{error}");
    // A connection lease too short to be renewed in time, or longer than any fail-over.
    let text = EXAMPLE.replace("connection_lease_seconds = 12", "connection_lease_seconds = 3");
    let short = Config::parse(&text, Path::new("x.toml")).expect("parse");
    let error = short.validate(Path::new("x.toml"), &text).expect_err("too short").to_string();
    assert!(error.contains("clé database.connection_lease_seconds : doit être entre 8 et 600"), "{error}");
    // The file and `/config` share one rule: a reminder after the request expired is
    // refused by both.
    let mut late = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    late.requests.reminder_days = late.requests.expire_days;
    let error = late.validate(Path::new("x.toml"), EXAMPLE).expect_err("too late").to_string();
    assert!(error.contains("clé requests.expire_days : doit être plus grand que requests.reminder_days"), "{error}");
}

#[test]
fn a_file_that_sets_nothing_has_the_cores_defaults() {
    let text = "[community]\nslug = \"x\"\nname = \"X\"\nlanguage = \"fr\"\n[database]\nurl = \"sqlite:x.db\"\n";
    let config = Config::parse(text, Path::new("minimal.toml")).expect("parse");
    config.validate(Path::new("minimal.toml"), text).expect("a file that sets nothing is valid");
    assert_eq!(config.discord.shards, 1, "one Discord shard when the file has no [discord]");
    let settings = config.settings().expect("settings");
    let core = Settings::default();
    let spans = |s: &Settings| {
        (s.invitation_ttl, s.request_ttl, s.offer_ttl, s.request_reminder, s.inactive_after, s.inactive_grace)
    };
    assert_eq!(spans(&settings), spans(&core));
    assert_eq!(settings.sponsorship, core.sponsorship);
    let counts = |s: &Settings| (s.warnings_to_suspend, s.warning_suspension, s.helpers_asked, s.asks_per_week);
    assert_eq!(counts(&settings), counts(&core));
    assert_eq!(settings.follow_up_delay, core.follow_up_delay);
}

#[test]
fn the_declared_language_is_read_from_any_text() {
    assert_eq!(declared_language("[community]\nlanguage = \"en\" # English\nslug = 3"), Lang::En);
    assert_eq!(declared_language("language='en'"), Lang::En);
    assert_eq!(declared_language("[community\nslug = 3"), Lang::Fr);
    assert_eq!(declared_language(EXAMPLE), Lang::Fr);
}

#[test]
fn delivery_limits_default_to_the_documented_ones_and_can_be_changed() {
    let config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    let delivery = config.delivery();
    assert_eq!(delivery.limits[&Platform::Telegram], Limits::documented(Platform::Telegram));
    assert_eq!((delivery.max_attempts, delivery.lease), (8, 120));
    let text = EXAMPLE
        .replace("[console]", "[delivery.matrix]\nper_second = 1.5\nper_recipient_per_second = 0.5\n\n[console]");
    let changed = Config::parse(&text, Path::new("x")).expect("parse").delivery();
    let matrix = changed.limits[&Platform::Matrix];
    assert_eq!((matrix.global.per_second, matrix.global.burst), (1.5, 10.0), "the burst stays documented");
    assert_eq!(matrix.per_recipient.per_second, 0.5);
    let text = EXAMPLE.replace("[console]", "[delivery.telegram]\nper_second = -3\n\n[console]");
    let config = Config::parse(&text, Path::new("x.toml")).expect("parse");
    let error = format!("{:#}", config.validate(Path::new("x.toml"), &text).expect_err("negative"));
    assert!(error.contains("delivery.telegram.per_second"), "{error}");
}

#[test]
fn each_discord_guild_has_its_own_member_role() {
    let text = EXAMPLE.replace("guilds = []", "guilds = [222, 223]\nmember_roles = { 222 = 888, 223 = 889 }");
    let config = Config::parse(&text, Path::new("x.toml")).expect("parse");
    config.validate(Path::new("x.toml"), &text).expect("valid");
    assert_eq!(config.discord.member_roles(), [(222, 888), (223, 889)].into());
    let text = EXAMPLE.replace("guilds = []", "guilds = [222]\nmember_roles = { 223 = 889 }");
    let config = Config::parse(&text, Path::new("x.toml")).expect("parse");
    let error = format!("{:#}", config.validate(Path::new("x.toml"), &text).expect_err("not a guild"));
    assert!(error.contains("discord.member_roles") && error.contains("223"), "{error}");
}

#[test]
fn environment_overrides_and_validation() {
    let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    config
        .apply_env(|key| match key {
            "ENTRAIDE_DATABASE_URL" => Some("postgres://u@localhost/db".into()),
            "ENTRAIDE_COMMUNITY_LANGUAGE" => Some("en".into()),
            _ => None,
        })
        .expect("env");
    assert_eq!(config.database.url, "postgres://u@localhost/db");
    assert_eq!(config.community.language, Lang::En);
    assert!(config.apply_env(|_| Some("klingon".into())).is_err());
    let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    config.community.founders[0].account = "myspace:tom".into();
    let error = format!("{:#}", config.validate(Path::new("x.toml"), EXAMPLE).expect_err("unknown platform"));
    assert!(
        error.contains("x.toml") && error.contains("clé community.founders") && error.contains("myspace"),
        "{error}"
    );
    // Names and ids that would pass for others or hold contact details are refused.
    let refused = [
        ("telegram:bob@example.org", "bob", "jamais d'e-mail"),
        ("discord:jp#4242", "jp", "n'est pas un identifiant discord"),
        ("matrix:bob", "bob", "n'est pas un identifiant matrix"),
        ("console:alice", "al\u{200b}ice", "U+200B"),
        ("console:alice", "\u{202e}ecila", "U+202E"),
        ("console:alice", "alice 06 12 34 56 78", "pas de coordonnées"),
        ("console:al\u{200b}ice", "alice", "U+200B"),
    ];
    for (account, name, why) in refused {
        let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
        config.community.founders[0].account = account.into();
        config.community.founders[0].name = name.into();
        let error = format!("{:#}", config.validate(Path::new("x.toml"), EXAMPLE).expect_err(why));
        assert!(error.contains("clé community.founders") && error.contains(why), "{error}");
    }
    let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    config.community.founders[0].account = "telegram:42".into();
    config.community.founders.push(FounderConfig { account: "matrix:@zoe:example.org".into(), name: "Zoé".into() });
    config.validate(Path::new("x.toml"), EXAMPLE).expect("numeric Telegram ids and Matrix IDs are fine");
    config.console.act_as = "bob@example.org".into();
    let error = format!("{:#}", config.validate(Path::new("x.toml"), EXAMPLE).expect_err("an e-mail"));
    assert!(error.contains("console.act_as"), "{error}");
    let mut config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    config.community.founders.clear();
    config.matching.helpers_asked = 0;
    let error = config.validate(Path::new("x.toml"), EXAMPLE).expect_err("zero helpers").to_string();
    let line = EXAMPLE.lines().position(|l| l.starts_with("helpers_asked")).unwrap_or_default() + 1;
    assert!(error.contains(&format!("ligne {line}, clé matching.helpers_asked")), "{error}");
}

#[test]
fn the_dashboard_needs_an_address_to_listen_on_and_a_web_address() {
    let config = Config::parse(EXAMPLE, Path::new("x")).expect("parse");
    assert_eq!(config.settings().expect("settings").dashboard_url, None, "off by default");
    let mut on = config.clone();
    on.web.enabled = true;
    on.web.public_url = "https://entraide.example.org/".into();
    on.validate(Path::new("x.toml"), EXAMPLE).expect("valid");
    assert_eq!(on.settings().expect("settings").dashboard_url.as_deref(), Some("https://entraide.example.org/"));
    let mut local = on.clone();
    for address in ["http://127.0.0.1:8080", "http://localhost", "https://e.example:8443", "https://[::1]/"] {
        local.web.public_url = address.into();
        local.validate(Path::new("x.toml"), EXAMPLE).expect(address);
    }
    let wrong_ones = [
        ("8080", "https://e.example"),
        ("127.0.0.1:8080", "entraide.example.org"),
        ("127.0.0.1:8080", "https://a b"),
        ("127.0.0.1:8080", "http://entraide.example.org"),
        ("127.0.0.1:8080", "https://entraide.example.org/tableau"),
        ("127.0.0.1:8080", "https://entraide.example.org?x=1"),
        ("127.0.0.1:8080", "https://"),
    ];
    for (listen, public_url) in wrong_ones {
        let mut wrong = on.clone();
        wrong.web.listen = listen.into();
        wrong.web.public_url = public_url.into();
        let error = wrong.validate(Path::new("x.toml"), EXAMPLE).expect_err("invalid").to_string();
        assert!(error.contains("web.listen") || error.contains("il faut une adresse https://"), "{error}");
    }
}
