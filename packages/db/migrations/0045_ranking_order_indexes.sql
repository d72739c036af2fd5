-- Indexes for reads that sorted a whole table on bench:scale's data at 50× the demo region
-- (11,550 pages, 7,000 organizations; bench/output/scale-explain.md, CAPACITY.md "Slowest queries").
-- The public API's edition (getEdition) returns every row of an edition in ranking order: read in
-- full and sorted, spilling to disk (33 ms); in this order from the index (5 ms). Edition rows are
-- written once, when an edition is built, so the index costs nothing afterwards.
CREATE INDEX ranking_edition_rows_order_idx ON ranking_edition_rows (edition_id, rank NULLS LAST, organization_name, organization_id);
-- The dashboard's organizations list, by name a page at a time (listOrganizations without filters):
-- a top-N sort of every organization (3.4 ms at 7,000; linear in the registry) → an index scan (0.3 ms).
CREATE INDEX organizations_short_name_idx ON organizations (short_name, id);
