"""Signed change bundles: identities, the op log, export and import (see the sync issue)."""
