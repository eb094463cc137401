"""Translation tooling for the bilingual site: which English version a Welsh page translates,
whether it is stale, and machine proofing of Welsh text."""
