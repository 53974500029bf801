"""Who may use the desk: password hashes in a users file, no open port without them, bounded uploads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import app
from desk import auth, handlers
from desk.handlers import files
from summarizer.errors import SummarizerError

ROOT = Path(__file__).resolve().parent.parent


def test_the_users_file_holds_scrypt_hashes_never_the_password(tmp_path: Path) -> None:
    users = tmp_path / "brugere.txt"
    auth.set_user(users, "mette", "rødgrød med fløde")
    auth.set_user(users, "søren", "kl. 13.11 hver dag")
    text = users.read_text(encoding="utf-8")
    assert "rødgrød" not in text and "13.11" not in text and text.count("scrypt$") == 2
    check = auth.checker(auth.load_users(users))
    assert check("mette", "rødgrød med fløde") and check("søren", "kl. 13.11 hver dag")
    assert not check("mette", "rødgrød med flødE") and not check("ukendt", "rødgrød med fløde")
    auth.set_user(users, "mette", "et nyt kodeord")  # a change replaces the line, keeps the others
    check = auth.checker(auth.load_users(users))
    assert check("mette", "et nyt kodeord") and not check("mette", "rødgrød med fløde")
    assert len(auth.load_users(users)) == 2


@pytest.mark.parametrize(
    ("content", "message"), [("mette:hemmelig\n", "1: forventede 'bruger:scrypt"), ("# tom\n", "ingen brugere")]
)
def test_a_bad_users_file_is_one_line_naming_it(tmp_path: Path, content: str, message: str) -> None:
    users = tmp_path / "brugere.txt"
    users.write_text(content, encoding="utf-8")
    with pytest.raises(auth.AuthError, match=message):
        auth.load_users(users)


def test_the_auth_command_reads_the_password_from_stdin(tmp_path: Path) -> None:
    users = tmp_path / "brugere.txt"
    done = subprocess.run([sys.executable, "-m", "desk.auth", str(users), "mette", "--password-stdin"], cwd=ROOT,
                          input="langt kodeord æøå\n", capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert auth.checker(auth.load_users(users))("mette", "langt kodeord æøå")
    short = subprocess.run([sys.executable, "-m", "desk.auth", str(users), "ole", "--password-stdin"], cwd=ROOT,
                           input="kort\n", capture_output=True, text=True)  # fmt: skip
    assert short.returncode == 2 and "mindst 8 tegn" in short.stderr


def test_another_address_without_auth_is_refused_with_one_line(tmp_path: Path, capsys) -> None:
    assert app.main(["--host", "0.0.0.0", "--db", str(tmp_path / "d.db")]) == 2
    err = capsys.readouterr().err.strip()
    assert "vil ikke servere på 0.0.0.0 uden --auth" in err and "--insecure" in err and "\n" not in err


def test_a_missing_users_file_stops_the_desk_with_one_line(tmp_path: Path, capsys) -> None:
    assert app.main(["--auth", str(tmp_path / "findes-ikke.txt"), "--db", str(tmp_path / "d.db")]) == 2
    assert "kan ikke læse brugerfilen" in capsys.readouterr().err


def test_an_unusable_database_path_stops_the_desk_with_one_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    assert app.main(["--db", str(tmp_path / "fil" / "desk.db")]) == 2
    err = capsys.readouterr().err.strip()
    assert "kan ikke skrives" in err and "\n" not in err


def test_an_upload_over_the_limit_is_refused_with_its_size_and_the_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 1024 * 1024)
    big = tmp_path / "stor.txt"
    big.write_text("Ærø får en ny færge. " * 60_000, encoding="utf-8")
    for call in (handlers.load_file, handlers.list_items, lambda p: handlers.run_batch(p, ["lead"])):
        with pytest.raises(SummarizerError, match=r"stor.txt er på 1,4 MB; grænsen for uploads er 1 MB"):
            call(big)


def test_text_that_is_only_boilerplate_gets_a_visible_danish_warning_not_a_stray_headline() -> None:
    for text in ("Artiklen fortsætter under annoncen\n\nLæs også: Sådan sparer du på varmen\n\n/ritzau/",
                 "Denne artikel er kun for abonnenter. Log ind eller køb adgang for at læse videre.",
                 "Ny bro over Limfjorden\n\nDenne artikel er kun for abonnenter. Bliv abonnent i dag."):  # fmt: skip
        with pytest.raises(SummarizerError) as caught:
            handlers.summarise_desk(text, ["lead", "extractive"])
        assert "kun standardtekst" in handlers.friendly(caught.value)


def test_a_paywall_notice_after_the_article_is_cut_and_the_article_stays() -> None:
    result = handlers.summarise_desk("Broen åbner i 2031, oplyser Vejdirektoratet. Den koster 4,2 mia. kr. "
                                     "Artiklen er kun for abonnenter.", ["lead"])  # fmt: skip
    assert result.results[0].summary.summary == "Broen åbner i 2031, oplyser Vejdirektoratet. Den koster 4,2 mia. kr."
