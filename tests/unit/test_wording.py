"""Lists in messages read as sentences."""

from __future__ import annotations

from b24admin.core.secrets import SecretKind
from b24admin.core.wording import secrets_list, spoken_list


def test_a_list_reads_as_a_sentence() -> None:
    assert spoken_list([]) == ""
    assert spoken_list(["one"]) == "one"
    assert spoken_list(["one", "two"]) == "one and two"
    assert spoken_list(["one", "two", "three"]) == "one, two and three"


def test_secrets_are_named_with_their_articles() -> None:
    every = [SecretKind.CLIENT_SECRET, SecretKind.ACCESS_TOKEN, SecretKind.REFRESH_TOKEN]
    assert secrets_list(every) == "a client secret, an access token and a refresh token"
    assert secrets_list([SecretKind.WEBHOOK_URL]) == "a webhook URL"
