-- Each agency's section of a published issue gets its own PDF next to the public edition's.
ALTER TABLE bulletin_pdfs ADD COLUMN section_key text NOT NULL DEFAULT 'public'
  CHECK (section_key ~ '^(public|org-[0-9]+)$');
ALTER TABLE bulletin_pdfs DROP CONSTRAINT bulletin_pdfs_pkey;
ALTER TABLE bulletin_pdfs ADD PRIMARY KEY (issue_id, section_key);
