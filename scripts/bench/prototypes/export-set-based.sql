-- Prototype: the export as one set-based query (latest assessment, lineage origin, closing report
-- computed for all rows at once instead of three lateral subqueries per row). 2.4 s on 100x.
\timing on
set jit = off;
-- one batch of 2000 rows, set-based: latest official assessment, lineage origin, closing report

with p as (
  select r.id from recommendations r join reports rp on rp.id = r.report_id
  order by r.id
),
latest as (
  select distinct on (a.recommendation_id) a.recommendation_id as id, a.id as assessment_id, a.status,
    lrp.slug, lrp.published_on
  from assessments a join reports lrp on lrp.id = a.assessing_report_id
  where a.recommendation_id in (select id from p) and lrp.kind <> 'third_party'
  order by a.recommendation_id, lrp.published_on desc, lrp.id desc
),
ancestors as (
  with recursive walk(root, id) as (
    select l.later_recommendation_id, l.earlier_recommendation_id from recommendation_links l
    where l.later_recommendation_id in (select id from p)
    union
    select w.root, l.earlier_recommendation_id from recommendation_links l join walk w on l.later_recommendation_id = w.id
  )
  select distinct on (w.root) w.root as id, orp.published_on, orp.published_on_precision
  from walk w join recommendations o on o.id = w.id join reports orp on orp.id = o.report_id
  order by w.root, orp.published_on, orp.id
),
closing as (
  select distinct on (ca.recommendation_id) ca.recommendation_id as id, crp.published_on, crp.published_on_precision
  from assessments ca join reports crp on crp.id = ca.assessing_report_id
  join recommendations cr on cr.id = ca.recommendation_id and cr.current_status = 'fully_implemented'
  where ca.recommendation_id in (select id from p) and ca.status = 'fully_implemented' and crp.kind <> 'third_party'
    and not exists (
      select 1 from assessments na join reports nrp on nrp.id = na.assessing_report_id
      where na.recommendation_id = ca.recommendation_id and na.status <> 'fully_implemented'
        and nrp.kind <> 'third_party' and (nrp.published_on, nrp.id) > (crp.published_on, crp.id))
  order by ca.recommendation_id, crp.published_on, crp.id
)
select r.id, c.code, c.name, rp.slug, rp.title, rp.published_on::text, rp.published_on_precision, r.number, r.priority,
  r.heading, t.slug, r.current_status, latest.slug, latest.published_on::text,
  (case when o.published_on < rp.published_on then o.published_on else rp.published_on end)::text,
  closing.published_on::text, r.text is not null, r.text, r.location, r.source_line_start, r.source_line_end
from p join recommendations r on r.id = p.id join reports rp on rp.id = r.report_id
join elections e on e.id = rp.election_id join countries c on c.id = e.country_id
left join topics t on t.id = r.topic_id
left join latest on latest.id = r.id left join ancestors o on o.id = r.id left join closing on closing.id = r.id
order by r.id;
