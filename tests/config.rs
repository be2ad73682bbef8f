//! The configuration file: its settings apply after flags and the environment, `config show`
//! says where each setting came from, and a mistake in it is an error naming the line.

mod common;

use std::fs;
use std::path::Path;

use common::{Moto, REGION, bus_with_queue, hermetic, json_lines};

fn write_config(workdir: &Path, text: &str) {
    let dir = workdir.join("config/alchemiser");
    fs::create_dir_all(&dir).expect("the config folder");
    fs::write(dir.join("config.toml"), text).expect("write the config");
}

fn show(workdir: &Path, env: &[(&str, &str)], args: &[&str]) -> Vec<(String, String, String)> {
    let mut cmd = assert_cmd::Command::from_std(hermetic(workdir));
    for (key, value) in env {
        cmd.env(key, value);
    }
    let output = cmd.args(["config", "show", "-o", "json"]).args(args).assert().success().get_output().clone();
    json_lines(&output.stdout)
        .iter()
        .map(|s| {
            let text = |key: &str| s[key].as_str().unwrap_or("-").to_string();
            (text("setting"), text("value"), text("source"))
        })
        .collect()
}

fn setting(settings: &[(String, String, String)], name: &str) -> (String, String) {
    let found = settings.iter().find(|s| s.0 == name).unwrap_or_else(|| panic!("no {name}: {settings:?}"));
    (found.1.clone(), found.2.split(' ').next().unwrap_or_default().to_string())
}

#[test]
fn flags_then_environment_then_the_file_then_built_in() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_config(dir.path(), "stage = \"prod\"\nregion = \"eu-west-1\"\n[prod]\nbus = \"my-prod-bus\"\n");
    let settings = show(dir.path(), &[], &[]);
    assert_eq!(setting(&settings, "stage"), ("prod".into(), "file".into()));
    assert_eq!(setting(&settings, "region"), ("eu-west-1".into(), "file".into()));
    assert_eq!(setting(&settings, "bus"), ("my-prod-bus".into(), "file".into()));
    assert_eq!(setting(&settings, "function"), ("the-alchemiser-v2-lambda-prod".into(), "built-in".into()));

    let settings = show(dir.path(), &[("AWS_REGION", "us-east-2"), ("ALCHEMISER_STAGE", "dev")], &[]);
    assert_eq!(setting(&settings, "region"), ("us-east-2".into(), "environment".into()));
    assert_eq!(setting(&settings, "stage"), ("dev".into(), "environment".into()));
    assert_eq!(setting(&settings, "bus"), ("alchemiser-trading-events-dev".into(), "built-in".into()));

    let settings = show(dir.path(), &[("AWS_REGION", "us-east-2")], &["--region", "ap-south-1", "--stage", "prod"]);
    assert_eq!(setting(&settings, "region"), ("ap-south-1".into(), "flag".into()));
    assert_eq!(setting(&settings, "stage"), ("prod".into(), "flag".into()));
}

#[test]
fn a_mistake_in_the_file_names_the_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_config(dir.path(), "stage = \"dev\"\n\n[dev]\nbuss = \"x\"\n");
    let output = assert_cmd::Command::from_std(hermetic(dir.path()))
        .args(["route", "-"])
        .write_stdin("{}")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("config.toml:4:1: unknown field `buss`"), "{stderr}");
}

/// The file's endpoint and bus are used when no flag or variable gives them.
#[test]
fn the_file_points_commands_at_their_resources() {
    let moto = Moto::start();
    let (bus, _url) = bus_with_queue(&moto);
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_config(
        dir.path(),
        &format!("region = \"{REGION}\"\nendpoint_url = \"{}\"\n[dev]\nbus = \"{bus}\"\n", moto.endpoint),
    );
    let output = assert_cmd::Command::from_std(hermetic(dir.path()))
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .args(["rules", "list", "-o", "json", "--max-attempts", "1"])
        .assert()
        .success()
        .get_output()
        .clone();
    let rules = json_lines(&output.stdout);
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["name"], "to-queue");
    assert!(String::from_utf8_lossy(&output.stderr).contains(&format!("on {bus}")));
}

/// The section that applies is the stage the command acts at: `--bus …-prod` takes `[prod]`'s
/// endpoint even with the stage left at dev; and a file's archive does not reach `replay list`.
#[test]
fn the_section_follows_the_stage_acted_at() {
    let moto = Moto::start();
    let bus = format!("{}-prod", common::unique("config"));
    common::named_bus_with_queue(&moto, &bus);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let closed = format!("http://127.0.0.1:{}", common::free_port());
    write_config(
        dir.path(),
        &format!(
            "region = \"{REGION}\"\n[dev]\nendpoint_url = \"{closed}\"\narchive = \"dev-archive\"\n[prod]\nendpoint_url = \"{}\"\n",
            moto.endpoint
        ),
    );
    let run = |args: &[&str]| {
        assert_cmd::Command::from_std(hermetic(dir.path()))
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .args(args)
            .args(["--max-attempts", "1"])
            .assert()
    };
    run(&["rules", "list", "--bus", &bus]).success();
    run(&["rules", "list"]).code(4);
    run(&["replay", "list", "--endpoint-url", &moto.endpoint]).success();
}
