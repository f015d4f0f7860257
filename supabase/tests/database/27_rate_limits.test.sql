-- Rate limits: the core's limiter (window, reset, the error's SQLSTATE and retry_after, what is not
-- counted, argument checks), its clean-up and pg_cron job, who may call it, and its users: messaging
-- (PA113), analytics and the AI gateway's requests a minute (PA111), each under its documented key.
-- The limiter reads the clock (clock_timestamp), not the transaction's start: a window "that has ended" is one
-- whose resets_at is moved back.
begin;
select plan(48);

select tests.create_user('rl-user@example.com') as usr \gset
select tests.create_user('rl-other@example.com') as other \gset

-- The SQLSTATE and DETAIL (as JSON) a statement raises, or null when it succeeds.
create function tests.rate_limit_error(p_sql text) returns jsonb language plpgsql as $$
declare
  state text;
  detail text;
begin
  execute p_sql;
  return null;
exception when others then
  get stacked diagnostics state = returned_sqlstate, detail = pg_exception_detail;
  return jsonb_build_object('state', state, 'detail', nullif(detail, '')::jsonb);
end
$$;
grant execute on function tests.rate_limit_error(text) to authenticated;

-- Structure and privileges -------------------------------------------------------------------------------------------
select has_table('private', 'rate_limits', 'one row per rate-limit key');
select ok((select relrowsecurity from pg_class where oid = 'private.rate_limits'::regclass), '... with RLS on');
select ok(not has_table_privilege('authenticated', 'private.rate_limits', 'select, insert, update, delete')
          and not has_table_privilege('anon', 'private.rate_limits', 'select, insert, update, delete'), 'clients have no access to the counters');
select ok(not has_function_privilege('authenticated', 'private.rate_limit(text, interval, integer)', 'execute')
          and not has_function_privilege('anon', 'private.rate_limit(text, interval, integer)', 'execute')
          and not has_function_privilege('authenticated', 'private.rate_limit_try(text, interval, integer)', 'execute')
          and not has_function_privilege('anon', 'private.rate_limit_try(text, interval, integer)', 'execute')
          and not has_function_privilege('authenticated', 'private.purge_rate_limits()', 'execute'),
  'clients cannot execute the limiter or its clean-up');
select ok((select bool_and(not prosecdef and proconfig @> array['search_path=""'])
             from pg_proc where oid in ('private.rate_limit(text, interval, integer)'::regprocedure, 'private.rate_limit_try(text, interval, integer)'::regprocedure,
                                        'private.purge_rate_limits()'::regprocedure)),
  'the limiter runs with its caller''s rights (callers are security definer functions) and an empty search_path');
select tests.authenticate_as(:'usr');
select throws_ok($$select private.rate_limit('probe:hit:mine', interval '1 minute', 1000)$$, '42501', null, 'a signed-in user cannot call the limiter');
select throws_ok($$select private.rate_limit_try('probe:hit:mine', interval '1 minute', 1000)$$, '42501', null, '... nor try it');
select throws_ok($$select private.purge_rate_limits()$$, '42501', null, '... nor clean up');
select tests.clear_authentication();
select throws_ok($$select private.rate_limit('probe:hit:anon', interval '1 minute', 1000)$$, '42501', null, 'anon cannot call the limiter');
select tests.authenticate_as_service_role();
select lives_ok($$select private.rate_limit('probe:server:job', interval '1 minute', 1)$$, 'the server''s role may limit its own work');
reset role;

-- The window ----------------------------------------------------------------------------------------------------------
select lives_ok($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$, 'the first hit of a key passes');
select lives_ok($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$, '... the second');
select lives_ok($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$, '... and the third of three');
select is((select hits || ' ' || (resets_at between now() + interval '1 minute' and clock_timestamp() + interval '1 minute') from private.rate_limits where key = 'probe:hit:a'), '3 true',
  'one row counts the hits of a window that ends a window after the first hit');
select throws_ok($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$, 'PA111', 'too many requests (probe:hit): at most 3 every 60 seconds',
  'one more in the window raises PA111, naming the owner and action but not the subject');
select is(tests.rate_limit_error($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$),
  '{"state": "PA111", "detail": {"retry_after": 60, "limit": 3, "window_seconds": 60}}'::jsonb,
  'the error carries retry_after (seconds), the limit and the window as JSON in DETAIL');
select is((select hits from private.rate_limits where key = 'probe:hit:a'), 3, 'refused hits are not counted');
select lives_ok($$select private.rate_limit('probe:hit:b', interval '1 minute', 3)$$, 'another key has its own window');
select is(private.rate_limit_try('probe:hit:b', interval '1 minute', 3), 0, 'rate_limit_try answers 0 when it counted the hit');
select is(private.rate_limit_try('probe:hit:a', interval '1 minute', 3), 60, '... and the seconds to wait when it did not, raising nothing');
update private.rate_limits set resets_at = clock_timestamp() + interval '7.5 seconds' where key = 'probe:hit:a';
select is(tests.rate_limit_error($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$) -> 'detail' -> 'retry_after', '8'::jsonb,
  'retry_after is what is left of the window, rounded up');
select is(private.rate_limit_try('probe:hit:b', interval '1 minute', 2), 60, 'a lower maximum applies at once');
select lives_ok($$select private.rate_limit('probe:hit:b', interval '1 minute', 5)$$, '... and a higher one too');

-- Reset: a window that has ended
update private.rate_limits set resets_at = clock_timestamp() where key = 'probe:hit:a';
select lives_ok($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$, 'after the window ends the key passes again');
select is((select hits || ' ' || (resets_at between clock_timestamp() + interval '59 seconds' and clock_timestamp() + interval '1 minute') from private.rate_limits where key = 'probe:hit:a'), '1 true',
  '... in a new window that starts with that hit');
select lives_ok($$select private.rate_limit('probe:hit:a', interval '1 minute', 3)$$, '... which has room for the rest');
select is((select hits from private.rate_limits where key = 'probe:hit:a'), 2, '... counted in it');

-- Arguments
select throws_ok($$select private.rate_limit('no owner', interval '1 minute', 3)$$, '22023', null, 'a key must be <owner>:<action>:<subject>');
select throws_ok($$select private.rate_limit('Probe:hit:x', interval '1 minute', 3)$$, '22023', null, '... with a lowercase owner');
select throws_ok($$select private.rate_limit(null, interval '1 minute', 3)$$, '22023', null, '... and not null');
select throws_ok($$select private.rate_limit('probe:hit:x', interval '0.5 seconds', 3)$$, '22023', null, 'a window is at least a second');
select throws_ok($$select private.rate_limit('probe:hit:x', interval '32 days', 3)$$, '22023', null, '... and at most 31 days');
select throws_ok($$select private.rate_limit('probe:hit:x', interval '1 minute', 0)$$, '22023', null, 'a maximum is at least 1');

-- Clean-up -----------------------------------------------------------------------------------------------------------
delete from private.rate_limits;
insert into private.rate_limits (key, hits, resets_at) values
  ('probe:old:1', 5, now() - interval '1 hour'), ('probe:old:2', 1, now() - interval '1 second'),
  ('probe:live:1', 2, now() + interval '1 second'), ('probe:live:2', 9, now() + interval '1 day');
select is(private.purge_rate_limits(), 2, 'the clean-up removes the rows of windows that have ended');
select results_eq($$select key from private.rate_limits order by key$$, array['probe:live:1', 'probe:live:2'], '... and keeps running windows');
select is((select schedule || ' ' || command from cron.job where jobname = 'purge-rate-limits'), '*/10 * * * * select private.purge_rate_limits()',
  'pg_cron runs the clean-up every ten minutes');

-- Messaging: PA113 (kept for clients), from the core's limiter ------------------------------------------------------
update private.system_configuration set config_value = '2' where config_key = 'messages.per_minute';
select tests.authenticate_as(:'usr');
select public.create_conversation('group', array[:'other']::uuid[], 'Limits') as grp \gset
insert into public.messages (conversation_id, content) select :'grp', 'm' || i from generate_series(1, 2) i;
select is(tests.rate_limit_error(format($$insert into public.messages (conversation_id, content) values (%L, 'one more')$$, :'grp')),
  '{"state": "PA113", "detail": {"retry_after": 60, "limit": 2, "window_seconds": 60}}'::jsonb,
  'a third message in the minute raises PA113 with retry_after');
reset role;
select is((select hits from private.rate_limits where key = 'messaging:send:' || :'usr'), 2, 'messages are counted under messaging:send:<user id>');
select tests.authenticate_as(:'other');
select lives_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'my turn')$$, :'grp'), 'each author has their own limit');
reset role;

-- Analytics: PA111 -----------------------------------------------------------------------------------------------------
update private.system_configuration set config_value = '2' where config_key = 'analytics.events_per_minute';
select tests.authenticate_as(:'usr');
select public.track_event('page_view', '{"path": "/a"}');
select public.track_event('page_view', '{"path": "/b"}');
select is(tests.rate_limit_error($$select public.track_event('page_view', '{"path": "/c"}')$$),
  '{"state": "PA111", "detail": {"retry_after": 60, "limit": 2, "window_seconds": 60}}'::jsonb,
  'a third analytics event in the minute raises PA111 with retry_after');
reset role;
select is((select hits from private.rate_limits where key = 'analytics:track:' || :'usr'), 2, 'events are counted under analytics:track:<user id>');
select is((select count(*) from audit.analytics_events where user_id = :'usr')::int, 2, '... and the refused one is not stored');

-- AI requests a minute: PA111; the daily credit cap stays its own (PA112) ------------------------------------------
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
values ('m-rate', 'openai', 2, 10, 1, 1000);
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'usr', 'CREDIT'), 1000, 'bonus', 'fund-rate-user') \g /dev/null
insert into billing.ai_user_limits (user_id, requests_per_minute, daily_credit_cap) values (:'usr', 1, 5);
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-rate', 1000, 10, 'general', null, null, 'rl-1', 'x')$$, :'usr'), 'PA112', null,
  'a request over the daily credit cap is refused by the cap');
select is((select count(*) from private.rate_limits where key = 'ai:request:' || :'usr')::int, 0, '... and uses up no request of the minute (its hit rolled back)');
update billing.ai_user_limits set daily_credit_cap = null where user_id = :'usr';
select is((select status from billing.ai_reserve(:'usr', 'm-rate', 10, 10, 'general', null, null, 'rl-2', 'x')), 'reserved', 'the one request of the minute passes');
select is(tests.rate_limit_error(format($$select * from billing.ai_reserve(%L, 'm-rate', 10, 10, 'general', null, null, 'rl-3', 'x')$$, :'usr')),
  '{"state": "PA111", "detail": {"retry_after": 60, "limit": 1, "window_seconds": 60}}'::jsonb,
  'the next raises PA111 with retry_after, under the user''s own limit of billing.ai_user_limits');
select throws_ok(format($$select * from billing.ai_reserve(%L, 'm-rate', 10, 10, 'general', null, null, 'rl-2', 'x')$$, :'usr'), 'PA110', null,
  'a retry with the same idempotency key is answered by the key (still running), not limited as a new request');
select is((select hits from private.rate_limits where key = 'ai:request:' || :'usr'), 1, 'AI requests are counted under ai:request:<user id>');

select * from finish();
rollback;
