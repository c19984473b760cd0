// The `convey` command's help text.
export const USAGE = `convey — republish news whole and attributed

Usage: convey <command> [options]

Site and workers
  serve [--no-ingest] [--json]        start the site (and the ingest: scheduler and job worker, unless --no-ingest)
  worker [--json]                     run the ingest only: the feed scheduler and the job worker (for scale-out)
  demo [--json]                       start the demo site on a fresh SQLite database with demo sources
  migrate                             create the database if needed and apply pending migrations
                                      (only serve, demo and migrate create a database)
  store copy --to postgres://… [--media-to URL]
                                      copy the whole site into an empty PostgreSQL database, verified;
                                      --media-to copies the stored images too (file:<dir> or s3://…)
  backup <file> [--media-to DIR]      a consistent copy of the SQLite store while the site runs, and its
                                      images (into DIR, default <file>.media)
  media gc [--dry-run]                remove stored image files no article shows any more

Sources and feeds
  sources discover <homepage-url>     the feeds a site advertises (or has at common paths), each checked,
                                      with the site's name and logo
  sources add --slug S --name N --home URL --license L [--license-url U] [--usage-terms T]
              [--copyright C] [--indexing canonical-to-source|noindex-news|index-self]
              [--update auto|review|notify] [--disclaimer TEMPLATE] [--attribution TEMPLATE]
              [--allow-edits yes|no]  (no: copies must stay faithful, as under a no-derivatives license)
              [--images rehost|proxy|link]  images stored by the site (default), fetched per view, or hot-linked
              [--rules FILE.json]     extraction rules, checked before they are stored
              [--keep-snapshots all|N] what the source served, kept for every version (all, the default)
                                      or for the newest N versions of each article
              --license is required: a license, or a statement such as "permission on file"
  sources list
  sources edit <slug> [--name N] [--home URL] [--license L] [--license-url U] [--usage-terms T]
              [--copyright C] [--indexing …] [--update …] [--disclaimer T] [--attribution T] [--allow-edits yes|no]
              [--keep-snapshots all|N] [--images rehost|proxy|link] [--rules FILE.json]
                                      change the given fields ("" clears an optional one)
              [--comments-close-days N|never]  close comments N days after an article is published
  sources delete <slug> [--force]     refused while it has published articles, unless --force
  feeds add <source-slug> <url> [--full-text auto|always|never]
  feeds list
  feeds edit <feed-id> [--url URL] [--full-text auto|always|never]
  feeds disable <feed-id> [--reason R]
  feeds enable <feed-id>              re-enable a disabled feed (by you or after repeated failures)
  feeds remove <feed-id>              stop following a feed; its articles stay
  feeds import <file.opml> --source <slug>
  feeds export
  feeds parse <file> [--content-type T] [--url U] --json

Ingest and editing
  ingest [--once]                     poll due feeds and re-checks (--once: every feed now, then exit)
  articles list [--source S] [--state usable|withheld|canceled] [--limit N]
  articles held                       articles held back, with the reason
  articles images <slug> [--json]     its images: stored copies, or refused/failed with the reason
  articles publish <slug> [--as-summary] | --all-held
                                      publish held articles once the reason is fixed; --as-summary publishes
                                      an article whose page could not be had as the feed's summary, marked
                                      as such and linking the full story at the source
  articles edit <slug> --body-file F [--headline H] --note N
                                      change a published text (HTML, or plain text with blank lines between
                                      paragraphs); readers see the note; refused where the source forbids edits
  articles withdraw <slug> --note N   take a published article down (its page answers 410)
  articles restore <slug>             publish a withdrawn or rejected article again
  articles delete|reject <slug> [--note N]
                                      remove or withhold it for good; the entry is never taken in again
  jobs [failed [--json] | retry <id>] the job queue: counts, jobs that failed for good with the reason, retry one
  versions pending                    source updates waiting for review
  versions approve|reject <id>
  versions show <id> [--raw]          one version; --raw prints what the source served for it (gunzipped)

Comments
  comments list [--status pending|approved|spam|trash]   (default pending; "comments pending" is the same)
  comments approve|spam|trash <id>
  mail link <address>                 print the signed link to an address's comments (export, erase); mails nothing

Desk accounts (the editors' desk at /admin)
  users add --email E --role owner|editor|moderator   prints a one-time link that sets the password
  users reset --email E               prints a one-time link (valid one hour) that sets a new password
  users list

Site settings (also on the desk at /admin/settings; in force on every running process within seconds)
  settings [get [name…]]              each setting, its value, and whether it is stored or the configuration's
  settings set <name> <value>         e.g. settings set site.name "Harbour Daily"; lists comma-separated
  settings reset <name>               back to the configuration's value

Tools
  extract <file.html|file.html.gz|url> [--json] | --dir <folder>
  fetch <url>                         one request through the guarded client; prints status and headers
  fidelity <source> <copy> [--json]   does the copy convey the source whole? (HTML or plain text files)
           [--ignore-line TEXT]... [--ignore-credits]
  fidelity --versions A B [--json]    the same for two stored versions

Configuration is read from the environment (see README.md): DATABASE_URL, PORT, HOST,
CONVEY_SITE_NAME, CONVEY_SITE_URL, CONVEY_ADMIN_TOKEN, CONVEY_FETCH_ALLOW, …
Logs are readable lines on stderr; --json or LOG_FORMAT=json writes pino JSON lines on stdout instead.
`;
