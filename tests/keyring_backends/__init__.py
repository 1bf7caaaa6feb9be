"""Keyring backends for tests, loaded by the keyring library itself
(``PYTHON_KEYRING_BACKEND=tests.keyring_backends.<module>.<Class>``)."""
