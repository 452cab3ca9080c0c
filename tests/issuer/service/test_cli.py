"""`diva-issuer` as scripts use it: exact JSON, French help and refusals, sync of new texts."""

import json
import shutil
from pathlib import Path

import requests

from shared.framework import default_framework, frameworks_dir
from tests.issuer.service.conftest import IssuerServer, run_cli


def test_init_json_prints_exactly_the_three_keys(tmp_path: Path) -> None:
    done = run_cli(
        "init", "--name", "Mission Locale d'Arras", "--url", "https://ml-arras.example",
        "--email", "contact@ml-arras.example", "--data-dir", str(tmp_path), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert set(printed) == {"issuer_id", "client_id", "client_secret"}
    assert len(printed["client_secret"]) >= 40
    database = (tmp_path / "issuer.db").read_bytes()
    assert printed["client_secret"].encode() not in database
    listed = run_cli("client", "list", "--data-dir", str(tmp_path))
    assert printed["client_id"] in listed.stdout and "actif" in listed.stdout
    assert printed["client_secret"] not in listed.stdout


def test_help_is_french() -> None:
    done = run_cli("--help")
    assert done.returncode == 0
    assert "émetteur" in done.stdout.lower() and "options" in done.stdout
    serve = run_cli("serve", "--help")
    assert "adresse publique" in serve.stdout


def test_refusals_are_one_french_sentence(tmp_path: Path) -> None:
    bad_url = run_cli(
        "init", "--name", "X", "--url", "pas-une-url", "--email", "a@b.fr",
        "--data-dir", str(tmp_path),
    )  # fmt: skip
    assert bad_url.returncode == 1
    assert "Adresse invalide" in bad_url.stderr and "Traceback" not in bad_url.stderr
    bad_email = run_cli(
        "init", "--name", "X", "--url", "https://x.fr", "--email", "non",
        "--data-dir", str(tmp_path),
    )  # fmt: skip
    assert bad_email.returncode == 1 and "e-mail invalide" in bad_email.stderr
    down = run_cli(
        "client", "list", "--data-dir", str(tmp_path),
        "--database-url", "postgresql+psycopg://diva:motdepasse@127.0.0.1:1/diva",
    )  # fmt: skip
    assert down.returncode == 1
    assert "Base de données injoignable" in down.stderr
    assert "motdepasse" not in down.stderr and "Traceback" not in down.stderr
    missing = run_cli("key", "rotate", "--issuer", "inconnu", "--data-dir", str(tmp_path))
    assert missing.returncode == 1 and "Émetteur introuvable" in missing.stderr
    usage = run_cli("client", "delete")
    assert usage.returncode == 2 and "choix" in usage.stderr


def test_sync_adds_a_version_and_issued_badges_keep_theirs(
    server: IssuerServer, tmp_path: Path
) -> None:
    headers = server.auth()
    before = server.badge_class(headers, "oral", 2)
    issued = server.issue(headers, before["entityId"]).json()["result"][0]
    unchanged = run_cli("sync", "--json", *server.db_args())
    assert unchanged.returncode == 0, unchanged.stderr
    assert json.loads(unchanged.stdout)[0]["created"] == 0
    assert json.loads(unchanged.stdout)[0]["revised"] == 0

    folder = tmp_path / "frameworks"
    shutil.copytree(frameworks_dir(), folder)
    rectec = folder / "rectec.yaml"
    old_text = before["criteriaNarrative"]
    version = default_framework().version
    newer = f"{version}.1"
    source = rectec.read_text(encoding="utf-8")
    assert f'version: "{version}"' in source
    source = source.replace(f'version: "{version}"', f'version: "{newer}"', 1)
    assert source.count(old_text) == 1  # the whole descriptor, on one line of the file
    rectec.write_text(
        source.replace(old_text, "Nouveau descripteur : " + old_text), encoding="utf-8"
    )
    synced = run_cli("sync", "--json", "--frameworks", str(folder), *server.db_args())
    assert synced.returncode == 0, synced.stderr
    report = json.loads(synced.stdout)[0]
    assert report["revised"] == 40  # the version is in every badge class: all get a new one
    after = server.badge_class(headers, "oral", 2)
    assert after["entityId"] != before["entityId"]
    assert after["framework"] == {"id": "rectec", "version": newer}
    assert after["criteriaNarrative"].startswith("Nouveau descripteur")
    assert after["revision"] == before["revision"] + 1
    # The assertion issued before keeps its badge class, its texts and its version.
    kept = requests.get(issued["openBadgeId"], timeout=10).json()
    assert kept["badge"] == before["openBadgeId"]
    old_class = requests.get(before["openBadgeId"], timeout=10).json()
    assert old_class["criteria"]["narrative"] == old_text
    assert old_class["alignment"][0]["targetFramework"].endswith(version)
    all_revisions = requests.get(
        f"{server.base}/v2/issuers/{server.issuer_id}/badgeclasses",
        params={"all_revisions": "true"},
        headers=headers,
        timeout=10,
    ).json()["result"]
    assert len(all_revisions) == 80
    fresh = server.issue(headers, after["entityId"]).json()["result"][0]
    assert fresh["frameworkVersion"] == newer and issued["frameworkVersion"] == version
