-- Experiment on a copy (create database tracker_bench_exp template tracker_bench_100x): the
-- issuing report's date stored on the recommendation, so the printed order is one index.
alter table recommendations add column report_published_on date;
update recommendations r set report_published_on = rp.published_on from reports rp where rp.id = r.report_id;
vacuum full recommendations;
create index recommendations_printed_order_idx on recommendations (report_published_on, report_id, position, id);
create index recommendations_priority_open_idx on recommendations (report_published_on, report_id, position, id) where priority and current_status in ('not_implemented', 'not_assessed');
vacuum analyze recommendations;
set jit = off;
\echo == priority + unaddressed, page 1, current shape
explain (analyze, timing off, summary on) select r.id, rp.published_on as k0, rp.id as k1, r.position as k2, r.id as k3 from recommendations r join reports rp on rp.id = r.report_id where r.priority = 't' and r.current_status in ('not_implemented', 'not_assessed') order by k0, k1, k2, k3 limit 25 offset 0;
\echo == priority + unaddressed, page 1, denormalized sort key
explain (analyze, timing off, summary on) select r.id from recommendations r where r.priority and r.current_status in ('not_implemented', 'not_assessed') order by r.report_published_on, r.report_id, r.position, r.id limit 25 offset 0;
\echo == years 2004-2008, page 2, current shape
explain (analyze, timing off, summary on) select r.id from recommendations r join reports rp on rp.id = r.report_id where rp.published_on >= date '2004-01-01' and rp.published_on < date '2009-01-01' order by rp.published_on, rp.id, r.position, r.id limit 25 offset 25;
\echo == years 2004-2008, page 2, denormalized
explain (analyze, timing off, summary on) select r.id from recommendations r where r.report_published_on >= date '2004-01-01' and r.report_published_on < date '2009-01-01' order by r.report_published_on, r.report_id, r.position, r.id limit 25 offset 25;
\echo == topic, page 20, current shape
explain (analyze, timing off, summary on) select r.id from recommendations r join reports rp on rp.id = r.report_id where r.topic_id = 5 order by rp.published_on, rp.id, r.position, r.id limit 25 offset 475;
\echo == topic, page 20, denormalized
explain (analyze, timing off, summary on) select r.id from recommendations r where r.topic_id = 5 order by r.report_published_on, r.report_id, r.position, r.id limit 25 offset 475;
\echo == count priority+unaddressed
explain (analyze, timing off, summary on) select count(*) from recommendations r join reports rp on rp.id = r.report_id where r.priority and r.current_status in ('not_implemented', 'not_assessed');
explain (analyze, timing off, summary on) select count(*) from recommendations r where r.priority and r.current_status in ('not_implemented', 'not_assessed');
