"""The profile dialog and its parts: the shared fields, the OAuth and webhook halves, the token
tabs and browser sign-in, the secret-store notice, and the status-bar line for a profile."""
