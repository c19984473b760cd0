// The `convey` command's help text.
export const USAGE = `convey — republish news whole and attributed

Usage: convey <command> [options]

Site and workers
  serve [--no-ingest]                 start the site (and the ingest scheduler unless --no-ingest)
  worker                              run the ingest scheduler only (for scale-out)
  demo                                start the demo site on a fresh SQLite database with demo sources
  migrate                             apply pending database migrations

Sources and feeds
  sources add --slug S --name N --home URL [--license L] [--license-url U] [--usage-terms T]
              [--copyright C] [--indexing canonical-to-source|noindex-news|index-self]
              [--update auto|review|notify] [--disclaimer TEMPLATE] [--attribution TEMPLATE]
  sources list
  feeds add <source-slug> <url> [--full-text auto|always|never]
  feeds list
  feeds enable <feed-id>              re-enable a feed disabled after repeated failures
  feeds import <file.opml> --source <slug>
  feeds export
  feeds parse <file> [--content-type T] [--url U] --json

Ingest and editing
  ingest [--once]                     poll due feeds and re-checks (--once: every feed now, then exit)
  articles held                       articles held back, with the reason
  articles publish <slug>             publish a held article once its fields are complete
  versions pending                    source updates waiting for review
  versions approve|reject <id>

Comments
  comments pending
  comments approve|spam|trash <id>

Tools
  extract <file.html|file.html.gz|url> [--json] | --dir <folder>
  fetch <url>                         one request through the guarded client; prints status and headers
  fidelity <source> <copy> [--json]   does the copy convey the source whole? (HTML or plain text files)
           [--ignore-line TEXT]... [--ignore-credits]
  fidelity --versions A B [--json]    the same for two stored versions

Configuration is read from the environment (see README.md): DATABASE_URL, PORT, HOST,
CONVEY_SITE_NAME, CONVEY_SITE_URL, CONVEY_ADMIN_TOKEN, CONVEY_FETCH_ALLOW, …
`;
