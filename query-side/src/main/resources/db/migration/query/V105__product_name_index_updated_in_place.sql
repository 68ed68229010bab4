-- The name search index takes each new name into its tree at once (fastupdate off), instead of queueing it in
-- a pending list that some insert, or vacuum, must later merge in one go. The merge fell on one command: an
-- INSERT into product_view held its transaction, and with it every creation committed in the same group,
-- for 50 to 100 ms (issue 8). In place, each insert costs a little more and none costs a merge.
-- A rebuild copies the index with this option (ViewRebuild reads it back from pg_get_indexdef).
ALTER INDEX product_view_name_tsv_idx SET (fastupdate = off);
