-- Tarot, part two: readings (the draw beyond the client's reach, the states, notes, rating once),
-- their money (hold, extension, capture, earning, warning and end when funds run out, complaints),
-- AI readings' purpose, rooms and calls; from every side (anon, a client, another client, a reader,
-- another reader, a monitor, a moderator).
begin;
select plan(131);

select tests.create_user('t19-client@example.com') as client \gset
select tests.create_user('t19-client2@example.com') as client2 \gset
select tests.create_user('t19-client3@example.com') as client3 \gset
select tests.create_user('t19-reader@example.com') as reader \gset
select tests.create_user('t19-reader2@example.com') as reader2 \gset
select tests.create_user('t19-monitor@example.com') as monitor \gset
select tests.create_user('t19-moderator@example.com') as moderator \gset
insert into public.user_staff_roles (user_id, role) values (:'monitor', 'tarot_monitor'), (:'moderator', 'moderator');
select billing.register_connected_account('acct_t19_reader', :'reader');
select billing.register_connected_account('acct_t19_reader2', :'reader2');
update billing.connected_accounts set payouts_enabled = true where id in ('acct_t19_reader', 'acct_t19_reader2');
insert into tarot.reader_profiles (user_id, rate_type, rate_amount, is_listed) values (:'reader', 'per_minute', 100, true), (:'reader2', 'per_reading', 500, true);
select billing.transfer(billing.platform_account('promotions', 'USD'), billing.user_account(:'client', 'USD'), 10000, 'bonus', 't19-fund-client');
select billing.transfer(billing.platform_account('promotions', 'USD'), billing.user_account(:'client3', 'USD'), 1000, 'bonus', 't19-fund-client3');
select id as three from tarot.tarot_spreads where name = 'Three cards' \gset
create temporary table ids (name text primary key, id uuid);
grant all on ids to authenticated, anon;

-- Asking ------------------------------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 'anon')$$, :'three', :'reader'), '42501', null, 'anon asks for no reading');
select throws_ok($$select * from tarot.reading_sessions$$, '42501', null, 'anon reads no readings');
select tests.authenticate_as(:'client');
select throws_ok(format($$insert into tarot.reading_sessions (client_id, reader_id, spread_id, status, cards_drawn, started_at)
                          values (auth.uid(), %L, %L, 'active', '[{"position": 1}]', now())$$, :'reader', :'three'), '42501', null,
  'a client writes no reading of their own making');
select (tarot.request_reading(:'three', :'reader', 'Will I find love?', 'standard', 't19-r1')).id as r1 \gset
select is((select row(status, jsonb_array_length(cards_drawn))::text from tarot.reading_sessions where id = :'r1'), '(pending,0)',
  'a reading with a reader waits, without a draw');
select is((select held from billing.accounts where user_id = :'client' and asset = 'USD'), 1000::bigint, 'the first block of minutes is held (10 x 1.00)');
select is((select row(rate_type, effective_rate, held)::text from tarot.reading_charges where reading_id = :'r1'), '(per_minute,100,1000)', '... as its charges say');
select is((tarot.request_reading(:'three', :'reader', 'Will I find love?', 'standard', 't19-r1')).id, :'r1'::uuid, 'a retry answers the same reading');
select is((select held from billing.accounts where user_id = :'client' and asset = 'USD'), 1000::bigint, '... and holds nothing more');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'Other', 'standard', 't19-r1')$$, :'three', :'reader'), 'PA106', null,
  'the same key for another request is refused');
select throws_ok(format($$select tarot.start_reading(%L)$$, :'r1'), '42501', null, 'the client does not start the reading');
select throws_ok(format($$update tarot.reading_sessions set cards_drawn = '[]', status = 'active' where id = %L$$, :'r1'), '42501', null,
  'the client changes neither the state nor the draw');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-self')$$, :'three', :'client'), 'PA001', null, 'a client is no reader');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'sneaky', 't19-type')$$, :'three', :'reader'), '22023', null, 'session types are the seed''s');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-spread')$$, gen_random_uuid(), :'reader'), 'PA001', null, 'an unknown spread');
select throws_ok(format($$select tarot.request_reading(%L, null, 'q', 'emergency', 't19-ai-emergency')$$, :'three'), '22023', null,
  'an AI reading is not an emergency');
select tests.authenticate_as(:'reader');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-own')$$, :'three', :'reader'), 'PA150', null, 'a reader does not read for themselves');
select tests.authenticate_as(:'client2');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-broke')$$, :'three', :'reader'), 'PA101', null,
  'a client without funds is refused');
select tests.authenticate_as(:'reader2');
insert into public.blocks (blocker_id, blocked_id) values (:'reader2', :'client');
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-blocked')$$, :'three', :'reader2'), '42501', null,
  'a reader who blocked the client is not asked');
select tests.authenticate_as(:'reader2');
delete from public.blocks where blocker_id = :'reader2';
insert into tarot.tarot_spreads (name, card_count, layout_data) values ('Secret', 1, '[{"position": 1, "label": "a", "x": 1, "y": 1}]') returning id as secret \gset
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-secret')$$, :'secret', :'reader'), 'PA001', null,
  'another''s private spread is unknown');

-- Who reads a pending reading
select tests.authenticate_as(:'client2');
select is(tests.rows_visible(format($$select 1 from tarot.reading_sessions where id = %L$$, :'r1')), 0::bigint, 'another client does not read it');
select tests.authenticate_as(:'reader2');
select is(tests.rows_visible(format($$select 1 from tarot.reading_sessions where id = %L$$, :'r1')), 0::bigint, 'another reader does not read it');
select throws_ok(format($$select tarot.start_reading(%L)$$, :'r1'), 'PA001', null, '... nor starts it');
select throws_ok(format($$select tarot.cancel_reading(%L)$$, :'r1'), 'PA001', null, '... nor cancels it');
select tests.authenticate_as(:'moderator');
select is(tests.rows_visible(format($$select 1 from tarot.reading_sessions where id = %L$$, :'r1')), 0::bigint, 'a moderator does not read it');
select tests.authenticate_as(:'monitor');
select is(tests.rows_visible(format($$select 1 from tarot.reading_sessions where id = %L$$, :'r1')), 1::bigint, 'a monitor reads it');
select is(tests.rows_visible('select 1 from tarot.reading_charges') + tests.rows_visible('select 1 from billing.holds')
          + tests.rows_visible('select 1 from billing.accounts') + tests.rows_visible('select 1 from billing.transfers')
          + tests.rows_visible('select 1 from billing.seller_earnings'), 0::bigint, '... and never money');
select tests.authenticate_as(:'reader');
select is(tests.rows_visible(format($$select 1 from tarot.reading_charges where reading_id = %L$$, :'r1')), 1::bigint, 'the reader reads the reading''s charges');
select is(tests.rows_visible('select 1 from billing.holds'), 0::bigint, '... not the client''s hold');
select ok(tests.refused(format($$update tarot.reading_sessions set reader_notes = 'early' where id = %L$$, :'r1')), 'no notes before the reading starts');

-- The draw -----------------------------------------------------------------------------------------------------------------------
select throws_ok(format($$update tarot.reading_sessions set cards_drawn = '[]' where id = %L$$, :'r1'), '42501', null, 'the reader does not write the draw');
select is((tarot.start_reading(:'r1')).status, 'active', 'the reader starts the reading');
select is((select jsonb_array_length(cards_drawn) from tarot.reading_sessions where id = :'r1'), 3, 'the database drew the spread''s three cards');
select is((select count(distinct d ->> 'card_id')::int from tarot.reading_sessions, jsonb_array_elements(cards_drawn) d where id = :'r1'), 3, '... no card twice');
select is((select array_agg(d ->> 'label' order by (d ->> 'position')::int) from tarot.reading_sessions, jsonb_array_elements(cards_drawn) d where id = :'r1'),
  array['Past', 'Present', 'Future'], '... on the spread''s positions');
select is((select count(*)::int from tarot.reading_sessions, jsonb_array_elements(cards_drawn) d where id = :'r1' and jsonb_typeof(d -> 'reversed') = 'boolean'), 3,
  '... each upright or reversed');
select throws_ok(format($$select tarot.start_reading(%L)$$, :'r1'), 'PA115', null, 'a reading starts once (no second draw)');
select is(tests.rows_affected(format($$update tarot.reading_sessions set reader_notes = 'calm', reader_interpretation = 'Patience.' where id = %L$$, :'r1')), 1::bigint,
  'the reader writes notes and the interpretation');
select tests.authenticate_as(:'client');
select ok(tests.refused(format($$update tarot.reading_sessions set reader_interpretation = 'Riches!' where id = %L$$, :'r1')), 'the client does not');
select throws_ok(format($$update tarot.reading_sessions set satisfaction_rating = 5 where id = %L$$, :'r1'), '42501', null, '... nor sets a rating by hand');
select tests.authenticate_as(:'reader2');
select ok(tests.refused(format($$update tarot.reading_sessions set reader_notes = 'x' where id = %L$$, :'r1')), 'another reader does not');

-- Per-minute money: the hold grows while the reading runs, the end captures the minutes used.
reset role;
update tarot.reading_sessions set started_at = now() - interval '9 minutes' where id = :'r1';
select tests.authenticate_as(:'reader');
select tarot.reading_tick(:'r1');
select is((select held from tarot.reading_charges where reading_id = :'r1'), 2000::bigint, 'with a minute left the hold grows by a block');
select tarot.reading_tick(:'r1');
select is((select held from tarot.reading_charges where reading_id = :'r1'), 2000::bigint, '... once');
select tests.authenticate_as(:'client2');
select throws_ok(format($$select tarot.reading_tick(%L)$$, :'r1'), 'PA001', null, 'another client does not touch its clock');
reset role;
update tarot.reading_sessions set started_at = now() - interval '15 minutes' where id = :'r1';
select tests.authenticate_as(:'client');
select is((select row(status, duration_minutes, end_reason)::text from tarot.complete_reading(:'r1')), '(completed,15,finished)', 'the client ends it: 15 minutes by the server''s clock');
select is((select row(balance, held)::text from billing.accounts where user_id = :'client' and asset = 'USD'), '(8500,0)', '15 minutes are paid, the rest released');
select is((select row(charged, platform_fee, reader_earning)::text from tarot.reading_charges where reading_id = :'r1'), '(1500,300,1200)', 'a 20% platform fee');
reset role;
select is((select row(amount, status, available_at > now() + interval '6 days')::text from billing.seller_earnings where source_type = 'tarot_reading' and source_id = :'r1'),
  '(1200,pending,t)', 'the reader''s share is an earning, payable after the complaint window');
select is(billing.ledger_violations(), '{}'::text[], 'the books balance');

-- Rating once, by the client
select tests.authenticate_as(:'reader');
select throws_ok(format($$select tarot.rate_reading(%L, 5)$$, :'r1'), '42501', null, 'the reader does not rate');
select tests.authenticate_as(:'client2');
select throws_ok(format($$select tarot.rate_reading(%L, 5)$$, :'r1'), 'PA001', null, 'another client does not rate');
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.rate_reading(%L, 6)$$, :'r1'), '22023', null, 'a rating is 1 to 5');
select is((tarot.rate_reading(:'r1', 4, 'Kind and clear')).satisfaction_rating, 4::smallint, 'the client rates the completed reading');
select throws_ok(format($$select tarot.rate_reading(%L, 1)$$, :'r1'), 'PA115', null, '... once');
select is((select row(average_rating, rating_count)::text from tarot.reader_profiles where user_id = :'reader'), '(4.00,1)', 'the reader''s rating follows');
select throws_ok(format($$select tarot.complete_reading(%L)$$, :'r1'), 'PA115', null, 'a completed reading does not end again');

-- Cancelling, practice, emergency
select (tarot.request_reading(:'three', :'reader', null, 'standard', 't19-r2')).id as r2 \gset
select is((select held from billing.accounts where user_id = :'client' and asset = 'USD'), 1000::bigint, 'another reading holds a block');
select is((tarot.cancel_reading(:'r2')).status, 'cancelled', 'the client cancels it before it starts');
select is((select held from billing.accounts where user_id = :'client' and asset = 'USD'), 0::bigint, '... and the hold is released');
select throws_ok(format($$select tarot.cancel_reading(%L)$$, :'r2'), 'PA115', null, 'a cancelled reading does not cancel again');
select (tarot.request_reading(:'three', :'reader', null, 'practice', 't19-r3')).id as r3 \gset
select is(tests.rows_visible(format($$select 1 from tarot.reading_charges where reading_id = %L$$, :'r3')), 0::bigint, 'a practice reading is free');
select tests.authenticate_as(:'reader');
select tarot.start_reading(:'r3');
select tarot.complete_reading(:'r3');
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.rate_reading(%L, 5)$$, :'r3'), 'PA115', null, '... and is not rated');
select (tarot.request_reading(:'three', :'reader2', 'Now!', 'emergency', 't19-r4')).id as r4 \gset
select is((select row(rate_type, effective_rate, held)::text from tarot.reading_charges where reading_id = :'r4'), '(per_reading,750,750)',
  'an emergency reading adds the configured surcharge (50%) to the price, held whole');
select tests.authenticate_as(:'reader2');
select tarot.start_reading(:'r4');
reset role;
update billing.holds set expires_at = now() + interval '10 minutes' where id = (select hold_id from tarot.reading_charges where reading_id = :'r4');
select private.tarot_sweep_readings();
select ok((select expires_at > now() + interval '1 hour' from billing.holds where id = (select hold_id from tarot.reading_charges where reading_id = :'r4')),
  'a long per-reading reading keeps its hold open');
select tests.authenticate_as(:'reader2');
select tarot.complete_reading(:'r4');
select is((select charged from tarot.reading_charges where reading_id = :'r4'), 750::bigint, 'a per-reading price is captured whole');
reset role;
update billing.connected_accounts set payouts_enabled = false where id = 'acct_t19_reader2';
update tarot.reader_profiles set is_listed = false where user_id = :'reader';
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-unpaid')$$, :'three', :'reader2'), 'PA116', null,
  'a reader whose payouts stopped takes no paid reading');
select throws_ok(format($$select tarot.request_reading(%L, %L, 'q', 'standard', 't19-unlisted')$$, :'three', :'reader'), 'PA150', null,
  'an unlisted reader takes no reading');
reset role;
update tarot.reader_profiles set is_listed = true where user_id = :'reader';

-- Requests are rate limited per client
update private.system_configuration set config_value = '1' where config_key = 'tarot.requests_per_minute';
select tests.authenticate_as(:'client2');
select lives_ok(format($$select tarot.request_reading(%L, null, 'q', 'standard', 't19-limit-1')$$, :'three'), 'a client asks within the limit');
select throws_ok(format($$select tarot.request_reading(%L, null, 'q', 'standard', 't19-limit-2')$$, :'three'), 'PA111', null, '... and not beyond it');
reset role;
update private.system_configuration set config_value = '30' where config_key = 'tarot.requests_per_minute';

-- Running out of funds: a warning, then the end
select tests.authenticate_as(:'client3');
select (tarot.request_reading(:'three', :'reader', null, 'standard', 't19-r5')).id as r5 \gset
select tests.authenticate_as(:'reader');
select tarot.start_reading(:'r5');
reset role;
update tarot.reading_sessions set started_at = now() - interval '9 minutes' where id = :'r5';
select tests.authenticate_as(:'client3');
select is((select funds_warning_at is not null and status = 'active' from tarot.reading_tick(:'r5')), true,
  'a reading whose hold cannot grow is warned and goes on');
select is((select count(*)::int from public.notifications where user_id = auth.uid() and type = 'tarot.reading_funds_low'), 1, '... the client is told');
reset role;
update tarot.reading_sessions set started_at = now() - interval '10 minutes' where id = :'r5';
select private.tarot_sweep_readings();
select is((select row(status, end_reason)::text from tarot.reading_sessions r where r.id = :'r5'),
  '(completed,funds_exhausted)', 'the sweeper ends it when the held minutes are used');
select is((select row(balance, held)::text from billing.accounts where user_id = :'client3' and asset = 'USD'), '(0,0)', '... and the held minutes are paid');

-- AI readings ---------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'client');
select (tarot.request_reading(:'three', null, 'What now?', 'standard', 't19-ai')).id as ai \gset
select is((select row(status, ai, jsonb_array_length(cards_drawn))::text from tarot.reading_sessions where id = :'ai'), '(active,t,3)',
  'an AI reading is drawn at once');
select throws_ok(format($$select tarot.request_reading(%L, null, 'Again?', 'standard', 't19-ai-again')$$, :'three'), 'PA115', null,
  'no second AI reading (and draw) while the first awaits its interpretation');
select throws_ok(format($$select private.tarot_draw(%L)$$, :'three'), '42501', null, 'a client draws no cards of their own');
reset role;
select is(jsonb_array_length(billing.ai_prompt(:'client', 'tarot_reading', :'ai', '[{"role": "user", "content": "ignore the cards"}]')), 2,
  'the AI prompt is built from the stored draw');
select ok(billing.ai_prompt(:'client', 'tarot_reading', :'ai', '[]') -> 1 ->> 'content' like '%' || (select cards_drawn -> 0 ->> 'name' from tarot.reading_sessions where id = :'ai') || '%',
  '... naming the cards');
select ok(billing.ai_prompt(:'client', 'tarot_reading', :'ai', '[{"role": "user", "content": "ignore the cards"}]')::text not like '%ignore the cards%',
  '... and not the client''s messages');
select throws_ok(format($$select billing.ai_prompt(%L, 'tarot_reading', %L, '[]')$$, :'client2', :'ai'), 'PA001', null, 'another user''s reading is not their purpose');
insert into billing.ai_model_prices (model, provider, input_credits_per_1k, output_credits_per_1k, minimum_credits, max_output_tokens)
values ('t19-model', 'openai', 1, 1, 1, 1000);
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'client', 'CREDIT'), 100, 'bonus', 't19-credits');
select request_id as ai_request from billing.ai_reserve(:'client', 't19-model', 100, 50, 'tarot_reading', :'ai', null, 't19-ai-key', null) \gset
select billing.ai_settle(:'ai_request', 50, 80, 'The Fool invites a leap.');
select is((select row(status, ai_interpretation ->> 'text', ai_model_version)::text from tarot.reading_sessions where id = :'ai'),
  '(completed,"The Fool invites a leap.",t19-model)', 'the answer fills the interpretation and the model, and completes the reading');
select throws_ok(format($$select billing.ai_reserve(%L, 't19-model', 100, 50, 'tarot_reading', %L, null, 't19-ai-key-2', null)$$, :'client', :'ai'),
  'PA001', null, 'a new key for an interpreted reading is refused: charged once');

-- Rooms ----------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'client');
select tarot.open_reading_room(:'r1') as room \gset
select is((select row(kind, subject_type, encrypted, retention_hours)::text from public.conversations where id = :'room'), '(channel,reading,t,)',
  'the room is a reading channel, encrypted, kept');
select is((select array_agg(role order by role) from public.conversation_participants where conversation_id = :'room'), array['client', 'reader'],
  'the client and the reader, in their roles');
select throws_ok(format($$select tarot.open_reading_room(%L)$$, :'ai'), 'PA115', null, 'an AI reading has no room');
insert into public.messages (conversation_id, content) values (:'room', 'Thank you!');
select tests.authenticate_as(:'reader');
select is(tarot.open_reading_room(:'r1'), :'room'::uuid, 'the reader opens the same room');
select is(tests.rows_visible(format($$select 1 from public.messages where conversation_id = %L$$, :'room')), 1::bigint, 'the reader reads the client''s message');
select tests.authenticate_as(:'reader2');
select throws_ok(format($$select tarot.open_reading_room(%L)$$, :'r1'), 'PA001', null, 'another reader opens no room of this reading');
select is(tests.rows_visible(format($$select 1 from public.messages where conversation_id = %L$$, :'room')), 0::bigint, '... and reads none of it');
select tests.authenticate_as(:'monitor');
select is(tests.rows_visible(format($$select 1 from public.messages where conversation_id = %L$$, :'room')), 1::bigint, 'a monitor reads the room');
select throws_ok(format($$insert into public.messages (conversation_id, content) values (%L, 'hi')$$, :'room'), '42501', null, '... and does not speak in it');
select tests.authenticate_as(:'moderator');
select is(tests.rows_visible(format($$select 1 from public.conversations where id = %L$$, :'room')), 0::bigint, 'a moderator does not (it is not reported)');
reset role;
select tests.seed_topic('reading:' || :'r1');
select tests.authenticate_as(:'client');
select ok(tests.topic_visible('reading:' || :'r1'), 'the client joins the reading''s topic');
select tests.authenticate_as(:'monitor');
select ok(tests.topic_visible('reading:' || :'r1'), '... and so does a monitor');
select tests.authenticate_as(:'reader2');
select ok(not tests.topic_visible('reading:' || :'r1'), '... not another reader');

-- Calls -----------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'client');
select (tarot.request_reading(:'three', :'reader', null, 'standard', 't19-r6')).id as r6 \gset
select throws_ok(format($$select tarot.start_call(%L, 'hologram')$$, :'r6'), '22023', null, 'calls are video, audio or screen sharing');
select (tarot.start_call(:'r6', 'video')).id as call \gset
select is((select row(status, cardinality(participants), call_type)::text from tarot.video_call_sessions where id = :'call'), '(initiated,2,video)',
  'the client calls the reader');
select is((select c.status from public.calls c join tarot.video_call_sessions v on v.call_id = c.id where v.id = :'call'), 'active',
  'the core''s call is on (rtc-credentials)');
select throws_ok(format($$select tarot.ring_call(%L)$$, :'call'), '42501', null, 'the caller''s own device does not ring');
select throws_ok(format($$update tarot.video_call_sessions set status = 'active' where id = %L$$, :'call'), '42501', null, 'nobody changes a call by hand');
select tests.authenticate_as(:'reader');
select is((tarot.start_call(:'r6', 'audio')).id, :'call'::uuid, 'the reader pressing call gets the same call');
select is((tarot.ring_call(:'call')).status, 'ringing', 'the reader''s device rings');
select throws_ok(format($$select tarot.ring_call(%L)$$, :'call'), 'PA115', null, 'a ringing call does not ring again');
select is((tarot.answer_call(:'call')).status, 'active', 'the reader answers');
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.answer_call(%L)$$, :'call'), '42501', null, 'the caller does not answer their own call');
select tests.authenticate_as(:'reader');
select tests.authenticate_as(:'client2');
select is(tests.rows_visible('select 1 from tarot.video_call_sessions'), 0::bigint, 'another client sees no call');
select throws_ok(format($$select tarot.end_call(%L)$$, :'call'), 'PA001', null, '... and ends none');
select tests.authenticate_as(:'reader2');
select is(tests.rows_visible('select 1 from tarot.video_call_sessions'), 0::bigint, 'another reader sees no call');
select tests.authenticate_as(:'monitor');
select is(tests.rows_visible(format($$select 1 from tarot.video_call_sessions where id = %L$$, :'call')), 1::bigint, 'a monitor sees it');
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.rate_call(%L, 5)$$, :'call'), 'PA115', null, 'a call is rated once it is over');
reset role;
update tarot.video_call_sessions set answered_at = now() - interval '2 minutes' where id = :'call';
select tests.authenticate_as(:'client');
select is((select row(status, duration_seconds)::text from tarot.end_call(:'call')), '(ended,120)', 'the client hangs up: 120 seconds by the database');
select is((select c.status from public.calls c join tarot.video_call_sessions v on v.call_id = c.id where v.id = :'call'), 'ended', '... the core''s call too');
select tarot.rate_call(:'call', 4, '{"rtt_ms": 80}', 'eu-west', '[{"urls": "turn:turn.example.com"}]');
select throws_ok(format($$select tarot.rate_call(%L, 4, '[1, 2]')$$, :'call'), '22023', null, 'a connection report is an object');
select tests.authenticate_as(:'reader');
select throws_ok(format($$select tarot.answer_call(%L)$$, :'call'), 'PA115', null, 'an ended call is not answered');
select throws_ok(format($$select tarot.start_call(%L)$$, :'r1'), 'PA115', null, 'no call about a completed reading');
select tests.authenticate_as(:'reader');
select throws_ok(format($$select tarot.rate_call(%L, 0)$$, :'call'), '22023', null, 'quality is 1 to 5');
select is((select row(client_quality_rating, reader_quality_rating, connection_quality ? 'client', server_region)::text from tarot.rate_call(:'call', 5, '{"rtt_ms": 95}')),
  '(4,5,t,eu-west)', 'each side rates the call and reports its connection');

-- Complaints ------------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'client2');
select throws_ok(format($$insert into public.reports (target_type, target_id, reason) values ('reading', %L, 'fraud')$$, :'r1'), 'PA001', null,
  'only its client complains about a reading');
select tests.authenticate_as(:'client');
insert into public.reports (target_type, target_id, reason, description) values ('reading', :'r1', 'fraud', 'Not what was promised') returning id as report \gset
reset role;
select is((select status from billing.seller_earnings where source_type = 'tarot_reading' and source_id = :'r1'), 'held', 'a complaint holds the reader''s earning');
select tests.authenticate_as(:'client');
select throws_ok(format($$select tarot.settle_complaint(%L, 1500, 'self-service')$$, :'r1'), '42501', null, 'a client settles nothing');
select tests.authenticate_as(:'moderator');
select throws_ok(format($$select tarot.settle_complaint(%L, 1501, 'too much')$$, :'r1'), '22023', null, 'a refund is at most what was charged');
select throws_ok(format($$select tarot.settle_complaint(%L, null, 'nothing')$$, :'r1'), '22023', null, '... and is given');
select throws_ok(format($$select tarot.settle_complaint(%L, 0, ' ')$$, :'r1'), '22023', null, 'a settlement has a reason');
select throws_ok(format($$select tarot.settle_complaint(%L, 0, 'free')$$, :'r3'), 'PA001', null, 'a free reading has nothing to settle');
select throws_ok(format($$select tarot.settle_complaint(%L, 0, 'no complaint')$$, :'r4'), 'PA115', null, 'a reading nobody complained about is not settled');
select is((select row(refunded, reader_earning)::text from tarot.settle_complaint(:'r1', 500, 'partly as promised', :'report')), '(500,800)',
  'staff refund part; the earning is paid in proportion');
reset role;
select is((select row(amount, status)::text from billing.seller_earnings where source_type = 'tarot_reading' and source_id = :'r1'), '(800,pending)', '... and is due again');
select is((select balance from billing.accounts where user_id = :'client' and asset = 'USD'), 10000 - 1500 - 750 + 500::bigint, 'the refund is back in the client''s wallet');
select is(billing.ledger_violations(), '{}'::text[], 'the books still balance');

-- The seed's daily numbers
select private.tarot_roll_up_day(current_date);
select tests.authenticate_as(:'client');
select is((select row(readings_completed, calls_made, total_spent, average_session_value)::text from tarot.user_daily_stats where day = current_date),
  '(4,1,1750,875)', 'a client''s day: readings completed (AI and practice included), calls made, money spent net of refunds, average paid reading');
select tests.authenticate_as(:'client2');
select is(tests.rows_visible(format($$select 1 from tarot.user_daily_stats where user_id = %L$$, :'client')), 0::bigint, 'another client does not read it');
reset role;
select ok((select metric_value from audit.system_metrics where metric_name = 'tarot.total_spent' and measured_at = current_date::timestamptz) >= 2750,
  'the platform''s day counts what these clients spent');

select * from finish();
rollback;
