-- Search cost on 100x: counting and ranking every match ("judicial review": 14,002 rows).
set jit=off;
\timing on
\o /dev/null
select count(*) from recommendations r where r.search_vector @@ websearch_to_tsquery('english','judicial review');
select r.id from recommendations r where r.search_vector @@ websearch_to_tsquery('english','judicial review') order by ts_rank_cd(r.search_vector, websearch_to_tsquery('english','judicial review')) desc, r.id limit 25;
select r.id from recommendations r where r.search_vector @@ websearch_to_tsquery('english','judicial review') order by ts_rank_cd(r.search_vector, websearch_to_tsquery('english','judicial review')) desc, r.id limit 25;
select r.id from recommendations r where r.search_vector @@ websearch_to_tsquery('english','judicial review') order by ts_rank(r.search_vector, websearch_to_tsquery('english','judicial review')) desc, r.id limit 25;
select r.id from recommendations r where r.search_vector @@ websearch_to_tsquery('english','judicial review') order by r.id limit 25;
select r.id from recommendations r join reports rp on rp.id = r.report_id where r.search_vector @@ websearch_to_tsquery('english','judicial review') order by ts_rank_cd(r.search_vector, websearch_to_tsquery('english','judicial review')) desc, rp.published_on, rp.id, r.position, r.id limit 25;
