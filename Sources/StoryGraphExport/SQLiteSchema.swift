/// The tables of the SQLite export. Ids are 1-based positions: `articles.id`
/// in path order, `links.id` in stub order, `clusters.id` as `analyze`
/// reports them. Foreign keys are declared; SQLite checks them only on
/// connections that say `PRAGMA foreign_keys = ON`.
enum SQLiteSchema {
    /// Tables and views, made before the rows go in.
    static let tables: [String] = [
        """
        CREATE TABLE summary (
          key TEXT PRIMARY KEY,          -- every key of the report's summary
          value INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE clusters (
          id INTEGER PRIMARY KEY,        -- 1 is the largest; singletons included
          size INTEGER NOT NULL,
          edges INTEGER NOT NULL,        -- edges between members
          mutual_pairs INTEGER NOT NULL,
          asymmetric INTEGER NOT NULL,
          dangling INTEGER NOT NULL,     -- dangling references made by members
          first_date TEXT,
          last_date TEXT,
          title TEXT NOT NULL            -- the first member's title (or file)
        )
        """,
        """
        CREATE TABLE stories (
          id INTEGER PRIMARY KEY,        -- as analyze reports them; only stories of two or more
          cluster_id INTEGER NOT NULL REFERENCES clusters(id),
          size INTEGER NOT NULL,
          label TEXT NOT NULL,           -- its top title words, or its most common topic, or its first title
          first_date TEXT,
          last_date TEXT
        )
        """,
        """
        CREATE TABLE articles (
          id INTEGER PRIMARY KEY,        -- the record's position in path order
          node_id TEXT NOT NULL UNIQUE,  -- its node id in the node-link, GraphML and CSV exports
          title TEXT,
          url TEXT,                      -- webUrl, or the first URL present
          file TEXT NOT NULL,
          line INTEGER NOT NULL,
          provider TEXT,
          published INTEGER,             -- 1, 0, or NULL when not a boolean
          date TEXT,                     -- publishedDateTime as written
          quality REAL,
          heat REAL,
          cluster_id INTEGER NOT NULL REFERENCES clusters(id),
          story_id INTEGER REFERENCES stories(id),       -- NULL: in no story of two or more, or stories off
          duplicate_of INTEGER REFERENCES articles(id),  -- the earlier record that owns a shared URL
          in_degree INTEGER NOT NULL,    -- edges from other records
          out_degree INTEGER NOT NULL,   -- edges to other records and to dangling targets
          dangling_out INTEGER NOT NULL  -- dangling references
        )
        """,
        """
        CREATE TABLE aliases (
          article_id INTEGER NOT NULL REFERENCES articles(id),
          position INTEGER NOT NULL,     -- alias order: webUrl, originalUrl, ampWebUrl, cdnAmpWebUrl, url
          alias TEXT NOT NULL,           -- canonical form (SPEC.md, "Identity")
          owned INTEGER NOT NULL,        -- 0 when an earlier record has the same alias
          PRIMARY KEY (article_id, position)
        )
        """,
        """
        CREATE TABLE topics (
          article_id INTEGER NOT NULL REFERENCES articles(id),
          position INTEGER NOT NULL,
          topic TEXT NOT NULL,
          PRIMARY KEY (article_id, position)
        )
        """,
        """
        CREATE TABLE links (
          id INTEGER PRIMARY KEY,        -- stub order: record by record, then as listed
          source_id INTEGER NOT NULL REFERENCES articles(id),
          position INTEGER NOT NULL,     -- the stub's place in its record's related list, from 1
          resolution TEXT NOT NULL CHECK (resolution IN ('record', 'self', 'dangling', 'malformed', 'duplicate')),
          target_id INTEGER REFERENCES articles(id),     -- the record it names (for a duplicate: its first stub's)
          target_alias TEXT,             -- the dangling URL (canonical) it names, for a dangling link or its duplicate
          duplicate_of INTEGER REFERENCES links(id),     -- the earlier stub with the same target
          mutual INTEGER,                -- for a 'record' link: 1 when the target links back
          title TEXT,
          url TEXT,                      -- the stub's webUrl, or its first URL present
          date TEXT,
          file TEXT NOT NULL,
          line INTEGER NOT NULL,
          "column" INTEGER NOT NULL,
          UNIQUE (source_id, position)
        )
        """,
        """
        CREATE TABLE findings (
          id INTEGER PRIMARY KEY,        -- the report's order
          kind TEXT NOT NULL,
          severity TEXT NOT NULL,
          file TEXT NOT NULL,
          line INTEGER NOT NULL,
          "column" INTEGER NOT NULL,
          source TEXT,
          target TEXT,
          message TEXT NOT NULL
        )
        """,
        """
        CREATE VIEW dangling_targets AS
          SELECT target_alias AS alias, count(*) AS sources, min(id) AS first_link
          FROM links WHERE resolution = 'dangling' GROUP BY target_alias
        """,
    ]

    /// Indexes, made after the rows are in.
    static let indexes: [String] = [
        "CREATE INDEX articles_cluster ON articles(cluster_id)",
        "CREATE INDEX articles_story ON articles(story_id)",
        "CREATE INDEX aliases_alias ON aliases(alias)",
        "CREATE INDEX topics_topic ON topics(topic)",
        "CREATE INDEX links_target ON links(target_id)",
        "CREATE INDEX links_target_alias ON links(target_alias)",
        "CREATE INDEX links_resolution ON links(resolution)",
        "CREATE INDEX findings_kind ON findings(kind)",
        "CREATE INDEX findings_file ON findings(file, line)",
    ]
}
