"""Settings: `base` reads the environment; `dev`, `production` and `test` adjust it."""
