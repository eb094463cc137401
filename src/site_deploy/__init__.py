"""What a web server needs from the built site: the exact Content-Security-Policy, Material's icons as
files (so the policy needs no `data:`), and valid HTML from Material's templates. Plain Python; the
MkDocs hooks in hooks/ are thin adapters."""
