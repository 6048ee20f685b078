-- Experiment on a copy: latest official assessment and lineage origin stored on the
-- recommendation (as current_status is), instead of lateral subqueries per listed row.
alter table recommendations add column latest_assessment_id int, add column origin_published_on date, add column origin_precision date_precision, add column closed_on date, add column closed_precision date_precision;
with latest as (
  select distinct on (a.recommendation_id) a.recommendation_id as id, a.id as aid
  from assessments a join reports lrp on lrp.id = a.assessing_report_id
  where lrp.kind <> 'third_party' order by a.recommendation_id, lrp.published_on desc, lrp.id desc),
walk as (
  with recursive walk(root, id) as (
    select l.later_recommendation_id, l.earlier_recommendation_id from recommendation_links l
    union select w.root, l.earlier_recommendation_id from recommendation_links l join walk w on l.later_recommendation_id = w.id)
  select distinct on (w.root) w.root as id, orp.published_on, orp.published_on_precision from walk w join recommendations o on o.id = w.id join reports orp on orp.id = o.report_id
  order by w.root, orp.published_on, orp.id)
update recommendations r set latest_assessment_id = latest.aid, origin_published_on = walk.published_on, origin_precision = walk.published_on_precision
from recommendations r2 left join latest on latest.id = r2.id left join walk on walk.id = r2.id where r2.id = r.id;
vacuum full recommendations;
vacuum analyze recommendations;
